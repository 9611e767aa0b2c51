//! Identifiers and secrets: resource ids, random tokens for mailed links and refresh tokens, their
//! stored hashes, and new user IDs. A leaf: it depends on nothing in the crate.

use rand::Rng;
use senkoi_domain::UserId;
use sha2::{Digest, Sha256};

/// A new opaque resource id (a UUID v4 as text).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A random URL-safe token of `len` characters (6 bits each), for secrets and mailed links.
pub fn random_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut rng = rand::rng();
    (0..len).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

/// The SHA-256 of a token in hex: what the database keeps instead of the token, so that a copy
/// of the database does not hold usable links or sessions.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new resident user ID from a random number: not sequential, with its check digit. The
/// caller retries on the rare collision (the column is unique).
pub fn new_user_id() -> UserId {
    UserId::from_number(rand::rng().random())
}

/// A random number for a receipt number; the caller checks it is free.
pub fn random_u64() -> u64 {
    rand::rng().random()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_the_asked_length_and_differ() {
        let (a, b) = (random_token(43), random_token(43));
        assert_eq!((a.len(), b.len()), (43, 43));
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }

    #[test]
    fn a_token_hash_is_the_sha256_hex() {
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn new_user_ids_parse_back() {
        let id = new_user_id();
        assert_eq!(UserId::parse(id.as_str()), Ok(id));
    }
}
