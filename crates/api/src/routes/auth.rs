//! Signing in: `POST /api/v1/auth/login` exchanges a login and password for tokens.

use actix_web::web;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::{self, ACCESS_TOKEN_SECONDS, Role};
use crate::entities::{refresh_token, staff_user};
use crate::error::ApiError;
use crate::routes::new_id;
use crate::startup::AppState;

/// How long a refresh token lives.
const REFRESH_TOKEN_DAYS: i64 = 14;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/auth/login").route(web::post().to(login)));
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// A resident's user ID (ユーザID), or a staff member's email.
    pub login: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub role: Role,
}

/// The SHA-256 of a token in hex: what the database keeps instead of the token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn invalid_credentials() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "invalid-credentials",
        "ユーザIDまたはパスワードが正しくありません。",
    )
}

/// Sign in. Staff sign in with their email; residents with their user ID (from the accounts issue on).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem)))]
pub async fn login(
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let email = body.login.trim().to_lowercase();
    let staff = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .filter(staff_user::Column::DisabledAt.is_null())
        .one(&state.db)
        .await?;
    // Hashing is slow on purpose: off the async workers.
    let hash = staff.as_ref().and_then(|s| s.password_hash.clone());
    let password = body.password.clone();
    let verified = web::block(move || auth::verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let Some(staff) = staff.filter(|_| verified) else {
        return Err(invalid_credentials());
    };
    let role = Role::parse(&staff.role).ok_or_else(invalid_credentials)?;
    let now = state.clock.now();
    let refresh = auth::random_token(48);
    refresh_token::ActiveModel {
        token_hash: Set(token_hash(&refresh)),
        family_id: Set(new_id()),
        subject_kind: Set("staff".into()),
        subject_id: Set(staff.id.clone()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_DAYS)),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&state.db)
    .await?;
    Ok(web::Json(TokenResponse {
        access_token: state.jwt.issue(&staff.id, role)?,
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
        role,
    }))
}
