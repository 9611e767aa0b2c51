//! The audit log for the board: who changed what, when, newest first, filtered and paged. The
//! API only reads it; no route writes, edits or deletes an event.

use actix_web::web;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use senkoi_domain::audit::{ActorKind, AuditAction, AuditEntity};
use senkoi_domain::wire::{AuditActor, AuditEventView, Page};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{AuthUser, Role};
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::audit_event;
use crate::error::{ApiError, Problem};
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::audit::{self, Names};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_audit_events, list_audit_events),
        endpoint(__path_list_audit_actors, list_audit_actors),
    ]
}

/// Filters, combined with AND; all optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events by this actor (a staff user's, society client's or resident's id).
    pub actor_id: Option<String>,
    /// Only events by this kind of actor.
    pub actor_kind: Option<ActorKind>,
    /// Only this action, e.g. `application.decided`.
    pub action: Option<AuditAction>,
    /// Only events about this kind of thing, e.g. `application`.
    pub entity: Option<AuditEntity>,
    /// Only events about this one (id).
    pub entity_id: Option<String>,
    /// Only events at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Only events before this instant (RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

fn view(e: audit_event::Model, names: &Names) -> AuditEventView {
    AuditEventView {
        detail: serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::String(e.detail.clone())),
        actor_name: names.actor(&e),
        subject: names.subject(&e),
        id: e.id,
        at: e.at,
        actor_kind: e.actor_kind,
        actor_id: e.actor_id,
        action: e.action,
        entity: e.entity,
        entity_id: e.entity_id,
        request_id: e.request_id,
        seq: e.seq,
        prev_hash: e.prev_hash,
        hash: e.hash,
    }
}

/// The audit log, newest first, each event with the names of its actor and record where the log
/// can give them.
#[utoipa::path(get, path = "/api/v1/audit-events", tag = "audit", params(AuditQuery, Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of events", body = Page<AuditEventView>),
        (status = 400, description = "`invalid-query` (e.g. an action that is not one of the list) or `invalid-paging`", body = Problem),
        (status = 403, description = "Not the board", body = Problem),
    ))]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<AuditQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<AuditEventView>>, ApiError> {
    user.require(&[Role::Admin])?;
    let (page, per_page) = paging.checked()?;
    let q = query.into_inner();
    let given = |v: Option<String>| v.filter(|s| !s.is_empty());
    let mut select = audit_event::Entity::find();
    for (column, value) in [
        (audit_event::Column::ActorId, given(q.actor_id)),
        (audit_event::Column::ActorKind, q.actor_kind.map(|k| k.code().to_string())),
        (audit_event::Column::Action, q.action.map(|a| a.code().to_string())),
        (audit_event::Column::Entity, q.entity.map(|e| e.code().to_string())),
        (audit_event::Column::EntityId, given(q.entity_id)),
    ] {
        if let Some(value) = value {
            select = select.filter(column.eq(value));
        }
    }
    if let Some(from) = q.from {
        select = select.filter(audit_event::Column::At.gte(from));
    }
    if let Some(to) = q.to {
        select = select.filter(audit_event::Column::At.lt(to));
    }
    let paginator = select
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let events = paginator.fetch_page(page - 1).await?;
    let names = audit::names(&state.db, &events).await?;
    let items = events.into_iter().map(|e| view(e, &names)).collect();
    Ok(web::Json(Page { items, total, page, per_page }))
}

/// The staff members and societies who appear in the log as actors, for the log's filter.
#[utoipa::path(get, path = "/api/v1/audit-events/actors", tag = "audit", security(("bearer" = [])),
    responses(
        (status = 200, description = "Admins, directors, consultation officers, then societies, by name", body = Vec<AuditActor>),
        (status = 403, description = "Not the board", body = Problem),
    ))]
pub async fn list_audit_actors(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<AuditActor>>, ApiError> {
    user.require(&[Role::Admin])?;
    Ok(web::Json(audit::actors(&state.db).await?))
}
