//! Owns the resident's user ID (ユーザID): its format and its check digit.
//!
//! Format: `S` followed by 10 digits, e.g. `S0123456784`: nine digits from a random number (so
//! IDs are not sequential and reveal nothing) and a check digit. The letter keeps leading zeros
//! alive in spreadsheets (the directors' CSV export) and tells an ID from an email at login.
//!
//! The check digit uses the Damm algorithm: like Verhoeff it catches every single-digit error
//! and every transposition of adjacent digits, but with one 10×10 table and no extra
//! permutations. Luhn (mod 10) was not chosen because it misses the transposition 09 ↔ 90.
//!
//! The rules in words: `docs/rules.md`, "A resident's account".

use crate::DomainError;

/// A resident's user ID. Made by [`UserId::from_number`] or read by [`UserId::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(String);

const PREFIX: char = 'S';
const PAYLOAD_DIGITS: usize = 9;
const PAYLOAD_RANGE: u64 = 1_000_000_000;

/// Damm's totally anti-symmetric quasigroup of order 10.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm interim digit of a string of ASCII digits: 0 when the string ends with a correct
/// check digit, otherwise the check digit to append.
pub(crate) fn damm(digits: &str) -> u8 {
    digits.bytes().fold(0, |interim, b| DAMM[usize::from(interim)][usize::from(b - b'0')])
}

impl UserId {
    /// The user ID for a number, meant to be random (the API draws it and retries on the rare
    /// collision). Only the number modulo 10⁹ is used, so every `u64` gives a valid ID.
    pub fn from_number(n: u64) -> UserId {
        let payload = format!("{:0width$}", n % PAYLOAD_RANGE, width = PAYLOAD_DIGITS);
        let check = damm(&payload);
        UserId(format!("{PREFIX}{payload}{check}"))
    }

    /// Reads a typed user ID: surrounding spaces are ignored and a lowercase `s` is accepted;
    /// anything else that is not `S` + 10 digits with a correct check digit is refused with
    /// `invalid-user-id`.
    pub fn parse(s: &str) -> Result<UserId, DomainError> {
        let refused = DomainError::invalid("user_id", "invalid-user-id");
        let s = s.trim();
        let digits = s
            .strip_prefix(PREFIX)
            .or_else(|| s.strip_prefix(PREFIX.to_ascii_lowercase()))
            .ok_or(refused.clone())?;
        let well_formed = digits.len() == PAYLOAD_DIGITS + 1 && digits.bytes().all(|b| b.is_ascii_digit());
        if !well_formed || damm(digits) != 0 {
            return Err(refused);
        }
        Ok(UserId(format!("{PREFIX}{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [u64; 6] = [0, 1, 572, 123_456_789, 987_654_321, 4_242_424_242];

    #[test]
    fn damm_check_digit_matches_the_published_example() {
        // 572 → check digit 4 (Damm 2004; the usual worked example).
        assert_eq!(damm("572"), 4);
        assert_eq!(damm("5724"), 0);
    }

    #[test]
    fn ids_are_s_and_ten_digits_and_parse_back() {
        let cases = [(0, "S0000000000"), (572, "S0000005724"), (1_000_000_572, "S0000005724")];
        for (n, id) in cases {
            assert_eq!(UserId::from_number(n).as_str(), id);
        }
        for n in SAMPLES {
            let id = UserId::from_number(n);
            assert_eq!(id.as_str().len(), 11);
            assert_eq!(UserId::parse(id.as_str()), Ok(id.clone()));
            assert_eq!(UserId::parse(&format!("  {id}\n")), Ok(id.clone()));
            assert_eq!(UserId::parse(&id.as_str().replacen('S', "s", 1)), Ok(id));
        }
    }

    #[test]
    fn every_single_digit_substitution_is_refused() {
        for n in SAMPLES {
            let id = UserId::from_number(n);
            let digits: Vec<u8> = id.as_str()[1..].bytes().collect();
            for position in 0..digits.len() {
                for replacement in b'0'..=b'9' {
                    if replacement == digits[position] {
                        continue;
                    }
                    let mut typo = digits.clone();
                    typo[position] = replacement;
                    let typed = format!("S{}", String::from_utf8(typo).expect("ascii"));
                    assert_eq!(
                        UserId::parse(&typed),
                        Err(DomainError::invalid("user_id", "invalid-user-id")),
                        "{id} typed as {typed}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_adjacent_transposition_is_refused() {
        for n in SAMPLES.into_iter().chain([90_909_090, 109_010_901]) {
            let id = UserId::from_number(n);
            let digits: Vec<u8> = id.as_str()[1..].bytes().collect();
            for position in 0..digits.len() - 1 {
                if digits[position] == digits[position + 1] {
                    continue;
                }
                let mut swapped = digits.clone();
                swapped.swap(position, position + 1);
                let typed = format!("S{}", String::from_utf8(swapped).expect("ascii"));
                assert!(UserId::parse(&typed).is_err(), "{id} typed as {typed}");
            }
        }
    }

    #[test]
    fn malformed_ids_are_refused() {
        let valid = UserId::from_number(123_456_789);
        let cases = [
            "".to_owned(),
            "S".to_owned(),
            valid.as_str()[1..].to_owned(),         // no letter
            format!("X{}", &valid.as_str()[1..]),   // wrong letter
            valid.as_str()[..10].to_owned(),        // too short
            format!("{valid}0"),                    // too long
            format!("S{}", "１２３４５６７８９０"), // full-width digits
            format!("S-{}", &valid.as_str()[1..]),  // separator
        ];
        for typed in cases {
            assert_eq!(
                UserId::parse(&typed),
                Err(DomainError::invalid("user_id", "invalid-user-id")),
                "{typed:?}"
            );
        }
    }
}
