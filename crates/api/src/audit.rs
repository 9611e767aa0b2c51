//! The audit trail: who changed what, when — written in the same transaction as the change.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::auth::AuthUser;
use crate::entities::audit_event;
use crate::error::ApiError;

/// Records that `actor` did `action` to `entity` `entity_id`; `detail` never holds personal data.
pub async fn record(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &AuthUser,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), ApiError> {
    audit_event::ActiveModel {
        id: Set(crate::routes::new_id()),
        at: Set(at),
        actor_kind: Set(actor.role.as_str().to_string()),
        actor_id: Set(Some(actor.id.clone())),
        action: Set(action.to_string()),
        entity: Set(entity.to_string()),
        entity_id: Set(Some(entity_id.to_string())),
        detail: Set(detail.to_string()),
    }
    .insert(db)
    .await?;
    Ok(())
}
