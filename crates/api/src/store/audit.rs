//! The audit log as people read it: the names of the records and of the staff an event speaks of,
//! looked up for a page of events at once (one query per kind of record on the page), and the
//! staff and societies that appear in the log, to filter by.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use senkoi_domain::audit::{ActorKind, AuditEntity, AuditSubject};
use senkoi_domain::wire::AuditActor;

use crate::entities::{
    announcement, application, audit_event, facility, program, round, society_client, staff_user,
    webhook_endpoint,
};
use crate::error::ApiError;

/// The names a page of events speaks of.
#[derive(Default)]
pub struct Names {
    subjects: HashMap<(AuditEntity, String), AuditSubject>,
    actors: HashMap<String, String>,
}

impl Names {
    /// What `event`'s record is, where it can be named: from the record as it is now, else from
    /// the event's own detail (a deleted program's name, a deleted round's year and kind).
    pub fn subject(&self, event: &audit_event::Model) -> Option<AuditSubject> {
        let id = event.entity_id.as_deref()?;
        if let Some(found) = self.subjects.get(&(event.entity, id.to_string())) {
            return Some(found.clone());
        }
        let detail: serde_json::Value = serde_json::from_str(&event.detail).ok()?;
        match event.entity {
            AuditEntity::Ceiling => AuditSubject::ceiling_of(id),
            AuditEntity::Program | AuditEntity::Facility => {
                detail["name"].as_str().map(|name| AuditSubject::Named(name.to_string()))
            }
            AuditEntity::Round => Some(AuditSubject::Round {
                year: i32::try_from(detail["year"].as_i64()?).ok()?,
                kind: serde_json::from_value(detail["kind"].clone()).ok()?,
            }),
            _ => None,
        }
    }

    /// Who the actor is by name: a staff member's e-mail or a society client's name.
    pub fn actor(&self, event: &audit_event::Model) -> Option<String> {
        self.actors.get(event.actor_id.as_deref()?).cloned()
    }
}

/// The ids of `events` about `entity`.
fn ids_of(events: &[audit_event::Model], entity: AuditEntity) -> Vec<String> {
    let ids: HashSet<&String> =
        events.iter().filter(|e| e.entity == entity).filter_map(|e| e.entity_id.as_ref()).collect();
    ids.into_iter().cloned().collect()
}

/// Looks up the names `events` speak of.
pub async fn names(db: &impl ConnectionTrait, events: &[audit_event::Model]) -> Result<Names, ApiError> {
    let mut names = Names::default();
    let mut add = |entity: AuditEntity, id: String, subject: AuditSubject| {
        names.subjects.insert((entity, id), subject);
    };
    let named = AuditSubject::Named;
    // Programs are named for their own events and for the applications to them: one query.
    let applications = ids_of(events, AuditEntity::Application);
    let applications = by_id::<application::Entity>(db, application::Column::Id, applications).await?;
    let mut program_ids = ids_of(events, AuditEntity::Program);
    program_ids.extend(applications.iter().map(|a| a.program_id.clone()));
    program_ids.sort_unstable();
    program_ids.dedup();
    let programs: HashMap<String, String> = by_id::<program::Entity>(db, program::Column::Id, program_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    for id in ids_of(events, AuditEntity::Program) {
        if let Some(name) = programs.get(&id) {
            add(AuditEntity::Program, id, named(name.clone()));
        }
    }
    for row in applications {
        if let Some(program) = programs.get(&row.program_id) {
            add(AuditEntity::Application, row.id, AuditSubject::ApplicationTo(program.clone()));
        }
    }
    for row in
        by_id::<facility::Entity>(db, facility::Column::Id, ids_of(events, AuditEntity::Facility)).await?
    {
        add(AuditEntity::Facility, row.id, named(row.name));
    }
    for row in by_id::<round::Entity>(db, round::Column::Id, ids_of(events, AuditEntity::Round)).await? {
        add(AuditEntity::Round, row.id, AuditSubject::Round { year: row.year, kind: row.kind });
    }
    let announcements = ids_of(events, AuditEntity::Announcement);
    for row in by_id::<announcement::Entity>(db, announcement::Column::Id, announcements).await? {
        add(AuditEntity::Announcement, row.id, named(row.title));
    }
    let clients = ids_of(events, AuditEntity::SocietyClient);
    for row in by_id::<society_client::Entity>(db, society_client::Column::Id, clients).await? {
        add(AuditEntity::SocietyClient, row.id, named(row.name));
    }
    let endpoints = ids_of(events, AuditEntity::WebhookEndpoint);
    for row in by_id::<webhook_endpoint::Entity>(db, webhook_endpoint::Column::Id, endpoints).await? {
        add(AuditEntity::WebhookEndpoint, row.id, named(row.url));
    }
    for row in by_id::<staff_user::Entity>(db, staff_user::Column::Id, ids_of(events, AuditEntity::StaffUser))
        .await?
    {
        add(AuditEntity::StaffUser, row.id, named(row.email));
    }
    let actors: Vec<String> = events
        .iter()
        .filter(|e| !matches!(e.actor_kind, ActorKind::Resident | ActorKind::System))
        .filter_map(|e| e.actor_id.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    names.actors = actor_names(db, actors).await?;
    Ok(names)
}

/// Staff members' e-mails and society clients' names by id.
async fn actor_names(
    db: &impl ConnectionTrait,
    ids: Vec<String>,
) -> Result<HashMap<String, String>, ApiError> {
    let mut found: HashMap<String, String> = HashMap::new();
    for row in by_id::<staff_user::Entity>(db, staff_user::Column::Id, ids.clone()).await? {
        found.insert(row.id, row.email);
    }
    for row in by_id::<society_client::Entity>(db, society_client::Column::Id, ids).await? {
        found.insert(row.id, row.name);
    }
    Ok(found)
}

async fn by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: impl ColumnTrait,
    ids: Vec<String>,
) -> Result<Vec<E::Model>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(E::find().filter(column.is_in(ids)).all(db).await?)
}

/// The staff members and societies who appear in the log as actors, by name (residents and the
/// system are chosen by their kind: there are too many residents to list).
pub async fn actors(db: &impl ConnectionTrait) -> Result<Vec<AuditActor>, ApiError> {
    let kinds = [ActorKind::Admin, ActorKind::Director, ActorKind::ConsultationOfficer, ActorKind::Society];
    let seen: Vec<(ActorKind, Option<String>)> = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::ActorKind)
        .column(audit_event::Column::ActorId)
        .distinct()
        .filter(audit_event::Column::ActorKind.is_in(kinds))
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<String> = seen.iter().filter_map(|(_, id)| id.clone()).collect();
    let names = actor_names(db, ids).await?;
    let mut actors: Vec<AuditActor> = seen
        .into_iter()
        .filter_map(|(kind, id)| {
            let id = id?;
            let name = names.get(&id).cloned()?;
            Some(AuditActor { id, kind, name })
        })
        .collect();
    actors.sort_by_cached_key(|a| (kinds.iter().position(|k| *k == a.kind), a.name.clone()));
    Ok(actors)
}
