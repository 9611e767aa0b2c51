//! The UI's language: the current [`Lang`] in context ([`I18n`]), the message catalogue
//! ([`catalogue`]: every UI string in Japanese and English), the texts of refusals and problems
//! ([`problems`]) and the language-dependent formatting of instants, counts, pages and the
//! domain's codes ([`formatting`]). Everything is re-exported here: `crate::i18n::X`.

mod catalogue;
mod formatting;
mod problems;

pub use catalogue::Msg;
pub use formatting::*;
pub use problems::*;

use leptos::prelude::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use senkoi_domain::application::ApplicationStatus;
    use senkoi_domain::round::RoundKind;
    use senkoi_domain::{DomainError, error};

    #[test]
    fn instants_are_shown_in_japan_time_with_the_zone_named() {
        let noon_jst = Utc.with_ymd_and_hms(2023, 11, 1, 3, 0, 0).unwrap();
        assert_eq!(format_instant(Lang::Ja, noon_jst), "2023年11月1日(水) 12:00 JST");
        assert_eq!(format_instant(Lang::En, noon_jst), "Wed 1 Nov 2023 12:00 JST");
    }

    fn has_japanese(text: &str) -> bool {
        text.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
    }

    #[test]
    fn every_key_has_both_languages_and_the_english_is_english() {
        for msg in Msg::ALL {
            let (ja, en) = msg.texts();
            assert!(!ja.is_empty() && !en.is_empty(), "{msg:?}");
            // The toggle speaks the other language on purpose, and the hints quote what to type (なし, 〒).
            if !matches!(
                msg,
                Msg::LangToggle
                    | Msg::LangToggleLabel
                    | Msg::HintClinicalTrainingProgram
                    | Msg::HintPostalCode
            ) {
                assert!(!has_japanese(en), "{msg:?}: {en}");
            }
        }
    }

    #[test]
    fn every_field_error_reads_in_both_languages_and_english_has_no_japanese() {
        let fields = crate::form::RESIDENT_FIELDS.iter().chain(["email", "login", "legacy_user_id"].iter());
        for field in fields {
            assert!(!field_label(Lang::Ja, field).is_empty(), "{field}");
            assert!(!field_label(Lang::En, field).is_empty(), "{field}");
            for code in error::FIELD_CODES.iter().chain(["password-mismatch", "some-new-code"].iter()) {
                let ja = field_error_text(Lang::Ja, field, code);
                let en = field_error_text(Lang::En, field, code);
                assert!(has_japanese(&ja), "{field} {code}: {ja}");
                assert!(!has_japanese(&en) && !en.contains('_'), "{field} {code}: {en}");
            }
        }
    }

    #[test]
    fn field_errors_are_the_domains_messages() {
        assert_eq!(field_error_text(Lang::Ja, "family_name", "required"), "氏名（姓）を入力してください。");
        assert_eq!(field_error_text(Lang::En, "family_name", "required"), "Family name is required.");
        assert_eq!(
            field_error_text(Lang::Ja, "email", "mobile-carrier-email"),
            "携帯電話のメールアドレスは登録できません。"
        );
        assert_eq!(
            field_error_text(Lang::Ja, "login", "required"),
            "ユーザIDまたはメールアドレスを入力してください。"
        );
        assert_eq!(field_error_text(Lang::En, "gender", "invalid-gender"), "Please choose the gender.");
        assert_eq!(
            field_error_text(Lang::Ja, "password_confirm", "required"),
            "パスワードを入力してください。"
        );
        assert_eq!(field_error_text(Lang::En, "phone", "some-new-code"), "Phone number is not valid.");
        assert_eq!(field_error_text(Lang::Ja, "phone", "some-new-code"), "電話番号が正しくありません。");
        assert_eq!(field_error_text(Lang::En, "token", "required"), "This field is not valid.");
    }

    #[test]
    fn a_server_field_error_reads_as_the_domains_own_refusal_in_either_language() {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date");
        let form = senkoi_domain::resident::ResidentForm {
            track: "curriculum".into(),
            curriculum_reason: Some("study-abroad".into()),
            regional_quota: true,
            regional_quota_prefecture: Some("48".into()),
            ..Default::default()
        };
        let refusals = form.parse(today).expect_err("an incomplete form");
        assert!(refusals.len() > 15);
        for refusal in refusals {
            let (field, code) = (refusal.field().unwrap_or_default(), refusal.code());
            assert_eq!(field_error_text(Lang::Ja, field, code), refusal.message_ja(), "{field} {code}");
            assert_eq!(field_error_text(Lang::En, field, code), refusal.message_en(), "{field} {code}");
        }
    }

    #[test]
    fn gender_names_come_from_the_domain() {
        assert_eq!(gender_label(Lang::Ja, "female"), Some("女性"));
        assert_eq!(gender_label(Lang::En, "unanswered"), Some("Prefer not to say"));
        assert_eq!(gender_label(Lang::En, "other"), None);
    }

    #[test]
    fn a_field_the_catalogue_does_not_label_takes_the_domains_label() {
        assert_eq!(field_label(Lang::Ja, "address"), "住所（市区町村以降）");
        assert_eq!(field_label(Lang::Ja, "kind"), "募集区分");
        assert_eq!(field_label(Lang::En, "kind"), "Round kind");
    }

    #[test]
    fn problems_read_by_code_and_english_never_shows_the_servers_japanese() {
        let codes = [
            "registration-link-expired",
            "registration-link-used",
            "link-expired",
            "link-used",
            "invalid-credentials",
            "too-many-attempts",
            "too-many-requests",
            "profile-locked",
            "application-live",
            "registration-number-taken",
            "email-taken",
            "link-not-found",
            "invalid-token",
            "network",
            "validation-failed",
            "not-found",
            "invalid-refresh-token",
            "outside-application-period",
            "already-applied-in-round",
            "not-eligible",
            "specialty-mismatch",
            "program-not-recruiting",
            "withdrawal-closed",
            "invalid-transition",
            "outside-adjustment-period",
            "not-declinable",
            "already-confirmed",
            "outside-confirmation-period",
            "link-superseded",
            "second-factor-required",
            "invalid-second-factor",
            "second-factor-setup-required",
            "second-factor-enabled",
            "no-second-factor-pending",
            "cannot-disable-self",
            "cannot-reset-own-second-factor",
            "something-new",
        ];
        for code in codes {
            let ja = problem_text(Lang::Ja, code, 409, "サーバーの説明");
            let en = problem_text(Lang::En, code, 409, "サーバーの説明");
            assert!(has_japanese(&ja), "{code}");
            assert!(!has_japanese(&en), "{code}: {en}");
        }
        assert_eq!(problem_text(Lang::Ja, "something-new", 409, "サーバーの説明"), "サーバーの説明");
        assert_eq!(
            problem_text(Lang::Ja, "invalid-credentials", 401, "x"),
            "ユーザIDまたはパスワードが正しくありません。"
        );
    }

    #[test]
    fn an_application_refusal_reads_as_the_domains_refusal_with_what_to_do_next() {
        let refusals = [
            DomainError::OutsideApplicationPeriod,
            DomainError::AlreadyAppliedInRound,
            DomainError::NotEligible,
            DomainError::SpecialtyMismatch,
            DomainError::ProgramNotRecruiting,
            DomainError::WithdrawalClosed,
        ];
        for refusal in refusals {
            let code = refusal.code();
            assert_eq!(problem_text(Lang::Ja, code, 409, "x"), refusal.message_ja(), "{code}");
            assert_eq!(problem_text(Lang::En, code, 409, "x"), refusal.message_en(), "{code}");
            assert!(next_step(code).is_some(), "{code} says what to do next");
        }
        assert_eq!(
            problem_text(Lang::Ja, "withdrawal-closed", 409, ""),
            "採用期間中は応募の取り下げはできません。"
        );
        assert!(next_step("invalid-transition").is_some());
        assert_eq!(next_step("invalid-credentials"), None);
    }

    #[test]
    fn a_decision_refusal_reads_as_the_domains_refusal_with_what_to_do_next() {
        let refusals = [
            DomainError::OutsideAdjustmentPeriod,
            DomainError::NotDeclinable,
            DomainError::OutsideConfirmationPeriod,
            DomainError::AlreadyConfirmed,
        ];
        for refusal in refusals {
            let code = refusal.code();
            assert_eq!(problem_text(Lang::Ja, code, 409, "x"), refusal.message_ja(), "{code}");
            assert_eq!(problem_text(Lang::En, code, 409, "x"), refusal.message_en(), "{code}");
        }
        for code in [
            "outside-adjustment-period",
            "capacity-exceeded",
            "ceiling-exceeded",
            "outside-confirmation-period",
        ] {
            assert!(next_step(code).is_some(), "{code} says what to do next");
        }
    }

    #[test]
    fn statuses_and_rounds_are_named_as_the_domain_names_them() {
        assert_eq!(status_label(Lang::Ja, ApplicationStatus::Applied), "応募中");
        assert_eq!(status_label(Lang::En, ApplicationStatus::Withdrawn), "Withdrawn");
        assert_eq!(round_name(Lang::Ja, 2024, RoundKind::First), "2024年度 1次募集");
        assert_eq!(round_name(Lang::En, 2024, RoundKind::First), "2024 First round");
    }

    #[test]
    fn the_toggle_names_the_other_language() {
        assert_eq!(Msg::LangToggle.text(Lang::Ja), "English");
        assert_eq!(Msg::LangToggle.text(Lang::En), "日本語");
    }
}
