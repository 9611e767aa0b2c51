//! Owns the board's staff accounts (機構の管理者, 相談窓口担当者, 統括責任者): which roles an admin
//! invites, and the staff password rule. Staff guard every resident's personal data, so their
//! passwords follow NIST SP 800-63B rather than the residents' rule of the seeds: at least 12
//! characters of any kind (spaces and Japanese included), at most 128, and not a common password,
//! a common one with digits or symbols after it, one character repeated or a run like `abcdef…`.
//!
//! The rules in words: `docs/rules.md`, "Who takes part".

use crate::DomainError;
use crate::role::Role;

/// The fewest characters of a staff password.
pub const STAFF_PASSWORD_MIN_CHARS: usize = 12;
/// The most characters of a staff password (the sign-in form takes 128).
pub const STAFF_PASSWORD_MAX_CHARS: usize = 128;
/// A common password's word stays recognisable with at most this many characters after it.
const SUFFIX_MAX_CHARS: usize = 6;

/// Whether a staff member of `role` must have a second factor before doing anything else: the
/// board's admins (every resident's data) and the consultation officers (the confidential
/// consultations). Directors are offered one.
pub fn second_factor_required(role: Role) -> bool {
    matches!(role, Role::Admin | Role::ConsultationOfficer)
}

/// What a staff member types as their second factor: the 6 digits of their authenticator app, or
/// one of their recovery codes (10 letters and digits, shown `abcde-fghjk`). Full-width
/// characters, spaces and hyphens are taken as a phone's keyboard gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactorCode {
    Totp(String),
    Recovery(String),
}

impl SecondFactorCode {
    /// Code: `invalid-second-factor-code` on `code`.
    pub fn parse(text: &str) -> Result<SecondFactorCode, DomainError> {
        let cleaned: String = text
            .chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match cleaned.len() {
            6 if cleaned.bytes().all(|b| b.is_ascii_digit()) => Ok(SecondFactorCode::Totp(cleaned)),
            10 if cleaned.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Ok(SecondFactorCode::Recovery(cleaned))
            }
            _ => Err(DomainError::invalid("code", "invalid-second-factor-code")),
        }
    }

    /// The app's 6 digits only, as a set-up is confirmed (its recovery codes do not exist yet).
    pub fn parse_app_code(text: &str) -> Result<String, DomainError> {
        match SecondFactorCode::parse(text)? {
            SecondFactorCode::Totp(digits) => Ok(digits),
            SecondFactorCode::Recovery(_) => Err(DomainError::invalid("code", "invalid-second-factor-code")),
        }
    }
}

/// A full-width ASCII character (`１`, `Ａ`) as its half-width one; others as they are.
fn half_width(c: char) -> char {
    match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        // The ideographic space is whitespace already, dropped as any other.
        _ => c,
    }
}

/// A role an admin invites by mail, by its code: each staff role, never a resident's or a
/// society's. Code: `unknown-role` on `role`.
pub fn parse_invitable_role(code: &str) -> Result<Role, DomainError> {
    Role::parse(code.trim())
        .filter(|role| role.is_staff())
        .ok_or(DomainError::invalid("role", "unknown-role"))
}

/// A staff member's password, checked against the rule; `is_common` tells whether a lowercased
/// text is on the list of common passwords (the server's list; the SPA checks the rest).
pub struct StaffPassword(String);

impl StaffPassword {
    /// Codes: `required`, `staff-password-length`, `invalid-characters` (control characters),
    /// `password-too-weak`.
    pub fn parse(s: &str, is_common: &dyn Fn(&str) -> bool) -> Result<StaffPassword, DomainError> {
        const FIELD: &str = "password";
        if s.is_empty() {
            return Err(DomainError::invalid(FIELD, "required"));
        }
        if s.chars().any(char::is_control) {
            return Err(DomainError::invalid(FIELD, "invalid-characters"));
        }
        let length = s.chars().count();
        if !(STAFF_PASSWORD_MIN_CHARS..=STAFF_PASSWORD_MAX_CHARS).contains(&length) {
            return Err(DomainError::invalid(FIELD, "staff-password-length"));
        }
        if is_guessable(&s.to_lowercase(), is_common) {
            return Err(DomainError::invalid(FIELD, "password-too-weak"));
        }
        Ok(StaffPassword(s.to_owned()))
    }

    /// The password itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for StaffPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffPassword(…)")
    }
}

/// A lowercased password that a guesser tries early: on the list, on the list with a few digits
/// or symbols after it, one character repeated, or a run of consecutive characters.
fn is_guessable(lower: &str, is_common: &dyn Fn(&str) -> bool) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let repeated = chars.iter().all(|c| *c == chars[0]);
    let run = |up: bool| chars.windows(2).all(|w| consecutive(w[0], w[1], up));
    let word = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let suffix = chars.len() - word.chars().count();
    let common_word = suffix <= SUFFIX_MAX_CHARS && word.chars().count() >= 4 && is_common(word);
    repeated || run(true) || run(false) || is_common(lower) || common_word
}

/// Whether `b` follows `a` (or precedes it, going down): the next letter, the next digit (`9`
/// then `0`, as on a keyboard's row).
fn consecutive(a: char, b: char, up: bool) -> bool {
    let (a, b) = (i64::from(u32::from(a)), i64::from(u32::from(b)));
    let digits =
        (i64::from(b'0')..=i64::from(b'9')).contains(&a) && (i64::from(b'0')..=i64::from(b'9')).contains(&b);
    match (digits, up) {
        (true, true) => (b - a).rem_euclid(10) == 1,
        (true, false) => (a - b).rem_euclid(10) == 1,
        (false, true) => b - a == 1,
        (false, false) => a - b == 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(text: &str) -> bool {
        ["password", "qwertyuiop", "1qaz2wsx3edc", "dragon", "sunshine", "abc"].contains(&text)
    }

    fn code(text: &str) -> Result<(), &'static str> {
        StaffPassword::parse(text, &listed).map(|_| ()).map_err(|e| e.code())
    }

    #[test]
    fn a_staff_password_has_twelve_characters_of_any_kind() {
        let cases = [
            ("", Err("required")),
            ("Short-2024!", Err("staff-password-length")),
            ("Short-2024!x", Ok(())),
            ("桜が咲く頃に会いましょう", Ok(())),
            ("correct horse battery staple", Ok(())),
            ("with\ttab-inside", Err("invalid-characters")),
            ("line\nbreak-inside", Err("invalid-characters")),
        ];
        for (text, expected) in cases {
            assert_eq!(code(text), expected, "{text:?}");
        }
        assert_eq!(code(&"a1".repeat(64)), Ok(()), "128 characters");
        assert_eq!(code(&format!("{}b", "a1".repeat(64))), Err("staff-password-length"), "129");
        assert_eq!(code("あいうえおかきくけこさ"), Err("staff-password-length"), "characters, not bytes: 11");
    }

    #[test]
    fn a_staff_password_is_kept_as_typed_and_never_shown() {
        let typed = "kumo no ue 2024!";
        let password = StaffPassword::parse(typed, &listed).unwrap();
        assert_eq!(password.expose(), typed);
        assert_eq!(format!("{password:?}"), "StaffPassword(…)");
    }

    #[test]
    fn a_run_is_of_consecutive_letters_or_digits_only() {
        assert!(consecutive('a', 'b', true) && consecutive('b', 'a', false));
        assert!(consecutive('9', '0', true) && consecutive('0', '9', false), "digits go round");
        assert!(!consecutive('9', 'D', true), "a digit and a letter are not consecutive");
        assert!(!consecutive('a', 'c', true) && !consecutive('c', 'a', false));
        assert_eq!(code("zxvtrpnljhfd"), Ok(()), "every other letter is not a run");
    }

    #[test]
    fn a_common_password_or_its_obvious_variants_are_refused() {
        let cases = [
            ("1qaz2wsx3edc", Err("password-too-weak")),
            ("1QAZ2WSX3EDC", Err("password-too-weak")),
            ("password1234", Err("password-too-weak")),
            ("Password2024!", Err("password-too-weak")),
            ("Sunshine#2024", Err("password-too-weak")),
            ("dragon123456", Err("password-too-weak")),
            ("dragon1234567", Ok(())),
            ("abc123456789", Ok(())),
            ("aaaaaaaaaaaa", Err("password-too-weak")),
            ("abcdefghijklm", Err("password-too-weak")),
            ("123456789012", Err("password-too-weak")),
            ("234567890123", Err("password-too-weak")),
            ("987654321098", Err("password-too-weak")),
            ("135792468013", Ok(())),
            ("123456789abc", Ok(())),
            ("zyxwvutsrqpo", Err("password-too-weak")),
            ("dragon sunshine", Ok(())),
        ];
        for (text, expected) in cases {
            assert_eq!(code(text), expected, "{text:?}");
        }
        let unlisted = |text: &str| StaffPassword::parse(text, &|_| false).map(|_| ()).map_err(|e| e.code());
        assert_eq!(unlisted("1234567890123"), Err("password-too-weak"), "a run needs no list");
        assert_eq!(unlisted("password1234"), Ok(()), "the list is what makes a word common");
    }

    #[test]
    fn a_second_factor_code_is_six_digits_or_a_recovery_code_however_typed() {
        let cases = [
            ("123456", Ok(SecondFactorCode::Totp("123456".into()))),
            (" 123 456 ", Ok(SecondFactorCode::Totp("123456".into()))),
            ("１２３４５６", Ok(SecondFactorCode::Totp("123456".into()))),
            ("ABCDE-fghjk", Ok(SecondFactorCode::Recovery("abcdefghjk".into()))),
            ("ａｂｃｄｅ－ｆｇｈｊｋ", Ok(SecondFactorCode::Recovery("abcdefghjk".into()))),
            ("12345", Err("invalid-second-factor-code")),
            ("1234567", Err("invalid-second-factor-code")),
            ("12345a", Err("invalid-second-factor-code")),
            ("abcde_fghjk", Err("invalid-second-factor-code")),
            ("abcde_fghj", Err("invalid-second-factor-code")),
            ("１２３\u{3000}４５６", Ok(SecondFactorCode::Totp("123456".into()))),
            ("", Err("invalid-second-factor-code")),
        ];
        for (text, expected) in cases {
            assert_eq!(SecondFactorCode::parse(text).map_err(|e| e.code()), expected, "{text:?}");
        }
    }

    #[test]
    fn admins_and_officers_must_have_a_second_factor_and_directors_may() {
        for role in Role::ALL {
            let required = matches!(role, Role::Admin | Role::ConsultationOfficer);
            assert_eq!(second_factor_required(role), required, "{role:?}");
        }
    }

    #[test]
    fn only_staff_roles_are_invited() {
        for role in Role::ALL {
            assert_eq!(parse_invitable_role(role.as_str()).ok(), role.is_staff().then_some(role), "{role:?}");
        }
        assert_eq!(parse_invitable_role(" admin ").ok(), Some(Role::Admin));
        for refused in ["society", "boss", ""] {
            assert_eq!(parse_invitable_role(refused).unwrap_err().code(), "unknown-role", "{refused}");
        }
    }

    #[test]
    fn a_set_up_is_confirmed_by_the_apps_code_only() {
        assert_eq!(SecondFactorCode::parse_app_code("１２３ ４５６"), Ok("123456".into()));
        assert_eq!(
            SecondFactorCode::parse_app_code("abcde-fghjk").unwrap_err().code(),
            "invalid-second-factor-code"
        );
        assert_eq!(
            SecondFactorCode::parse_app_code("12345").unwrap_err().code(),
            "invalid-second-factor-code"
        );
    }
}
