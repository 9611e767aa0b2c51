//! Owns recruitment rounds (募集): their kinds, their schedule of periods, and which phase a round
//! is in at a given instant.
//!
//! A round belongs to a recruitment year (年度: 2024 = training starts April 2024) and has
//! - an application period (応募期間),
//! - for the regular rounds, an adjustment period (採用調整期間) in which directors decide,
//! - a result notification instant (採用結果通知) from which residents see the decisions,
//! - for some regular rounds, a confirmation period (募集実施確認期間).
//!
//! The researcher course (臨床研究医コース) has only the application period and the notification.
//! The confirmation period may end after the notification (2nd round 2024: results 12-25,
//! confirmation until 01-09), so only its start is tied to the other periods.
//!
//! The rules in words: `docs/rules.md`, "Recruitment rounds".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::time::Window;

/// The kind of a round, in the order they happen in a recruitment year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
pub enum RoundKind {
    /// 臨床研究医コース: recruited separately, before the regular rounds.
    ResearcherCourse,
    /// 1次募集
    First,
    /// 2次募集
    Second,
    /// 最終調整
    Final,
}

impl RoundKind {
    /// All kinds, in the order of the year.
    pub const ALL: [RoundKind; 4] =
        [RoundKind::ResearcherCourse, RoundKind::First, RoundKind::Second, RoundKind::Final];

    /// The stable code: `researcher-course`, `first`, `second`, `final`.
    pub fn code(self) -> &'static str {
        match self {
            RoundKind::ResearcherCourse => "researcher-course",
            RoundKind::First => "first",
            RoundKind::Second => "second",
            RoundKind::Final => "final",
        }
    }

    /// The kind with this code; `unknown-round-kind` otherwise.
    pub fn parse(code: &str) -> Result<RoundKind, DomainError> {
        RoundKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or(DomainError::invalid("kind", "unknown-round-kind"))
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            RoundKind::ResearcherCourse => "臨床研究医コース",
            RoundKind::First => "1次募集",
            RoundKind::Second => "2次募集",
            RoundKind::Final => "最終調整",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            RoundKind::ResearcherCourse => "Clinical researcher course",
            RoundKind::First => "First round",
            RoundKind::Second => "Second round",
            RoundKind::Final => "Final adjustment",
        }
    }

    /// The regular rounds (通常募集) are all but the researcher course.
    pub fn is_regular(self) -> bool {
        self != RoundKind::ResearcherCourse
    }
}

impl std::fmt::Display for RoundKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a round schedule was refused; carried by [`DomainError::InvalidSchedule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// A window whose end is not after its start.
    WindowEndsBeforeStart,
    /// The adjustment period starts before the application period ends.
    AdjustmentBeforeApplicationEnds,
    /// The results are published before the application period ends.
    ResultsBeforeApplicationEnds,
    /// The results are published before the adjustment period ends.
    ResultsBeforeAdjustmentEnds,
    /// The confirmation period starts before the adjustment period ends.
    ConfirmationBeforeAdjustmentEnds,
    /// A regular round without an adjustment period.
    AdjustmentRequired,
    /// The researcher course with an adjustment or a confirmation period.
    ResearcherCourseHasOnlyApplication,
}

impl ScheduleProblem {
    pub fn code(self) -> &'static str {
        match self {
            ScheduleProblem::WindowEndsBeforeStart => "window-ends-before-start",
            ScheduleProblem::AdjustmentBeforeApplicationEnds => "adjustment-before-application-ends",
            ScheduleProblem::ResultsBeforeApplicationEnds => "results-before-application-ends",
            ScheduleProblem::ResultsBeforeAdjustmentEnds => "results-before-adjustment-ends",
            ScheduleProblem::ConfirmationBeforeAdjustmentEnds => "confirmation-before-adjustment-ends",
            ScheduleProblem::AdjustmentRequired => "adjustment-required",
            ScheduleProblem::ResearcherCourseHasOnlyApplication => "researcher-course-has-only-application",
        }
    }

    /// The field of the round body (API.md) the problem is reported against.
    pub fn field(self) -> &'static str {
        match self {
            ScheduleProblem::WindowEndsBeforeStart => "application_ends_at",
            ScheduleProblem::AdjustmentBeforeApplicationEnds
            | ScheduleProblem::AdjustmentRequired
            | ScheduleProblem::ResearcherCourseHasOnlyApplication => "adjustment_starts_at",
            ScheduleProblem::ResultsBeforeApplicationEnds | ScheduleProblem::ResultsBeforeAdjustmentEnds => {
                "results_at"
            }
            ScheduleProblem::ConfirmationBeforeAdjustmentEnds => "confirmation_starts_at",
        }
    }

    pub fn message_ja(self) -> &'static str {
        match self {
            ScheduleProblem::WindowEndsBeforeStart => "期間の終了は開始より後にしてください。",
            ScheduleProblem::AdjustmentBeforeApplicationEnds => {
                "採用調整期間は応募期間の終了後に設定してください。"
            }
            ScheduleProblem::ResultsBeforeApplicationEnds => {
                "採用結果通知は応募期間の終了後に設定してください。"
            }
            ScheduleProblem::ResultsBeforeAdjustmentEnds => {
                "採用結果通知は採用調整期間の終了後に設定してください。"
            }
            ScheduleProblem::ConfirmationBeforeAdjustmentEnds => {
                "募集実施確認期間は採用調整期間の終了後に設定してください。"
            }
            ScheduleProblem::AdjustmentRequired => "採用調整期間を設定してください。",
            ScheduleProblem::ResearcherCourseHasOnlyApplication => {
                "臨床研究医コースには応募期間と採用結果通知のみを設定します。"
            }
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            ScheduleProblem::WindowEndsBeforeStart => "A period must end after it starts.",
            ScheduleProblem::AdjustmentBeforeApplicationEnds => {
                "The adjustment period must start after the application period ends."
            }
            ScheduleProblem::ResultsBeforeApplicationEnds => {
                "Results must be published after the application period ends."
            }
            ScheduleProblem::ResultsBeforeAdjustmentEnds => {
                "Results must be published after the adjustment period ends."
            }
            ScheduleProblem::ConfirmationBeforeAdjustmentEnds => {
                "The confirmation period must start after the adjustment period ends."
            }
            ScheduleProblem::AdjustmentRequired => "A regular round needs an adjustment period.",
            ScheduleProblem::ResearcherCourseHasOnlyApplication => {
                "The researcher course has only an application period and a result notification."
            }
        }
    }
}

/// The schedule of one round. Build it with [`RoundSchedule::new`], which checks the order of the
/// periods; the fields are public for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSchedule {
    pub year: i32,
    pub kind: RoundKind,
    /// 応募期間
    pub application: Window,
    /// 採用調整期間; `None` only for the researcher course.
    pub adjustment: Option<Window>,
    /// 募集実施確認期間: directors confirm their programs' results in it.
    pub confirmation: Option<Window>,
    /// 採用結果通知: from this instant residents see the decisions.
    pub results_at: DateTime<Utc>,
}

/// Where a round stands at an instant. The confirmation period overlaps the last two phases and
/// is not a phase of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundPhase {
    /// Before the application period.
    NotYetOpen,
    /// 応募期間: residents apply and withdraw.
    Application,
    /// After applications close, before the adjustment period opens.
    BetweenApplicationAndAdjustment,
    /// 採用調整期間: directors decide.
    Adjustment,
    /// Decisions are final but not yet shown to residents.
    AwaitingResults,
    /// 採用結果通知 has passed: residents see the decisions.
    ResultsPublished,
}

impl RoundSchedule {
    /// A schedule whose periods follow each other:
    /// application end ≤ adjustment start, adjustment end ≤ results, adjustment end ≤ confirmation
    /// start, application end ≤ results. The researcher course has neither adjustment nor
    /// confirmation; the regular rounds need an adjustment period.
    pub fn new(
        year: i32,
        kind: RoundKind,
        application: Window,
        adjustment: Option<Window>,
        confirmation: Option<Window>,
        results_at: DateTime<Utc>,
    ) -> Result<RoundSchedule, DomainError> {
        let refuse = |problem| Err(DomainError::InvalidSchedule(problem));
        if results_at < application.end {
            return refuse(ScheduleProblem::ResultsBeforeApplicationEnds);
        }
        match (kind.is_regular(), adjustment) {
            (false, None) if confirmation.is_none() => {}
            (false, _) => return refuse(ScheduleProblem::ResearcherCourseHasOnlyApplication),
            (true, None) => return refuse(ScheduleProblem::AdjustmentRequired),
            (true, Some(adjustment)) => {
                if adjustment.start < application.end {
                    return refuse(ScheduleProblem::AdjustmentBeforeApplicationEnds);
                }
                if results_at < adjustment.end {
                    return refuse(ScheduleProblem::ResultsBeforeAdjustmentEnds);
                }
                if confirmation.is_some_and(|c| c.start < adjustment.end) {
                    return refuse(ScheduleProblem::ConfirmationBeforeAdjustmentEnds);
                }
            }
        }
        Ok(RoundSchedule { year, kind, application, adjustment, confirmation, results_at })
    }

    /// The phase of the round at `now`.
    pub fn phase_at(&self, now: DateTime<Utc>) -> RoundPhase {
        if now < self.application.start {
            RoundPhase::NotYetOpen
        } else if self.application.contains(now) {
            RoundPhase::Application
        } else if self.results_published(now) {
            RoundPhase::ResultsPublished
        } else {
            match self.adjustment {
                Some(adjustment) if now < adjustment.start => RoundPhase::BetweenApplicationAndAdjustment,
                Some(adjustment) if adjustment.contains(now) => RoundPhase::Adjustment,
                _ => RoundPhase::AwaitingResults,
            }
        }
    }

    /// Inside the application period (応募期間)?
    pub fn in_application_period(&self, now: DateTime<Utc>) -> bool {
        self.application.contains(now)
    }

    /// Inside the adjustment period (採用調整期間)? Never for the researcher course.
    pub fn in_adjustment_period(&self, now: DateTime<Utc>) -> bool {
        self.adjustment.is_some_and(|a| a.contains(now))
    }

    /// Inside the confirmation period (募集実施確認期間)? Never for the researcher course.
    pub fn in_confirmation_period(&self, now: DateTime<Utc>) -> bool {
        self.confirmation.is_some_and(|c| c.contains(now))
    }

    /// A director confirms a program's results of the round (募集実施確認) once, inside the
    /// confirmation period.
    pub fn check_can_confirm(&self, now: DateTime<Utc>, already_confirmed: bool) -> Result<(), DomainError> {
        if !self.in_confirmation_period(now) {
            Err(DomainError::OutsideConfirmationPeriod)
        } else if already_confirmed {
            Err(DomainError::AlreadyConfirmed)
        } else {
            Ok(())
        }
    }

    /// Has the result notification (採用結果通知) instant passed?
    pub fn results_published(&self, now: DateTime<Utc>) -> bool {
        now >= self.results_at
    }

    /// The period running at `now` with its deadline, for a director's dashboard: the
    /// application, adjustment or confirmation period (募集実施確認, which may run on past the
    /// results); `None` between periods and after the last.
    pub fn running_period(&self, now: DateTime<Utc>) -> Option<(Period, DateTime<Utc>)> {
        [
            (Period::Application, Some(self.application)),
            (Period::Adjustment, self.adjustment),
            (Period::Confirmation, self.confirmation),
        ]
        .into_iter()
        .find_map(|(period, window)| window.filter(|w| w.contains(now)).map(|w| (period, w.end)))
    }
}

/// A round's periods in which someone acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// 応募期間
    Application,
    /// 採用調整期間
    Adjustment,
    /// 募集実施確認期間
    Confirmation,
}

/// The round a program's page shows its counts for, among the rounds it recruits in (`rounds`, in
/// any order, each with its schedule given by `schedule`): the current or the next one — the
/// first, in the order of the year, whose results are not yet published; once every round has
/// published its results, the last one. `None` when it recruits in no round yet.
pub fn current_or_next<T>(
    rounds: &[T],
    schedule: impl Fn(&T) -> &RoundSchedule,
    now: DateTime<Utc>,
) -> Option<&T> {
    let mut ordered: Vec<&T> = rounds.iter().collect();
    ordered.sort_by_key(|r| (schedule(r).application.start, schedule(r).kind));
    ordered.iter().find(|r| !schedule(r).results_published(now)).or(ordered.last()).copied()
}

/// The last round, in the order of the year, whose results are published at `now` (`rounds` in
/// any order, each with its schedule given by `schedule`); `None` before the first results.
pub fn last_published<T>(
    rounds: &[T],
    schedule: impl Fn(&T) -> &RoundSchedule,
    now: DateTime<Utc>,
) -> Option<&T> {
    let mut ordered: Vec<&T> = rounds.iter().collect();
    ordered.sort_by_key(|r| (schedule(r).application.start, schedule(r).kind));
    ordered.into_iter().rev().find(|r| schedule(r).results_published(now))
}

/// The round a director's program page opens on: the current or next round once its
/// applications have closed (there are decisions to make or results to await); before that, the
/// round just decided, whose results the director looks back on — or the current or next one
/// while none is decided yet.
pub fn round_to_review<T>(
    rounds: &[T],
    schedule: impl Fn(&T) -> &RoundSchedule,
    now: DateTime<Utc>,
) -> Option<&T> {
    let current = current_or_next(rounds, &schedule, now)?;
    match schedule(current).phase_at(now) {
        RoundPhase::NotYetOpen | RoundPhase::Application => {
            last_published(rounds, &schedule, now).or(Some(current))
        }
        _ => Some(current),
    }
}

/// The board's real schedule for recruitment year 2024 (seed 000), every instant at noon JST.
/// The researcher course's notification date has no time in the seed; noon is assumed.
pub fn demo_schedule_2024() -> Vec<RoundSchedule> {
    crate::demo::seed_schedule(2024).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::noon_jst;
    use chrono::Duration;
    use serde::de::value::StrDeserializer;

    fn round(kind: RoundKind) -> RoundSchedule {
        demo_schedule_2024().into_iter().find(|r| r.kind == kind).expect("the demo has every kind")
    }

    fn w(start: DateTime<Utc>, end: DateTime<Utc>) -> Window {
        Window::new(start, end).expect("ordered window")
    }

    #[test]
    fn round_kinds_have_codes_names_and_the_years_order() {
        let cases = [
            (RoundKind::ResearcherCourse, "researcher-course", "臨床研究医コース", false),
            (RoundKind::First, "first", "1次募集", true),
            (RoundKind::Second, "second", "2次募集", true),
            (RoundKind::Final, "final", "最終調整", true),
        ];
        for (kind, code, name_ja, regular) in cases {
            assert_eq!(kind.code(), code);
            assert_eq!(RoundKind::parse(code), Ok(kind));
            let json_string = StrDeserializer::<serde::de::value::Error>::new(code);
            assert_eq!(RoundKind::deserialize(json_string), Ok(kind));
            assert_eq!(kind.name_ja(), name_ja);
            assert_eq!(kind.is_regular(), regular);
        }
        assert!(RoundKind::ALL.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(RoundKind::parse("third"), Err(DomainError::invalid("kind", "unknown-round-kind")));
    }

    #[test]
    fn the_real_2024_schedule_is_accepted() {
        for r in demo_schedule_2024() {
            let rebuilt =
                RoundSchedule::new(r.year, r.kind, r.application, r.adjustment, r.confirmation, r.results_at);
            assert_eq!(rebuilt.as_ref(), Ok(&r), "{}", r.kind);
            assert!(r.application.start < r.application.end);
        }
        let kinds: Vec<RoundKind> = demo_schedule_2024().iter().map(|r| r.kind).collect();
        assert_eq!(kinds, RoundKind::ALL);
    }

    #[test]
    fn phases_of_the_2024_first_round() {
        let first = round(RoundKind::First);
        let second = Duration::seconds(1);
        let cases = [
            (noon_jst(2023, 11, 1) - second, RoundPhase::NotYetOpen),
            (noon_jst(2023, 11, 1), RoundPhase::Application),
            (noon_jst(2023, 11, 14) - second, RoundPhase::Application),
            (noon_jst(2023, 11, 14), RoundPhase::BetweenApplicationAndAdjustment),
            (noon_jst(2023, 11, 16), RoundPhase::Adjustment),
            (noon_jst(2023, 11, 24) - second, RoundPhase::Adjustment),
            (noon_jst(2023, 11, 24), RoundPhase::AwaitingResults),
            (noon_jst(2023, 11, 29) - second, RoundPhase::AwaitingResults),
            (noon_jst(2023, 11, 29), RoundPhase::ResultsPublished),
        ];
        for (now, phase) in cases {
            assert_eq!(first.phase_at(now), phase, "{}", crate::time::to_jst(now));
            assert_eq!(first.in_application_period(now), phase == RoundPhase::Application);
            assert_eq!(first.in_adjustment_period(now), phase == RoundPhase::Adjustment);
            assert_eq!(first.results_published(now), phase == RoundPhase::ResultsPublished);
        }
    }

    #[test]
    fn phases_of_the_researcher_course_skip_adjustment() {
        let course = round(RoundKind::ResearcherCourse);
        let cases = [
            (noon_jst(2023, 8, 31), RoundPhase::NotYetOpen),
            (noon_jst(2023, 9, 1), RoundPhase::Application),
            (noon_jst(2023, 9, 22), RoundPhase::AwaitingResults),
            (noon_jst(2023, 10, 11), RoundPhase::ResultsPublished),
        ];
        for (now, phase) in cases {
            assert_eq!(course.phase_at(now), phase);
            assert!(!course.in_adjustment_period(now));
        }
    }

    #[test]
    fn the_final_round_opens_when_the_second_rounds_confirmation_ends() {
        let now = noon_jst(2024, 1, 9);
        assert_eq!(round(RoundKind::Second).phase_at(now), RoundPhase::ResultsPublished);
        assert!(round(RoundKind::Final).in_application_period(now));
    }

    #[test]
    fn schedules_out_of_order_are_refused() {
        let d = |month, day| noon_jst(2023, month, day);
        let application = w(d(11, 1), d(11, 14));
        let adjustment = w(d(11, 16), d(11, 24));
        let cases = [
            (
                "adjustment overlaps applications",
                RoundKind::First,
                Some(w(d(11, 13), d(11, 24))),
                None,
                d(11, 29),
                ScheduleProblem::AdjustmentBeforeApplicationEnds,
            ),
            (
                "results before adjustment ends",
                RoundKind::First,
                Some(adjustment),
                None,
                d(11, 20),
                ScheduleProblem::ResultsBeforeAdjustmentEnds,
            ),
            (
                "results before applications end",
                RoundKind::ResearcherCourse,
                None,
                None,
                d(11, 10),
                ScheduleProblem::ResultsBeforeApplicationEnds,
            ),
            (
                "confirmation before adjustment ends",
                RoundKind::First,
                Some(adjustment),
                Some(w(d(11, 20), d(11, 29))),
                d(11, 29),
                ScheduleProblem::ConfirmationBeforeAdjustmentEnds,
            ),
            (
                "regular round without adjustment",
                RoundKind::Final,
                None,
                None,
                d(11, 29),
                ScheduleProblem::AdjustmentRequired,
            ),
            (
                "researcher course with adjustment",
                RoundKind::ResearcherCourse,
                Some(adjustment),
                None,
                d(11, 29),
                ScheduleProblem::ResearcherCourseHasOnlyApplication,
            ),
            (
                "researcher course with confirmation",
                RoundKind::ResearcherCourse,
                None,
                Some(w(d(11, 24), d(11, 29))),
                d(11, 29),
                ScheduleProblem::ResearcherCourseHasOnlyApplication,
            ),
        ];
        for (why, kind, adjustment, confirmation, results_at, problem) in cases {
            let error = RoundSchedule::new(2024, kind, application, adjustment, confirmation, results_at)
                .expect_err(why);
            assert_eq!(error, DomainError::InvalidSchedule(problem), "{why}");
            assert_eq!(error.code(), problem.code());
            assert!(error.is_validation());
        }
    }

    #[test]
    fn confirmation_may_end_after_the_results_and_periods_may_touch() {
        let d = |month, day| noon_jst(2023, month, day);
        let schedule = RoundSchedule::new(
            2024,
            RoundKind::Second,
            w(d(12, 1), d(12, 14)),
            Some(w(d(12, 14), d(12, 22))),
            Some(w(d(12, 22), noon_jst(2024, 1, 9))),
            d(12, 22),
        );
        assert!(schedule.is_ok(), "{schedule:?}");
    }

    #[test]
    fn every_round_kind_has_distinct_names_and_displays_as_its_code() {
        let mut seen = std::collections::HashSet::new();
        for kind in RoundKind::ALL {
            assert!(!kind.name_en().is_empty() && seen.insert(kind.name_en()), "{kind:?}");
            assert!(seen.insert(kind.name_ja()), "{kind:?}");
            assert_eq!(kind.to_string(), kind.code());
        }
    }

    #[test]
    fn every_schedule_problem_explains_itself_in_both_languages() {
        let problems = [
            ScheduleProblem::WindowEndsBeforeStart,
            ScheduleProblem::AdjustmentBeforeApplicationEnds,
            ScheduleProblem::ResultsBeforeApplicationEnds,
            ScheduleProblem::ResultsBeforeAdjustmentEnds,
            ScheduleProblem::ConfirmationBeforeAdjustmentEnds,
            ScheduleProblem::AdjustmentRequired,
            ScheduleProblem::ResearcherCourseHasOnlyApplication,
        ];
        let mut seen = std::collections::HashSet::new();
        for problem in problems {
            let (ja, en) = (problem.message_ja(), problem.message_en());
            assert!(ja.ends_with('。') && !ja.is_ascii(), "{problem:?}: {ja}");
            assert!(en.ends_with('.') && en.is_ascii(), "{problem:?}: {en}");
            assert!(seen.insert(ja) && seen.insert(en), "{problem:?} says what another says");
        }
    }

    #[test]
    fn a_program_shows_the_current_or_next_round_then_the_last() {
        let rounds: Vec<RoundSchedule> =
            demo_schedule_2024().into_iter().filter(|r| r.kind.is_regular()).rev().collect();
        let shown = |now| current_or_next(&rounds, |r| r, now).map(|r| r.kind);
        let cases = [
            (noon_jst(2023, 10, 1), Some(RoundKind::First)),
            (noon_jst(2023, 11, 20), Some(RoundKind::First)),
            (noon_jst(2023, 11, 29) - chrono::Duration::seconds(1), Some(RoundKind::First)),
            (noon_jst(2023, 11, 29), Some(RoundKind::Second)),
            (noon_jst(2024, 2, 1), Some(RoundKind::Final)),
            (noon_jst(2025, 1, 1), Some(RoundKind::Final)),
        ];
        for (now, expected) in cases {
            assert_eq!(shown(now), expected, "{now}");
        }
        assert_eq!(current_or_next(&[] as &[RoundSchedule], |r| r, noon_jst(2024, 1, 1)), None);
    }

    #[test]
    fn the_running_period_and_its_deadline() {
        let first = round(RoundKind::First);
        let second = Duration::seconds(1);
        let cases = [
            (noon_jst(2023, 11, 1) - second, None),
            (noon_jst(2023, 11, 1), Some((Period::Application, noon_jst(2023, 11, 14)))),
            (noon_jst(2023, 11, 14) - second, Some((Period::Application, noon_jst(2023, 11, 14)))),
            (noon_jst(2023, 11, 14), None),
            (noon_jst(2023, 11, 16), Some((Period::Adjustment, noon_jst(2023, 11, 24)))),
            (noon_jst(2023, 11, 24), Some((Period::Confirmation, noon_jst(2023, 11, 29)))),
            (noon_jst(2023, 11, 29), None),
        ];
        for (now, expected) in cases {
            assert_eq!(first.running_period(now), expected, "{now}");
        }
        // The second round's confirmation runs on past its results.
        let after_results = noon_jst(2023, 12, 26);
        assert_eq!(
            round(RoundKind::Second).running_period(after_results),
            Some((Period::Confirmation, noon_jst(2024, 1, 9)))
        );
        assert_eq!(round(RoundKind::ResearcherCourse).running_period(noon_jst(2023, 9, 30)), None);
    }

    #[test]
    fn a_directors_page_opens_on_the_round_to_decide_else_the_one_just_decided() {
        let rounds: Vec<RoundSchedule> =
            demo_schedule_2024().into_iter().filter(|r| r.kind.is_regular()).collect();
        let opens = |now| round_to_review(&rounds, |r| r, now).map(|r| r.kind);
        let cases = [
            (noon_jst(2023, 11, 5), Some(RoundKind::First)),
            (noon_jst(2023, 11, 20), Some(RoundKind::First)),
            (noon_jst(2023, 11, 29), Some(RoundKind::First)),
            (noon_jst(2023, 12, 5), Some(RoundKind::First)),
            (noon_jst(2023, 12, 14), Some(RoundKind::Second)),
            (noon_jst(2023, 12, 20), Some(RoundKind::Second)),
            (noon_jst(2024, 1, 10), Some(RoundKind::Second)),
            (noon_jst(2024, 1, 25), Some(RoundKind::Final)),
            (noon_jst(2024, 3, 1), Some(RoundKind::Final)),
        ];
        for (now, expected) in cases {
            assert_eq!(opens(now), expected, "{now}");
        }
        assert_eq!(round_to_review(&[] as &[RoundSchedule], |r| r, noon_jst(2024, 1, 1)), None);
    }

    #[test]
    fn the_round_just_decided_is_the_last_whose_results_are_out() {
        let rounds: Vec<RoundSchedule> = demo_schedule_2024().into_iter().rev().collect();
        let decided = |now| last_published(&rounds, |r| r, now).map(|r| r.kind);
        let cases = [
            (noon_jst(2023, 10, 11) - chrono::Duration::seconds(1), None),
            (noon_jst(2023, 10, 11), Some(RoundKind::ResearcherCourse)),
            (noon_jst(2023, 11, 29) - chrono::Duration::seconds(1), Some(RoundKind::ResearcherCourse)),
            (noon_jst(2023, 11, 29), Some(RoundKind::First)),
            (noon_jst(2023, 12, 24), Some(RoundKind::First)),
            (noon_jst(2023, 12, 25), Some(RoundKind::Second)),
            (noon_jst(2024, 2, 1), Some(RoundKind::Final)),
        ];
        for (now, expected) in cases {
            assert_eq!(decided(now), expected, "{now}");
        }
    }

    #[test]
    fn results_are_confirmed_once_inside_the_confirmation_period() {
        let first = round(RoundKind::First);
        let second = Duration::seconds(1);
        let cases = [
            (noon_jst(2023, 11, 24) - second, false, Err(DomainError::OutsideConfirmationPeriod)),
            (noon_jst(2023, 11, 24), false, Ok(())),
            (noon_jst(2023, 11, 29) - second, false, Ok(())),
            (noon_jst(2023, 11, 29) - second, true, Err(DomainError::AlreadyConfirmed)),
            (noon_jst(2023, 11, 29), false, Err(DomainError::OutsideConfirmationPeriod)),
            (noon_jst(2023, 11, 29), true, Err(DomainError::OutsideConfirmationPeriod)),
        ];
        for (now, already, expected) in cases {
            assert_eq!(first.check_can_confirm(now, already), expected, "{now} {already}");
            assert_eq!(
                first.in_confirmation_period(now),
                expected != Err(DomainError::OutsideConfirmationPeriod)
            );
        }
        let researcher = round(RoundKind::ResearcherCourse);
        assert!(!researcher.in_confirmation_period(noon_jst(2023, 9, 30)));
        assert_eq!(
            researcher.check_can_confirm(noon_jst(2023, 9, 30), false),
            Err(DomainError::OutsideConfirmationPeriod)
        );
    }
}
