//! Changes by signed-in staff: one write transaction that ends with its audit event (who changed
//! what, when), so a change and its record land together or not at all. The events are then
//! sealed into a hash chain ([`chain`]) that shows any later tampering.

pub mod chain;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, Set};

use crate::auth::{AuthUser, Role};
use crate::db;
use crate::entities::audit_event;
use crate::error::ApiError;
use crate::state::AppState;
use crate::stored::ActorKind;

/// An open change: write through `tx`, stamp with `now`, then `commit` it with its audit event.
pub struct Change {
    pub tx: DatabaseTransaction,
    pub now: DateTime<Utc>,
    actor: AuthUser,
}

impl Change {
    /// Begins a change by `actor`, who must have one of `roles` (403 otherwise).
    pub async fn begin(state: &AppState, actor: AuthUser, roles: &[Role]) -> Result<Change, ApiError> {
        actor.require(roles)?;
        Ok(Change { tx: db::begin_write(&state.db).await?, now: state.clock.now(), actor })
    }

    /// Records that the actor did `action` to `entity` `entity_id` and commits. `detail` never
    /// holds personal data.
    pub async fn commit(
        self,
        action: &str,
        entity: &str,
        entity_id: &str,
        detail: serde_json::Value,
    ) -> Result<(), ApiError> {
        record(&self.tx, self.now, Some(&self.actor), action, entity, entity_id, detail).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// Writes one audit event in the caller's transaction. `actor` is `None` for the system or for
/// someone not signed in (a registration through a mailed link is recorded as the new resident's
/// own act by its caller). `detail` never holds personal data.
pub async fn record(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: Option<&AuthUser>,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), ApiError> {
    audit_event::ActiveModel {
        id: Set(crate::ids::new_id()),
        at: Set(now),
        actor_kind: Set(actor.map_or(ActorKind::System, |a| a.role.into())),
        actor_id: Set(actor.map(|a| a.id.clone())),
        action: Set(action.to_string()),
        entity: Set(entity.to_string()),
        entity_id: Set(Some(entity_id.to_string())),
        detail: Set(detail.to_string()),
        seq: Set(None),
        prev_hash: Set(None),
        hash: Set(None),
        request_id: Set(actor.and_then(|a| a.request_id.clone())),
    }
    .insert(tx)
    .await?;
    Ok(())
}
