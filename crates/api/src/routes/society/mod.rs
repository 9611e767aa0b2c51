//! What societies' systems reach with their client-credentials token: the change feeds of their
//! specialty ([`feeds`]), their webhooks ([`webhooks`]) and, on a demo server, a sandbox
//! ([`sandbox`]). Every request with a society's token, on any route, passes
//! [`crate::routes::gate`] first: it is throttled per client and refused once the board revoked
//! the client, even while the token has not expired.

pub mod feeds;
pub mod sandbox;
pub mod webhooks;

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use senkoi_domain::specialty::Specialty;

use crate::auth::{AuthUser, Role};
use crate::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(feeds::configure).configure(webhooks::configure).configure(sandbox::configure);
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
