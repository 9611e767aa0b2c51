//! Training in the database: a resident in training (the program they were hired into, its years
//! and facilities, who keeps their records), what a caller may reach of it, a resident's periods,
//! and completion applications as the API shows them.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::training::{ProgramYears, RecordKeeper};
use senkoi_domain::wire::{CompletionEventView, CompletionView, FacilityView, TrainingProgram};
use senkoi_domain::{DomainError, Role};

use crate::auth::AuthUser;
use crate::counting::stored_count;
use crate::entities::{
    application, completion, completion_event, facility, program, program_affiliation, program_director,
    resident, round, training_record,
};
use crate::error::ApiError;
use crate::store::programs::programs_by_id;

/// A resident in training: hired into a program whose results are out.
pub struct Trainee {
    pub resident: resident::Model,
    pub program: program::Model,
    pub years: ProgramYears,
    /// The base facility first, then the affiliated ones.
    pub facilities: Vec<facility::Model>,
    pub keeper: RecordKeeper,
}

impl Trainee {
    pub fn facility_ids(&self) -> Vec<&str> {
        self.facilities.iter().map(|f| f.id.as_str()).collect()
    }

    pub fn program_view(&self) -> TrainingProgram {
        TrainingProgram {
            id: self.program.id.clone(),
            name: self.program.name.clone(),
            specialty: self.program.specialty,
            year: self.program.year,
            first_day: self.years.first_day,
            last_day: self.years.last_day,
            facilities: self
                .facilities
                .iter()
                .map(|f| FacilityView { id: f.id.clone(), name: f.name.clone(), prefecture: f.prefecture })
                .collect(),
        }
    }
}

fn full_name(resident: &resident::Model) -> String {
    format!("{} {}", resident.family_name, resident.given_name)
}

/// The program `resident` trains in: the one they were hired into (accepted, not declined) in a
/// round whose results are out at `now`; the latest year's if more than one.
pub async fn program_of(
    db: &impl ConnectionTrait,
    resident_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<program::Model>, ApiError> {
    let hired = application::Entity::find()
        .filter(application::Column::ResidentId.eq(resident_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Accepted))
        .all(db)
        .await?;
    if hired.is_empty() {
        return Ok(None);
    }
    let round_ids: Vec<String> = hired.iter().map(|a| a.round_id.clone()).collect();
    let published: HashSet<String> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .filter(round::Column::ResultsAt.lte(now))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let program_ids: Vec<String> =
        hired.into_iter().filter(|a| published.contains(&a.round_id)).map(|a| a.program_id).collect();
    if program_ids.is_empty() {
        return Ok(None);
    }
    let programs = program::Entity::find().filter(program::Column::Id.is_in(program_ids)).all(db).await?;
    Ok(programs.into_iter().max_by_key(|p| p.year))
}

/// The resident in training, or 409 `not-in-program`.
pub async fn trainee(
    db: &impl ConnectionTrait,
    resident: resident::Model,
    now: DateTime<Utc>,
) -> Result<Trainee, ApiError> {
    let program = program_of(db, &resident.id, now).await?.ok_or(DomainError::NotInProgram)?;
    let training_years = stored_count(program.training_years, "a program's training years")?;
    let years = ProgramYears::of(program.year, training_years)
        .ok_or_else(|| ApiError::Internal(format!("program {} has no training years", program.id)))?;
    let mut ids = vec![program.base_facility_id.clone()];
    ids.extend(
        program_affiliation::Entity::find()
            .filter(program_affiliation::Column::ProgramId.eq(&program.id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.facility_id),
    );
    let mut found: HashMap<String, facility::Model> = facility::Entity::find()
        .filter(facility::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id.clone(), f))
        .collect();
    let facilities = ids.iter().filter_map(|id| found.remove(id)).collect();
    let keeper = RecordKeeper::of(program.specialty, program.year);
    Ok(Trainee { resident, program, years, facilities, keeper })
}

/// The live resident `id`, locked for the rest of the transaction: one resident's periods and
/// completion are written one request at a time (on PostgreSQL a row lock; SQLite writes one
/// transaction at a time anyway).
pub async fn lock_resident(db: &impl ConnectionTrait, id: &str) -> Result<resident::Model, ApiError> {
    resident::Entity::find_by_id(id.to_string())
        .filter(resident::Column::DeletedAt.is_null())
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The program `program_id` of a resident's record, if `actor` may see what concerns them: the
/// resident themselves, a director of the program, the society of its specialty, the board;
/// 404 for anyone else (never telling whether it exists).
pub async fn reached_program(
    db: &impl ConnectionTrait,
    actor: &AuthUser,
    resident_id: &str,
    program_id: &str,
) -> Result<program::Model, ApiError> {
    let program = super::find_or_404::<program::Entity>(db, program_id).await?;
    let reached = match actor.role {
        Role::Resident => actor.id == resident_id,
        Role::Director => directs(db, actor, &program.id).await?,
        Role::Society => actor.reaches(program.specialty),
        Role::Admin => true,
        Role::ConsultationOfficer => false,
    };
    if reached { Ok(program) } else { Err(ApiError::not_found()) }
}

/// The names of these residents, by id, as the director's, the society's and the board's lists
/// show them.
pub async fn resident_names(
    db: &impl ConnectionTrait,
    ids: Vec<String>,
) -> Result<HashMap<String, String>, ApiError> {
    Ok(resident::Entity::find()
        .filter(resident::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id.clone(), full_name(&r)))
        .collect())
}

/// What a list shows of a caller: a resident their own (by resident id), a director their
/// programs', a society its specialty's programs', the board everything.
pub enum Reach {
    Resident(String),
    Programs(Vec<String>),
    Everything,
}

impl Reach {
    pub async fn of(db: &impl ConnectionTrait, user: &AuthUser) -> Result<Reach, ApiError> {
        user.require(&[Role::Resident, Role::Director, Role::Society, Role::Admin])?;
        Ok(match user.role {
            Role::Resident => Reach::Resident(user.id.clone()),
            Role::Director => Reach::Programs(directed_programs(db, user).await?),
            Role::Society => {
                let specialty = user.scope.ok_or_else(ApiError::forbidden)?;
                let programs = program::Entity::find()
                    .filter(program::Column::Specialty.eq(specialty))
                    .select_only()
                    .column(program::Column::Id)
                    .into_tuple()
                    .all(db)
                    .await?;
                Reach::Programs(programs)
            }
            Role::Admin => Reach::Everything,
            // Refused by `require` above; named here so that a new role is decided, not let in.
            Role::ConsultationOfficer => return Err(ApiError::forbidden()),
        })
    }

    /// `select` narrowed to the caller's reach, given the table's resident and program columns.
    pub fn narrow<E: EntityTrait>(
        self,
        select: sea_orm::Select<E>,
        resident: impl ColumnTrait,
        program: impl ColumnTrait,
    ) -> sea_orm::Select<E> {
        match self {
            Reach::Resident(id) => select.filter(resident.eq(id)),
            Reach::Programs(ids) => select.filter(program.is_in(ids)),
            Reach::Everything => select,
        }
    }
}

/// Whether the director directs the program.
pub async fn directs(
    db: &impl ConnectionTrait,
    director: &AuthUser,
    program_id: &str,
) -> Result<bool, ApiError> {
    Ok(program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.eq(&director.id))
        .filter(program_director::Column::ProgramId.eq(program_id))
        .one(db)
        .await?
        .is_some())
}

/// The ids of the programs a director directs.
pub async fn directed_programs(
    db: &impl ConnectionTrait,
    director: &AuthUser,
) -> Result<Vec<String>, ApiError> {
    Ok(program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.eq(&director.id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.program_id)
        .collect())
}

/// A resident's periods, oldest first.
pub async fn records_of(
    db: &impl ConnectionTrait,
    resident_id: &str,
) -> Result<Vec<training_record::Model>, ApiError> {
    Ok(training_record::Entity::find()
        .filter(training_record::Column::ResidentId.eq(resident_id))
        .order_by_asc(training_record::Column::FromOn)
        .all(db)
        .await?)
}

/// The resident's completion application, if filed.
pub async fn completion_of(
    db: &impl ConnectionTrait,
    resident_id: &str,
) -> Result<Option<completion::Model>, ApiError> {
    Ok(completion::Entity::find().filter(completion::Column::ResidentId.eq(resident_id)).one(db).await?)
}

/// The views of `rows`, each with its resident, program and timeline.
pub async fn completion_views(
    db: &impl ConnectionTrait,
    rows: Vec<completion::Model>,
) -> Result<Vec<CompletionView>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|c| c.id.clone()).collect();
    let resident_ids: Vec<String> = rows.iter().map(|c| c.resident_id.clone()).collect();
    let program_ids: Vec<String> = rows.iter().map(|c| c.program_id.clone()).collect();
    let names = resident_names(db, resident_ids).await?;
    let programs = programs_by_id(db, program_ids).await?;
    let mut events: HashMap<String, Vec<CompletionEventView>> = HashMap::new();
    for e in completion_event::Entity::find()
        .filter(completion_event::Column::CompletionId.is_in(ids))
        .order_by_asc(completion_event::Column::At)
        .order_by_asc(completion_event::Column::Id)
        .all(db)
        .await?
    {
        events.entry(e.completion_id).or_default().push(CompletionEventView {
            at: e.at,
            actor: e.actor_role,
            action: e.action,
            stage: e.stage,
            reason: e.reason,
        });
    }
    rows.into_iter()
        .map(|c| {
            let program = programs
                .get(&c.program_id)
                .ok_or_else(|| ApiError::Internal(format!("completion {} has no program", c.id)))?;
            Ok(CompletionView {
                resident_name: names.get(&c.resident_id).cloned().unwrap_or_default(),
                program_name: program.name.clone(),
                specialty: program.specialty,
                waits_for: c.stage.waits_for(),
                events: events.remove(&c.id).unwrap_or_default(),
                id: c.id,
                resident_id: c.resident_id,
                program_id: c.program_id,
                stage: c.stage,
                fee_paid_at: c.fee_paid_at,
                certificate_number: c.certificate_number,
                certificate_issued_at: c.certificate_issued_at,
                filed_at: c.filed_at,
                updated_at: c.updated_at,
            })
        })
        .collect()
}

/// One completion application as the API shows it.
pub async fn completion_view(
    db: &impl ConnectionTrait,
    row: completion::Model,
) -> Result<CompletionView, ApiError> {
    completion_views(db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ApiError::Internal("no completion view".into()))
}
