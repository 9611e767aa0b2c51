//! Public statistics: 都道府県ごとの応募・採用状況 (per prefecture, for a specialty and year) and
//! 年度採用数 (hires per specialty and prefecture in a year). Each is one query over indexed joins,
//! and a decision counts only from its round's result notification. The public figures are
//! counted at most once per `statistics_max_age` seconds (5 by default) and say so in
//! `Cache-Control`; the board's are counted for each request.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::capacity::ceiling_applies;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{AnnualHires, PrefectureStatistics};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{AuthUser, Role};
use crate::counting::{self, count_where, stored_count};
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::round;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::store::programs::programs_with_base_facility;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_prefecture_statistics, prefecture_statistics),
        endpoint(__path_annual_hires, annual_hires),
        endpoint(__path_board_prefecture_statistics, board_prefecture_statistics),
    ]
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrefectureQuery {
    /// Specialty code, e.g. `internal-medicine`.
    #[param(value_type = Specialty)]
    pub specialty: String,
    /// Recruitment year; by default the one whose rounds run now.
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Recruitment year; by default the one whose rounds run now.
    pub year: Option<i32>,
}

fn year_or_current(year: Option<i32>, now: DateTime<Utc>) -> Result<i32, ApiError> {
    match year {
        Some(year) if senkoi_domain::program::parse_year(year).is_err() => {
            Err(ApiError::bad_request("invalid-query", "year は2000〜2100で指定してください。"))
        }
        Some(year) => Ok(year),
        None => Ok(recruitment_year_at(now)),
    }
}

/// Applications of year `year`'s programs with their base facility and round: `a`, `p`, `f`, `r`.
fn applications_of_year(year: i32) -> SelectStatement {
    counting::applications_of_year(year)
        .join_as(JoinType::InnerJoin, "rounds", "r", Expr::col(("r", "id")).equals(("a", "round_id")))
        .take()
}

/// True for an application whose round's results are out at `now`.
fn published(now: DateTime<Utc>) -> SimpleExpr {
    Expr::col(("r", "results_at")).lte(now)
}

#[derive(Debug, FromQueryResult)]
struct PrefectureRow {
    prefecture: Prefecture,
    capacity: i64,
    applicants: i64,
    hired: i64,
    rejected: i64,
    unprocessed: i64,
    ceiling: Option<i32>,
}

/// 都道府県ごとの応募・採用状況: for each of the 47 prefectures, the capacity of the specialty's
/// programs based there, their applicants, and — for rounds whose results are out — the hired,
/// rejected and unprocessed (未処理 or 保留), with the ceiling where one applies.
#[utoipa::path(get, path = "/api/v1/statistics/prefectures", tag = "statistics", params(PrefectureQuery),
    responses((status = 200, description = "One row per prefecture, by JIS code, counted at most \
            `SENKOI_STATISTICS_MAX_AGE` seconds ago (5 by default; `Cache-Control: public, max-age` says how \
            much longer they stand)", body = Vec<PrefectureStatistics>),
        (status = 400, description = "`invalid-query`: unknown specialty or year out of range", body = Problem)))]
pub async fn prefecture_statistics(
    state: web::Data<AppState>,
    query: web::Query<PrefectureQuery>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let (until, rows) = public_prefecture_statistics(&state, &query, now).await?;
    Ok(recent_answer(state.figures.prefectures.seconds_left(until, now), &*rows))
}

/// The public rows for `query` at `now`, as counted at most `statistics_max_age` seconds before
/// and since the last result notification, with the instant they stop being fresh.
pub async fn public_prefecture_statistics(
    state: &AppState,
    query: &PrefectureQuery,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Arc<Vec<PrefectureStatistics>>), ApiError> {
    let (specialty, year) = parse_query(query, now)?;
    let count = async || {
        let rows = prefecture_rows(state, specialty, year, Some(published(now))).await?;
        Ok((rows, next_results_after(state, now).await?))
    };
    state.figures.prefectures.get_or_compute((specialty, year), now, count).await
}

/// The next result notification after `now` of any round: public figures counted before it are
/// not given after it (its decisions become public at that instant).
async fn next_results_after(state: &AppState, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ApiError> {
    Ok(round::Entity::find()
        .select_only()
        .column(round::Column::ResultsAt)
        .filter(round::Column::ResultsAt.gt(now))
        .order_by_asc(round::Column::ResultsAt)
        .into_tuple::<DateTime<Utc>>()
        .one(&state.db)
        .await?)
}

/// A public answer that caches may keep for `max_age` seconds, as the server itself does.
fn recent_answer(max_age: i64, body: &impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::CACHE_CONTROL, format!("public, max-age={max_age}"))).json(body)
}

/// The specialty and year a statistics query names (the current year when it names none).
fn parse_query(query: &PrefectureQuery, now: DateTime<Utc>) -> Result<(Specialty, i32), ApiError> {
    let specialty = Specialty::parse(query.specialty.trim())
        .map_err(|_| ApiError::bad_request("invalid-query", "specialty は領域コードで指定してください。"))?;
    Ok((specialty, year_or_current(query.year, now)?))
}

/// The same rows for the board, with every decision counted as it stands now, before any result
/// notification: the board watches the rounds while they run.
#[utoipa::path(get, path = "/api/v1/board/prefectures", tag = "statistics", params(PrefectureQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One row per prefecture, by JIS code", body = Vec<PrefectureStatistics>),
        (status = 400, description = "`invalid-query`: unknown specialty or year out of range", body = Problem),
        (status = 403, description = "Not the board", body = Problem)))]
pub async fn board_prefecture_statistics(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<PrefectureQuery>,
) -> Result<web::Json<Vec<PrefectureStatistics>>, ApiError> {
    user.require(&[Role::Admin])?;
    let (specialty, year) = parse_query(&query, state.clock.now())?;
    Ok(web::Json(prefecture_rows(&state, specialty, year, None).await?))
}

/// The 47 rows of `specialty` in `year`; decisions count where `visible` holds (every one when
/// `None`).
async fn prefecture_rows(
    state: &AppState,
    specialty: Specialty,
    year: i32,
    visible: Option<SimpleExpr>,
) -> Result<Vec<PrefectureStatistics>, ApiError> {
    let capacity = programs_with_base_facility()
        .expr_as(Expr::col(("f", "prefecture")), "prefecture")
        .expr_as(Expr::col(("p", "capacity")).sum(), "capacity")
        .and_where(Expr::col(("p", "year")).eq(year))
        .and_where(Expr::col(("p", "specialty")).eq(specialty))
        .group_by_col(("f", "prefecture"))
        .take();
    let status = || Expr::col(("a", "status"));
    let counts = applications_of_year(year)
        .expr_as(Expr::col(("f", "prefecture")), "prefecture")
        .expr_as(count_where(status(), ApplicationStatus::counts_as_applicant, None), "applicants")
        .expr_as(count_where(status(), ApplicationStatus::is_hired, visible.clone()), "hired")
        .expr_as(count_where(status(), |s| s == ApplicationStatus::Rejected, visible.clone()), "rejected")
        .expr_as(count_where(status(), ApplicationStatus::is_pending, visible), "unprocessed")
        .and_where(Expr::col(("p", "specialty")).eq(specialty))
        .group_by_col(("f", "prefecture"))
        .take();
    let zero = |table: &str, column: &str| Expr::col((Alias::new(table), Alias::new(column))).if_null(0);
    let stmt = Query::select()
        .expr_as(Expr::col(("pr", "code")), "prefecture")
        .expr_as(zero("cap", "capacity"), "capacity")
        .expr_as(zero("st", "applicants"), "applicants")
        .expr_as(zero("st", "hired"), "hired")
        .expr_as(zero("st", "rejected"), "rejected")
        .expr_as(zero("st", "unprocessed"), "unprocessed")
        .expr_as(Expr::col(("c", "ceiling")), "ceiling")
        .from_as("prefectures", "pr")
        .join_subquery(
            JoinType::LeftJoin,
            capacity,
            "cap",
            Expr::col(("cap", "prefecture")).equals(("pr", "code")),
        )
        .join_subquery(
            JoinType::LeftJoin,
            counts,
            "st",
            Expr::col(("st", "prefecture")).equals(("pr", "code")),
        )
        .join_as(
            JoinType::LeftJoin,
            "ceilings",
            "c",
            Expr::col(("c", "prefecture"))
                .equals(("pr", "code"))
                .and(Expr::col(("c", "year")).eq(year))
                .and(Expr::col(("c", "specialty")).eq(specialty)),
        )
        .order_by(("pr", "code"), Order::Asc)
        .take();
    let statement = state.db.get_database_backend().build(&stmt);
    let rows = PrefectureRow::find_by_statement(statement).all(&state.db).await?;
    let statistics = rows
        .into_iter()
        .map(|row| {
            let applies = ceiling_applies(row.prefecture, specialty);
            Ok(PrefectureStatistics {
                prefecture: row.prefecture,
                capacity: stored_count(row.capacity, "a prefecture's capacity")?,
                applicants: stored_count(row.applicants, "a prefecture's applicants")?,
                hired: stored_count(row.hired, "a prefecture's hires")?,
                rejected: stored_count(row.rejected, "a prefecture's rejections")?,
                unprocessed: stored_count(row.unprocessed, "a prefecture's unprocessed applications")?,
                ceiling: row.ceiling.filter(|_| applies).map(|c| stored_count(c, "a ceiling")).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(statistics)
}

#[derive(Debug, FromQueryResult)]
struct HiresRow {
    specialty: Specialty,
    prefecture: Prefecture,
    hired: i64,
}

/// 年度採用数: the hires of each specialty in each prefecture in a recruitment year, counting the
/// rounds whose results are out; only cells with hires, by specialty and prefecture.
#[utoipa::path(get, path = "/api/v1/statistics/annual-hires", tag = "statistics", params(YearQuery),
    responses((status = 200, description = "Hires per specialty and prefecture, counted at most \
            `SENKOI_STATISTICS_MAX_AGE` seconds ago, as the prefecture statistics", body = Vec<AnnualHires>),
        (status = 400, description = "`invalid-query`: year out of range", body = Problem)))]
pub async fn annual_hires(
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let year = year_or_current(query.year, now)?;
    let count = async || {
        Ok::<_, ApiError>((hires_of_year(&state, year, now).await?, next_results_after(&state, now).await?))
    };
    let (until, rows) = state.figures.annual_hires.get_or_compute(year, now, count).await?;
    Ok(recent_answer(state.figures.annual_hires.seconds_left(until, now), &*rows))
}

/// The cells of `year` with hires published at `now`, by specialty and prefecture.
async fn hires_of_year(
    state: &AppState,
    year: i32,
    now: DateTime<Utc>,
) -> Result<Vec<AnnualHires>, ApiError> {
    let hired = count_where(Expr::col(("a", "status")), ApplicationStatus::is_hired, Some(published(now)));
    let stmt = applications_of_year(year)
        .expr_as(Expr::col(("p", "specialty")), "specialty")
        .expr_as(Expr::col(("f", "prefecture")), "prefecture")
        .expr_as(hired, "hired")
        .group_by_col(("p", "specialty"))
        .group_by_col(("f", "prefecture"))
        .take();
    let statement = state.db.get_database_backend().build(&stmt);
    let mut rows: Vec<AnnualHires> = HiresRow::find_by_statement(statement)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|row| row.hired > 0)
        .map(|row| {
            Ok(AnnualHires {
                year,
                specialty: row.specialty,
                prefecture: row.prefecture,
                hired: stored_count(row.hired, "a year's hires")?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    rows.sort_by(|a, b| (a.specialty, &a.prefecture).cmp(&(b.specialty, &b.prefecture)));
    Ok(rows)
}
