//! The [`Society`] extractor: a society's system, signed in with its client-credentials token.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use senkoi_domain::specialty::Specialty;

use crate::auth::{AuthUser, Role};
use crate::error::ApiError;

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
