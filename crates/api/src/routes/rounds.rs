//! Recruitment rounds (募集): the master schedule for all, its upkeep for the board.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::Window;
use senkoi_domain::wire::{Page, RoundView};
use serde::Deserialize;
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::{IntoParams, ToSchema};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, round};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::find_or_404;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_rounds, list_rounds),
        endpoint(__path_create_round, create_round),
        endpoint(__path_get_round, get_round),
        endpoint(__path_update_round, update_round),
        endpoint(__path_delete_round, delete_round),
    ]
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// Recruitment year (年度), e.g. 2024 = training starts April 2024.
    pub year: Option<i32>,
}

/// What an instant of a schedule is written as: RFC 3339, with its offset (`Z` or `+09:00`).
pub const RFC3339_PATTERN: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

/// The schema of an instant the board writes: a date-time string of [`RFC3339_PATTERN`].
fn instant() -> Object {
    instant_of(Type::String.into())
}

/// The schema of an instant that may be absent (`null`).
fn optional_instant() -> Object {
    instant_of(SchemaType::from_iter([Type::String, Type::Null]))
}

fn instant_of(schema_type: SchemaType) -> Object {
    ObjectBuilder::new()
        .schema_type(schema_type)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .pattern(Some(RFC3339_PATTERN))
        .build()
}

/// A round's schedule as the board writes it. Instants are RFC 3339 with offset.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RoundInput {
    #[schema(minimum = 2000, maximum = 2100)]
    #[serde(deserialize_with = "crate::integral::required")]
    pub year: i32,
    pub kind: RoundKind,
    #[schema(schema_with = instant)]
    pub application_starts_at: DateTime<Utc>,
    #[schema(schema_with = instant)]
    pub application_ends_at: DateTime<Utc>,
    #[schema(schema_with = optional_instant)]
    pub adjustment_starts_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub adjustment_ends_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub confirmation_starts_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub confirmation_ends_at: Option<DateTime<Utc>>,
    #[schema(schema_with = instant)]
    pub results_at: DateTime<Utc>,
}

/// A partial change of a round: absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RoundPatch {
    #[schema(minimum = 2000, maximum = 2100)]
    #[serde(default, deserialize_with = "crate::integral::optional")]
    pub year: Option<i32>,
    pub kind: Option<RoundKind>,
    #[schema(schema_with = optional_instant)]
    pub application_starts_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub application_ends_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub adjustment_starts_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub adjustment_ends_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub confirmation_starts_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub confirmation_ends_at: Option<DateTime<Utc>>,
    #[schema(schema_with = optional_instant)]
    pub results_at: Option<DateTime<Utc>>,
}

impl RoundInput {
    /// The schedule, checked by the domain's rules on the order of periods.
    pub fn schedule(&self) -> Result<RoundSchedule, ApiError> {
        senkoi_domain::program::parse_year(self.year)?;
        let window = |start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>, field: &'static str| match (
            start, end,
        ) {
            (Some(start), Some(end)) => {
                Window::new(start, end).map(Some).map_err(|e| ApiError::from(e.in_field(field)))
            }
            (None, None) => Ok(None),
            _ => Err(ApiError::invalid(
                field,
                "incomplete-period",
                "期間の開始と終了の両方を指定してください。",
            )),
        };
        let application = Window::new(self.application_starts_at, self.application_ends_at)
            .map_err(|e| e.in_field("application_ends_at"))?;
        let adjustment = window(self.adjustment_starts_at, self.adjustment_ends_at, "adjustment_ends_at")?;
        let confirmation =
            window(self.confirmation_starts_at, self.confirmation_ends_at, "confirmation_ends_at")?;
        Ok(RoundSchedule::new(self.year, self.kind, application, adjustment, confirmation, self.results_at)?)
    }

    fn apply(self, patch: RoundPatch) -> RoundInput {
        RoundInput {
            year: patch.year.unwrap_or(self.year),
            kind: patch.kind.unwrap_or(self.kind),
            application_starts_at: patch.application_starts_at.unwrap_or(self.application_starts_at),
            application_ends_at: patch.application_ends_at.unwrap_or(self.application_ends_at),
            adjustment_starts_at: patch.adjustment_starts_at.or(self.adjustment_starts_at),
            adjustment_ends_at: patch.adjustment_ends_at.or(self.adjustment_ends_at),
            confirmation_starts_at: patch.confirmation_starts_at.or(self.confirmation_starts_at),
            confirmation_ends_at: patch.confirmation_ends_at.or(self.confirmation_ends_at),
            results_at: patch.results_at.unwrap_or(self.results_at),
        }
    }
}

impl From<&round::Model> for RoundInput {
    fn from(m: &round::Model) -> RoundInput {
        RoundInput {
            year: m.year,
            kind: m.kind,
            application_starts_at: m.application_starts_at,
            application_ends_at: m.application_ends_at,
            adjustment_starts_at: m.adjustment_starts_at,
            adjustment_ends_at: m.adjustment_ends_at,
            confirmation_starts_at: m.confirmation_starts_at,
            confirmation_ends_at: m.confirmation_ends_at,
            results_at: m.results_at,
        }
    }
}

fn view(m: round::Model) -> RoundView {
    RoundView {
        kind: m.kind,
        id: m.id,
        year: m.year,
        application_starts_at: m.application_starts_at,
        application_ends_at: m.application_ends_at,
        adjustment_starts_at: m.adjustment_starts_at,
        adjustment_ends_at: m.adjustment_ends_at,
        confirmation_starts_at: m.confirmation_starts_at,
        confirmation_ends_at: m.confirmation_ends_at,
        results_at: m.results_at,
    }
}

/// Writes a checked schedule into a row's columns.
fn set_schedule(row: &mut round::ActiveModel, s: &RoundSchedule, now: DateTime<Utc>) {
    row.year = Set(s.year);
    row.kind = Set(s.kind);
    row.application_starts_at = Set(s.application.start);
    row.application_ends_at = Set(s.application.end);
    row.adjustment_starts_at = Set(s.adjustment.map(|w| w.start));
    row.adjustment_ends_at = Set(s.adjustment.map(|w| w.end));
    row.confirmation_starts_at = Set(s.confirmation.map(|w| w.start));
    row.confirmation_ends_at = Set(s.confirmation.map(|w| w.end));
    row.results_at = Set(s.results_at);
    row.updated_at = Set(now);
}

/// A year and kind may have only one round.
async fn ensure_unique(
    tx: &impl sea_orm::ConnectionTrait,
    s: &RoundSchedule,
    except: Option<&str>,
) -> Result<(), ApiError> {
    let mut query = round::Entity::find()
        .filter(round::Column::Year.eq(s.year))
        .filter(round::Column::Kind.eq(s.kind.code()));
    if let Some(id) = except {
        query = query.filter(round::Column::Id.ne(id));
    }
    if query.count(tx).await? > 0 {
        return Err(ApiError::conflict(
            "round-exists",
            "この年度には同じ種類の募集がすでに登録されています。",
        ));
    }
    Ok(())
}

/// The master schedule (マスタースケジュール): rounds by year, then in the order they run.
#[utoipa::path(get, path = "/api/v1/rounds", tag = "rounds", params(RoundQuery, Paging),
    responses((status = 200, body = Page<RoundView>), (status = 400, body = crate::error::Problem)))]
pub async fn list_rounds(
    state: web::Data<AppState>,
    query: web::Query<RoundQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<RoundView>>, ApiError> {
    let mut select = round::Entity::find();
    if let Some(year) = query.year {
        select = select.filter(round::Column::Year.eq(year));
    }
    let select = select.order_by_desc(round::Column::Year).order_by_asc(round::Column::ApplicationStartsAt);
    Ok(web::Json(paging.fetch(&state.db, select, view).await?))
}

/// One round.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "rounds",
    responses((status = 200, body = RoundView), (status = 404, body = crate::error::Problem)))]
pub async fn get_round(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<RoundView>, ApiError> {
    Ok(web::Json(view(find_or_404::<round::Entity>(&state.db, &id).await?)))
}

/// Adds a round to the schedule (board admin).
#[utoipa::path(post, path = "/api/v1/rounds", tag = "rounds", request_body = RoundInput, security(("bearer" = [])),
    responses((status = 201, body = RoundView), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_round(
    state: web::Data<AppState>,
    user: AuthUser,
    input: Json<RoundInput>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let schedule = input.schedule()?;
    ensure_unique(&change.tx, &schedule, None).await?;
    let mut row = round::ActiveModel { id: Set(new_id()), created_at: Set(change.now), ..Default::default() };
    set_schedule(&mut row, &schedule, change.now);
    let saved = row.insert(&change.tx).await?;
    change
        .commit(
            AuditAction::RoundCreated,
            &saved.id,
            serde_json::json!({"year": saved.year, "kind": saved.kind}),
        )
        .await?;
    Ok(HttpResponse::Created().json(view(saved)))
}

/// Changes a round's schedule (board admin); the whole result is checked again.
#[utoipa::path(patch, path = "/api/v1/rounds/{id}", tag = "rounds", request_body = RoundPatch, security(("bearer" = [])),
    responses((status = 200, body = RoundView), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update_round(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    patch: Json<RoundPatch>,
) -> Result<web::Json<RoundView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = find_or_404::<round::Entity>(&change.tx, &id).await?;
    let schedule = RoundInput::from(&current).apply(patch.into_inner()).schedule()?;
    ensure_unique(&change.tx, &schedule, Some(&current.id)).await?;
    let before = view(current.clone());
    let mut row: round::ActiveModel = current.into();
    set_schedule(&mut row, &schedule, change.now);
    let saved = row.update(&change.tx).await?;
    let detail = crate::audit::difference(&before, &view(saved.clone()));
    change.commit(AuditAction::RoundUpdated, &saved.id, detail).await?;
    Ok(web::Json(view(saved)))
}

/// Removes a round that has no applications (board admin).
#[utoipa::path(delete, path = "/api/v1/rounds/{id}", tag = "rounds", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn delete_round(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = find_or_404::<round::Entity>(&change.tx, &id).await?;
    if application::Entity::find()
        .filter(application::Column::RoundId.eq(&current.id))
        .count(&change.tx)
        .await?
        > 0
    {
        return Err(ApiError::conflict("round-has-applications", "応募がある募集は削除できません。"));
    }
    round::Entity::delete_by_id(current.id.clone()).exec(&change.tx).await?;
    change
        .commit(
            AuditAction::RoundDeleted,
            &current.id,
            serde_json::json!({"year": current.year, "kind": current.kind}),
        )
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
