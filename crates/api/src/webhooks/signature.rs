//! Standard Webhooks signatures: `v1,` + base64 of HMAC-SHA256 over `{id}.{timestamp}.{body}`,
//! keyed with the base64 part of a `whsec_` secret. Receivers check it with any Standard Webhooks
//! library; [`verify`] is the same check, for the tests and the sandbox.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The prefix of an endpoint's secret.
pub const SECRET_PREFIX: &str = "whsec_";

/// What an endpoint's secret is sealed for at rest: that endpoint, nothing else.
fn context(endpoint_id: &str) -> String {
    format!("webhook:{endpoint_id}")
}

/// The endpoint's secret as its row keeps it: sealed ([`crate::sealing`]) like the consultation
/// texts, so that a copy of the database signs nothing.
pub fn seal(sealing: &crate::sealing::SealingKey, endpoint_id: &str, secret: &str) -> String {
    sealing.seal(secret, &context(endpoint_id))
}

/// The `whsec_` secret of an endpoint's row: opened, or as it is when it was kept before secrets
/// were sealed (start-up seals those). `None` when the seal does not open (another key).
pub fn open(sealing: &crate::sealing::SealingKey, endpoint_id: &str, kept: &str) -> Option<String> {
    if kept.starts_with(SECRET_PREFIX) {
        return Some(kept.to_owned());
    }
    sealing.open(kept, &context(endpoint_id))
}

/// A `whsec_` secret that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSecret;

fn key(secret: &str) -> Result<Vec<u8>, BadSecret> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).ok_or(BadSecret)?;
    STANDARD.decode(encoded).map_err(|_| BadSecret)
}

/// The `webhook-signature` header's value for a message.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, BadSecret> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key(secret)?).map_err(|_| BadSecret)?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Ok(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

/// Whether `header` (space-separated signatures) holds a `v1` signature of the message, compared
/// in constant time.
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    let Ok(key) = key(secret) else { return false };
    header.split_whitespace().filter_map(|s| s.strip_prefix("v1,")).any(|candidate| {
        let Ok(expected) = STANDARD.decode(candidate) else { return false };
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&key) else { return false };
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body);
        mac.verify_slice(&expected).is_ok()
    })
}

/// A new endpoint secret: 24 random bytes behind `whsec_`.
pub fn new_secret() -> String {
    let bytes: [u8; 24] = rand::random();
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const ID: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
    const TIMESTAMP: i64 = 1649367553;
    const BODY: &[u8] = br#"{"email":"test@example.com","username":"test_user"}"#;

    #[test]
    fn the_schemes_published_vector_signs_as_published() {
        assert_eq!(
            sign(SECRET, ID, TIMESTAMP, BODY).unwrap(),
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
        );
    }

    #[test]
    fn a_secret_is_kept_sealed_for_its_endpoint_only() {
        let sealing =
            crate::sealing::SealingKey::from_base64(&crate::sealing::SealingKey::generate_base64()).unwrap();
        let secret = new_secret();
        let kept = seal(&sealing, "ep-1", &secret);
        assert!(!kept.contains(&secret[SECRET_PREFIX.len()..]), "sealed");
        assert_eq!(open(&sealing, "ep-1", &kept).as_deref(), Some(secret.as_str()));
        assert_eq!(open(&sealing, "ep-2", &kept), None, "another endpoint's seal does not open");
        assert_eq!(
            open(&sealing, "ep-1", &secret).as_deref(),
            Some(secret.as_str()),
            "one kept before sealing"
        );
    }

    #[test]
    fn a_signature_holds_only_for_its_message_and_secret() {
        let header = sign(SECRET, ID, TIMESTAMP, BODY).unwrap();
        assert!(verify(SECRET, ID, TIMESTAMP, BODY, &header));
        assert!(verify(SECRET, ID, TIMESTAMP, BODY, &format!("v1,bm90IHRoaXM= {header}")), "one of several");
        assert!(!verify(SECRET, ID, TIMESTAMP + 1, BODY, &header));
        assert!(!verify(SECRET, "msg_other", TIMESTAMP, BODY, &header));
        assert!(!verify(SECRET, ID, TIMESTAMP, b"{}", &header));
        assert!(!verify(&new_secret(), ID, TIMESTAMP, BODY, &header));
        assert!(!verify(SECRET, ID, TIMESTAMP, BODY, &header.replace("v1,", "v2,")));
        assert_eq!(sign("C2FVsBQIhrscChlQIMV+b5sSYspob7oD", ID, TIMESTAMP, BODY), Err(BadSecret));
        assert!(new_secret().starts_with(SECRET_PREFIX) && key(&new_secret()).unwrap().len() == 24);
    }
}
