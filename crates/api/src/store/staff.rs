//! Staff accounts as stored: invited by mail without a password (the mailed link sets it),
//! disabled and enabled again by an admin. A disabled account cannot sign in, refresh or reset
//! its password, and its access tokens are refused from the moment it is disabled.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use senkoi_domain::Role;
use senkoi_domain::resident::LinkPurpose;

use crate::entities::staff_user;
use crate::error::ApiError;
use crate::mail::Mail;
use crate::store::{links, sessions};

/// Makes the account of `email` (lowercased) with `role` and no password, and mails the link that
/// sets it (valid 7 days). 409 `already-exists` when a staff account has the address.
pub async fn invite(
    tx: &impl ConnectionTrait,
    email: &str,
    name: &str,
    role: Role,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<staff_user::Model, ApiError> {
    let taken = staff_user::Entity::find().filter(staff_user::Column::Email.eq(email)).one(tx).await?;
    if taken.is_some() {
        return Err(ApiError::conflict(
            "already-exists",
            "このメールアドレスのアカウントはすでに登録されています。",
        ));
    }
    let staff = staff_user::ActiveModel {
        id: Set(crate::ids::new_id()),
        email: Set(email.to_owned()),
        name: Set(name.to_owned()),
        role: Set(role),
        password_hash: Set(None),
        created_at: Set(now),
        disabled_at: Set(None),
        totp_secret_sealed: Set(None),
        totp_enabled_at: Set(None),
        totp_last_step: Set(None),
    }
    .insert(tx)
    .await?;
    let (token, expires_at) =
        links::create(tx, LinkPurpose::StaffInvitation, email, Some(staff.id.clone()), now).await?;
    let mail = Mail::StaffInvitation { name: name.to_owned(), role, token, expires_at };
    crate::mail::enqueue(tx, email, &mail, public_url, now).await?;
    Ok(staff)
}

/// Disables (`disabled`) or enables the account: a disabled one's sessions end at once.
pub async fn set_disabled(
    tx: &impl ConnectionTrait,
    staff: staff_user::Model,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<staff_user::Model, ApiError> {
    let id = staff.id.clone();
    let mut row: staff_user::ActiveModel = staff.into();
    row.disabled_at = Set(disabled.then_some(now));
    let row = row.update(tx).await?;
    if disabled {
        sessions::end_all(tx, &id, now).await?;
    }
    Ok(row)
}

/// The staff account `id` if it exists and is not disabled: its tokens are good.
pub async fn live(db: &impl ConnectionTrait, id: &str) -> Result<Option<staff_user::Model>, ApiError> {
    Ok(staff_user::Entity::find_by_id(id.to_owned())
        .filter(staff_user::Column::DisabledAt.is_null())
        .one(db)
        .await?)
}

/// Whether the account must set up its second factor before anything else: its role needs one,
/// it has none, and this is not a demo server (where the second factor is offered to every staff
/// member and required of none).
pub fn must_set_up_second_factor(staff: &staff_user::Model, demo: bool) -> bool {
    !demo && senkoi_domain::staff::second_factor_required(staff.role) && staff.totp_enabled_at.is_none()
}
