//! Owns capacity (定員) and ceilings (シーリング): whether one more acceptance is allowed, where
//! ceilings apply, and the suggested ceiling.
//!
//! "Hired" always means accepted and not declined. The counts are taken by the caller inside the
//! transaction that records the decision (with the rows locked), so that concurrent decisions by
//! many directors can never pass a limit together.
//!
//! The rules in words: `docs/rules.md`, "Capacity and ceilings".

use std::collections::BTreeMap;

use crate::DomainError;
use crate::application::Application;
use crate::prefecture::Prefecture;
use crate::specialty::Specialty;

/// The figures an acceptance is checked against, counted before the acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptanceCounts {
    /// The program's capacity (定員).
    pub capacity: u32,
    /// The program's hires in this recruitment year, all rounds.
    pub program_hired: u32,
    /// The ceiling for the program's prefecture × specialty × year, when one applies.
    pub ceiling: Option<u32>,
    /// The hires of all programs of that specialty in that prefecture in that year, all rounds.
    pub ceiling_hired: u32,
}

/// `requested` more hires would pass `limit` with `hired` already counted.
fn beyond(hired: u32, requested: u32, limit: u32) -> bool {
    u64::from(hired) + u64::from(requested) > u64::from(limit)
}

/// A program never hires more than its capacity: `requested` more on top of `hired`.
pub fn check_capacity(capacity: u32, hired: u32, requested: u32) -> Result<(), DomainError> {
    if beyond(hired, requested, capacity) {
        Err(DomainError::CapacityExceeded { capacity, hired, requested })
    } else {
        Ok(())
    }
}

/// A prefecture × specialty × year never hires more than its ceiling, when one applies.
pub fn check_ceiling(ceiling: Option<u32>, hired: u32, requested: u32) -> Result<(), DomainError> {
    match ceiling {
        Some(ceiling) if beyond(hired, requested, ceiling) => {
            Err(DomainError::CeilingExceeded { ceiling, hired, requested })
        }
        _ => Ok(()),
    }
}

/// Whether `requested` more hires in one program are allowed at once: never beyond the program's
/// capacity, never beyond the ceiling; capacity is checked first. The refusal carries the
/// figures: the limit, the hires already counted, and this request's. (A bulk request spanning
/// several programs of one cell checks each program's capacity and the cell's ceiling with its
/// own totals, through [`Places`].)
pub fn check_acceptances(counts: &AcceptanceCounts, requested: u32) -> Result<(), DomainError> {
    check_capacity(counts.capacity, counts.program_hired, requested)?;
    check_ceiling(counts.ceiling, counts.ceiling_hired, requested)
}

/// Whether one more hire is allowed: [`check_acceptances`] of one.
pub fn check_acceptance(counts: &AcceptanceCounts) -> Result<(), DomainError> {
    check_acceptances(counts, 1)
}

/// What a batch of decisions does to one limit's count (a program's capacity, or a cell's
/// ceiling): the places it takes (new acceptances) and the places it frees (acceptances taken
/// back or changed). A batch is held to the rule for one acceptance, with its own frees counted
/// back first: a director who moves an acceptance from one applicant to another in one request
/// needs no spare place, and a batch that takes nothing passes even where a limit was lowered
/// below the hires.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Places {
    pub takes: u32,
    pub frees: u32,
}

impl Places {
    /// What moving one application from `before` to `after` does to its program's and cell's
    /// counts.
    pub fn of(before: &Application, after: &Application) -> Places {
        Places {
            takes: u32::from(before.takes_a_place(after.decision())),
            frees: u32::from(before.status().is_hired() && !after.status().is_hired()),
        }
    }

    /// Whether the batch takes a place: only then is a limit in question (and its rows locked).
    pub fn takes_any(self) -> bool {
        self.takes > 0
    }

    /// The program's capacity, with `hired` its hires before the batch.
    pub fn check_capacity(self, capacity: u32, hired: u32) -> Result<(), DomainError> {
        if !self.takes_any() {
            return Ok(());
        }
        check_capacity(capacity, hired.saturating_sub(self.frees), self.takes)
    }

    /// The cell's ceiling where one applies, with `hired` the cell's hires before the batch.
    pub fn check_ceiling(self, ceiling: Option<u32>, hired: u32) -> Result<(), DomainError> {
        if !self.takes_any() {
            return Ok(());
        }
        check_ceiling(ceiling, hired.saturating_sub(self.frees), self.takes)
    }
}

impl std::ops::Add for Places {
    type Output = Places;

    fn add(self, other: Places) -> Places {
        Places { takes: self.takes + other.takes, frees: self.frees + other.frees }
    }
}

/// A batch's places summed by what they count against (a program, a cell), in the keys' order:
/// the order their rows are locked in.
pub fn tally<K: Ord>(changes: impl IntoIterator<Item = (K, Places)>) -> BTreeMap<K, Places> {
    let mut tallied: BTreeMap<K, Places> = BTreeMap::new();
    for (key, places) in changes {
        let entry = tallied.entry(key).or_default();
        *entry = *entry + places;
    }
    tallied
}

/// What is left before a limit: the places under the program's capacity, the room under the
/// ceiling (when one applies), and the smaller of the two, which is how many more acceptances
/// the program can record now. Past a limit (a ceiling lowered after hiring) nothing is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Room {
    /// 定員
    pub capacity: u32,
    /// The program's hires in the recruitment year, all rounds.
    pub hired: u32,
    pub remaining_capacity: u32,
    /// The ceiling of the program's prefecture × specialty × year; `null` where none applies.
    pub ceiling: Option<u32>,
    /// The hires of all programs of that prefecture × specialty × year, all rounds.
    pub ceiling_hired: u32,
    /// `null` where no ceiling applies.
    pub remaining_ceiling: Option<u32>,
    /// How many more acceptances are allowed now: the smaller of the two.
    pub remaining: u32,
}

/// The room left by `counts`.
pub fn room(counts: &AcceptanceCounts) -> Room {
    let remaining_capacity = counts.capacity.saturating_sub(counts.program_hired);
    let remaining_ceiling = counts.ceiling.map(|c| c.saturating_sub(counts.ceiling_hired));
    Room {
        capacity: counts.capacity,
        hired: counts.program_hired,
        remaining_capacity,
        ceiling: counts.ceiling,
        ceiling_hired: counts.ceiling_hired,
        remaining_ceiling,
        remaining: remaining_ceiling.map_or(remaining_capacity, |c| c.min(remaining_capacity)),
    }
}

/// The ceilings the board can set: 0 (nobody more) to 10,000. Code: `invalid-ceiling`.
pub const CEILINGS: std::ops::RangeInclusive<u32> = 0..=10_000;

/// A ceiling as the board sets it.
pub fn parse_ceiling(ceiling: u32) -> Result<u32, DomainError> {
    if CEILINGS.contains(&ceiling) {
        Ok(ceiling)
    } else {
        Err(DomainError::invalid("ceiling", "invalid-ceiling"))
    }
}

/// A ceiling is never set below the hires its cell already made: the hires would pass it.
pub fn check_ceiling_setting(ceiling: u32, hired: u32) -> Result<(), DomainError> {
    if hired > ceiling { Err(DomainError::CeilingBelowHires { ceiling, hired }) } else { Ok(()) }
}

/// A program's capacity is never set below its hires.
pub fn check_capacity_setting(capacity: u32, hired: u32) -> Result<(), DomainError> {
    if hired > capacity { Err(DomainError::CapacityBelowHires { capacity, hired }) } else { Ok(()) }
}

/// What-if (試算): how many of `hired` a proposed `ceiling` would leave beyond it.
pub fn excess_over(ceiling: u32, hired: u32) -> u32 {
    hired.saturating_sub(ceiling)
}

/// A ceiling applies in the five ceiling prefectures, except for the exempt specialties
/// (外科, 産婦人科, 病理, 臨床検査).
pub fn ceiling_applies(prefecture: Prefecture, specialty: Specialty) -> bool {
    prefecture.has_ceiling() && !specialty.ceiling_exempt()
}

/// Every cell (prefecture × specialty) of a year where a ceiling applies: the five ceiling
/// prefectures × the specialties that are not exempt.
pub fn ceiling_cells() -> impl Iterator<Item = (Prefecture, Specialty)> {
    Prefecture::all()
        .flat_map(|p| Specialty::ALL.into_iter().map(move |s| (p, s)))
        .filter(|(p, s)| ceiling_applies(*p, *s))
}

/// The years a suggestion for `year` is the mean of: the last five before it, among those the
/// database holds (`held`, e.g. the years that have rounds), oldest first.
pub fn suggestion_years(year: i32, held: impl IntoIterator<Item = i32>) -> Vec<i32> {
    let mut years: Vec<i32> = held.into_iter().filter(|y| (year - 5..year).contains(y)).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The suggested ceiling: the mean of the hires of the last five years (過去5年の採用実績の平均値),
/// rounded half up (四捨五入: 10.5 → 11, 10.4 → 10). The caller passes the years it has, up to
/// five; with none the suggestion is 0 and the board must set the ceiling by hand.
pub fn suggested_ceiling(last_five_years_hires: &[u32]) -> u32 {
    let years = last_five_years_hires.len() as u64;
    if years == 0 {
        return 0;
    }
    let total: u64 = last_five_years_hires.iter().map(|&h| u64::from(h)).sum();
    // Half up in integers: floor(total / years + 1/2) = floor((2 total + years) / (2 years)).
    let mean = (2 * total + years) / (2 * years);
    u32::try_from(mean).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::ApplicationStatus;

    fn state(status: ApplicationStatus) -> Application {
        Application::from_stored(status, status.recorded_decision()).expect("a consistent pair")
    }

    #[test]
    fn a_new_acceptance_takes_a_place_and_an_acceptance_taken_back_frees_one() {
        use ApplicationStatus::*;
        let cases = [
            (Applied, Accepted, Places { takes: 1, frees: 0 }),
            (OnHold, Accepted, Places { takes: 1, frees: 0 }),
            (Rejected, Accepted, Places { takes: 1, frees: 0 }),
            (Accepted, Accepted, Places { takes: 0, frees: 0 }),
            (Accepted, Rejected, Places { takes: 0, frees: 1 }),
            (Accepted, OnHold, Places { takes: 0, frees: 1 }),
            (Accepted, Applied, Places { takes: 0, frees: 1 }),
            (Accepted, Declined, Places { takes: 0, frees: 1 }),
            (Applied, Rejected, Places { takes: 0, frees: 0 }),
            (OnHold, Applied, Places { takes: 0, frees: 0 }),
        ];
        for (before, after, places) in cases {
            assert_eq!(Places::of(&state(before), &state(after)), places, "{before} → {after}");
        }
    }

    #[test]
    fn a_batch_is_held_to_the_limits_with_its_own_frees_counted_back() {
        let places = |takes, frees| Places { takes, frees };
        let exceeded =
            |capacity, hired, requested| Err(DomainError::CapacityExceeded { capacity, hired, requested });
        // (the batch, capacity, hires before it, the answer)
        let cases = [
            // Moving an acceptance from one applicant to another in a full program.
            (places(1, 1), 2, 2, Ok(())),
            (places(2, 1), 3, 2, Ok(())),
            (places(2, 1), 2, 2, exceeded(2, 1, 2)),
            // Two new acceptances where one place is left: refused with the batch's figures.
            (places(2, 0), 2, 1, exceeded(2, 1, 2)),
            (places(1, 0), 2, 1, Ok(())),
            // Taking nothing passes, even where the capacity was lowered below the hires.
            (places(0, 1), 1, 3, Ok(())),
            (places(0, 0), 1, 3, Ok(())),
            // More frees than hires counted: never below zero.
            (places(1, 5), 1, 2, Ok(())),
        ];
        for (batch, capacity, hired, answer) in cases {
            assert_eq!(
                batch.check_capacity(capacity, hired),
                answer,
                "{batch:?} capacity {capacity} hired {hired}"
            );
        }
        let over =
            |ceiling, hired, requested| Err(DomainError::CeilingExceeded { ceiling, hired, requested });
        let cases = [
            (places(1, 1), Some(10), 10, Ok(())),
            (places(3, 0), Some(10), 8, over(10, 8, 3)),
            (places(3, 1), Some(10), 8, Ok(())),
            (places(0, 0), Some(5), 9, Ok(())),
            (places(50, 0), None, 1_000, Ok(())),
        ];
        for (batch, ceiling, hired, answer) in cases {
            assert_eq!(
                batch.check_ceiling(ceiling, hired),
                answer,
                "{batch:?} ceiling {ceiling:?} hired {hired}"
            );
        }
    }

    #[test]
    fn a_batch_is_tallied_per_program_and_per_cell_in_the_keys_order() {
        let tallied = tally([
            ("b", Places { takes: 1, frees: 0 }),
            ("a", Places { takes: 0, frees: 1 }),
            ("b", Places { takes: 1, frees: 1 }),
        ]);
        let expected = [("a", Places { takes: 0, frees: 1 }), ("b", Places { takes: 2, frees: 1 })];
        assert_eq!(tallied.into_iter().collect::<Vec<_>>(), expected);
        assert!(!Places { takes: 0, frees: 3 }.takes_any());
        assert!(Places { takes: 1, frees: 0 }.takes_any());
    }

    fn counts(
        capacity: u32,
        program_hired: u32,
        ceiling: Option<u32>,
        ceiling_hired: u32,
    ) -> AcceptanceCounts {
        AcceptanceCounts { capacity, program_hired, ceiling, ceiling_hired }
    }

    #[test]
    fn a_program_never_hires_beyond_its_capacity() {
        let cases = [
            (counts(10, 0, None, 0), Ok(())),
            (counts(10, 9, None, 9), Ok(())),
            (
                counts(10, 10, None, 10),
                Err(DomainError::CapacityExceeded { capacity: 10, hired: 10, requested: 1 }),
            ),
            (
                counts(0, 0, None, 0),
                Err(DomainError::CapacityExceeded { capacity: 0, hired: 0, requested: 1 }),
            ),
        ];
        for (counts, expected) in cases {
            assert_eq!(check_acceptance(&counts), expected, "{counts:?}");
        }
    }

    #[test]
    fn a_prefecture_never_hires_beyond_its_ceiling() {
        let cases = [
            (counts(10, 3, Some(50), 49), Ok(())),
            (
                counts(10, 3, Some(50), 50),
                Err(DomainError::CeilingExceeded { ceiling: 50, hired: 50, requested: 1 }),
            ),
            (
                counts(10, 0, Some(0), 0),
                Err(DomainError::CeilingExceeded { ceiling: 0, hired: 0, requested: 1 }),
            ),
            // No ceiling: only capacity counts.
            (counts(10, 3, None, 500), Ok(())),
            // Both passed: capacity is reported first.
            (
                counts(10, 10, Some(50), 50),
                Err(DomainError::CapacityExceeded { capacity: 10, hired: 10, requested: 1 }),
            ),
        ];
        for (counts, expected) in cases {
            assert_eq!(check_acceptance(&counts), expected, "{counts:?}");
        }
    }

    /// Seed 001: A県 has 220 applicants; capacity is not reached but the ceiling of 210 is, so
    /// 10 cannot be hired.
    #[test]
    fn seed_example_220_applicants_under_a_ceiling_of_210_leave_10_unhired() {
        let ceiling = 210;
        let total_capacity = 250;
        let (mut hired, mut refused) = (0u32, Vec::new());
        for applicant in 1..=220u32 {
            let counts = counts(total_capacity, hired, Some(ceiling), hired);
            match check_acceptance(&counts) {
                Ok(()) => hired += 1,
                Err(error) => refused.push((applicant, error)),
            }
        }
        assert_eq!(hired, 210);
        assert_eq!(refused.len(), 10);
        assert_eq!(
            refused[0],
            (211, DomainError::CeilingExceeded { ceiling: 210, hired: 210, requested: 1 })
        );
    }

    #[test]
    fn ceilings_apply_in_ceiling_prefectures_to_non_exempt_specialties() {
        let prefecture = |code| Prefecture::parse(code).expect("valid code");
        let cases = [
            ("13", Specialty::InternalMedicine, true),
            ("14", Specialty::Pediatrics, true),
            ("23", Specialty::Psychiatry, true),
            ("27", Specialty::GeneralMedicine, true),
            ("40", Specialty::Anesthesiology, true),
            ("13", Specialty::Surgery, false),
            ("13", Specialty::ObstetricsGynecology, false),
            ("27", Specialty::Pathology, false),
            ("40", Specialty::LaboratoryMedicine, false),
            ("01", Specialty::InternalMedicine, false),
            ("11", Specialty::InternalMedicine, false),
        ];
        for (code, specialty, applies) in cases {
            assert_eq!(ceiling_applies(prefecture(code), specialty), applies, "{code} {specialty}");
        }
    }

    #[test]
    fn suggested_ceiling_is_the_mean_rounded_half_up() {
        let cases: [(&[u32], u32); 7] = [
            (&[200, 210, 220, 205, 215], 210),
            (&[10, 11], 11),       // 10.5 → 11
            (&[10, 10, 11], 10),   // 10.33 → 10
            (&[10, 11, 11], 11),   // 10.67 → 11
            (&[0, 0, 0, 0, 1], 0), // 0.2 → 0
            (&[7], 7),
            (&[], 0),
        ];
        for (hires, suggested) in cases {
            assert_eq!(suggested_ceiling(hires), suggested, "{hires:?}");
        }
        assert_eq!(suggested_ceiling(&[u32::MAX; 5]), u32::MAX);
    }

    #[test]
    fn a_bulk_request_is_checked_whole() {
        let cases = [
            (counts(10, 7, None, 7), 3, Ok(())),
            (
                counts(10, 7, None, 7),
                4,
                Err(DomainError::CapacityExceeded { capacity: 10, hired: 7, requested: 4 }),
            ),
            (counts(10, 0, Some(5), 3), 2, Ok(())),
            (
                counts(10, 0, Some(5), 3),
                3,
                Err(DomainError::CeilingExceeded { ceiling: 5, hired: 3, requested: 3 }),
            ),
            (counts(u32::MAX, u32::MAX - 1, None, 0), 1, Ok(())),
            (
                counts(u32::MAX, u32::MAX, None, 0),
                u32::MAX,
                Err(DomainError::CapacityExceeded {
                    capacity: u32::MAX,
                    hired: u32::MAX,
                    requested: u32::MAX,
                }),
            ),
        ];
        for (counts, requested, expected) in cases {
            assert_eq!(check_acceptances(&counts, requested), expected, "{counts:?} + {requested}");
        }
    }

    #[test]
    fn room_is_what_is_left_under_the_nearer_limit() {
        // (counts, remaining_capacity, remaining_ceiling, remaining)
        let cases = [
            (counts(10, 3, None, 40), 7, None, 7),
            (counts(10, 3, Some(50), 45), 7, Some(5), 5),
            (counts(10, 3, Some(50), 44), 7, Some(6), 6),
            (counts(10, 4, Some(50), 44), 6, Some(6), 6),
            (counts(10, 10, Some(50), 0), 0, Some(50), 0),
            // A ceiling lowered below the hires already made leaves nothing, never wraps.
            (counts(10, 3, Some(20), 25), 7, Some(0), 0),
            (counts(2, 5, None, 5), 0, None, 0),
        ];
        for (counts, capacity_left, ceiling_left, left) in cases {
            let room = room(&counts);
            assert_eq!(
                (room.remaining_capacity, room.remaining_ceiling, room.remaining),
                (capacity_left, ceiling_left, left),
                "{counts:?}"
            );
            assert_eq!(
                (room.capacity, room.hired, room.ceiling, room.ceiling_hired),
                (counts.capacity, counts.program_hired, counts.ceiling, counts.ceiling_hired)
            );
        }
    }

    #[test]
    fn the_board_sets_ceilings_from_0_to_10000_and_never_below_the_hires() {
        for (ceiling, ok) in [(0, true), (1, true), (10_000, true), (10_001, false), (u32::MAX, false)] {
            let expected =
                if ok { Ok(ceiling) } else { Err(DomainError::invalid("ceiling", "invalid-ceiling")) };
            assert_eq!(parse_ceiling(ceiling), expected, "{ceiling}");
        }
        let cases = [
            (10, 9, Ok(())),
            (10, 10, Ok(())),
            (10, 11, Err(DomainError::CeilingBelowHires { ceiling: 10, hired: 11 })),
            (0, 0, Ok(())),
            (0, 1, Err(DomainError::CeilingBelowHires { ceiling: 0, hired: 1 })),
        ];
        for (ceiling, hired, expected) in cases {
            assert_eq!(check_ceiling_setting(ceiling, hired), expected, "{ceiling} {hired}");
        }
        let capacities = [
            (5, 5, Ok(())),
            (5, 4, Ok(())),
            (4, 5, Err(DomainError::CapacityBelowHires { capacity: 4, hired: 5 })),
        ];
        for (capacity, hired, expected) in capacities {
            assert_eq!(check_capacity_setting(capacity, hired), expected, "{capacity} {hired}");
        }
    }

    #[test]
    fn what_if_counts_the_hires_beyond_a_proposed_ceiling() {
        for (ceiling, hired, excess) in [(210, 220, 10), (210, 210, 0), (210, 200, 0), (0, 3, 3), (5, 0, 0)] {
            assert_eq!(excess_over(ceiling, hired), excess, "{ceiling} {hired}");
        }
    }

    #[test]
    fn ceilings_are_set_in_75_cells_and_suggested_from_the_five_years_before() {
        let cells: Vec<(Prefecture, Specialty)> = ceiling_cells().collect();
        assert_eq!(cells.len(), 5 * 15);
        assert!(cells.iter().all(|(p, s)| ceiling_applies(*p, *s)));
        assert_eq!(
            suggestion_years(2026, [2019, 2020, 2021, 2023, 2025, 2025, 2026, 2027]),
            [2021, 2023, 2025]
        );
        assert_eq!(suggestion_years(2026, [2020]), Vec::<i32>::new());
        assert_eq!(suggestion_years(2026, [2021, 2022, 2023, 2024, 2025]).len(), 5);
    }
}
