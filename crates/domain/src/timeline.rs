//! Owns the resident's personal timeline (my page): what happens next in their recruitment year,
//! who acts — the resident, the program director or the board — and when.
//!
//! With an open application the steps are its round's: the application period closes (until then
//! the resident may withdraw), the director decides in the adjustment period, the board publishes
//! the results. Without one (never applied, withdrew, or not hired once the results are out) the
//! steps are those of the next round the resident may still apply in. A hired resident's
//! timeline ends with the start of training.
//!
//! The rules in words: `docs/rules.md`, "Recruitment rounds".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::round::{RoundKind, RoundSchedule};

/// Who acts at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    /// The resident (あなた).
    You,
    /// The program director (統括責任者).
    Director,
    /// The board (日本専門医機構).
    Board,
}

impl Actor {
    pub fn name_ja(self) -> &'static str {
        match self {
            Actor::You => "あなた",
            Actor::Director => "統括責任者",
            Actor::Board => "日本専門医機構",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Actor::You => "You",
            Actor::Director => "Program director",
            Actor::Board => "The board",
        }
    }
}

/// What happens at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// The application period opens: the resident may apply from here.
    ApplicationOpens,
    /// The application period closes: the last moment to apply or to withdraw.
    ApplicationCloses,
    /// The adjustment period: the director decides.
    DirectorsDecide,
    /// The result notification: the board publishes the results.
    ResultsPublished,
}

impl StepKind {
    pub fn name_ja(self) -> &'static str {
        match self {
            StepKind::ApplicationOpens => "応募受付開始（応募できます）",
            StepKind::ApplicationCloses => "応募締切（取り下げもこの時刻まで）",
            StepKind::DirectorsDecide => "採用調整（統括責任者が採否を決定）",
            StepKind::ResultsPublished => "採用結果通知",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            StepKind::ApplicationOpens => "Applications open (you may apply)",
            StepKind::ApplicationCloses => "Applications close (also the last moment to withdraw)",
            StepKind::DirectorsDecide => "Adjustment (the director decides)",
            StepKind::ResultsPublished => "Results published",
        }
    }

    /// Who acts at this step.
    pub fn actor(self) -> Actor {
        match self {
            StepKind::ApplicationOpens | StepKind::ApplicationCloses => Actor::You,
            StepKind::DirectorsDecide => Actor::Director,
            StepKind::ResultsPublished => Actor::Board,
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub round: RoundKind,
    pub kind: StepKind,
    pub at: DateTime<Utc>,
    /// The instant has passed.
    pub done: bool,
}

impl Step {
    pub fn actor(&self) -> Actor {
        self.kind.actor()
    }
}

/// The resident's application as the timeline needs it: its round and the status they see
/// ([`crate::application::visible_status`]).
#[derive(Debug, Clone, Copy)]
pub struct Current<'a> {
    pub round: &'a RoundSchedule,
    pub visible: ApplicationStatus,
}

/// Where the resident stands, and the steps ahead (and just behind) them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timeline {
    /// Hired: training starts in April of the recruitment year.
    Hired,
    /// The steps of one round, in order; the first not `done` is the next one.
    Steps(Vec<Step>),
    /// No round of the year is left to apply in.
    NothingLeft,
}

/// The timeline at `now` for a resident whose latest application is `current` (if any), among
/// the rounds of their recruitment year (`rounds`, any order; researcher-course rounds are left
/// out unless the application is in one, as regular residents do not apply there).
pub fn resident_timeline(
    now: DateTime<Utc>,
    rounds: &[RoundSchedule],
    current: Option<Current<'_>>,
) -> Timeline {
    if let Some(current) = current {
        match current.visible {
            ApplicationStatus::Accepted => return Timeline::Hired,
            ApplicationStatus::Applied => return Timeline::Steps(steps_of(current.round, now, false)),
            // Withdrawn, declined, rejected or left on hold after the results: a later round.
            _ => {}
        }
    }
    let mut regular: Vec<&RoundSchedule> = rounds.iter().filter(|r| r.kind.is_regular()).collect();
    regular.sort_by_key(|r| r.application.start);
    match regular.into_iter().find(|r| now < r.application.end) {
        Some(next) => Timeline::Steps(steps_of(next, now, true)),
        None => Timeline::NothingLeft,
    }
}

/// The steps of a round, with its opening when the resident has yet to apply.
fn steps_of(round: &RoundSchedule, now: DateTime<Utc>, with_opening: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut step =
        |kind, at: DateTime<Utc>| steps.push(Step { round: round.kind, kind, at, done: at <= now });
    if with_opening {
        step(StepKind::ApplicationOpens, round.application.start);
    }
    step(StepKind::ApplicationCloses, round.application.end);
    if let Some(adjustment) = round.adjustment {
        step(StepKind::DirectorsDecide, adjustment.start);
    }
    step(StepKind::ResultsPublished, round.results_at);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::demo_schedule_2024;
    use crate::time::noon_jst;
    use ApplicationStatus::*;
    use StepKind::*;

    fn round(kind: RoundKind) -> RoundSchedule {
        demo_schedule_2024().into_iter().find(|r| r.kind == kind).unwrap()
    }

    fn kinds(timeline: &Timeline) -> Vec<(RoundKind, StepKind, bool)> {
        match timeline {
            Timeline::Steps(steps) => steps.iter().map(|s| (s.round, s.kind, s.done)).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn with_an_open_application_the_steps_are_its_rounds() {
        let rounds = demo_schedule_2024();
        let first = round(RoundKind::First);
        let during = noon_jst(2023, 11, 20);
        let timeline = resident_timeline(during, &rounds, Some(Current { round: &first, visible: Applied }));
        assert_eq!(
            kinds(&timeline),
            [
                (RoundKind::First, ApplicationCloses, true),
                (RoundKind::First, DirectorsDecide, true),
                (RoundKind::First, ResultsPublished, false),
            ]
        );
    }

    #[test]
    fn without_an_application_the_next_round_to_apply_in() {
        let rounds = demo_schedule_2024();
        let cases = [
            (noon_jst(2023, 10, 1), Some(RoundKind::First)),
            (noon_jst(2023, 11, 14), Some(RoundKind::Second)),
            (noon_jst(2024, 3, 1), None),
        ];
        for (now, expected) in cases {
            let timeline = resident_timeline(now, &rounds, None);
            let round = kinds(&timeline).first().map(|(round, _, _)| *round);
            assert_eq!(round, expected, "{now}");
        }
        let timeline = resident_timeline(noon_jst(2023, 10, 1), &rounds, None);
        assert_eq!(kinds(&timeline)[0], (RoundKind::First, ApplicationOpens, false));
        assert_eq!(resident_timeline(noon_jst(2024, 3, 1), &rounds, None), Timeline::NothingLeft);
    }

    #[test]
    fn a_rejected_or_withdrawn_resident_looks_to_the_next_round_and_a_hired_one_to_april() {
        let rounds = demo_schedule_2024();
        let first = round(RoundKind::First);
        let after_results = noon_jst(2023, 11, 29);
        for visible in [Rejected, OnHold, Withdrawn, Declined] {
            let timeline =
                resident_timeline(after_results, &rounds, Some(Current { round: &first, visible }));
            assert_eq!(kinds(&timeline)[0].0, RoundKind::Second, "{visible}");
        }
        let hired =
            resident_timeline(after_results, &rounds, Some(Current { round: &first, visible: Accepted }));
        assert_eq!(hired, Timeline::Hired);
    }

    #[test]
    fn each_step_names_who_acts() {
        assert_eq!(ApplicationOpens.actor(), Actor::You);
        assert_eq!(ApplicationCloses.actor(), Actor::You);
        assert_eq!(DirectorsDecide.actor(), Actor::Director);
        assert_eq!(ResultsPublished.actor(), Actor::Board);
        let names = [
            (ApplicationOpens, "応募受付開始（応募できます）", "Applications open (you may apply)"),
            (
                ApplicationCloses,
                "応募締切（取り下げもこの時刻まで）",
                "Applications close (also the last moment to withdraw)",
            ),
            (DirectorsDecide, "採用調整（統括責任者が採否を決定）", "Adjustment (the director decides)"),
            (ResultsPublished, "採用結果通知", "Results published"),
        ];
        for (kind, ja, en) in names {
            assert_eq!((kind.name_ja(), kind.name_en()), (ja, en));
        }
        assert_eq!((Actor::Board.name_ja(), Actor::You.name_en()), ("日本専門医機構", "You"));
    }
}
