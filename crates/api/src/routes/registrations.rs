//! Registration (専攻医登録): an address gets a mailed link (step 1–2), the link opens the form
//! (step 3), and the form makes the account and mails its user ID (step 4).

use actix_web::{HttpResponse, web};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::registration::Email;
use senkoi_domain::resident::LinkPurpose;
use senkoi_domain::wire::{Accepted, EmailRequest, RegistrationLinkView, RegistrationRequest, ResidentView};

use crate::body::Json;
use crate::client::Source;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::resident;
use crate::error::{ApiError, Problem};
use crate::mail::Mail;
use crate::replies::accepted;
use crate::state::AppState;
use crate::store::links;
use crate::store::residents;
use crate::throttle;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_request_link, request_link),
        endpoint(__path_check_link, check_link),
        endpoint(__path_register, register),
    ]
}

/// Step 1: mail a registration link to this address. Answers 202 whether or not the address has
/// an account (an address with one is mailed a reminder instead of a link).
#[utoipa::path(post, path = "/api/v1/registrations", tag = "accounts", request_body = EmailRequest,
    responses(
        (status = 202, description = "A mail is on its way (or not: the answer is the same)", body = Accepted),
        (status = 422, description = "`validation-failed` on `email`: `required`, `invalid-email`, `mobile-carrier-email`", body = Problem),
        (status = 429, description = "`too-many-requests` from this source, with `Retry-After`", body = Problem),
    ))]
pub async fn request_link(
    state: web::Data<AppState>,
    source: Source,
    body: Json<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email)?;
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.mail_from(&source)], now).await?;
    let tx = db::begin_write(&state.db).await?;
    // A mailbox gets at most a few mails an hour, whoever asks; past them, the same answer.
    if !throttle::allow(&tx, &state.throttles.mail_to(email.as_str()), now).await? {
        tx.commit().await?;
        return Ok(accepted());
    }
    let mail = match residents::find_live_by(&tx, resident::Column::Email, email.as_str()).await? {
        Some(existing) => Mail::AlreadyRegistered { user_id: existing.user_id },
        None => {
            let (token, expires_at) =
                links::create(&tx, LinkPurpose::Registration, email.as_str(), None, now).await?;
            Mail::RegistrationLink { token, expires_at }
        }
    };
    state.mail_and_commit(tx, email.as_str(), &mail, now).await?;
    Ok(accepted())
}

/// Step 3 begins: is this link still good? 410 when it expired or was used (start again).
#[utoipa::path(get, path = "/api/v1/registrations/{token}", tag = "accounts",
    params(("token" = String, Path, description = "The token of the mailed link")),
    responses(
        (status = 200, description = "The link is good", body = RegistrationLinkView),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 410, description = "`registration-link-expired`, `registration-link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
    ))]
pub async fn check_link(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<RegistrationLinkView>, ApiError> {
    let (link, _) = links::usable(&state.db, &token, &[LinkPurpose::Registration], state.clock.now()).await?;
    Ok(web::Json(RegistrationLinkView { email: link.email, expires_at: link.expires_at }))
}

/// Step 3–4: the form. Every failing field is reported at once; the account is made with a new
/// user ID, which is answered and mailed.
#[utoipa::path(post, path = "/api/v1/registrations/{token}/resident", tag = "accounts",
    params(("token" = String, Path, description = "The token of the mailed link")),
    request_body = RegistrationRequest,
    responses(
        (status = 201, description = "Registered; the user ID is also mailed", body = ResidentView),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 409, description = "`registration-number-taken` or `email-taken` by a live account", body = Problem),
        (status = 410, description = "`registration-link-expired`, `registration-link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
        (status = 422, description = "`validation-failed` with every failing field in `errors`", body = Problem),
        (status = 503, description = "`busy`, with `Retry-After`", body = Problem),
    ))]
pub async fn register(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<RegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let (link, purpose) = links::usable(&state.db, &token, &[LinkPurpose::Registration], now).await?;
    let (profile, password) =
        body.form.parse_with_password(&body.password, residents::today(now)).map_err(ApiError::refusals)?;
    let hash = state.passwords.hash(password.expose()).await?;
    let tx = db::begin_write(&state.db).await?;
    links::consume(&tx, &link, purpose, now).await?;
    let row = residents::insert(&tx, &link.email, &profile, hash, None, now).await?;
    let view = residents::welcome(&state, tx, &row, AuditAction::ResidentRegistered, now).await?;
    Ok(HttpResponse::Created().json(view))
}
