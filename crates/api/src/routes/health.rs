//! `GET /api/health`: the process is up and the database answers.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::error::ApiError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/health").route(web::get().to(health)));
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
    /// `ok` when the database answered a query.
    pub database: &'static str,
}

/// Liveness and database readiness.
#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, body = Health), (status = 503, body = crate::error::Problem)))]
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if db::ping(&state.db).await {
        Ok(HttpResponse::Ok().json(Health { status: "ok", database: "ok" }))
    } else {
        Err(ApiError::plain(
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            "database-unavailable",
            "データベースに接続できません。",
        ))
    }
}
