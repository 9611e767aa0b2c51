//! A staff member's own second factor (`/me/second-factor`): its state, setting it up (a secret
//! for an authenticator app, by QR code or typed in, confirmed by the app's first code, which
//! turns it on and answers one-time recovery codes once). Required of board admins and
//! consultation officers, who reach nothing else until it is done; offered to directors.

use actix_web::web;
use senkoi_domain::Role;
use senkoi_domain::audit::AuditAction;
use senkoi_domain::staff::{SecondFactorCode, second_factor_required};
use senkoi_domain::wire::{RecoveryCodes, SecondFactorConfirm, SecondFactorEnrolment, SecondFactorView};

use crate::audit::Change;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::staff_user;
use crate::error::{ApiError, Problem};
use crate::second_factor::qr_svg;
use crate::state::AppState;
use crate::store::find_or_404;
use crate::store::second_factor;

const STAFF: [Role; 3] = [Role::Admin, Role::ConsultationOfficer, Role::Director];

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_my_second_factor, my_second_factor),
        endpoint(__path_begin_second_factor, begin_second_factor),
        endpoint(__path_confirm_second_factor, confirm_second_factor),
    ]
}

/// The signed-in staff member's second factor: set up or not, required or offered, and the
/// recovery codes left.
#[utoipa::path(get, path = "/api/v1/me/second-factor", tag = "staff", security(("bearer" = [])),
    responses(
        (status = 200, description = "The second factor's state", body = SecondFactorView),
        (status = 403, description = "Not a staff member", body = Problem),
    ))]
pub async fn my_second_factor(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<SecondFactorView>, ApiError> {
    user.require(&STAFF)?;
    let row = find_or_404::<staff_user::Entity>(&state.db, &user.id).await?;
    let left = second_factor::recovery_codes_left(&state.db, &row.id).await?;
    Ok(web::Json(SecondFactorView {
        enabled: row.totp_enabled_at.is_some(),
        enabled_at: row.totp_enabled_at,
        required: second_factor_required(row.role) && !state.settings.demo,
        recovery_codes_left: u32::try_from(left).unwrap_or(u32::MAX),
    }))
}

/// Starts setting the second factor up: a new secret, to scan as a QR code or type into any
/// authenticator app (RFC 6238: SHA-1, 6 digits, 30 seconds). It takes effect at
/// `POST /me/second-factor/confirm`; starting again replaces a pending secret. 409
/// `second-factor-enabled` once it is on (an admin resets it, for a lost phone).
#[utoipa::path(post, path = "/api/v1/me/second-factor", tag = "staff", security(("bearer" = [])),
    responses(
        (status = 200, description = "The secret and its QR code", body = SecondFactorEnrolment),
        (status = 403, description = "Not a staff member", body = Problem),
        (status = 409, description = "`second-factor-enabled`", body = Problem),
    ))]
pub async fn begin_second_factor(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<SecondFactorEnrolment>, ApiError> {
    let change = Change::begin(&state, user, &STAFF).await?;
    let row = find_or_404::<staff_user::Entity>(&change.tx, &change.actor().id).await?;
    if row.totp_enabled_at.is_some() {
        return Err(ApiError::conflict(
            "second-factor-enabled",
            "二段階認証はすでに設定されています。端末を替える場合は、機構の管理者にリセットを依頼してください。",
        ));
    }
    let id = row.id.clone();
    let app = second_factor::begin(&change.tx, &state.sealing, row).await?;
    let url = app.url();
    let shown = SecondFactorEnrolment {
        secret: app.secret_base32(),
        qr_svg: qr_svg(&url).map_err(ApiError::Internal)?,
        otpauth_url: url,
    };
    change.commit(AuditAction::StaffSecondFactorBegun, &id, serde_json::json!({})).await?;
    Ok(web::Json(shown))
}

/// Confirms the set-up with the app's current code: the second factor is on from now, and the
/// answer holds ten recovery codes, shown this once (each signs in once in place of a code).
#[utoipa::path(post, path = "/api/v1/me/second-factor/confirm", tag = "staff", request_body = SecondFactorConfirm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "On; the recovery codes, shown once", body = RecoveryCodes),
        (status = 403, description = "Not a staff member", body = Problem),
        (status = 409, description = "`no-second-factor-pending`: start the set-up first; `second-factor-enabled`", body = Problem),
        (status = 422, description = "`validation-failed` on `code`: `invalid-second-factor-code` (not the app's current code)", body = Problem),
    ))]
pub async fn confirm_second_factor(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<SecondFactorConfirm>,
) -> Result<web::Json<RecoveryCodes>, ApiError> {
    let digits = SecondFactorCode::parse_app_code(&body.code)?;
    // A well-formed code that is not the app's current one is refused as one that is malformed.
    let wrong = || {
        ApiError::from(senkoi_domain::DomainError::Invalid {
            field: "code",
            code: "invalid-second-factor-code",
        })
    };
    let change = Change::begin(&state, user, &STAFF).await?;
    let row = find_or_404::<staff_user::Entity>(&change.tx, &change.actor().id).await?;
    if row.totp_enabled_at.is_some() {
        return Err(ApiError::conflict("second-factor-enabled", "二段階認証はすでに設定されています。"));
    }
    if row.totp_secret_sealed.is_none() {
        return Err(ApiError::conflict(
            "no-second-factor-pending",
            "二段階認証の設定が始まっていません。最初からやり直してください。",
        ));
    }
    let id = row.id.clone();
    let codes = second_factor::confirm(&change.tx, &state.sealing, row, &digits, change.now)
        .await?
        .ok_or_else(wrong)?;
    change.commit(AuditAction::StaffSecondFactorEnabled, &id, serde_json::json!({})).await?;
    Ok(web::Json(RecoveryCodes { recovery_codes: codes }))
}
