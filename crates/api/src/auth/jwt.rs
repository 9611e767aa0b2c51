//! Access tokens: HS256 JWTs carrying `iss`, `aud`, `sub`, `role`, `iat` and `exp`, issued and
//! checked against the application's clock. The keys are their own app data, so routes and
//! extractors reach them without the application state.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use senkoi_domain::Role;
use senkoi_domain::specialty::Specialty;

/// How long an access token lives, in seconds.
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;

/// Who issues the tokens and whom they are for.
const ISSUER: &str = "senkoi";
const AUDIENCE: &str = "senkoi-api";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    role: Role,
    iat: i64,
    exp: i64,
    /// A society client's specialty (the OAuth scope `specialty:<code>`); nobody else has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    /// The society client's secret the token was had with: revoking it ends the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sid: Option<String>,
}

/// The verified content of an access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSubject {
    pub id: String,
    pub role: Role,
    /// The one specialty a society client reaches.
    pub scope: Option<Specialty>,
    /// A society client's secret the token was had with (tokens from before it was recorded have
    /// none).
    pub secret_id: Option<String>,
}

/// Signs and checks access tokens with the configured secret. Only HS256 is accepted: a token
/// naming another algorithm (`none`, RS256 with the secret as a public key…) is refused.
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

    /// A token for `subject` in `role`, valid from `now` for [`ACCESS_TOKEN_SECONDS`].
    pub fn issue(&self, subject: &str, role: Role, now: DateTime<Utc>) -> Result<String, ApiError> {
        self.sign(subject, role, None, now)
    }

    /// A society client's token, scoped to `specialty`, had with the secret `secret_id`.
    pub fn issue_scoped(
        &self,
        subject: &str,
        specialty: Specialty,
        secret_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        self.sign(subject, Role::Society, Some((specialty, secret_id)), now)
    }

    fn sign(
        &self,
        subject: &str,
        role: Role,
        scope: Option<(Specialty, &str)>,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let iat = now.timestamp();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: subject.to_string(),
            role,
            iat,
            exp: iat + ACCESS_TOKEN_SECONDS,
            scope: scope.map(|(s, _)| s.code().to_string()),
            sid: scope.map(|(_, secret)| secret.to_string()),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("signing a token: {e}")))
    }

    /// The subject of a token that is well signed, ours, for us, and not expired at `now` (the
    /// application's clock, not the machine's: the library's own expiry check is off).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<TokenSubject> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.validate_exp = false;
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?.claims;
        let now = now.timestamp();
        // A token from the future (beyond a minute of skew) is as suspect as an expired one.
        let scope = match (claims.role, claims.scope.as_deref()) {
            (Role::Society, Some(code)) => Some(Specialty::parse(code).ok()?),
            (Role::Society, None) | (_, Some(_)) => return None,
            (_, None) => None,
        };
        (claims.iat <= now + 60 && now < claims.exp).then_some(TokenSubject {
            id: claims.sub,
            role: claims.role,
            scope,
            secret_id: claims.sid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2023-11-01T03:00:00Z").unwrap().to_utc()
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let token = JwtKeys::new("one").issue("id-1", Role::Admin, now()).unwrap();
        assert!(JwtKeys::new("two").verify(&token, now()).is_none());
        let subject = JwtKeys::new("one").verify(&token, now()).unwrap();
        assert_eq!(
            subject,
            TokenSubject { id: "id-1".into(), role: Role::Admin, scope: None, secret_id: None }
        );
    }

    #[test]
    fn a_token_expires_by_the_application_clock() {
        let keys = JwtKeys::new("k");
        let token = keys.issue("id", Role::Resident, now()).unwrap();
        let life = Duration::seconds(ACCESS_TOKEN_SECONDS);
        assert!(keys.verify(&token, now() + life - Duration::seconds(1)).is_some());
        assert!(keys.verify(&token, now() + life).is_none());
        assert!(keys.verify(&token, now() - Duration::minutes(5)).is_none(), "issued in the future");
    }

    #[test]
    fn only_hs256_with_our_issuer_and_audience_is_accepted() {
        let keys = JwtKeys::new("k");
        let encode = |header: Header, iss: &str, aud: &str| {
            let claims = Claims {
                iss: iss.into(),
                aud: aud.into(),
                sub: "id".into(),
                role: Role::Admin,
                iat: now().timestamp(),
                exp: now().timestamp() + 60,
                scope: None,
                sid: None,
            };
            jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(b"k")).unwrap()
        };
        assert!(keys.verify(&encode(Header::new(Algorithm::HS256), ISSUER, AUDIENCE), now()).is_some());
        assert!(keys.verify(&encode(Header::new(Algorithm::HS384), ISSUER, AUDIENCE), now()).is_none());
        assert!(keys.verify(&encode(Header::new(Algorithm::HS256), "other", AUDIENCE), now()).is_none());
        assert!(keys.verify(&encode(Header::new(Algorithm::HS256), ISSUER, "other"), now()).is_none());
        // alg "none": header and claims with an empty signature.
        let signed = encode(Header::new(Algorithm::HS256), ISSUER, AUDIENCE);
        let claims = signed.split('.').nth(1).unwrap();
        let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{claims}.");
        assert!(keys.verify(&unsigned, now()).is_none());
    }

    #[test]
    fn only_a_society_token_carries_a_scope_and_it_must_carry_one() {
        let keys = JwtKeys::new("k");
        let token = keys.issue_scoped("client-1", Specialty::Pediatrics, "secret-1", now()).unwrap();
        let subject = keys.verify(&token, now()).unwrap();
        assert_eq!((subject.role, subject.scope), (Role::Society, Some(Specialty::Pediatrics)));
        assert_eq!(subject.secret_id.as_deref(), Some("secret-1"), "the secret it was had with");
        let forge = |role: Role, scope: Option<&str>| {
            let claims = Claims {
                iss: ISSUER.into(),
                aud: AUDIENCE.into(),
                sub: "id".into(),
                role,
                iat: now().timestamp(),
                exp: now().timestamp() + 60,
                scope: scope.map(str::to_string),
                sid: None,
            };
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(b"k"))
                .unwrap()
        };
        assert!(keys.verify(&forge(Role::Society, None), now()).is_none(), "a society token without a scope");
        assert!(
            keys.verify(&forge(Role::Society, Some("dentistry")), now()).is_none(),
            "an unknown specialty"
        );
        assert!(
            keys.verify(&forge(Role::Admin, Some("pediatrics")), now()).is_none(),
            "a scope on a person's token"
        );
    }
}
