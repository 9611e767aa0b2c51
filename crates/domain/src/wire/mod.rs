//! The JSON bodies of the public API, shared by the API (which serves them) and the SPA (which reads them).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::prefecture::Prefecture;
use crate::resident::ResidentForm;
use crate::role::Role;
use crate::round::RoundKind;

/// One page of a list: `{items, total, page, per_page}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    /// How many pages the list has: at least one, even when it is empty.
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// `GET /time`: the server's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerTime {
    pub now: DateTime<Utc>,
}

/// A basic specialty (基本領域).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpecialtyView {
    /// Stable kebab-case code, e.g. `internal-medicine`.
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    /// Not subject to prefecture ceilings (外科, 産婦人科, 病理, 臨床検査).
    pub ceiling_exempt: bool,
    /// Training records come from the society's system (data linkage).
    pub records_linked: bool,
}

/// A prefecture (都道府県) with its JIS code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrefectureView {
    /// JIS code, two digits: `"13"`.
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    /// One of the five ceiling prefectures (東京, 神奈川, 愛知, 大阪, 福岡).
    pub has_ceiling: bool,
}

/// A recruitment round (募集) as the master schedule shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub id: String,
    pub year: i32,
    pub kind: RoundKind,
    pub application_starts_at: DateTime<Utc>,
    pub application_ends_at: DateTime<Utc>,
    pub adjustment_starts_at: Option<DateTime<Utc>>,
    pub adjustment_ends_at: Option<DateTime<Utc>>,
    pub confirmation_starts_at: Option<DateTime<Utc>>,
    pub confirmation_ends_at: Option<DateTime<Utc>>,
    pub results_at: DateTime<Utc>,
}

/// The board's announcement (インフォメーション).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnouncementView {
    pub id: String,
    pub title: String,
    pub body: String,
    /// The English title and body, both or neither; readers in English fall back to the Japanese.
    pub title_en: Option<String>,
    pub body_en: Option<String>,
    pub audience: crate::announcement::Audience,
    pub published_at: DateTime<Utc>,
    /// When it was last edited, if ever.
    pub updated_at: Option<DateTime<Utc>>,
    /// When it was withdrawn; only the board reads a withdrawn announcement.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// A facility (施設): a base facility (基幹施設) or an affiliated one (連携施設).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityView {
    pub id: String,
    pub name: String,
    pub prefecture: Prefecture,
}

/// A program in a search result list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramSummary {
    pub id: String,
    pub name: String,
    pub specialty: String,
    pub year: i32,
    pub prefecture: Prefecture,
    pub base_facility_id: String,
    pub base_facility_name: String,
    /// 定員
    pub capacity: u32,
    /// Applications not withdrawn (応募者数) in the round `counts_round_id`.
    pub applicant_count: u32,
    /// Accepted and not declined (採用数) in that round; `null` until its result notification
    /// (採用結果通知), since no decision is public before it.
    pub hired_count: Option<u32>,
    /// The round both counts are for: the one asked for with `?round=`, by default the program's
    /// current or next round; `null` (and the counts 0) while no round of its year exists.
    pub counts_round_id: Option<String>,
    /// The kind of that round (its year is the program's), to name it beside the counts.
    pub counts_round_kind: Option<crate::round::RoundKind>,
    pub researcher_course: bool,
    /// What the round whose results came out last decided, while the counts are those of a later round (after
    /// the first round's results, the second's counts start at 0 and its hires are hidden, so a
    /// program that filled would look empty); `null` otherwise, and with `?round=`.
    #[serde(default)]
    pub last_results: Option<RoundResults>,
}

/// A round's published figures for one program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundResults {
    pub round_id: String,
    pub round_year: i32,
    pub round_kind: RoundKind,
    /// 応募者数: applications not withdrawn.
    pub applicant_count: u32,
    /// 採用数: accepted and not declined.
    pub hired_count: u32,
}

/// A program (専門研修プログラム) with everything its detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramDetail {
    #[serde(flatten)]
    pub summary: ProgramSummary,
    pub affiliated_facility_ids: Vec<String>,
    pub affiliated_facilities: Vec<FacilityView>,
    /// 研修年限: the training lasts this many years from April 1 of `year`.
    pub training_years: u32,
    pub contact: String,
    pub description: String,
}

// ---------------------------------------------------------------------------------------------
// Applying

/// `POST /applications`: apply to a program in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub program_id: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub round_id: String,
}

/// An application as its resident sees it: `status` reads `applied` until the round's
/// `results_at`, whatever was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: String,
    /// 受付番号, e.g. `2024-1-0123456786`.
    pub receipt_number: String,
    pub program_id: String,
    pub program_name: String,
    pub round_id: String,
    pub round_year: i32,
    pub round_kind: RoundKind,
    pub status: crate::application::ApplicationStatus,
    /// The instant the server received the application (the receipt's time).
    pub applied_at: DateTime<Utc>,
    /// When the round's results are shown (採用結果通知).
    pub results_at: DateTime<Utc>,
    /// Whether the resident may withdraw it now (applied, inside the application period).
    pub withdrawable: bool,
    /// When the resident withdrew it (取下げ); `null` for any other status.
    #[serde(default)]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// `GET /me/applications`: the current application (the latest one, if any) and the whole
/// history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyApplications {
    pub current: Option<ApplicationView>,
    pub history: Vec<ApplicationView>,
}

/// `PUT /applications/{id}/decision`: the director's decision, or `null` to take it back (未処理).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: Option<crate::application::Decision>,
}

/// One decision of a bulk request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkDecision {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub application_id: String,
    pub decision: Option<crate::application::Decision>,
}

/// `PUT /applications/decisions`: many decisions in one request, all or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkDecisionRequest {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub decisions: Vec<BulkDecision>,
}

/// An application as its program's director and the board see it: the true status and decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecidedApplication {
    pub id: String,
    pub program_id: String,
    pub round_id: String,
    pub status: crate::application::ApplicationStatus,
    pub decision: Option<crate::application::Decision>,
    pub updated_at: DateTime<Utc>,
}

/// An applicant of a program as its director and the board see them: the application (true
/// status and decision) and the resident's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    #[serde(flatten)]
    pub application: DecidedApplication,
    pub receipt_number: String,
    pub applied_at: DateTime<Utc>,
    pub user_id: String,
    /// Years since the licence, counted to the round's recruitment year.
    pub years_since_license: i32,
    /// The resident deleted their account (退会済み): the application stays for the statistics,
    /// and `profile` is empty, since the person's details are gone.
    #[serde(default)]
    pub deleted: bool,
    pub profile: ResidentForm,
}

/// One prefecture's row of 都道府県ごとの応募・採用状況 for a specialty and year. Decisions count
/// only from their round's result notification: before it an application counts as an applicant
/// and nowhere else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrefectureStatistics {
    /// JIS code, `"13"`.
    pub prefecture: Prefecture,
    /// 定員: the capacities of the year's programs based in the prefecture.
    pub capacity: u32,
    /// Applications not withdrawn.
    pub applicants: u32,
    /// Accepted and not declined, in rounds whose results are out.
    pub hired: u32,
    pub rejected: u32,
    /// Not decided (or left on hold) when the results came out; shown to residents as 保留.
    pub unprocessed: u32,
    /// The ceiling (シーリング); `null` where none applies.
    pub ceiling: Option<u32>,
}

/// 年度採用数: the hires of one specialty in one prefecture in a recruitment year (published
/// rounds only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualHires {
    pub year: i32,
    pub specialty: crate::specialty::Specialty,
    pub prefecture: Prefecture,
    pub hired: u32,
}

// ---------------------------------------------------------------------------------------------
// Accounts and sessions

/// `POST /auth/login`: a resident's user ID (ユーザID) or a staff member's email, and the password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254, example = "S0123456784"))]
    pub login: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128, format = Password))]
    pub password: String,
    /// A staff member's second factor, when they have one: the 6 digits of their authenticator
    /// app or a recovery code. Without it such an account answers 401 `second-factor-required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 32, example = "123456"))]
    pub code: Option<String>,
}

/// What signing in or refreshing answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenPair {
    /// A JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Single use: `POST /auth/refresh` answers a new pair and retires this one.
    pub refresh_token: String,
    /// Always `Bearer`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^Bearer$"))]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub expires_in: i64,
    pub role: Role,
    /// The account must set up its second factor (`/me/second-factor`) before anything else:
    /// a board admin or consultation officer without one.
    #[serde(default)]
    pub second_factor_setup: bool,
}

/// `POST /auth/refresh` and `POST /auth/logout`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub refresh_token: String,
}

/// An email address: registration step 1, and the user-ID reminder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254, format = Email))]
    pub email: String,
}

/// `POST /auth/password-reset`: a user ID or a staff email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub login: String,
}

/// `POST /auth/password-reset/confirm`: the mailed token and the new password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub token: String,
    /// A resident's: 6 to 20 letters and digits. A staff member's: 12 to 128 characters of any
    /// kind, not a common password (`GET /auth/password-reset/{token}` says whose link it is).
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 128, format = Password))]
    pub password: String,
}

/// `GET /auth/password-reset/{token}`: whose password the link sets, so that the form checks
/// the right rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordLinkView {
    /// A staff account's (the staff rule) rather than a resident's.
    pub staff: bool,
    pub expires_at: DateTime<Utc>,
}

/// A new password on its own (legacy migration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 20, pattern = "^[A-Za-z0-9]+$", format = Password))]
    pub password: String,
}

/// `GET /registrations/{token}`: the link is good; for this address, until then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationLinkView {
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// `POST /registrations/{token}/resident`: the form and the password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationRequest {
    #[serde(flatten)]
    pub form: ResidentForm,
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 20, pattern = "^[A-Za-z0-9]+$", format = Password))]
    pub password: String,
}

/// A resident's account as they see it (`GET /me`), and what registration answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidentView {
    /// ユーザID: `S` + 10 digits, the last a check digit.
    #[cfg_attr(feature = "openapi", schema(pattern = "^S[0-9]{10}$", example = "S0123456784"))]
    pub user_id: String,
    pub email: String,
    #[serde(flatten)]
    pub profile: ResidentForm,
    /// 医師免許取得後経過年数 for the current recruitment year (年度).
    pub years_since_license: i32,
    /// The profile is locked (adjustment period or hired): only the program director changes it.
    pub locked: bool,
}

/// `POST /legacy-migrations`: the three facts of the old system's account (旧システム).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegacyMigrationRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub legacy_user_id: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254, format = Email))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date_of_birth: String,
}

/// What an accepted request that mails something answers (202), whether or not anything matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    /// For people, in Japanese: what to do next.
    pub detail: String,
}

/// `GET /legacy-migrations/{token}`: what the old system's account brings, and which fields of
/// the registration form it still lacks (the resident supplies them with the password).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegacyMigrationView {
    pub legacy_user_id: String,
    pub email: String,
    /// The form as far as the old system's data fills it; missing fields are empty.
    pub profile: ResidentForm,
    /// API field names of the form that are missing or no longer valid.
    pub missing: Vec<String>,
}

/// `POST /legacy-migrations/{token}`: the new password, and the form fields the old system's data
/// lacks (or corrections of it). With a complete old record, the password alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegacyMigrationCompletion {
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 20, pattern = "^[A-Za-z0-9]+$", format = Password))]
    pub password: String,
    #[serde(default)]
    pub profile: Option<crate::resident::ProfileChange>,
}

/// What importing the old system's accounts did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegacyImportReport {
    /// New legacy accounts.
    pub imported: u32,
    /// Legacy accounts not yet migrated whose data this import replaced.
    pub replaced: u32,
    /// Rows for accounts already migrated: left as they are.
    pub already_migrated: u32,
}

mod board;
mod consultation;
mod directing;
mod problem;
mod society;
mod training;
pub use board::*;
pub use consultation::*;
pub use directing::*;
pub use problem::*;
pub use society::*;
pub use training::*;

#[cfg(test)]
mod page_tests {
    use super::Page;

    #[test]
    fn a_list_has_at_least_one_page_and_a_partial_last_one_counts() {
        let page = |total, per_page| Page::<()> { items: vec![], total, page: 1, per_page };
        for (total, per_page, pages) in
            [(0, 50, 1), (1, 50, 1), (50, 50, 1), (51, 50, 2), (101, 50, 3), (3, 0, 3)]
        {
            assert_eq!(page(total, per_page).pages(), pages, "{total} / {per_page}");
        }
    }
}
