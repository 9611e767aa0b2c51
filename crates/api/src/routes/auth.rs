//! Sessions: `POST /auth/login` (residents by user ID, staff by email), `/auth/refresh` (rotation,
//! with a reused refresh token revoking its whole family) and `/auth/logout`.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use senkoi_domain::UserId;
use senkoi_domain::staff::SecondFactorCode;
use senkoi_domain::wire::{LoginRequest, RefreshRequest, TokenPair};

use crate::auth::{ACCESS_TOKEN_SECONDS, Role};
use crate::body::Json;
use crate::client::Source;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{refresh_token, resident, staff_user};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, random_token, token_hash};
use crate::state::AppState;
use crate::store::residents;
use crate::store::sessions::revoke;
use crate::store::{second_factor, staff};
use crate::stored::SubjectKind;
use crate::throttle;

/// How long a refresh token lives.
const REFRESH_TOKEN_DAYS: i64 = 14;
/// Characters of a refresh token (≈ 288 bits).
const REFRESH_TOKEN_CHARS: usize = 48;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint(__path_login, login), endpoint(__path_refresh, refresh), endpoint(__path_logout, logout)]
}

fn invalid_credentials() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "invalid-credentials",
        "ユーザIDまたはパスワードが正しくありません。",
    )
}

fn second_factor_required() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "second-factor-required",
        "二段階認証の確認コード（認証アプリの6桁の数字、またはリカバリーコード）を入力してください。",
    )
}

fn invalid_second_factor() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "invalid-second-factor",
        "確認コードが正しくありません。認証アプリの最新の6桁の数字か、未使用のリカバリーコードを入力してください。",
    )
}

fn invalid_refresh_token() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "invalid-refresh-token",
        "ログインの有効期限が切れました。もう一度ログインしてください。",
    )
}

/// An account that may sign in: its id, role, password hash and kind, and a staff member's row
/// (with their second factor).
struct Account {
    id: String,
    role: Role,
    password_hash: Option<String>,
    kind: SubjectKind,
    staff: Option<staff_user::Model>,
}

/// The live account a login names: a user ID is a resident's, anything else a staff email.
async fn find_account(db: &impl ConnectionTrait, login: &str) -> Result<Option<Account>, ApiError> {
    if let Ok(user_id) = UserId::parse(login) {
        let found = residents::find_live_by(db, resident::Column::UserId, user_id.as_str()).await?;
        return Ok(found.map(|r| Account {
            id: r.id,
            role: Role::Resident,
            password_hash: Some(r.password_hash),
            kind: SubjectKind::Resident,
            staff: None,
        }));
    }
    let staff = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(login.trim().to_lowercase()))
        .filter(staff_user::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    Ok(staff.map(|s| Account {
        role: s.role,
        id: s.id.clone(),
        password_hash: s.password_hash.clone(),
        kind: SubjectKind::Staff,
        staff: Some(s),
    }))
}

/// The live account a session belongs to, with its current role and whether it must set up its
/// second factor (a disabled or deleted account ends its sessions).
async fn session_account(
    db: &impl ConnectionTrait,
    kind: SubjectKind,
    id: &str,
    demo: bool,
) -> Result<Option<(String, Role, bool)>, ApiError> {
    Ok(match kind {
        SubjectKind::Resident => residents::find_live(db, id).await?.map(|r| (r.id, Role::Resident, false)),
        SubjectKind::Staff => staff::live(db, id).await?.map(|s| {
            let setup = staff::must_set_up_second_factor(&s, demo);
            (s.id, s.role, setup)
        }),
    })
}

/// Issues an access token and a new refresh token of `family` (a new family at login); the
/// refresh token is stored last, so nothing is written when the access token cannot be made.
async fn issue(
    tx: &impl ConnectionTrait,
    state: &AppState,
    kind: SubjectKind,
    subject_id: &str,
    (role, second_factor_setup): (Role, bool),
    family: String,
    now: DateTime<Utc>,
) -> Result<TokenPair, ApiError> {
    let refresh = random_token(REFRESH_TOKEN_CHARS);
    let access_token = state.jwt.issue(subject_id, role, now)?;
    refresh_token::ActiveModel {
        token_hash: Set(token_hash(&refresh)),
        family_id: Set(family),
        subject_kind: Set(kind),
        subject_id: Set(subject_id.into()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_DAYS)),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(tx)
    .await?;
    Ok(TokenPair {
        access_token,
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
        role,
        second_factor_setup,
    })
}

/// Sign in. Residents give their user ID (ユーザID), staff their email. Failed attempts are
/// throttled per account from each source (so nobody elsewhere can lock the holder out) and per
/// source, whether or not the account exists.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenPair),
        (status = 401, description = "`invalid-credentials`: unknown login or wrong password (the same answer); \
            `second-factor-required`: the password is right and the staff account has a second factor, send `code`; \
            `invalid-second-factor`: the code is not the app's current one or an unused recovery code", body = Problem),
        (status = 429, description = "`too-many-attempts`, with `Retry-After`", body = Problem),
        (status = 503, description = "`busy`: too many sign-ins at once, with `Retry-After`", body = Problem),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    source: Source,
    body: Json<LoginRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    ApiError::require_text("login", &body.login, 254)?;
    ApiError::require_text("password", &body.password, 128)?;
    let now = state.clock.now();
    let failures = state.throttles.failed_logins(&body.login, &source);
    let seen = throttle::check(&state.db, &failures, now).await?;
    let account = find_account(&state.db, &body.login).await?;
    let verified = state
        .passwords
        .verify(&body.password, account.as_ref().and_then(|a| a.password_hash.clone()))
        .await?;
    let Some(account) = account.filter(|_| verified) else {
        // Counted for unknown logins too, so a refusal tells nothing about the account.
        throttle::record(&state.db, &failures, now).await?;
        return Err(invalid_credentials());
    };
    let mut setup = false;
    if let Some(staff) = &account.staff {
        if staff.totp_enabled_at.is_some() {
            let Some(code) = body.code.as_deref().filter(|c| !c.trim().is_empty()) else {
                return Err(second_factor_required());
            };
            let right = match SecondFactorCode::parse(code) {
                Ok(code) => second_factor::verify(&state.db, &state.sealing, staff, &code, now).await?,
                Err(_) => false,
            };
            if !right {
                throttle::record(&state.db, &failures, now).await?;
                return Err(invalid_second_factor());
            }
        }
        setup = staff::must_set_up_second_factor(staff, state.settings.demo);
    }
    if seen[1] {
        throttle::clear(&state.db, &failures[1]).await?;
    }
    // One insert, atomic on its own: no transaction around it (three round trips would be one).
    let pair =
        issue(&state.db, &state, account.kind, &account.id, (account.role, setup), new_id(), now).await?;
    Ok(web::Json(pair))
}

/// Trade a refresh token for a new pair. Each refresh token works once: a second use means it
/// was stolen or replayed, and ends the whole session (every token of its family).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair; the old refresh token is spent", body = TokenPair),
        (status = 401, description = "`invalid-refresh-token`: unknown, expired, revoked or reused", body = Problem),
    ))]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    ApiError::require_text("refresh_token", &body.refresh_token, 128)?;
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let stored = refresh_token::Entity::find_by_id(token_hash(&body.refresh_token))
        .one(&tx)
        .await?
        .ok_or_else(invalid_refresh_token)?;
    if stored.revoked_at.is_some() || now >= stored.expires_at {
        return Err(invalid_refresh_token());
    }
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::TokenHash.eq(&stored.token_hash))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&tx)
        .await?;
    if spent.rows_affected != 1 {
        tracing::warn!(family = %stored.family_id, "a spent refresh token was used again: the session is revoked");
        revoke(&tx, refresh_token::Column::FamilyId, &stored.family_id, now).await?;
        tx.commit().await?;
        return Err(invalid_refresh_token());
    }
    let kind = stored.subject_kind;
    let (id, role, setup) = session_account(&tx, kind, &stored.subject_id, state.settings.demo)
        .await?
        .ok_or_else(invalid_refresh_token)?;
    let pair = issue(&tx, &state, kind, &id, (role, setup), stored.family_id, now).await?;
    tx.commit().await?;
    Ok(web::Json(pair))
}

/// Sign out: the session's refresh tokens stop working. Answers 204 for any token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out"),
    ))]
pub async fn logout(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::require_text("refresh_token", &body.refresh_token, 128)?;
    let now = state.clock.now();
    let stored = refresh_token::Entity::find_by_id(token_hash(&body.refresh_token)).one(&state.db).await?;
    if let Some(stored) = stored {
        revoke(&state.db, refresh_token::Column::FamilyId, &stored.family_id, now).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}
