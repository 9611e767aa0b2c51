//! Owns the rules about a training program (専門研修プログラム) itself: which rounds it recruits
//! in, and when its applicant count is shown as over capacity.

use crate::round::RoundKind;

/// Whether a program recruits in a round. A program of year Y recruits in the regular rounds of
/// year Y; a researcher-course program (臨床研究医コース) only in Y's researcher-course round.
pub fn recruits_in(
    program_year: i32,
    researcher_course: bool,
    round_year: i32,
    round_kind: RoundKind,
) -> bool {
    let course_matches =
        if researcher_course { round_kind == RoundKind::ResearcherCourse } else { round_kind.is_regular() };
    program_year == round_year && course_matches
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
    fn over_capacity_only_when_applicants_exceed_it() {
        let cases = [(0, 0, false), (9, 10, false), (10, 10, false), (11, 10, true), (1, 0, true)];
        for (applicants, capacity, over) in cases {
            assert_eq!(is_over_capacity(applicants, capacity), over);
        }
    }
}
