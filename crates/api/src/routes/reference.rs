//! Reference data: the 19 basic specialties (基本領域), the 47 prefectures (都道府県), and the
//! server's clock.

use actix_web::web;
use chrono::Datelike;
use sea_orm::{EntityTrait, QueryOrder};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{Page, PrefectureView, ServerTime, SpecialtyView};

use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{prefecture, specialty};
use crate::error::ApiError;
use crate::state::AppState;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_specialties, list_specialties),
        endpoint(__path_list_prefectures, list_prefectures),
        endpoint(__path_server_time, server_time),
    ]
}

/// The server's clock, which alone decides whether a period is open: clients show periods by it
/// rather than by their own device's clock, which may be wrong.
#[utoipa::path(get, path = "/api/v1/time", tag = "reference",
    responses((status = 200, description = "The server's current instant", body = ServerTime)))]
pub async fn server_time(state: web::Data<AppState>) -> web::Json<ServerTime> {
    web::Json(ServerTime { now: state.clock.now() })
}

/// Wraps a whole, short list as one page.
pub fn one_page<T>(items: Vec<T>) -> Page<T> {
    let total = items.len() as u64;
    Page { items, total, page: 1, per_page: total.max(1) }
}

/// The basic specialties, in the board's order.
#[utoipa::path(get, path = "/api/v1/specialties", tag = "reference",
    responses((status = 200, body = Page<SpecialtyView>)))]
pub async fn list_specialties(
    state: web::Data<AppState>,
) -> Result<web::Json<Page<SpecialtyView>>, ApiError> {
    let rows = specialty::Entity::find().order_by_asc(specialty::Column::SortOrder).all(&state.db).await?;
    // Whether records come by data linkage depends on the cohort; this answers for this year's.
    let cohort = state.clock.now().year();
    let items = rows
        .into_iter()
        .map(|row| SpecialtyView {
            records_linked: Specialty::parse(&row.code).is_ok_and(|s| s.records_linked(cohort)),
            code: row.code,
            name_ja: row.name_ja,
            name_en: row.name_en,
            ceiling_exempt: row.ceiling_exempt,
        })
        .collect();
    Ok(web::Json(one_page(items)))
}

/// The prefectures by JIS code.
#[utoipa::path(get, path = "/api/v1/prefectures", tag = "reference",
    responses((status = 200, body = Page<PrefectureView>)))]
pub async fn list_prefectures(
    state: web::Data<AppState>,
) -> Result<web::Json<Page<PrefectureView>>, ApiError> {
    let rows = prefecture::Entity::find().order_by_asc(prefecture::Column::Code).all(&state.db).await?;
    let items = rows
        .into_iter()
        .map(|row| PrefectureView {
            code: row.code,
            name_ja: row.name_ja,
            name_en: row.name_en,
            has_ceiling: row.has_ceiling,
        })
        .collect();
    Ok(web::Json(one_page(items)))
}
