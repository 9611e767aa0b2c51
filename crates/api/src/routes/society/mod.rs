//! What societies' systems reach with their client-credentials token: the change feeds of their
//! specialty ([`feeds`]), their webhooks ([`webhooks`]) and, on a demo server, a sandbox
//! ([`sandbox`]). Every request with a society's token,
//! on any route, passes the [`gate`] first: it is throttled per client and refused once the
//! board revoked the client, even while the token has not expired.

pub mod feeds;
pub mod sandbox;
pub mod webhooks;

use std::future::{Ready, ready};

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest, web};
use sea_orm::EntityTrait;
use senkoi_domain::specialty::Specialty;

use crate::auth::{AuthUser, Role, token_subject};
use crate::entities::society_client;
use crate::error::ApiError;
use crate::state::AppState;
use crate::throttle;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(feeds::configure).configure(webhooks::configure).configure(sandbox::configure);
}

/// Admits a society's request: 429 with `Retry-After` past the client's requests a minute, 401
/// once the client is revoked. Other callers pass untouched.
pub async fn gate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let society = token_subject(req.request()).filter(|subject| subject.role == Role::Society);
    if let Some(client) = society
        && let Some(state) = req.app_data::<web::Data<AppState>>().cloned()
    {
        let now = state.clock.now();
        throttle::hit(&state.db, &[state.throttles.society_client.on(&client.id)], now).await?;
        let live = society_client::Entity::find_by_id(client.id)
            .one(&state.db)
            .await
            .map_err(ApiError::from)?
            .is_some_and(|c| c.revoked_at.is_none());
        if !live {
            return Err(ApiError::invalid_token().into());
        }
    }
    next.call(req).await
}

/// A society's system, with the one specialty it reaches; anyone else gets 403.
#[derive(Debug, Clone)]
pub struct Society {
    pub user: AuthUser,
    pub specialty: Specialty,
}

impl FromRequest for Society {
    type Error = ApiError;
    type Future = Ready<Result<Society, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        ready(AuthUser::from_request(req, payload).into_inner().and_then(|user| {
            user.require(&[Role::Society])?;
            let specialty = user.scope.ok_or_else(ApiError::forbidden)?;
            Ok(Society { user, specialty })
        }))
    }
}
