//! `POST /auth/token`: OAuth 2 client credentials (RFC 6749 §4.4) for societies' systems. The
//! client authenticates with `client_id` and `client_secret` in the form body or with HTTP Basic
//! (§2.3.1), and gets a short-lived bearer token scoped to its specialty. Errors are RFC 6749's
//! JSON bodies (`{"error": "invalid_client"}`), not problem+json, so standard OAuth clients read
//! them. Failed attempts count against the client id from that source and against the source,
//! like failed logins.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_domain::wire::{ClientToken, OAuthError};
use serde::Deserialize;

use crate::auth::ACCESS_TOKEN_SECONDS;
use crate::client::Source;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{society_client, society_client_secret};
use crate::error::ApiError;
use crate::ids::token_hash;
use crate::state::AppState;
use crate::throttle;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint(__path_token, token)]
}

/// The form of a token request; every field optional so that a missing one gets RFC 6749's error.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// `client_credentials`.
    pub grant_type: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Optional; when given, `specialty:<code>` of the client's own specialty.
    pub scope: Option<String>,
}

fn oauth_error(status: actix_web::http::StatusCode, error: &str, description: &str) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    if status == actix_web::http::StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"senkoi\""));
    }
    response.json(OAuthError { error: error.into(), error_description: Some(description.into()) })
}

fn invalid_request(description: &str) -> HttpResponse {
    oauth_error(actix_web::http::StatusCode::BAD_REQUEST, "invalid_request", description)
}

fn invalid_client() -> HttpResponse {
    oauth_error(actix_web::http::StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed")
}

/// `client_id:client_secret` from an HTTP Basic header, each form-urlencoded (RFC 6749 §2.3.1).
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let (id, secret) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    let unescape = |s: &str| -> Option<String> {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}")).ok()?.pop().map(|(_, v)| v)
    };
    Some((unescape(id)?, unescape(secret)?))
}

/// OAuth 2 client credentials: a bearer token scoped to the client's specialty.
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "societies",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "A token for the client's specialty", body = ClientToken),
        (status = 400, description = "`invalid_request`, `unsupported_grant_type`, `invalid_scope` (RFC 6749 §5.2)", body = OAuthError),
        (status = 401, description = "`invalid_client`", body = OAuthError),
        (status = 429, description = "`too-many-attempts` for this client from this source, or from this source, with `Retry-After`", body = crate::error::Problem),
    ))]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    source: Source,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form_encoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_encoded {
        return Ok(invalid_request("the body must be application/x-www-form-urlencoded"));
    }
    let Ok(form) = serde_urlencoded::from_bytes::<TokenRequest>(&body) else {
        return Ok(invalid_request("the form cannot be read"));
    };
    match form.grant_type.as_deref() {
        None => return Ok(invalid_request("grant_type is required")),
        Some("client_credentials") => {}
        Some(_) => {
            return Ok(oauth_error(
                actix_web::http::StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only client_credentials is supported",
            ));
        }
    }
    let from_form = form.client_id.clone().zip(form.client_secret.clone());
    let (client_id, secret) = match (basic_credentials(&req), from_form) {
        (Some(_), Some(_)) => return Ok(invalid_request("use one way of client authentication")),
        (Some(credentials), None) | (None, Some(credentials)) => credentials,
        (None, None) => return Ok(invalid_client()),
    };
    let now = state.clock.now();
    let failures = state.throttles.failed_logins(&client_id, &source);
    throttle::check(&state.db, &failures, now).await?;
    let secret_row = live_secret(&state.db, &token_hash(&secret)).await?;
    let client = match &secret_row {
        Some(row) => society_client::Entity::find_by_id(row.society_client_id.clone())
            .one(&state.db)
            .await?
            .filter(|c| c.client_id == client_id && c.revoked_at.is_none()),
        None => None,
    };
    let (Some(client), Some(secret_row)) = (client, secret_row) else {
        throttle::record(&state.db, &failures, now).await?;
        return Ok(invalid_client());
    };
    let scope = format!("specialty:{}", client.specialty.code());
    if form.scope.as_deref().is_some_and(|asked| !asked.split_whitespace().all(|s| s == scope)) {
        return Ok(oauth_error(
            actix_web::http::StatusCode::BAD_REQUEST,
            "invalid_scope",
            "the client reaches only its own specialty",
        ));
    }
    let access_token = state.jwt.issue_scoped(&client.id, client.specialty, &secret_row.id, now)?;
    tracing::info!(client = %client.client_id, "society client token issued");
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(ClientToken {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TOKEN_SECONDS,
            scope,
        }))
}

/// The live (not revoked) secret with this hash.
async fn live_secret(
    db: &sea_orm::DatabaseConnection,
    hash: &str,
) -> Result<Option<society_client_secret::Model>, sea_orm::DbErr> {
    society_client_secret::Entity::find()
        .filter(society_client_secret::Column::SecretHash.eq(hash))
        .filter(society_client_secret::Column::RevokedAt.is_null())
        .one(db)
        .await
}
