//! iCalendar (RFC 5545) text: events with instants in Japan time (`TZID=Asia/Tokyo`, with its
//! VTIMEZONE), escaped text, and lines folded at 75 octets with CRLF. A leaf module.

use chrono::{DateTime, Utc};
use senkoi_domain::time::to_jst;

/// One event: a period `[start, end)`, or a moment when `end` is `None`.
pub struct Event {
    pub uid: String,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub summary: String,
}

/// Japan has kept UTC+9 without daylight saving since 1951.
const JAPAN: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Tokyo",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "TZNAME:JST",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The calendar `name` with `events`.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Senkoi//Master schedule//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Asia/Tokyo".into(),
    ];
    lines.extend(JAPAN.iter().map(|l| l.to_string()));
    for event in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&event.uid)));
        lines.push(format!("DTSTAMP:{}", event.stamp.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("DTSTART;TZID=Asia/Tokyo:{}", japan_time(event.start)));
        if let Some(end) = event.end {
            lines.push(format!("DTEND;TZID=Asia/Tokyo:{}", japan_time(end)));
        }
        lines.push(format!("SUMMARY:{}", escape(&event.summary)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect()
}

fn japan_time(at: DateTime<Utc>) -> String {
    to_jst(at).format("%Y%m%dT%H%M%S").to_string()
}

/// TEXT values escape backslash, semicolon, comma and newline.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// One content line, folded so that no physical line passes 75 octets (never inside a UTF-8
/// character), each ending with CRLF.
fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut folded = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LIMIT {
            folded.push_str("\r\n ");
            width = 1;
        }
        folded.push(c);
        width += c.len_utf8();
    }
    folded.push_str("\r\n");
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use senkoi_domain::time::noon_jst;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "専".repeat(40));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn instants_are_written_in_japan_time_and_a_moment_has_no_end() {
        let events = [
            Event {
                uid: "r1-applications@senkoi".into(),
                stamp: noon_jst(2023, 10, 1),
                start: noon_jst(2023, 11, 1),
                end: Some(noon_jst(2023, 11, 14)),
                summary: "1次募集 応募期間".into(),
            },
            Event {
                uid: "r1-results@senkoi".into(),
                stamp: noon_jst(2023, 10, 1),
                start: noon_jst(2023, 11, 29),
                end: None,
                summary: "採用結果通知".into(),
            },
        ];
        let text = calendar("2024年度", &events);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;TZID=Asia/Tokyo:20231101T120000\r\n"));
        assert!(text.contains("DTEND;TZID=Asia/Tokyo:20231114T120000\r\n"));
        assert!(text.contains("DTSTAMP:20231001T030000Z\r\n"));
        assert_eq!(text.matches("DTEND").count(), 1, "the results are a moment");
        assert!(text.contains("TZOFFSETTO:+0900"));
    }
}
