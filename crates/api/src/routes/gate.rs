//! The front door of `/api/v1`: every request with a token passes it before its route. A
//! society's request is throttled per client and refused once the board revoked the client or the
//! secret its token was had with; a staff member's is refused once an admin disabled the account.
//! Both even while the token has not expired, so that revoking or disabling takes effect at once.
//! A board admin or consultation officer without a second factor reaches only its set-up (403
//! `second-factor-setup-required` elsewhere). Residents' requests (the noon rush) and requests
//! without a token pass untouched.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use sea_orm::EntityTrait;

use crate::auth::{Role, TokenSubject, token_subject};
use crate::entities::{society_client, society_client_secret};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::staff;
use crate::throttle;

/// The routes of the second factor's set-up, the only ones open before it is done.
const SECOND_FACTOR_SETUP: &str = "/api/v1/me/second-factor";

fn setup_required() -> ApiError {
    ApiError::plain(
        actix_web::http::StatusCode::FORBIDDEN,
        "second-factor-setup-required",
        "二段階認証の設定が必要です。認証アプリを登録してから操作してください。",
    )
}

pub async fn gate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let subject = token_subject(req.request()).filter(|s| s.role == Role::Society || s.role.is_staff());
    if let Some(subject) = subject
        && let Some(state) = req.app_data::<web::Data<AppState>>().cloned()
    {
        let live = if subject.role == Role::Society {
            society_admitted(&state, &subject).await?
        } else {
            staff_admitted(&state, &subject, req.path()).await?
        };
        if !live {
            return Err(ApiError::invalid_token().into());
        }
    }
    next.call(req).await
}

/// A society's request, counted against its client: whether the client and the secret the token
/// was had with are both still live.
async fn society_admitted(state: &AppState, subject: &TokenSubject) -> Result<bool, ApiError> {
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.society_client.on(&subject.id)], now).await?;
    let client_live = society_client::Entity::find_by_id(subject.id.clone())
        .one(&state.db)
        .await?
        .is_some_and(|c| c.revoked_at.is_none());
    let secret_live = match subject.secret_id.as_deref() {
        Some(secret_id) => society_client_secret::Entity::find_by_id(secret_id.to_owned())
            .one(&state.db)
            .await?
            .is_some_and(|s| s.society_client_id == subject.id && s.revoked_at.is_none()),
        None => true,
    };
    Ok(client_live && secret_live)
}

/// A staff member's request to `path`: whether the account is live; refused with 403 when it
/// must set up its second factor and `path` is not the set-up.
async fn staff_admitted(state: &AppState, subject: &TokenSubject, path: &str) -> Result<bool, ApiError> {
    match staff::live(&state.db, &subject.id).await? {
        Some(row) if staff::must_set_up_second_factor(&row, state.settings.demo) => {
            if path.starts_with(SECOND_FACTOR_SETUP) { Ok(true) } else { Err(setup_required()) }
        }
        found => Ok(found.is_some()),
    }
}
