//! The device's "now", and the master schedule's rounds as the domain's schedules, so that the
//! SPA asks the domain (`RoundSchedule::phase_at`) where a round stands instead of comparing dates.
//! Whether a period is open is judged by the server's clock (`api::server_now`), never the
//! device's, which may be wrong.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use senkoi_domain::round::{RoundPhase, RoundSchedule};
use senkoi_domain::time::{JST, Window, to_jst};
use senkoi_domain::wire::RoundView;

/// Now, by the device's clock (`Date.now()`): good enough for today's date in a form, not for
/// whether a period is open.
pub fn device_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The server's clock as the device can follow it: the server's "now" once, and from then on the
/// device's clock moved by the difference, so a page left open knows when a period starts
/// without asking the server again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServerClock {
    ahead_of_device: chrono::Duration,
}

impl ServerClock {
    /// The clock that read `server_now` when the device read `device_now`.
    pub fn from_reading(server_now: DateTime<Utc>, device_now: DateTime<Utc>) -> ServerClock {
        ServerClock { ahead_of_device: server_now - device_now }
    }

    /// The server's now when the device reads `device_now`.
    pub fn at(self, device_now: DateTime<Utc>) -> DateTime<Utc> {
        device_now + self.ahead_of_device
    }

    /// The server's now, by the device's clock.
    pub fn now(self) -> DateTime<Utc> {
        self.at(device_now())
    }
}

/// The round's schedule; `None` for one whose periods are out of order (the server never
/// answers such a round).
pub fn schedule_of(round: &RoundView) -> Option<RoundSchedule> {
    let window = |start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>| match (start, end) {
        (Some(start), Some(end)) => Window::new(start, end).ok(),
        _ => None,
    };
    RoundSchedule::new(
        round.year,
        round.kind,
        Window::new(round.application_starts_at, round.application_ends_at).ok()?,
        window(round.adjustment_starts_at, round.adjustment_ends_at),
        window(round.confirmation_starts_at, round.confirmation_ends_at),
        round.results_at,
    )
    .ok()
}

/// Is the round inside its application period (応募期間) at `now`?
pub fn accepts_applications(round: &RoundView, now: DateTime<Utc>) -> bool {
    schedule_of(round).is_some_and(|schedule| schedule.phase_at(now) == RoundPhase::Application)
}

/// An instant as a `<input type="datetime-local">` shows it, in Japan time: `2023-11-14T12:00`.
pub fn to_jst_input(instant: DateTime<Utc>) -> String {
    to_jst(instant).format("%Y-%m-%dT%H:%M").to_string()
}

/// The instant a `datetime-local` value means, read as Japan time (the board works in JST,
/// whatever the device's zone); `None` for an empty or malformed value.
pub fn from_jst_input(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    JST.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
}

/// The start of a date input's day (`2024-01-31`) in Japan, `days_after` days later: a period
/// "from" one day "until" another takes the start of the first and of the day after the last.
pub fn jst_day_start(value: &str, days_after: i64) -> Option<DateTime<Utc>> {
    let day = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    let day = day.checked_add_signed(chrono::Duration::days(days_after))?;
    JST.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).single().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use senkoi_domain::time::noon_jst;

    #[test]
    fn a_datetime_input_reads_and_shows_japan_time() {
        let noon = noon_jst(2023, 11, 14);
        assert_eq!(to_jst_input(noon), "2023-11-14T12:00");
        assert_eq!(from_jst_input("2023-11-14T12:00"), Some(noon));
        assert_eq!(from_jst_input("2023-11-14T12:00:00"), Some(noon));
        for bad in ["", "2023-11-14", "2023-13-01T12:00", "noon"] {
            assert_eq!(from_jst_input(bad), None, "{bad}");
        }
    }
    use senkoi_domain::round::demo_schedule_2024;

    fn view(schedule: &RoundSchedule) -> RoundView {
        RoundView {
            id: "r".into(),
            year: schedule.year,
            kind: schedule.kind,
            application_starts_at: schedule.application.start,
            application_ends_at: schedule.application.end,
            adjustment_starts_at: schedule.adjustment.map(|w| w.start),
            adjustment_ends_at: schedule.adjustment.map(|w| w.end),
            confirmation_starts_at: schedule.confirmation.map(|w| w.start),
            confirmation_ends_at: schedule.confirmation.map(|w| w.end),
            results_at: schedule.results_at,
        }
    }

    #[test]
    fn a_round_accepts_applications_only_inside_its_application_period() {
        for schedule in demo_schedule_2024() {
            let round = view(&schedule);
            assert_eq!(schedule_of(&round).as_ref(), Some(&schedule));
            let (start, end) = (schedule.application.start, schedule.application.end);
            assert!(!accepts_applications(&round, start - Duration::seconds(1)), "{:?}", schedule.kind);
            assert!(accepts_applications(&round, start), "{:?}", schedule.kind);
            assert!(accepts_applications(&round, end - Duration::seconds(1)), "{:?}", schedule.kind);
            assert!(!accepts_applications(&round, end), "{:?}", schedule.kind);
        }
    }

    #[test]
    fn a_day_starts_at_midnight_in_japan() {
        assert_eq!(jst_day_start("2024-01-31", 0), Some(noon_jst(2024, 1, 31) - Duration::hours(12)));
        assert_eq!(jst_day_start("2024-01-31", 1), Some(noon_jst(2024, 2, 1) - Duration::hours(12)));
        assert_eq!(jst_day_start("", 0), None);
        assert_eq!(jst_day_start("2024-02-30", 0), None);
    }

    #[test]
    fn the_server_clock_runs_on_the_device_clock_from_its_reading() {
        let server = noon_jst(2027, 1, 10);
        let device = server - Duration::days(400);
        let clock = ServerClock::from_reading(server, device);
        assert_eq!(clock.at(device), server);
        assert_eq!(clock.at(device + Duration::hours(3)), server + Duration::hours(3));
    }
}
