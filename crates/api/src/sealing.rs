//! Encryption at rest for what a copy of the database must never show: the text of
//! consultations (専攻医相談窓口). XChaCha20-Poly1305 under the key of `SENKOI_CONSULTATION_KEY`,
//! a random nonce per text, and the row's id as associated data, so that a sealed text moved to
//! another row does not open. A leaf: it depends on nothing in the crate.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// The length of a key, in bytes.
pub const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
/// The prefix of every sealed text: the scheme's version, so that a later key rotation can tell.
const VERSION: &str = "v1.";

/// A key that seals and opens texts. Its `Debug` never shows it.
#[derive(Clone)]
pub struct SealingKey(XChaCha20Poly1305);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(***)")
    }
}

impl SealingKey {
    /// Reads a key written in base64: 32 random bytes (`openssl rand -base64 32`).
    pub fn from_base64(text: &str) -> Result<SealingKey, String> {
        let bytes = STANDARD.decode(text.trim()).map_err(|_| {
            "SENKOI_CONSULTATION_KEY is not base64; make one with: openssl rand -base64 32".to_string()
        })?;
        if bytes.len() != KEY_BYTES {
            return Err(format!(
                "SENKOI_CONSULTATION_KEY holds {} bytes; it needs {KEY_BYTES} (openssl rand -base64 32)",
                bytes.len()
            ));
        }
        XChaCha20Poly1305::new_from_slice(&bytes).map(SealingKey).map_err(|e| e.to_string())
    }

    /// A new random key in base64, for a laptop that was given none.
    pub fn generate_base64() -> String {
        let mut bytes = [0u8; KEY_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        STANDARD.encode(bytes)
    }

    /// Seals `text` for the row `context`: `v1.` and base64 of the nonce and the ciphertext.
    pub fn seal(&self, text: &str, context: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .0
            .encrypt(&XNonce::from(nonce), Payload { msg: text.as_bytes(), aad: context.as_bytes() })
            // Encryption fails only for a text longer than 256 GiB.
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{VERSION}{}", STANDARD.encode(out))
    }

    /// Opens what [`SealingKey::seal`] sealed for `context`; `None` for another key, another
    /// row, or a text that was changed.
    pub fn open(&self, sealed: &str, context: &str) -> Option<String> {
        let bytes = STANDARD.decode(sealed.strip_prefix(VERSION)?).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().ok()?;
        let text = self
            .0
            .decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: context.as_bytes() })
            .ok()?;
        String::from_utf8(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SealingKey {
        SealingKey::from_base64(&SealingKey::generate_base64()).expect("a key")
    }

    #[test]
    fn a_sealed_text_opens_only_with_its_key_and_row() {
        let key = key();
        let sealed = key.seal("東京病院の山田医師", "row-1");
        assert!(sealed.starts_with("v1."));
        assert!(!sealed.contains("山田"));
        assert_eq!(key.open(&sealed, "row-1").as_deref(), Some("東京病院の山田医師"));
        assert_eq!(key.open(&sealed, "row-2"), None, "another row");
        assert_eq!(self::key().open(&sealed, "row-1"), None, "another key");
        let mut tampered = sealed.clone();
        tampered.replace_range(sealed.len() - 4..sealed.len() - 2, "AA");
        assert_eq!(key.open(&tampered, "row-1"), None, "changed");
        assert_eq!(key.open("v1.AAAA", "row-1"), None, "too short");
        assert_eq!(key.open("plain text", "row-1"), None, "not sealed");
    }

    #[test]
    fn the_same_text_seals_differently_each_time() {
        let key = key();
        assert_ne!(key.seal("同じ", "r"), key.seal("同じ", "r"));
    }

    #[test]
    fn a_key_is_32_bytes_of_base64_and_never_shown() {
        assert!(SealingKey::from_base64("not base64!").is_err());
        assert!(SealingKey::from_base64(&STANDARD.encode([0u8; 16])).unwrap_err().contains("16 bytes"));
        let key = SealingKey::from_base64(&STANDARD.encode([7u8; 32])).expect("32 bytes");
        assert_eq!(format!("{key:?}"), "SealingKey(***)");
    }
}
