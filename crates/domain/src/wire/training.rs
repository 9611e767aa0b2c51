//! The bodies of training records (研修実績) and completion applications (研修修了申請).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::completion::{CompletionAction, CompletionStage};
use crate::role::Role;
use crate::specialty::Specialty;
use crate::training::{RecordKeeper, RecordStatus};
use crate::wire::FacilityView;

/// `POST /training-records` and `PUT /training-records/{id}`: one period at one facility.
/// A society's system names the resident; a resident never does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrainingRecordRequest {
    /// Required from a society's system; left out by a resident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_id: Option<String>,
    /// The program's base facility or one of its affiliated facilities.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub facility_id: String,
    /// The first day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(example = "2024-04-01"))]
    pub from: String,
    /// The last day, `YYYY-MM-DD`, on or after `from`.
    #[cfg_attr(feature = "openapi", schema(example = "2025-03-31"))]
    pub to: String,
}

/// One training period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingRecordView {
    pub id: String,
    pub resident_id: String,
    /// The resident's name, for the director's and the society's queues.
    pub resident_name: String,
    pub program_id: String,
    pub facility_id: String,
    pub facility_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: RecordStatus,
    /// Who entered it: the resident, or the society's system (データ連携).
    pub kept_by: RecordKeeper,
    /// Why the director returned it (差戻し理由), while it is returned.
    pub return_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `GET /me/training`: the resident's records and what they may record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTraining {
    /// `society`: the society's system sends the records and the resident enters nothing.
    pub kept_by: RecordKeeper,
    /// The program the resident was hired into; `null` before they are.
    pub program: Option<TrainingProgram>,
    pub records: Vec<TrainingRecordView>,
    /// The resident's completion application, once filed.
    pub completion: Option<CompletionView>,
    /// Today in Japan by the server's clock: a period is recorded once it is over, so none may
    /// end after this day.
    pub today: chrono::NaiveDate,
}

/// The program a resident trains in, with the days and facilities a period may have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingProgram {
    pub id: String,
    pub name: String,
    pub specialty: Specialty,
    /// The recruitment year: training starts on April 1 of it (the cohort, 年度).
    pub year: i32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The base facility first, then the affiliated ones.
    pub facilities: Vec<FacilityView>,
}

/// `POST …/return`: why it goes back (差戻し理由).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// One step of a completion application's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletionEventView {
    pub at: DateTime<Utc>,
    /// Who acted: the resident, the director, the society or the board (`admin`).
    pub actor: Role,
    pub action: CompletionAction,
    /// The stage it was left in.
    pub stage: CompletionStage,
    /// The reason of a return.
    pub reason: Option<String>,
}

/// A completion application (研修修了申請) and its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletionView {
    pub id: String,
    pub resident_id: String,
    pub resident_name: String,
    pub program_id: String,
    pub program_name: String,
    pub specialty: Specialty,
    pub stage: CompletionStage,
    /// Who acts next (the queue it is in).
    pub waits_for: Role,
    pub fee_paid_at: Option<DateTime<Utc>>,
    /// 認定証番号, once issued.
    pub certificate_number: Option<String>,
    pub certificate_issued_at: Option<DateTime<Utc>>,
    pub filed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Oldest first.
    pub events: Vec<CompletionEventView>,
}
