//! The board's watch over a round: programs that have not confirmed their results (募集実施確認)
//! and applications still unprocessed (未処理 or 保留), which after the adjustment period read as
//! 保留 to the residents. Both paged, by program.

use std::collections::HashMap;

use actix_web::web;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::program::recruiting_in;
use senkoi_domain::wire::{Page, WatchedApplication, WatchedProgram};

use crate::auth::{AuthUser, Role};
use crate::counting::statuses;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{
    application, facility, program, program_confirmation, program_director, round, staff_user,
};
use crate::error::{ApiError, Problem};
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::find_or_404;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_unconfirmed_programs, unconfirmed_programs),
        endpoint(__path_unprocessed_applications, unprocessed_applications),
    ]
}

/// The programs that recruit in the round and have not confirmed its results, by name.
#[utoipa::path(get, path = "/api/v1/board/rounds/{id}/unconfirmed-programs", tag = "oversight", params(Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of programs", body = Page<WatchedProgram>),
        (status = 404, description = "No such round", body = Problem),
    ))]
pub async fn unconfirmed_programs(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<WatchedProgram>>, ApiError> {
    user.require(&[Role::Admin])?;
    let (page, per_page) = paging.checked()?;
    let round = find_or_404::<round::Entity>(&state.db, &id).await?;
    let confirmed: Vec<String> = program_confirmation::Entity::find()
        .filter(program_confirmation::Column::RoundId.eq(&round.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| c.program_id)
        .collect();
    let (year, researcher_course) = recruiting_in(round.year, round.kind);
    let paginator = program::Entity::find()
        .filter(program::Column::Year.eq(year))
        .filter(program::Column::ResearcherCourse.eq(researcher_course))
        .filter(program::Column::Id.is_not_in(confirmed))
        .order_by_asc(program::Column::Name)
        .order_by_asc(program::Column::Id)
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let programs = paginator.fetch_page(page - 1).await?;
    let ids: Vec<String> = programs.iter().map(|p| p.id.clone()).collect();
    let bases: HashMap<String, facility::Model> = facility::Entity::find()
        .filter(facility::Column::Id.is_in(programs.iter().map(|p| p.base_facility_id.clone())))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| (f.id.clone(), f))
        .collect();
    let directing = program_director::Entity::find()
        .filter(program_director::Column::ProgramId.is_in(ids))
        .all(&state.db)
        .await?;
    let names: HashMap<String, String> = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(directing.iter().map(|d| d.staff_user_id.clone())))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let items = programs
        .into_iter()
        .map(|p| {
            let base = bases
                .get(&p.base_facility_id)
                .ok_or_else(|| ApiError::Internal(format!("program {} lost its base facility", p.id)))?;
            Ok(WatchedProgram {
                directors: directing
                    .iter()
                    .filter(|d| d.program_id == p.id)
                    .filter_map(|d| names.get(&d.staff_user_id).cloned())
                    .collect(),
                prefecture: base.prefecture,
                base_facility_name: base.name.clone(),
                id: p.id,
                name: p.name,
                specialty: p.specialty,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(web::Json(Page { items, total, page, per_page }))
}

/// The round's applications that are neither hired nor rejected (未処理 or 保留), oldest first.
#[utoipa::path(get, path = "/api/v1/board/rounds/{id}/unprocessed-applications", tag = "oversight", params(Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of applications", body = Page<WatchedApplication>),
        (status = 404, description = "No such round", body = Problem),
    ))]
pub async fn unprocessed_applications(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<WatchedApplication>>, ApiError> {
    user.require(&[Role::Admin])?;
    let (page, per_page) = paging.checked()?;
    let round = find_or_404::<round::Entity>(&state.db, &id).await?;
    let paginator = application::Entity::find()
        .filter(application::Column::RoundId.eq(&round.id))
        .filter(application::Column::Status.is_in(statuses(ApplicationStatus::is_pending)))
        .order_by_asc(application::Column::AppliedAt)
        .order_by_asc(application::Column::Id)
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let programs: HashMap<String, String> = program::Entity::find()
        .filter(program::Column::Id.is_in(rows.iter().map(|a| a.program_id.clone())))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let items = rows
        .into_iter()
        .map(|a| WatchedApplication {
            program_name: programs.get(&a.program_id).cloned().unwrap_or_default(),
            id: a.id,
            receipt_number: a.receipt_number,
            program_id: a.program_id,
            status: a.status,
            applied_at: a.applied_at,
        })
        .collect();
    Ok(web::Json(Page { items, total, page, per_page }))
}
