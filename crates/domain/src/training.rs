//! Owns the rules of training records (研修実績): who enters a resident's periods (the resident,
//! or the society's system for the data-linkage specialties), what a period may be (inside the
//! program's years, at one of its facilities, overlapping no other), and how a director approves
//! or returns it.
//!
//! The rules in words: `docs/rules.md`, "Training records and completion".

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DomainError, Specialty};

/// How many years a program's training lasts (研修年限): 1 to 6.
pub const TRAINING_YEARS: RangeInclusive<u32> = 1..=6;

/// The training years most programs have, where a program does not say.
pub const DEFAULT_TRAINING_YEARS: u32 = 3;

/// A program's training years. Code: `invalid-training-years`.
pub fn parse_training_years(years: u32) -> Result<u32, DomainError> {
    if TRAINING_YEARS.contains(&years) {
        Ok(years)
    } else {
        Err(DomainError::invalid("training_years", "invalid-training-years"))
    }
}

/// Who enters a resident's training records.
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
pub enum RecordKeeper {
    /// The resident enters each period; the director approves it.
    Resident,
    /// データ連携: the society's system sends the periods its director approved there; the
    /// resident enters nothing and the board's director approves nothing.
    Society,
}

impl RecordKeeper {
    /// Who keeps the records of a resident of `specialty` who started training in `cohort_year`.
    pub fn of(specialty: Specialty, cohort_year: i32) -> RecordKeeper {
        if specialty.records_linked(cohort_year) { RecordKeeper::Society } else { RecordKeeper::Resident }
    }

    /// Refuses an entry by `by` when the other keeps the records.
    pub fn admits(self, by: RecordKeeper) -> Result<(), DomainError> {
        match (self, by) {
            (RecordKeeper::Society, RecordKeeper::Resident) => Err(DomainError::RecordsKeptBySociety),
            (RecordKeeper::Resident, RecordKeeper::Society) => Err(DomainError::RecordsKeptByResident),
            _ => Ok(()),
        }
    }

    /// The state a new or changed period starts in: the society sends what its director approved.
    pub fn first_status(self) -> RecordStatus {
        match self {
            RecordKeeper::Resident => RecordStatus::Submitted,
            RecordKeeper::Society => RecordStatus::Approved,
        }
    }
}

/// The days of a program's training: from April 1 of its year (a recruitment year is the year
/// training starts) for its training years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramYears {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl ProgramYears {
    pub fn of(program_year: i32, training_years: u32) -> Option<ProgramYears> {
        let end_year = program_year.checked_add(i32::try_from(training_years).ok()?)?;
        let first_day = NaiveDate::from_ymd_opt(program_year, 4, 1)?;
        let last_day = NaiveDate::from_ymd_opt(end_year, 3, 31)?;
        Some(ProgramYears { first_day, last_day })
    }

    pub fn contains(&self, period: &TrainingPeriod) -> bool {
        self.first_day <= period.from && period.to <= self.last_day
    }
}

/// One period at one facility: `from` and `to` are its first and last days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingPeriod {
    pub facility_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl TrainingPeriod {
    /// Reads a period as typed. Codes: `invalid-date` (`from`, `to`), `period-ends-before-start`.
    pub fn parse(facility_id: &str, from: &str, to: &str) -> Result<TrainingPeriod, Vec<DomainError>> {
        let from = crate::resident::parse_date("from", from);
        let to = crate::resident::parse_date("to", to);
        match (from, to) {
            (Ok(from), Ok(to)) if to < from => {
                Err(vec![DomainError::invalid("to", "period-ends-before-start")])
            }
            (Ok(from), Ok(to)) => Ok(TrainingPeriod { facility_id: facility_id.to_owned(), from, to }),
            (from, to) => Err([from.err(), to.err()].into_iter().flatten().collect()),
        }
    }

    /// Whether the two periods share a day.
    pub fn overlaps(&self, other: &TrainingPeriod) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// A period the resident's record may hold: inside the program's years, at its base or one
    /// of its affiliated facilities, over by `today` (Japan's date: only training done is
    /// recorded), and sharing no day with the resident's `others`.
    pub fn check(
        &self,
        years: &ProgramYears,
        program_facilities: &[&str],
        others: &[TrainingPeriod],
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        if !program_facilities.contains(&self.facility_id.as_str()) {
            return Err(DomainError::FacilityNotInProgram);
        }
        if !years.contains(self) {
            return Err(DomainError::PeriodOutsideProgram {
                first_day: years.first_day,
                last_day: years.last_day,
            });
        }
        if self.to > today {
            return Err(DomainError::PeriodInFuture { today });
        }
        if others.iter().any(|other| self.overlaps(other)) {
            return Err(DomainError::PeriodOverlaps);
        }
        Ok(())
    }
}

/// Where a record stands.
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
pub enum RecordStatus {
    /// 承認待ち: waits for the director.
    Submitted,
    /// 承認済み: final.
    Approved,
    /// 差戻し: the director returned it with a reason; the resident corrects it or deletes it.
    Returned,
}

impl RecordStatus {
    pub fn name_ja(self) -> &'static str {
        match self {
            RecordStatus::Submitted => "承認待ち",
            RecordStatus::Approved => "承認済み",
            RecordStatus::Returned => "差戻し",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            RecordStatus::Submitted => "Awaiting approval",
            RecordStatus::Approved => "Approved",
            RecordStatus::Returned => "Returned",
        }
    }

    /// The director's approval: only of a period that waits for it.
    pub fn approve(self) -> Result<RecordStatus, DomainError> {
        match self {
            RecordStatus::Submitted => Ok(RecordStatus::Approved),
            _ => Err(DomainError::RecordNotAwaitingApproval),
        }
    }

    /// The director's return (差戻し), with a reason: only of a period that waits for approval.
    pub fn send_back(self) -> Result<RecordStatus, DomainError> {
        match self {
            RecordStatus::Submitted => Ok(RecordStatus::Returned),
            _ => Err(DomainError::RecordNotAwaitingApproval),
        }
    }

    /// Whether its keeper may still change or delete it: an approved period by the resident
    /// never; the society corrects what it sent.
    pub fn changeable_by(self, keeper: RecordKeeper) -> Result<(), DomainError> {
        match (self, keeper) {
            (RecordStatus::Approved, RecordKeeper::Resident) => Err(DomainError::RecordApproved),
            _ => Ok(()),
        }
    }
}

/// The longest reason for returning something, in characters.
pub const REASON_MAX_CHARS: usize = 1000;

/// Why a director, a society or the board returned something (差戻し理由): trimmed, 1 to 1000
/// characters, line breaks allowed. Codes: `required`, `too-long`, `invalid-characters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(text: &str) -> Result<Reason, DomainError> {
        crate::text::written("reason", text, REASON_MAX_CHARS, &['\n']).map(Reason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Specialty::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn period(facility: &str, from: (i32, u32, u32), to: (i32, u32, u32)) -> TrainingPeriod {
        TrainingPeriod {
            facility_id: facility.into(),
            from: date(from.0, from.1, from.2),
            to: date(to.0, to.1, to.2),
        }
    }

    #[test]
    fn the_society_keeps_the_records_of_the_data_linkage_specialties_except_the_excluded_cohorts() {
        let cases = [
            (InternalMedicine, 2024, RecordKeeper::Society),
            (InternalMedicine, 2018, RecordKeeper::Resident),
            (Radiology, 2018, RecordKeeper::Resident),
            (Radiology, 2019, RecordKeeper::Resident),
            (Radiology, 2020, RecordKeeper::Society),
            (Surgery, 2018, RecordKeeper::Society),
            (Pediatrics, 2024, RecordKeeper::Resident),
            (GeneralMedicine, 2024, RecordKeeper::Resident),
        ];
        for (specialty, cohort, keeper) in cases {
            assert_eq!(RecordKeeper::of(specialty, cohort), keeper, "{specialty} {cohort}");
        }
    }

    #[test]
    fn only_the_keeper_enters_records() {
        use RecordKeeper::*;
        assert_eq!(Society.admits(Resident), Err(DomainError::RecordsKeptBySociety));
        assert_eq!(Resident.admits(Society), Err(DomainError::RecordsKeptByResident));
        assert_eq!(Resident.admits(Resident), Ok(()));
        assert_eq!(Society.admits(Society), Ok(()));
        assert_eq!(Resident.first_status(), RecordStatus::Submitted);
        assert_eq!(Society.first_status(), RecordStatus::Approved);
    }

    #[test]
    fn a_programs_years_run_from_april_first_of_its_year() {
        let years = ProgramYears::of(2024, 3).expect("years");
        assert_eq!((years.first_day, years.last_day), (date(2024, 4, 1), date(2027, 3, 31)));
        assert_eq!(ProgramYears::of(2024, 1).map(|y| y.last_day), Some(date(2025, 3, 31)));
        assert_eq!(ProgramYears::of(i32::MAX, 1), None);
    }

    #[test]
    fn a_period_is_read_as_typed_and_ends_on_or_after_its_start() {
        let one_day = TrainingPeriod::parse("f", "2024-04-01", "2024-04-01").expect("one day");
        assert_eq!((one_day.from, one_day.to), (date(2024, 4, 1), date(2024, 4, 1)));
        let codes = |from, to| {
            TrainingPeriod::parse("f", from, to)
                .unwrap_err()
                .iter()
                .map(|e| (e.field().unwrap_or_default(), e.code()))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("2024-04-02", "2024-04-01"), [("to", "period-ends-before-start")]);
        assert_eq!(codes("2024/04/31", "2024-04-01"), [("from", "invalid-date")]);
        let typed = TrainingPeriod::parse("f", "2024/4/1", "20240930").expect("typed on a phone");
        assert_eq!((typed.from, typed.to), (date(2024, 4, 1), date(2024, 9, 30)));
        assert_eq!(codes("x", "y"), [("from", "invalid-date"), ("to", "invalid-date")]);
    }

    #[test]
    fn a_period_lies_inside_the_programs_years_at_its_facilities_and_overlaps_no_other() {
        let years = ProgramYears::of(2024, 3).expect("years");
        let facilities = ["base", "affiliated"];
        let others = [period("base", (2024, 4, 1), (2025, 3, 31))];
        let outside =
            DomainError::PeriodOutsideProgram { first_day: years.first_day, last_day: years.last_day };
        let cases = [
            (period("affiliated", (2025, 4, 1), (2027, 3, 31)), Ok(())),
            (period("base", (2025, 4, 1), (2025, 4, 1)), Ok(())),
            (period("elsewhere", (2025, 4, 1), (2026, 3, 31)), Err(DomainError::FacilityNotInProgram)),
            (period("base", (2024, 3, 31), (2024, 3, 31)), Err(outside.clone())),
            (period("base", (2026, 4, 1), (2027, 4, 1)), Err(outside)),
            (period("affiliated", (2025, 3, 31), (2025, 9, 30)), Err(DomainError::PeriodOverlaps)),
            (period("affiliated", (2024, 4, 1), (2024, 4, 1)), Err(DomainError::PeriodOverlaps)),
        ];
        // Long after the program: nothing is in the future.
        let later = date(2030, 1, 1);
        for (candidate, expected) in cases {
            assert_eq!(candidate.check(&years, &facilities, &others, later), expected, "{candidate:?}");
        }
    }

    #[test]
    fn a_period_is_recorded_once_it_is_over() {
        let years = ProgramYears::of(2026, 3).expect("years");
        let today = date(2026, 12, 7);
        let in_future = Err(DomainError::PeriodInFuture { today });
        for (from, to, expected) in [
            ((2026, 4, 1), (2026, 12, 6), Ok(())),
            ((2026, 4, 1), (2026, 12, 7), Ok(())),
            ((2026, 4, 1), (2026, 12, 8), in_future.clone()),
            ((2027, 1, 1), (2027, 3, 31), in_future),
        ] {
            let candidate = period("base", from, to);
            assert_eq!(candidate.check(&years, &["base"], &[], today), expected, "{candidate:?}");
        }
    }

    #[test]
    fn periods_overlap_when_they_share_a_day() {
        let a = period("f", (2024, 4, 1), (2024, 9, 30));
        for (b, shares) in [
            (period("g", (2024, 9, 30), (2025, 3, 31)), true),
            (period("g", (2024, 10, 1), (2025, 3, 31)), false),
            (period("g", (2024, 1, 1), (2024, 4, 1)), true),
            (period("g", (2024, 1, 1), (2024, 3, 31)), false),
            (period("g", (2024, 5, 1), (2024, 5, 2)), true),
        ] {
            assert_eq!(a.overlaps(&b), shares, "{b:?}");
            assert_eq!(b.overlaps(&a), shares, "{b:?}");
        }
    }

    #[test]
    fn a_director_approves_or_returns_only_a_period_that_waits() {
        use RecordStatus::*;
        assert_eq!(Submitted.approve(), Ok(Approved));
        assert_eq!(Submitted.send_back(), Ok(Returned));
        for status in [Approved, Returned] {
            assert_eq!(status.approve(), Err(DomainError::RecordNotAwaitingApproval));
            assert_eq!(status.send_back(), Err(DomainError::RecordNotAwaitingApproval));
        }
    }

    #[test]
    fn an_approved_period_is_final_for_the_resident_but_not_for_the_society() {
        use RecordStatus::*;
        assert_eq!(Approved.changeable_by(RecordKeeper::Resident), Err(DomainError::RecordApproved));
        assert_eq!(Approved.changeable_by(RecordKeeper::Society), Ok(()));
        for status in [Submitted, Returned] {
            assert_eq!(status.changeable_by(RecordKeeper::Resident), Ok(()));
        }
    }

    #[test]
    fn each_record_status_has_its_name_in_both_languages() {
        use RecordStatus::*;
        let names: Vec<(&str, &str)> =
            [Submitted, Approved, Returned].iter().map(|s| (s.name_ja(), s.name_en())).collect();
        assert_eq!(
            names,
            [("承認待ち", "Awaiting approval"), ("承認済み", "Approved"), ("差戻し", "Returned")]
        );
    }

    #[test]
    fn training_years_run_from_one_to_six() {
        for (years, ok) in [(0, false), (1, true), (3, true), (6, true), (7, false)] {
            assert_eq!(parse_training_years(years).is_ok(), ok, "{years}");
        }
        assert_eq!(parse_training_years(0).unwrap_err().code(), "invalid-training-years");
    }

    #[test]
    fn a_reason_is_trimmed_bounded_and_may_break_lines() {
        let longest = "あ".repeat(REASON_MAX_CHARS);
        let too_long = "あ".repeat(REASON_MAX_CHARS + 1);
        let cases = [
            (" 期間が違います ", Ok("期間が違います")),
            ("1行目\n2行目", Ok("1行目\n2行目")),
            (longest.as_str(), Ok(longest.as_str())),
            (too_long.as_str(), Err("too-long")),
            ("  ", Err("required")),
            ("a\tb", Err("invalid-characters")),
            ("a\u{0}b", Err("invalid-characters")),
        ];
        for (typed, expected) in cases {
            let parsed = Reason::parse(typed);
            assert_eq!(parsed.as_ref().map(Reason::as_str).map_err(DomainError::code), expected, "{typed:?}");
        }
        assert_eq!(Reason::parse("").unwrap_err().field(), Some("reason"));
    }
}
