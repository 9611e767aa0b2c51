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
use senkoi_domain::audit::AuditAction;

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

    /// Who makes the change.
    pub fn actor(&self) -> &AuthUser {
        &self.actor
    }

    /// Records that the actor did `action` to the record `entity_id` (of the action's entity) and
    /// commits. `detail` never holds personal data.
    pub async fn commit(
        self,
        action: AuditAction,
        entity_id: &str,
        detail: serde_json::Value,
    ) -> Result<(), ApiError> {
        record(&self.tx, self.now, Some(&self.actor), action, entity_id, detail).await?;
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
    action: AuditAction,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), ApiError> {
    event(now, actor, action, entity_id, detail).insert(tx).await?;
    Ok(())
}

/// The audit event [`record`] writes, for a change that writes it with others ([`Inserts`]).
///
/// [`Inserts`]: crate::inserts::Inserts
pub fn event(
    now: DateTime<Utc>,
    actor: Option<&AuthUser>,
    action: AuditAction,
    entity_id: &str,
    detail: serde_json::Value,
) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        id: Set(crate::ids::new_id()),
        at: Set(now),
        actor_kind: Set(actor.map_or(ActorKind::System, |a| a.role.into())),
        actor_id: Set(actor.map(|a| a.id.clone())),
        action: Set(action),
        entity: Set(action.entity()),
        entity_id: Set(Some(entity_id.to_string())),
        detail: Set(detail.to_string()),
        seq: Set(None),
        prev_hash: Set(None),
        hash: Set(None),
        request_id: Set(actor.and_then(|a| a.request_id.clone())),
    }
}

/// What a change did to a record: `{"before": {…}, "after": {…}}` with only the fields whose
/// values differ between the two serialisations (objects; anything else is taken whole).
pub fn difference(before: &impl serde::Serialize, after: &impl serde::Serialize) -> serde_json::Value {
    let (before, after) = (serde_json::to_value(before), serde_json::to_value(after));
    match (before, after) {
        (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) => {
            let changed: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
            let pick = |side: &serde_json::Map<String, serde_json::Value>| -> serde_json::Map<String, serde_json::Value> {
                changed.iter().map(|k| ((*k).clone(), side.get(*k).cloned().unwrap_or_default())).collect()
            };
            serde_json::json!({"before": pick(&before), "after": pick(&after)})
        }
        (before, after) => serde_json::json!({"before": before.ok(), "after": after.ok()}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_names_only_the_fields_that_changed() {
        let before = serde_json::json!({"name": "A", "capacity": 5, "year": 2024});
        let after = serde_json::json!({"name": "A", "capacity": 7, "year": 2025});
        assert_eq!(
            difference(&before, &after),
            serde_json::json!({"before": {"capacity": 5, "year": 2024}, "after": {"capacity": 7, "year": 2025}})
        );
        assert_eq!(difference(&before, &before), serde_json::json!({"before": {}, "after": {}}));
        assert_eq!(difference(&1, &2), serde_json::json!({"before": 1, "after": 2}));
    }
}
