//! Authentication: password hashing, JWT access tokens, and the `AuthUser` extractor with its role checks.

use std::future::{Ready, ready};
use std::sync::LazyLock;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::Utc;
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::startup::AppState;

/// How long an access token lives, in seconds.
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;

pub use senkoi_domain::Role;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: Role,
    iat: i64,
    exp: i64,
}

/// Signs and checks access tokens with the configured secret (HS256).
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &str) -> JwtKeys {
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        }
    }

    pub fn issue(&self, subject: &str, role: Role) -> Result<String, ApiError> {
        let now = Utc::now().timestamp();
        let claims = Claims { sub: subject.to_string(), role, iat: now, exp: now + ACCESS_TOKEN_SECONDS };
        jsonwebtoken::encode(&Header::default(), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("signing a token: {e}")))
    }

    fn verify(&self, token: &str) -> Option<AuthUser> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &Validation::default()).ok()?;
        Some(AuthUser { id: data.claims.sub, role: data.claims.role })
    }
}

/// The caller of a request that carried a valid bearer token. Extracting it answers 401 otherwise.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub role: Role,
}

impl AuthUser {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<&AuthUser, ApiError> {
        if roles.contains(&self.role) { Ok(self) } else { Err(ApiError::forbidden()) }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>();
        let token = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
        ready(match (state, token) {
            (Some(state), Some(token)) => state.jwt.verify(token.trim()).ok_or_else(ApiError::unauthorized),
            _ => Err(ApiError::unauthorized()),
        })
    }
}

/// An argon2id hash of `password` in PHC form.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::encode_b64(&rand::rng().random::<[u8; 16]>())
        .map_err(|e| ApiError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing a password: {e}")))
}

/// Checks `password` against `hash`. With no hash (unknown login) it still does the work of a
/// check, so that timing does not tell whether an account exists.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| hash_password(&random_token(16)).unwrap_or_default());
    let parsed = PasswordHash::new(hash.unwrap_or(&DUMMY));
    match parsed {
        Ok(parsed) => {
            Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && hash.is_some()
        }
        Err(_) => false,
    }
}

/// A random URL-safe token of `len` characters, for secrets and mailed links.
pub fn random_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut rng = rand::rng();
    (0..len).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("Senkoi2024").unwrap();
        assert!(verify_password("Senkoi2024", Some(&hash)));
        assert!(!verify_password("senkoi2024", Some(&hash)));
        assert!(!verify_password("Senkoi2024", None));
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let token = JwtKeys::new("one").issue("id-1", Role::Admin).unwrap();
        assert!(JwtKeys::new("two").verify(&token).is_none());
        let user = JwtKeys::new("one").verify(&token).unwrap();
        assert_eq!((user.id.as_str(), user.role), ("id-1", Role::Admin));
    }
}
