//! The language-dependent forms of values: the domain's codes named (gender, track, status,
//! round), instants and days in Japan time, years, counts and pages.

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use senkoi_domain::announcement::Audience;
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::registration::Gender;
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::to_jst;

use super::{Lang, Msg};

/// The name of a gender code (`male`, `female`, `unanswered`), as the domain names it.
pub fn gender_label(lang: Lang, code: &str) -> Option<&'static str> {
    Gender::parse(code).ok().map(|gender| lang.pick(gender.name_ja(), gender.name_en()))
}

/// The name of a track code (`program`, `curriculum`).
pub fn track_label(lang: Lang, code: &str) -> Option<&'static str> {
    let msg = match code {
        "program" => Msg::TrackProgram,
        "curriculum" => Msg::TrackCurriculum,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// The name of a curriculum-track reason code.
pub fn curriculum_reason_label(lang: Lang, code: &str) -> Option<&'static str> {
    let msg = match code {
        "obligatory-service" => Msg::ReasonObligatoryService,
        "regional-medicine" => Msg::ReasonRegionalMedicine,
        "other" => Msg::ReasonOther,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// Years since the licence: `3年` / `3 years`.
pub fn format_years(lang: Lang, years: i32) -> String {
    match lang {
        Lang::Ja => format!("{years}年"),
        Lang::En if years == 1 => "1 year".to_string(),
        Lang::En => format!("{years} years"),
    }
}

/// The name of a recruitment round kind (1次募集 …).
pub fn round_kind_name(lang: Lang, kind: RoundKind) -> &'static str {
    match lang {
        Lang::Ja => kind.name_ja(),
        Lang::En => kind.name_en(),
    }
}

/// A round by its year and kind: `2024年度 1次募集` / `2024 First round`.
pub fn round_name(lang: Lang, year: i32, kind: RoundKind) -> String {
    format!("{} {}", format_year(lang, year), round_kind_name(lang, kind))
}

/// The name of an application's status (応募中, 取下げ …), as the domain names it.
pub fn status_label(lang: Lang, status: ApplicationStatus) -> &'static str {
    lang.pick(status.name_ja(), status.name_en())
}

/// The label of an announcement's audience.
pub fn audience_label(lang: Lang, audience: Audience) -> &'static str {
    let msg = match audience {
        Audience::Residents => Msg::AudienceResidents,
        Audience::Directors => Msg::AudienceDirectors,
        Audience::All => Msg::AudienceAll,
    };
    msg.text(lang)
}

fn weekday_ja(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// An instant in Japan time with the zone named: `2023年11月1日(水) 12:00 JST` /
/// `Wed 1 Nov 2023 12:00 JST`.
pub fn format_instant(lang: Lang, instant: DateTime<Utc>) -> String {
    let jst = to_jst(instant);
    let (hour, minute) = (jst.hour(), jst.minute());
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日({}) {hour:02}:{minute:02} JST",
            jst.year(),
            jst.month(),
            jst.day(),
            weekday_ja(jst.weekday()),
        ),
        Lang::En => format!(
            "{} {} {} {} {hour:02}:{minute:02} JST",
            jst.weekday(),
            jst.day(),
            MONTHS_EN[jst.month0() as usize],
            jst.year(),
        ),
    }
}

/// A date in Japan time, without the hour: `2024年4月1日` / `1 Apr 2024`.
pub fn format_date(lang: Lang, instant: DateTime<Utc>) -> String {
    let jst = to_jst(instant);
    match lang {
        Lang::Ja => format!("{}年{}月{}日", jst.year(), jst.month(), jst.day()),
        Lang::En => format!("{} {} {}", jst.day(), MONTHS_EN[jst.month0() as usize], jst.year()),
    }
}

/// A day (a training period's first or last): `2024年4月1日` / `1 Apr 2024`.
pub fn format_day(lang: Lang, day: chrono::NaiveDate) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
        Lang::En => format!("{} {} {}", day.day(), MONTHS_EN[day.month0() as usize], day.year()),
    }
}

/// Who acted at a step of a workflow, as people call them.
pub fn actor_name(lang: Lang, role: senkoi_domain::Role) -> &'static str {
    use senkoi_domain::Role;
    match role {
        Role::Resident => Msg::ActorResident,
        Role::Director => Msg::ActorDirector,
        Role::Society => Msg::ActorSociety,
        Role::Admin => Msg::ActorBoard,
        Role::ConsultationOfficer => Msg::ActorOfficer,
    }
    .text(lang)
}

/// A recruitment year (年度): `2024年度` / `2024`.
pub fn format_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Ja => format!("{year}年度"),
        Lang::En => format!("{year}"),
    }
}

/// The total of a search: `全 123 件` / `123 programs`.
pub fn format_total(lang: Lang, total: u64) -> String {
    match lang {
        Lang::Ja => format!("全 {total} 件"),
        Lang::En if total == 1 => "1 program".to_string(),
        Lang::En => format!("{total} programs"),
    }
}

/// Which rows of the total are shown: `1〜20 件目を表示` / `showing 1–20`.
pub fn format_range(lang: Lang, first: u64, last: u64) -> String {
    match lang {
        Lang::Ja => format!("{first}〜{last} 件目を表示"),
        Lang::En => format!("showing {first}–{last}"),
    }
}

/// The position in the pages: `2 / 7 ページ` / `Page 2 of 7`.
pub fn format_page(lang: Lang, page: u64, pages: u64) -> String {
    match lang {
        Lang::Ja => format!("{page} / {pages} ページ"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

/// A head count: `12 名` / `12`.
pub fn format_people(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ja => format!("{n} 名"),
        Lang::En => n.to_string(),
    }
}

/// The applicants found: `全 12 名` / `12 applicants`.
pub fn format_applicants(lang: Lang, total: u64) -> String {
    match lang {
        Lang::Ja => format!("全 {total} 名"),
        Lang::En if total == 1 => "1 applicant".to_string(),
        Lang::En => format!("{total} applicants"),
    }
}

/// How many rows are selected: `2 名を選択中` / `2 selected`.
/// What a bulk decision changed: `3 名の採否を登録しました。` / `3 decisions recorded.`
pub fn format_bulk_saved(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 名の採否を登録しました。"),
        Lang::En => format!("{n} decisions recorded."),
    }
}

pub fn format_selected(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 名を選択中"),
        Lang::En => format!("{n} selected"),
    }
}

/// A limit and the hires counted against it: `（上限 10 名・採用済み 9 名）` /
/// `(limit 10, 9 hired)`.
pub fn format_limit(lang: Lang, limit: u32, hired: u32) -> String {
    match lang {
        Lang::Ja => format!("（上限 {limit} 名・採用済み {hired} 名）"),
        Lang::En => format!("(limit {limit}, {hired} hired)"),
    }
}

/// The accessible name of a control about one applicant: `山田 太郎：採否` / `Decision: 山田 太郎`.
pub fn about_applicant(lang: Lang, msg: Msg, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{name}：{}", msg.text(lang)),
        Lang::En => format!("{}: {name}", msg.text(lang)),
    }
}

/// A line of an uploaded file: `3行目` / `Line 3`.
pub fn format_line(lang: Lang, line: u64) -> String {
    match lang {
        Lang::Ja => format!("{line}行目"),
        Lang::En => format!("Line {line}"),
    }
}

/// The rows an import saved: `12 件を登録しました。` / `12 rows imported.`
pub fn format_imported(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ja => format!("{n} 件を登録しました。"),
        Lang::En if n == 1 => "1 row imported.".to_string(),
        Lang::En => format!("{n} rows imported."),
    }
}

/// The browser tab's title for a page.
pub fn page_title(lang: Lang, page: Option<&str>) -> String {
    let system = Msg::SystemName.text(lang);
    match page {
        Some(page) => format!("{page} | {system}"),
        None => system.to_string(),
    }
}
