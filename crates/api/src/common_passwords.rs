//! The list of common passwords that the staff password rule refuses (`data/common-passwords.txt`,
//! shipped with the binary and read once), and the rule applied with it.

use std::collections::HashSet;
use std::sync::LazyLock;

use senkoi_domain::DomainError;
use senkoi_domain::staff::StaffPassword;

static LIST: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether a lowercased text is a common password.
pub fn is_common(lower: &str) -> bool {
    LIST.contains(lower)
}

/// A staff member's new password, by the staff rule and this list.
pub fn staff_password(text: &str) -> Result<StaffPassword, DomainError> {
    StaffPassword::parse(text, &is_common)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_is_read_and_used() {
        assert!(LIST.len() > 15_000, "{}", LIST.len());
        assert!(is_common("password") && is_common("1qaz2wsx3edc") && !is_common("# common"));
        for refused in ["1qaz2wsx3edc", "Password2024!", "Baseball#1234", "qwertyuiop123"] {
            assert_eq!(
                staff_password(refused).map(|_| ()).map_err(|e| e.code()),
                Err("password-too-weak"),
                "{refused}"
            );
        }
        assert!(staff_password("kumo-no-ue-de-hiru-ne").is_ok());
    }
}
