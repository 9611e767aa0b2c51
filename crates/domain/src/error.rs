//! Owns [`DomainError`]: every refusal a rule can give, with its stable code and its messages.
//!
//! Two kinds of refusal live here:
//! - **rule refusals** (the API answers 409): the request was well formed but the process says no,
//!   e.g. [`DomainError::WithdrawalClosed`];
//! - **validation refusals** (the API answers 422): a value did not parse, e.g.
//!   [`DomainError::Invalid`] or a round schedule out of order. [`DomainError::field`] names the
//!   API field for the `errors` list of problem+json.
//!
//! [`DomainError::code`] is a contract with integrations: never rename a code.

use crate::round::ScheduleProblem;

/// Why the domain refused something. `Display` is the English message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Applying outside the round's application period (応募期間).
    OutsideApplicationPeriod,
    /// The resident already has a live application in this round.
    AlreadyAppliedInRound,
    /// The resident was hired in a round of this recruitment year and may not apply again.
    NotEligible,
    /// The program belongs to another specialty than the resident's account.
    SpecialtyMismatch,
    /// The program does not recruit in this round.
    ProgramNotRecruiting,
    /// Withdrawal (取下げ) after the application period.
    WithdrawalClosed,
    /// A decision outside the round's adjustment period (採用調整期間).
    OutsideAdjustmentPeriod,
    /// Accepting would pass the program's capacity (定員). `hired` is the count before this one.
    CapacityExceeded { capacity: u32, hired: u32 },
    /// Accepting would pass the prefecture's ceiling (シーリング). `hired` is the count before.
    CeilingExceeded { ceiling: u32, hired: u32 },
    /// The application is not in a state that allows the action, e.g. withdrawing twice.
    InvalidTransition { from: &'static str, action: &'static str },
    /// Only an accepted application can be declined (辞退).
    NotDeclinable,
    /// The resident may no longer edit their profile: a director owns it now.
    ProfileLocked,
    /// The account cannot be deleted while an application is live (応募中).
    ApplicationLive,
    /// The registration link is older than 24 hours.
    RegistrationLinkExpired,
    /// The registration link was already used.
    RegistrationLinkUsed,
    /// A mailed link (password reset, migration, invitation) is past its lifetime.
    LinkExpired,
    /// A mailed link (password reset, migration, invitation) was already used.
    LinkUsed,
    /// A value did not parse. `field` is the API's snake_case field name, `code` a stable reason.
    Invalid { field: &'static str, code: &'static str },
    /// A round schedule whose windows are out of order.
    InvalidSchedule(ScheduleProblem),
}

impl DomainError {
    /// Shorthand for [`DomainError::Invalid`].
    pub(crate) const fn invalid(field: &'static str, code: &'static str) -> Self {
        DomainError::Invalid { field, code }
    }

    /// The stable kebab-case code (`withdrawal-closed`); for validation refusals the reason's code.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::OutsideApplicationPeriod => "outside-application-period",
            DomainError::AlreadyAppliedInRound => "already-applied-in-round",
            DomainError::NotEligible => "not-eligible",
            DomainError::SpecialtyMismatch => "specialty-mismatch",
            DomainError::ProgramNotRecruiting => "program-not-recruiting",
            DomainError::WithdrawalClosed => "withdrawal-closed",
            DomainError::OutsideAdjustmentPeriod => "outside-adjustment-period",
            DomainError::CapacityExceeded { .. } => "capacity-exceeded",
            DomainError::CeilingExceeded { .. } => "ceiling-exceeded",
            DomainError::InvalidTransition { .. } => "invalid-transition",
            DomainError::NotDeclinable => "not-declinable",
            DomainError::ProfileLocked => "profile-locked",
            DomainError::ApplicationLive => "application-live",
            DomainError::RegistrationLinkExpired => "registration-link-expired",
            DomainError::RegistrationLinkUsed => "registration-link-used",
            DomainError::LinkExpired => "link-expired",
            DomainError::LinkUsed => "link-used",
            DomainError::Invalid { code, .. } => code,
            DomainError::InvalidSchedule(problem) => problem.code(),
        }
    }

    /// The API field a validation refusal is about; `None` for rule refusals.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DomainError::Invalid { field, .. } => Some(field),
            DomainError::InvalidSchedule(problem) => Some(problem.field()),
            _ => None,
        }
    }

    /// True for refusals of malformed input (HTTP 422), false for refusals by a rule (HTTP 409).
    pub fn is_validation(&self) -> bool {
        self.field().is_some()
    }

    /// The same refusal reported against another field, e.g. a prefecture code parsed for
    /// `regional_quota_prefecture` instead of `prefecture`. Other variants are returned unchanged.
    pub fn in_field(self, field: &'static str) -> Self {
        match self {
            DomainError::Invalid { code, .. } => DomainError::Invalid { field, code },
            other => other,
        }
    }

    /// The message shown to people, in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            DomainError::OutsideApplicationPeriod => "応募期間外のため応募できません。".into(),
            DomainError::AlreadyAppliedInRound => {
                "この募集ではすでに応募しています。応募できるプログラムは1つに限ります。".into()
            }
            DomainError::NotEligible => "採用が決まっているため、この募集には応募できません。".into(),
            DomainError::SpecialtyMismatch => {
                "登録されている領域と異なる領域のプログラムには応募できません。".into()
            }
            DomainError::ProgramNotRecruiting => "このプログラムはこの募集を行っていません。".into(),
            DomainError::WithdrawalClosed => "採用期間中は応募の取り下げはできません。".into(),
            DomainError::OutsideAdjustmentPeriod => "採用調整期間外のため採否を登録できません。".into(),
            DomainError::CapacityExceeded { capacity, hired } => {
                format!("定員（{capacity}名）に達しているため採用できません（採用済み{hired}名）。")
            }
            DomainError::CeilingExceeded { ceiling, hired } => {
                format!("シーリング数（{ceiling}名）に達しているため採用できません（採用済み{hired}名）。")
            }
            DomainError::InvalidTransition { .. } => "現在の応募状況ではこの操作はできません。".into(),
            DomainError::NotDeclinable => "採用となった応募のみ辞退できます。".into(),
            DomainError::ProfileLocked => {
                "採用期間中・採用後の登録情報の変更は、応募先プログラムの統括責任者へご連絡ください。".into()
            }
            DomainError::ApplicationLive => "専門研修プログラム応募中は、ユーザIDの削除はできません。".into(),
            DomainError::RegistrationLinkExpired => {
                "有効期限が切れています。再度メールアドレスの登録から操作してください。".into()
            }
            DomainError::RegistrationLinkUsed => {
                "このURLはすでに使用されています。再度メールアドレスの登録から操作してください。".into()
            }
            DomainError::LinkExpired => {
                "このURLは有効期限が切れています。もう一度はじめから操作してください。".into()
            }
            DomainError::LinkUsed => {
                "このURLはすでに使用されています。もう一度はじめから操作してください。".into()
            }
            DomainError::Invalid { field, code } => invalid_message_ja(field, code),
            DomainError::InvalidSchedule(problem) => problem.message_ja().into(),
        }
    }

    /// The message in English (also the `Display` text).
    pub fn message_en(&self) -> String {
        match self {
            DomainError::OutsideApplicationPeriod => {
                "Applications are accepted only during the application period.".into()
            }
            DomainError::AlreadyAppliedInRound => {
                "You already have an application in this round; only one program per round.".into()
            }
            DomainError::NotEligible => {
                "You have been hired in this recruitment year and cannot apply to this round."
                    .into()
            }
            DomainError::SpecialtyMismatch => {
                "The program belongs to another specialty than your account.".into()
            }
            DomainError::ProgramNotRecruiting => {
                "This program does not recruit in this round.".into()
            }
            DomainError::WithdrawalClosed => {
                "Applications cannot be withdrawn after the application period; contact the program director."
                    .into()
            }
            DomainError::OutsideAdjustmentPeriod => {
                "Decisions can be recorded only during the adjustment period.".into()
            }
            DomainError::CapacityExceeded { capacity, hired } => format!(
                "The program's capacity of {capacity} is reached ({hired} already hired)."
            ),
            DomainError::CeilingExceeded { ceiling, hired } => format!(
                "The prefecture's ceiling of {ceiling} is reached ({hired} already hired)."
            ),
            DomainError::InvalidTransition { from, action } => {
                format!("An application that is {from} cannot be {action}.")
            }
            DomainError::NotDeclinable => "Only an accepted application can be declined.".into(),
            DomainError::ProfileLocked => {
                "Your profile is locked during adjustment and after hiring; ask the program director to change it."
                    .into()
            }
            DomainError::ApplicationLive => {
                "The account cannot be deleted while an application is live.".into()
            }
            DomainError::RegistrationLinkExpired => {
                "The registration link has expired; please register your email address again."
                    .into()
            }
            DomainError::RegistrationLinkUsed => {
                "The registration link was already used; please register your email address again."
                    .into()
            }
            DomainError::LinkExpired => "This link has expired; please start again.".into(),
            DomainError::LinkUsed => "This link was already used; please start again.".into(),
            DomainError::Invalid { field, code } => invalid_message_en(field, code),
            DomainError::InvalidSchedule(problem) => problem.message_en().into(),
        }
    }
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en())
    }
}

/// The Japanese label of an API field, for messages such as 「メールアドレスを入力してください。」.
pub fn field_label_ja(field: &str) -> &'static str {
    match field {
        "email" => "メールアドレス",
        "family_name" => "氏名（姓）",
        "given_name" => "氏名（名）",
        "family_name_kana" => "フリガナ（姓）",
        "given_name_kana" => "フリガナ（名）",
        "date_of_birth" => "生年月日",
        "gender" => "性別",
        "medical_registration_number" => "医籍登録番号",
        "license_year_month" => "医師免許取得年月",
        "postal_code" => "郵便番号",
        "prefecture" => "都道府県",
        "address" => "住所",
        "phone" => "電話番号",
        "clinical_training_program" => "修了（予定）臨床研修プログラム名",
        "clinical_training_completed_on" => "臨床研修修了（予定）年月日",
        "specialty" => "領域",
        "track" => "専門研修選択",
        "curriculum_reason" => "カリキュラム制の理由",
        "curriculum_reason_detail" => "カリキュラム制となる理由",
        "regional_quota_prefecture" => "地域枠の都道府県",
        "regional_quota_consent" => "厚労省リストとの対比への同意",
        "password" => "パスワード",
        "user_id" => "ユーザID",
        "kind" => "募集区分",
        "status" => "応募状況",
        "decision" => "採否",
        _ => "入力内容",
    }
}

fn invalid_message_ja(field: &str, code: &str) -> String {
    let label = field_label_ja(field);
    match code {
        "required" => format!("{label}を入力してください。"),
        "too-long" => format!("{label}が長すぎます。"),
        "invalid-email" => "メールアドレスの形式が正しくありません。".into(),
        "mobile-carrier-email" => "携帯電話のメールアドレスは登録できません。".into(),
        "invalid-medical-registration-number" => {
            "医籍登録番号は7桁で入力してください（6桁の場合は先頭に0をつけてください）。".into()
        }
        "not-katakana" => format!("{label}は全角カタカナで入力してください。"),
        "invalid-postal-code" => "郵便番号は7桁の数字で入力してください。".into(),
        "invalid-phone" => "電話番号は10桁または11桁の数字で入力してください。".into(),
        "password-length" => "パスワードは半角英数字6〜20文字で入力してください。".into(),
        "password-characters" => "パスワードは半角英数字のみで入力してください。".into(),
        "password-too-weak" => {
            "推測されやすいパスワードは使用できません。別のパスワードを入力してください。".into()
        }
        "invalid-year-month" => {
            format!("{label}は「2021-04」の形式（西暦年-月）で入力してください。")
        }
        "invalid-gender" => "性別を選択してください。".into(),
        "invalid-track" => "プログラム制またはカリキュラム制を選択してください。".into(),
        "invalid-curriculum-reason" => "カリキュラム制の理由を選択してください。".into(),
        "consent-required" => "地域枠の場合、厚労省の保持するリストとの対比への同意が必要です。".into(),
        "invalid-prefecture" => format!("{label}を正しく選択してください。"),
        "unknown-specialty" => "領域を正しく選択してください。".into(),
        "invalid-user-id" => "ユーザIDが正しくありません。入力内容をご確認ください。".into(),
        "invalid-characters" => format!("{label}に使用できない文字が含まれています。"),
        "invalid-date" => format!("{label}は「2024-04-01」の形式（西暦年-月-日）で入力してください。"),
        "implausible-date-of-birth" => "生年月日をご確認ください。".into(),
        _ => format!("{label}が正しくありません。"),
    }
}

fn invalid_message_en(field: &str, code: &str) -> String {
    match code {
        "required" => format!("{field} is required."),
        "too-long" => format!("{field} is too long."),
        "invalid-email" => "The email address is not valid.".into(),
        "mobile-carrier-email" => "Mobile carrier email addresses cannot be registered.".into(),
        "invalid-medical-registration-number" => {
            "The medical registration number has 7 digits (prefix a 6-digit number with 0).".into()
        }
        "not-katakana" => format!("{field} must be written in full-width katakana."),
        "invalid-postal-code" => "The postal code has 7 digits.".into(),
        "invalid-phone" => "The phone number has 10 or 11 digits.".into(),
        "password-length" => "The password has 6 to 20 letters and digits.".into(),
        "password-characters" => "The password may contain only ASCII letters and digits.".into(),
        "password-too-weak" => "This password is too easy to guess.".into(),
        "invalid-year-month" => format!("{field} must be written YYYY-MM, e.g. 2021-04."),
        "consent-required" => {
            "A regional quota needs consent to the check against the ministry's list.".into()
        }
        "invalid-user-id" => "The user ID is not valid; please check it.".into(),
        "invalid-characters" => format!("{field} contains characters that cannot be used."),
        "invalid-date" => format!("{field} must be written YYYY-MM-DD, e.g. 2024-04-01."),
        "implausible-date-of-birth" => "Please check the date of birth.".into(),
        _ => format!("{field} is not valid ({code})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withdrawal_closed_message_is_the_manuals_wording() {
        assert_eq!(DomainError::WithdrawalClosed.message_ja(), "採用期間中は応募の取り下げはできません。");
    }

    #[test]
    fn capacity_and_ceiling_messages_carry_the_figures() {
        let cases = [
            (DomainError::CapacityExceeded { capacity: 12, hired: 12 }, "capacity-exceeded", "12名"),
            (DomainError::CeilingExceeded { ceiling: 210, hired: 210 }, "ceiling-exceeded", "210名"),
        ];
        for (error, code, figure) in cases {
            assert_eq!(error.code(), code);
            assert!(error.message_ja().contains(figure), "{}", error.message_ja());
            assert!(error.message_en().contains(figure.trim_end_matches('名')));
        }
    }

    #[test]
    fn rule_refusals_have_stable_kebab_codes_and_no_field() {
        let cases = [
            (DomainError::OutsideApplicationPeriod, "outside-application-period"),
            (DomainError::AlreadyAppliedInRound, "already-applied-in-round"),
            (DomainError::NotEligible, "not-eligible"),
            (DomainError::SpecialtyMismatch, "specialty-mismatch"),
            (DomainError::ProgramNotRecruiting, "program-not-recruiting"),
            (DomainError::WithdrawalClosed, "withdrawal-closed"),
            (DomainError::OutsideAdjustmentPeriod, "outside-adjustment-period"),
            (DomainError::InvalidTransition { from: "withdrawn", action: "withdrawn" }, "invalid-transition"),
            (DomainError::NotDeclinable, "not-declinable"),
            (DomainError::ProfileLocked, "profile-locked"),
            (DomainError::ApplicationLive, "application-live"),
            (DomainError::RegistrationLinkExpired, "registration-link-expired"),
            (DomainError::RegistrationLinkUsed, "registration-link-used"),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.field(), None);
            assert!(!error.is_validation());
            assert!(!error.message_ja().is_empty());
            assert_eq!(error.to_string(), error.message_en());
        }
    }

    #[test]
    fn validation_refusals_report_their_field_and_inner_code() {
        let error = DomainError::invalid("email", "mobile-carrier-email");
        assert_eq!(error.code(), "mobile-carrier-email");
        assert_eq!(error.field(), Some("email"));
        assert!(error.is_validation());
        assert_eq!(error.message_ja(), "携帯電話のメールアドレスは登録できません。");
    }

    #[test]
    fn required_message_names_the_field_in_japanese() {
        let error = DomainError::invalid("family_name", "required");
        assert_eq!(error.message_ja(), "氏名（姓）を入力してください。");
    }

    #[test]
    fn in_field_moves_a_validation_refusal_to_another_field() {
        let error =
            DomainError::invalid("prefecture", "invalid-prefecture").in_field("regional_quota_prefecture");
        assert_eq!(error.field(), Some("regional_quota_prefecture"));
        assert_eq!(error.code(), "invalid-prefecture");
        assert_eq!(DomainError::NotEligible.in_field("x"), DomainError::NotEligible);
    }
}
