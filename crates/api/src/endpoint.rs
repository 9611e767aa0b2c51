//! Every route of the API is declared once, as an [`Endpoint`]: a handler with its
//! `#[utoipa::path]` documentation. The router serves the path and method the documentation
//! names (`routes::configure`) and the OpenAPI document is made of the same operations
//! (`openapi::spec`), so the two cannot disagree: an undocumented handler cannot be served, a
//! documented path always is.

use actix_web::dev::Handler;
use actix_web::http::Method;
use actix_web::{FromRequest, Responder, web};
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{PathItem, Paths};
use utoipa::openapi::schema::Schema;
use utoipa_actix_web::OpenApiFactory;

/// One operation: where it is served, how it is documented, and the handler that serves it.
pub struct Endpoint {
    /// The documented path, e.g. `/api/v1/rounds/{id}` (actix reads the same `{name}` segments).
    pub path: String,
    pub method: Method,
    /// The operation as the document shows it (one path, one method).
    pub paths: Paths,
    /// The schemas the operation refers to, for the document's components.
    pub schemas: Vec<(String, RefOr<Schema>)>,
    /// The largest body the route reads, when it is not the framework's default.
    pub payload_limit: Option<usize>,
    route: Box<dyn Fn() -> actix_web::Route>,
}

/// The endpoint of `handler`, documented by `doc` (the `__path_<handler>` its `#[utoipa::path]`
/// generates).
///
/// # Panics
/// When the documentation names no path or more than one method: every handler serves one
/// operation, and a test that starts the server finds any that does not.
pub fn endpoint<D, F, Args>(doc: D, handler: F) -> Endpoint
where
    D: OpenApiFactory,
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let paths = doc.paths();
    let mut documented = paths.paths.iter();
    let (path, item) = match (documented.next(), documented.next()) {
        (Some(one), None) => one,
        _ => panic!("an endpoint documents one path: {:?}", paths.paths.keys().collect::<Vec<_>>()),
    };
    let method = match methods_of(item).as_slice() {
        [method] => method.clone(),
        more => panic!("{path} documents {} methods; an endpoint serves one", more.len()),
    };
    let path = path.clone();
    let mut schemas = Vec::new();
    doc.schemas(&mut schemas);
    let served = method.clone();
    let route = Box::new(move || web::method(served.clone()).to(handler.clone()));
    Endpoint { path, method, paths, schemas, payload_limit: None, route }
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
}

/// The methods a documented path item has operations for.
fn methods_of(item: &PathItem) -> Vec<Method> {
    [
        (item.get.is_some(), Method::GET),
        (item.post.is_some(), Method::POST),
        (item.put.is_some(), Method::PUT),
        (item.patch.is_some(), Method::PATCH),
        (item.delete.is_some(), Method::DELETE),
        (item.head.is_some(), Method::HEAD),
        (item.options.is_some(), Method::OPTIONS),
        (item.trace.is_some(), Method::TRACE),
    ]
    .into_iter()
    .filter_map(|(documented, method)| documented.then_some(method))
    .collect()
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
