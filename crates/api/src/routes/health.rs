//! `GET /api/health`: the process is up and the database answers.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::error::ApiError;
use crate::load::Load;
use crate::state::AppState;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint(__path_health, health)]
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
    /// `ok` when the database answered a query.
    pub database: &'static str,
    /// Requests this process is answering now, this one included: what a load balancer can weigh,
    /// and what the mail worker gives way to when the process is saturated.
    pub in_flight: usize,
}

/// Liveness and database readiness.
#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, body = Health), (status = 503, body = crate::error::Problem)))]
pub async fn health(state: web::Data<AppState>, load: web::Data<Load>) -> Result<HttpResponse, ApiError> {
    if db::ping(&state.db).await {
        Ok(HttpResponse::Ok().json(Health { status: "ok", database: "ok", in_flight: load.in_flight() }))
    } else {
        Err(ApiError::plain(
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            "database-unavailable",
            "データベースに接続できません。",
        ))
    }
}
