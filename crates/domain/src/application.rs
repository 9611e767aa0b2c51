//! Owns applications (応募): who may apply, withdrawal, the director's decisions, declining, and
//! what the resident is allowed to see.
//!
//! # How an application is stored: `status` + `decision`
//! Two columns:
//! - `status` ([`ApplicationStatus`]) is the truth the board and the directors see, and what the
//!   counts are taken from: `applied` (応募中, no decision yet = 未処理), `accepted`, `rejected`,
//!   `on-hold`, `withdrawn`, `declined`. Hired = `accepted`; unprocessed = `applied`; live (for
//!   "one live application per resident per round") = `applied`, `accepted`, `on-hold`.
//! - `decision` (nullable [`Decision`]) is the director's current decision; `NULL` = 未処理.
//!   It mirrors `status` for the decided statuses and stays `accepted` after a decline, so the
//!   pair never disagrees; [`Application::from_stored`] refuses a pair that does.
//!
//! | status      | decision | reached by                                   |
//! | ----------- | -------- | -------------------------------------------- |
//! | `applied`   | NULL     | applying; a decision taken back to 未処理    |
//! | `withdrawn` | NULL     | the resident withdrawing in the application period |
//! | `accepted`  | accepted | the director, in the adjustment period       |
//! | `rejected`  | rejected | the director, in the adjustment period       |
//! | `on-hold`   | on-hold  | the director, in the adjustment period       |
//! | `declined`  | accepted | the director recording the resident's decline |
//!
//! The resident never sees `status` directly: [`visible_status`] shows `applied` until the
//! round's result notification, whatever was decided.
//!
//! The rules in words: `docs/rules.md`, "Applications".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::round::{RoundKind, RoundPhase, RoundSchedule};
use crate::specialty::Specialty;

/// The status of an application. See the module documentation for how it is stored.
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
pub enum ApplicationStatus {
    /// 応募中: applied, no decision (未処理).
    Applied,
    /// 取下げ: withdrawn by the resident during the application period.
    Withdrawn,
    /// 採用: hired.
    Accepted,
    /// 不採用: not hired.
    Rejected,
    /// 保留: decision pending; also how an unprocessed application reads after the notification.
    OnHold,
    /// 辞退: accepted, then declined by the resident through the director; frees the place.
    Declined,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 6] = [
        ApplicationStatus::Applied,
        ApplicationStatus::Withdrawn,
        ApplicationStatus::Accepted,
        ApplicationStatus::Rejected,
        ApplicationStatus::OnHold,
        ApplicationStatus::Declined,
    ];

    /// The stable code: `applied`, `withdrawn`, `accepted`, `rejected`, `on-hold`, `declined`.
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Applied => "applied",
            ApplicationStatus::Withdrawn => "withdrawn",
            ApplicationStatus::Accepted => "accepted",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::OnHold => "on-hold",
            ApplicationStatus::Declined => "declined",
        }
    }

    /// The status with this code; `unknown-status` otherwise.
    pub fn parse(code: &str) -> Result<ApplicationStatus, DomainError> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.code() == code)
            .ok_or(DomainError::invalid("status", "unknown-status"))
    }

    /// 応募中, 取下げ, 採用, 不採用, 保留, 辞退.
    pub fn name_ja(self) -> &'static str {
        match self {
            ApplicationStatus::Applied => "応募中",
            ApplicationStatus::Withdrawn => "取下げ",
            ApplicationStatus::Accepted => "採用",
            ApplicationStatus::Rejected => "不採用",
            ApplicationStatus::OnHold => "保留",
            ApplicationStatus::Declined => "辞退",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ApplicationStatus::Applied => "Applied",
            ApplicationStatus::Withdrawn => "Withdrawn",
            ApplicationStatus::Accepted => "Accepted",
            ApplicationStatus::Rejected => "Rejected",
            ApplicationStatus::OnHold => "On hold",
            ApplicationStatus::Declined => "Declined",
        }
    }

    /// A live application still holds the resident's one place in its round and blocks deleting
    /// the account: applied, accepted, on hold. Withdrawn, rejected and declined ones do not.
    /// (A rejected resident cannot apply again in the same round anyway: decisions come after the
    /// application period.)
    pub fn is_live(self) -> bool {
        matches!(self, ApplicationStatus::Applied | ApplicationStatus::Accepted | ApplicationStatus::OnHold)
    }

    /// The program's director may edit the resident's profile (which the resident can no longer
    /// change once locked) through a live application to the program: not through one the
    /// resident withdrew, was rejected in or declined.
    pub fn lets_director_edit_profile(self) -> bool {
        self.is_live()
    }

    /// The decision an application in this status is stored with: none before a decision or
    /// after a withdrawal, the acceptance for an accepted or declined one.
    pub fn recorded_decision(self) -> Option<Decision> {
        match self {
            ApplicationStatus::Applied | ApplicationStatus::Withdrawn => None,
            ApplicationStatus::Accepted | ApplicationStatus::Declined => Some(Decision::Accepted),
            ApplicationStatus::Rejected => Some(Decision::Rejected),
            ApplicationStatus::OnHold => Some(Decision::OnHold),
        }
    }

    /// Hired (採用) and not declined: what capacity, ceilings and eligibility count.
    pub fn is_hired(self) -> bool {
        self == ApplicationStatus::Accepted
    }

    /// Counted among a program's applicants (応募者数): every application but a withdrawn one.
    pub fn counts_as_applicant(self) -> bool {
        self != ApplicationStatus::Withdrawn
    }

    /// Neither hired nor rejected: not yet decided (未処理) or on hold (保留). After the result
    /// notification both read as 保留; the statistics count them as unprocessed.
    pub fn is_pending(self) -> bool {
        matches!(self, ApplicationStatus::Applied | ApplicationStatus::OnHold)
    }

    /// Waits for the director's decision (未処理): applied, with no decision yet.
    pub fn awaits_decision(self) -> bool {
        self == ApplicationStatus::Applied
    }

    /// The director may still decide on it (in the adjustment period): anything the resident has
    /// not withdrawn and not declined, including a rejection, which may be changed.
    pub fn is_decidable(self) -> bool {
        !matches!(self, ApplicationStatus::Withdrawn | ApplicationStatus::Declined)
    }
}

impl std::fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A director's decision (採否) during the adjustment period. No decision (`None`) = 未処理.
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
pub enum Decision {
    /// 採用
    Accepted,
    /// 不採用
    Rejected,
    /// 保留
    OnHold,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Accepted, Decision::Rejected, Decision::OnHold];

    /// The stable code: `accepted`, `rejected`, `on-hold`.
    pub fn code(self) -> &'static str {
        self.status().code()
    }

    /// The decision with this code; `unknown-decision` otherwise.
    pub fn parse(code: &str) -> Result<Decision, DomainError> {
        Decision::ALL
            .into_iter()
            .find(|decision| decision.code() == code)
            .ok_or(DomainError::invalid("decision", "unknown-decision"))
    }

    /// The status this decision gives an application.
    pub fn status(self) -> ApplicationStatus {
        match self {
            Decision::Accepted => ApplicationStatus::Accepted,
            Decision::Rejected => ApplicationStatus::Rejected,
            Decision::OnHold => ApplicationStatus::OnHold,
        }
    }
}

/// An application's state: its status and the director's decision, always consistent (see the
/// module documentation). Transitions return the new state or say why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Application {
    status: ApplicationStatus,
    decision: Option<Decision>,
}

impl Default for Application {
    fn default() -> Self {
        Application::new()
    }
}

impl Application {
    /// A new application: applied, unprocessed. Check [`check_can_apply`] first.
    pub fn new() -> Application {
        Application { status: ApplicationStatus::Applied, decision: None }
    }

    /// The state read back from the two columns; refuses a pair that cannot happen
    /// (`decision-inconsistent-with-status`), which means the row was written by something else.
    pub fn from_stored(
        status: ApplicationStatus,
        decision: Option<Decision>,
    ) -> Result<Application, DomainError> {
        if decision == status.recorded_decision() {
            Ok(Application { status, decision })
        } else {
            Err(DomainError::invalid("decision", "decision-inconsistent-with-status"))
        }
    }

    pub fn status(&self) -> ApplicationStatus {
        self.status
    }

    pub fn decision(&self) -> Option<Decision> {
        self.decision
    }

    /// Withdraw (取下げ): only inside the round's application period, else `withdrawal-closed`
    /// (「採用期間中は応募の取り下げはできません。」) — checked first, so the answer never hints
    /// at a decision. Only an applied application can be withdrawn.
    pub fn withdraw(self, now: DateTime<Utc>, round: &RoundSchedule) -> Result<Application, DomainError> {
        if !round.in_application_period(now) {
            return Err(DomainError::WithdrawalClosed);
        }
        if self.status != ApplicationStatus::Applied {
            return Err(self.cannot("withdrawn"));
        }
        Ok(Application { status: ApplicationStatus::Withdrawn, decision: None })
    }

    /// The director decides (accepted, rejected, on hold) or takes the decision back (`None` =
    /// 未処理). Only inside the adjustment period, and decisions can change until it ends; not on
    /// a withdrawn or declined application.
    ///
    /// An acceptance must also pass [`crate::capacity::check_acceptance`] when
    /// [`Application::takes_a_place`] says it needs a new place.
    pub fn decide(
        self,
        now: DateTime<Utc>,
        round: &RoundSchedule,
        decision: Option<Decision>,
    ) -> Result<Application, DomainError> {
        if !round.in_adjustment_period(now) {
            return Err(DomainError::OutsideAdjustmentPeriod);
        }
        if !self.status.is_decidable() {
            return Err(self.cannot("decided"));
        }
        Ok(Application { status: decision.map_or(ApplicationStatus::Applied, Decision::status), decision })
    }

    /// Whether this decision would take a new place: accepting an application that is not
    /// already accepted. Re-accepting does not count twice.
    pub fn takes_a_place(&self, decision: Option<Decision>) -> bool {
        decision == Some(Decision::Accepted) && self.status != ApplicationStatus::Accepted
    }

    /// Record the resident's decline (辞退) of an acceptance, through the director; frees the
    /// place. Only an accepted application can be declined, at any time.
    pub fn decline(self) -> Result<Application, DomainError> {
        if self.status != ApplicationStatus::Accepted {
            return Err(DomainError::NotDeclinable);
        }
        Ok(Application { status: ApplicationStatus::Declined, decision: Some(Decision::Accepted) })
    }

    /// What the resident sees now; see [`visible_status`].
    pub fn visible_status(&self, now: DateTime<Utc>, round: &RoundSchedule) -> ApplicationStatus {
        visible_status(self.status, self.decision, now, round)
    }

    fn cannot(&self, action: &'static str) -> DomainError {
        DomainError::InvalidTransition { from: self.status.code(), action }
    }
}

/// What the resident sees (マイページ「現在の状況」):
/// - their own acts, withdrawn and declined, always;
/// - before the round's result notification (採用結果通知): `applied`, whatever was decided;
/// - from it: the decision, with a still-unprocessed application shown as on hold (保留).
pub fn visible_status(
    status: ApplicationStatus,
    decision: Option<Decision>,
    now: DateTime<Utc>,
    round: &RoundSchedule,
) -> ApplicationStatus {
    match status {
        ApplicationStatus::Withdrawn | ApplicationStatus::Declined => status,
        _ if !round.results_published(now) => ApplicationStatus::Applied,
        _ => decision.map_or(ApplicationStatus::OnHold, Decision::status),
    }
}

/// The receipt number (受付番号) of an application, shown on the confirmation and in the mail so
/// the resident can prove it later: the round's year and kind (`R`, `1`, `2`, `F`), nine digits
/// from a random number and a Damm check digit, e.g. `2024-1-0123456784`. Only `n` modulo 10⁹
/// is used; the API draws it at random and retries on the rare collision.
pub fn receipt_number(year: i32, kind: RoundKind, n: u64) -> String {
    let kind = match kind {
        RoundKind::ResearcherCourse => 'R',
        RoundKind::First => '1',
        RoundKind::Second => '2',
        RoundKind::Final => 'F',
    };
    let payload = format!("{:09}", n % 1_000_000_000);
    let check = crate::user_id::damm(&payload);
    format!("{year}-{kind}-{payload}{check}")
}

/// One of the resident's earlier applications, as [`check_can_apply`] needs it. `status` is the
/// stored (true) status, not the one the resident sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriorApplication {
    pub round_year: i32,
    pub round_kind: RoundKind,
    pub status: ApplicationStatus,
}

/// Whether the resident may apply to a program in this round now. The refusals, in the order
/// they are checked:
/// 1. `outside-application-period`: only inside the application period, by the server's clock;
/// 2. `specialty-mismatch`: the program must be of the account's specialty;
/// 3. `program-not-recruiting`: the program must recruit in this round
///    ([`crate::program::recruits_in`]);
/// 4. `already-applied-in-round`: one live application per resident per round (after a
///    withdrawal they may apply again);
/// 5. `not-eligible`: a resident hired in any round of the recruitment year may not apply again.
///    Everyone else may: rejected, withdrew, declined, never applied — and those not hired in
///    the researcher course may apply to the regular rounds. An application left on hold or
///    unprocessed when its adjustment period ended does not hire anyone, so it does not block.
pub fn check_can_apply(
    now: DateTime<Utc>,
    round: &RoundSchedule,
    resident_specialty: Specialty,
    program_specialty: Specialty,
    program_recruits: bool,
    history: &[PriorApplication],
) -> Result<(), DomainError> {
    if !round.in_application_period(now) {
        return Err(DomainError::OutsideApplicationPeriod);
    }
    if resident_specialty != program_specialty {
        return Err(DomainError::SpecialtyMismatch);
    }
    if !program_recruits {
        return Err(DomainError::ProgramNotRecruiting);
    }
    let this_year = || history.iter().filter(|prior| prior.round_year == round.year);
    if this_year().any(|prior| prior.round_kind == round.kind && prior.status.is_live()) {
        return Err(DomainError::AlreadyAppliedInRound);
    }
    if this_year().any(|prior| prior.status.is_hired()) {
        return Err(DomainError::NotEligible);
    }
    Ok(())
}

/// Whether the resident may still edit their own profile (manual 6: 採用期間前はご自身で変更が
/// 可能). Refused with `profile-locked` once they are hired, or while one of their applications
/// not withdrawn or declined is in its round's adjustment period or awaiting results; the
/// program director edits it then.
pub fn check_profile_editable(
    now: DateTime<Utc>,
    applications: &[(ApplicationStatus, &RoundSchedule)],
) -> Result<(), DomainError> {
    let locked = applications.iter().any(|(status, round)| {
        let being_decided =
            matches!(round.phase_at(now), RoundPhase::Adjustment | RoundPhase::AwaitingResults);
        status.is_hired() || (status.is_decidable() && being_decided)
    });
    if locked { Err(DomainError::ProfileLocked) } else { Ok(()) }
}

/// Whether the resident may delete their account: not while an application is live (応募中),
/// i.e. applied, accepted or on hold (`application-live`) — as the resident sees it
/// ([`visible_status`]), so that the answer never tells a decision before the results: a
/// rejected application still reads 応募中 until then.
pub fn check_account_deletable(
    now: DateTime<Utc>,
    applications: &[(Application, &RoundSchedule)],
) -> Result<(), DomainError> {
    if applications.iter().any(|(application, round)| application.visible_status(now, round).is_live()) {
        Err(DomainError::ApplicationLive)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::demo_schedule_2024;
    use crate::time::noon_jst;
    use ApplicationStatus::*;
    use chrono::Duration;
    use serde::de::value::StrDeserializer;

    fn round(kind: RoundKind) -> RoundSchedule {
        demo_schedule_2024().into_iter().find(|r| r.kind == kind).expect("the demo has every kind")
    }

    fn first() -> RoundSchedule {
        round(RoundKind::First)
    }

    fn stored(status: ApplicationStatus) -> Application {
        Application::from_stored(status, status.recorded_decision()).expect("consistent pair")
    }

    const SECOND: Duration = Duration::seconds(1);

    // Instants of the 2024 first round (JST noon).
    fn before_applications() -> DateTime<Utc> {
        noon_jst(2023, 11, 1) - SECOND
    }
    fn during_applications() -> DateTime<Utc> {
        noon_jst(2023, 11, 7)
    }
    fn last_second_of_applications() -> DateTime<Utc> {
        noon_jst(2023, 11, 14) - SECOND
    }
    fn applications_closed() -> DateTime<Utc> {
        noon_jst(2023, 11, 14)
    }
    fn during_adjustment() -> DateTime<Utc> {
        noon_jst(2023, 11, 20)
    }
    fn adjustment_closed() -> DateTime<Utc> {
        noon_jst(2023, 11, 24)
    }
    fn results_out() -> DateTime<Utc> {
        noon_jst(2023, 11, 29)
    }

    #[test]
    fn statuses_and_decisions_have_codes_and_japanese_names() {
        let cases = [
            (Applied, "applied", "応募中", true),
            (Withdrawn, "withdrawn", "取下げ", false),
            (Accepted, "accepted", "採用", true),
            (Rejected, "rejected", "不採用", false),
            (OnHold, "on-hold", "保留", true),
            (Declined, "declined", "辞退", false),
        ];
        for (status, code, name_ja, live) in cases {
            assert_eq!(status.code(), code);
            assert_eq!(ApplicationStatus::parse(code), Ok(status));
            let json_string = StrDeserializer::<serde::de::value::Error>::new(code);
            assert_eq!(ApplicationStatus::deserialize(json_string), Ok(status));
            assert_eq!(status.name_ja(), name_ja);
            assert_eq!(status.is_live(), live, "{status}");
        }
        for decision in Decision::ALL {
            assert_eq!(Decision::parse(decision.code()), Ok(decision));
            let json_string = StrDeserializer::<serde::de::value::Error>::new(decision.code());
            assert_eq!(Decision::deserialize(json_string), Ok(decision));
        }
        assert_eq!(
            ApplicationStatus::parse("unprocessed"),
            Err(DomainError::invalid("status", "unknown-status"))
        );
        assert_eq!(Decision::parse("applied"), Err(DomainError::invalid("decision", "unknown-decision")));
    }

    #[test]
    fn stored_status_and_decision_must_agree() {
        let cases = [
            (Applied, None, true),
            (Applied, Some(Decision::Accepted), false),
            (Withdrawn, None, true),
            (Withdrawn, Some(Decision::Rejected), false),
            (Accepted, Some(Decision::Accepted), true),
            (Accepted, None, false),
            (Accepted, Some(Decision::OnHold), false),
            (Rejected, Some(Decision::Rejected), true),
            (Rejected, Some(Decision::Accepted), false),
            (OnHold, Some(Decision::OnHold), true),
            (OnHold, None, false),
            (Declined, Some(Decision::Accepted), true),
            (Declined, None, false),
        ];
        for (status, decision, consistent) in cases {
            let result = Application::from_stored(status, decision);
            assert_eq!(result.is_ok(), consistent, "{status} {decision:?}");
            if let Ok(application) = result {
                assert_eq!((application.status(), application.decision()), (status, decision));
            }
        }
        assert_eq!(Application::new(), stored(Applied));
    }

    // --- applying ---

    fn can_apply(now: DateTime<Utc>, history: &[PriorApplication]) -> Result<(), DomainError> {
        let specialty = Specialty::InternalMedicine;
        check_can_apply(now, &first(), specialty, specialty, true, history)
    }

    fn prior(kind: RoundKind, status: ApplicationStatus) -> PriorApplication {
        PriorApplication { round_year: 2024, round_kind: kind, status }
    }

    #[test]
    fn application_is_accepted_only_inside_the_application_period() {
        let cases = [
            (before_applications(), Err(DomainError::OutsideApplicationPeriod)),
            (noon_jst(2023, 11, 1), Ok(())),
            (during_applications(), Ok(())),
            (last_second_of_applications(), Ok(())),
            (applications_closed(), Err(DomainError::OutsideApplicationPeriod)),
            (during_adjustment(), Err(DomainError::OutsideApplicationPeriod)),
        ];
        for (now, expected) in cases {
            assert_eq!(can_apply(now, &[]), expected, "{now}");
        }
    }

    #[test]
    fn application_must_be_to_a_program_of_the_residents_specialty() {
        let result = check_can_apply(
            during_applications(),
            &first(),
            Specialty::InternalMedicine,
            Specialty::Surgery,
            true,
            &[],
        );
        assert_eq!(result, Err(DomainError::SpecialtyMismatch));
    }

    #[test]
    fn application_must_be_to_a_program_recruiting_in_the_round() {
        let specialty = Specialty::Pediatrics;
        let result = check_can_apply(during_applications(), &first(), specialty, specialty, false, &[]);
        assert_eq!(result, Err(DomainError::ProgramNotRecruiting));
    }

    #[test]
    fn one_live_application_per_resident_per_round() {
        let cases = [
            (vec![prior(RoundKind::First, Applied)], Err(DomainError::AlreadyAppliedInRound)),
            (vec![prior(RoundKind::First, Withdrawn)], Ok(())),
            (vec![prior(RoundKind::First, Withdrawn), prior(RoundKind::First, Withdrawn)], Ok(())),
            (
                vec![prior(RoundKind::First, Withdrawn), prior(RoundKind::First, Applied)],
                Err(DomainError::AlreadyAppliedInRound),
            ),
            // Another year's first round does not count.
            (
                vec![PriorApplication { round_year: 2023, round_kind: RoundKind::First, status: Applied }],
                Ok(()),
            ),
        ];
        for (history, expected) in cases {
            assert_eq!(can_apply(during_applications(), &history), expected, "{history:?}");
        }
    }

    #[test]
    fn residents_hired_earlier_in_the_year_are_not_eligible_for_later_rounds() {
        let second = round(RoundKind::Second);
        let now = noon_jst(2023, 12, 5);
        let cases = [
            (vec![], Ok(())),
            (vec![prior(RoundKind::First, Accepted)], Err(DomainError::NotEligible)),
            (vec![prior(RoundKind::ResearcherCourse, Accepted)], Err(DomainError::NotEligible)),
            (vec![prior(RoundKind::First, Rejected)], Ok(())),
            (vec![prior(RoundKind::First, Withdrawn)], Ok(())),
            (vec![prior(RoundKind::First, Declined)], Ok(())),
            // Left on hold or unprocessed when the adjustment period ended: not hired.
            (vec![prior(RoundKind::First, OnHold)], Ok(())),
            (vec![prior(RoundKind::First, Applied)], Ok(())),
            // Not hired in the researcher course: may apply to the regular rounds.
            (vec![prior(RoundKind::ResearcherCourse, Rejected)], Ok(())),
            (vec![prior(RoundKind::ResearcherCourse, Rejected), prior(RoundKind::First, Rejected)], Ok(())),
            // Hired for another recruitment year does not count.
            (
                vec![PriorApplication { round_year: 2023, round_kind: RoundKind::First, status: Accepted }],
                Ok(()),
            ),
        ];
        for (history, expected) in cases {
            let specialty = Specialty::InternalMedicine;
            let result = check_can_apply(now, &second, specialty, specialty, true, &history);
            assert_eq!(result, expected, "{history:?}");
        }
    }

    // --- withdrawing ---

    #[test]
    fn withdrawal_is_allowed_only_in_the_application_period() {
        let cases = [
            (during_applications(), Ok(stored(Withdrawn))),
            (last_second_of_applications(), Ok(stored(Withdrawn))),
            (before_applications(), Err(DomainError::WithdrawalClosed)),
            (applications_closed(), Err(DomainError::WithdrawalClosed)),
            (results_out(), Err(DomainError::WithdrawalClosed)),
        ];
        for (now, expected) in cases {
            assert_eq!(Application::new().withdraw(now, &first()), expected, "{now}");
        }
    }

    #[test]
    fn withdrawal_is_refused_in_adjustment_period() {
        let refusal = Application::new().withdraw(during_adjustment(), &first());
        assert_eq!(refusal, Err(DomainError::WithdrawalClosed));
        assert_eq!(
            refusal.map_err(|e| e.message_ja()),
            Err("採用期間中は応募の取り下げはできません。".to_owned())
        );
    }

    #[test]
    fn withdrawal_refusal_after_the_period_never_reveals_a_decision() {
        for status in [Accepted, Rejected, OnHold] {
            assert_eq!(
                stored(status).withdraw(during_adjustment(), &first()),
                Err(DomainError::WithdrawalClosed),
                "{status}"
            );
        }
    }

    #[test]
    fn only_an_applied_application_can_be_withdrawn() {
        for status in [Withdrawn, Accepted, Rejected, OnHold, Declined] {
            assert_eq!(
                stored(status).withdraw(during_applications(), &first()),
                Err(DomainError::InvalidTransition { from: status.code(), action: "withdrawn" })
            );
        }
    }

    // --- deciding ---

    #[test]
    fn decisions_are_taken_only_in_the_adjustment_period() {
        let cases = [
            (during_applications(), false),
            (applications_closed(), false),
            (noon_jst(2023, 11, 16), true),
            (during_adjustment(), true),
            (adjustment_closed() - SECOND, true),
            (adjustment_closed(), false),
            (results_out(), false),
        ];
        for (now, allowed) in cases {
            let result = Application::new().decide(now, &first(), Some(Decision::Accepted));
            let expected =
                if allowed { Ok(stored(Accepted)) } else { Err(DomainError::OutsideAdjustmentPeriod) };
            assert_eq!(result, expected, "{now}");
        }
    }

    #[test]
    fn decisions_can_change_until_the_adjustment_period_ends() {
        let now = during_adjustment();
        let cases = [
            (Applied, Some(Decision::Accepted), Accepted),
            (Applied, Some(Decision::Rejected), Rejected),
            (Applied, Some(Decision::OnHold), OnHold),
            (Applied, None, Applied),
            (Accepted, Some(Decision::Rejected), Rejected),
            (Accepted, None, Applied),
            (Rejected, Some(Decision::Accepted), Accepted),
            (OnHold, Some(Decision::Accepted), Accepted),
            (Accepted, Some(Decision::Accepted), Accepted),
        ];
        for (from, decision, to) in cases {
            let decided = stored(from).decide(now, &first(), decision).expect("decidable");
            assert_eq!(decided.status(), to, "{from} {decision:?}");
            assert_eq!(decided.decision(), decision);
        }
    }

    #[test]
    fn withdrawn_and_declined_applications_cannot_be_decided() {
        for status in [Withdrawn, Declined] {
            assert_eq!(
                stored(status).decide(during_adjustment(), &first(), Some(Decision::Accepted)),
                Err(DomainError::InvalidTransition { from: status.code(), action: "decided" })
            );
        }
    }

    #[test]
    fn the_researcher_course_has_no_adjustment_period_to_decide_in() {
        let course = round(RoundKind::ResearcherCourse);
        for now in [noon_jst(2023, 9, 10), noon_jst(2023, 10, 1), noon_jst(2023, 10, 11)] {
            assert_eq!(
                Application::new().decide(now, &course, Some(Decision::Accepted)),
                Err(DomainError::OutsideAdjustmentPeriod)
            );
        }
    }

    #[test]
    fn only_a_new_acceptance_takes_a_place() {
        let cases = [
            (Applied, Some(Decision::Accepted), true),
            (Rejected, Some(Decision::Accepted), true),
            (OnHold, Some(Decision::Accepted), true),
            (Accepted, Some(Decision::Accepted), false),
            (Applied, Some(Decision::Rejected), false),
            (Applied, None, false),
        ];
        for (from, decision, takes) in cases {
            assert_eq!(stored(from).takes_a_place(decision), takes, "{from} {decision:?}");
        }
    }

    // --- declining ---

    #[test]
    fn only_an_accepted_application_can_be_declined() {
        assert_eq!(stored(Accepted).decline(), Ok(stored(Declined)));
        for status in [Applied, Withdrawn, Rejected, OnHold, Declined] {
            assert_eq!(stored(status).decline(), Err(DomainError::NotDeclinable), "{status}");
        }
        assert!(!Declined.is_hired() && !Declined.is_live());
    }

    // --- what the resident sees ---

    #[test]
    fn residents_see_applied_until_the_results_then_the_decision_and_unprocessed_as_on_hold() {
        let before = adjustment_closed();
        let last_second = results_out() - SECOND;
        let after = results_out();
        let cases = [
            // (stored, seen before results, seen after)
            (Applied, Applied, OnHold),
            (Accepted, Applied, Accepted),
            (Rejected, Applied, Rejected),
            (OnHold, Applied, OnHold),
            (Withdrawn, Withdrawn, Withdrawn),
            (Declined, Declined, Declined),
        ];
        for (status, seen_before, seen_after) in cases {
            let application = stored(status);
            assert_eq!(application.visible_status(before, &first()), seen_before, "{status}");
            assert_eq!(application.visible_status(last_second, &first()), seen_before);
            assert_eq!(application.visible_status(after, &first()), seen_after, "{status}");
            assert_eq!(visible_status(status, application.decision(), after, &first()), seen_after);
        }
    }

    // --- profile and account ---

    #[test]
    fn profile_locks_from_the_adjustment_period_or_once_hired() {
        let r = first();
        let cases = [
            (vec![], during_adjustment(), Ok(())),
            (vec![(Applied, &r)], during_applications(), Ok(())),
            (vec![(Applied, &r)], applications_closed(), Ok(())),
            (vec![(Applied, &r)], during_adjustment(), Err(DomainError::ProfileLocked)),
            (vec![(Rejected, &r)], during_adjustment(), Err(DomainError::ProfileLocked)),
            (vec![(OnHold, &r)], adjustment_closed(), Err(DomainError::ProfileLocked)),
            (vec![(Withdrawn, &r)], during_adjustment(), Ok(())),
            (vec![(Accepted, &r)], results_out(), Err(DomainError::ProfileLocked)),
            (vec![(Rejected, &r)], results_out(), Ok(())),
            (vec![(Applied, &r)], results_out(), Ok(())),
            (vec![(Declined, &r)], results_out(), Ok(())),
        ];
        for (applications, now, expected) in cases {
            assert_eq!(check_profile_editable(now, &applications), expected, "{applications:?} {now}");
        }
    }

    #[test]
    fn account_deletion_is_refused_while_an_application_is_live() {
        let round = first();
        let after_results = round.results_at;
        let before_results = round.results_at - SECOND;
        let cases = [
            (vec![], after_results, Ok(())),
            (vec![Withdrawn, Rejected, Declined], after_results, Ok(())),
            (vec![Withdrawn, Applied], after_results, Err(DomainError::ApplicationLive)),
            (vec![Accepted], after_results, Err(DomainError::ApplicationLive)),
            (vec![OnHold], after_results, Err(DomainError::ApplicationLive)),
            // Before the results a rejection still reads 応募中: refusing it tells nothing.
            (vec![Rejected], before_results, Err(DomainError::ApplicationLive)),
            (vec![Withdrawn, Declined], before_results, Ok(())),
        ];
        for (statuses, now, expected) in cases {
            let applications: Vec<(Application, &RoundSchedule)> =
                statuses.iter().map(|s| (stored(*s), &round)).collect();
            assert_eq!(check_account_deletable(now, &applications), expected, "{statuses:?} {now}");
        }
    }

    #[test]
    fn every_status_has_distinct_names_in_both_languages_and_displays_as_its_code() {
        let mut seen = std::collections::HashSet::new();
        for status in ApplicationStatus::ALL {
            assert!(!status.name_ja().is_empty() && !status.name_en().is_empty(), "{status:?}");
            assert!(seen.insert(status.name_ja()) && seen.insert(status.name_en()), "{status:?}");
            assert_eq!(status.to_string(), status.code());
        }
        assert_eq!(ApplicationStatus::OnHold.name_en(), "On hold");
    }

    #[test]
    fn every_application_but_a_withdrawn_one_counts_as_an_applicant() {
        let applicants: Vec<ApplicationStatus> =
            ApplicationStatus::ALL.into_iter().filter(|s| s.counts_as_applicant()).collect();
        assert_eq!(applicants, [Applied, Accepted, Rejected, OnHold, Declined]);
    }

    #[test]
    fn applied_and_on_hold_are_pending() {
        let pending: Vec<ApplicationStatus> =
            ApplicationStatus::ALL.into_iter().filter(|s| s.is_pending()).collect();
        assert_eq!(pending, [Applied, OnHold]);
        let waiting: Vec<ApplicationStatus> =
            ApplicationStatus::ALL.into_iter().filter(|s| s.awaits_decision()).collect();
        assert_eq!(waiting, [Applied], "only what has no decision yet");
    }

    #[test]
    fn receipt_numbers_name_the_round_and_carry_a_check_digit() {
        let cases = [
            (2024, RoundKind::First, 12_345_678, "2024-1-0123456786"),
            (2024, RoundKind::Second, 0, "2024-2-0000000000"),
            (2025, RoundKind::Final, 1_999_999_999, "2025-F-9999999990"),
            (2024, RoundKind::ResearcherCourse, 572, "2024-R-0000005724"),
        ];
        for (year, kind, n, expected) in cases {
            let receipt = receipt_number(year, kind, n);
            assert_eq!(receipt, expected);
            let digits = receipt.rsplit('-').next().unwrap();
            assert_eq!(crate::user_id::damm(digits), 0, "{receipt} checks");
        }
    }

    #[test]
    fn a_director_edits_the_profile_only_through_a_live_application() {
        use ApplicationStatus::*;
        let table = [
            (Applied, true),
            (Accepted, true),
            (OnHold, true),
            (Withdrawn, false),
            (Rejected, false),
            (Declined, false),
        ];
        assert_eq!(table.len(), ApplicationStatus::ALL.len());
        for (status, edits) in table {
            assert_eq!(status.lets_director_edit_profile(), edits, "{status:?}");
        }
    }
}
