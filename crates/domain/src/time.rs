//! Owns time: Japan Standard Time, the board's noon deadlines, and half-open windows `[start, end)`.
//!
//! Instants are stored as UTC and shown in JST (UTC+9, no daylight saving). The domain has no
//! clock: every rule is given "now".
//!
//! The rules in words: `docs/rules.md`, "Time".

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use crate::DomainError;
use crate::round::ScheduleProblem;

/// Japan Standard Time (日本標準時), UTC+9 all year.
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

/// Noon (正午) Japan time on the given date: every deadline of the board is at noon.
///
/// # Panics
/// On a date that does not exist (month 13, 30 February…). It is meant for literal dates in
/// demo data and tests; use [`try_noon_jst`] for dates that come from input.
pub fn noon_jst(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    match try_noon_jst(year, month, day) {
        Some(instant) => instant,
        None => panic!("{year}-{month:02}-{day:02} is not a date"),
    }
}

/// Noon Japan time on the given date, or `None` when the date does not exist.
pub fn try_noon_jst(year: i32, month: u32, day: u32) -> Option<DateTime<Utc>> {
    let noon = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(12, 0, 0)?;
    JST.from_local_datetime(&noon).single().map(|t| t.with_timezone(&Utc))
}

/// The instant as a Japan-time clock shows it.
pub fn to_jst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&JST)
}

/// A period `[start, end)`: it includes its start and excludes its end, so a period ending at noon
/// is closed at 12:00:00 exactly. Build it with [`Window::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    /// A window that starts strictly before it ends.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Window, DomainError> {
        if start < end {
            Ok(Window { start, end })
        } else {
            Err(DomainError::InvalidSchedule(ScheduleProblem::WindowEndsBeforeStart))
        }
    }

    /// Whether `t` is inside `[start, end)`.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn noon_jst_is_three_in_the_morning_utc() {
        let noon = noon_jst(2023, 11, 14);
        assert_eq!(noon.to_rfc3339(), "2023-11-14T03:00:00+00:00");
        assert_eq!(to_jst(noon).to_rfc3339(), "2023-11-14T12:00:00+09:00");
    }

    #[test]
    fn impossible_dates_have_no_noon() {
        for (year, month, day) in [(2023, 2, 29), (2024, 13, 1), (2024, 4, 31), (2024, 0, 1)] {
            assert_eq!(try_noon_jst(year, month, day), None, "{year}-{month}-{day}");
        }
        assert!(try_noon_jst(2024, 2, 29).is_some());
    }

    #[test]
    #[should_panic(expected = "2023-02-29 is not a date")]
    fn noon_jst_panics_on_an_impossible_literal() {
        noon_jst(2023, 2, 29);
    }

    #[test]
    fn window_includes_its_start_and_excludes_its_end() {
        let window = Window::new(noon_jst(2023, 11, 1), noon_jst(2023, 11, 14)).expect("ordered");
        let second = Duration::seconds(1);
        let cases = [
            (window.start - second, false),
            (window.start, true),
            (noon_jst(2023, 11, 7), true),
            (window.end - second, true),
            (window.end, false),
        ];
        for (t, inside) in cases {
            assert_eq!(window.contains(t), inside, "{t}");
        }
    }

    #[test]
    fn window_must_start_before_it_ends() {
        let a = noon_jst(2023, 11, 1);
        let b = noon_jst(2023, 11, 14);
        assert!(Window::new(a, b).is_ok());
        for (start, end) in [(b, a), (a, a)] {
            assert_eq!(
                Window::new(start, end),
                Err(DomainError::InvalidSchedule(ScheduleProblem::WindowEndsBeforeStart))
            );
        }
    }
}
