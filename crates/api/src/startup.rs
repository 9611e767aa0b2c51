//! Start-up that tests can drive: build the app from settings, bind, and hand back the server
//! with its mail worker.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::auth::{JwtKeys, PasswordPool};
use crate::background::Periodic;
use crate::clock::Clock;
use crate::error::{self, ApiError};
use crate::load::{self, Load};
use crate::mail::{self, MailSignal};
use crate::sealing::SealingKey;
use crate::settings::Settings;
use crate::state::{AppState, PublicFigures};
use crate::telemetry::RedactedRootSpan;
use crate::throttle::{self, Throttles};
use crate::{audit, db, middleware, notices, openapi, routes, spa, webhooks};

/// The largest JSON body a request may carry.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// A built, bound application: `run` it, or read where it listens.
pub struct Application {
    port: u16,
    server: Server,
    worker: mail::worker::WorkerHandle,
    notices: Periodic,
    sealer: Periodic,
    webhooks: Periodic,
    sweeper: Periodic,
}

impl Application {
    /// Checks the settings, connects, applies pending migrations, starts the mail worker and binds
    /// `settings.bind` (port 0 picks a free one).
    pub async fn build(settings: Settings, clock: Clock) -> Result<Application, ApiError> {
        settings.check().map_err(ApiError::Internal)?;
        let db = db::connect(&settings.database_url).await?;
        db::migrate(&db).await?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| ApiError::Internal(format!("cannot bind {}: {e}", settings.bind)))?;
        let port = listener.local_addr().map_err(|e| ApiError::Internal(e.to_string()))?.port();
        let signal = MailSignal::default();
        let load = Load::default();
        let worker = mail::worker::spawn(db.clone(), &settings, clock.clone(), signal.clone(), load.clone())
            .map_err(ApiError::Internal)?;
        let notices = notices::spawn(db.clone(), clock.clone(), settings.public_url.clone(), signal.clone());
        let sealer = audit::chain::spawn_sealer(db.clone());
        let sweeper = throttle::spawn_sweeper(db.clone(), clock.clone());
        let sealing = SealingKey::from_base64(&settings.consultation_key).map_err(ApiError::Internal)?;
        let sealed = webhooks::seal_kept_secrets(&db, &sealing).await?;
        if sealed > 0 {
            tracing::info!(sealed, "webhook signing secrets kept in clear are sealed now");
        }
        let webhooks = webhooks::worker::spawn(
            db.clone(),
            clock.clone(),
            settings.webhooks_allow_local,
            sealing.clone(),
        )
        .map_err(ApiError::Internal)?;
        let jwt = web::Data::new(JwtKeys::new(&settings.jwt_secret));
        let app_clock = web::Data::new(clock.clone());
        let load = web::Data::new(load);
        let proxies = web::Data::new(settings.trusted_proxies.clone());
        let transport = web::Data::new(middleware::Transport::of_public_url(&settings.public_url));
        let state = web::Data::new(AppState {
            jwt: JwtKeys::new(&settings.jwt_secret),
            sealing,
            passwords: PasswordPool::default(),
            throttles: Throttles::new(&settings),
            mail: signal,
            figures: PublicFigures::new(&settings),
            db,
            settings,
            clock,
        });
        let server = HttpServer::new(move || {
            App::new()
                .wrap(ErrorHandlers::new().default_handler(error::problem_safety_net))
                .wrap(from_fn(middleware::security_headers))
                .wrap(from_fn(middleware::echo_request_id))
                .wrap(TracingLogger::<RedactedRootSpan>::new())
                .wrap(from_fn(load::count_requests))
                // Outermost, so it compresses the body as finally sent: the API's JSON (a page of
                // programs is 12 KB, 2 KB in brotli) as the client accepts; the SPA's files carry
                // their precompressed Content-Encoding and pass through. Safe from BREACH-style
                // length probes: the API authenticates by a bearer header, never a cookie a
                // cross-site request would carry.
                .wrap(Compress::default())
                .app_data(load.clone())
                .app_data(state.clone())
                .app_data(jwt.clone())
                .app_data(proxies.clone())
                .app_data(transport.clone())
                .app_data(app_clock.clone())
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
        Ok(Application { port, server, worker, notices, sealer, webhooks, sweeper })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the server stops (Ctrl-C or SIGTERM), then lets the mail worker finish the
    /// mail it is sending.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.notices.stop().await;
        self.sealer.stop().await;
        self.webhooks.stop().await;
        self.sweeper.stop().await;
        self.worker.stop().await;
        served
    }
}
