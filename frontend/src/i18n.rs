//! The message catalogue: every UI string in Japanese and English, the current language, and the
//! language-dependent formatting of instants, counts and pages.

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use leptos::prelude::*;
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::to_jst;

/// The UI language. Japanese is the default: residents are doctors licensed in Japan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The BCP 47 tag, also the value kept in localStorage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// Picks the Japanese or English one of a pair, e.g. the `name_ja`/`name_en` of reference data.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// A key of the catalogue. Components name the key; the text lives only in [`Msg::texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    SystemName,
    SystemSubtitle,
    SkipToContent,
    MainNavigation,
    NavHome,
    NavSchedule,
    NavPrograms,
    /// The label of the toggle: the name of the *other* language.
    LangToggle,
    LangToggleLabel,
    FooterAbout,
    FooterTimeZone,
    Loading,
    ErrorHeading,
    ErrorNetwork,
    ErrorUnexpected,
    Retry,
    HomeTitle,
    HomeLead,
    Announcements,
    NoAnnouncements,
    AudienceAll,
    AudienceResidents,
    AudienceDirectors,
    HomeScheduleCardTitle,
    HomeScheduleCardText,
    HomeSearchCardTitle,
    HomeSearchCardText,
    ScheduleTitle,
    ScheduleLead,
    ScheduleYear,
    ScheduleNoRounds,
    ScheduleCaption,
    ColRound,
    ColApplicationPeriod,
    ColAdjustmentPeriod,
    ColConfirmationPeriod,
    ColResults,
    PeriodTo,
    NoPeriod,
    SearchTitle,
    SearchLead,
    SearchFormLabel,
    FieldSpecialty,
    FieldPrefecture,
    FieldFacility,
    FieldProgramName,
    AnySpecialty,
    AnyPrefecture,
    FacilityPlaceholder,
    ProgramNamePlaceholder,
    SearchButton,
    ClearButton,
    SearchResults,
    NoResults,
    ColProgramName,
    ColSpecialty,
    ColPrefecture,
    ColBaseFacility,
    ColCapacity,
    ColApplicants,
    OverCapacityMark,
    PrevPage,
    NextPage,
    PaginationLabel,
    ResearcherCourseBadge,
    DetailBackToSearch,
    DetailBaseFacility,
    DetailAffiliatedFacilities,
    DetailNoAffiliated,
    DetailCapacity,
    DetailApplicants,
    DetailHired,
    DetailOverCapacityNote,
    DetailContact,
    DetailDescription,
    DetailResearcherCourse,
    DetailYear,
    Yes,
    No,
    ProgramNotFound,
    NotFoundTitle,
    NotFoundText,
    BackHome,
}

impl Msg {
    /// (Japanese, English).
    fn texts(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            SystemName => ("専攻医登録・応募システム", "Senkoi — Specialty Resident Registration"),
            SystemSubtitle => ("専門研修プログラムの検索と応募", "Search and apply for specialty training"),
            SkipToContent => ("本文へ移動", "Skip to main content"),
            MainNavigation => ("メインメニュー", "Main menu"),
            NavHome => ("ホーム", "Home"),
            NavSchedule => ("マスタースケジュール", "Master schedule"),
            NavPrograms => ("専門研修プログラム検索", "Program search"),
            LangToggle => ("English", "日本語"),
            LangToggleLabel => ("Switch to English", "日本語に切り替える"),
            FooterAbout => (
                "Senkoi — 専攻医登録・応募システム（オープンソース）",
                "Senkoi — specialty resident registration and application system (open source)",
            ),
            FooterTimeZone => (
                "日時はすべて日本時間（JST, UTC+9）で表示しています。締切はいずれも正午です。",
                "All dates and times are Japan Standard Time (JST, UTC+9). Every deadline is at noon.",
            ),
            Loading => ("読み込み中…", "Loading…"),
            ErrorHeading => ("エラーが発生しました", "Something went wrong"),
            ErrorNetwork => (
                "サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。",
                "Could not reach the server. Check your connection and try again.",
            ),
            ErrorUnexpected => (
                "予期しないエラーが発生しました。時間をおいて、もう一度お試しください。",
                "An unexpected error occurred. Please try again later.",
            ),
            Retry => ("再読み込み", "Try again"),
            HomeTitle => ("ホーム", "Home"),
            HomeLead => (
                "専攻医の登録、専門研修プログラムの検索と応募を行うシステムです。",
                "Register as a specialty resident, search specialty training programs and apply.",
            ),
            Announcements => ("インフォメーション", "Announcements"),
            NoAnnouncements => ("現在、お知らせはありません。", "There are no announcements."),
            AudienceAll => ("全員", "Everyone"),
            AudienceResidents => ("専攻医向け", "For residents"),
            AudienceDirectors => ("統括責任者向け", "For program directors"),
            HomeScheduleCardTitle => ("マスタースケジュール", "Master schedule"),
            HomeScheduleCardText => (
                "各募集の応募期間・採用調整期間・採用結果通知の日程を確認できます。",
                "Application, adjustment and result dates of each recruitment round.",
            ),
            HomeSearchCardTitle => ("専門研修プログラム検索", "Search training programs"),
            HomeSearchCardText => (
                "基本領域・都道府県・施設名・プログラム名で専門研修プログラムを探せます。",
                "Find specialty training programs by specialty, prefecture, facility or name.",
            ),
            ScheduleTitle => ("マスタースケジュール", "Master schedule"),
            ScheduleLead => (
                "年度ごとの募集日程です。日時は日本時間で、締切はいずれも正午です。",
                "The recruitment rounds of each year. Times are Japan time; deadlines are at noon.",
            ),
            ScheduleYear => ("年度", "Year"),
            ScheduleNoRounds => (
                "この年度の募集日程はまだ公開されていません。",
                "No rounds have been published for this year yet.",
            ),
            ScheduleCaption => ("募集日程", "Recruitment rounds"),
            ColRound => ("募集", "Round"),
            ColApplicationPeriod => ("応募期間", "Application period"),
            ColAdjustmentPeriod => ("採用調整期間", "Adjustment period"),
            ColConfirmationPeriod => ("募集実施確認期間", "Confirmation period"),
            ColResults => ("採用結果通知", "Result notification"),
            PeriodTo => ("〜", "to"),
            NoPeriod => ("—", "—"),
            SearchTitle => ("専門研修プログラム検索", "Program search"),
            SearchLead => (
                "条件はすべて満たすもの（AND）で検索します。空欄の条件は指定なしとなります。",
                "Programs matching all the given conditions are shown; empty fields are ignored.",
            ),
            SearchFormLabel => ("検索条件", "Search conditions"),
            FieldSpecialty => ("基本領域", "Specialty"),
            FieldPrefecture => ("都道府県", "Prefecture"),
            FieldFacility => ("基幹施設名", "Base facility name"),
            FieldProgramName => ("プログラム名", "Program name"),
            AnySpecialty => ("すべての基本領域", "All specialties"),
            AnyPrefecture => ("すべての都道府県", "All prefectures"),
            FacilityPlaceholder => ("例：大学病院", "e.g. University Hospital"),
            ProgramNamePlaceholder => ("名称の一部", "Part of the name"),
            SearchButton => ("検索", "Search"),
            ClearButton => ("条件をクリア", "Clear"),
            SearchResults => ("検索結果", "Results"),
            NoResults => (
                "条件に合う専門研修プログラムはありません。条件を変えて検索してください。",
                "No programs match these conditions. Try other conditions.",
            ),
            ColProgramName => ("プログラム名", "Program"),
            ColSpecialty => ("基本領域", "Specialty"),
            ColPrefecture => ("都道府県", "Prefecture"),
            ColBaseFacility => ("基幹施設", "Base facility"),
            ColCapacity => ("定員", "Capacity"),
            ColApplicants => ("応募者数", "Applicants"),
            OverCapacityMark => ("定員超過", "over capacity"),
            PrevPage => ("前へ", "Previous"),
            NextPage => ("次へ", "Next"),
            PaginationLabel => ("ページ送り", "Pages"),
            ResearcherCourseBadge => ("臨床研究医コース", "Clinical researcher course"),
            DetailBackToSearch => ("検索結果に戻る", "Back to search"),
            DetailBaseFacility => ("基幹施設", "Base facility"),
            DetailAffiliatedFacilities => ("連携施設", "Affiliated facilities"),
            DetailNoAffiliated => ("なし", "None"),
            DetailCapacity => ("定員", "Capacity"),
            DetailApplicants => ("現在の応募者数", "Current applicants"),
            DetailHired => ("採用者数", "Hired"),
            DetailOverCapacityNote => (
                "応募者数が定員を超えています。応募は引き続き可能ですが、定員を超えて採用されることはありません。",
                "Applicants exceed the capacity. You can still apply, but no more residents than the capacity are hired.",
            ),
            DetailContact => ("問合せ先", "Contact"),
            DetailDescription => ("プログラムの概要", "About the program"),
            DetailResearcherCourse => ("臨床研究医コース", "Clinical researcher course"),
            DetailYear => ("年度", "Year"),
            Yes => ("あり", "Yes"),
            No => ("なし", "No"),
            ProgramNotFound => {
                ("指定された専門研修プログラムは見つかりませんでした。", "The program was not found.")
            }
            NotFoundTitle => ("ページが見つかりません", "Page not found"),
            NotFoundText => (
                "お探しのページは移動または削除された可能性があります。",
                "The page you are looking for may have moved or no longer exists.",
            ),
            BackHome => ("ホームに戻る", "Back to the home page"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = self.texts();
        lang.pick(ja, en)
    }
}

/// The current language, shared through context. `Copy`, so closures in views can capture it.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of `msg` in the current language; reactive when called inside a closure.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn toggle(&self) {
        self.lang.update(|lang| *lang = lang.other());
    }
}

/// The catalogue in context; provided once by the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The name of a recruitment round kind (1次募集 …).
pub fn round_kind_name(lang: Lang, kind: RoundKind) -> &'static str {
    match lang {
        Lang::Ja => kind.name_ja(),
        Lang::En => kind.name_en(),
    }
}

/// The label of an announcement's audience (`all`, `residents`, `directors`).
pub fn audience_label(lang: Lang, audience: &str) -> Option<&'static str> {
    let msg = match audience {
        "residents" => Msg::AudienceResidents,
        "directors" => Msg::AudienceDirectors,
        "all" => Msg::AudienceAll,
        _ => return None,
    };
    Some(msg.text(lang))
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

/// The browser tab's title for a page.
pub fn page_title(lang: Lang, page: Option<&str>) -> String {
    let system = Msg::SystemName.text(lang);
    match page {
        Some(page) => format!("{page} | {system}"),
        None => system.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_are_shown_in_japan_time_with_the_zone_named() {
        let noon_jst = Utc.with_ymd_and_hms(2023, 11, 1, 3, 0, 0).unwrap();
        assert_eq!(format_instant(Lang::Ja, noon_jst), "2023年11月1日(水) 12:00 JST");
        assert_eq!(format_instant(Lang::En, noon_jst), "Wed 1 Nov 2023 12:00 JST");
    }

    #[test]
    fn the_toggle_names_the_other_language() {
        assert_eq!(Msg::LangToggle.text(Lang::Ja), "English");
        assert_eq!(Msg::LangToggle.text(Lang::En), "日本語");
    }
}
