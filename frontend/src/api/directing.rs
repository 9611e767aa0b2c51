//! The program director's calls (統括責任者): their programs, the room left under capacity and
//! ceiling, the applicants, decisions (one or many), declines, the confirmation of a round's
//! results and the applicant list as CSV. Call them through `Session::authorized`.

use gloo_net::http::Request;
use senkoi_domain::application::Decision;
use senkoi_domain::capacity::Room;
use senkoi_domain::wire::{
    Applicant, ApplicantFilter, BulkDecision, BulkDecisionRequest, Confirmation, ConfirmationRequest,
    DecidedApplication, DecisionRequest, DirectedProgram, Page,
};

use super::{ApiProblem, BASE, Verb, decode, path_token, send};

/// Applicants per page of the director's table.
pub const APPLICANTS_PER_PAGE: u64 = 50;

/// The applicant list's filters and order (the API's own query type) and its page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicantQuery {
    pub filter: ApplicantFilter,
    /// 1-based.
    pub page: u64,
}

impl ApplicantQuery {
    /// The same filters on another page.
    pub fn with_page(&self, page: u64) -> Self {
        ApplicantQuery { page, ..self.clone() }
    }
}

/// `path?key=value&…`, the values URI-encoded.
pub(super) fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let encoded: Vec<String> =
        pairs.iter().map(|(key, value)| format!("{key}={}", js_sys::encode_uri_component(value))).collect();
    format!("{path}?{}", encoded.join("&"))
}

/// `GET /me/programs`: the programs the signed-in director directs, with the room left.
pub async fn my_programs(token: String) -> Result<Vec<DirectedProgram>, ApiProblem> {
    decode(send::<()>(Verb::Get, "/me/programs", Some(&token), None).await?).await
}

/// `GET /programs/{id}/room`: what is left under the program's capacity and its ceiling, now.
pub async fn room(token: String, program: String) -> Result<Room, ApiProblem> {
    let program = path_token(&program)?;
    decode(send::<()>(Verb::Get, &format!("/programs/{program}/room"), Some(&token), None).await?).await
}

/// `GET /programs/{id}/applications?…`: one page of the program's applicants with their profiles.
pub async fn applicants(
    token: String,
    program: String,
    query: ApplicantQuery,
) -> Result<Page<Applicant>, ApiProblem> {
    let program = path_token(&program)?;
    let mut pairs = query.filter.pairs();
    pairs.push(("page", query.page.max(1).to_string()));
    pairs.push(("per_page", APPLICANTS_PER_PAGE.to_string()));
    let path = with_query(&format!("/programs/{program}/applications"), &pairs);
    decode(send::<()>(Verb::Get, &path, Some(&token), None).await?).await
}

/// `PUT /applications/{id}/decision`: 採用, 不採用, 保留, or `None` for 未処理. 409
/// `outside-adjustment-period`, `capacity-exceeded`, `ceiling-exceeded` (with the figures).
pub async fn decide(
    token: String,
    application: String,
    decision: Option<Decision>,
) -> Result<DecidedApplication, ApiProblem> {
    let application = path_token(&application)?;
    let path = format!("/applications/{application}/decision");
    decode(send(Verb::Put, &path, Some(&token), Some(&DecisionRequest { decision })).await?).await
}

/// `PUT /applications/decisions`: many decisions, all or nothing (the acceptances are counted
/// together against the limits).
pub async fn decide_many(
    token: String,
    decisions: Vec<BulkDecision>,
) -> Result<Vec<DecidedApplication>, ApiProblem> {
    let body = BulkDecisionRequest { decisions };
    decode(send(Verb::Put, "/applications/decisions", Some(&token), Some(&body)).await?).await
}

/// `POST /applications/{id}/decline`: records a hired resident's decline (辞退), which frees the
/// place; 409 `not-declinable` for one not hired.
pub async fn decline(token: String, application: String) -> Result<DecidedApplication, ApiProblem> {
    let application = path_token(&application)?;
    let path = format!("/applications/{application}/decline");
    decode(send::<()>(Verb::Post, &path, Some(&token), None).await?).await
}

/// `POST /programs/{id}/confirmations {round_id}`: confirms the program's results of the round
/// (募集実施確認); 409 `already-confirmed`, `outside-confirmation-period`.
pub async fn confirm_round(
    token: String,
    program: String,
    round_id: String,
) -> Result<Confirmation, ApiProblem> {
    let program = path_token(&program)?;
    let path = format!("/programs/{program}/confirmations");
    decode(send(Verb::Post, &path, Some(&token), Some(&ConfirmationRequest { round_id })).await?).await
}

/// A downloaded file: its bytes and its media type.
pub struct Download {
    pub bytes: Vec<u8>,
    pub content_type: String,
}

/// `GET /programs/{id}/applications.csv?…`: the applicant list with the same filters and order,
/// fetched with the token (a plain link could not carry it).
pub async fn applicants_csv(
    token: String,
    program: String,
    query: ApplicantQuery,
) -> Result<Download, ApiProblem> {
    let program = path_token(&program)?;
    let url = with_query(&format!("{BASE}/programs/{program}/applications.csv"), &query.filter.pairs());
    let response = Request::get(&url)
        .header("Accept", "text/csv")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiProblem::network())?;
    if !response.ok() {
        return Err(decode::<serde_json::Value>(response).await.err().unwrap_or_default());
    }
    let content_type = response.headers().get("content-type").unwrap_or_else(|| "text/csv".into());
    let bytes = response.binary().await.map_err(|_| ApiProblem::unexpected(response.status()))?;
    Ok(Download { bytes, content_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_page_keeps_the_filters() {
        let filter =
            ApplicantFilter { round: Some("r1".into()), decided: Some(false), ..ApplicantFilter::default() };
        let query = ApplicantQuery { filter: filter.clone(), page: 3 };
        assert_eq!(query.with_page(1), ApplicantQuery { filter, page: 1 });
    }
}
