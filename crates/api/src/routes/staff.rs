//! The board's staff accounts, for its admins: every account with its role and state, invitations
//! by mail for each staff role (admins, consultation officers, program directors), and disabling
//! an account (its sessions end at once) or enabling it again. Each change is audited with the
//! admin who made it.

use actix_web::{HttpResponse, web};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use senkoi_domain::Role;
use senkoi_domain::audit::AuditAction;
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::registration::Email;
use senkoi_domain::staff::parse_invitable_role;
use senkoi_domain::wire::{Page, StaffInvitation, StaffView};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::Change;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::staff_user;
use crate::error::{ApiError, FieldError, Problem};
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::find_or_404;
use crate::store::{second_factor, staff};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_staff, list_staff),
        endpoint(__path_invite_staff, invite_staff),
        endpoint(__path_disable_staff, disable_staff),
        endpoint(__path_enable_staff, enable_staff),
        endpoint(__path_reset_second_factor, reset_second_factor),
    ]
}

pub fn view(row: staff_user::Model) -> StaffView {
    StaffView {
        active: row.password_hash.is_some(),
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        created_at: row.created_at,
        disabled_at: row.disabled_at,
        second_factor: row.totp_enabled_at.is_some(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only accounts of this role: `admin`, `consultation-officer` or `director`.
    #[param(value_type = Option<Role>)]
    pub role: Option<String>,
}

/// Every staff account, by role and name, a page at a time.
#[utoipa::path(get, path = "/api/v1/staff", tag = "staff", params(StaffQuery, Paging), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of staff accounts", body = Page<StaffView>),
        (status = 400, description = "`invalid-query`: not a staff role; `invalid-paging`", body = Problem),
        (status = 403, description = "Not a board admin", body = Problem),
    ))]
pub async fn list_staff(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<StaffQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<StaffView>>, ApiError> {
    user.require(&[Role::Admin])?;
    let mut select = staff_user::Entity::find();
    if let Some(code) = query.role.as_deref() {
        let role = parse_invitable_role(code).map_err(|_| {
            ApiError::bad_request(
                "invalid-query",
                "role は admin・consultation-officer・director で指定してください。",
            )
        })?;
        select = select.filter(staff_user::Column::Role.eq(role));
    }
    let select = select
        .order_by_asc(staff_user::Column::Role)
        .order_by_asc(staff_user::Column::Name)
        .order_by_asc(staff_user::Column::Id);
    Ok(web::Json(paging.fetch(&state.db, select, view).await?))
}

/// Invites a staff member: the account is made without a password and a link to set it (valid 7
/// days) is mailed. Every role can be given this way, so a deployment started with
/// `create-admin` alone gets its consultation officers, further admins and directors.
#[utoipa::path(post, path = "/api/v1/staff", tag = "staff", request_body = StaffInvitation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited", body = StaffView),
        (status = 403, description = "Not a board admin", body = Problem),
        (status = 409, description = "`already-exists`: a staff account has this address", body = Problem),
        (status = 422, description = "`validation-failed`: `email`, `name`, `role` (`unknown-role`)", body = Problem),
    ))]
pub async fn invite_staff(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<StaffInvitation>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let email = Email::parse(&body.email);
    let name = parse_catalogue_name(&body.name);
    let role = parse_invitable_role(&body.role);
    let (email, name, role) = match (email, name, role) {
        (Ok(email), Ok(name), Ok(role)) => (email.as_str().to_lowercase(), name, role),
        (email, name, role) => {
            let refused = [email.err(), name.err(), role.err()].into_iter().flatten().map(FieldError::from);
            return Err(ApiError::Validation(refused.collect()));
        }
    };
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let row = staff::invite(&change.tx, &email, &name, role, &state.settings.public_url, change.now).await?;
    let detail = serde_json::json!({"role": role});
    change.commit(AuditAction::StaffInvited, &row.id.clone(), detail).await?;
    state.mail.wake();
    Ok(HttpResponse::Created().json(view(row)))
}

/// Disables a staff account: it cannot sign in or reset its password, and its sessions and access
/// tokens end at once. An admin cannot disable their own account.
#[utoipa::path(post, path = "/api/v1/staff/{id}/disable", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "The staff account")),
    responses(
        (status = 200, description = "Disabled", body = StaffView),
        (status = 403, description = "Not a board admin", body = Problem),
        (status = 404, description = "No such staff account", body = Problem),
        (status = 409, description = "`cannot-disable-self`", body = Problem),
    ))]
pub async fn disable_staff(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<StaffView>, ApiError> {
    set_disabled(state, user, &id, true).await
}

/// Enables a disabled staff account again: it signs in with its password as before.
#[utoipa::path(post, path = "/api/v1/staff/{id}/enable", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "The staff account")),
    responses(
        (status = 200, description = "Enabled", body = StaffView),
        (status = 403, description = "Not a board admin", body = Problem),
        (status = 404, description = "No such staff account", body = Problem),
    ))]
pub async fn enable_staff(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<StaffView>, ApiError> {
    set_disabled(state, user, &id, false).await
}

async fn set_disabled(
    state: web::Data<AppState>,
    user: AuthUser,
    id: &str,
    disabled: bool,
) -> Result<web::Json<StaffView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    if disabled && change.actor().id == id {
        return Err(ApiError::conflict(
            "cannot-disable-self",
            "ご自身のアカウントは無効にできません。別の管理者に依頼してください。",
        ));
    }
    let row = find_or_404::<staff_user::Entity>(&change.tx, id).await?;
    if row.disabled_at.is_some() == disabled {
        change.tx.commit().await?;
        return Ok(web::Json(view(row)));
    }
    let row = staff::set_disabled(&change.tx, row, disabled, change.now).await?;
    let action = if disabled { AuditAction::StaffDisabled } else { AuditAction::StaffEnabled };
    let detail = serde_json::json!({"role": row.role});
    change.commit(action, &row.id.clone(), detail).await?;
    Ok(web::Json(view(row)))
}

/// Resets a staff member's second factor (a lost or replaced phone): the secret and recovery codes
/// go and every session ends; at the next sign-in they set a new one up. Audited. An admin cannot
/// reset their own: another admin must.
#[utoipa::path(post, path = "/api/v1/staff/{id}/second-factor/reset", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "The staff account")),
    responses(
        (status = 200, description = "Reset", body = StaffView),
        (status = 403, description = "Not a board admin", body = Problem),
        (status = 404, description = "No such staff account", body = Problem),
        (status = 409, description = "`cannot-reset-own-second-factor`", body = Problem),
    ))]
pub async fn reset_second_factor(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<StaffView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    if change.actor().id == *id {
        return Err(ApiError::conflict(
            "cannot-reset-own-second-factor",
            "ご自身の二段階認証はリセットできません。別の管理者に依頼してください。",
        ));
    }
    let row = find_or_404::<staff_user::Entity>(&change.tx, &id).await?;
    let row = second_factor::reset(&change.tx, row, change.now).await?;
    let detail = serde_json::json!({"role": row.role});
    change.commit(AuditAction::StaffSecondFactorReset, &row.id.clone(), detail).await?;
    Ok(web::Json(view(row)))
}
