//! Ceilings (シーリング) for the board: each cell's ceiling with its hires and the suggested value
//! (the mean of the last five years' hires), setting one, importing many from CSV (all or
//! nothing, bad rows reported by line), and a what-if that saves nothing. A ceiling is never set
//! below the hires its cell already made; the cell is locked while it is checked and saved, so a
//! director's acceptance cannot slip past it.

use senkoi_domain::audit::{AuditAction, AuditSubject};
use std::collections::{BTreeMap, HashMap};

use actix_web::web;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use senkoi_domain::DomainError;
use senkoi_domain::capacity::{
    ceiling_applies, ceiling_cells, check_ceiling_setting, excess_over, parse_ceiling, suggested_ceiling,
    suggestion_years,
};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::program::parse_year;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{CeilingImportReport, CeilingRequest, CeilingView, WhatIfCell, WhatIfRequest};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::cells::{self, Cell, hires_by_cell};
use crate::counting::stored_count;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{ceiling, round};
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use crate::tabular::{self, refused, refused_by};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_ceilings, list_ceilings),
        endpoint(__path_import_ceilings, import_ceilings),
        endpoint(__path_what_if, what_if),
        endpoint(__path_set_ceiling, set_ceiling),
    ]
}

/// `?year=`: the recruitment year.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CeilingQuery {
    pub year: i32,
}

/// The cell a ceiling applies to, from its parts; `None` where no ceiling applies.
fn ceiling_cell(year: i32, prefecture: &str, specialty: &str) -> Option<Cell> {
    let cell = Cell {
        year,
        prefecture: Prefecture::parse(prefecture).ok()?,
        specialty: Specialty::parse(specialty).ok()?,
    };
    ceiling_applies(cell.prefecture, cell.specialty).then_some(cell)
}

/// The views of `cells` (all of one year), with hires and suggestions.
async fn views(db: &impl ConnectionTrait, year: i32, cells: &[Cell]) -> Result<Vec<CeilingView>, ApiError> {
    let held: Vec<i32> = round::Entity::find()
        .select_only()
        .column(round::Column::Year)
        .distinct()
        .filter(round::Column::Year.gte(year - 5))
        .filter(round::Column::Year.lt(year))
        .into_tuple()
        .all(db)
        .await?;
    let years = suggestion_years(year, held);
    let hires = hires_by_cell(db, year - 5, year).await?;
    let set: HashMap<(Prefecture, Specialty), ceiling::Model> = ceiling::Entity::find()
        .filter(ceiling::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|c| ((c.prefecture, c.specialty), c))
        .collect();
    let hired_in = |cell: &Cell, year| hires.get(&Cell { year, ..*cell }).copied().unwrap_or(0);
    cells
        .iter()
        .map(|cell| {
            let row = set.get(&(cell.prefecture, cell.specialty));
            let past: Vec<u32> = years.iter().map(|y| hired_in(cell, *y)).collect();
            Ok(CeilingView {
                year,
                prefecture: cell.prefecture,
                specialty: cell.specialty,
                ceiling: row.map(|c| stored_count(c.ceiling, "a ceiling")).transpose()?,
                hired: hired_in(cell, year),
                suggested: suggested_ceiling(&past),
                suggested_from_years: years.clone(),
                updated_at: row.map(|c| c.updated_at),
            })
        })
        .collect()
}

/// Every cell of the year where a ceiling applies (the five ceiling prefectures × the specialties
/// that are not exempt), set or not.
#[utoipa::path(get, path = "/api/v1/ceilings", tag = "ceilings", params(CeilingQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's cells", body = Vec<CeilingView>),
        (status = 422, description = "`invalid-year`", body = Problem),
    ))]
pub async fn list_ceilings(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CeilingQuery>,
) -> Result<web::Json<Vec<CeilingView>>, ApiError> {
    user.require(&[Role::Admin])?;
    let year = parse_year(query.year)?;
    let cells: Vec<Cell> =
        ceiling_cells().map(|(prefecture, specialty)| Cell { year, prefecture, specialty }).collect();
    Ok(web::Json(views(&state.db, year, &cells).await?))
}

/// Saves `wanted` ceilings in `change`, each checked against its cell's hires with the cells
/// locked; answers the first refusal (with its index in `wanted`).
async fn save(change: &Change, wanted: &[(Cell, u32)]) -> Result<(), (usize, ApiError)> {
    let cells: Vec<Cell> = wanted.iter().map(|(cell, _)| *cell).collect();
    cells::lock(&change.tx, &cells).await.map_err(|e| (0, e))?;
    for (index, (cell, value)) in wanted.iter().enumerate() {
        let hired = cell.hired(&change.tx).await.map_err(|e| (index, e))?;
        check_ceiling_setting(*value, hired).map_err(|e| (index, e.into()))?;
        let row = ceiling::ActiveModel {
            year: Set(cell.year),
            prefecture: Set(cell.prefecture),
            specialty: Set(cell.specialty),
            ceiling: Set(i32::try_from(*value).unwrap_or(i32::MAX)),
            updated_at: Set(change.now),
        };
        let upsert = OnConflict::columns([
            ceiling::Column::Year,
            ceiling::Column::Prefecture,
            ceiling::Column::Specialty,
        ])
        .update_columns([ceiling::Column::Ceiling, ceiling::Column::UpdatedAt])
        .to_owned();
        ceiling::Entity::insert(row)
            .on_conflict(upsert)
            .exec(&change.tx)
            .await
            .map_err(|e| (index, e.into()))?;
    }
    Ok(())
}

/// Sets one cell's ceiling. 404 where no ceiling applies (another prefecture, an exempt
/// specialty); 409 `ceiling-below-hires` (with `figures`) below the hires already made.
#[utoipa::path(put, path = "/api/v1/ceilings/{year}/{prefecture}/{specialty}", tag = "ceilings",
    request_body = CeilingRequest, security(("bearer" = [])),
    responses(
        (status = 200, description = "Set", body = CeilingView),
        (status = 404, description = "No ceiling applies to this cell", body = Problem),
        (status = 409, description = "`ceiling-below-hires`, with `figures`", body = Problem),
        (status = 422, description = "`invalid-ceiling`, `invalid-year`", body = Problem),
    ))]
pub async fn set_ceiling(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i32, String, String)>,
    body: Json<CeilingRequest>,
) -> Result<web::Json<CeilingView>, ApiError> {
    let (year, prefecture, specialty) = path.into_inner();
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let year = parse_year(year)?;
    let cell = ceiling_cell(year, &prefecture, &specialty).ok_or_else(ApiError::not_found)?;
    let entity_id = AuditSubject::ceiling_entity_id(year, cell.prefecture, cell.specialty);
    let value = parse_ceiling(body.ceiling)?;
    let before = cell.ceiling(&change.tx).await?;
    save(&change, &[(cell, value)]).await.map_err(|(_, e)| e)?;
    let view = views(&change.tx, year, &[cell]).await?.remove(0);
    let detail = serde_json::json!({"year": year, "prefecture": prefecture, "specialty": specialty,
        "before": before, "after": value});
    change.commit(AuditAction::CeilingSet, &entity_id, detail).await?;
    Ok(web::Json(view))
}

/// The columns of an import file.
const IMPORT_COLUMNS: [&str; 4] = ["year", "prefecture", "specialty", "ceiling"];

/// One row of an import file, checked, or every refusal of it.
fn import_row(mut row: tabular::Row) -> Result<(Cell, u32), Vec<FieldError>> {
    let line = row.line;
    let (year, prefecture, specialty, value) =
        (row.take("year"), row.take("prefecture"), row.take("specialty"), row.take("ceiling"));
    let mut errors = Vec::new();
    let invalid = |field, code| DomainError::Invalid { field, code };
    let year = year
        .parse::<i32>()
        .map_err(|_| invalid("year", "invalid-year"))
        .and_then(parse_year)
        .map_err(|e| errors.push(refused_by(line, e)))
        .ok();
    let prefecture = Prefecture::parse(&prefecture).map_err(|e| errors.push(refused_by(line, e))).ok();
    let specialty = Specialty::parse(&specialty).map_err(|e| errors.push(refused_by(line, e))).ok();
    let value = value
        .parse::<u32>()
        .map_err(|_| invalid("ceiling", "invalid-ceiling"))
        .and_then(parse_ceiling)
        .map_err(|e| errors.push(refused_by(line, e)))
        .ok();
    match (year, prefecture, specialty, value) {
        (Some(year), Some(prefecture), Some(specialty), Some(value)) if errors.is_empty() => {
            if ceiling_applies(prefecture, specialty) {
                Ok((Cell { year, prefecture, specialty }, value))
            } else {
                Err(vec![refused(
                    line,
                    "specialty",
                    "ceiling-not-applicable",
                    format!("{line}行目: この都道府県・領域にはシーリングがありません。"),
                )])
            }
        }
        _ => Err(errors),
    }
}

/// Imports ceilings from CSV (UTF-8, header `year,prefecture,specialty,ceiling`). Every row is
/// checked first, against the hires too: one bad row refuses the file with every bad row
/// reported by line, and nothing is saved.
#[utoipa::path(post, path = "/api/v1/ceilings/import", tag = "ceilings", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv",
        description = "Header row `year,prefecture,specialty,ceiling`; prefectures as JIS codes (`13`), \
            specialties as codes (`internal-medicine`)."),
    responses(
        (status = 200, description = "Imported, all of it", body = CeilingImportReport),
        (status = 413, description = "`payload-too-large`", body = Problem),
        (status = 422, description = "`validation-failed`: every refused row in `errors`, with its `line`", body = Problem),
    ))]
pub async fn import_ceilings(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Bytes,
) -> Result<web::Json<CeilingImportReport>, ApiError> {
    user.require(&[Role::Admin])?;
    let rows = tabular::read(&body, &IMPORT_COLUMNS).map_err(ApiError::Validation)?;
    let (mut wanted, mut lines, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen: BTreeMap<Cell, u64> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        match import_row(row) {
            Ok((cell, _)) if seen.contains_key(&cell) => errors.push(refused(
                line,
                "file",
                "duplicate-cell",
                format!("{line}行目: {}行目と同じ年度・都道府県・領域です。", seen[&cell]),
            )),
            Ok((cell, value)) => {
                seen.insert(cell, line);
                wanted.push((cell, value));
                lines.push(line);
            }
            Err(mut refusals) => errors.append(&mut refusals),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    if let Err((index, error)) = save(&change, &wanted).await {
        return Err(match error {
            ApiError::Domain(e) => ApiError::Validation(vec![refused_by(lines[index], e)]),
            other => other,
        });
    }
    let imported = u32::try_from(wanted.len()).unwrap_or(u32::MAX);
    change.commit(AuditAction::CeilingsImported, "import", serde_json::json!({"imported": imported})).await?;
    Ok(web::Json(CeilingImportReport { imported }))
}

/// 試算: for proposed ceilings of a year, how many of each cell's current hires would be beyond
/// them. Nothing is saved.
#[utoipa::path(post, path = "/api/v1/ceilings/what-if", tag = "ceilings", request_body = WhatIfRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Per proposed cell, in the order asked", body = Vec<WhatIfCell>),
        (status = 422, description = "`invalid-year`, `invalid-ceiling`, `ceiling-not-applicable`", body = Problem),
    ))]
pub async fn what_if(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<WhatIfRequest>,
) -> Result<web::Json<Vec<WhatIfCell>>, ApiError> {
    user.require(&[Role::Admin])?;
    let request = body.into_inner();
    let year = parse_year(request.year)?;
    if request.ceilings.len() > 1000 {
        return Err(ApiError::invalid("ceilings", "invalid-count", "一度に試算できるのは1000件までです。"));
    }
    let not_applicable = || {
        ApiError::invalid(
            "ceilings",
            "ceiling-not-applicable",
            "シーリングのない都道府県・領域が含まれています。",
        )
    };
    let mut proposals = Vec::with_capacity(request.ceilings.len());
    for p in &request.ceilings {
        let cell = ceiling_cell(year, &p.prefecture, p.specialty.code()).ok_or_else(not_applicable)?;
        proposals.push((cell, parse_ceiling(p.ceiling)?));
    }
    let cells: Vec<Cell> = proposals.iter().map(|(cell, _)| *cell).collect();
    let current = views(&state.db, year, &cells).await?;
    Ok(web::Json(
        proposals
            .into_iter()
            .zip(current)
            .map(|((cell, proposed), now)| WhatIfCell {
                prefecture: cell.prefecture,
                specialty: cell.specialty,
                proposed,
                current: now.ceiling,
                hired: now.hired,
                excess: excess_over(proposed, now.hired),
            })
            .collect(),
    ))
}
