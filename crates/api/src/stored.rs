//! Stored enums that belong to the API's own tables (the domain's are derived in the domain
//! crate under its `db` feature). Each reads back typed: a value none of them could have written
//! fails the read instead of turning into some default.

use sea_orm::sea_query::StringLen;
use sea_orm::{DeriveActiveEnum, EnumIter};
use senkoi_domain::audit::AuditAction;

pub use senkoi_domain::audit::ActorKind;

/// What happened to an application (its history, `application_events`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "kebab-case")]
pub enum ApplicationAction {
    /// The resident applied.
    Applied,
    /// The resident withdrew.
    Withdrawn,
    /// The director decided, or took a decision back.
    Decided,
    /// The director recorded the resident's decline.
    Declined,
}

impl ApplicationAction {
    pub const ALL: [ApplicationAction; 4] = [
        ApplicationAction::Applied,
        ApplicationAction::Withdrawn,
        ApplicationAction::Decided,
        ApplicationAction::Declined,
    ];

    /// The audit event's action.
    pub fn audit_action(self) -> AuditAction {
        match self {
            ApplicationAction::Applied => AuditAction::ApplicationSubmitted,
            ApplicationAction::Withdrawn => AuditAction::ApplicationWithdrawn,
            ApplicationAction::Decided => AuditAction::ApplicationDecided,
            ApplicationAction::Declined => AuditAction::ApplicationDeclined,
        }
    }

    /// Whether the change is public at once: a decision is not, until the round's result
    /// notification (the societies' feeds leave it out, and show the application again when the
    /// results are released).
    pub fn is_public(self) -> bool {
        !matches!(self, ApplicationAction::Decided)
    }

    /// What an application would be "…" (`invalid-transition`'s wording).
    pub fn done(self) -> &'static str {
        match self {
            ApplicationAction::Applied => "applied",
            ApplicationAction::Withdrawn => "withdrawn",
            ApplicationAction::Decided => "decided",
            ApplicationAction::Declined => "declined",
        }
    }
}

/// Whose session a refresh token keeps alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "kebab-case")]
pub enum SubjectKind {
    Resident,
    Staff,
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};
    use senkoi_domain::Role;
    use senkoi_domain::announcement::Audience;
    use senkoi_domain::application::{ApplicationStatus, Decision};
    use senkoi_domain::link::LinkPurpose;
    use senkoi_domain::round::RoundKind;
    use senkoi_domain::specialty::Specialty;

    #[test]
    fn only_a_decision_waits_for_the_results_to_be_public() {
        let public: Vec<_> = ApplicationAction::ALL.into_iter().filter(|a| a.is_public()).collect();
        assert_eq!(
            public,
            [ApplicationAction::Applied, ApplicationAction::Withdrawn, ApplicationAction::Declined]
        );
    }

    /// The stored value of every domain enum is its stable code, the one the wire and the
    /// migrations' partial indexes use.
    #[test]
    fn domain_enums_are_stored_as_their_codes() {
        for s in ApplicationStatus::ALL {
            assert_eq!(s.to_value(), s.code());
        }
        for d in Decision::ALL {
            assert_eq!(d.to_value(), d.code());
        }
        for k in RoundKind::ALL {
            assert_eq!(k.to_value(), k.code());
        }
        for r in Role::ALL {
            assert_eq!(r.to_value(), r.as_str());
        }
        for a in Audience::ALL {
            assert_eq!(a.to_value(), a.code());
        }
        for s in Specialty::ALL {
            assert_eq!(s.to_value(), s.code());
        }
        for p in LinkPurpose::ALL {
            assert_eq!(p.to_value(), p.code());
        }
        for a in AuditAction::ALL {
            assert_eq!(a.to_value(), a.code());
        }
        for e in senkoi_domain::audit::AuditEntity::ALL {
            assert_eq!(e.to_value(), e.code());
        }
    }

    #[test]
    fn an_unknown_stored_value_is_refused_not_defaulted() {
        assert!(ApplicationStatus::try_from_value(&"hired".to_string()).is_err());
        assert!(RoundKind::try_from_value(&"third".to_string()).is_err());
        assert!(ActorKind::try_from_value(&"root".to_string()).is_err());
        assert_eq!(ActorKind::iter().count(), 6);
        assert_eq!(
            ActorKind::try_from_value(&"consultation-officer".to_string()).ok(),
            Some(ActorKind::ConsultationOfficer)
        );
        assert_eq!(SubjectKind::Staff.to_value(), "staff");
        assert_eq!(ApplicationAction::Withdrawn.to_value(), "withdrawn");
        assert!(AuditAction::try_from_value(&"application.hired".to_string()).is_err());
    }
}
