//! The board admin's calls (機構): the watch over running rounds, the schedule, ceilings,
//! directors, the catalogue, announcements and the audit log. Call them through
//! `Session::authorized`. The request bodies the API takes only from the board are written here.

use chrono::{DateTime, Utc};
use gloo_net::http::Request;
use senkoi_domain::RoundKind;
use senkoi_domain::announcement::Audience;
use senkoi_domain::audit::{ActorKind, AuditAction, AuditEntity};
use senkoi_domain::wire::{
    AnnouncementView, AuditActor, AuditEventView, CeilingImportReport, CeilingRequest, CeilingView,
    DirectorInvitation, DirectorPrograms, DirectorView, FacilityView, Page, PrefectureStatistics,
    ProgramDetail, RecoveryCodes, RoundView, SecondFactorConfirm, SecondFactorEnrolment, SecondFactorView,
    StaffInvitation, StaffView, WatchedApplication, WatchedProgram, WhatIfCell, WhatIfRequest,
};
use serde::Serialize;

use super::directing::with_query;
use super::{ApiProblem, BASE, Verb, decode, decode_empty, path_token, send};

/// Rows per page of the board's lists.
pub const PER_PAGE: u64 = 50;

/// `POST /rounds`: a round's whole schedule. Instants are UTC (RFC 3339).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundBody {
    pub year: i32,
    pub kind: RoundKind,
    pub application_starts_at: DateTime<Utc>,
    pub application_ends_at: DateTime<Utc>,
    pub adjustment_starts_at: Option<DateTime<Utc>>,
    pub adjustment_ends_at: Option<DateTime<Utc>>,
    pub confirmation_starts_at: Option<DateTime<Utc>>,
    pub confirmation_ends_at: Option<DateTime<Utc>>,
    pub results_at: DateTime<Utc>,
}

/// `PATCH /rounds/{id}`: only the instants that changed; absent ones keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoundChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_starts_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_ends_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment_starts_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment_ends_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_starts_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_ends_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results_at: Option<DateTime<Utc>>,
}

impl RoundChange {
    pub fn is_empty(&self) -> bool {
        *self == RoundChange::default()
    }
}

/// `POST /programs` (every field) and `PATCH /programs/{id}` (the changed ones).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProgramBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialty: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_facility_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub researcher_course: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `POST /facilities`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacilityBody {
    pub name: String,
    pub prefecture: String,
}

/// `POST /announcements`: published now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnouncementBody {
    pub title: String,
    pub body: String,
    pub title_en: Option<String>,
    pub body_en: Option<String>,
    pub audience: Audience,
}

/// The audit log's filters (AND) and page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    pub actor_id: String,
    pub actor_kind: Option<ActorKind>,
    pub action: Option<AuditAction>,
    pub entity: Option<AuditEntity>,
    pub entity_id: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// 1-based.
    pub page: u64,
}

impl AuditQuery {
    /// The given filters and the page as `(key, value)` pairs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let coded = [
            ("actor_kind", self.actor_kind.map(ActorKind::code)),
            ("entity", self.entity.map(AuditEntity::code)),
            ("action", self.action.map(AuditAction::code)),
        ];
        let mut pairs: Vec<(&'static str, String)> =
            coded.into_iter().filter_map(|(k, v)| Some((k, v?.to_string()))).collect();
        for (key, text) in [("actor_id", &self.actor_id), ("entity_id", &self.entity_id)] {
            if !text.trim().is_empty() {
                pairs.push((key, text.trim().to_string()));
            }
        }
        for (key, at) in [("from", self.from), ("to", self.to)] {
            if let Some(at) = at {
                pairs.push((key, at.to_rfc3339()));
            }
        }
        pairs.push(("page", self.page.max(1).to_string()));
        pairs.push(("per_page", PER_PAGE.to_string()));
        pairs
    }
}

async fn get_with<T: serde::de::DeserializeOwned>(token: &str, path: &str) -> Result<T, ApiProblem> {
    decode(send::<()>(Verb::Get, path, Some(token), None).await?).await
}

fn paged(page: u64) -> Vec<(&'static str, String)> {
    vec![("page", page.max(1).to_string()), ("per_page", PER_PAGE.to_string())]
}

// ---------------------------------------------------------------------------------------------
// The watch over running rounds

/// `GET /board/prefectures?specialty=&year=`: the per-prefecture status as decisions stand now.
pub async fn prefectures(
    token: String,
    specialty: String,
    year: i32,
) -> Result<Vec<PrefectureStatistics>, ApiProblem> {
    let path = with_query("/board/prefectures", &[("specialty", specialty), ("year", year.to_string())]);
    get_with(&token, &path).await
}

/// `GET /board/rounds/{id}/unconfirmed-programs`: programs that have not confirmed the round.
pub async fn unconfirmed_programs(
    token: String,
    round: String,
    page: u64,
) -> Result<Page<WatchedProgram>, ApiProblem> {
    let path =
        with_query(&format!("/board/rounds/{}/unconfirmed-programs", path_token(&round)?), &paged(page));
    get_with(&token, &path).await
}

/// `GET /board/rounds/{id}/unprocessed-applications`: applications still without a decision.
pub async fn unprocessed_applications(
    token: String,
    round: String,
    page: u64,
) -> Result<Page<WatchedApplication>, ApiProblem> {
    let path =
        with_query(&format!("/board/rounds/{}/unprocessed-applications", path_token(&round)?), &paged(page));
    get_with(&token, &path).await
}

// ---------------------------------------------------------------------------------------------
// The schedule (募集)

/// `POST /rounds`: 409 `round-exists`, 422 by field.
pub async fn create_round(token: String, body: RoundBody) -> Result<RoundView, ApiProblem> {
    decode(send(Verb::Post, "/rounds", Some(&token), Some(&body)).await?).await
}

/// `PATCH /rounds/{id}`: the whole schedule is checked again (422 by field).
pub async fn change_round(token: String, id: String, change: RoundChange) -> Result<RoundView, ApiProblem> {
    let path = format!("/rounds/{}", path_token(&id)?);
    decode(send(Verb::Patch, &path, Some(&token), Some(&change)).await?).await
}

/// `DELETE /rounds/{id}`: 409 `round-has-applications`.
pub async fn delete_round(token: String, id: String) -> Result<(), ApiProblem> {
    let path = format!("/rounds/{}", path_token(&id)?);
    decode_empty(send::<()>(Verb::Delete, &path, Some(&token), None).await?).await
}

// ---------------------------------------------------------------------------------------------
// Ceilings (シーリング)

/// `GET /ceilings?year=`: every cell where a ceiling applies, set or not.
pub async fn ceilings(token: String, year: i32) -> Result<Vec<CeilingView>, ApiProblem> {
    get_with(&token, &with_query("/ceilings", &[("year", year.to_string())])).await
}

/// `PUT /ceilings/{year}/{prefecture}/{specialty}`: 409 `ceiling-below-hires` with figures.
pub async fn set_ceiling(
    token: String,
    year: i32,
    prefecture: String,
    specialty: String,
    ceiling: u32,
) -> Result<CeilingView, ApiProblem> {
    let path = format!("/ceilings/{year}/{}/{}", path_token(&prefecture)?, path_token(&specialty)?);
    decode(send(Verb::Put, &path, Some(&token), Some(&CeilingRequest { ceiling })).await?).await
}

/// `POST /ceilings/import` (text/csv): all rows or none; a 422 names every bad row by line.
pub async fn import_ceilings(token: String, csv: String) -> Result<CeilingImportReport, ApiProblem> {
    let response = Request::post(&format!("{BASE}/ceilings/import"))
        .header("Accept", "application/json")
        .header("Content-Type", "text/csv; charset=utf-8")
        .header("Authorization", &format!("Bearer {token}"))
        .body(csv)
        .map_err(|_| ApiProblem::unexpected(0))?
        .send()
        .await
        .map_err(|_| ApiProblem::network())?;
    decode(response).await
}

/// `POST /ceilings/what-if` (試算): what proposed ceilings would leave beyond them; nothing saved.
pub async fn what_if(token: String, request: WhatIfRequest) -> Result<Vec<WhatIfCell>, ApiProblem> {
    decode(send(Verb::Post, "/ceilings/what-if", Some(&token), Some(&request)).await?).await
}

// ---------------------------------------------------------------------------------------------
// Directors (統括責任者)

/// `GET /directors?page=`.
pub async fn directors(token: String, page: u64) -> Result<Page<DirectorView>, ApiProblem> {
    get_with(&token, &with_query("/directors", &paged(page))).await
}

/// `GET /staff?page=`: every staff account.
pub async fn staff(token: String, page: u64) -> Result<Page<StaffView>, ApiProblem> {
    get_with(&token, &with_query("/staff", &paged(page))).await
}

/// `POST /staff`: invites an admin, a consultation officer or a director by mail.
pub async fn invite_staff(token: String, invitation: StaffInvitation) -> Result<StaffView, ApiProblem> {
    decode(send(Verb::Post, "/staff", Some(&token), Some(&invitation)).await?).await
}

/// `POST /staff/{id}/disable` (or `/enable` when `disabled` is false).
pub async fn set_staff_disabled(token: String, id: String, disabled: bool) -> Result<StaffView, ApiProblem> {
    let path = format!("/staff/{}/{}", path_token(&id)?, if disabled { "disable" } else { "enable" });
    decode(send::<()>(Verb::Post, &path, Some(&token), None).await?).await
}

/// `POST /staff/{id}/second-factor/reset`: another staff member's second factor, for a lost phone.
pub async fn reset_staff_second_factor(token: String, id: String) -> Result<StaffView, ApiProblem> {
    let path = format!("/staff/{}/second-factor/reset", path_token(&id)?);
    decode(send::<()>(Verb::Post, &path, Some(&token), None).await?).await
}

/// `GET /me/second-factor`: the signed-in staff member's second factor.
pub async fn my_second_factor(token: String) -> Result<SecondFactorView, ApiProblem> {
    get_with(&token, "/me/second-factor").await
}

/// `POST /me/second-factor`: a new secret and its QR code.
pub async fn begin_second_factor(token: String) -> Result<SecondFactorEnrolment, ApiProblem> {
    decode(send::<()>(Verb::Post, "/me/second-factor", Some(&token), None).await?).await
}

/// `POST /me/second-factor/confirm {code}`: on, with the recovery codes (shown once).
pub async fn confirm_second_factor(token: String, code: String) -> Result<RecoveryCodes, ApiProblem> {
    decode(
        send(Verb::Post, "/me/second-factor/confirm", Some(&token), Some(&SecondFactorConfirm { code }))
            .await?,
    )
    .await
}

/// `POST /directors`: invites by mail; 409 `already-exists`, 422 by field.
pub async fn invite_director(
    token: String,
    invitation: DirectorInvitation,
) -> Result<DirectorView, ApiProblem> {
    decode(send(Verb::Post, "/directors", Some(&token), Some(&invitation)).await?).await
}

/// `PUT /directors/{id}/programs`: replaces the director's programs.
pub async fn assign_programs(
    token: String,
    id: String,
    program_ids: Vec<String>,
) -> Result<DirectorView, ApiProblem> {
    let path = format!("/directors/{}/programs", path_token(&id)?);
    decode(send(Verb::Put, &path, Some(&token), Some(&DirectorPrograms { program_ids })).await?).await
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/// `POST /programs`: 422 by field.
pub async fn create_program(token: String, body: ProgramBody) -> Result<ProgramDetail, ApiProblem> {
    decode(send(Verb::Post, "/programs", Some(&token), Some(&body)).await?).await
}

/// `PATCH /programs/{id}`: 409 `capacity-below-hires`, `ceiling-exceeded` (figures),
/// `program-has-applications`; 422 by field.
pub async fn change_program(
    token: String,
    id: String,
    body: ProgramBody,
) -> Result<ProgramDetail, ApiProblem> {
    let path = format!("/programs/{}", path_token(&id)?);
    decode(send(Verb::Patch, &path, Some(&token), Some(&body)).await?).await
}

/// `GET /facilities?prefecture=&name=`: one page of facilities (public).
pub async fn facilities(prefecture: String, name: String) -> Result<Page<FacilityView>, ApiProblem> {
    let mut pairs = vec![("per_page", "200".to_string())];
    if !prefecture.is_empty() {
        pairs.push(("prefecture", prefecture));
    }
    if !name.trim().is_empty() {
        pairs.push(("name", name.trim().to_string()));
    }
    decode(send::<()>(Verb::Get, &with_query("/facilities", &pairs), None, None).await?).await
}

/// `POST /facilities`: 422 by field.
pub async fn create_facility(token: String, body: FacilityBody) -> Result<FacilityView, ApiProblem> {
    decode(send(Verb::Post, "/facilities", Some(&token), Some(&body)).await?).await
}

// ---------------------------------------------------------------------------------------------
// Announcements and the audit log

/// `POST /announcements`: 422 by field.
pub async fn publish(token: String, body: AnnouncementBody) -> Result<AnnouncementView, ApiProblem> {
    decode(send(Verb::Post, "/announcements", Some(&token), Some(&body)).await?).await
}

/// `PUT /announcements/{id}`: 409 `announcement-withdrawn`, 422 by field.
pub async fn edit_announcement(
    token: String,
    id: String,
    body: AnnouncementBody,
) -> Result<AnnouncementView, ApiProblem> {
    let path = format!("/announcements/{}", path_token(&id)?);
    decode(send(Verb::Put, &path, Some(&token), Some(&body)).await?).await
}

/// `POST /announcements/{id}/withdraw`: 409 `announcement-withdrawn` when it already is.
pub async fn withdraw_announcement(token: String, id: String) -> Result<AnnouncementView, ApiProblem> {
    let path = format!("/announcements/{}/withdraw", path_token(&id)?);
    decode(send::<()>(Verb::Post, &path, Some(&token), None).await?).await
}

/// `GET /audit-events?…`: one page, newest first.
pub async fn audit_events(token: String, query: AuditQuery) -> Result<Page<AuditEventView>, ApiProblem> {
    get_with(&token, &with_query("/audit-events", &query.pairs())).await
}

/// `GET /audit-events/actors`: the staff and societies who appear in the log.
pub async fn audit_actors(token: String) -> Result<Vec<AuditActor>, ApiProblem> {
    get_with(&token, "/audit-events/actors").await
}

#[cfg(test)]
mod tests {
    use super::*;
    use senkoi_domain::time::noon_jst;

    #[test]
    fn a_round_change_sends_only_what_changed() {
        let change = RoundChange { results_at: Some(noon_jst(2023, 11, 30)), ..RoundChange::default() };
        assert_eq!(
            serde_json::to_value(&change).unwrap(),
            serde_json::json!({"results_at": "2023-11-30T03:00:00Z"})
        );
        assert!(RoundChange::default().is_empty());
    }

    #[test]
    fn the_audit_query_names_only_the_filters_given() {
        let query = AuditQuery {
            action: Some(AuditAction::RoundUpdated),
            actor_kind: Some(ActorKind::ConsultationOfficer),
            entity_id: " r1 ".into(),
            from: Some(noon_jst(2024, 1, 1)),
            page: 2,
            ..AuditQuery::default()
        };
        assert_eq!(
            query.pairs(),
            vec![
                ("actor_kind", "consultation-officer".to_string()),
                ("action", "round.updated".to_string()),
                ("entity_id", "r1".to_string()),
                ("from", "2024-01-01T03:00:00+00:00".to_string()),
                ("page", "2".to_string()),
                ("per_page", PER_PAGE.to_string()),
            ]
        );
    }
}
