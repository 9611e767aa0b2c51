//! Specialty training programs (専門研修プログラム): search and detail for all, upkeep for the board.

use senkoi_domain::audit::AuditAction;
use std::collections::HashSet;

use actix_web::{HttpResponse, web};
use chrono::DateTime;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Order, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Set,
    StatementBuilder,
};
use senkoi_domain::capacity::check_capacity_setting;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::program::{parse_capacity, parse_catalogue_name, parse_year, recruiting_in};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::training::{DEFAULT_TRAINING_YEARS, parse_training_years};
use senkoi_domain::wire::{FacilityView, Page, ProgramDetail, ProgramSummary};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::cells::{self, Cell};
use crate::counting::stored_count;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, facility, program, program_affiliation, program_tombstone, round};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::program_counts::{self, Counted, ShownCounts};
use crate::store::programs::{facility_view, programs_with_base_facility};
use crate::store::{find_or_404, like_contains};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_search_programs, search_programs),
        endpoint(__path_create_program, create_program),
        endpoint(__path_get_program, get_program),
        endpoint(__path_update_program, update_program),
        endpoint(__path_delete_program, delete_program),
    ]
}

/// Search filters, combined with AND; all optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramQuery {
    /// Specialty code, e.g. `internal-medicine`.
    #[param(value_type = Option<Specialty>)]
    pub specialty: Option<String>,
    /// Prefecture of the base facility, JIS code `"13"`.
    #[param(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])?$", example = "13")]
    pub prefecture: Option<String>,
    /// Part of the base facility's name (基幹施設名).
    pub facility: Option<String>,
    /// Part of the program's name.
    pub name: Option<String>,
    /// Only programs that recruit in this round (id).
    pub round: Option<String>,
    /// Recruitment year of the program.
    pub year: Option<i32>,
}

/// A program as the board writes it.
#[derive(Debug, Clone, Deserialize, serde::Serialize, ToSchema)]
pub struct ProgramInput {
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")]
    pub name: String,
    #[schema(value_type = Specialty)]
    pub specialty: String,
    #[schema(minimum = 2000, maximum = 2100)]
    #[serde(deserialize_with = "crate::integral::required")]
    pub year: i32,
    #[schema(min_length = 1, max_length = 36)]
    pub base_facility_id: String,
    #[serde(default)]
    pub affiliated_facility_ids: Vec<String>,
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(deserialize_with = "crate::integral::required")]
    pub capacity: u32,
    #[serde(default)]
    pub researcher_course: bool,
    /// 研修年限: how many years the training lasts, from April 1 of `year` (default 3).
    #[schema(minimum = 1, maximum = 6)]
    #[serde(default, deserialize_with = "crate::integral::optional")]
    pub training_years: Option<u32>,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub description: String,
}

/// A partial change of a program: absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProgramPatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")]
    pub name: Option<String>,
    #[schema(value_type = Option<Specialty>)]
    pub specialty: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    #[serde(default, deserialize_with = "crate::integral::optional")]
    pub year: Option<i32>,
    #[schema(min_length = 1, max_length = 36)]
    pub base_facility_id: Option<String>,
    pub affiliated_facility_ids: Option<Vec<String>>,
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(default, deserialize_with = "crate::integral::optional")]
    pub capacity: Option<u32>,
    pub researcher_course: Option<bool>,
    #[schema(minimum = 1, maximum = 6)]
    #[serde(default, deserialize_with = "crate::integral::optional")]
    pub training_years: Option<u32>,
    pub contact: Option<String>,
    pub description: Option<String>,
}

/// One row of the search: the program and its base facility.
#[derive(Debug, FromQueryResult)]
struct ProgramRow {
    id: String,
    name: String,
    specialty: Specialty,
    year: i32,
    base_facility_id: String,
    base_facility_name: String,
    prefecture: Prefecture,
    capacity: i32,
    researcher_course: bool,
}

impl ProgramRow {
    fn counted(&self) -> Counted<'_> {
        Counted { id: &self.id, year: self.year, researcher_course: self.researcher_course }
    }

    fn summary(self, counts: ShownCounts) -> Result<ProgramSummary, ApiError> {
        Ok(ProgramSummary {
            id: self.id,
            name: self.name,
            specialty: self.specialty.code().to_string(),
            year: self.year,
            prefecture: self.prefecture,
            base_facility_id: self.base_facility_id,
            base_facility_name: self.base_facility_name,
            capacity: stored_count(self.capacity, "a program's capacity")?,
            applicant_count: counts.applicants,
            hired_count: counts.hired,
            counts_round_id: counts.round_id,
            counts_round_kind: counts.round_kind,
            researcher_course: self.researcher_course,
            last_results: counts.last_results,
        })
    }
}

/// The summaries of `rows`, with the counts of `asked` or of each one's current or next round.
async fn summaries(
    state: &AppState,
    rows: Vec<ProgramRow>,
    asked: Option<&round::Model>,
) -> Result<Vec<ProgramSummary>, ApiError> {
    let counted: Vec<Counted<'_>> = rows.iter().map(ProgramRow::counted).collect();
    let mut counts = program_counts::counts(&state.db, &counted, asked, state.clock.now()).await?;
    rows.into_iter()
        .map(|row| {
            let shown = counts.remove(&row.id).unwrap_or_default();
            row.summary(shown)
        })
        .collect()
}

/// Program rows with their base facility; filters are added by the caller.
fn program_rows() -> SelectStatement {
    programs_with_base_facility()
        .columns([
            ("p", "id"),
            ("p", "name"),
            ("p", "specialty"),
            ("p", "year"),
            ("p", "base_facility_id"),
            ("p", "capacity"),
            ("p", "researcher_course"),
        ])
        .expr_as(Expr::col(("f", "name")), "base_facility_name")
        .expr_as(Expr::col(("f", "prefecture")), "prefecture")
        .take()
}

/// The search filters, checked and resolved once for both the count and the page.
struct Filters {
    specialty: Option<Specialty>,
    prefecture: Option<Prefecture>,
    facility: Option<String>,
    name: Option<String>,
    year: Option<i32>,
    /// The requested round: only its programs, and its counts.
    round: Option<round::Model>,
}

impl ProgramQuery {
    async fn filters(&self, state: &AppState) -> Result<Filters, ApiError> {
        let bad = |detail: &str| ApiError::bad_request("invalid-query", detail.to_string());
        let given =
            |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let specialty = given(&self.specialty)
            .map(|code| {
                Specialty::parse(&code).map_err(|_| bad("specialty は領域コードで指定してください。"))
            })
            .transpose()?;
        let prefecture = given(&self.prefecture)
            .map(|code| {
                Prefecture::parse(&code)
                    .map_err(|_| bad("prefecture は都道府県コード（01〜47）で指定してください。"))
            })
            .transpose()?;
        let round = asked_round(state, &self.round).await?;
        Ok(Filters {
            specialty,
            prefecture,
            facility: given(&self.facility),
            name: given(&self.name),
            year: self.year,
            round,
        })
    }
}

impl Filters {
    /// Adds the filters to `stmt`, combined with AND.
    fn apply(&self, stmt: &mut SelectStatement) {
        if let Some(specialty) = self.specialty {
            stmt.and_where(Expr::col(("p", "specialty")).eq(specialty.code()));
        }
        if let Some(prefecture) = self.prefecture {
            stmt.and_where(Expr::col(("f", "prefecture")).eq(prefecture.code()));
        }
        if let Some(text) = &self.facility {
            stmt.and_where(Expr::col(("f", "name")).like(like_contains(text)));
        }
        if let Some(text) = &self.name {
            stmt.and_where(Expr::col(("p", "name")).like(like_contains(text)));
        }
        if let Some(year) = self.year {
            stmt.and_where(Expr::col(("p", "year")).eq(year));
        }
        if let Some(round) = &self.round {
            let (year, researcher_course) = recruiting_in(round.year, round.kind);
            stmt.and_where(Expr::col(("p", "year")).eq(year));
            stmt.and_where(Expr::col(("p", "researcher_course")).eq(researcher_course));
        }
    }
}

async fn fetch_rows(state: &AppState, stmt: &impl StatementBuilder) -> Result<Vec<ProgramRow>, ApiError> {
    let statement = state.db.get_database_backend().build(stmt);
    Ok(ProgramRow::find_by_statement(statement).all(&state.db).await?)
}

/// Search programs (AND of the filters), ordered by prefecture, facility and name, one page at a time.
#[utoipa::path(get, path = "/api/v1/programs", tag = "programs", params(ProgramQuery, Paging),
    responses((status = 200, body = Page<ProgramSummary>), (status = 400, body = crate::error::Problem)))]
pub async fn search_programs(
    state: web::Data<AppState>,
    query: web::Query<ProgramQuery>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<ProgramSummary>>, ApiError> {
    let (page, per_page) = paging.checked()?;
    let filters = query.filters(&state).await?;
    let mut count = programs_with_base_facility().expr_as(Expr::cust("COUNT(*)"), "total").take();
    filters.apply(&mut count);
    let total = state
        .db
        .query_one(&count)
        .await?
        .map(|row| row.try_get::<i64>("", "total"))
        .transpose()?
        .unwrap_or(0);

    let mut rows = program_rows();
    filters.apply(&mut rows);
    rows.order_by(("f", "prefecture"), Order::Asc)
        .order_by(("f", "name"), Order::Asc)
        .order_by(("p", "name"), Order::Asc)
        .order_by(("p", "id"), Order::Asc)
        .limit(per_page)
        .offset((page - 1) * per_page);
    let rows = fetch_rows(&state, &rows).await?;
    let items = summaries(&state, rows, filters.round.as_ref()).await?;
    Ok(web::Json(Page { items, total: stored_count(total, "the programs found")?.into(), page, per_page }))
}

/// The round named by `?round=`, if one is; an unknown one is a bad request.
async fn asked_round(state: &AppState, id: &Option<String>) -> Result<Option<round::Model>, ApiError> {
    let Some(id) = id.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let round = round::Entity::find_by_id(id).one(&state.db).await?;
    round
        .map(Some)
        .ok_or_else(|| ApiError::bad_request("invalid-query", "指定された募集はありません。".to_string()))
}

/// `?round=` of a program's page: the round whose counts it shows.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DetailQuery {
    /// The round (id) whose counts to show; by default the program's current or next round.
    pub round: Option<String>,
}

/// The detail of one program, as its page shows it, with the counts of `round` (by default its
/// current or next round).
pub async fn program_detail(
    state: &AppState,
    id: &str,
    round: Option<&round::Model>,
) -> Result<ProgramDetail, ApiError> {
    let mut stmt = program_rows();
    stmt.and_where(Expr::col(("p", "id")).eq(id));
    let rows = fetch_rows(state, &stmt).await?;
    let row = summaries(state, rows, round).await?.into_iter().next().ok_or_else(ApiError::not_found)?;
    let full = find_or_404::<program::Entity>(&state.db, id).await?;
    let affiliated = affiliated_facilities(state, id).await?;
    Ok(ProgramDetail {
        summary: row,
        affiliated_facility_ids: affiliated.iter().map(|f| f.id.clone()).collect(),
        affiliated_facilities: affiliated,
        training_years: stored_count(full.training_years, "a program's training years")?,
        contact: full.contact,
        description: full.description,
    })
}

async fn affiliated_facilities(state: &AppState, program_id: &str) -> Result<Vec<FacilityView>, ApiError> {
    let links = program_affiliation::Entity::find()
        .filter(program_affiliation::Column::ProgramId.eq(program_id))
        .all(&state.db)
        .await?;
    let ids: Vec<String> = links.into_iter().map(|l| l.facility_id).collect();
    let mut facilities: Vec<FacilityView> = facility::Entity::find()
        .filter(facility::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(facility_view)
        .collect();
    facilities.sort_by(|a, b| (&a.prefecture, &a.name).cmp(&(&b.prefecture, &b.name)));
    Ok(facilities)
}

/// One program with capacity, and its applicants and hires in one round (hires `null` until the
/// round's result notification).
#[utoipa::path(get, path = "/api/v1/programs/{id}", tag = "programs", params(DetailQuery),
    responses((status = 200, body = ProgramDetail), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn get_program(
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<web::Json<ProgramDetail>, ApiError> {
    let round = asked_round(&state, &query.round).await?;
    Ok(web::Json(program_detail(&state, &id, round.as_ref()).await?))
}

/// The checked content of a program, ready to be written.
struct CheckedProgram {
    name: String,
    specialty: Specialty,
    year: i32,
    base_facility_id: String,
    affiliated: Vec<String>,
    capacity: u32,
    researcher_course: bool,
    training_years: u32,
    contact: String,
    description: String,
}

impl ProgramInput {
    async fn check(self, db: &impl ConnectionTrait) -> Result<CheckedProgram, ApiError> {
        let name = parse_catalogue_name(&self.name);
        let specialty = Specialty::parse(&self.specialty);
        let year = parse_year(self.year);
        let capacity = parse_capacity(self.capacity);
        let training_years = parse_training_years(self.training_years.unwrap_or(DEFAULT_TRAINING_YEARS));
        let refusals = [
            name.as_ref().err(),
            specialty.as_ref().err(),
            year.as_ref().err(),
            capacity.as_ref().err(),
            training_years.as_ref().err(),
        ];
        let mut errors: Vec<crate::error::FieldError> =
            refusals.into_iter().flatten().cloned().map(crate::error::FieldError::from).collect();
        let mut fail = |field: &str, code: &str, message: &str| {
            errors.push(crate::error::FieldError {
                field: field.into(),
                code: code.into(),
                message: message.into(),
                line: None,
            })
        };
        let mut affiliated = self.affiliated_facility_ids.clone();
        affiliated.sort();
        affiliated.dedup();
        affiliated.retain(|id| id != &self.base_facility_id);
        let mut wanted = affiliated.clone();
        wanted.push(self.base_facility_id.clone());
        let known = facility::Entity::find().filter(facility::Column::Id.is_in(wanted)).all(db).await?;
        let known: HashSet<&str> = known.iter().map(|f| f.id.as_str()).collect();
        if !known.contains(self.base_facility_id.as_str()) {
            fail("base_facility_id", "unknown-facility", "基幹施設が見つかりません。");
        }
        if affiliated.iter().any(|id| !known.contains(id.as_str())) {
            fail("affiliated_facility_ids", "unknown-facility", "連携施設が見つかりません。");
        }
        match (name, specialty, year, capacity, training_years) {
            (Ok(name), Ok(specialty), Ok(year), Ok(capacity), Ok(training_years)) if errors.is_empty() => {
                Ok(CheckedProgram {
                    name,
                    specialty,
                    year,
                    base_facility_id: self.base_facility_id,
                    affiliated,
                    capacity,
                    researcher_course: self.researcher_course,
                    training_years,
                    contact: self.contact.trim().to_string(),
                    description: self.description.trim().to_string(),
                })
            }
            _ => Err(ApiError::Validation(errors)),
        }
    }

    /// The program as stored, in the shape the board writes it.
    async fn stored(db: &impl ConnectionTrait, current: &program::Model) -> Result<ProgramInput, ApiError> {
        let affiliated = program_affiliation::Entity::find()
            .filter(program_affiliation::Column::ProgramId.eq(&current.id))
            .all(db)
            .await?;
        Ok(ProgramInput {
            name: current.name.clone(),
            specialty: current.specialty.code().to_string(),
            year: current.year,
            base_facility_id: current.base_facility_id.clone(),
            affiliated_facility_ids: affiliated.into_iter().map(|a| a.facility_id).collect(),
            capacity: stored_count(current.capacity, "a program's capacity")?,
            researcher_course: current.researcher_course,
            training_years: Some(stored_count(current.training_years, "a program's training years")?),
            contact: current.contact.clone(),
            description: current.description.clone(),
        })
    }

    fn apply(self, patch: ProgramPatch) -> ProgramInput {
        ProgramInput {
            name: patch.name.unwrap_or(self.name),
            specialty: patch.specialty.unwrap_or(self.specialty),
            year: patch.year.unwrap_or(self.year),
            base_facility_id: patch.base_facility_id.unwrap_or(self.base_facility_id),
            affiliated_facility_ids: patch.affiliated_facility_ids.unwrap_or(self.affiliated_facility_ids),
            capacity: patch.capacity.unwrap_or(self.capacity),
            researcher_course: patch.researcher_course.unwrap_or(self.researcher_course),
            training_years: patch.training_years.or(self.training_years),
            contact: patch.contact.unwrap_or(self.contact),
            description: patch.description.unwrap_or(self.description),
        }
    }
}

/// Whether anyone has applied to the program, in any round.
async fn has_applications(db: &impl ConnectionTrait, program_id: &str) -> Result<bool, ApiError> {
    let any =
        application::Entity::find().filter(application::Column::ProgramId.eq(program_id)).one(db).await?;
    Ok(any.is_some())
}

/// Writes a checked program and replaces its affiliations, in the caller's transaction.
async fn save_program(
    tx: &impl ConnectionTrait,
    mut row: program::ActiveModel,
    p: CheckedProgram,
    now: DateTime<Utc>,
) -> Result<program::Model, ApiError> {
    // A new row carries a freshly set id; a loaded one an unchanged id.
    let is_new = row.id.is_set();
    row.name = Set(p.name);
    row.specialty = Set(p.specialty);
    row.year = Set(p.year);
    row.base_facility_id = Set(p.base_facility_id);
    row.capacity = Set(p.capacity as i32);
    row.researcher_course = Set(p.researcher_course);
    row.training_years = Set(p.training_years as i32);
    row.contact = Set(p.contact);
    row.description = Set(p.description);
    row.updated_at = Set(now);
    let saved = if is_new { row.insert(tx).await? } else { row.update(tx).await? };
    program_affiliation::Entity::delete_many()
        .filter(program_affiliation::Column::ProgramId.eq(&saved.id))
        .exec(tx)
        .await?;
    if !p.affiliated.is_empty() {
        program_affiliation::Entity::insert_many(p.affiliated.into_iter().map(|facility_id| {
            program_affiliation::ActiveModel {
                program_id: Set(saved.id.clone()),
                facility_id: Set(facility_id),
            }
        }))
        .exec(tx)
        .await?;
    }
    Ok(saved)
}

/// The program `id` if the change's actor reaches its specialty (a society only its own); 404
/// otherwise, as if it did not exist.
async fn in_reach(change: &Change, id: &str) -> Result<program::Model, ApiError> {
    Some(find_or_404::<program::Entity>(&change.tx, id).await?)
        .filter(|p| change.actor().reaches(p.specialty))
        .ok_or_else(ApiError::not_found)
}

/// Adds a program to the catalogue (board admin, or a society in its specialty).
#[utoipa::path(post, path = "/api/v1/programs", tag = "programs", request_body = ProgramInput, security(("bearer" = [])),
    responses((status = 201, body = ProgramDetail), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_program(
    state: web::Data<AppState>,
    user: AuthUser,
    input: Json<ProgramInput>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin, Role::Society]).await?;
    let checked = input.into_inner().check(&change.tx).await?;
    if !change.actor().reaches(checked.specialty) {
        return Err(ApiError::not_found());
    }
    let row = program::ActiveModel { id: Set(new_id()), created_at: Set(change.now), ..Default::default() };
    let saved = save_program(&change.tx, row, checked, change.now).await?;
    change.commit(AuditAction::ProgramCreated, &saved.id, serde_json::json!({"name": saved.name})).await?;
    Ok(HttpResponse::Created().json(program_detail(&state, &saved.id, None).await?))
}

/// Changes a program (board admin, or a society in its specialty; it cannot move the program
/// to another).
#[utoipa::path(patch, path = "/api/v1/programs/{id}", tag = "programs", request_body = ProgramPatch, security(("bearer" = [])),
    responses((status = 200, body = ProgramDetail), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_program(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    patch: Json<ProgramPatch>,
) -> Result<web::Json<ProgramDetail>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin, Role::Society]).await?;
    let current = in_reach(&change, &id).await?;
    let input_before = ProgramInput::stored(&change.tx, &current).await?;
    let input = input_before.clone().apply(patch.into_inner());
    let checked = input.check(&change.tx).await?;
    if !change.actor().reaches(checked.specialty) {
        return Err(ApiError::not_found());
    }
    let moves_applicants = checked.specialty != current.specialty
        || checked.year != current.year
        || checked.researcher_course != current.researcher_course;
    if moves_applicants && has_applications(&change.tx, &current.id).await? {
        return Err(ApiError::conflict(
            "program-has-applications",
            "応募があるプログラムの基本領域・年度・臨床研究医コースの別は変更できません。",
        ));
    }
    // The lock that decisions take: a capacity lowered while a director accepts is counted
    // against every hire committed before it, and the acceptance after it sees the new capacity.
    let from = Cell::of(&change.tx, &current).await?;
    let to = Cell::at(&change.tx, checked.year, checked.specialty, &checked.base_facility_id).await?;
    cells::lock(&change.tx, &[from, to]).await?;
    let hired = cells::program_hired(&change.tx, &current.id).await?;
    check_capacity_setting(checked.capacity, hired)?;
    if from != to {
        // The hires move with the program to its new base's cell; never past that cell's ceiling.
        cells::check_moves(&change.tx, &[(to, hired)]).await?;
    }
    let saved = save_program(&change.tx, current.into(), checked, change.now).await?;
    let after = ProgramInput::stored(&change.tx, &saved).await?;
    change
        .commit(AuditAction::ProgramUpdated, &saved.id, crate::audit::difference(&input_before, &after))
        .await?;
    Ok(web::Json(program_detail(&state, &saved.id, None).await?))
}

/// Removes a program that nobody has applied to (board admin, or a society in its specialty).
#[utoipa::path(delete, path = "/api/v1/programs/{id}", tag = "programs", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn delete_program(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin, Role::Society]).await?;
    let current = in_reach(&change, &id).await?;
    if has_applications(&change.tx, &current.id).await? {
        return Err(ApiError::conflict("program-has-applications", "応募があるプログラムは削除できません。"));
    }
    program::Entity::delete_by_id(current.id.clone()).exec(&change.tx).await?;
    // Societies' feeds tell of the deletion.
    program_tombstone::ActiveModel {
        program_id: Set(current.id.clone()),
        specialty: Set(current.specialty),
        deleted_at: Set(change.now),
    }
    .insert(&change.tx)
    .await?;
    change
        .commit(AuditAction::ProgramDeleted, &current.id, serde_json::json!({"name": current.name}))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
