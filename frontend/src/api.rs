//! Calls to the Senkoi REST API: one typed function per endpoint, answering with the shared wire
//! types or the server's problem (RFC 9457). The director's calls live in [`directing`], the board
//! admin's in [`board`].

pub mod board;
pub mod directing;
pub mod societies;
pub mod training;

use chrono::{DateTime, Utc};
use gloo_net::http::{Request, RequestBuilder, Response};
use senkoi_domain::DomainError;
use senkoi_domain::resident::ProfileChange;
use senkoi_domain::wire::{
    Accepted, AnnouncementView, AnnualHires, ApplicationRequest, ApplicationView, EmailRequest,
    LegacyMigrationCompletion, LegacyMigrationRequest, LegacyMigrationView, LoginRequest, MyApplications,
    Page, PasswordLinkView, PasswordResetConfirm, PasswordResetRequest, PrefectureStatistics, Problem,
    ProgramDetail, ProgramSummary, RefreshRequest, RegistrationLinkView, RegistrationRequest, ResidentView,
    RoundView, ServerTime, TokenPair,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

/// The most rows the API gives in one page; reference lists are asked for in one go.
const MAX_PER_PAGE: &str = "200";

/// Results per page of the program search.
pub const PROGRAMS_PER_PAGE: u64 = 20;

/// An `application/problem+json` answer (the shared [`Problem`]), or a failure to get one (then
/// `status` is 0). Boxed, so that it stays small enough to travel in every `Result` (clippy's
/// `result_large_err`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiProblem(Box<Problem>);

impl std::ops::Deref for ApiProblem {
    type Target = Problem;

    fn deref(&self) -> &Problem {
        &self.0
    }
}

impl std::ops::DerefMut for ApiProblem {
    fn deref_mut(&mut self) -> &mut Problem {
        &mut self.0
    }
}

impl From<Problem> for ApiProblem {
    fn from(problem: Problem) -> Self {
        ApiProblem(Box::new(problem))
    }
}

impl ApiProblem {
    /// The request never got an answer (offline, server down, blocked).
    fn network() -> Self {
        ApiProblem::with_code(0, "network")
    }

    /// The answer was not what the contract says.
    fn unexpected(status: u16) -> Self {
        ApiProblem::with_code(status, "unexpected-response")
    }

    pub fn is_network(&self) -> bool {
        self.code == "network"
    }

    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }

    /// The caller's token is missing, expired or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.status == 401
    }

    /// A mailed link that is past its time or already used (410).
    pub fn is_gone(&self) -> bool {
        self.status == 410
    }

    /// The domain's refusal of an acceptance past a limit (or of a limit set below the hires),
    /// rebuilt from the figures, so that it reads as the domain words it, in either language.
    pub fn limit_refusal(&self) -> Option<DomainError> {
        self.figures?.refusal(&self.code)
    }

    /// A problem of our own making, e.g. a 404 for a link token the SPA refuses to send.
    pub fn with_code(status: u16, code: &str) -> Self {
        ApiProblem::from(Problem { status, code: code.into(), ..Problem::default() })
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiProblem> {
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiProblem::unexpected(status));
    }
    let mut problem = response
        .json::<Problem>()
        .await
        .map(ApiProblem::from)
        .unwrap_or_else(|_| ApiProblem::unexpected(status));
    // A proxy or the static file server may answer without a problem body.
    problem.status = status;
    Err(problem)
}

/// Answers without a body (202 and 204 whose body nobody reads).
async fn decode_empty(response: Response) -> Result<(), ApiProblem> {
    if response.ok() {
        return Ok(());
    }
    decode::<serde_json::Value>(response).await.map(|_| ())
}

/// The verbs the SPA sends bodies or tokens with.
#[derive(Clone, Copy)]
enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Sends `body` (JSON) to `path`, with `Authorization: Bearer` when a token is given.
async fn send<B: Serialize>(
    verb: Verb,
    path: &str,
    token: Option<&str>,
    body: Option<&B>,
) -> Result<Response, ApiProblem> {
    let url = format!("{BASE}{path}");
    let mut builder: RequestBuilder = match verb {
        Verb::Get => Request::get(&url),
        Verb::Post => Request::post(&url),
        Verb::Put => Request::put(&url),
        Verb::Patch => Request::patch(&url),
        Verb::Delete => Request::delete(&url),
    }
    .header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|_| ApiProblem::unexpected(0))?; // a body that does not serialise: a bug of ours
    request.send().await.map_err(|_| ApiProblem::network())
}

/// `POST` of a JSON body, answering the decoded body.
async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiProblem> {
    decode(send(Verb::Post, path, None, Some(body)).await?).await
}

/// `POST` of a JSON body whose answer has nothing the SPA needs.
async fn post_empty<B: Serialize>(path: &str, body: &B) -> Result<(), ApiProblem> {
    decode_empty(send(Verb::Post, path, None, Some(body)).await?).await
}

/// Keeps whatever a mailed link's token holds from breaking out of the path.
fn path_token(token: &str) -> Result<String, ApiProblem> {
    let token: String =
        token.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.').collect();
    if token.is_empty() { Err(ApiProblem::with_code(404, "not-found")) } else { Ok(token) }
}

async fn get<T: DeserializeOwned>(path: &str, query: &[(&str, &str)]) -> Result<T, ApiProblem> {
    let response = Request::get(&format!("{BASE}{path}"))
        .header("Accept", "application/json")
        .query(query.iter().copied())
        .send()
        .await
        .map_err(|_| ApiProblem::network())?;
    decode(response).await
}

/// `GET /api/v1/rounds?year=`: the master schedule (マスタースケジュール); all years without one.
pub async fn rounds(year: Option<i32>) -> Result<Vec<RoundView>, ApiProblem> {
    let year = year.map(|y| y.to_string());
    let mut query = vec![("per_page", MAX_PER_PAGE)];
    if let Some(year) = &year {
        query.push(("year", year));
    }
    get::<Page<RoundView>>("/rounds", &query).await.map(|page| page.items)
}

/// `GET /api/v1/time`: the server's clock, which alone decides whether a period is open (the
/// device's own clock may be wrong).
pub async fn server_now() -> Result<DateTime<Utc>, ApiProblem> {
    get::<ServerTime>("/time", &[]).await.map(|time| time.now)
}

/// `GET /api/v1/statistics/annual-hires?year=`: 年度採用数, the cells with hires.
pub async fn annual_hires(year: i32) -> Result<Vec<AnnualHires>, ApiProblem> {
    get::<Vec<AnnualHires>>("/statistics/annual-hires", &[("year", &year.to_string())]).await
}

/// `GET /api/v1/statistics/prefectures?specialty=&year=`: 都道府県ごとの応募・採用状況, one row per
/// prefecture; decisions count only from their round's results.
pub async fn prefecture_statistics(
    specialty: &str,
    year: i32,
) -> Result<Vec<PrefectureStatistics>, ApiProblem> {
    get::<Vec<PrefectureStatistics>>(
        "/statistics/prefectures",
        &[("specialty", specialty), ("year", &year.to_string())],
    )
    .await
}

/// `GET /api/v1/announcements`: the board's information (インフォメーション).
pub async fn announcements() -> Result<Vec<AnnouncementView>, ApiProblem> {
    get::<Page<AnnouncementView>>("/announcements", &[]).await.map(|page| page.items)
}

/// The filters of the program search, as they appear in the SPA's URL and the API's query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgramQuery {
    /// Specialty code, e.g. `internal-medicine`.
    pub specialty: String,
    /// JIS prefecture code, e.g. `13`.
    pub prefecture: String,
    /// Part of the base facility's name.
    pub facility: String,
    /// Part of the program's name.
    pub name: String,
    /// 1-based.
    pub page: u64,
}

impl ProgramQuery {
    /// The non-empty filters and the page as `(key, value)` pairs, in a stable order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        for (key, value) in [
            ("specialty", &self.specialty),
            ("prefecture", &self.prefecture),
            ("facility", &self.facility),
            ("name", &self.name),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                pairs.push((key, value.to_string()));
            }
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    pub fn with_page(&self, page: u64) -> Self {
        ProgramQuery { page, ..self.clone() }
    }
}

/// `GET /api/v1/programs?…`: one page of the program search (AND of the filters).
pub async fn programs(query: &ProgramQuery) -> Result<Page<ProgramSummary>, ApiProblem> {
    let page = query.page.max(1).to_string();
    let per_page = PROGRAMS_PER_PAGE.to_string();
    let pairs = query.pairs();
    let mut params: Vec<(&str, &str)> =
        pairs.iter().filter(|(key, _)| *key != "page").map(|(key, value)| (*key, value.as_str())).collect();
    params.push(("page", &page));
    params.push(("per_page", &per_page));
    get("/programs", &params).await
}

/// `GET /api/v1/programs/{id}`: a program with everything its detail page shows.
pub async fn program(id: &str) -> Result<ProgramDetail, ApiProblem> {
    // Ids are opaque; keep whatever the URL held from breaking out of the path.
    let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    if id.is_empty() {
        return Err(ApiProblem::with_code(404, "not-found"));
    }
    get(&format!("/programs/{id}"), &[]).await
}

// ---------------------------------------------------------------------------------------------
// Accounts (public)

/// `POST /registrations {email}`: step 1 of registration; mails a link valid 24 hours.
pub async fn request_registration(email: &str) -> Result<Accepted, ApiProblem> {
    post("/registrations", &EmailRequest { email: email.into() }).await
}

/// `GET /registrations/{token}`: whether the mailed link is still good (410 when not).
pub async fn registration_link(token: &str) -> Result<RegistrationLinkView, ApiProblem> {
    get(&format!("/registrations/{}", path_token(token)?), &[]).await
}

/// `POST /registrations/{token}/resident`: registers the resident; answers their user ID.
pub async fn register_resident(
    token: &str,
    request: &RegistrationRequest,
) -> Result<ResidentView, ApiProblem> {
    post(&format!("/registrations/{}/resident", path_token(token)?), request).await
}

/// `POST /auth/login`: a resident's user ID or a staff email, and the password.
pub async fn login(login: &str, password: &str, code: Option<String>) -> Result<TokenPair, ApiProblem> {
    post("/auth/login", &LoginRequest { login: login.into(), password: password.into(), code }).await
}

/// `POST /auth/refresh`: a new pair; the refresh token given is spent.
pub async fn refresh(refresh_token: &str) -> Result<TokenPair, ApiProblem> {
    post("/auth/refresh", &RefreshRequest { refresh_token: refresh_token.into() }).await
}

/// `POST /auth/logout`: revokes the session of the refresh token.
pub async fn logout(refresh_token: &str) -> Result<(), ApiProblem> {
    post_empty("/auth/logout", &RefreshRequest { refresh_token: refresh_token.into() }).await
}

/// `POST /auth/password-reset {login}`: mails a reset link (same answer whether or not it exists).
pub async fn request_password_reset(login: &str) -> Result<(), ApiProblem> {
    post_empty("/auth/password-reset", &PasswordResetRequest { login: login.into() }).await
}

/// `GET /auth/password-reset/{token}`: whose password the mailed link sets (410 when it is gone).
pub async fn password_link(token: &str) -> Result<PasswordLinkView, ApiProblem> {
    get(&format!("/auth/password-reset/{}", path_token(token)?), &[]).await
}

/// `POST /auth/password-reset/confirm {token, password}`.
pub async fn confirm_password_reset(token: &str, password: &str) -> Result<(), ApiProblem> {
    let token = path_token(token)?;
    post_empty("/auth/password-reset/confirm", &PasswordResetConfirm { token, password: password.into() })
        .await
}

/// `POST /auth/user-id-reminder {email}`: mails the user ID.
pub async fn request_user_id_reminder(email: &str) -> Result<(), ApiProblem> {
    post_empty("/auth/user-id-reminder", &EmailRequest { email: email.into() }).await
}

/// `POST /legacy-migrations`: the old system's account; a match mails a link.
pub async fn request_legacy_migration(request: &LegacyMigrationRequest) -> Result<(), ApiProblem> {
    post_empty("/legacy-migrations", request).await
}

/// `GET /legacy-migrations/{token}`: what the old account brings and which form fields it still
/// lacks (410 `link-expired` / `link-used`, 404 `not-found`).
pub async fn legacy_migration(token: &str) -> Result<LegacyMigrationView, ApiProblem> {
    get(&format!("/legacy-migrations/{}", path_token(token)?), &[]).await
}

/// `POST /legacy-migrations/{token} {password, profile}`: completes the move with the password and
/// the fields the old data lacks; answers the new account (its user ID).
pub async fn complete_legacy_migration(
    token: &str,
    completion: &LegacyMigrationCompletion,
) -> Result<ResidentView, ApiProblem> {
    post(&format!("/legacy-migrations/{}", path_token(token)?), completion).await
}

// ---------------------------------------------------------------------------------------------
// The signed-in resident (call through `Session::authorized`, which adds the token)

/// `GET /me`: the resident's own account.
pub async fn me(token: String) -> Result<ResidentView, ApiProblem> {
    decode(send::<()>(Verb::Get, "/me", Some(&token), None).await?).await
}

/// `GET /api/v1/announcements` signed in: those for everyone and for the caller's role.
pub async fn announcements_for(token: String) -> Result<Vec<AnnouncementView>, ApiProblem> {
    let page: Page<AnnouncementView> =
        decode(send::<()>(Verb::Get, "/announcements", Some(&token), None).await?).await?;
    Ok(page.items)
}

/// `PATCH /me`: changes the profile (409 `profile-locked`, 422).
pub async fn update_me(token: String, change: ProfileChange) -> Result<ResidentView, ApiProblem> {
    decode(send(Verb::Patch, "/me", Some(&token), Some(&change)).await?).await
}

/// `DELETE /me`: deletes the account (409 `application-live`).
pub async fn delete_me(token: String) -> Result<(), ApiProblem> {
    decode_empty(send::<()>(Verb::Delete, "/me", Some(&token), None).await?).await
}

/// `POST /applications {program_id, round_id}`: applies (応募); answers the receipt (201), or
/// 409 `outside-application-period`, `already-applied-in-round`, `not-eligible`,
/// `specialty-mismatch`, `program-not-recruiting`; 422 for an unknown program or round.
pub async fn apply(token: String, request: ApplicationRequest) -> Result<ApplicationView, ApiProblem> {
    decode(send(Verb::Post, "/applications", Some(&token), Some(&request)).await?).await
}

/// `POST /applications/{id}/withdraw`: withdraws (取下げ); 409 `withdrawal-closed` after the
/// application period, `invalid-transition` when it is no longer applied.
pub async fn withdraw(token: String, id: String) -> Result<ApplicationView, ApiProblem> {
    let id = path_token(&id)?;
    decode(send::<()>(Verb::Post, &format!("/applications/{id}/withdraw"), Some(&token), None).await?).await
}

/// `GET /me/applications`: the current application and the whole history, newest first.
pub async fn my_applications(token: String) -> Result<MyApplications, ApiProblem> {
    decode(send::<()>(Verb::Get, "/me/applications", Some(&token), None).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_keeps_only_the_filters_given_and_page_one_is_implicit() {
        let query = ProgramQuery {
            specialty: "surgery".into(),
            prefecture: String::new(),
            facility: "  大学 ".into(),
            name: " ".into(),
            page: 1,
        };
        assert_eq!(query.pairs(), vec![("specialty", "surgery".into()), ("facility", "大学".into())]);
        assert_eq!(query.with_page(3).pairs().last(), Some(&("page", "3".to_string())));
    }

    #[test]
    fn a_link_token_keeps_only_url_safe_characters() {
        assert_eq!(path_token("abc-DEF_12.3"), Ok("abc-DEF_12.3".to_string()));
        assert_eq!(path_token("../../me?x=1"), Ok("....mex1".to_string()));
        assert_eq!(path_token("/?#").map_err(|p| p.status), Err(404));
    }

    #[test]
    fn a_validation_problem_reads_its_field_errors() {
        let body = r#"{"type":"about:blank","title":"Unprocessable","status":422,"detail":"入力内容",
            "code":"validation-failed","errors":[{"field":"email","code":"mobile-carrier-email","message":"携帯"}]}"#;
        let problem = ApiProblem::from(serde_json::from_str::<Problem>(body).expect("problem"));
        assert_eq!(problem.code, "validation-failed");
        assert_eq!(problem.errors[0].field, "email");
        assert_eq!(problem.errors[0].code, "mobile-carrier-email");
    }

    #[test]
    fn a_refusal_past_a_limit_is_rebuilt_with_its_figures() {
        let body = r#"{"type":"urn:senkoi:problem:ceiling-exceeded","title":"Conflict","status":409,
            "code":"ceiling-exceeded","detail":"x","figures":{"limit":10,"ceiling":10,"hired":10,"requested":1}}"#;
        let problem = ApiProblem::from(serde_json::from_str::<Problem>(body).expect("problem"));
        assert_eq!(
            problem.limit_refusal(),
            Some(DomainError::CeilingExceeded { ceiling: 10, hired: 10, requested: 1 })
        );
        let mut capacity = problem.clone();
        capacity.code = "capacity-exceeded".into();
        assert_eq!(
            capacity.limit_refusal(),
            Some(DomainError::CapacityExceeded { capacity: 10, hired: 10, requested: 1 })
        );
        let mut bare = problem;
        bare.figures = None;
        assert_eq!(bare.limit_refusal(), None, "no figures, nothing to rebuild");
        let below = r#"{"type":"urn:senkoi:problem:ceiling-below-hires","title":"Conflict","status":409,
            "code":"ceiling-below-hires","detail":"x","figures":{"limit":3,"ceiling":3,"hired":5}}"#;
        let below = ApiProblem::from(serde_json::from_str::<Problem>(below).expect("problem"));
        assert_eq!(below.limit_refusal(), Some(DomainError::CeilingBelowHires { ceiling: 3, hired: 5 }));
    }
}
