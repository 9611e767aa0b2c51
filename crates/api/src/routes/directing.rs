//! The directors' dashboard: their programs with the room left under capacity and ceiling, the
//! room of one program (the gauge beside the applicant table), and confirming a round's results
//! (募集実施確認) in its confirmation period, and editing an applicant's profile once the
//! resident can no longer. Directors reach only their own programs: any other is 404, as if it
//! did not exist.

use actix_web::{HttpResponse, web};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::audit::AuditAction;
use senkoi_domain::capacity::{Room, room};
use senkoi_domain::program::recruits_in;
use senkoi_domain::resident::ProfileChange;
use senkoi_domain::round::{RoundSchedule, current_or_next};
use senkoi_domain::wire::{Confirmation, ConfirmationRequest, DirectedProgram, DirectedRound, ResidentView};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::cells;
use crate::counting::statuses;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, facility, program, program_confirmation, program_director, round};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::store::applications::own_applications;
use crate::store::find_or_404;
use crate::store::programs::own_program;
use crate::store::residents;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_my_programs, my_programs),
        endpoint(__path_program_room, program_room),
        endpoint(__path_confirm, confirm),
        endpoint(__path_edit_applicant_profile, edit_applicant_profile),
    ]
}

fn confirmation_view(row: program_confirmation::Model) -> Confirmation {
    Confirmation { program_id: row.program_id, round_id: row.round_id, confirmed_at: row.confirmed_at }
}

/// The programs the signed-in director directs, by year (newest first) and name, each with its
/// room and confirmations.
#[utoipa::path(get, path = "/api/v1/me/programs", tag = "decisions", security(("bearer" = [])),
    responses(
        (status = 200, description = "The director's programs", body = Vec<DirectedProgram>),
        (status = 403, description = "Not a director", body = Problem),
    ))]
pub async fn my_programs(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<DirectedProgram>>, ApiError> {
    user.require(&[Role::Director])?;
    let ids: Vec<String> = program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.eq(&user.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|d| d.program_id)
        .collect();
    let programs = program::Entity::find()
        .filter(program::Column::Id.is_in(ids.clone()))
        .order_by_desc(program::Column::Year)
        .order_by_asc(program::Column::Name)
        .all(&state.db)
        .await?;
    let confirmations = program_confirmation::Entity::find()
        .filter(program_confirmation::Column::ProgramId.is_in(ids))
        .order_by_asc(program_confirmation::Column::ConfirmedAt)
        .all(&state.db)
        .await?;
    let now = state.clock.now();
    let mut years: Vec<i32> = programs.iter().map(|p| p.year).collect();
    years.dedup();
    let rounds: Vec<(round::Model, RoundSchedule)> = round::Entity::find()
        .filter(round::Column::Year.is_in(years))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.schedule().map(|s| (r, s)))
        .collect::<Result<_, _>>()?;
    let mut items = Vec::with_capacity(programs.len());
    for p in programs {
        let base = find_or_404::<facility::Entity>(&state.db, &p.base_facility_id).await?;
        let room = room(&cells::counts(&state.db, &p).await?);
        let recruiting: Vec<&(round::Model, RoundSchedule)> =
            rounds.iter().filter(|(_, s)| recruits_in(p.year, p.researcher_course, s.year, s.kind)).collect();
        let current = match current_or_next(&recruiting, |r| &r.1, now) {
            Some((round, schedule)) => {
                let running = schedule.running_period(now);
                let undecided = application::Entity::find()
                    .filter(application::Column::ProgramId.eq(&p.id))
                    .filter(application::Column::RoundId.eq(&round.id))
                    .filter(application::Column::Status.is_in(statuses(ApplicationStatus::awaits_decision)))
                    .count(&state.db)
                    .await?;
                Some(DirectedRound {
                    round_id: round.id.clone(),
                    round_year: round.year,
                    round_kind: round.kind,
                    undecided: u32::try_from(undecided)
                        .map_err(|_| ApiError::Internal(format!("{undecided} undecided applications")))?,
                    period: running.map(|(period, _)| period),
                    period_ends_at: running.map(|(_, ends)| ends),
                })
            }
            None => None,
        };
        let confirmations =
            confirmations.iter().filter(|c| c.program_id == p.id).cloned().map(confirmation_view).collect();
        items.push(DirectedProgram {
            id: p.id,
            name: p.name,
            specialty: p.specialty,
            year: p.year,
            prefecture: base.prefecture,
            base_facility_name: base.name,
            researcher_course: p.researcher_course,
            room,
            confirmations,
            current,
        });
    }
    Ok(web::Json(items))
}

/// What is left under the program's capacity and its cell's ceiling now: true decisions of every
/// round of its year, before any result notification.
#[utoipa::path(get, path = "/api/v1/programs/{id}/room", tag = "decisions", security(("bearer" = [])),
    responses(
        (status = 200, description = "The room left", body = Room),
        (status = 404, description = "No such program of the director's", body = Problem),
    ))]
pub async fn program_room(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<Room>, ApiError> {
    let program = own_program(&state.db, &user, &id).await?;
    Ok(web::Json(room(&cells::counts(&state.db, &program).await?)))
}

/// 募集実施確認: the director confirms the program's results of a round it recruits in, once,
/// inside the round's confirmation period.
#[utoipa::path(post, path = "/api/v1/programs/{id}/confirmations", tag = "decisions",
    request_body = ConfirmationRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "Confirmed", body = Confirmation),
        (status = 404, description = "No such program of the director's", body = Problem),
        (status = 409, description = "`outside-confirmation-period`, `already-confirmed`", body = Problem),
        (status = 422, description = "`unknown-round`: no round the program recruits in", body = Problem),
    ))]
pub async fn confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<ConfirmationRequest>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user.clone(), &[Role::Director]).await?;
    let program = own_program(&change.tx, &user, &id).await?;
    let unknown = || {
        ApiError::invalid("round_id", "unknown-round", "このプログラムが募集を行う募集を指定してください。")
    };
    let round = round::Entity::find_by_id(body.round_id.clone())
        .one(&change.tx)
        .await?
        .filter(|r| recruits_in(program.year, program.researcher_course, r.year, r.kind))
        .ok_or_else(unknown)?;
    let already = program_confirmation::Entity::find_by_id((program.id.clone(), round.id.clone()))
        .one(&change.tx)
        .await?;
    round.schedule()?.check_can_confirm(change.now, already.is_some())?;
    let row = program_confirmation::ActiveModel {
        program_id: Set(program.id.clone()),
        round_id: Set(round.id.clone()),
        confirmed_at: Set(change.now),
        confirmed_by: Set(user.id.clone()),
    }
    .insert(&change.tx)
    .await?;
    let detail = serde_json::json!({"round_id": round.id});
    change.commit(AuditAction::ProgramResultsConfirmed, &program.id, detail).await?;
    Ok(HttpResponse::Created().json(confirmation_view(row)))
}

/// The director edits the profile of a resident who has a live application to one of their
/// programs (after the profile locks, only the director can). 404 through another's application
/// or one the resident withdrew, was rejected in or declined.
#[utoipa::path(patch, path = "/api/v1/applications/{id}/profile", tag = "decisions", request_body = ProfileChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed profile", body = ResidentView),
        (status = 404, description = "No live application of the director's programs", body = Problem),
        (status = 409, description = "`registration-number-taken`", body = Problem),
        (status = 422, description = "`validation-failed` with every failing field", body = Problem),
    ))]
pub async fn edit_applicant_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<ProfileChange>,
) -> Result<web::Json<ResidentView>, ApiError> {
    let change = Change::begin(&state, user.clone(), &[Role::Director]).await?;
    let (application, _) = own_applications(&change.tx, &user, &[id.into_inner()])
        .await?
        .pop()
        .ok_or_else(ApiError::not_found)?;
    if !application.status.lets_director_edit_profile() {
        return Err(ApiError::not_found());
    }
    let row =
        residents::find_live(&change.tx, &application.resident_id).await?.ok_or_else(ApiError::not_found)?;
    let updated = residents::change_profile(&change.tx, row, &body, &user, change.now).await?;
    let locked = residents::is_locked(&change.tx, &updated.id, change.now).await?;
    let view = residents::view(&updated, change.now, locked);
    change.tx.commit().await?;
    Ok(web::Json(view))
}
