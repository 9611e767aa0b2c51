//! Each scenario twice: as HTTP requests for the load generator, and as the same handler called
//! in process for the limit.

use actix_web::web;
use reqwest::Method;
use senkoi_api::auth::{AuthUser, Role};
use senkoi_api::routes::{applicants, applications, auth, decisions, programs, statistics};
use senkoi_api::state::AppState;
use senkoi_domain::application::Decision;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{ApplicationRequest, DecisionRequest, LoginRequest};
use serde_json::json;

use crate::dataset::{Dataset, PASSWORD};
use crate::load::Job;

/// Problem codes that are the answer a scenario expects for some requests.
pub const CEILING_REFUSALS: [&str; 1] = ["ceiling-exceeded"];

fn to_json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// A sign-in with the bench's password (and a staff member's second-factor `code`).
pub fn login_job(login: &str, code: Option<String>) -> Job {
    Job::send(
        Method::POST,
        "/api/v1/auth/login",
        None,
        to_json(LoginRequest { login: login.to_string(), password: PASSWORD.to_string(), code }),
    )
}

pub async fn login_direct(
    state: web::Data<AppState>,
    login: String,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    let source = senkoi_api::client::Source::of(std::net::IpAddr::from([127, 0, 0, 1]));
    let body = senkoi_api::body::Json(LoginRequest { login, password: PASSWORD.to_string(), code: None });
    auth::login(state, source, body).await.map(|pair| to_json(&pair.0))
}

/// The access token of a login's answer.
pub fn token_of(outcome: &crate::load::Outcome) -> Option<String> {
    match outcome {
        crate::load::Outcome::Done(body) => body.get("access_token")?.as_str().map(str::to_string),
        _ => None,
    }
}

/// The application the `resident`th resident makes, for the server and for the limit alike.
pub fn apply_request(data: &Dataset, resident: usize) -> ApplicationRequest {
    ApplicationRequest {
        program_id: data.residents[resident].program_id.clone(),
        round_id: data.first_round.id.clone(),
    }
}

pub fn apply_job(data: &Dataset, resident: usize, token: &str) -> Job {
    Job::send(Method::POST, "/api/v1/applications", Some(token), to_json(apply_request(data, resident)))
}

pub fn caller(id: &str, role: Role) -> AuthUser {
    AuthUser { id: id.to_string(), role, request_id: None, scope: None }
}

pub async fn apply_direct(
    state: web::Data<AppState>,
    resident_id: String,
    request: ApplicationRequest,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    applications::apply(state, caller(&resident_id, Role::Resident), senkoi_api::body::Json(request))
        .await
        .map(|_| json!({}))
}

/// The `i`th request of the search-and-detail mix: half searches (specialty × prefecture, as the
/// search page sends them), half program pages.
pub fn browse_query(data: &Dataset, i: usize) -> Browse {
    let p = &data.programs[(i * 7919) % data.programs.len()];
    if i.is_multiple_of(2) {
        Browse::Search { specialty: p.specialty, prefecture: p.prefecture.code() }
    } else {
        Browse::Detail { id: p.id.clone() }
    }
}

#[derive(Debug, Clone)]
pub enum Browse {
    Search { specialty: Specialty, prefecture: String },
    Detail { id: String },
}

pub fn browse_job(browse: &Browse) -> Job {
    match browse {
        Browse::Search { specialty, prefecture } => {
            Job::get(format!("/api/v1/programs?specialty={}&prefecture={prefecture}", specialty.code()), None)
        }
        Browse::Detail { id } => Job::get(format!("/api/v1/programs/{id}"), None),
    }
}

pub async fn browse_direct(
    state: web::Data<AppState>,
    browse: Browse,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    match browse {
        Browse::Search { specialty, prefecture } => {
            let query: programs::ProgramQuery = serde_json::from_value(json!({
                "specialty": specialty.code(), "prefecture": prefecture}))
            .map_err(|e| senkoi_api::error::ApiError::Internal(e.to_string()))?;
            let paging = senkoi_api::paging::Paging { page: None, per_page: None };
            programs::search_programs(state, web::Query(query), web::Query(paging))
                .await
                .map(|page| json!({"total": page.total}))
        }
        Browse::Detail { id } => {
            let query = programs::DetailQuery { round: None };
            programs::get_program(state, web::Path::from(id), web::Query(query)).await.map(|_| json!({}))
        }
    }
}

/// Per-prefecture statistics of a specialty, round-robin over the specialties.
pub fn statistics_specialty(i: usize) -> Specialty {
    Specialty::ALL[i % Specialty::ALL.len()]
}

pub fn statistics_job(i: usize) -> Job {
    Job::get(format!("/api/v1/statistics/prefectures?specialty={}", statistics_specialty(i).code()), None)
}

pub async fn statistics_direct(
    state: web::Data<AppState>,
    i: usize,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    let query =
        statistics::PrefectureQuery { specialty: statistics_specialty(i).code().to_string(), year: None };
    let (_, rows) = statistics::public_prefecture_statistics(&state, &query, state.clock.now()).await?;
    Ok(json!({"rows": rows.len()}))
}

/// A director's applicant list, first page, as the dashboard asks for it.
pub fn applicants_job(program_id: &str, token: &str) -> Job {
    Job::get(format!("/api/v1/programs/{program_id}/applications"), Some(token))
}

pub async fn applicants_direct(
    state: web::Data<AppState>,
    director_id: String,
    program_id: String,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    let query: senkoi_domain::wire::ApplicantFilter = serde_json::from_value(json!({}))
        .map_err(|e| senkoi_api::error::ApiError::Internal(e.to_string()))?;
    let paging = senkoi_api::paging::Paging { page: None, per_page: None };
    applicants::list_applicants(
        state,
        caller(&director_id, Role::Director),
        web::Path::from(program_id),
        web::Query(query),
        web::Query(paging),
    )
    .await
    .map(|page| json!({"total": page.total}))
}

pub fn accept_job(application_id: &str, token: &str) -> Job {
    Job::send(
        Method::PUT,
        format!("/api/v1/applications/{application_id}/decision"),
        Some(token),
        to_json(DecisionRequest { decision: Some(Decision::Accepted) }),
    )
}

pub async fn accept_direct(
    state: web::Data<AppState>,
    director_id: String,
    application_id: String,
) -> Result<serde_json::Value, senkoi_api::error::ApiError> {
    decisions::decide_one(
        state,
        caller(&director_id, Role::Director),
        web::Path::from(application_id),
        senkoi_api::body::Json(DecisionRequest { decision: Some(Decision::Accepted) }),
    )
    .await
    .map(|_| json!({}))
}
