//! Owns the rules about a training program (専門研修プログラム) itself: which rounds it recruits
//! in, when its applicant count is shown as over capacity, and what a program's or facility's
//! name may be.
//!
//! The rules in words: `docs/rules.md`, "Programs and the search".

use crate::DomainError;
use crate::round::RoundKind;

/// Whether a program recruits in a round. A program of year Y recruits in the regular rounds of
/// year Y; a researcher-course program (臨床研究医コース) only in Y's researcher-course round.
pub fn recruits_in(
    program_year: i32,
    researcher_course: bool,
    round_year: i32,
    round_kind: RoundKind,
) -> bool {
    (program_year, researcher_course) == recruiting_in(round_year, round_kind)
}

/// The programs that recruit in a round, as the (year, researcher course) they all share: the
/// form of [`recruits_in`] a database query filters by.
pub fn recruiting_in(round_year: i32, round_kind: RoundKind) -> (i32, bool) {
    (round_year, !round_kind.is_regular())
}

/// More applicants than places: the detail page shows the count in red. Applying is still
/// allowed (manual 3.2: 赤字表示にはなりますが応募可能です).
pub fn is_over_capacity(applicants: u32, capacity: u32) -> bool {
    applicants > capacity
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundKind::*;

    #[test]
    fn a_program_recruits_in_the_regular_rounds_of_its_year() {
        let cases = [
            // (program year, researcher course, round year, round kind, recruits)
            (2024, false, 2024, First, true),
            (2024, false, 2024, Second, true),
            (2024, false, 2024, Final, true),
            (2024, false, 2024, ResearcherCourse, false),
            (2024, false, 2025, First, false),
            (2025, false, 2024, First, false),
        ];
        for (program_year, course, round_year, kind, recruits) in cases {
            assert_eq!(
                recruits_in(program_year, course, round_year, kind),
                recruits,
                "{program_year} {course} {round_year} {kind}"
            );
        }
    }

    #[test]
    fn a_researcher_course_program_recruits_only_in_the_researcher_course_round() {
        let cases = [
            (2024, true, 2024, ResearcherCourse, true),
            (2024, true, 2024, First, false),
            (2024, true, 2024, Second, false),
            (2024, true, 2024, Final, false),
            (2024, true, 2025, ResearcherCourse, false),
        ];
        for (program_year, course, round_year, kind, recruits) in cases {
            assert_eq!(recruits_in(program_year, course, round_year, kind), recruits);
        }
    }

    #[test]
    fn the_programs_of_a_round_are_its_year_and_course() {
        assert_eq!(recruiting_in(2024, First), (2024, false));
        assert_eq!(recruiting_in(2024, Final), (2024, false));
        assert_eq!(recruiting_in(2025, ResearcherCourse), (2025, true));
    }

    #[test]
    fn over_capacity_only_when_applicants_exceed_it() {
        let cases = [(0, 0, false), (9, 10, false), (10, 10, false), (11, 10, true), (1, 0, true)];
        for (applicants, capacity, over) in cases {
            assert_eq!(is_over_capacity(applicants, capacity), over);
        }
    }
}

/// The recruitment years the system keeps (a program's or a round's year).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A program's capacity (定員): 1 to 1000 places.
pub const CAPACITIES: std::ops::RangeInclusive<u32> = 1..=1000;

/// A recruitment year (年度) of a program or a round: 2000 to 2100. Code: `invalid-year`.
pub fn parse_year(year: i32) -> Result<i32, DomainError> {
    if YEARS.contains(&year) { Ok(year) } else { Err(DomainError::invalid("year", "invalid-year")) }
}

/// A program's capacity: 1 to 1000. Code: `invalid-capacity`.
pub fn parse_capacity(capacity: u32) -> Result<u32, DomainError> {
    if CAPACITIES.contains(&capacity) {
        Ok(capacity)
    } else {
        Err(DomainError::invalid("capacity", "invalid-capacity"))
    }
}

/// A number as typed in a form (digits, full-width too, spaces around), or `refused`.
fn typed_number<T: std::str::FromStr>(typed: &str, refused: DomainError) -> Result<T, DomainError> {
    crate::registration::to_ascii_digits(typed).trim().parse::<T>().map_err(|_| refused)
}

/// A year as typed in a form: [`parse_year`] of it, and a text that is no number is
/// `invalid-year` alike, so a form and the server say the same.
pub fn parse_year_text(typed: &str) -> Result<i32, DomainError> {
    typed_number(typed, DomainError::invalid("year", "invalid-year")).and_then(parse_year)
}

/// A capacity as typed in a form: [`parse_capacity`] of it; a text that is no number is
/// `invalid-capacity`.
pub fn parse_capacity_text(typed: &str) -> Result<u32, DomainError> {
    typed_number(typed, DomainError::invalid("capacity", "invalid-capacity")).and_then(parse_capacity)
}

/// A program's base facility as chosen (its id): `required` until one is.
pub fn parse_base_facility(id: &str) -> Result<String, DomainError> {
    match id.trim() {
        "" => Err(DomainError::invalid("base_facility_id", "required")),
        id => Ok(id.to_owned()),
    }
}

/// The longest name of a program or facility, in characters.
pub const CATALOGUE_NAME_MAX_CHARS: usize = 200;

/// A program's or facility's name: trimmed, 1 to 200 characters, no control characters (a
/// newline or tab in a name breaks lists, exports and mail). Code: `invalid-name`.
pub fn parse_catalogue_name(s: &str) -> Result<String, DomainError> {
    let name = s.trim();
    let fits = (1..=CATALOGUE_NAME_MAX_CHARS).contains(&name.chars().count());
    if fits && !name.chars().any(char::is_control) {
        Ok(name.to_owned())
    } else {
        Err(DomainError::Invalid { field: "name", code: "invalid-name" })
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn catalogue_names_are_trimmed_bounded_and_free_of_control_characters() {
        let long = "あ".repeat(CATALOGUE_NAME_MAX_CHARS);
        let too_long = "あ".repeat(CATALOGUE_NAME_MAX_CHARS + 1);
        for (typed, expected) in [
            (" 東京病院 ", Some("東京病院")),
            ("A", Some("A")),
            (long.as_str(), Some(long.as_str())),
            (too_long.as_str(), None),
            ("", None),
            ("   ", None),
            ("東京\n病院", None),
            ("東京\u{7f}病院", None),
            ("東京\u{85}病院", None),
        ] {
            assert_eq!(parse_catalogue_name(typed).ok().as_deref(), expected, "{typed:?}");
        }
        assert_eq!(parse_catalogue_name("").unwrap_err().code(), "invalid-name");
    }

    #[test]
    fn years_run_from_2000_to_2100_and_capacities_from_1_to_1000() {
        for (year, ok) in [(1999, false), (2000, true), (2024, true), (2100, true), (2101, false)] {
            assert_eq!(parse_year(year).is_ok(), ok, "{year}");
        }
        for (capacity, ok) in [(0, false), (1, true), (1000, true), (1001, false)] {
            assert_eq!(parse_capacity(capacity).is_ok(), ok, "{capacity}");
        }
        assert_eq!(parse_year(1999).unwrap_err().code(), "invalid-year");
        assert_eq!(parse_capacity(0).unwrap_err().field(), Some("capacity"));
    }

    #[test]
    fn a_form_types_years_and_capacities_as_text_and_hears_the_same_codes() {
        for (typed, year) in
            [("2027", Some(2027)), (" ２０２７ ", Some(2027)), ("1999", None), ("二千", None), ("", None)]
        {
            assert_eq!(parse_year_text(typed).ok(), year, "{typed:?}");
        }
        for (typed, capacity) in [
            ("12", Some(12)),
            ("１２", Some(12)),
            (" 1000 ", Some(1000)),
            ("0", None),
            ("-1", None),
            ("1001", None),
            ("x", None),
        ] {
            assert_eq!(parse_capacity_text(typed).ok(), capacity, "{typed:?}");
        }
        assert_eq!(parse_year_text("x"), Err(DomainError::invalid("year", "invalid-year")));
        assert_eq!(parse_year_text("1999"), Err(DomainError::invalid("year", "invalid-year")));
        assert_eq!(parse_capacity_text("x"), Err(DomainError::invalid("capacity", "invalid-capacity")));
        assert_eq!(parse_capacity_text("0"), Err(DomainError::invalid("capacity", "invalid-capacity")));
        assert_eq!(parse_base_facility(" f-1 "), Ok("f-1".to_string()));
        assert_eq!(parse_base_facility("  "), Err(DomainError::invalid("base_facility_id", "required")));
    }
}
