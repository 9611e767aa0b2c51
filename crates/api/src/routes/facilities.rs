//! Facilities (施設): base and affiliated hospitals; read by all, kept by the board.

use actix_web::{HttpResponse, web};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::wire::{FacilityView, Page};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::cells::{self, Cell};
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{facility, program, program_affiliation};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::programs::facility_view;
use crate::store::{find_or_404, like_contains};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_facilities, list_facilities),
        endpoint(__path_create_facility, create_facility),
        endpoint(__path_get_facility, get_facility),
        endpoint(__path_update_facility, update_facility),
        endpoint(__path_delete_facility, delete_facility),
    ]
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FacilityQuery {
    /// JIS prefecture code, `"13"`.
    #[param(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])?$", example = "13")]
    pub prefecture: Option<String>,
    /// Part of the facility's name.
    pub name: Option<String>,
}

/// A facility as the board writes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct FacilityInput {
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")]
    pub name: String,
    /// JIS prefecture code, `"13"`.
    #[schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$", example = "13")]
    pub prefecture: String,
}

/// A partial change of a facility.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FacilityPatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")]
    pub name: Option<String>,
    #[schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$", example = "13")]
    pub prefecture: Option<String>,
}

impl FacilityInput {
    /// The name and prefecture by the domain's rules; every refusal at once.
    fn check(self) -> Result<(String, Prefecture), ApiError> {
        let name = senkoi_domain::program::parse_catalogue_name(&self.name);
        let prefecture = Prefecture::parse(&self.prefecture).map_err(|e| e.in_field("prefecture"));
        match (name, prefecture) {
            (Ok(name), Ok(prefecture)) => Ok((name, prefecture)),
            (name, prefecture) => Err(ApiError::refusals(name.err().into_iter().chain(prefecture.err()))),
        }
    }
}

/// Facilities by prefecture and name.
#[utoipa::path(get, path = "/api/v1/facilities", tag = "facilities", params(FacilityQuery, Paging),
    responses((status = 200, body = Page<FacilityView>)))]
pub async fn list_facilities(
    state: web::Data<AppState>,
    query: web::Query<FacilityQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<FacilityView>>, ApiError> {
    let mut select = facility::Entity::find();
    if let Some(code) = query.prefecture.as_deref().filter(|s| !s.is_empty()) {
        let prefecture = Prefecture::parse(code).map_err(|_| {
            ApiError::bad_request(
                "invalid-query",
                "prefecture は都道府県コード（01〜47）で指定してください。",
            )
        })?;
        select = select.filter(facility::Column::Prefecture.eq(prefecture.code()));
    }
    if let Some(name) = query.name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(Expr::col(facility::Column::Name).like(like_contains(name)));
    }
    let select = select.order_by_asc(facility::Column::Prefecture).order_by_asc(facility::Column::Name);
    Ok(web::Json(paging.fetch(&state.db, select, facility_view).await?))
}

/// One facility.
#[utoipa::path(get, path = "/api/v1/facilities/{id}", tag = "facilities",
    responses((status = 200, body = FacilityView), (status = 404, body = crate::error::Problem)))]
pub async fn get_facility(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<FacilityView>, ApiError> {
    let found = find_or_404::<facility::Entity>(&state.db, &id).await?;
    Ok(web::Json(facility_view(found)))
}

/// Adds a facility (board admin).
#[utoipa::path(post, path = "/api/v1/facilities", tag = "facilities", request_body = FacilityInput, security(("bearer" = [])),
    responses((status = 201, body = FacilityView), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_facility(
    state: web::Data<AppState>,
    user: AuthUser,
    input: Json<FacilityInput>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let (name, prefecture) = input.into_inner().check()?;
    let saved = facility::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        prefecture: Set(prefecture),
        created_at: Set(change.now),
        updated_at: Set(change.now),
    }
    .insert(&change.tx)
    .await?;
    change.commit(AuditAction::FacilityCreated, &saved.id, serde_json::json!({"name": saved.name})).await?;
    Ok(HttpResponse::Created().json(facility_view(saved)))
}

/// Changes a facility (board admin).
#[utoipa::path(patch, path = "/api/v1/facilities/{id}", tag = "facilities", request_body = FacilityPatch, security(("bearer" = [])),
    responses((status = 200, body = FacilityView), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update_facility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    patch: Json<FacilityPatch>,
) -> Result<web::Json<FacilityView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = find_or_404::<facility::Entity>(&change.tx, &id).await?;
    let patch = patch.into_inner();
    let (name, prefecture) = FacilityInput {
        name: patch.name.unwrap_or_else(|| current.name.clone()),
        prefecture: patch.prefecture.unwrap_or_else(|| current.prefecture.code()),
    }
    .check()?;
    if prefecture != current.prefecture {
        // Every program based here moves its hires to the new prefecture's cells.
        let mut moves = Vec::new();
        for p in program::Entity::find()
            .filter(program::Column::BaseFacilityId.eq(&current.id))
            .all(&change.tx)
            .await?
        {
            let to = Cell { year: p.year, prefecture, specialty: p.specialty };
            moves.push((to, cells::program_hired(&change.tx, &p.id).await?));
        }
        cells::check_moves(&change.tx, &moves).await?;
    }
    let before = facility_view(current.clone());
    let mut row: facility::ActiveModel = current.into();
    row.name = Set(name);
    row.prefecture = Set(prefecture);
    row.updated_at = Set(change.now);
    let saved = row.update(&change.tx).await?;
    let detail = crate::audit::difference(&before, &facility_view(saved.clone()));
    change.commit(AuditAction::FacilityUpdated, &saved.id, detail).await?;
    Ok(web::Json(facility_view(saved)))
}

/// Removes a facility that no program uses (board admin).
#[utoipa::path(delete, path = "/api/v1/facilities/{id}", tag = "facilities", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn delete_facility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = find_or_404::<facility::Entity>(&change.tx, &id).await?;
    let as_base = program::Entity::find()
        .filter(program::Column::BaseFacilityId.eq(&current.id))
        .count(&change.tx)
        .await?;
    let as_affiliate = program_affiliation::Entity::find()
        .filter(program_affiliation::Column::FacilityId.eq(&current.id))
        .count(&change.tx)
        .await?;
    if as_base + as_affiliate > 0 {
        return Err(ApiError::conflict("facility-in-use", "プログラムで使われている施設は削除できません。"));
    }
    facility::Entity::delete_by_id(current.id.clone()).exec(&change.tx).await?;
    change
        .commit(AuditAction::FacilityDeleted, &current.id, serde_json::json!({"name": current.name}))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
