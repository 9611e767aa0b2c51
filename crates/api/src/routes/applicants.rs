//! A program's applicants for its director (their own programs only; any other is 404) and the
//! board: the applications with the residents' profiles, filtered and paged.

use actix_web::web;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::registration::LicenseYearMonth;
use senkoi_domain::wire::{Applicant, DecidedApplication, Page};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{AuthUser, Role};
use crate::entities::{application, program, program_director, resident, round};
use crate::error::{ApiError, Problem};
use crate::routes::residents::form_of;
use crate::routes::{Paging, find_or_404};
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/programs/{id}/applications").route(web::get().to(list_applicants)));
}

/// Filters of the applicant list, combined with AND; all optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicantQuery {
    /// Only the applications of this round (id).
    pub round: Option<String>,
    /// Only this (true) status.
    #[param(value_type = Option<ApplicationStatus>)]
    pub status: Option<String>,
    /// `true`: only decided ones; `false`: only those without a decision (未処理).
    pub decided: Option<bool>,
}

/// The applicants of a program, oldest application first, with their profiles.
#[utoipa::path(get, path = "/api/v1/programs/{id}/applications", tag = "decisions",
    params(ApplicantQuery, Paging), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of applicants", body = Page<Applicant>),
        (status = 400, description = "`invalid-query` or `invalid-paging`", body = Problem),
        (status = 404, description = "No such program of the director's", body = Problem),
    ))]
pub async fn list_applicants(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    query: web::Query<ApplicantQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<Applicant>>, ApiError> {
    user.require(&[Role::Director, Role::Admin])?;
    let (page, per_page) = paging.checked()?;
    let program = find_or_404::<program::Entity>(&state.db, &id).await?;
    if user.role == Role::Director {
        program_director::Entity::find_by_id((program.id.clone(), user.id.clone()))
            .one(&state.db)
            .await?
            .ok_or_else(ApiError::not_found)?;
    }
    let mut select = application::Entity::find().filter(application::Column::ProgramId.eq(&program.id));
    if let Some(round) = query.round.as_deref().filter(|r| !r.is_empty()) {
        select = select.filter(application::Column::RoundId.eq(round));
    }
    if let Some(code) = query.status.as_deref().filter(|s| !s.is_empty()) {
        let status = ApplicationStatus::parse(code).map_err(|_| {
            ApiError::bad_request("invalid-query", "status は応募状況のコードで指定してください。")
        })?;
        select = select.filter(application::Column::Status.eq(status));
    }
    match query.decided {
        Some(true) => select = select.filter(application::Column::Decision.is_not_null()),
        Some(false) => select = select.filter(application::Column::Decision.is_null()),
        None => {}
    }
    let paginator = select
        .order_by_asc(application::Column::AppliedAt)
        .order_by_asc(application::Column::Id)
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;

    let resident_ids: Vec<String> = rows.iter().map(|a| a.resident_id.clone()).collect();
    let residents =
        resident::Entity::find().filter(resident::Column::Id.is_in(resident_ids)).all(&state.db).await?;
    let round_ids: Vec<String> = rows.iter().map(|a| a.round_id.clone()).collect();
    let rounds = round::Entity::find().filter(round::Column::Id.is_in(round_ids)).all(&state.db).await?;
    let items = rows
        .into_iter()
        .map(|a| {
            let missing = || ApiError::Internal(format!("application {} lost its resident or round", a.id));
            let resident = residents.iter().find(|r| r.id == a.resident_id).ok_or_else(missing)?;
            let year = rounds.iter().find(|r| r.id == a.round_id).ok_or_else(missing)?.year;
            let years_since_license = LicenseYearMonth::parse(&resident.license_year_month)
                .map(|license| license.years_since_license(year))
                .unwrap_or_default();
            Ok(Applicant {
                application: DecidedApplication {
                    id: a.id.clone(),
                    program_id: a.program_id.clone(),
                    round_id: a.round_id.clone(),
                    status: a.status,
                    decision: a.decision,
                    updated_at: a.updated_at,
                },
                receipt_number: a.receipt_number,
                applied_at: a.applied_at,
                user_id: resident.user_id.clone(),
                years_since_license,
                profile: form_of(resident),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(web::Json(Page { items, total, page, per_page }))
}
