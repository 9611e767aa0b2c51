//! Owns where a demo stands in time: the seeds' schedule (the board's real schedule of 2024,
//! seed 000) carried to any recruitment year, and placed so that a demo started on any day stands
//! inside a round — its application period, its adjustment period, or just after its results.

use chrono::{DateTime, Duration, Utc};

use crate::resident::recruitment_year_at;
use crate::round::{RoundKind, RoundSchedule};
use crate::time::{Window, to_jst, try_noon_jst};

/// The round a demo stands in: the year's second, so that the researcher course and the first
/// round are decided before it and their results and history show.
pub const DEMO_ROUND: RoundKind = RoundKind::Second;

/// Where in [`DEMO_ROUND`] a demo stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DemoPhase {
    /// 応募期間: residents apply and withdraw.
    #[default]
    Application,
    /// 採用調整期間: directors decide.
    Adjustment,
    /// Just after 採用結果通知: the round is decided and its results are out.
    Results,
}

impl DemoPhase {
    pub const ALL: [DemoPhase; 3] = [DemoPhase::Application, DemoPhase::Adjustment, DemoPhase::Results];

    pub fn code(self) -> &'static str {
        match self {
            DemoPhase::Application => "application",
            DemoPhase::Adjustment => "adjustment",
            DemoPhase::Results => "results",
        }
    }

    /// The phase a `--phase` names; `None` for any other word.
    pub fn parse(code: &str) -> Option<DemoPhase> {
        DemoPhase::ALL.into_iter().find(|phase| phase.code() == code.trim())
    }
}

/// The seeds' schedule as it falls in recruitment year `year`: the same days of the year at noon
/// JST, the same periods (the researcher course in September, the first round in November, the
/// second in December, the final adjustment in January). `None` only for a year chrono cannot
/// hold.
pub fn seed_schedule(year: i32) -> Option<Vec<RoundSchedule>> {
    // Autumn days belong to the calendar year before the recruitment year.
    let autumn = |month, day| try_noon_jst(year.checked_sub(1)?, month, day);
    let winter = |month, day| try_noon_jst(year, month, day);
    let window =
        |start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>| Some(Window { start: start?, end: end? });
    Some(vec![
        RoundSchedule {
            year,
            kind: RoundKind::ResearcherCourse,
            application: window(autumn(9, 1), autumn(9, 22))?,
            adjustment: None,
            confirmation: None,
            results_at: autumn(10, 11)?,
        },
        RoundSchedule {
            year,
            kind: RoundKind::First,
            application: window(autumn(11, 1), autumn(11, 14))?,
            adjustment: Some(window(autumn(11, 16), autumn(11, 24))?),
            confirmation: Some(window(autumn(11, 24), autumn(11, 29))?),
            results_at: autumn(11, 29)?,
        },
        RoundSchedule {
            year,
            kind: RoundKind::Second,
            application: window(autumn(12, 1), autumn(12, 14))?,
            adjustment: Some(window(autumn(12, 15), autumn(12, 22))?),
            confirmation: Some(window(autumn(12, 22), winter(1, 9))?),
            results_at: autumn(12, 25)?,
        },
        RoundSchedule {
            year,
            kind: RoundKind::Final,
            application: window(winter(1, 9), winter(1, 22))?,
            adjustment: Some(window(winter(1, 23), winter(1, 31))?),
            confirmation: None,
            results_at: winter(2, 1)?,
        },
    ])
}

/// The demo's schedules at `now`, oldest first: the seeds' schedule of the recruitment year
/// current at `now` and of the two years before it (whose residents are in training), all moved
/// by one whole number of days — so every instant stays at noon JST and every period keeps its
/// length — until `now` stands in `phase` of the current year's [`DEMO_ROUND`]. Not moved at all
/// when it stands there already (in 2026, the second round's application period is the real
/// 1–14 December). `None` only for years chrono cannot hold.
pub fn demo_schedules(now: DateTime<Utc>, phase: DemoPhase) -> Option<Vec<RoundSchedule>> {
    let year = recruitment_year_at(now);
    let current = seed_schedule(year)?;
    let round = current.iter().find(|r| r.kind == DEMO_ROUND)?;
    let target = match phase {
        DemoPhase::Application => round.application,
        DemoPhase::Adjustment => round.adjustment?,
        // Until the next round opens.
        DemoPhase::Results => Window {
            start: round.results_at,
            end: current.iter().find(|r| r.kind > DEMO_ROUND)?.application.start,
        },
    };
    let shift = if target.contains(now) { Duration::zero() } else { days_to_reach(target.start, now) };
    let mut all = Vec::new();
    for y in [year.checked_sub(2)?, year.checked_sub(1)?] {
        all.extend(seed_schedule(y)?);
    }
    all.extend(current);
    all.into_iter().map(|r| moved(r, shift)).collect()
}

/// The whole days that bring the noon `start` to the last noon JST at or before `now`.
fn days_to_reach(start: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    let days = (to_jst(now).date_naive() - to_jst(start).date_naive()).num_days();
    if start + Duration::days(days) > now { Duration::days(days - 1) } else { Duration::days(days) }
}

fn moved(r: RoundSchedule, by: Duration) -> Option<RoundSchedule> {
    let at = |t: DateTime<Utc>| t.checked_add_signed(by);
    let window = |w: Window| Some(Window { start: at(w.start)?, end: at(w.end)? });
    Some(RoundSchedule {
        year: r.year,
        kind: r.kind,
        application: window(r.application)?,
        adjustment: match r.adjustment {
            Some(w) => Some(window(w)?),
            None => None,
        },
        confirmation: match r.confirmation {
            Some(w) => Some(window(w)?),
            None => None,
        },
        results_at: at(r.results_at)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::RoundPhase;
    use crate::time::noon_jst;
    use chrono::Timelike;

    fn at_jst(year: i32, month: u32, day: u32, hour: i64, minute: i64) -> DateTime<Utc> {
        noon_jst(year, month, day) + Duration::hours(hour - 12) + Duration::minutes(minute)
    }

    fn instants(r: &RoundSchedule) -> Vec<DateTime<Utc>> {
        let mut all = vec![r.application.start, r.application.end, r.results_at];
        for w in [r.adjustment, r.confirmation].into_iter().flatten() {
            all.extend([w.start, w.end]);
        }
        all
    }

    #[test]
    fn phases_have_codes_and_parse_back() {
        for (phase, code) in [
            (DemoPhase::Application, "application"),
            (DemoPhase::Adjustment, "adjustment"),
            (DemoPhase::Results, "results"),
        ] {
            assert_eq!(phase.code(), code);
            assert_eq!(DemoPhase::parse(code), Some(phase));
            assert_eq!(DemoPhase::parse(&format!(" {code}\n")), Some(phase));
        }
        assert_eq!(DemoPhase::parse("adjust"), None);
        assert_eq!(DemoPhase::parse(""), None);
        assert_eq!(DemoPhase::default(), DemoPhase::Application);
    }

    #[test]
    fn the_seed_schedule_of_2024_is_the_boards_real_one_and_later_years_keep_its_days() {
        let seed = seed_schedule(2024).unwrap();
        assert_eq!(seed, crate::round::demo_schedule_2024());
        let second = seed.iter().find(|r| r.kind == RoundKind::Second).unwrap();
        assert_eq!(second.application.start, noon_jst(2023, 12, 1));
        assert_eq!(second.confirmation.unwrap().end, noon_jst(2024, 1, 9));
        let later = seed_schedule(2027).unwrap();
        for (old, new) in seed.iter().zip(&later) {
            assert_eq!(new.year, 2027);
            assert_eq!(new.kind, old.kind);
            for (a, b) in instants(old).into_iter().zip(instants(new)) {
                let (a, b) = (to_jst(a), to_jst(b));
                use chrono::Datelike;
                assert_eq!((b.year() - a.year(), b.month(), b.day(), b.hour()), (3, a.month(), a.day(), 12));
            }
            let rebuilt = RoundSchedule::new(
                new.year,
                new.kind,
                new.application,
                new.adjustment,
                new.confirmation,
                new.results_at,
            );
            assert_eq!(rebuilt.as_ref(), Ok(new), "the periods keep their order");
        }
    }

    #[test]
    fn on_a_day_inside_the_phase_the_real_days_are_kept() {
        // 7 December 2026: the second round of 2027 takes applications from 1 to 14 December.
        let now = at_jst(2026, 12, 7, 9, 30);
        let schedules = demo_schedules(now, DemoPhase::Application).unwrap();
        let years: Vec<i32> = schedules.iter().map(|r| r.year).collect();
        assert_eq!(years, [2025, 2025, 2025, 2025, 2026, 2026, 2026, 2026, 2027, 2027, 2027, 2027]);
        assert_eq!(schedules[8..].to_vec(), seed_schedule(2027).unwrap(), "not moved");
        assert_eq!(schedules[..4].to_vec(), seed_schedule(2025).unwrap());
        // Between the second round's results (25 December) and the final round's opening
        // (9 January), the results phase is the real one too.
        for now in [at_jst(2026, 12, 25, 12, 0), at_jst(2027, 1, 9, 11, 59)] {
            let schedules = demo_schedules(now, DemoPhase::Results).unwrap();
            assert_eq!(schedules[8..].to_vec(), seed_schedule(2027).unwrap(), "{now}");
        }
        let adjustment = demo_schedules(at_jst(2026, 12, 15, 12, 0), DemoPhase::Adjustment).unwrap();
        assert_eq!(adjustment[8..].to_vec(), seed_schedule(2027).unwrap());
    }

    /// Every hour of a year (and the minutes around noon), in each phase: the demo round stands
    /// where asked, every instant at noon JST, the current year is the one running now, and the
    /// years before are decided.
    #[test]
    fn every_day_of_the_year_stands_in_the_asked_phase() {
        let mut now = at_jst(2026, 4, 1, 0, 0);
        let end = at_jst(2027, 4, 2, 0, 0);
        while now < end {
            for minute in [0, 59] {
                let now = now + Duration::minutes(minute);
                for phase in DemoPhase::ALL {
                    let schedules = demo_schedules(now, phase).unwrap();
                    let year = recruitment_year_at(now);
                    let current: Vec<&RoundSchedule> = schedules.iter().filter(|r| r.year == year).collect();
                    assert_eq!(current.len(), 4, "{now} {phase:?}");
                    let round = current.iter().find(|r| r.kind == DEMO_ROUND).unwrap();
                    let expected = match phase {
                        DemoPhase::Application => RoundPhase::Application,
                        DemoPhase::Adjustment => RoundPhase::Adjustment,
                        DemoPhase::Results => RoundPhase::ResultsPublished,
                    };
                    assert_eq!(round.phase_at(now), expected, "{now} {phase:?}");
                    let next = current.iter().find(|r| r.kind == RoundKind::Final).unwrap();
                    assert_eq!(next.phase_at(now), RoundPhase::NotYetOpen, "{now} {phase:?}");
                    let first = current.iter().find(|r| r.kind == RoundKind::First).unwrap();
                    assert_eq!(first.phase_at(now), RoundPhase::ResultsPublished, "{now} {phase:?}");
                    for r in schedules.iter().filter(|r| r.year < year) {
                        assert_eq!(
                            r.phase_at(now),
                            RoundPhase::ResultsPublished,
                            "{now} {phase:?} {}",
                            r.year
                        );
                    }
                    for t in schedules.iter().flat_map(instants) {
                        let jst = to_jst(t);
                        assert_eq!((jst.hour(), jst.minute(), jst.second()), (12, 0, 0), "{now} {phase:?}");
                    }
                }
            }
            now += Duration::hours(1);
        }
    }

    #[test]
    fn a_moved_schedule_keeps_every_period_and_its_order() {
        let now = at_jst(2027, 6, 10, 11, 59);
        let schedules = demo_schedules(now, DemoPhase::Adjustment).unwrap();
        let seed: Vec<RoundSchedule> =
            [2026, 2027, 2028].into_iter().flat_map(|y| seed_schedule(y).unwrap()).collect();
        let shift = schedules[0].application.start - seed[0].application.start;
        assert_eq!(shift.num_seconds() % 86_400, 0, "whole days");
        assert_ne!(shift, Duration::zero());
        for (moved, seed) in schedules.iter().zip(&seed) {
            assert_eq!((moved.year, moved.kind), (seed.year, seed.kind));
            for (a, b) in instants(seed).into_iter().zip(instants(moved)) {
                assert_eq!(b - a, shift);
            }
        }
        // Just after the latest noon: the adjustment period opened the day before, at noon.
        let second = schedules.iter().find(|r| r.year == 2028 && r.kind == DEMO_ROUND).unwrap();
        assert_eq!(second.adjustment.unwrap().start, noon_jst(2027, 6, 9));
        let after_noon = demo_schedules(at_jst(2027, 6, 10, 12, 0), DemoPhase::Adjustment).unwrap();
        let second = after_noon.iter().find(|r| r.year == 2028 && r.kind == DEMO_ROUND).unwrap();
        assert_eq!(second.adjustment.unwrap().start, noon_jst(2027, 6, 10), "at noon itself");
    }
}
