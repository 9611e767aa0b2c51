//! The societies' sandbox, on a demo server only (404 elsewhere): a society makes test
//! applications to its specialty's programs, by test residents made for it, and clears them, so
//! that it can try its integration end to end (feeds, webhooks) before a real round. The test
//! applications go through the same writer as residents' own, only without the period check.

use actix_web::{HttpResponse, web};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use senkoi_domain::DomainError;
use senkoi_domain::program::recruits_in;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::SocietyApplication;
use serde::{Deserialize, Serialize};

use crate::auth::society::Society;
use crate::body::Json;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, application_event, program, resident, round, sandbox_resident};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, new_user_id, random_u64};
use crate::state::AppState;
use crate::store::applications::{
    NewApplication, new_application, no_free_receipt, receipt_draws, society_application, write_new,
};
use crate::webhooks::outbox;

/// Test applications made in one request at most.
pub const MAX_COUNT: u32 = 50;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint(__path_make_applications, make_applications), endpoint(__path_clear, clear)]
}

/// `POST /society/sandbox/applications`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SandboxRequest {
    /// The round to apply in; the applications go to the specialty's programs that recruit in it,
    /// in turn.
    #[schema(min_length = 1, max_length = 36)]
    pub round_id: String,
    /// 1–50.
    #[schema(minimum = 1, maximum = 50)]
    pub count: u32,
}

/// The test applications made, as the feed and the webhooks show them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SandboxApplications {
    pub applications: Vec<SocietyApplication>,
}

/// What clearing removed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SandboxCleared {
    pub applications: u64,
    pub residents: u64,
}

/// 404 unless the server runs as a demo.
fn sandbox_open(state: &AppState) -> Result<(), ApiError> {
    if state.settings.demo { Ok(()) } else { Err(ApiError::not_found()) }
}

/// A test resident of the client's specialty, with a random registration number and no password.
async fn test_resident(
    tx: &impl ConnectionTrait,
    society: &Society,
    n: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<resident::Model, ApiError> {
    let id = new_id();
    let row = resident::ActiveModel {
        id: Set(id.clone()),
        user_id: Set(new_user_id().to_string()),
        email: Set(format!("sandbox-{id}@sandbox.senkoi.invalid")),
        // Not an argon2 hash: nobody signs in as a test resident.
        password_hash: Set("!sandbox".into()),
        family_name: Set("試験".into()),
        given_name: Set(format!("専攻医{}", n + 1)),
        family_name_kana: Set("シケン".into()),
        given_name_kana: Set("センコウイ".into()),
        date_of_birth: Set(chrono::NaiveDate::from_ymd_opt(1998, 4, 1).unwrap_or_default()),
        gender: Set("unanswered".into()),
        medical_registration_number: Set(format!("{:07}", random_u64() % 10_000_000)),
        license_year_month: Set("2022-04".into()),
        postal_code: Set("1000001".into()),
        prefecture: Set("13".into()),
        address: Set("（テストデータ）".into()),
        phone: Set("0300000000".into()),
        clinical_training_program: Set("なし".into()),
        clinical_training_completed_on: Set(None),
        specialty: Set(society.specialty),
        track: Set("program".into()),
        curriculum_reason: Set(None),
        curriculum_reason_detail: Set(None),
        regional_quota: Set(false),
        regional_quota_prefecture: Set(None),
        regional_quota_consent: Set(false),
        legacy_user_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
    }
    .insert(tx)
    .await?;
    sandbox_resident::ActiveModel {
        resident_id: Set(id),
        society_client_id: Set(society.user.id.clone()),
        created_at: Set(now),
    }
    .insert(tx)
    .await?;
    Ok(row)
}

/// Makes `count` test applications in the round, each by a new test resident, to the
/// specialty's programs that recruit in it, in turn. They show in the feeds and go to the
/// webhooks as real ones do.
#[utoipa::path(post, path = "/api/v1/society/sandbox/applications", tag = "societies", request_body = SandboxRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The test applications", body = SandboxApplications),
        (status = 404, description = "Not a demo server", body = Problem),
        (status = 409, description = "`program-not-recruiting`: no program of the specialty recruits in the round", body = Problem),
        (status = 422, description = "`unknown-round` on `round_id`; `invalid-count` on `count`", body = Problem),
    ))]
pub async fn make_applications(
    state: web::Data<AppState>,
    society: Society,
    body: Json<SandboxRequest>,
) -> Result<HttpResponse, ApiError> {
    sandbox_open(&state)?;
    if !(1..=MAX_COUNT).contains(&body.count) {
        return Err(ApiError::invalid("count", "invalid-count", "件数は1〜50で指定してください。"));
    }
    let now = state.clock.now();
    let round = round::Entity::find_by_id(body.round_id.clone())
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::invalid("round_id", "unknown-round", "募集が見つかりません。"))?;
    let programs: Vec<program::Model> = program::Entity::find()
        .filter(program::Column::Specialty.eq(society.specialty))
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|p| recruits_in(p.year, p.researcher_course, round.year, round.kind))
        .collect();
    if programs.is_empty() {
        return Err(DomainError::ProgramNotRecruiting.into());
    }
    let endpoints =
        outbox::subscribers(&state.db, society.specialty, WebhookEvent::ApplicationSubmitted).await?;
    // Each test application is a change of its own, with its test resident, as a real one is.
    let mut made = Vec::with_capacity(body.count as usize);
    for n in 0..body.count {
        let program = &programs[n as usize % programs.len()];
        let one = test_application(&state.db, &society, program, &round, &endpoints, n, now).await?;
        made.push(one);
    }
    Ok(HttpResponse::Created().json(SandboxApplications { applications: made }))
}

/// The `n`th test application, with its test resident, made as a real one is: in a write
/// transaction of its own, made anew while its receipt number is taken.
#[allow(clippy::too_many_arguments)]
async fn test_application(
    db: &DatabaseConnection,
    society: &Society,
    program: &program::Model,
    round: &round::Model,
    endpoints: &[String],
    n: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SocietyApplication, ApiError> {
    for draw in receipt_draws(random_u64) {
        let tx = db::begin_write(db).await?;
        let resident = test_resident(&tx, society, n, now).await?;
        let (row, rows) = new_application(&society.user, &resident, program, round, endpoints, draw, now)?;
        let published = society_application(&row, resident.user_id.clone(), round, now)?;
        if write_new(tx, rows).await? == NewApplication::Written {
            return Ok(published);
        }
    }
    Err(no_free_receipt())
}

/// Removes every test resident the client made, with their applications and their history.
#[utoipa::path(delete, path = "/api/v1/society/sandbox/applications", tag = "societies", security(("bearer" = [])),
    responses(
        (status = 200, description = "What was removed", body = SandboxCleared),
        (status = 404, description = "Not a demo server", body = Problem),
    ))]
pub async fn clear(
    state: web::Data<AppState>,
    society: Society,
) -> Result<web::Json<SandboxCleared>, ApiError> {
    sandbox_open(&state)?;
    let tx = db::begin_write(&state.db).await?;
    let residents: Vec<String> = sandbox_resident::Entity::find()
        .filter(sandbox_resident::Column::SocietyClientId.eq(&society.user.id))
        .all(&tx)
        .await?
        .into_iter()
        .map(|r| r.resident_id)
        .collect();
    let applications: Vec<String> = application::Entity::find()
        .filter(application::Column::ResidentId.is_in(residents.clone()))
        .all(&tx)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    application_event::Entity::delete_many()
        .filter(application_event::Column::ApplicationId.is_in(applications.clone()))
        .exec(&tx)
        .await?;
    let removed = application::Entity::delete_many()
        .filter(application::Column::Id.is_in(applications))
        .exec(&tx)
        .await?;
    sandbox_resident::Entity::delete_many()
        .filter(sandbox_resident::Column::ResidentId.is_in(residents.clone()))
        .exec(&tx)
        .await?;
    let gone =
        resident::Entity::delete_many().filter(resident::Column::Id.is_in(residents)).exec(&tx).await?;
    tx.commit().await?;
    Ok(web::Json(SandboxCleared { applications: removed.rows_affected, residents: gone.rows_affected }))
}
