//! Start-up that tests can drive: build the app from settings, bind, and hand back the server.

use std::net::TcpListener;

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::Server;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{ErrorHandlers, Next, from_fn};
use actix_web::{App, HttpServer, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::{RequestId, TracingLogger};

use crate::auth::JwtKeys;
use crate::clock::Clock;
use crate::error::{self, ApiError};
use crate::settings::Settings;
use crate::{db, openapi, routes, spa};

/// The largest JSON body a request may carry.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// What every handler can reach.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub clock: Clock,
    pub jwt: JwtKeys,
}

/// A built, bound application: `run` it, or read where it listens.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Connects, applies pending migrations, binds `settings.bind` (port 0 picks a free one).
    pub async fn build(settings: Settings, clock: Clock) -> Result<Application, ApiError> {
        let db = db::connect(&settings.database_url).await?;
        db::migrate(&db).await?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| ApiError::Internal(format!("cannot bind {}: {e}", settings.bind)))?;
        let port = listener.local_addr().map_err(|e| ApiError::Internal(e.to_string()))?.port();
        let state = web::Data::new(AppState { jwt: JwtKeys::new(&settings.jwt_secret), db, settings, clock });
        let server = HttpServer::new(move || {
            App::new()
                .wrap(ErrorHandlers::new().default_handler(error::problem_safety_net))
                .wrap(from_fn(echo_request_id))
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(web::JsonConfig::default().limit(MAX_JSON_BYTES).error_handler(error::json_error))
                .app_data(web::QueryConfig::default().error_handler(error::query_error))
                .app_data(web::PathConfig::default().error_handler(error::path_error))
                // The spec and docs first: the `/api` scope answers 404 for anything it does not know.
                .configure(openapi::configure)
                .configure(routes::configure)
                .configure(|cfg| spa::configure(cfg, state.settings.static_dir.clone()))
        })
        .listen(listener)
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Answers every request with the id its log lines carry (`x-request-id`), so that a person
/// reporting a problem can quote it.
async fn echo_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}
