//! Societies' change feeds: the programs, applications (with the published results) and residents
//! of the society's specialty, read incrementally.
//!
//! The feed orders records by the place (`seq`) of their latest change in the sealed audit
//! chain, then by id. Every change writes its audit event in its own transaction, and the sealer
//! gives places in the order it finds committed events, so a change that commits late still gets
//! a place after every cursor already handed out: a society that polls with `next_cursor` never
//! misses a change and never gets one twice. A record whose latest change is not sealed yet (at
//! most a few seconds) waits for its place. An application also changes when its round does
//! (its results are released, its dates move), a program when its base facility does.

use actix_web::web;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Statement, Value,
};
use senkoi_domain::audit::{AuditAction, AuditEntity};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::registration::{Gender, parse_track};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::sync::ChangeCursor;
use senkoi_domain::wire::{
    SocietyApplication, SocietyProgram, SocietyProgramChange, SocietyResident, SocietyResidentProfile,
    SyncPage,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::society::Society;
use crate::counting::stored_count;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, facility, program, program_affiliation, resident, round};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::applications::society_application;
use crate::stored::ApplicationAction;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_program_feed, program_feed),
        endpoint(__path_application_feed, application_feed),
        endpoint(__path_resident_feed, resident_feed),
    ]
}

/// `?cursor=&updated_since=&limit=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The `next_cursor` of the previous answer, as it was; absent: from the beginning.
    pub cursor: Option<String>,
    /// Only records last changed at or after this instant (RFC 3339), so that a first poll need
    /// not read everything; then follow `next_cursor`.
    pub updated_since: Option<DateTime<Utc>>,
    /// Records a page, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 500;

impl FeedQuery {
    fn checked(&self) -> Result<(ChangeCursor, u64), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request("invalid-paging", "limit は1〜500で指定してください。"));
        }
        let cursor = match &self.cursor {
            Some(text) => ChangeCursor::parse(text)?,
            None => ChangeCursor::start(),
        };
        Ok((cursor, limit))
    }
}

/// One kind of record in a feed: the audit entity its changes are recorded as, the actions that
/// are not public yet, the entity whose changes change it too, and the SQL that selects the
/// specialty's records as `id`, `dep` (the other entity's id, or null) and `updated_at` (its last
/// public change), with one `?` per specialty placeholder.
struct Feed {
    entity: AuditEntity,
    private_actions: fn() -> Vec<AuditAction>,
    dep_entity: Option<AuditEntity>,
    scoped: &'static str,
    specialty_placeholders: usize,
}

fn none() -> Vec<AuditAction> {
    Vec::new()
}

const PROGRAMS: Feed = Feed {
    entity: AuditEntity::Program,
    private_actions: none,
    dep_entity: Some(AuditEntity::Facility),
    scoped: "SELECT p.id AS id, p.base_facility_id AS dep, p.updated_at AS updated_at \
             FROM programs p WHERE p.specialty = ? \
             UNION ALL \
             SELECT t.program_id, CAST(NULL AS VARCHAR(36)), t.deleted_at \
             FROM program_tombstones t WHERE t.specialty = ?",
    specialty_placeholders: 2,
};

const APPLICATIONS: Feed = Feed {
    entity: AuditEntity::Application,
    private_actions: || {
        ApplicationAction::ALL
            .into_iter()
            .filter(|a| !a.is_public())
            .map(ApplicationAction::audit_action)
            .collect()
    },
    dep_entity: Some(AuditEntity::Round),
    // `applied_at`, not `updated_at`: a decision changes the row before it is public.
    scoped: "SELECT ap.id AS id, ap.round_id AS dep, ap.applied_at AS updated_at \
             FROM applications ap JOIN programs p ON p.id = ap.program_id WHERE p.specialty = ?",
    specialty_placeholders: 1,
};

const RESIDENTS: Feed = Feed {
    entity: AuditEntity::Resident,
    private_actions: none,
    dep_entity: None,
    scoped: "SELECT r.id AS id, CAST(NULL AS VARCHAR(36)) AS dep, r.updated_at AS updated_at \
             FROM residents r WHERE r.specialty = ?",
    specialty_placeholders: 1,
};

/// `sql` with PostgreSQL's numbered placeholders where the backend wants them.
fn numbered(sql: &str, backend: DbBackend) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_string();
    }
    let mut n = 0;
    sql.chars()
        .map(|c| match c {
            '?' => {
                n += 1;
                format!("${n}")
            }
            c => c.to_string(),
        })
        .collect()
}

/// A page of the feed after `cursor`: the records' ids in order with their places, and whether
/// more follow.
async fn changed_after(
    db: &DatabaseConnection,
    feed: &Feed,
    specialty: Specialty,
    cursor: &ChangeCursor,
    since: Option<DateTime<Utc>>,
    limit: u64,
) -> Result<(Vec<ChangeCursor>, bool), ApiError> {
    // An empty list would not be valid SQL; no action is named "".
    let private: Vec<&str> = (feed.private_actions)().into_iter().map(AuditAction::code).collect();
    let private = if private.is_empty() { vec![""] } else { private };
    let private_placeholders = vec!["?"; private.len()].join(", ");
    let sql = format!(
        "SELECT c.id AS id, c.seq AS seq FROM ( \
           SELECT s.id AS id, \
             CASE WHEN COALESCE(own.seq, 0) >= COALESCE(dep.seq, 0) \
               THEN COALESCE(own.seq, 0) ELSE COALESCE(dep.seq, 0) END AS seq \
           FROM ({scoped}) s \
           LEFT JOIN (SELECT entity_id, MAX(seq) AS seq, MAX(at) AS at FROM audit_events \
               WHERE entity = ? AND action NOT IN ({private_placeholders}) GROUP BY entity_id) own \
             ON own.entity_id = s.id \
           LEFT JOIN (SELECT entity_id, MAX(seq) AS seq, MAX(at) AS at FROM audit_events \
               WHERE entity = ? GROUP BY entity_id) dep \
             ON dep.entity_id = s.dep \
           WHERE (s.updated_at >= ? OR own.at >= ? OR dep.at >= ?) \
             AND NOT EXISTS (SELECT 1 FROM audit_events u WHERE u.seq IS NULL AND u.entity = ? \
               AND u.entity_id = s.id AND u.action NOT IN ({private_placeholders})) \
             AND NOT EXISTS (SELECT 1 FROM audit_events u WHERE u.seq IS NULL AND u.entity = ? AND u.entity_id = s.dep) \
         ) c \
         WHERE c.seq > ? OR (c.seq = ? AND c.id > ?) \
         ORDER BY c.seq, c.id \
         LIMIT ?",
        scoped = feed.scoped
    );
    let since = since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut values: Vec<Value> = (0..feed.specialty_placeholders).map(|_| specialty.code().into()).collect();
    let (entity, dep_entity) = (feed.entity.code(), feed.dep_entity.map_or("", AuditEntity::code));
    values.push(entity.into());
    values.extend(private.iter().map(|a| Value::from(*a)));
    values.extend([dep_entity.into(), since.into(), since.into(), since.into(), entity.into()]);
    values.extend(private.iter().map(|a| Value::from(*a)));
    values.extend([
        dep_entity.into(),
        cursor.seq.into(),
        cursor.seq.into(),
        cursor.id.clone().into(),
        i64::try_from(limit + 1).unwrap_or(i64::MAX).into(),
    ]);
    let backend = db.get_database_backend();
    let rows =
        db.query_all_raw(Statement::from_sql_and_values(backend, numbered(&sql, backend), values)).await?;
    let mut places = rows
        .iter()
        .map(|row| Ok(ChangeCursor { id: row.try_get("", "id")?, seq: row.try_get("", "seq")? }))
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
    let more = places.len() as u64 > limit;
    places.truncate(limit as usize);
    Ok((places, more))
}

/// The page around `items` (given in the order of `places`).
fn sync_page<T>(items: Vec<T>, places: &[ChangeCursor], cursor: ChangeCursor, has_more: bool) -> SyncPage<T> {
    let next = places.last().cloned().unwrap_or(cursor);
    SyncPage { items, next_cursor: next.encode(), has_more }
}

/// The rows of `E` with these ids, by id.
async fn by_id<E, K>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: impl IntoIterator<Item = String>,
    key: impl Fn(&E::Model) -> K,
) -> Result<std::collections::HashMap<K, E::Model>, ApiError>
where
    E: EntityTrait,
    K: std::hash::Hash + Eq,
{
    let ids: Vec<String> = ids.into_iter().collect();
    let rows = E::find().filter(column.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(|row| (key(&row), row)).collect())
}

/// The programs of the specialty, created, changed or deleted after the cursor.
#[utoipa::path(get, path = "/api/v1/society/programs", tag = "societies", params(FeedQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The programs changed after the cursor", body = SyncPage<SocietyProgramChange>),
        (status = 400, description = "`invalid-paging`", body = crate::error::Problem),
        (status = 403, description = "Not a society's token", body = crate::error::Problem),
        (status = 422, description = "`invalid-cursor`", body = crate::error::Problem),
        (status = 429, description = "`too-many-requests`, with `Retry-After`", body = crate::error::Problem),
    ))]
pub async fn program_feed(
    state: web::Data<AppState>,
    society: Society,
    query: web::Query<FeedQuery>,
) -> Result<web::Json<SyncPage<SocietyProgramChange>>, ApiError> {
    let (cursor, limit) = query.checked()?;
    let (places, more) =
        changed_after(&state.db, &PROGRAMS, society.specialty, &cursor, query.updated_since, limit).await?;
    let ids = || places.iter().map(|p| p.id.clone());
    let programs =
        by_id::<program::Entity, _>(&state.db, program::Column::Id, ids(), |p| p.id.clone()).await?;
    let facilities = by_id::<facility::Entity, _>(
        &state.db,
        facility::Column::Id,
        programs.values().map(|p| p.base_facility_id.clone()),
        |f| f.id.clone(),
    )
    .await?;
    let affiliations = program_affiliation::Entity::find()
        .filter(program_affiliation::Column::ProgramId.is_in(ids()))
        .all(&state.db)
        .await?;
    let items = places
        .iter()
        .map(|place| {
            let program = programs.get(&place.id).map(|p| {
                let base = facilities
                    .get(&p.base_facility_id)
                    .ok_or_else(|| ApiError::Internal(format!("program {} lost its base facility", p.id)))?;
                Ok::<_, ApiError>(SocietyProgram {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    specialty: p.specialty,
                    year: p.year,
                    base_facility_id: p.base_facility_id.clone(),
                    base_facility_name: base.name.clone(),
                    prefecture: base.prefecture,
                    affiliated_facility_ids: affiliations
                        .iter()
                        .filter(|a| a.program_id == p.id)
                        .map(|a| a.facility_id.clone())
                        .collect(),
                    capacity: stored_count(p.capacity, "a program's capacity")?,
                    researcher_course: p.researcher_course,
                    contact: p.contact.clone(),
                    description: p.description.clone(),
                    updated_at: p.updated_at,
                })
            });
            let program = program.transpose()?;
            Ok(SocietyProgramChange { id: place.id.clone(), deleted: program.is_none(), program })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(web::Json(sync_page(items, &places, cursor, more)))
}

/// The applications to the specialty's programs changed after the cursor, with their status as
/// published: `applied` until the round's result notification, the decision from it.
#[utoipa::path(get, path = "/api/v1/society/applications", tag = "societies", params(FeedQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The applications changed after the cursor", body = SyncPage<SocietyApplication>),
        (status = 400, description = "`invalid-paging`", body = crate::error::Problem),
        (status = 403, description = "Not a society's token", body = crate::error::Problem),
        (status = 422, description = "`invalid-cursor`", body = crate::error::Problem),
        (status = 429, description = "`too-many-requests`, with `Retry-After`", body = crate::error::Problem),
    ))]
pub async fn application_feed(
    state: web::Data<AppState>,
    society: Society,
    query: web::Query<FeedQuery>,
) -> Result<web::Json<SyncPage<SocietyApplication>>, ApiError> {
    let (cursor, limit) = query.checked()?;
    let now = state.clock.now();
    let (places, more) =
        changed_after(&state.db, &APPLICATIONS, society.specialty, &cursor, query.updated_since, limit)
            .await?;
    let rows = by_id::<application::Entity, _>(
        &state.db,
        application::Column::Id,
        places.iter().map(|p| p.id.clone()),
        |a| a.id.clone(),
    )
    .await?;
    let residents = by_id::<resident::Entity, _>(
        &state.db,
        resident::Column::Id,
        rows.values().map(|a| a.resident_id.clone()),
        |r| r.id.clone(),
    )
    .await?;
    let rounds = by_id::<round::Entity, _>(
        &state.db,
        round::Column::Id,
        rows.values().map(|a| a.round_id.clone()),
        |r| r.id.clone(),
    )
    .await?;
    let mut items = Vec::with_capacity(places.len());
    for place in &places {
        let Some(row) = rows.get(&place.id) else { continue };
        let (Some(round), user_id) =
            (rounds.get(&row.round_id), residents.get(&row.resident_id).map(|r| &r.user_id))
        else {
            continue;
        };
        items.push(society_application(row, user_id.cloned().unwrap_or_default(), round, now)?);
    }
    Ok(web::Json(sync_page(items, &places, cursor, more)))
}

/// The residents registered in the specialty, registered, changed or deleted after the cursor:
/// what identifies them and their training track, never their address, phone or email.
#[utoipa::path(get, path = "/api/v1/society/residents", tag = "societies", params(FeedQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The residents changed after the cursor", body = SyncPage<SocietyResident>),
        (status = 400, description = "`invalid-paging`", body = crate::error::Problem),
        (status = 403, description = "Not a society's token", body = crate::error::Problem),
        (status = 422, description = "`invalid-cursor`", body = crate::error::Problem),
        (status = 429, description = "`too-many-requests`, with `Retry-After`", body = crate::error::Problem),
    ))]
pub async fn resident_feed(
    state: web::Data<AppState>,
    society: Society,
    query: web::Query<FeedQuery>,
) -> Result<web::Json<SyncPage<SocietyResident>>, ApiError> {
    let (cursor, limit) = query.checked()?;
    let (places, more) =
        changed_after(&state.db, &RESIDENTS, society.specialty, &cursor, query.updated_since, limit).await?;
    let rows = by_id::<resident::Entity, _>(
        &state.db,
        resident::Column::Id,
        places.iter().map(|p| p.id.clone()),
        |r| r.id.clone(),
    )
    .await?;
    let items = places
        .iter()
        .filter_map(|place| rows.get(&place.id))
        .map(society_resident)
        .collect::<Result<_, ApiError>>()?;
    Ok(web::Json(sync_page(items, &places, cursor, more)))
}

/// A resident as their specialty's society sees them: the stored codes read back through the
/// domain's parse, so a broken row is an internal error, never passed on as it is.
fn society_resident(r: &resident::Model) -> Result<SocietyResident, ApiError> {
    let deleted = r.deleted_at.is_some();
    let broken = |e: senkoi_domain::DomainError| ApiError::Internal(format!("resident {}: {e}", r.id));
    let profile = if deleted {
        None
    } else {
        let track =
            parse_track(&r.track, r.curriculum_reason.as_deref(), r.curriculum_reason_detail.as_deref())
                .map_err(broken)?;
        let quota_prefecture = r.regional_quota_prefecture.as_deref().map(Prefecture::parse).transpose();
        Some(SocietyResidentProfile {
            family_name: r.family_name.clone(),
            given_name: r.given_name.clone(),
            family_name_kana: r.family_name_kana.clone(),
            given_name_kana: r.given_name_kana.clone(),
            date_of_birth: r.date_of_birth,
            gender: Gender::parse(&r.gender).map_err(broken)?,
            medical_registration_number: r.medical_registration_number.clone(),
            license_year_month: r.license_year_month.clone(),
            clinical_training_program: r.clinical_training_program.clone(),
            clinical_training_completed_on: r.clinical_training_completed_on,
            track: track.code().to_string(),
            curriculum_reason: track.curriculum_reason().map(|reason| reason.code().to_string()),
            regional_quota: r.regional_quota,
            regional_quota_prefecture: quota_prefecture.map_err(broken)?,
        })
    };
    Ok(SocietyResident {
        id: r.id.clone(),
        user_id: r.user_id.clone(),
        specialty: r.specialty,
        deleted,
        profile,
        updated_at: r.updated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_gets_numbered_placeholders() {
        assert_eq!(numbered("a = ? AND b IN (?, ?)", DbBackend::Postgres), "a = $1 AND b IN ($2, $3)");
        assert_eq!(numbered("a = ?", DbBackend::Sqlite), "a = ?");
    }
}
