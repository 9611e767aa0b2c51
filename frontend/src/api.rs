//! Calls to the Senkoi REST API: one typed function per endpoint, answering with the shared wire
//! types or the server's problem (RFC 9457).

use gloo_net::http::{Request, Response};
use senkoi_domain::wire::{
    AnnouncementView, Page, PrefectureView, ProgramDetail, ProgramSummary, RoundView, SpecialtyView,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

/// The most rows the API gives in one page; reference lists are asked for in one go.
const MAX_PER_PAGE: &str = "200";

/// Results per page of the program search.
pub const PROGRAMS_PER_PAGE: u64 = 20;

/// An `application/problem+json` answer, or a failure to get one (then `status` is 0).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct ApiProblem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// A Japanese message for people.
    pub detail: String,
    /// The stable machine code, e.g. `not-found`.
    pub code: String,
}

impl ApiProblem {
    /// The request never got an answer (offline, server down, blocked).
    fn network() -> Self {
        ApiProblem { code: "network".into(), ..ApiProblem::default() }
    }

    /// The answer was not what the contract says.
    fn unexpected(status: u16) -> Self {
        ApiProblem { status, code: "unexpected-response".into(), ..ApiProblem::default() }
    }

    pub fn is_network(&self) -> bool {
        self.status == 0
    }

    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiProblem> {
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiProblem::unexpected(status));
    }
    let mut problem = response.json::<ApiProblem>().await.unwrap_or_else(|_| ApiProblem::unexpected(status));
    // A proxy or the static file server may answer without a problem body.
    problem.status = status;
    Err(problem)
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

/// `GET /api/v1/specialties`: the 19 basic specialties (基本領域).
pub async fn specialties() -> Result<Vec<SpecialtyView>, ApiProblem> {
    get::<Page<SpecialtyView>>("/specialties", &[("per_page", MAX_PER_PAGE)]).await.map(|page| page.items)
}

/// `GET /api/v1/prefectures`: the 47 prefectures (都道府県).
pub async fn prefectures() -> Result<Vec<PrefectureView>, ApiProblem> {
    get::<Page<PrefectureView>>("/prefectures", &[("per_page", MAX_PER_PAGE)]).await.map(|page| page.items)
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
        return Err(ApiProblem { status: 404, code: "not-found".into(), ..ApiProblem::default() });
    }
    get(&format!("/programs/{id}"), &[]).await
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
}
