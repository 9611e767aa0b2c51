//! Owns [`DomainError`]: every refusal a rule can give, with its stable code and its messages.
//!
//! Two kinds of refusal live here:
//! - **rule refusals** (the API answers 409): the request was well formed but the process says no,
//!   e.g. [`DomainError::WithdrawalClosed`];
//! - **validation refusals** (the API answers 422): a value did not parse, e.g.
//!   [`DomainError::Invalid`] or a round schedule out of order. [`DomainError::field`] names the
//!   API field for the `errors` list of problem+json.
//!
//! [`DomainError::code`] is a contract with integrations: never rename a code. [`FIELD_CODES`]
//! and [`FIELDS`] list every validation code and field, and [`DomainError::from_field_code`]
//! rebuilds a refusal from an `errors[]` entry, so a client shows its message in either language
//! ([`field_label_ja`], [`field_label_en`]).

use crate::announcement::{BODY_MAX_CHARS, TITLE_MAX_CHARS};
use crate::capacity::CEILINGS;
use crate::program::{CAPACITIES, CATALOGUE_NAME_MAX_CHARS, YEARS};
use crate::round::ScheduleProblem;
use crate::training::TRAINING_YEARS;

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
    CapacityExceeded { capacity: u32, hired: u32, requested: u32 },
    /// Accepting would pass the prefecture's ceiling (シーリング). `hired` is the count before.
    CeilingExceeded { ceiling: u32, hired: u32, requested: u32 },
    /// A program's capacity set below its hires.
    CapacityBelowHires { capacity: u32, hired: u32 },
    /// A ceiling set below the hires already made in its cell.
    CeilingBelowHires { ceiling: u32, hired: u32 },
    /// The application is not in a state that allows the action, e.g. withdrawing twice.
    InvalidTransition { from: &'static str, action: &'static str },
    /// Only an accepted application can be declined (辞退).
    NotDeclinable,
    /// Confirming a program's results (募集実施確認) outside the round's confirmation period.
    OutsideConfirmationPeriod,
    /// The program's results of this round are already confirmed.
    AlreadyConfirmed,
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
    /// A newer link of the same purpose was mailed since: only the newest works.
    LinkSuperseded,
    /// The resident has no program to record training in: they were not hired (or not yet).
    NotInProgram,
    /// データ連携: the society's system sends this resident's training records.
    RecordsKeptBySociety,
    /// The resident enters their own training records; the society's system sends none.
    RecordsKeptByResident,
    /// The facility is neither the program's base nor one of its affiliated facilities.
    FacilityNotInProgram,
    /// The period is not inside the program's training years.
    PeriodOutsideProgram { first_day: chrono::NaiveDate, last_day: chrono::NaiveDate },
    /// The period shares a day with another of the resident's periods.
    PeriodOverlaps,
    /// The period ends after `today`: only training done is recorded.
    PeriodInFuture { today: chrono::NaiveDate },
    /// An approved period is final for the resident.
    RecordApproved,
    /// Only a period that waits for approval can be approved or returned.
    RecordNotAwaitingApproval,
    /// Completion needs periods, every one approved.
    RecordsNotApproved,
    /// The resident already filed for completion, and it is not returned.
    CompletionAlreadyFiled,
    /// The completion application waits for someone else.
    NotYourStep,
    /// The fee and the certificate come after the board approved completion.
    CompletionNotApproved,
    /// The certificate needs the certification fee paid.
    FeeNotPaid,
    /// The certification fee is already recorded as paid.
    FeeAlreadyRecorded,
    /// The certificate was already issued.
    CertificateAlreadyIssued,
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
            DomainError::CapacityBelowHires { .. } => "capacity-below-hires",
            DomainError::CeilingBelowHires { .. } => "ceiling-below-hires",
            DomainError::InvalidTransition { .. } => "invalid-transition",
            DomainError::NotDeclinable => "not-declinable",
            DomainError::OutsideConfirmationPeriod => "outside-confirmation-period",
            DomainError::AlreadyConfirmed => "already-confirmed",
            DomainError::ProfileLocked => "profile-locked",
            DomainError::ApplicationLive => "application-live",
            DomainError::RegistrationLinkExpired => "registration-link-expired",
            DomainError::RegistrationLinkUsed => "registration-link-used",
            DomainError::LinkExpired => "link-expired",
            DomainError::LinkUsed => "link-used",
            DomainError::LinkSuperseded => "link-superseded",
            DomainError::NotInProgram => "not-in-program",
            DomainError::RecordsKeptBySociety => "records-kept-by-society",
            DomainError::RecordsKeptByResident => "records-kept-by-resident",
            DomainError::FacilityNotInProgram => "facility-not-in-program",
            DomainError::PeriodOutsideProgram { .. } => "period-outside-program",
            DomainError::PeriodOverlaps => "period-overlaps",
            DomainError::PeriodInFuture { .. } => "period-in-future",
            DomainError::RecordApproved => "record-approved",
            DomainError::RecordNotAwaitingApproval => "record-not-awaiting-approval",
            DomainError::RecordsNotApproved => "records-not-approved",
            DomainError::CompletionAlreadyFiled => "completion-already-filed",
            DomainError::NotYourStep => "not-your-step",
            DomainError::CompletionNotApproved => "completion-not-approved",
            DomainError::FeeNotPaid => "fee-not-paid",
            DomainError::FeeAlreadyRecorded => "fee-already-recorded",
            DomainError::CertificateAlreadyIssued => "certificate-already-issued",
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
            DomainError::CapacityExceeded { capacity, hired, requested } => format!(
                "定員（{capacity}名）を超えるため採用できません（採用済み{hired}名、今回の採用{requested}名）。"
            ),
            DomainError::CapacityBelowHires { capacity, hired } => {
                format!("定員（{capacity}名）を採用者数（{hired}名）より少なくすることはできません。")
            }
            DomainError::CeilingBelowHires { ceiling, hired } => format!(
                "シーリング数（{ceiling}名）が採用済みの人数（{hired}名）を下回るため設定できません。"
            ),
            DomainError::CeilingExceeded { ceiling, hired, requested } => format!(
                "シーリング数（{ceiling}名）を超えるため採用できません（採用済み{hired}名、今回の採用{requested}名）。"
            ),
            DomainError::InvalidTransition { .. } => "現在の応募状況ではこの操作はできません。".into(),
            DomainError::NotDeclinable => "採用となった応募のみ辞退できます。".into(),
            DomainError::OutsideConfirmationPeriod => "募集実施確認期間外のため確認を登録できません。".into(),
            DomainError::AlreadyConfirmed => "この募集の採用結果はすでに確認済みです。".into(),
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
            DomainError::LinkSuperseded => {
                "新しいURLをお送りしたため、このURLは使えません。最新のメールのURLを開いてください。".into()
            }
            DomainError::NotInProgram => {
                "研修中のプログラムがないため、研修実績・研修修了申請は登録できません。".into()
            }
            DomainError::RecordsKeptBySociety => {
                "この領域の研修実績は学会のシステムから連携されるため、入力は不要です。".into()
            }
            DomainError::RecordsKeptByResident => {
                "この専攻医の研修実績はデータ連携の対象ではありません（専攻医が入力します）。".into()
            }
            DomainError::FacilityNotInProgram => {
                "研修施設はプログラムの基幹施設または連携施設から選択してください。".into()
            }
            DomainError::PeriodOutsideProgram { first_day, last_day } => {
                format!("研修期間はプログラムの研修期間（{first_day}〜{last_day}）の中で入力してください。")
            }
            DomainError::PeriodOverlaps => "他の研修実績と期間が重なっています。".into(),
            DomainError::PeriodInFuture { today } => {
                format!(
                    "まだ終わっていない期間は登録できません。終了日は今日（{today}）までの日付で入力してください。"
                )
            }
            DomainError::RecordApproved => "承認済みの研修実績は変更・削除できません。".into(),
            DomainError::RecordNotAwaitingApproval => "承認待ちの研修実績のみ承認・差戻しできます。".into(),
            DomainError::RecordsNotApproved => {
                "すべての研修実績が統括責任者に承認されてから研修修了申請を行ってください。".into()
            }
            DomainError::CompletionAlreadyFiled => "研修修了申請はすでに行われています。".into(),
            DomainError::NotYourStep => "この研修修了申請は現在ほかの確認者の手続き中です。".into(),
            DomainError::CompletionNotApproved => "機構の研修修了承認の後に登録できます。".into(),
            DomainError::FeeNotPaid => "認定料のお支払いが確認されてから認定証を発行できます。".into(),
            DomainError::FeeAlreadyRecorded => "認定料のお支払いはすでに登録されています。".into(),
            DomainError::CertificateAlreadyIssued => "認定証はすでに発行されています。".into(),
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
            DomainError::CapacityExceeded { capacity, hired, requested } => format!(
                "The program's capacity of {capacity} would be passed ({hired} already hired, {requested} in this request)."
            ),
            DomainError::CapacityBelowHires { capacity, hired } => {
                format!("A capacity of {capacity} would be below the {hired} already hired.")
            }
            DomainError::CeilingBelowHires { ceiling, hired } => format!(
                "A ceiling of {ceiling} would be below the {hired} already hired in this prefecture and specialty."
            ),
            DomainError::CeilingExceeded { ceiling, hired, requested } => format!(
                "The prefecture's ceiling of {ceiling} would be passed ({hired} already hired, {requested} in this request)."
            ),
            DomainError::InvalidTransition { from, action } => {
                format!("An application that is {from} cannot be {action}.")
            }
            DomainError::NotDeclinable => "Only an accepted application can be declined.".into(),
            DomainError::OutsideConfirmationPeriod => {
                "Results can be confirmed only during the confirmation period.".into()
            }
            DomainError::AlreadyConfirmed => {
                "The program's results of this round are already confirmed.".into()
            }
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
            DomainError::LinkSuperseded => {
                "A newer link was sent since, so this one no longer works; please open the link in the newest mail."
                    .into()
            }
            DomainError::NotInProgram => {
                "You have no program to train in, so training records and completion cannot be filed.".into()
            }
            DomainError::RecordsKeptBySociety => {
                "The society's system sends the training records of this specialty; you enter nothing.".into()
            }
            DomainError::RecordsKeptByResident => {
                "This resident enters their own training records; they are not linked from the society.".into()
            }
            DomainError::FacilityNotInProgram => {
                "Choose the program's base facility or one of its affiliated facilities.".into()
            }
            DomainError::PeriodOutsideProgram { first_day, last_day } => {
                format!("The period must lie inside the program's training years ({first_day} to {last_day}).")
            }
            DomainError::PeriodOverlaps => "The period overlaps another of your training records.".into(),
            DomainError::PeriodInFuture { today } => {
                format!("A period not over yet cannot be recorded: its last day must be today ({today}) or earlier.")
            }
            DomainError::RecordApproved => "An approved training record cannot be changed or deleted.".into(),
            DomainError::RecordNotAwaitingApproval => {
                "Only a training record awaiting approval can be approved or returned.".into()
            }
            DomainError::RecordsNotApproved => {
                "File for completion once every training record is approved by the director.".into()
            }
            DomainError::CompletionAlreadyFiled => "The completion application is already filed.".into(),
            DomainError::NotYourStep => "This completion application waits for someone else.".into(),
            DomainError::CompletionNotApproved => "This comes after the board approves the completion.".into(),
            DomainError::FeeNotPaid => "The certificate is issued once the certification fee is paid.".into(),
            DomainError::FeeAlreadyRecorded => "The certification fee is already recorded as paid.".into(),
            DomainError::CertificateAlreadyIssued => "The certificate was already issued.".into(),
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

/// Every code a validation refusal of this crate can carry ([`DomainError::Invalid`] and
/// [`DomainError::InvalidSchedule`]): the codes of the `errors[]` entries of a 422 that the SPA
/// can rebuild with [`DomainError::from_field_code`]. A contract, like every code.
pub const FIELD_CODES: &[&str] = &[
    "required",
    "too-long",
    "invalid-characters",
    "invalid-email",
    "mobile-carrier-email",
    "invalid-medical-registration-number",
    "not-katakana",
    "invalid-postal-code",
    "invalid-phone",
    "password-length",
    "password-characters",
    "password-too-weak",
    "invalid-year-month",
    "invalid-date",
    "implausible-date-of-birth",
    "invalid-gender",
    "invalid-track",
    "invalid-curriculum-reason",
    "consent-required",
    "invalid-prefecture",
    "unknown-specialty",
    "invalid-user-id",
    "invalid-name",
    "invalid-year",
    "invalid-capacity",
    "invalid-ceiling",
    "invalid-audience",
    "invalid-title",
    "invalid-body-text",
    "english-incomplete",
    "unknown-round-kind",
    "unknown-status",
    "unknown-decision",
    "decision-inconsistent-with-status",
    "window-ends-before-start",
    "adjustment-before-application-ends",
    "results-before-application-ends",
    "results-before-adjustment-ends",
    "confirmation-before-adjustment-ends",
    "adjustment-required",
    "researcher-course-has-only-application",
    "invalid-webhook-url",
    "webhook-url-not-https",
    "webhook-url-not-public",
    "unknown-webhook-event",
    "invalid-cursor",
    "invalid-training-years",
    "period-ends-before-start",
    "unknown-consultation-category",
    "staff-password-length",
    "unknown-role",
    "invalid-second-factor-code",
];

/// The API's snake_case field names a validation refusal can be about: those the crate's parsers
/// name, and those of the API's request bodies that carry a parsed value under another name
/// (`login`, `legacy_user_id`, `regional_quota`). Each has a label in both languages.
pub const FIELDS: &[&str] = &[
    "email",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "date_of_birth",
    "gender",
    "medical_registration_number",
    "license_year_month",
    "postal_code",
    "prefecture",
    "address",
    "phone",
    "clinical_training_program",
    "clinical_training_completed_on",
    "specialty",
    "track",
    "curriculum_reason",
    "curriculum_reason_detail",
    "regional_quota",
    "regional_quota_prefecture",
    "regional_quota_consent",
    "password",
    "user_id",
    "login",
    "legacy_user_id",
    "name",
    "year",
    "capacity",
    "ceiling",
    "audience",
    "title",
    "body",
    "title_en",
    "body_en",
    "kind",
    "status",
    "decision",
    "application_ends_at",
    "adjustment_starts_at",
    "results_at",
    "confirmation_starts_at",
    "url",
    "events",
    "cursor",
    "training_years",
    "from",
    "to",
    "reason",
    "category",
    "role",
    "code",
];

/// Every rule refusal that carries nothing but its code, so that a client rebuilds it from a
/// 409's `code` with [`DomainError::from_rule_code`] and shows its message in either language.
pub const RULE_REFUSALS: [DomainError; 31] = [
    DomainError::OutsideApplicationPeriod,
    DomainError::AlreadyAppliedInRound,
    DomainError::NotEligible,
    DomainError::SpecialtyMismatch,
    DomainError::ProgramNotRecruiting,
    DomainError::WithdrawalClosed,
    DomainError::OutsideAdjustmentPeriod,
    DomainError::NotDeclinable,
    DomainError::OutsideConfirmationPeriod,
    DomainError::AlreadyConfirmed,
    DomainError::ProfileLocked,
    DomainError::ApplicationLive,
    DomainError::RegistrationLinkExpired,
    DomainError::RegistrationLinkUsed,
    DomainError::LinkExpired,
    DomainError::LinkUsed,
    DomainError::LinkSuperseded,
    DomainError::NotInProgram,
    DomainError::RecordsKeptBySociety,
    DomainError::RecordsKeptByResident,
    DomainError::FacilityNotInProgram,
    DomainError::PeriodOverlaps,
    DomainError::RecordApproved,
    DomainError::RecordNotAwaitingApproval,
    DomainError::RecordsNotApproved,
    DomainError::CompletionAlreadyFiled,
    DomainError::NotYourStep,
    DomainError::CompletionNotApproved,
    DomainError::FeeNotPaid,
    DomainError::FeeAlreadyRecorded,
    DomainError::CertificateAlreadyIssued,
];

/// Every schedule problem, to rebuild [`DomainError::InvalidSchedule`] from its code.
const SCHEDULE_PROBLEMS: [ScheduleProblem; 7] = [
    ScheduleProblem::WindowEndsBeforeStart,
    ScheduleProblem::AdjustmentBeforeApplicationEnds,
    ScheduleProblem::ResultsBeforeApplicationEnds,
    ScheduleProblem::ResultsBeforeAdjustmentEnds,
    ScheduleProblem::ConfirmationBeforeAdjustmentEnds,
    ScheduleProblem::AdjustmentRequired,
    ScheduleProblem::ResearcherCourseHasOnlyApplication,
];

impl DomainError {
    /// The rule refusal behind a problem's `code`, for those that carry nothing else
    /// ([`RULE_REFUSALS`]); `None` for any other code.
    pub fn from_rule_code(code: &str) -> Option<DomainError> {
        RULE_REFUSALS.into_iter().find(|refusal| refusal.code() == code)
    }

    /// The validation refusal behind an `errors[]` entry `{field, code}` of a 422, so that a
    /// client shows the domain's message in the reader's language; `None` for a field or a code
    /// the domain does not know (the API's own, e.g. `registration-number-taken`), or a schedule
    /// problem reported against another field than its own.
    pub fn from_field_code(field: &str, code: &str) -> Option<DomainError> {
        if let Some(problem) = SCHEDULE_PROBLEMS.into_iter().find(|p| p.code() == code) {
            return (problem.field() == field).then_some(DomainError::InvalidSchedule(problem));
        }
        let field = FIELDS.iter().find(|known| **known == field)?;
        let code = FIELD_CODES.iter().find(|known| **known == code)?;
        Some(DomainError::Invalid { field, code })
    }
}

/// The Japanese label of an API field, for messages such as 「メールアドレスを入力してください。」;
/// 「入力内容」 for a field not in [`FIELDS`].
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
        "regional_quota" => "地域枠",
        "regional_quota_prefecture" => "地域枠の都道府県",
        "regional_quota_consent" => "厚労省リストとの対比への同意",
        "password" => "パスワード",
        "user_id" => "ユーザID",
        "login" => "ユーザIDまたはメールアドレス",
        "legacy_user_id" => "旧ユーザID",
        "name" => "名称",
        "year" => "年度",
        "capacity" => "定員",
        "ceiling" => "シーリング数",
        "audience" => "対象",
        "title" => "件名",
        "body" => "本文",
        "title_en" => "英語の件名",
        "body_en" => "英語の本文",
        "kind" => "募集区分",
        "status" => "応募状況",
        "decision" => "採否",
        "application_ends_at" => "応募期間の終了",
        "adjustment_starts_at" => "採用調整期間の開始",
        "results_at" => "採用結果通知",
        "confirmation_starts_at" => "募集実施確認期間の開始",
        "url" => "URL",
        "events" => "通知するイベント",
        "cursor" => "カーソル",
        "training_years" => "研修年限",
        "from" => "研修開始日",
        "to" => "研修終了日",
        "reason" => "理由",
        "category" => "相談の種類",
        "role" => "役割",
        "code" => "確認コード",
        _ => "入力内容",
    }
}

/// The English label of an API field, capitalised as at the start of a sentence
/// ("Family name is required."); "This field" for a field not in [`FIELDS`].
pub fn field_label_en(field: &str) -> &'static str {
    match field {
        "email" => "Email address",
        "family_name" => "Family name",
        "given_name" => "Given name",
        "family_name_kana" => "Family name in katakana",
        "given_name_kana" => "Given name in katakana",
        "date_of_birth" => "Date of birth",
        "gender" => "Gender",
        "medical_registration_number" => "Medical registration number",
        "license_year_month" => "Licence year and month",
        "postal_code" => "Postal code",
        "prefecture" => "Prefecture",
        "address" => "Address",
        "phone" => "Phone number",
        "clinical_training_program" => "Clinical training program",
        "clinical_training_completed_on" => "Clinical training completion date",
        "specialty" => "Specialty",
        "track" => "Training track",
        "curriculum_reason" => "Reason for the curriculum track",
        "curriculum_reason_detail" => "Written reason for the curriculum track",
        "regional_quota" => "Regional quota",
        "regional_quota_prefecture" => "Regional quota prefecture",
        "regional_quota_consent" => "Consent to the ministry's check",
        "password" => "Password",
        "user_id" => "User ID",
        "login" => "User ID or email address",
        "legacy_user_id" => "Old system user ID",
        "name" => "Name",
        "year" => "Year",
        "capacity" => "Capacity",
        "ceiling" => "Ceiling",
        "audience" => "Audience",
        "title" => "Title",
        "body" => "Body",
        "title_en" => "English title",
        "body_en" => "English body",
        "kind" => "Round kind",
        "status" => "Application status",
        "decision" => "Decision",
        "application_ends_at" => "End of the application period",
        "adjustment_starts_at" => "Start of the adjustment period",
        "results_at" => "Result notification",
        "confirmation_starts_at" => "Start of the confirmation period",
        "url" => "URL",
        "events" => "Events",
        "cursor" => "Cursor",
        "training_years" => "Training years",
        "from" => "First day",
        "to" => "Last day",
        "reason" => "Reason",
        "category" => "Kind of consultation",
        "role" => "Role",
        "code" => "Verification code",
        _ => "This field",
    }
}

/// A label in the middle of a sentence ("Please choose the regional quota prefecture"): its first
/// letter lowered.
fn label_in_sentence_en(field: &str) -> String {
    let label = field_label_en(field);
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
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
            format!("{label}は西暦の年と月で入力してください（例：2021-04、202104、2021/4）。")
        }
        "invalid-gender" => "性別を選択してください。".into(),
        "invalid-track" => "プログラム制またはカリキュラム制を選択してください。".into(),
        "invalid-curriculum-reason" => "カリキュラム制の理由を選択してください。".into(),
        "consent-required" => "地域枠の場合、厚労省の保持するリストとの対比への同意が必要です。".into(),
        "invalid-prefecture" => format!("{label}を正しく選択してください。"),
        "unknown-specialty" => "領域を正しく選択してください。".into(),
        "invalid-user-id" => "ユーザIDが正しくありません。入力内容をご確認ください。".into(),
        "invalid-characters" => format!("{label}に使用できない文字が含まれています。"),
        "invalid-date" => format!("{label}は実在する日付を西暦で入力してください（例：2024-04-01、20240401、2024/4/1）。"),
        "implausible-date-of-birth" => "生年月日をご確認ください。".into(),
        "invalid-name" => {
            format!("{label}は{CATALOGUE_NAME_MAX_CHARS}文字以内で、改行を含めずに入力してください。")
        }
        "invalid-year" => format!("{label}は{}〜{}で入力してください。", YEARS.start(), YEARS.end()),
        "invalid-capacity" => {
            format!("{label}は{}〜{}名で入力してください。", CAPACITIES.start(), CAPACITIES.end())
        }
        "invalid-ceiling" => {
            format!("{label}は{}〜{}名で入力してください。", CEILINGS.start(), CEILINGS.end())
        }
        "invalid-audience" => "対象を「全員」「専攻医」「統括責任者」から選択してください。".into(),
        "invalid-title" => format!("{label}は{TITLE_MAX_CHARS}文字以内で、改行を含めずに入力してください。"),
        "invalid-body-text" => format!("{label}は{BODY_MAX_CHARS}文字以内で入力してください。"),
        "english-incomplete" => format!("{label}も入力してください（英語版が要らなければ、英語の件名と本文を両方とも空にしてください）。"),
        "invalid-webhook-url" => {
            "URLは「https://ホスト名/パス」の形式で、認証情報やフラグメント（#）を含めずに入力してください。".into()
        }
        "webhook-url-not-https" => "URLは https:// で始まるものを指定してください。".into(),
        "webhook-url-not-public" => {
            "ループバック・プライベート・リンクローカルのアドレスには送信できません。公開されたURLを指定してください。".into()
        }
        "unknown-webhook-event" => "通知するイベントを一覧から選択してください。".into(),
        "invalid-cursor" => "カーソルが正しくありません。前回の応答の next_cursor をそのまま指定してください。".into(),
        "invalid-training-years" => {
            format!("{label}は{}〜{}年で入力してください。", TRAINING_YEARS.start(), TRAINING_YEARS.end())
        }
        "period-ends-before-start" => "研修終了日は研修開始日以降の日付を入力してください。".into(),
        "unknown-consultation-category" => "相談の種類を一覧から選択してください。".into(),
        "staff-password-length" => "パスワードは12文字以上128文字以内で入力してください。".into(),
        "unknown-role" => "役割は管理者・相談窓口担当者・統括責任者から選択してください。".into(),
        "invalid-second-factor-code" => {
            "確認コードが正しくありません。認証アプリの6桁の数字か、リカバリーコードを入力してください。".into()
        }
        _ => format!("{label}が正しくありません。"),
    }
}

fn invalid_message_en(field: &str, code: &str) -> String {
    let label = field_label_en(field);
    match code {
        "required" => format!("{label} is required."),
        "too-long" => format!("{label} is too long."),
        "invalid-email" => "The email address is not valid.".into(),
        "mobile-carrier-email" => "Mobile carrier email addresses cannot be registered.".into(),
        "invalid-medical-registration-number" => {
            "The medical registration number has 7 digits (prefix a 6-digit number with 0).".into()
        }
        "not-katakana" => format!("{label} must be written in full-width katakana."),
        "invalid-postal-code" => "The postal code has 7 digits.".into(),
        "invalid-phone" => "The phone number has 10 or 11 digits.".into(),
        "password-length" => "The password has 6 to 20 letters and digits.".into(),
        "password-characters" => "The password may contain only ASCII letters and digits.".into(),
        "password-too-weak" => "This password is too easy to guess.".into(),
        "invalid-year-month" => format!("{label} must be a year and month: e.g. 2021-04, 202104 or 2021/4."),
        "invalid-gender" => "Please choose the gender.".into(),
        "invalid-track" => "Please choose the program track or the curriculum track.".into(),
        "invalid-curriculum-reason" => "Please choose the reason for the curriculum track.".into(),
        "consent-required" => {
            "A regional quota needs consent to the check against the ministry's list.".into()
        }
        "invalid-prefecture" => format!("Please choose the {} from the list.", label_in_sentence_en(field)),
        "unknown-specialty" => "Please choose the specialty from the list.".into(),
        "invalid-user-id" => "The user ID is not valid; please check it.".into(),
        "invalid-characters" => format!("{label} contains characters that cannot be used."),
        "invalid-date" => {
            format!("{label} must be a real date, year first: e.g. 2024-04-01, 20240401 or 2024/4/1.")
        }
        "implausible-date-of-birth" => "Please check the date of birth.".into(),
        "invalid-name" => {
            format!("{label} must be 1 to {CATALOGUE_NAME_MAX_CHARS} characters, without line breaks.")
        }
        "invalid-year" => format!("{label} must be from {} to {}.", YEARS.start(), YEARS.end()),
        "invalid-capacity" => format!("{label} must be from {} to {}.", CAPACITIES.start(), CAPACITIES.end()),
        "invalid-ceiling" => format!("{label} must be from {} to {}.", CEILINGS.start(), CEILINGS.end()),
        "invalid-audience" => "Choose everyone, residents or directors.".into(),
        "invalid-title" => format!("{label} must be 1 to {TITLE_MAX_CHARS} characters, without line breaks."),
        "invalid-body-text" => format!("{label} must be 1 to {BODY_MAX_CHARS} characters."),
        "english-incomplete" => {
            format!(
                "{label} is needed too (leave both the English title and body empty for no English text)."
            )
        }
        "invalid-webhook-url" => {
            "The URL must look like https://host/path, without credentials or a fragment (#).".into()
        }
        "webhook-url-not-https" => "The URL must start with https://.".into(),
        "webhook-url-not-public" => {
            "Loopback, private and link-local addresses cannot receive webhooks; give a public URL.".into()
        }
        "unknown-webhook-event" => "Choose the events from the list.".into(),
        "invalid-cursor" => {
            "The cursor is not valid; send back the next cursor of the last answer as it is.".into()
        }
        "invalid-training-years" => {
            format!("{label} must be from {} to {}.", TRAINING_YEARS.start(), TRAINING_YEARS.end())
        }
        "period-ends-before-start" => "The last day must be on or after the first day.".into(),
        "unknown-consultation-category" => "Choose the kind of consultation from the list.".into(),
        "staff-password-length" => "The password has 12 to 128 characters.".into(),
        "unknown-role" => "Choose the role: admin, consultation officer or program director.".into(),
        "invalid-second-factor-code" => {
            "The code is not right: enter the 6 digits of your authenticator app, or a recovery code.".into()
        }
        _ => format!("{label} is not valid."),
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
            (
                DomainError::CapacityExceeded { capacity: 12, hired: 11, requested: 2 },
                "capacity-exceeded",
                "12名",
            ),
            (
                DomainError::CeilingExceeded { ceiling: 210, hired: 209, requested: 3 },
                "ceiling-exceeded",
                "210名",
            ),
            (DomainError::CeilingBelowHires { ceiling: 207, hired: 209 }, "ceiling-below-hires", "207名"),
            (DomainError::CapacityBelowHires { capacity: 4, hired: 5 }, "capacity-below-hires", "4名"),
        ];
        for (error, code, figure) in cases {
            assert_eq!(error.code(), code);
            assert!(error.message_ja().contains(figure), "{}", error.message_ja());
            assert!(error.message_en().contains(figure.trim_end_matches('名')));
            assert_eq!(error.field(), None);
        }
        let below = DomainError::CeilingBelowHires { ceiling: 207, hired: 209 }.message_ja();
        assert!(below.contains("採用済みの人数（209名）"), "{below}");
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
            (DomainError::OutsideConfirmationPeriod, "outside-confirmation-period"),
            (DomainError::AlreadyConfirmed, "already-confirmed"),
            (DomainError::ProfileLocked, "profile-locked"),
            (DomainError::ApplicationLive, "application-live"),
            (DomainError::RegistrationLinkExpired, "registration-link-expired"),
            (DomainError::RegistrationLinkUsed, "registration-link-used"),
            (DomainError::LinkSuperseded, "link-superseded"),
            (DomainError::NotInProgram, "not-in-program"),
            (DomainError::RecordsKeptBySociety, "records-kept-by-society"),
            (DomainError::RecordsKeptByResident, "records-kept-by-resident"),
            (DomainError::FacilityNotInProgram, "facility-not-in-program"),
            (DomainError::PeriodOverlaps, "period-overlaps"),
            (DomainError::RecordApproved, "record-approved"),
            (DomainError::RecordNotAwaitingApproval, "record-not-awaiting-approval"),
            (DomainError::RecordsNotApproved, "records-not-approved"),
            (DomainError::CompletionAlreadyFiled, "completion-already-filed"),
            (DomainError::NotYourStep, "not-your-step"),
            (DomainError::CompletionNotApproved, "completion-not-approved"),
            (DomainError::FeeNotPaid, "fee-not-paid"),
            (DomainError::FeeAlreadyRecorded, "fee-already-recorded"),
            (DomainError::CertificateAlreadyIssued, "certificate-already-issued"),
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
    fn a_period_in_the_future_names_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
        let error = DomainError::PeriodInFuture { today };
        assert_eq!(error.code(), "period-in-future");
        assert_eq!(error.field(), None);
        assert!(error.message_ja().contains("今日（2026-12-07）"), "{}", error.message_ja());
        assert!(error.message_en().contains("today (2026-12-07)"), "{}", error.message_en());
    }

    #[test]
    fn a_period_outside_the_program_names_its_training_years() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let error =
            DomainError::PeriodOutsideProgram { first_day: day(2024, 4, 1), last_day: day(2027, 3, 31) };
        assert_eq!(error.code(), "period-outside-program");
        assert_eq!(error.field(), None);
        assert!(error.message_ja().contains("2024-04-01〜2027-03-31"), "{}", error.message_ja());
        assert!(error.message_en().contains("2024-04-01 to 2027-03-31"), "{}", error.message_en());
    }

    #[test]
    fn a_rule_refusal_is_rebuilt_from_its_code_alone() {
        let codes: std::collections::BTreeSet<&str> = RULE_REFUSALS.iter().map(DomainError::code).collect();
        assert_eq!(codes.len(), RULE_REFUSALS.len(), "no code twice");
        for refusal in RULE_REFUSALS {
            assert!(!refusal.is_validation(), "{refusal:?}");
            assert_eq!(DomainError::from_rule_code(refusal.code()), Some(refusal));
        }
        assert_eq!(DomainError::from_rule_code("capacity-exceeded"), None, "it carries figures");
        assert_eq!(DomainError::from_rule_code("required"), None);
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

    /// One refusal of every kind the crate's parsers give, by running each parser on input it
    /// refuses.
    fn every_parser_refusal() -> Vec<DomainError> {
        use crate::application::{Application, ApplicationStatus, Decision};
        use crate::registration::{
            ClinicalTrainingProgram, Email, Gender, Kana, KanjiName, LicenseYearMonth,
            MedicalRegistrationNumber, NamePart, Password, Phone, PostalCode, parse_regional_quota,
            parse_track,
        };
        use crate::resident::{Address, ResidentForm, parse_date, parse_date_of_birth};
        use crate::round::{RoundKind, RoundSchedule};
        use crate::time::{Window, noon_jst};
        use crate::{Prefecture, Specialty, UserId};

        let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date");
        let long = "あ".repeat(1001);
        let day = |d| noon_jst(2024, 1, d);
        let window = |from, to| Window { start: day(from), end: day(to) };
        // Applications from the 1st to the 10th.
        let schedule = |kind, adjustment, confirmation, results| {
            RoundSchedule::new(2024, kind, window(1, 10), adjustment, confirmation, day(results)).map(drop)
        };
        let parsed: Vec<Result<(), DomainError>> = vec![
            Email::parse("").map(drop),
            Email::parse("taro").map(drop),
            Email::parse("taro@docomo.ne.jp").map(drop),
            MedicalRegistrationNumber::parse("12345").map(drop),
            KanjiName::parse(NamePart::Family, &long).map(drop),
            KanjiName::parse(NamePart::Given, "山\u{0}田").map(drop),
            Kana::parse(NamePart::Family, "やまだ").map(drop),
            Kana::parse(NamePart::Given, "").map(drop),
            PostalCode::parse("123").map(drop),
            Phone::parse("123").map(drop),
            Password::parse("").map(drop),
            Password::parse("pass word").map(drop),
            Password::parse("a1").map(drop),
            Password::parse("password").map(drop),
            LicenseYearMonth::parse("2021/13").map(drop),
            ClinicalTrainingProgram::parse(&long).map(drop),
            Gender::parse("other").map(drop),
            parse_track("rotation", None, None).map(drop),
            parse_track("curriculum", None, None).map(drop),
            parse_track("curriculum", Some("study-abroad"), None).map(drop),
            parse_track("curriculum", Some("other"), Some(&long)).map(drop),
            parse_track("curriculum", Some("other"), None).map(drop),
            parse_regional_quota(true, None, true).map(drop),
            parse_regional_quota(true, Some("48"), true).map(drop),
            parse_regional_quota(true, Some("01"), false).map(drop),
            Prefecture::parse("48").map(drop),
            Specialty::parse("dentistry").map(drop),
            UserId::parse("S123").map(drop),
            crate::program::parse_catalogue_name("東京\n病院").map(drop),
            crate::program::parse_year(1999).map(drop),
            crate::program::parse_capacity(0).map(drop),
            crate::announcement::Audience::parse("everyone").map(drop),
            crate::announcement::parse_title("").map(drop),
            crate::announcement::parse_body("").map(drop),
            Address::parse(&long).map(drop),
            Address::parse("a\nb").map(drop),
            parse_date("clinical_training_completed_on", "2024/04/31").map(drop),
            parse_date_of_birth("2020-01-01", today).map(drop),
            RoundKind::parse("third").map(drop),
            crate::capacity::parse_ceiling(10_001).map(drop),
            ApplicationStatus::parse("hired").map(drop),
            Decision::parse("applied").map(drop),
            Application::from_stored(ApplicationStatus::Applied, Some(Decision::Accepted)).map(drop),
            Window::new(day(2), day(1)).map(drop),
            schedule(RoundKind::First, Some(window(11, 15)), None, 5),
            schedule(RoundKind::ResearcherCourse, Some(window(11, 15)), None, 20),
            schedule(RoundKind::First, None, None, 20),
            schedule(RoundKind::First, Some(window(5, 15)), None, 20),
            schedule(RoundKind::First, Some(window(11, 15)), None, 12),
            schedule(RoundKind::First, Some(window(11, 15)), Some(window(13, 16)), 20),
            crate::webhook::WebhookUrl::parse("society.example.jp", false).map(drop),
            crate::webhook::WebhookUrl::parse("http://society.example.jp", false).map(drop),
            crate::webhook::WebhookUrl::parse("https://10.0.0.1/", false).map(drop),
            crate::webhook::parse_events(&["application.created".to_string()]).map(drop),
            crate::sync::ChangeCursor::parse("x").map(drop),
            crate::training::parse_training_years(0).map(drop),
            crate::training::Reason::parse("").map(drop),
            crate::consultation::ConsultationCategory::parse("x").map(drop),
            crate::consultation::ConsultationText::parse("").map(drop),
            crate::staff::StaffPassword::parse("short", &|_| false).map(drop),
            crate::staff::parse_invitable_role("resident").map(drop),
            crate::staff::SecondFactorCode::parse("1").map(drop),
        ];
        let mut refusals: Vec<DomainError> = parsed.into_iter().filter_map(Result::err).collect();
        refusals.extend(ResidentForm::default().parse(today).expect_err("an empty form"));
        refusals.extend(crate::announcement::parse_english(Some("t"), None).expect_err("a title alone"));
        refusals.extend(crate::announcement::parse_english(None, Some("b")).expect_err("a body alone"));
        refusals.extend(crate::training::TrainingPeriod::parse("f", "x", "x").expect_err("no dates"));
        refusals.extend(
            crate::training::TrainingPeriod::parse("f", "2024-04-02", "2024-04-01").expect_err("backwards"),
        );
        refusals
    }

    #[test]
    fn every_code_a_parser_gives_is_listed_and_rebuilds_from_its_field_and_code() {
        let refusals = every_parser_refusal();
        for refusal in &refusals {
            let field = refusal.field().expect("a validation refusal");
            assert!(FIELD_CODES.contains(&refusal.code()), "{refusal:?}");
            assert!(FIELDS.contains(&field), "{refusal:?}");
            assert_eq!(DomainError::from_field_code(field, refusal.code()).as_ref(), Some(refusal));
        }
        let produced: std::collections::BTreeSet<&str> = refusals.iter().map(DomainError::code).collect();
        let listed: std::collections::BTreeSet<&str> = FIELD_CODES.iter().copied().collect();
        assert_eq!(listed.len(), FIELD_CODES.len(), "no code twice");
        assert_eq!(produced, listed, "every listed code is one a parser gives");
        let mut named: std::collections::BTreeSet<&str> =
            refusals.iter().filter_map(DomainError::field).collect();
        // Request fields whose values the API parses under another name.
        named.extend(["login", "legacy_user_id", "regional_quota"]);
        let fields: std::collections::BTreeSet<&str> = FIELDS.iter().copied().collect();
        assert_eq!(fields.len(), FIELDS.len(), "no field twice");
        assert_eq!(named, fields, "every listed field is one a refusal names");
    }

    #[test]
    fn from_field_code_knows_only_the_domains_fields_and_codes() {
        let cases = [
            ("login", "required", Some(DomainError::invalid("login", "required"))),
            (
                "regional_quota_prefecture",
                "invalid-prefecture",
                Some(DomainError::invalid("regional_quota_prefecture", "invalid-prefecture")),
            ),
            (
                "results_at",
                "results-before-adjustment-ends",
                Some(DomainError::InvalidSchedule(ScheduleProblem::ResultsBeforeAdjustmentEnds)),
            ),
            ("medical_registration_number", "registration-number-taken", None),
            ("password_confirm", "password-mismatch", None),
            ("token", "required", None),
            ("email", "", None),
            ("", "required", None),
            // A schedule problem is only ever reported against its own field.
            ("application_ends_at", "results-before-adjustment-ends", None),
        ];
        for (field, code, expected) in cases {
            assert_eq!(DomainError::from_field_code(field, code), expected, "{field} {code}");
        }
    }

    #[test]
    fn every_field_has_a_label_in_japanese_and_in_english() {
        let labels = [
            ("email", "メールアドレス", "Email address"),
            ("family_name", "氏名（姓）", "Family name"),
            ("given_name", "氏名（名）", "Given name"),
            ("family_name_kana", "フリガナ（姓）", "Family name in katakana"),
            ("given_name_kana", "フリガナ（名）", "Given name in katakana"),
            ("date_of_birth", "生年月日", "Date of birth"),
            ("gender", "性別", "Gender"),
            ("medical_registration_number", "医籍登録番号", "Medical registration number"),
            ("license_year_month", "医師免許取得年月", "Licence year and month"),
            ("postal_code", "郵便番号", "Postal code"),
            ("prefecture", "都道府県", "Prefecture"),
            ("address", "住所", "Address"),
            ("phone", "電話番号", "Phone number"),
            ("clinical_training_program", "修了（予定）臨床研修プログラム名", "Clinical training program"),
            (
                "clinical_training_completed_on",
                "臨床研修修了（予定）年月日",
                "Clinical training completion date",
            ),
            ("specialty", "領域", "Specialty"),
            ("track", "専門研修選択", "Training track"),
            ("curriculum_reason", "カリキュラム制の理由", "Reason for the curriculum track"),
            (
                "curriculum_reason_detail",
                "カリキュラム制となる理由",
                "Written reason for the curriculum track",
            ),
            ("regional_quota", "地域枠", "Regional quota"),
            ("regional_quota_prefecture", "地域枠の都道府県", "Regional quota prefecture"),
            ("regional_quota_consent", "厚労省リストとの対比への同意", "Consent to the ministry's check"),
            ("password", "パスワード", "Password"),
            ("user_id", "ユーザID", "User ID"),
            ("login", "ユーザIDまたはメールアドレス", "User ID or email address"),
            ("legacy_user_id", "旧ユーザID", "Old system user ID"),
            ("name", "名称", "Name"),
            ("year", "年度", "Year"),
            ("capacity", "定員", "Capacity"),
            ("ceiling", "シーリング数", "Ceiling"),
            ("audience", "対象", "Audience"),
            ("title", "件名", "Title"),
            ("body", "本文", "Body"),
            ("title_en", "英語の件名", "English title"),
            ("body_en", "英語の本文", "English body"),
            ("kind", "募集区分", "Round kind"),
            ("status", "応募状況", "Application status"),
            ("decision", "採否", "Decision"),
            ("application_ends_at", "応募期間の終了", "End of the application period"),
            ("adjustment_starts_at", "採用調整期間の開始", "Start of the adjustment period"),
            ("results_at", "採用結果通知", "Result notification"),
            ("confirmation_starts_at", "募集実施確認期間の開始", "Start of the confirmation period"),
            ("url", "URL", "URL"),
            ("events", "通知するイベント", "Events"),
            ("cursor", "カーソル", "Cursor"),
            ("training_years", "研修年限", "Training years"),
            ("from", "研修開始日", "First day"),
            ("to", "研修終了日", "Last day"),
            ("reason", "理由", "Reason"),
            ("category", "相談の種類", "Kind of consultation"),
            ("role", "役割", "Role"),
            ("code", "確認コード", "Verification code"),
        ];
        assert_eq!(labels.map(|(field, _, _)| field).as_slice(), FIELDS, "one row per field, in order");
        for (field, ja, en) in labels {
            assert_eq!((field_label_ja(field), field_label_en(field)), (ja, en), "{field}");
        }
        assert_eq!((field_label_ja("token"), field_label_en("token")), ("入力内容", "This field"));
    }

    #[test]
    fn every_validation_code_has_its_message_in_both_languages() {
        let messages = [
            ("family_name", "required", "氏名（姓）を入力してください。", "Family name is required."),
            (
                "clinical_training_program",
                "too-long",
                "修了（予定）臨床研修プログラム名が長すぎます。",
                "Clinical training program is too long.",
            ),
            (
                "address",
                "invalid-characters",
                "住所に使用できない文字が含まれています。",
                "Address contains characters that cannot be used.",
            ),
            (
                "email",
                "invalid-email",
                "メールアドレスの形式が正しくありません。",
                "The email address is not valid.",
            ),
            (
                "email",
                "mobile-carrier-email",
                "携帯電話のメールアドレスは登録できません。",
                "Mobile carrier email addresses cannot be registered.",
            ),
            (
                "medical_registration_number",
                "invalid-medical-registration-number",
                "医籍登録番号は7桁で入力してください（6桁の場合は先頭に0をつけてください）。",
                "The medical registration number has 7 digits (prefix a 6-digit number with 0).",
            ),
            (
                "given_name_kana",
                "not-katakana",
                "フリガナ（名）は全角カタカナで入力してください。",
                "Given name in katakana must be written in full-width katakana.",
            ),
            (
                "postal_code",
                "invalid-postal-code",
                "郵便番号は7桁の数字で入力してください。",
                "The postal code has 7 digits.",
            ),
            (
                "phone",
                "invalid-phone",
                "電話番号は10桁または11桁の数字で入力してください。",
                "The phone number has 10 or 11 digits.",
            ),
            (
                "password",
                "password-length",
                "パスワードは半角英数字6〜20文字で入力してください。",
                "The password has 6 to 20 letters and digits.",
            ),
            (
                "password",
                "password-characters",
                "パスワードは半角英数字のみで入力してください。",
                "The password may contain only ASCII letters and digits.",
            ),
            (
                "password",
                "password-too-weak",
                "推測されやすいパスワードは使用できません。別のパスワードを入力してください。",
                "This password is too easy to guess.",
            ),
            (
                "license_year_month",
                "invalid-year-month",
                "医師免許取得年月は西暦の年と月で入力してください（例：2021-04、202104、2021/4）。",
                "Licence year and month must be a year and month: e.g. 2021-04, 202104 or 2021/4.",
            ),
            (
                "clinical_training_completed_on",
                "invalid-date",
                "臨床研修修了（予定）年月日は実在する日付を西暦で入力してください（例：2024-04-01、20240401、2024/4/1）。",
                "Clinical training completion date must be a real date, year first: e.g. 2024-04-01, 20240401 or 2024/4/1.",
            ),
            (
                "date_of_birth",
                "implausible-date-of-birth",
                "生年月日をご確認ください。",
                "Please check the date of birth.",
            ),
            ("gender", "invalid-gender", "性別を選択してください。", "Please choose the gender."),
            (
                "track",
                "invalid-track",
                "プログラム制またはカリキュラム制を選択してください。",
                "Please choose the program track or the curriculum track.",
            ),
            (
                "curriculum_reason",
                "invalid-curriculum-reason",
                "カリキュラム制の理由を選択してください。",
                "Please choose the reason for the curriculum track.",
            ),
            (
                "regional_quota_consent",
                "consent-required",
                "地域枠の場合、厚労省の保持するリストとの対比への同意が必要です。",
                "A regional quota needs consent to the check against the ministry's list.",
            ),
            (
                "regional_quota_prefecture",
                "invalid-prefecture",
                "地域枠の都道府県を正しく選択してください。",
                "Please choose the regional quota prefecture from the list.",
            ),
            (
                "specialty",
                "unknown-specialty",
                "領域を正しく選択してください。",
                "Please choose the specialty from the list.",
            ),
            (
                "login",
                "invalid-user-id",
                "ユーザIDが正しくありません。入力内容をご確認ください。",
                "The user ID is not valid; please check it.",
            ),
            (
                "name",
                "invalid-name",
                "名称は200文字以内で、改行を含めずに入力してください。",
                "Name must be 1 to 200 characters, without line breaks.",
            ),
            (
                "audience",
                "invalid-audience",
                "対象を「全員」「専攻医」「統括責任者」から選択してください。",
                "Choose everyone, residents or directors.",
            ),
            (
                "title",
                "invalid-title",
                "件名は200文字以内で、改行を含めずに入力してください。",
                "Title must be 1 to 200 characters, without line breaks.",
            ),
            (
                "body",
                "invalid-body-text",
                "本文は10000文字以内で入力してください。",
                "Body must be 1 to 10000 characters.",
            ),
            (
                "body_en",
                "english-incomplete",
                "英語の本文も入力してください（英語版が要らなければ、英語の件名と本文を両方とも空にしてください）。",
                "English body is needed too (leave both the English title and body empty for no English text).",
            ),
            ("kind", "unknown-round-kind", "募集区分が正しくありません。", "Round kind is not valid."),
            (
                "year",
                "invalid-year",
                "年度は2000〜2100で入力してください。",
                "Year must be from 2000 to 2100.",
            ),
            (
                "capacity",
                "invalid-capacity",
                "定員は1〜1000名で入力してください。",
                "Capacity must be from 1 to 1000.",
            ),
            (
                "ceiling",
                "invalid-ceiling",
                "シーリング数は0〜10000名で入力してください。",
                "Ceiling must be from 0 to 10000.",
            ),
            ("status", "unknown-status", "応募状況が正しくありません。", "Application status is not valid."),
            ("decision", "unknown-decision", "採否が正しくありません。", "Decision is not valid."),
            (
                "decision",
                "decision-inconsistent-with-status",
                "採否が正しくありません。",
                "Decision is not valid.",
            ),
        ];
        let messages = [
            messages.as_slice(),
            &[
                (
                    "url",
                    "invalid-webhook-url",
                    "URLは「https://ホスト名/パス」の形式で、認証情報やフラグメント（#）を含めずに入力してください。",
                    "The URL must look like https://host/path, without credentials or a fragment (#).",
                ),
                ("url", "webhook-url-not-https", "URLは https:// で始まるものを指定してください。", "The URL must start with https://."),
                (
                    "url",
                    "webhook-url-not-public",
                    "ループバック・プライベート・リンクローカルのアドレスには送信できません。公開されたURLを指定してください。",
                    "Loopback, private and link-local addresses cannot receive webhooks; give a public URL.",
                ),
                (
                    "events",
                    "unknown-webhook-event",
                    "通知するイベントを一覧から選択してください。",
                    "Choose the events from the list.",
                ),
                (
                    "cursor",
                    "invalid-cursor",
                    "カーソルが正しくありません。前回の応答の next_cursor をそのまま指定してください。",
                    "The cursor is not valid; send back the next cursor of the last answer as it is.",
                ),
                (
                    "training_years",
                    "invalid-training-years",
                    "研修年限は1〜6年で入力してください。",
                    "Training years must be from 1 to 6.",
                ),
                (
                    "to",
                    "period-ends-before-start",
                    "研修終了日は研修開始日以降の日付を入力してください。",
                    "The last day must be on or after the first day.",
                ),
                (
                    "category",
                    "unknown-consultation-category",
                    "相談の種類を一覧から選択してください。",
                    "Choose the kind of consultation from the list.",
                ),
                (
                    "password",
                    "staff-password-length",
                    "パスワードは12文字以上128文字以内で入力してください。",
                    "The password has 12 to 128 characters.",
                ),
                (
                    "role",
                    "unknown-role",
                    "役割は管理者・相談窓口担当者・統括責任者から選択してください。",
                    "Choose the role: admin, consultation officer or program director.",
                ),
                (
                    "code",
                    "invalid-second-factor-code",
                    "確認コードが正しくありません。認証アプリの6桁の数字か、リカバリーコードを入力してください。",
                    "The code is not right: enter the 6 digits of your authenticator app, or a recovery code.",
                ),
            ],
        ]
        .concat();
        for (field, code, ja, en) in messages.iter().copied() {
            let error = DomainError::from_field_code(field, code).expect("a known field and code");
            assert_eq!((error.message_ja(), error.message_en()), (ja.to_string(), en.to_string()), "{code}");
        }
        // The schedule's codes read as the round's own messages.
        for problem in SCHEDULE_PROBLEMS {
            let error = DomainError::from_field_code(problem.field(), problem.code()).expect("known");
            assert_eq!(
                (error.message_ja(), error.message_en()),
                (problem.message_ja().into(), problem.message_en().into())
            );
        }
        let covered: std::collections::BTreeSet<&str> = messages
            .iter()
            .map(|(_, code, _, _)| *code)
            .chain(SCHEDULE_PROBLEMS.map(ScheduleProblem::code))
            .collect();
        assert_eq!(covered, FIELD_CODES.iter().copied().collect(), "one row per code");
    }

    #[test]
    fn english_messages_name_the_field_in_english() {
        for field in FIELDS {
            for code in ["required", "too-long", "not-katakana", "invalid-date", "some-new-code"] {
                let en = invalid_message_en(field, code);
                assert!(en.starts_with(field_label_en(field)), "{field} {code}: {en}");
                assert!(!en.contains('_') && !en.contains("-code"), "{field} {code}: {en}");
                assert!(invalid_message_ja(field, code).starts_with(field_label_ja(field)), "{field} {code}");
            }
        }
        assert_eq!(invalid_message_en("token", "required"), "This field is required.");
        assert_eq!(invalid_message_ja("token", "required"), "入力内容を入力してください。");
        assert_eq!(
            invalid_message_en("prefecture", "invalid-prefecture"),
            "Please choose the prefecture from the list."
        );
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
