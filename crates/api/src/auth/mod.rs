//! Authentication: access tokens ([`jwt`]), password hashing on a bounded pool ([`passwords`]),
//! and the [`AuthUser`] extractor with its role check. Depends on leaves only (clock, error, ids).

pub mod jwt;
pub mod passwords;
pub mod society;

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use tracing_actix_web::RequestId;

use crate::clock::Clock;
use crate::error::ApiError;

pub use jwt::{ACCESS_TOKEN_SECONDS, JwtKeys, TokenSubject};
pub use passwords::{PasswordPool, hash_password, verify_password};
pub use senkoi_domain::Role;

/// The caller of a request that carried a valid bearer token. Extracting it answers 401 otherwise.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub role: Role,
    /// The request's `x-request-id`, which the audit log records with the change.
    pub request_id: Option<String>,
    /// A society client's specialty: all it may reach.
    pub scope: Option<senkoi_domain::specialty::Specialty>,
}

impl AuthUser {
    /// Whether the caller reaches `specialty`'s data: a society only its own, everyone else (as
    /// their role allows) every specialty.
    pub fn reaches(&self, specialty: senkoi_domain::specialty::Specialty) -> bool {
        self.scope.is_none_or(|own| own == specialty)
    }

    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<&AuthUser, ApiError> {
        if roles.contains(&self.role) { Ok(self) } else { Err(ApiError::forbidden()) }
    }
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(actix_web::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The verified subject of the request's bearer token, if it carries a valid one. It is
/// verified once a request: the first reader (the societies' gate, or the extractor) keeps it in
/// the request's extensions for the next.
pub fn token_subject(req: &HttpRequest) -> Option<TokenSubject> {
    if let Some(subject) = req.extensions().get::<TokenSubject>() {
        return Some(subject.clone());
    }
    let keys = req.app_data::<web::Data<JwtKeys>>()?;
    let clock = req.app_data::<web::Data<Clock>>()?;
    let subject = keys.verify(bearer(req)?, clock.now())?;
    req.extensions_mut().insert(subject.clone());
    Some(subject)
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match (bearer(req), token_subject(req)) {
            (Some(_), Some(subject)) => Ok(AuthUser {
                id: subject.id,
                role: subject.role,
                scope: subject.scope,
                request_id: req.extensions().get::<RequestId>().map(|id| id.to_string()),
            }),
            (Some(_), None) => Err(ApiError::invalid_token()),
            (None, _) => Err(ApiError::unauthorized()),
        })
    }
}
