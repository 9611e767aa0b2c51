//! Training records (研修実績), completion applications (研修修了申請) and the consultation desk
//! (専攻医相談窓口). The signed-in calls go through `Session::authorized`; filing and following a
//! consultation need no account.

use senkoi_domain::completion::CompletionStage;
use senkoi_domain::training::RecordStatus;
use senkoi_domain::wire::{
    CompletionView, ConsultationFiled, ConsultationMessageRequest, ConsultationRequest, ConsultationSummary,
    ConsultationView, FollowMessageRequest, FollowRequest, MyTraining, Page, ReturnRequest, SyncPage,
    TrainingRecordRequest, TrainingRecordView,
};

use super::directing::with_query;
use super::{ApiProblem, Verb, decode, decode_empty, path_token, post, send};

/// `GET /me/training`: the resident's periods, program, keeper and completion.
pub async fn my_training(token: String) -> Result<MyTraining, ApiProblem> {
    decode(send::<()>(Verb::Get, "/me/training", Some(&token), None).await?).await
}

/// `POST /training-records`: the resident records a period.
pub async fn record(token: String, body: TrainingRecordRequest) -> Result<TrainingRecordView, ApiProblem> {
    decode(send(Verb::Post, "/training-records", Some(&token), Some(&body)).await?).await
}

/// `PUT /training-records/{id}`: corrects a period.
pub async fn correct(
    token: String,
    id: String,
    body: TrainingRecordRequest,
) -> Result<TrainingRecordView, ApiProblem> {
    let id = path_token(&id)?;
    decode(send(Verb::Put, &format!("/training-records/{id}"), Some(&token), Some(&body)).await?).await
}

/// `DELETE /training-records/{id}`.
pub async fn delete_record(token: String, id: String) -> Result<(), ApiProblem> {
    let id = path_token(&id)?;
    decode_empty(send::<()>(Verb::Delete, &format!("/training-records/{id}"), Some(&token), None).await?)
        .await
}

/// `GET /training-records?status=`: the periods the caller sees (a director: their programs').
pub async fn records(
    token: String,
    status: Option<RecordStatus>,
) -> Result<Vec<TrainingRecordView>, ApiProblem> {
    let pairs: Vec<(&str, String)> = status.map(|s| ("status", code(&s))).into_iter().collect();
    every_page(&token, "/training-records", pairs).await
}

/// Every item of a list synced with a cursor: `next_cursor` followed while `has_more`.
async fn every_page<T: serde::de::DeserializeOwned>(
    token: &str,
    path: &str,
    pairs: Vec<(&str, String)>,
) -> Result<Vec<T>, ApiProblem> {
    let mut items = Vec::new();
    let mut cursor = None::<String>;
    loop {
        let mut query = pairs.clone();
        query.push(("limit", "500".into()));
        query.extend(cursor.take().map(|c| ("cursor", c)));
        let page: SyncPage<T> =
            decode(send::<()>(Verb::Get, &with_query(path, &query), Some(token), None).await?).await?;
        items.extend(page.items);
        if !page.has_more {
            return Ok(items);
        }
        cursor = Some(page.next_cursor);
    }
}

/// `POST /training-records/{id}/approval`.
pub async fn approve_record(token: String, id: String) -> Result<TrainingRecordView, ApiProblem> {
    let id = path_token(&id)?;
    decode(send::<()>(Verb::Post, &format!("/training-records/{id}/approval"), Some(&token), None).await?)
        .await
}

/// `POST /training-records/{id}/return` with the reason.
pub async fn return_record(
    token: String,
    id: String,
    reason: String,
) -> Result<TrainingRecordView, ApiProblem> {
    let id = path_token(&id)?;
    let body = ReturnRequest { reason };
    decode(send(Verb::Post, &format!("/training-records/{id}/return"), Some(&token), Some(&body)).await?)
        .await
}

/// `POST /completions`: the resident files (again) for completion.
pub async fn file_completion(token: String) -> Result<CompletionView, ApiProblem> {
    decode(send::<()>(Verb::Post, "/completions", Some(&token), None).await?).await
}

/// `GET /completions`: the queue that waits for the caller, or a stage of those they reach.
pub async fn completions(
    token: String,
    stage: Option<CompletionStage>,
) -> Result<Vec<CompletionView>, ApiProblem> {
    let pairs: Vec<(&str, String)> = stage.map(|s| ("stage", code(&s))).into_iter().collect();
    every_page(&token, "/completions", pairs).await
}

/// What a staff member does to a completion application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionStep {
    Approve,
    RecordFee,
    IssueCertificate,
}

/// `POST /completions/{id}/approval`, `…/fee-payment` or `…/certificate`.
pub async fn completion_step(
    token: String,
    id: String,
    step: CompletionStep,
) -> Result<CompletionView, ApiProblem> {
    let id = path_token(&id)?;
    let tail = match step {
        CompletionStep::Approve => "approval",
        CompletionStep::RecordFee => "fee-payment",
        CompletionStep::IssueCertificate => "certificate",
    };
    decode(send::<()>(Verb::Post, &format!("/completions/{id}/{tail}"), Some(&token), None).await?).await
}

/// `POST /completions/{id}/return` with the reason.
pub async fn return_completion(
    token: String,
    id: String,
    reason: String,
) -> Result<CompletionView, ApiProblem> {
    let id = path_token(&id)?;
    let body = ReturnRequest { reason };
    decode(send(Verb::Post, &format!("/completions/{id}/return"), Some(&token), Some(&body)).await?).await
}

/// `POST /consultations`: anyone files a consultation; the answer holds the follow key.
pub async fn file_consultation(body: ConsultationRequest) -> Result<ConsultationFiled, ApiProblem> {
    post("/consultations", &body).await
}

/// `POST /consultations/follow`: the reporter reads their consultation with its key.
pub async fn follow(follow_token: String) -> Result<ConsultationView, ApiProblem> {
    post("/consultations/follow", &FollowRequest { follow_token }).await
}

/// `POST /consultations/follow/messages`: the reporter adds to it.
pub async fn follow_up(follow_token: String, body: String) -> Result<ConsultationView, ApiProblem> {
    post("/consultations/follow/messages", &FollowMessageRequest { follow_token, body }).await
}

/// Consultations on a page of the officers' inbox.
pub const INBOX_PER_PAGE: u64 = 50;

/// `GET /consultations?page=`: one page of the officers' inbox.
pub async fn inbox(token: String, page: u64) -> Result<Page<ConsultationSummary>, ApiProblem> {
    let pairs = [("page", page.max(1).to_string()), ("per_page", INBOX_PER_PAGE.to_string())];
    decode(send::<()>(Verb::Get, &with_query("/consultations", &pairs), Some(&token), None).await?).await
}

/// `GET /consultations/{id}`: an officer reads one (an audited read).
pub async fn consultation(token: String, id: String) -> Result<ConsultationView, ApiProblem> {
    let id = path_token(&id)?;
    decode(send::<()>(Verb::Get, &format!("/consultations/{id}"), Some(&token), None).await?).await
}

/// `POST /consultations/{id}/messages`: an officer answers.
pub async fn answer(token: String, id: String, body: String) -> Result<ConsultationView, ApiProblem> {
    let id = path_token(&id)?;
    let body = ConsultationMessageRequest { body };
    decode(send(Verb::Post, &format!("/consultations/{id}/messages"), Some(&token), Some(&body)).await?).await
}

/// The wire code of a kebab-case enum (`submitted`, `society`).
fn code(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
