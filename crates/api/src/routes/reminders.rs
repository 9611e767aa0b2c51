//! "Forgot password" and "forgot user ID": mailed to the registered address, answered 202 whether
//! or not anything matched. Staff (directors, admins) set their password through the same link.

use actix_web::{HttpResponse, web};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use senkoi_domain::UserId;
use senkoi_domain::registration::{Email, Password};
use senkoi_domain::resident::LinkPurpose;
use senkoi_domain::wire::{
    Accepted, EmailRequest, PasswordLinkView, PasswordResetConfirm, PasswordResetRequest,
};

use crate::body::Json;
use crate::client::Source;
use crate::common_passwords::staff_password;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{refresh_token, resident, staff_user};
use crate::error::{ApiError, Problem};
use crate::mail::{self, Mail};
use crate::replies::accepted;
use crate::state::AppState;
use crate::store::links;
use crate::store::residents;
use crate::store::sessions::revoke;
use crate::throttle;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_request_reset, request_reset),
        endpoint(__path_confirm_reset, confirm_reset),
        endpoint(__path_check_reset, check_reset),
        endpoint(__path_remind_user_id, remind_user_id),
    ]
}

/// The account a reset is for: a resident (by user ID or address) or a staff member (by address).
enum Holder {
    Resident(Box<resident::Model>),
    Staff(staff_user::Model),
}

impl Holder {
    fn id(&self) -> &str {
        match self {
            Holder::Resident(r) => &r.id,
            Holder::Staff(s) => &s.id,
        }
    }

    fn email(&self) -> &str {
        match self {
            Holder::Resident(r) => &r.email,
            Holder::Staff(s) => &s.email,
        }
    }
}

async fn find_holder(db: &impl ConnectionTrait, login: &str) -> Result<Option<Holder>, ApiError> {
    if let Ok(user_id) = UserId::parse(login) {
        return Ok(residents::find_live_by(db, resident::Column::UserId, user_id.as_str())
            .await?
            .map(|r| Holder::Resident(Box::new(r))));
    }
    let Ok(email) = Email::parse(login) else { return Ok(None) };
    let staff = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email.as_str().to_lowercase()))
        .filter(staff_user::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    if let Some(staff) = staff {
        return Ok(Some(Holder::Staff(staff)));
    }
    Ok(residents::find_live_by(db, resident::Column::Email, email.as_str())
        .await?
        .map(|r| Holder::Resident(Box::new(r))))
}

/// The live holder of a link's `subject_id`.
async fn holder_by_id(db: &impl ConnectionTrait, id: &str) -> Result<Option<Holder>, ApiError> {
    if let Some(r) = residents::find_live(db, id).await? {
        return Ok(Some(Holder::Resident(Box::new(r))));
    }
    let staff = staff_user::Entity::find_by_id(id.to_owned())
        .filter(staff_user::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    Ok(staff.map(Holder::Staff))
}

/// Forgot password: mails a link valid one hour to the account's address.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "A mail is on its way if the login is known (the answer is the same)", body = Accepted),
        (status = 429, description = "`too-many-requests` from this source, with `Retry-After`", body = Problem),
    ))]
pub async fn request_reset(
    state: web::Data<AppState>,
    source: Source,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::require_text("login", &body.login, 254)?;
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.mail_from(&source)], now).await?;
    let tx = db::begin_write(&state.db).await?;
    // A mailbox gets at most a few mails an hour, whoever asks: past them, nothing is sent, and
    // the answer is the same (so it tells nothing either).
    if let Some(holder) = find_holder(&tx, &body.login).await?
        && throttle::allow(&tx, &state.throttles.mail_to(holder.email()), now).await?
    {
        let (token, expires_at) =
            links::create(&tx, LinkPurpose::PasswordReset, holder.email(), Some(holder.id().into()), now)
                .await?;
        let mail = Mail::PasswordReset { token, expires_at };
        mail::enqueue(&tx, holder.email(), &mail, &state.settings.public_url, now).await?;
    }
    tx.commit().await?;
    state.mail.wake();
    Ok(accepted())
}

/// The links that set a password.
const PASSWORD_LINKS: [LinkPurpose; 2] = [LinkPurpose::PasswordReset, LinkPurpose::StaffInvitation];

/// Whose password a mailed reset (or staff invitation) link sets, while it is usable.
#[utoipa::path(get, path = "/api/v1/auth/password-reset/{token}", tag = "accounts",
    params(("token" = String, Path, description = "The token of the mailed link")),
    responses(
        (status = 200, description = "The link is good", body = PasswordLinkView),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 410, description = "`link-expired`, `link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
    ))]
pub async fn check_reset(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<PasswordLinkView>, ApiError> {
    let (link, _) = links::usable(&state.db, &token, &PASSWORD_LINKS, state.clock.now()).await?;
    let holder = holder_by_id(&state.db, link.subject_id.as_deref().unwrap_or_default())
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(web::Json(PasswordLinkView { staff: matches!(holder, Holder::Staff(_)), expires_at: link.expires_at }))
}

/// Sets a new password through a mailed reset (or staff invitation) link; every session of the
/// account ends, and the account is told by mail.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "The password is set"),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 410, description = "`link-expired`, `link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
        (status = 422, description = "`validation-failed` on `password` (a staff member's: `staff-password-length`, \
            `invalid-characters`, `password-too-weak`)", body = Problem),
        (status = 503, description = "`busy`, with `Retry-After`", body = Problem),
    ))]
pub async fn confirm_reset(
    state: web::Data<AppState>,
    body: Json<PasswordResetConfirm>,
) -> Result<HttpResponse, ApiError> {
    ApiError::require_text("token", &body.token, 128)?;
    let now = state.clock.now();
    let (link, purpose) = links::usable(&state.db, &body.token, &PASSWORD_LINKS, now).await?;
    let subject = link.subject_id.as_deref().unwrap_or_default();
    // Staff guard everyone's data: their passwords follow the staff rule, residents' the seeds'.
    let hash = match holder_by_id(&state.db, subject).await?.ok_or_else(ApiError::not_found)? {
        Holder::Resident(_) => state.passwords.hash(Password::parse(&body.password)?.expose()).await?,
        Holder::Staff(_) => state.passwords.hash(staff_password(&body.password)?.expose()).await?,
    };
    let tx = db::begin_write(&state.db).await?;
    links::consume(&tx, &link, purpose, now).await?;
    let holder = holder_by_id(&tx, subject).await?.ok_or_else(ApiError::not_found)?;
    match &holder {
        Holder::Resident(r) => {
            let mut row: resident::ActiveModel = (**r).clone().into();
            row.password_hash = Set(hash);
            row.updated_at = Set(now);
            row.update(&tx).await?;
        }
        Holder::Staff(s) => {
            let mut row: staff_user::ActiveModel = s.clone().into();
            row.password_hash = Set(Some(hash));
            row.update(&tx).await?;
        }
    }
    revoke(&tx, refresh_token::Column::SubjectId, holder.id(), now).await?;
    state.mail_and_commit(tx, holder.email(), &Mail::PasswordChanged, now).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Forgot user ID: mails the user ID to the registered address.
#[utoipa::path(post, path = "/api/v1/auth/user-id-reminder", tag = "accounts", request_body = EmailRequest,
    responses(
        (status = 202, description = "A mail is on its way if the address is registered (the answer is the same)", body = Accepted),
        (status = 422, description = "`validation-failed` on `email`", body = Problem),
        (status = 429, description = "`too-many-requests` from this source, with `Retry-After`", body = Problem),
    ))]
pub async fn remind_user_id(
    state: web::Data<AppState>,
    source: Source,
    body: Json<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email)?;
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.mail_from(&source)], now).await?;
    if let Some(found) = residents::find_live_by(&state.db, resident::Column::Email, email.as_str()).await? {
        let tx = db::begin_write(&state.db).await?;
        if !throttle::allow(&tx, &state.throttles.mail_to(&found.email), now).await? {
            tx.commit().await?;
            return Ok(accepted());
        }
        let mail = Mail::UserIdReminder { user_id: found.user_id };
        state.mail_and_commit(tx, &found.email, &mail, now).await?;
    }
    Ok(accepted())
}
