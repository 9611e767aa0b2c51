//! Owns [`Role`]: who a signed-in caller is (docs/rules.md, "Who takes part").

use serde::{Deserialize, Serialize};

/// Who a token speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(40))",
        rename_all = "kebab-case"
    )
)]
pub enum Role {
    /// 専攻医
    Resident,
    /// 統括責任者
    Director,
    /// 機構 (board staff)
    Admin,
    /// 領域学会 (a society's system)
    Society,
    /// The harassment committee's consultation officer.
    ConsultationOfficer,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Resident, Role::Director, Role::Admin, Role::Society, Role::ConsultationOfficer];

    /// The stored and wire code, e.g. `consultation-officer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Director => "director",
            Role::Admin => "admin",
            Role::Society => "society",
            Role::ConsultationOfficer => "consultation-officer",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == code)
    }

    /// The account's name in Japanese, as mail and pages call it.
    pub fn label_ja(self) -> &'static str {
        match self {
            Role::Resident => "専攻医",
            Role::Director => "統括責任者",
            Role::Admin => "機構 管理者",
            Role::Society => "領域学会",
            Role::ConsultationOfficer => "相談窓口担当者",
        }
    }

    /// The account's name in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Role::Resident => "specialty resident",
            Role::Director => "program director",
            Role::Admin => "board admin",
            Role::Society => "specialty society",
            Role::ConsultationOfficer => "consultation officer",
        }
    }

    /// Staff sign in with their email; residents with their user ID; societies with client
    /// credentials.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Director | Role::Admin | Role::ConsultationOfficer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_from_their_codes_and_serde_agrees() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn every_role_is_named_in_both_languages_as_mail_and_pages_call_it() {
        let names = [
            (Role::Resident, "専攻医", "specialty resident"),
            (Role::Director, "統括責任者", "program director"),
            (Role::Admin, "機構 管理者", "board admin"),
            (Role::Society, "領域学会", "specialty society"),
            (Role::ConsultationOfficer, "相談窓口担当者", "consultation officer"),
        ];
        assert_eq!(names.len(), Role::ALL.len());
        for (role, ja, en) in names {
            assert_eq!((role.label_ja(), role.label_en()), (ja, en), "{role:?}");
        }
    }

    #[test]
    fn only_directors_admins_and_officers_are_staff() {
        let staff: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
        assert_eq!(staff, [Role::Director, Role::Admin, Role::ConsultationOfficer]);
    }
}
