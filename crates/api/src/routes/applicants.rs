//! A program's applicants for its director (their own programs only; any other is 404) and the
//! board: the applications with the residents' profiles, filtered, sorted and paged, or the whole
//! list as a CSV file that opens in Excel.

use actix_web::{HttpResponse, http::header, web};
use sea_orm::sea_query::Order;
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationDef,
    Select,
};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::registration::{CurriculumReason, LicenseYearMonth, Track, parse_track};
use senkoi_domain::wire::{Applicant, ApplicantFilter, ApplicantSort, DecidedApplication, Page};

use crate::auth::AuthUser;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, program, resident, round};
use crate::error::{ApiError, Problem};
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::programs::own_program;
use crate::store::residents::form_of;
use crate::tabular;

/// What stands for the name of a resident who deleted their account.
const DELETED: &str = "退会済み";

/// The most rows one CSV export carries (no program has nearly as many applicants).
const MAX_EXPORT: u64 = 20_000;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_export_applicants, export_applicants),
        endpoint(__path_list_applicants, list_applicants),
    ]
}

/// Applications joined to their residents, for ordering by the residents' columns.
fn to_resident() -> RelationDef {
    application::Entity::belongs_to(resident::Entity)
        .from(application::Column::ResidentId)
        .to(resident::Column::Id)
        .into()
}

/// The applications of `program` that `query` asks for, in its order.
fn selection(program: &program::Model, query: &ApplicantFilter) -> Select<application::Entity> {
    let mut select = application::Entity::find().filter(application::Column::ProgramId.eq(&program.id));
    if let Some(round) = query.round.as_deref().filter(|r| !r.is_empty()) {
        select = select.filter(application::Column::RoundId.eq(round));
    }
    if let Some(status) = query.status {
        select = select.filter(application::Column::Status.eq(status));
    }
    match query.decided {
        Some(true) => select = select.filter(application::Column::Decision.is_not_null()),
        Some(false) => select = select.filter(application::Column::Decision.is_null()),
        None => {}
    }
    let sort = query.sort;
    let order = if sort.descending() { Order::Desc } else { Order::Asc };
    select = match sort {
        ApplicantSort::AppliedAt | ApplicantSort::AppliedAtDesc => select,
        ApplicantSort::Kana | ApplicantSort::KanaDesc => select
            .join(JoinType::InnerJoin, to_resident())
            .order_by(resident::Column::FamilyNameKana, order.clone())
            .order_by(resident::Column::GivenNameKana, order.clone()),
        ApplicantSort::License | ApplicantSort::LicenseDesc => select
            .join(JoinType::InnerJoin, to_resident())
            .order_by(resident::Column::LicenseYearMonth, order.clone()),
    };
    select.order_by(application::Column::AppliedAt, order.clone()).order_by(application::Column::Id, order)
}

/// The rows with their residents' profiles, in the rows' order.
async fn applicants(state: &AppState, rows: Vec<application::Model>) -> Result<Vec<Applicant>, ApiError> {
    let resident_ids: Vec<String> = rows.iter().map(|a| a.resident_id.clone()).collect();
    let residents =
        resident::Entity::find().filter(resident::Column::Id.is_in(resident_ids)).all(&state.db).await?;
    let round_ids: Vec<String> = rows.iter().map(|a| a.round_id.clone()).collect();
    let rounds = round::Entity::find().filter(round::Column::Id.is_in(round_ids)).all(&state.db).await?;
    rows.into_iter()
        .map(|a| {
            let missing = || ApiError::Internal(format!("application {} lost its resident or round", a.id));
            let resident = residents.iter().find(|r| r.id == a.resident_id).ok_or_else(missing)?;
            let year = rounds.iter().find(|r| r.id == a.round_id).ok_or_else(missing)?.year;
            let years_since_license = LicenseYearMonth::parse(&resident.license_year_month)
                .map(|license| license.years_since_license(year))
                .unwrap_or_default();
            let deleted = resident.deleted_at.is_some();
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
                deleted,
                profile: if deleted { Default::default() } else { form_of(resident) },
            })
        })
        .collect()
}

/// The applicants of a program with their profiles.
#[utoipa::path(get, path = "/api/v1/programs/{id}/applications", tag = "decisions",
    params(ApplicantFilter, Paging), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of applicants", body = Page<Applicant>),
        (status = 400, description = "`invalid-query` or `invalid-paging`", body = Problem),
        (status = 404, description = "No such program of the director's", body = Problem),
    ))]
pub async fn list_applicants(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    query: web::Query<ApplicantFilter>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<Applicant>>, ApiError> {
    let (page, per_page) = paging.checked()?;
    let program = own_program(&state.db, &user, &id).await?;
    let paginator = selection(&program, &query).paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let items = applicants(&state, paginator.fetch_page(page - 1).await?).await?;
    Ok(web::Json(Page { items, total, page, per_page }))
}

/// The export's columns, in Japanese as the directors' spreadsheets name them.
const COLUMNS: [&str; 18] = [
    "受付番号",
    "応募日時",
    "ユーザID",
    "氏名（姓）",
    "氏名（名）",
    "フリガナ（姓）",
    "フリガナ（名）",
    "医籍登録番号",
    "医籍登録後年数",
    "修了（予定）臨床研修プログラム",
    "臨床研修修了（予定）日",
    "研修方式",
    "カリキュラム制の理由",
    "理由の詳細",
    "地域枠",
    "地域枠の都道府県",
    "応募状況",
    "採否",
];

/// An applicant's row of the export. The stored codes are read back through the domain's parse,
/// so a broken one is an internal error, never an empty cell; a deleted account has none.
fn csv_row(a: &Applicant) -> Result<Vec<String>, ApiError> {
    let p = &a.profile;
    let broken =
        |e: senkoi_domain::DomainError| ApiError::Internal(format!("applicant {}: {e}", a.application.id));
    let (track, quota_prefecture) = if a.deleted {
        (None, None)
    } else {
        let track =
            parse_track(&p.track, p.curriculum_reason.as_deref(), p.curriculum_reason_detail.as_deref())
                .map_err(broken)?;
        let quota =
            p.regional_quota_prefecture.as_deref().map(Prefecture::parse).transpose().map_err(broken)?;
        (Some(track), quota)
    };
    let reason = track.as_ref().and_then(Track::curriculum_reason);
    let quota_prefecture = quota_prefecture.map(Prefecture::name_ja).unwrap_or_default();
    Ok(vec![
        a.receipt_number.clone(),
        a.applied_at.with_timezone(&senkoi_domain::time::JST).format("%Y-%m-%d %H:%M:%S").to_string(),
        a.user_id.clone(),
        if a.deleted { DELETED.into() } else { p.family_name.clone() },
        p.given_name.clone(),
        p.family_name_kana.clone(),
        p.given_name_kana.clone(),
        p.medical_registration_number.clone(),
        a.years_since_license.to_string(),
        p.clinical_training_program.clone(),
        p.clinical_training_completed_on.clone().unwrap_or_default(),
        track.as_ref().map(Track::name_ja).unwrap_or_default().into(),
        reason.map(CurriculumReason::name_ja).unwrap_or_default().into(),
        p.curriculum_reason_detail.clone().unwrap_or_default(),
        if p.regional_quota { "あり" } else { "なし" }.into(),
        quota_prefecture.into(),
        a.application.status.name_ja().into(),
        a.application.decision.map(|d| d.status().name_ja()).unwrap_or("未処理").into(),
    ])
}

/// The same list, every page, as CSV (UTF-8 with BOM, CRLF, Japanese headers) for Excel.
#[utoipa::path(get, path = "/api/v1/programs/{id}/applications.csv", tag = "decisions",
    params(ApplicantFilter), security(("bearer" = [])),
    responses(
        (status = 200, description = "The applicants as CSV", content_type = "text/csv", body = String),
        (status = 400, description = "`invalid-query`", body = Problem),
        (status = 404, description = "No such program of the director's", body = Problem),
    ))]
pub async fn export_applicants(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    query: web::Query<ApplicantFilter>,
) -> Result<HttpResponse, ApiError> {
    let program = own_program(&state.db, &user, &id).await?;
    let rows = selection(&program, &query).limit(MAX_EXPORT).all(&state.db).await?;
    let items = applicants(&state, rows).await?;
    let rows = items.iter().map(csv_row).collect::<Result<Vec<_>, ApiError>>()?;
    let body = tabular::write(&COLUMNS, rows)
        .map_err(|e| ApiError::Internal(format!("cannot write the CSV: {e}")))?;
    let name = format!("applicants-{}.csv", program.id);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(body))
}
