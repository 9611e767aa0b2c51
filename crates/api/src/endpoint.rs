//! Every route of the API is declared once, as an [`Endpoint`]: a handler with its
//! `#[utoipa::path]` documentation. The router serves the path and method the documentation
//! names (`routes::configure`) and the OpenAPI document is made of the same operations
//! (`openapi::spec`), so the two cannot disagree: an undocumented handler cannot be served, a
//! documented path always is.

use actix_web::dev::Handler;
use actix_web::http::Method;
use actix_web::{FromRequest, Responder, web};
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{HttpMethod, Paths};
use utoipa::openapi::schema::Schema;
use utoipa_actix_web::OpenApiFactory;

/// One operation: where it is served, the handler that serves it, and how it is documented.
pub struct Endpoint {
    /// The documented path, e.g. `/api/v1/rounds/{id}` (actix reads the same `{name}` segments).
    pub path: String,
    pub method: Method,
    /// The largest body the route reads, when it is not the framework's default.
    pub payload_limit: Option<usize>,
    route: Box<dyn Fn() -> actix_web::Route>,
    /// Its documentation, built only when the document is (not for every worker's router).
    doc: Box<dyn OpenApiFactory>,
}

/// The endpoint of `handler`, documented by `doc` (the `__path_<handler>` its `#[utoipa::path]`
/// generates).
///
/// # Panics
/// When the documentation names more or fewer than one method: every handler serves one
/// operation, and a test that starts the server finds any that does not.
pub fn endpoint<D, F, Args>(doc: D, handler: F) -> Endpoint
where
    D: utoipa::Path + OpenApiFactory + 'static,
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let path = D::path();
    let method = match D::methods().as_slice() {
        [method] => method_of(method),
        more => panic!("{path} documents {} methods; an endpoint serves one", more.len()),
    };
    let served = method.clone();
    let route = Box::new(move || web::method(served.clone()).to(handler.clone()));
    Endpoint { path, method, payload_limit: None, route, doc: Box::new(doc) }
}

impl Endpoint {
    /// The same endpoint, reading bodies of up to `bytes` (e.g. a CSV file to import).
    pub fn payload_limit(self, bytes: usize) -> Endpoint {
        Endpoint { payload_limit: Some(bytes), ..self }
    }

    /// The actix route that serves it.
    pub fn route(&self) -> actix_web::Route {
        (self.route)()
    }

    /// The operation as the document shows it (one path, one method), and the schemas it refers
    /// to, for the document's components.
    pub fn document(&self) -> (Paths, Vec<(String, RefOr<Schema>)>) {
        let mut schemas = Vec::new();
        self.doc.schemas(&mut schemas);
        (self.doc.paths(), schemas)
    }
}

/// The HTTP method a documented one names.
fn method_of(method: &HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Trace => Method::TRACE,
    }
}

/// Endpoints grouped by path, each path where it first appears: the order the router tries them
/// in (a literal segment such as `/consultations/follow` must come before `/consultations/{id}`).
pub fn by_path(endpoints: &[Endpoint]) -> Vec<(&str, Vec<&Endpoint>)> {
    let mut grouped: Vec<(&str, Vec<&Endpoint>)> = Vec::new();
    for endpoint in endpoints {
        match grouped.iter_mut().find(|(path, _)| *path == endpoint.path) {
            Some((_, same)) => same.push(endpoint),
            None => grouped.push((&endpoint.path, vec![endpoint])),
        }
    }
    grouped
}
