//! The staff's second factor: TOTP (RFC 6238 with the parameters every authenticator app reads:
//! SHA-1, 6 digits, 30-second steps), its enrolment QR code, and one-time recovery codes. Pure
//! functions over a secret and an instant; the routes keep the secret sealed and the last step
//! accepted.

use chrono::{DateTime, Utc};
use qrcodegen::{QrCode, QrCodeEcc};
use rand::Rng;
use totp_rs::{Algorithm, TOTP};

/// The name an authenticator app shows for the account.
pub const ISSUER: &str = "Senkoi";
/// Bytes of a new secret: 160 bits, RFC 4226's recommendation.
const SECRET_BYTES: usize = 20;
const STEP_SECONDS: u64 = 30;
/// Steps either side of now a code may come from: a phone's clock a little off.
const SKEW_STEPS: i64 = 1;
/// Recovery codes made at enrolment, each good once.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code, shown as two groups of five.
const RECOVERY_CODE_CHARS: usize = 10;
/// Letters and digits that cannot be mistaken for one another when copied by hand.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A staff member's authenticator: their secret, named for their address.
pub struct Authenticator(TOTP);

impl Authenticator {
    /// The authenticator of `secret` (raw bytes) for the account `email`.
    pub fn new(secret: Vec<u8>, email: &str) -> Result<Authenticator, String> {
        let account = email.replace(':', "");
        TOTP::new(Algorithm::SHA1, 6, 0, STEP_SECONDS, secret, Some(ISSUER.into()), account)
            .map(Authenticator)
            .map_err(|e| format!("a TOTP secret that cannot be used: {e:?}"))
    }

    /// The authenticator of a secret kept in base32 (as [`Self::secret_base32`] wrote it).
    pub fn from_base32(secret: &str, email: &str) -> Result<Authenticator, String> {
        let bytes = totp_rs::Secret::Encoded(secret.to_owned()).to_bytes().map_err(|e| e.to_string())?;
        Authenticator::new(bytes, email)
    }

    /// A new random secret.
    pub fn new_secret() -> Vec<u8> {
        let mut secret = vec![0u8; SECRET_BYTES];
        rand::rng().fill(secret.as_mut_slice());
        secret
    }

    /// The secret as an app takes it typed in: base32 without padding.
    pub fn secret_base32(&self) -> String {
        self.0.get_secret_base32()
    }

    /// The `otpauth://totp/…` URL that the QR code carries.
    pub fn url(&self) -> String {
        self.0.get_url()
    }

    /// The code of the step holding `at`.
    pub fn code_at(&self, at: DateTime<Utc>) -> String {
        self.0.generate(u64::try_from(at.timestamp()).unwrap_or(0))
    }

    /// The step of `code` when it is the code of a step within [`SKEW_STEPS`] of `now` and later
    /// than `last_step` (a code is good once); `None` otherwise.
    pub fn accepts(&self, code: &str, now: DateTime<Utc>, last_step: Option<i64>) -> Option<i64> {
        let step_seconds = i64::try_from(STEP_SECONDS).unwrap_or(30);
        let now_step = now.timestamp().div_euclid(step_seconds);
        (now_step - SKEW_STEPS..=now_step + SKEW_STEPS)
            .filter(|step| last_step.is_none_or(|last| *step > last))
            .find(|step| {
                let at = u64::try_from(step * step_seconds).unwrap_or(0);
                constant_time_eq(self.0.generate(at).as_bytes(), code.as_bytes())
            })
    }
}

/// Equal bytes, compared in a time that does not depend on where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// `text` as a QR code in SVG (black modules on white, a quiet zone of four), for an `<img>`.
pub fn qr_svg(text: &str) -> Result<String, String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|e| format!("QR code: {e:?}"))?;
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// New recovery codes, shown `abcde-fghjk`.
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let code: String = (0..RECOVERY_CODE_CHARS)
                .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
                .collect();
            format!("{}-{}", &code[..5], &code[5..])
        })
        .collect()
}

/// A recovery code as kept (its hash's input): lowercase, without the hyphen or spaces.
pub fn recovery_key(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn the_codes_are_rfc_6238s() {
        // RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", 8 digits there, 6 here.
        let rfc = Authenticator::new(b"12345678901234567890".to_vec(), "a@example.jp").unwrap();
        for (time, code) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(rfc.code_at(at(time)), code, "{time}");
        }
    }

    #[test]
    fn a_code_is_good_for_its_step_and_those_beside_it_and_only_once() {
        let app = Authenticator::new(Authenticator::new_secret(), "a@example.jp").unwrap();
        let now = at(1_700_000_015);
        let step = 1_700_000_015 / 30;
        let code = app.code_at(now);
        assert_eq!(app.accepts(&code, now, None), Some(step));
        assert_eq!(app.accepts(&code, now, Some(step)), None, "used");
        assert_eq!(
            app.accepts(&app.code_at(at(1_700_000_015 - 30)), now, None),
            Some(step - 1),
            "a step late"
        );
        assert_eq!(
            app.accepts(&app.code_at(at(1_700_000_015 + 30)), now, None),
            Some(step + 1),
            "a step early"
        );
        assert_eq!(app.accepts(&app.code_at(at(1_700_000_015 - 60)), now, None), None, "too late");
        assert_eq!(app.accepts("000000x", now, None), None);
        assert_eq!(app.accepts("", now, None), None);
    }

    #[test]
    fn the_enrolment_url_and_qr_code_carry_the_secret() {
        let app = Authenticator::new(Authenticator::new_secret(), "officer@example.jp").unwrap();
        let url = app.url();
        assert!(url.starts_with("otpauth://totp/Senkoi:officer%40example.jp?"), "{url}");
        assert!(
            url.contains(&format!("secret={}", app.secret_base32())) && url.contains("issuer=Senkoi"),
            "{url}"
        );
        let again = Authenticator::from_base32(&app.secret_base32(), "officer@example.jp").unwrap();
        assert_eq!(again.code_at(at(1_700_000_000)), app.code_at(at(1_700_000_000)), "kept and read back");
        let svg = qr_svg(&url).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"), "{svg}");
    }

    #[test]
    fn recovery_codes_are_many_distinct_and_read_back_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert!(codes.iter().all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'), "{codes:?}");
        assert_eq!(recovery_key(" ABCDE-fghjk "), "abcdefghjk");
    }
}
