//! The JSON bodies of the public API, shared by the API (which serves them) and the SPA (which reads them).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    /// `all`, `residents` or `directors`.
    pub audience: String,
    pub published_at: DateTime<Utc>,
}

/// A facility (施設): a base facility (基幹施設) or an affiliated one (連携施設).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityView {
    pub id: String,
    pub name: String,
    pub prefecture: String,
}

/// A program in a search result list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramSummary {
    pub id: String,
    pub name: String,
    pub specialty: String,
    pub year: i32,
    pub prefecture: String,
    pub base_facility_id: String,
    pub base_facility_name: String,
    /// 定員
    pub capacity: u32,
    /// Applications not withdrawn, across the program's rounds (応募者数).
    pub applicant_count: u32,
    /// Accepted and not declined (採用数).
    pub hired_count: u32,
    pub researcher_course: bool,
}

/// A program (専門研修プログラム) with everything its detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramDetail {
    #[serde(flatten)]
    pub summary: ProgramSummary,
    pub affiliated_facility_ids: Vec<String>,
    pub affiliated_facilities: Vec<FacilityView>,
    pub contact: String,
    pub description: String,
}
