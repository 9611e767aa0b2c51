//! The resident's own account (`/me`): read it, change it until it locks, delete it when no
//! application is live.

use actix_web::{HttpResponse, web};
use senkoi_domain::application::check_account_deletable;
use senkoi_domain::audit::AuditAction;
use senkoi_domain::wire::ResidentView;
use senkoi_domain::{DomainError, resident::ProfileChange};

use crate::audit;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::refresh_token;
use crate::error::{ApiError, Problem};
use crate::mail::Mail;
use crate::state::AppState;
use crate::store::residents;
use crate::store::sessions::revoke;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_get_me, get_me),
        endpoint(__path_update_me, update_me),
        endpoint(__path_delete_me, delete_me),
    ]
}

/// ユーザ情報: the resident's own profile, its user ID, years since licence, and whether it is locked.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = ResidentView),
        (status = 403, description = "`forbidden`: not a resident", body = Problem),
    ))]
pub async fn get_me(state: web::Data<AppState>, user: AuthUser) -> Result<web::Json<ResidentView>, ApiError> {
    let row = residents::own_account(&state.db, &user).await?;
    let now = state.clock.now();
    let locked = residents::is_locked(&state.db, &row.id, now).await?;
    Ok(web::Json(residents::view(&row, now, locked)))
}

/// Changes the profile: any field but the specialty (which takes a new account). Refused once an
/// application reaches its adjustment period or the resident is hired: the director edits then.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    request_body = ProfileChange,
    responses(
        (status = 200, description = "The changed profile", body = ResidentView),
        (status = 403, description = "`forbidden`: not a resident", body = Problem),
        (status = 409, description = "`profile-locked`, or `registration-number-taken` by another live account", body = Problem),
        (status = 422, description = "`validation-failed` with every failing field; `invalid-body` for an unknown field such as `specialty`", body = Problem),
    ))]
pub async fn update_me(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ProfileChange>,
) -> Result<web::Json<ResidentView>, ApiError> {
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let row = residents::own_account(&tx, &user).await?;
    if residents::is_locked(&tx, &row.id, now).await? {
        return Err(DomainError::ProfileLocked.into());
    }
    let updated = residents::change_profile(&tx, row, &body, &user, now).await?;
    tx.commit().await?;
    Ok(web::Json(residents::view(&updated, now, false)))
}

/// ユーザIDの削除: refused while an application is live (応募中). What the statistics need (the
/// applications, their history, the audit) stays; the person's contact and identity details go
/// (directors and the board see the applicant as 退会済み), and the registration number and
/// address are free for a new account.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 204, description = "The account is deleted and its sessions ended"),
        (status = 403, description = "`forbidden`: not a resident", body = Problem),
        (status = 409, description = "`application-live`", body = Problem),
    ))]
pub async fn delete_me(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let row = residents::own_account(&tx, &user).await?;
    let applications = residents::applications_with_rounds(&tx, &row.id).await?;
    let pairs = applications
        .iter()
        .map(|(application, _, schedule)| Ok((application.state()?, schedule)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    check_account_deletable(now, &pairs)?;
    residents::erase(&tx, row.clone(), now).await?;
    revoke(&tx, refresh_token::Column::SubjectId, &row.id, now).await?;
    audit::record(&tx, now, Some(&user), AuditAction::ResidentDeleted, &row.id, serde_json::json!({}))
        .await?;
    let mail = Mail::AccountDeleted { user_id: row.user_id.clone() };
    state.mail_and_commit(tx, &row.email, &mail, now).await?;
    Ok(HttpResponse::NoContent().finish())
}
