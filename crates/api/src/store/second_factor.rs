//! Staff members' second factor as stored: the TOTP secret sealed at rest (pending until a first
//! code confirms it), the last time step accepted, and the recovery codes as their hashes. A code
//! is good once, also when two sign-ins race with it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use senkoi_domain::staff::SecondFactorCode;

use crate::entities::{recovery_code, staff_user};
use crate::error::ApiError;
use crate::ids::token_hash;
use crate::sealing::SealingKey;
use crate::second_factor::{self, Authenticator};
use crate::store::sessions;

/// What the secret is sealed for: this account's second factor, nothing else.
fn context(staff_id: &str) -> String {
    format!("totp:{staff_id}")
}

/// The account's authenticator (set up or pending); `None` when it has no secret.
pub fn authenticator(
    sealing: &SealingKey,
    staff: &staff_user::Model,
) -> Result<Option<Authenticator>, ApiError> {
    let Some(sealed) = staff.totp_secret_sealed.as_deref() else { return Ok(None) };
    let secret = sealing
        .open(sealed, &context(&staff.id))
        .ok_or_else(|| ApiError::Internal(format!("the second factor of {} does not open", staff.id)))?;
    Authenticator::from_base32(&secret, &staff.email).map(Some).map_err(ApiError::Internal)
}

/// `secret` (base32) sealed for the account `staff_id`, as the row keeps it.
pub fn seal_secret(sealing: &SealingKey, staff_id: &str, secret: &str) -> String {
    sealing.seal(secret, &context(staff_id))
}

/// Starts (or starts again) the set-up: a new secret, pending until [`confirm`].
pub async fn begin(
    db: &impl ConnectionTrait,
    sealing: &SealingKey,
    staff: staff_user::Model,
) -> Result<Authenticator, ApiError> {
    let app = Authenticator::new(Authenticator::new_secret(), &staff.email).map_err(ApiError::Internal)?;
    let sealed = seal_secret(sealing, &staff.id, &app.secret_base32());
    let mut row: staff_user::ActiveModel = staff.into();
    row.totp_secret_sealed = Set(Some(sealed));
    row.totp_enabled_at = Set(None);
    row.totp_last_step = Set(None);
    row.update(db).await?;
    Ok(app)
}

/// Confirms the pending secret with its first `code`: the second factor is on, with new recovery
/// codes (answered once, kept as hashes). `false` when the code is not the app's.
pub async fn confirm(
    tx: &impl ConnectionTrait,
    sealing: &SealingKey,
    staff: staff_user::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, ApiError> {
    let Some(app) = authenticator(sealing, &staff)? else { return Ok(None) };
    let Some(step) = app.accepts(code, now, None) else { return Ok(None) };
    let id = staff.id.clone();
    let mut row: staff_user::ActiveModel = staff.into();
    row.totp_enabled_at = Set(Some(now));
    row.totp_last_step = Set(Some(step));
    row.update(tx).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::StaffUserId.eq(&id)).exec(tx).await?;
    let codes = second_factor::new_recovery_codes();
    for code in &codes {
        recovery_code::ActiveModel {
            code_hash: Set(token_hash(&second_factor::recovery_key(code))),
            staff_user_id: Set(id.clone()),
            created_at: Set(now),
            used_at: Set(None),
        }
        .insert(tx)
        .await?;
    }
    Ok(Some(codes))
}

/// Whether `code` is the account's second factor at `now`: a code of the app for a step later
/// than the last one accepted (which it becomes), or an unused recovery code (which it uses up).
pub async fn verify(
    db: &impl ConnectionTrait,
    sealing: &SealingKey,
    staff: &staff_user::Model,
    code: &SecondFactorCode,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    match code {
        SecondFactorCode::Totp(digits) => {
            let Some(app) = authenticator(sealing, staff)? else { return Ok(false) };
            let Some(step) = app.accepts(digits, now, staff.totp_last_step) else { return Ok(false) };
            let later = Condition::any()
                .add(staff_user::Column::TotpLastStep.is_null())
                .add(staff_user::Column::TotpLastStep.lt(step));
            let taken = staff_user::Entity::update_many()
                .col_expr(staff_user::Column::TotpLastStep, Expr::value(step))
                .filter(staff_user::Column::Id.eq(&staff.id))
                .filter(later)
                .exec(db)
                .await?;
            Ok(taken.rows_affected == 1)
        }
        SecondFactorCode::Recovery(key) => {
            let used = recovery_code::Entity::update_many()
                .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
                .filter(recovery_code::Column::CodeHash.eq(token_hash(key)))
                .filter(recovery_code::Column::StaffUserId.eq(&staff.id))
                .filter(recovery_code::Column::UsedAt.is_null())
                .exec(db)
                .await?;
            Ok(used.rows_affected == 1)
        }
    }
}

/// Recovery codes the account has not used.
pub async fn recovery_codes_left(db: &impl ConnectionTrait, staff_id: &str) -> Result<u64, ApiError> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::StaffUserId.eq(staff_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Takes the second factor away (an admin's reset, for a lost phone): the secret and recovery
/// codes go, and every session ends; the next sign-in sets a new one up.
pub async fn reset(
    tx: &impl ConnectionTrait,
    staff: staff_user::Model,
    now: DateTime<Utc>,
) -> Result<staff_user::Model, ApiError> {
    let id = staff.id.clone();
    let mut row: staff_user::ActiveModel = staff.into();
    row.totp_secret_sealed = Set(None);
    row.totp_enabled_at = Set(None);
    row.totp_last_step = Set(None);
    let row = row.update(tx).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::StaffUserId.eq(&id)).exec(tx).await?;
    sessions::end_all(tx, &id, now).await?;
    Ok(row)
}
