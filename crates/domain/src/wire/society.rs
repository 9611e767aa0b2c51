//! The bodies of societies' clients (学会のシステム): their registration by the board, their
//! secrets, the OAuth 2 token they sign in with, their change feeds and their webhooks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::prefecture::Prefecture;
use crate::round::RoundKind;
use crate::specialty::Specialty;
use crate::webhook::WebhookEvent;

/// `POST /society-clients`: a client for one specialty's society.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SocietyClientRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    pub specialty: Specialty,
}

/// One secret of a client, without the secret itself (never kept in clear).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientSecretView {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A society client as the board sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyClientView {
    pub id: String,
    /// What the society's system sends as `client_id`.
    pub client_id: String,
    pub name: String,
    pub specialty: Specialty,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub secrets: Vec<ClientSecretView>,
}

/// A secret just made: `client_secret` is shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedSecret {
    pub client_id: String,
    pub secret_id: String,
    pub client_secret: String,
}

/// `POST /society-clients` answers the client with its first secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyClientCreated {
    #[serde(flatten)]
    pub client: SocietyClientView,
    pub client_secret: String,
}

/// `POST /auth/token` (RFC 6749 §5.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientToken {
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds.
    pub expires_in: i64,
    /// `specialty:<code>`: the one specialty the token reaches.
    pub scope: String,
}

/// An OAuth 2 error body (RFC 6749 §5.2): `invalid_request`, `invalid_client`,
/// `unsupported_grant_type`, `invalid_scope`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Incremental sync

/// One page of a society's change feed: the records changed after the cursor, each once in its
/// latest state, in the order of their latest change. Send `next_cursor` back as `?cursor=` for
/// the next page, or at the next poll: a record that changes again comes again, nothing else
/// does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncPage<T> {
    pub items: Vec<T>,
    /// Where the next request starts; the same cursor when nothing changed.
    pub next_cursor: String,
    /// True when more changes wait beyond this page: ask again at once.
    pub has_more: bool,
}

/// A change of a program of the society's specialty: the program as it is now, or its deletion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyProgramChange {
    pub id: String,
    /// True once the board deleted the program (only a program nobody applied to): drop it.
    pub deleted: bool,
    /// `null` when deleted.
    pub program: Option<SocietyProgram>,
}

/// A program of the society's specialty, with its facilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyProgram {
    pub id: String,
    pub name: String,
    pub specialty: Specialty,
    pub year: i32,
    pub base_facility_id: String,
    pub base_facility_name: String,
    /// JIS code of the base facility's prefecture.
    pub prefecture: Prefecture,
    pub affiliated_facility_ids: Vec<String>,
    pub capacity: u32,
    pub researcher_course: bool,
    pub contact: String,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

/// An application to one of the specialty's programs. `status` is what is published: `applied`
/// (or `withdrawn`) until the round's result notification (`results_at`), the decision after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyApplication {
    pub id: String,
    /// 受付番号.
    pub receipt_number: String,
    pub resident_id: String,
    /// The resident's ユーザID.
    pub user_id: String,
    pub program_id: String,
    pub round_id: String,
    pub round_year: i32,
    pub round_kind: RoundKind,
    pub status: ApplicationStatus,
    /// True from the round's `results_at`: `status` then carries the decision.
    pub results_published: bool,
    pub results_at: DateTime<Utc>,
    pub applied_at: DateTime<Utc>,
}

/// A resident registered in the society's specialty: what the society needs to know who trains
/// where (no address, phone or email). `profile` is `null` once the account is deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyResident {
    pub id: String,
    /// ユーザID.
    pub user_id: String,
    pub specialty: Specialty,
    pub deleted: bool,
    pub profile: Option<SocietyResidentProfile>,
    pub updated_at: DateTime<Utc>,
}

/// The profile fields a society receives, with the registration form's names and codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyResidentProfile {
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub date_of_birth: NaiveDate,
    pub gender: crate::registration::Gender,
    /// 医籍登録番号, 7 digits.
    pub medical_registration_number: String,
    /// `YYYY-MM`.
    pub license_year_month: String,
    pub clinical_training_program: String,
    pub clinical_training_completed_on: Option<NaiveDate>,
    /// `program` or `curriculum`.
    pub track: String,
    pub curriculum_reason: Option<String>,
    pub regional_quota: bool,
    pub regional_quota_prefecture: Option<Prefecture>,
}

// ---------------------------------------------------------------------------------------------
// Webhooks

/// A webhook endpoint, without its secret (shown once, when made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointView {
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A client's endpoint as the board sees it: what it subscribes to and how its deliveries fare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndpointHealth {
    #[serde(flatten)]
    pub endpoint: WebhookEndpointView,
    /// Deliveries the endpoint answered with a 2xx.
    pub delivered: u64,
    /// Deliveries still to be tried.
    pub pending: u64,
    /// Deliveries given up after every attempt failed.
    pub failed: u64,
    pub last_delivered_at: Option<DateTime<Utc>>,
}

/// A new endpoint with its signing secret (`whsec_` + base64), shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointCreated {
    #[serde(flatten)]
    pub endpoint: WebhookEndpointView,
    pub secret: String,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed; it can be replayed.
    Failed,
}

/// One delivery of one event to one endpoint, with its attempts: the delivery log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryView {
    /// The `webhook-id` header: the same on every attempt and replay, so a receiver drops
    /// duplicates.
    pub id: String,
    pub endpoint_id: String,
    pub event: WebhookEvent,
    pub state: DeliveryState,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The body as sent.
    pub payload: serde_json::Value,
    pub attempts: Vec<WebhookAttemptView>,
}

/// One attempt at a delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAttemptView {
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; `null` when none came (refused, timed out, not allowed).
    pub status: Option<u16>,
    /// Why it failed, when it did.
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// The `data` of a `results.released` webhook: the round whose results are out. The decisions
/// themselves come from the applications feed, where they now show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsReleased {
    pub round_id: String,
    pub year: i32,
    pub kind: RoundKind,
    pub results_at: DateTime<Utc>,
    /// The society's specialty.
    pub specialty: Specialty,
}
