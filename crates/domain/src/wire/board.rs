//! The bodies of the board's administration: the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One audit event (who changed what, when), as `GET /audit-events` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    pub id: String,
    pub at: DateTime<Utc>,
    /// `resident`, `director`, `admin`, `society`, `consultation-officer` or `system`.
    pub actor_kind: String,
    pub actor_id: Option<String>,
    /// What was done, e.g. `application.decided`.
    pub action: String,
    /// The kind of thing changed, e.g. `application`.
    pub entity: String,
    pub entity_id: Option<String>,
    /// What changed (before → after where it applies); never personal data.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
    /// The `x-request-id` of the request that made the change.
    pub request_id: Option<String>,
    /// The event's place in the hash chain; `null` until sealed (within seconds).
    pub seq: Option<i64>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}
