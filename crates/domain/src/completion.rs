//! Owns the completion application (研修修了申請): the resident files it once every training
//! period is approved; the director, then the society, then the board approve it or return it with
//! a reason; the board records the certification fee (認定料) as paid and issues the certificate
//! (認定証) once.
//!
//! The rules in words: `docs/rules.md`, "Training records and completion".

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::Role;
use crate::training::RecordStatus;

/// Where a completion application stands: whose step it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))",
        rename_all = "kebab-case"
    )
)]
pub enum CompletionStage {
    /// 統括責任者確認中: the program director checks it.
    Director,
    /// 学会確認中: the specialty society checks it.
    Society,
    /// 機構確認中: the board checks it.
    Board,
    /// 研修修了承認: completed; the certificate can be issued once the fee is paid.
    Approved,
    /// 差戻し: returned to the resident with a reason; they file it again.
    Returned,
}

impl CompletionStage {
    pub const ALL: [CompletionStage; 5] = [
        CompletionStage::Director,
        CompletionStage::Society,
        CompletionStage::Board,
        CompletionStage::Approved,
        CompletionStage::Returned,
    ];

    /// Who acts next: the one whose queue it is in.
    pub fn waits_for(self) -> Role {
        match self {
            CompletionStage::Director => Role::Director,
            CompletionStage::Society => Role::Society,
            CompletionStage::Board | CompletionStage::Approved => Role::Admin,
            CompletionStage::Returned => Role::Resident,
        }
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            CompletionStage::Director => "統括責任者確認中",
            CompletionStage::Society => "学会確認中",
            CompletionStage::Board => "機構確認中",
            CompletionStage::Approved => "研修修了承認",
            CompletionStage::Returned => "差戻し",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CompletionStage::Director => "With the program director",
            CompletionStage::Society => "With the society",
            CompletionStage::Board => "With the board",
            CompletionStage::Approved => "Completion approved",
            CompletionStage::Returned => "Returned",
        }
    }

    /// The step a check by `by` hands it to: director → society → board → approved. Only the one
    /// whose step it is may approve it.
    pub fn approve(self, by: Role) -> Result<CompletionStage, DomainError> {
        let next = match self {
            CompletionStage::Director => CompletionStage::Society,
            CompletionStage::Society => CompletionStage::Board,
            CompletionStage::Board => CompletionStage::Approved,
            CompletionStage::Approved | CompletionStage::Returned => return Err(DomainError::NotYourStep),
        };
        if self.waits_for() == by { Ok(next) } else { Err(DomainError::NotYourStep) }
    }

    /// A return (差戻し) to the resident by the one whose check it is.
    pub fn send_back(self, by: Role) -> Result<CompletionStage, DomainError> {
        match self {
            CompletionStage::Director | CompletionStage::Society | CompletionStage::Board
                if self.waits_for() == by =>
            {
                Ok(CompletionStage::Returned)
            }
            _ => Err(DomainError::NotYourStep),
        }
    }

    /// Filing it again after a return starts over with the director.
    pub fn refile(self) -> Result<CompletionStage, DomainError> {
        match self {
            CompletionStage::Returned => Ok(CompletionStage::Director),
            _ => Err(DomainError::CompletionAlreadyFiled),
        }
    }
}

/// What happened at a step of a completion application: its timeline, as the resident sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))",
        rename_all = "kebab-case"
    )
)]
pub enum CompletionAction {
    /// 申請: the resident filed it (again, after a return).
    Filed,
    /// 承認: a check passed it on.
    Approved,
    /// 差戻し: a check returned it with a reason.
    Returned,
    /// 認定料支払い確認: the board recorded the fee as paid.
    FeePaid,
    /// 認定証発行: the board issued the certificate.
    CertificateIssued,
}

impl CompletionAction {
    pub fn name_ja(self) -> &'static str {
        match self {
            CompletionAction::Filed => "研修修了申請",
            CompletionAction::Approved => "承認",
            CompletionAction::Returned => "差戻し",
            CompletionAction::FeePaid => "認定料のお支払い確認",
            CompletionAction::CertificateIssued => "認定証の発行",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CompletionAction::Filed => "Filed for completion",
            CompletionAction::Approved => "Approved",
            CompletionAction::Returned => "Returned",
            CompletionAction::FeePaid => "Certification fee recorded as paid",
            CompletionAction::CertificateIssued => "Certificate issued",
        }
    }
}

/// A completion is filed only when the resident has periods and every one is approved.
pub fn check_records(records: &[RecordStatus]) -> Result<(), DomainError> {
    if !records.is_empty() && records.iter().all(|s| *s == RecordStatus::Approved) {
        Ok(())
    } else {
        Err(DomainError::RecordsNotApproved)
    }
}

/// The certificate's side of an approved completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certification {
    pub stage: CompletionStage,
    pub fee_paid: bool,
    pub issued: bool,
}

impl Certification {
    /// The board records the certification fee as paid: once, after its approval.
    pub fn record_fee(self) -> Result<Certification, DomainError> {
        if self.stage != CompletionStage::Approved {
            Err(DomainError::CompletionNotApproved)
        } else if self.fee_paid {
            Err(DomainError::FeeAlreadyRecorded)
        } else {
            Ok(Certification { fee_paid: true, ..self })
        }
    }

    /// The board issues the certificate: once, for an approved completion whose fee is paid.
    pub fn issue(self) -> Result<Certification, DomainError> {
        if self.stage != CompletionStage::Approved {
            Err(DomainError::CompletionNotApproved)
        } else if !self.fee_paid {
            Err(DomainError::FeeNotPaid)
        } else if self.issued {
            Err(DomainError::CertificateAlreadyIssued)
        } else {
            Ok(Certification { issued: true, ..self })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompletionStage::*;

    #[test]
    fn each_check_hands_the_application_to_the_next_actor() {
        assert_eq!(Director.approve(Role::Director), Ok(Society));
        assert_eq!(Society.approve(Role::Society), Ok(Board));
        assert_eq!(Board.approve(Role::Admin), Ok(Approved));
    }

    #[test]
    fn only_the_actor_whose_step_it_is_approves_or_returns() {
        for stage in CompletionStage::ALL {
            for role in Role::ALL {
                let theirs = role == stage.waits_for() && matches!(stage, Director | Society | Board);
                assert_eq!(stage.approve(role).is_ok(), theirs, "{stage:?} {role:?}");
                assert_eq!(stage.send_back(role).is_ok(), theirs, "{stage:?} {role:?}");
                if !theirs {
                    assert_eq!(stage.approve(role), Err(DomainError::NotYourStep));
                    assert_eq!(stage.send_back(role), Err(DomainError::NotYourStep));
                }
            }
        }
        assert_eq!(Society.send_back(Role::Society), Ok(Returned));
    }

    #[test]
    fn each_stage_waits_for_its_actor() {
        let cases = [
            (Director, Role::Director),
            (Society, Role::Society),
            (Board, Role::Admin),
            (Approved, Role::Admin),
            (Returned, Role::Resident),
        ];
        for (stage, role) in cases {
            assert_eq!(stage.waits_for(), role);
            assert!(!stage.name_ja().is_empty() && !stage.name_en().is_empty());
        }
    }

    #[test]
    fn stages_and_actions_have_their_names_in_both_languages() {
        let stages: Vec<(&str, &str)> =
            CompletionStage::ALL.iter().map(|s| (s.name_ja(), s.name_en())).collect();
        assert_eq!(
            stages,
            [
                ("統括責任者確認中", "With the program director"),
                ("学会確認中", "With the society"),
                ("機構確認中", "With the board"),
                ("研修修了承認", "Completion approved"),
                ("差戻し", "Returned"),
            ]
        );
        use CompletionAction as A;
        let actions: Vec<(&str, &str)> =
            [A::Filed, A::Approved, A::Returned, A::FeePaid, A::CertificateIssued]
                .iter()
                .map(|a| (a.name_ja(), a.name_en()))
                .collect();
        assert_eq!(
            actions,
            [
                ("研修修了申請", "Filed for completion"),
                ("承認", "Approved"),
                ("差戻し", "Returned"),
                ("認定料のお支払い確認", "Certification fee recorded as paid"),
                ("認定証の発行", "Certificate issued"),
            ]
        );
    }

    #[test]
    fn a_returned_application_is_filed_again_with_the_director() {
        assert_eq!(Returned.refile(), Ok(Director));
        for stage in [Director, Society, Board, Approved] {
            assert_eq!(stage.refile(), Err(DomainError::CompletionAlreadyFiled), "{stage:?}");
        }
    }

    #[test]
    fn completion_is_filed_only_with_every_period_approved() {
        use RecordStatus as R;
        let cases: [(&[R], bool); 5] = [
            (&[], false),
            (&[R::Approved], true),
            (&[R::Approved, R::Approved], true),
            (&[R::Approved, R::Submitted], false),
            (&[R::Returned], false),
        ];
        for (records, ok) in cases {
            assert_eq!(check_records(records).is_ok(), ok, "{records:?}");
        }
        assert_eq!(check_records(&[]), Err(DomainError::RecordsNotApproved));
    }

    #[test]
    fn the_certificate_is_issued_once_after_approval_and_the_fee() {
        let approved = Certification { stage: Approved, fee_paid: false, issued: false };
        let paid = approved.record_fee().expect("the fee");
        assert!(paid.fee_paid);
        assert_eq!(paid.record_fee(), Err(DomainError::FeeAlreadyRecorded));
        assert_eq!(approved.issue(), Err(DomainError::FeeNotPaid));
        let issued = paid.issue().expect("the certificate");
        assert!(issued.issued);
        assert_eq!(issued.issue(), Err(DomainError::CertificateAlreadyIssued));
        for stage in [Director, Society, Board, Returned] {
            let early = Certification { stage, fee_paid: true, issued: false };
            assert_eq!(early.issue(), Err(DomainError::CompletionNotApproved));
            assert_eq!(
                Certification { fee_paid: false, ..early }.record_fee(),
                Err(DomainError::CompletionNotApproved)
            );
        }
    }
}
