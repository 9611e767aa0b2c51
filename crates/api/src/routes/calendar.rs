//! The master schedule (マスタースケジュール) as an iCalendar feed, so residents and directors
//! can subscribe to every deadline: `GET /api/v1/rounds.ics?year=`.

use actix_web::{HttpResponse, web};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::endpoint::{Endpoint, endpoint};
use crate::entities::round;
use crate::error::{ApiError, Problem};
use crate::ical::{self, Event};
use crate::state::AppState;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint(__path_schedule_calendar, schedule_calendar)]
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// Recruitment year (年度); all years when absent.
    pub year: Option<i32>,
}

/// The rounds' periods and result notifications as calendar events, every instant in JST.
#[utoipa::path(get, path = "/api/v1/rounds.ics", tag = "rounds", params(CalendarQuery),
    responses(
        (status = 200, description = "An iCalendar (RFC 5545) feed", content_type = "text/calendar", body = String),
        (status = 400, description = "`invalid-query`", body = Problem),
    ))]
pub async fn schedule_calendar(
    state: web::Data<AppState>,
    query: web::Query<CalendarQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut select = round::Entity::find();
    if let Some(year) = query.year {
        select = select.filter(round::Column::Year.eq(year));
    }
    let rounds = select.order_by_asc(round::Column::ApplicationStartsAt).all(&state.db).await?;
    let mut events = Vec::new();
    for row in &rounds {
        let schedule = row.schedule()?;
        let name = format!("{}年度 {}", schedule.year, schedule.kind.name_ja());
        let english = format!("{} {}", schedule.year, schedule.kind.name_en());
        let mut period = |key: &str, ja: &str, en: &str, start, end| {
            events.push(Event {
                uid: format!("{}-{key}@senkoi", row.id),
                stamp: row.updated_at,
                start,
                end,
                summary: format!("{name} {ja} / {english}: {en}"),
            })
        };
        let application = schedule.application;
        period("applications", "応募期間", "applications", application.start, Some(application.end));
        if let Some(w) = schedule.adjustment {
            period("adjustment", "採用調整期間", "adjustment", w.start, Some(w.end));
        }
        if let Some(w) = schedule.confirmation {
            period("confirmation", "募集実施確認期間", "confirmation", w.start, Some(w.end));
        }
        period("results", "採用結果通知", "results", schedule.results_at, None);
    }
    let title = match query.year {
        Some(year) => format!("専攻医募集 マスタースケジュール {year}年度"),
        None => "専攻医募集 マスタースケジュール".to_string(),
    };
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("content-disposition", "inline; filename=\"senkoi-schedule.ics\""))
        .body(ical::calendar(&title, &events)))
}
