//! Owns the mailed single-use links (登録用URL, password reset, account migration, staff
//! invitation): what each is for, how long it lives, and the refusal of a late or reused one.

use chrono::{DateTime, Duration, Utc};

use crate::DomainError;

/// What a mailed single-use link is for; each has its own lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(40))",
        rename_all = "kebab-case"
    )
)]
pub enum LinkPurpose {
    /// 登録用URL: 24 hours (manual 2.2).
    Registration,
    /// Setting a new password after "forgot password": 1 hour.
    PasswordReset,
    /// 旧システムからのアカウント移行: 24 hours.
    LegacyMigration,
    /// A director's or admin's first password, from the board's invitation: 7 days.
    StaffInvitation,
}

/// How far a link has been used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkUse {
    /// Not yet used: it works until its lifetime ends.
    Unused,
    /// Used once: never again.
    Used,
    /// A newer link of the same purpose was mailed for the same account or address: only the
    /// newest works, so a link left in an old mail (or a mailbox someone else reads) is dead.
    Superseded,
}

impl LinkPurpose {
    pub const ALL: [LinkPurpose; 4] = [
        LinkPurpose::Registration,
        LinkPurpose::PasswordReset,
        LinkPurpose::LegacyMigration,
        LinkPurpose::StaffInvitation,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::Registration => "registration",
            LinkPurpose::PasswordReset => "password-reset",
            LinkPurpose::LegacyMigration => "legacy-migration",
            LinkPurpose::StaffInvitation => "staff-invitation",
        }
    }

    /// The purpose of a stored code.
    pub fn from_code(code: &str) -> Option<LinkPurpose> {
        LinkPurpose::ALL.into_iter().find(|p| p.code() == code)
    }

    /// How long a link stays valid from the moment it is made.
    pub fn validity(self) -> Duration {
        match self {
            LinkPurpose::Registration | LinkPurpose::LegacyMigration => Duration::hours(24),
            LinkPurpose::PasswordReset => Duration::hours(1),
            LinkPurpose::StaffInvitation => Duration::days(7),
        }
    }

    /// Whether a link made at `sent_at` can still be used at `now`: once, while it is the newest
    /// of its purpose, and before `sent_at + validity` (the end is excluded). Registration links
    /// answer `registration-link-used` / `registration-link-expired`; the others `link-used` /
    /// `link-expired`; every one `link-superseded` once a newer one was mailed.
    pub fn check(self, now: DateTime<Utc>, sent_at: DateTime<Utc>, used: LinkUse) -> Result<(), DomainError> {
        let registration = self == LinkPurpose::Registration;
        if used == LinkUse::Used {
            Err(if registration { DomainError::RegistrationLinkUsed } else { DomainError::LinkUsed })
        } else if used == LinkUse::Superseded {
            Err(DomainError::LinkSuperseded)
        } else if now >= sent_at + self.validity() {
            Err(if registration { DomainError::RegistrationLinkExpired } else { DomainError::LinkExpired })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::noon_jst;

    #[test]
    fn each_link_lives_its_own_time_and_only_once() {
        let sent = noon_jst(2024, 1, 10);
        let cases = [
            (LinkPurpose::Registration, Duration::hours(24)),
            (LinkPurpose::PasswordReset, Duration::hours(1)),
            (LinkPurpose::LegacyMigration, Duration::hours(24)),
            (LinkPurpose::StaffInvitation, Duration::days(7)),
        ];
        for (purpose, life) in cases {
            let unused = LinkUse::Unused;
            assert_eq!(
                purpose.check(sent + life - Duration::seconds(1), sent, unused),
                Ok(()),
                "{purpose:?}"
            );
            let expired = purpose.check(sent + life, sent, unused).unwrap_err();
            let used = purpose.check(sent, sent, LinkUse::Used).unwrap_err();
            let superseded = purpose.check(sent, sent, LinkUse::Superseded).unwrap_err();
            assert_eq!(superseded, DomainError::LinkSuperseded, "{purpose:?}");
            let late_and_superseded = purpose.check(sent + life, sent, LinkUse::Superseded).unwrap_err();
            assert_eq!(late_and_superseded, DomainError::LinkSuperseded, "the newer link is the news");
            let (expired_code, used_code) = if purpose == LinkPurpose::Registration {
                ("registration-link-expired", "registration-link-used")
            } else {
                ("link-expired", "link-used")
            };
            assert_eq!((expired.code(), used.code()), (expired_code, used_code), "{purpose:?}");
            assert_eq!(LinkPurpose::from_code(purpose.code()), Some(purpose));
        }
        assert_eq!(LinkPurpose::from_code("other"), None);
    }

    #[test]
    fn registration_link_is_valid_24_hours_and_once() {
        let sent_at = noon_jst(2023, 10, 1);
        let cases = [
            (sent_at, LinkUse::Unused, Ok(())),
            (sent_at + Duration::hours(24) - Duration::seconds(1), LinkUse::Unused, Ok(())),
            (sent_at + Duration::hours(24), LinkUse::Unused, Err(DomainError::RegistrationLinkExpired)),
            (sent_at + Duration::days(3), LinkUse::Unused, Err(DomainError::RegistrationLinkExpired)),
            (sent_at + Duration::hours(1), LinkUse::Used, Err(DomainError::RegistrationLinkUsed)),
            (sent_at + Duration::days(3), LinkUse::Used, Err(DomainError::RegistrationLinkUsed)),
            (sent_at + Duration::hours(1), LinkUse::Superseded, Err(DomainError::LinkSuperseded)),
        ];
        for (now, used, expected) in cases {
            assert_eq!(LinkPurpose::Registration.check(now, sent_at, used), expected, "{now} {used:?}");
        }
    }
}
