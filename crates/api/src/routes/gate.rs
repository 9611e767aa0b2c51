//! The front door of `/api/v1`: every request with a token passes it before its route. A
//! society's request is throttled per client and refused once the board revoked the client; a
//! staff member's is refused once an admin disabled the account. Both even while the token has
//! not expired, so that revoking or disabling takes effect at once. Residents' requests (the
//! noon rush) and requests without a token pass untouched.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use sea_orm::EntityTrait;

use crate::auth::{Role, token_subject};
use crate::entities::society_client;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::staff;
use crate::throttle;

pub async fn gate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let subject = token_subject(req.request()).filter(|s| s.role == Role::Society || s.role.is_staff());
    if let Some(subject) = subject
        && let Some(state) = req.app_data::<web::Data<AppState>>().cloned()
    {
        let live = if subject.role == Role::Society {
            let now = state.clock.now();
            throttle::hit(&state.db, &[state.throttles.society_client.on(&subject.id)], now).await?;
            society_client::Entity::find_by_id(subject.id)
                .one(&state.db)
                .await
                .map_err(ApiError::from)?
                .is_some_and(|c| c.revoked_at.is_none())
        } else {
            staff::is_live(&state.db, &subject.id).await?
        };
        if !live {
            return Err(ApiError::invalid_token().into());
        }
    }
    next.call(req).await
}
