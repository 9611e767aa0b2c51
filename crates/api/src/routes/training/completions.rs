//! Completion applications (研修修了申請): the resident files once every period is approved; the
//! director, the society and the board each approve or return it with a reason; the board
//! records the certification fee and issues the certificate. Every step is audited, lands on the
//! resident's timeline (`completion_events`), is mailed to whoever acts next and tells the
//! society's webhooks (`completion.step-reached`). Each actor's queue is what waits for them.

use senkoi_domain::audit::AuditAction;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use senkoi_domain::Role;
use senkoi_domain::completion::{CompletionAction, CompletionStage, check_records};
use senkoi_domain::sync::ChangeCursor;
use senkoi_domain::training::Reason;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::{CompletionView, ReturnRequest, SyncPage};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::Change;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{completion, completion_event, program_director, resident, staff_user};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, random_u64};
use crate::mail::{Mail, WorkflowMail};
use crate::paging::CursorPaging;
use crate::state::AppState;
use crate::store::training::{
    Reach, completion_of, completion_view, completion_views, lock_resident, reached_program, records_of,
    trainee,
};
use crate::webhooks::outbox;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_completion_queue, completion_queue),
        endpoint(__path_file_completion, file_completion),
        endpoint(__path_get_completion, get_completion),
        endpoint(__path_approve_completion, approve_completion),
        endpoint(__path_return_completion, return_completion),
        endpoint(__path_record_certification_fee, record_certification_fee),
        endpoint(__path_issue_certificate, issue_certificate),
    ]
}

/// A step of the timeline, in the caller's transaction.
async fn record_step(
    tx: &impl ConnectionTrait,
    actor: &AuthUser,
    row: &completion::Model,
    action: CompletionAction,
    reason: Option<&Reason>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    completion_event::ActiveModel {
        id: Set(new_id()),
        completion_id: Set(row.id.clone()),
        at: Set(now),
        actor_role: Set(actor.role),
        actor_id: Set(Some(actor.id.clone())),
        action: Set(action),
        stage: Set(row.stage),
        reason: Set(reason.map(|r| r.as_str().to_owned())),
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// Mails whoever acts next, and tells the society's webhooks where the application now stands.
async fn announce(
    tx: &impl ConnectionTrait,
    state: &AppState,
    shown: &CompletionView,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mail = Mail::Workflow(WorkflowMail::CompletionWaiting { stage: shown.stage });
    let to: Vec<String> = match shown.stage {
        CompletionStage::Director => {
            let directors: Vec<String> = program_director::Entity::find()
                .filter(program_director::Column::ProgramId.eq(&shown.program_id))
                .all(tx)
                .await?
                .into_iter()
                .map(|d| d.staff_user_id)
                .collect();
            staff_emails(tx, staff_user::Column::Id.is_in(directors)).await?
        }
        CompletionStage::Board => staff_emails(tx, staff_user::Column::Role.eq(Role::Admin)).await?,
        // The society hears it through its webhooks; the resident through their own mail.
        CompletionStage::Society => Vec::new(),
        CompletionStage::Approved | CompletionStage::Returned => {
            let resident = crate::store::find_or_404::<resident::Entity>(tx, &shown.resident_id).await?;
            vec![resident.email]
        }
    };
    for address in to {
        crate::mail::enqueue(tx, &address, &mail, &state.settings.public_url, now).await?;
    }
    outbox::enqueue(tx, shown.specialty, WebhookEvent::CompletionStepReached, shown, now).await?;
    Ok(())
}

async fn staff_emails(
    tx: &impl ConnectionTrait,
    which: sea_orm::sea_query::SimpleExpr,
) -> Result<Vec<String>, ApiError> {
    Ok(staff_user::Entity::find()
        .filter(which)
        .filter(staff_user::Column::DisabledAt.is_null())
        .all(tx)
        .await?
        .into_iter()
        .map(|s| s.email)
        .collect())
}

/// The audit detail of a step: the stage, never the resident's name or the reason's words.
fn detail(row: &completion::Model) -> serde_json::Value {
    serde_json::json!({"program_id": row.program_id, "stage": row.stage})
}

/// 研修修了申請: the resident files for completion once they have periods and every one is
/// approved; after a return, filing again starts over with the director.
#[utoipa::path(post, path = "/api/v1/completions", tag = "training", security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed: it waits for the director", body = CompletionView),
        (status = 403, description = "`forbidden`: not a resident", body = Problem),
        (status = 409, description = "`not-in-program`, `records-not-approved`, `completion-already-filed`", body = Problem),
    ))]
pub async fn file_completion(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Resident]).await?;
    let resident = lock_resident(&change.tx, &change.actor().id).await?;
    let trainee = trainee(&change.tx, resident, change.now).await?;
    let statuses: Vec<_> =
        records_of(&change.tx, &trainee.resident.id).await?.iter().map(|r| r.status).collect();
    check_records(&statuses)?;
    let row = match completion_of(&change.tx, &trainee.resident.id).await? {
        Some(current) => {
            let stage = current.stage.refile()?;
            let mut active: completion::ActiveModel = current.into();
            active.stage = Set(stage);
            active.program_id = Set(trainee.program.id.clone());
            active.filed_at = Set(change.now);
            active.updated_at = Set(change.now);
            active.update(&change.tx).await?
        }
        None => {
            completion::ActiveModel {
                id: Set(new_id()),
                resident_id: Set(trainee.resident.id.clone()),
                program_id: Set(trainee.program.id.clone()),
                stage: Set(CompletionStage::Director),
                filed_at: Set(change.now),
                updated_at: Set(change.now),
                fee_paid_at: Set(None),
                certificate_number: Set(None),
                certificate_issued_at: Set(None),
            }
            .insert(&change.tx)
            .await?
        }
    };
    record_step(&change.tx, change.actor(), &row, CompletionAction::Filed, None, change.now).await?;
    let shown = completion_view(&change.tx, row.clone()).await?;
    announce(&change.tx, &state, &shown, change.now).await?;
    change.commit(AuditAction::CompletionFiled, &row.id, detail(&row)).await?;
    state.mail.wake();
    Ok(HttpResponse::Created().json(shown))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueFilter {
    /// Only applications at this stage; by default those that wait for the caller (a
    /// director: `director`; a society: `society`; the board: `board`, and `approved` ones
    /// without a certificate yet). A resident always gets their own.
    pub stage: Option<CompletionStage>,
}

/// The completion applications that wait for the caller (their queue), oldest filing first, a
/// page at a time with a cursor (follow `next_cursor` while `has_more`); `?stage=` shows another
/// stage of those the caller reaches.
#[utoipa::path(get, path = "/api/v1/completions", tag = "training", security(("bearer" = [])),
    params(QueueFilter, CursorPaging),
    responses(
        (status = 200, description = "One page of the queue, by filing", body = SyncPage<CompletionView>),
        (status = 400, description = "`invalid-paging`", body = Problem),
        (status = 403, description = "`forbidden`: a consultation officer", body = Problem),
        (status = 422, description = "`validation-failed` on `cursor`: `invalid-cursor`", body = Problem),
    ))]
pub async fn completion_queue(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<QueueFilter>,
    paging: web::Query<CursorPaging>,
) -> Result<web::Json<SyncPage<CompletionView>>, ApiError> {
    let (cursor, limit) = paging.checked()?;
    let mut select = Reach::of(&state.db, &user).await?.narrow(
        completion::Entity::find(),
        completion::Column::ResidentId,
        completion::Column::ProgramId,
    );
    select = match (user.role, filter.stage) {
        (Role::Resident, _) => select,
        (_, Some(stage)) => select.filter(completion::Column::Stage.eq(stage)),
        (role, None) => {
            let waiting: Vec<CompletionStage> =
                CompletionStage::ALL.into_iter().filter(|s| s.waits_for() == role).collect();
            select
                .filter(completion::Column::Stage.is_in(waiting))
                .filter(completion::Column::CertificateIssuedAt.is_null())
        }
    };
    // The place of an application: the instant it was filed (nanoseconds) and its id.
    let place = |c: &completion::Model| ChangeCursor {
        seq: c.filed_at.timestamp_nanos_opt().unwrap_or(i64::MAX),
        id: c.id.clone(),
    };
    if cursor != ChangeCursor::start() {
        let filed = chrono::DateTime::from_timestamp_nanos(cursor.seq);
        select =
            select.filter(Condition::any().add(completion::Column::FiledAt.gt(filed)).add(
                completion::Column::FiledAt.eq(filed).and(completion::Column::Id.gt(cursor.id.as_str())),
            ));
    }
    let rows = sea_orm::QuerySelect::limit(
        select.order_by_asc(completion::Column::FiledAt).order_by_asc(completion::Column::Id),
        limit + 1,
    )
    .all(&state.db)
    .await?;
    let (rows, has_more, next_cursor) = CursorPaging::split(rows, limit, cursor, place);
    Ok(web::Json(SyncPage { items: completion_views(&state.db, rows).await?, next_cursor, has_more }))
}

/// The completion application `id` if the caller reaches it; 404 otherwise.
async fn reachable(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: &str,
) -> Result<completion::Model, ApiError> {
    let row = crate::store::find_or_404::<completion::Entity>(db, id).await?;
    reached_program(db, user, &row.resident_id, &row.program_id).await?;
    Ok(row)
}

/// One completion application with its timeline.
#[utoipa::path(get, path = "/api/v1/completions/{id}", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "The application", body = CompletionView),
        (status = 404, description = "No such application the caller reaches", body = Problem),
    ))]
pub async fn get_completion(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<CompletionView>, ApiError> {
    let row = reachable(&state.db, &user, &id).await?;
    Ok(web::Json(completion_view(&state.db, row).await?))
}

/// Moves the application from the stage it was read in; a racing step changes nothing.
async fn move_to(
    tx: &impl ConnectionTrait,
    row: completion::Model,
    stage: CompletionStage,
    now: DateTime<Utc>,
) -> Result<completion::Model, ApiError> {
    let written = completion::Entity::update_many()
        .col_expr(completion::Column::Stage, stage.into())
        .col_expr(completion::Column::UpdatedAt, now.into())
        .filter(completion::Column::Id.eq(&row.id))
        .filter(completion::Column::Stage.eq(row.stage))
        .exec(tx)
        .await?;
    if written.rows_affected != 1 {
        return Err(senkoi_domain::DomainError::NotYourStep.into());
    }
    Ok(completion::Model { stage, updated_at: now, ..row })
}

const STAFF: [Role; 3] = [Role::Director, Role::Society, Role::Admin];

/// 承認: the director, then the society, then the board pass the application on; the board's
/// approval completes the training.
#[utoipa::path(post, path = "/api/v1/completions/{id}/approval", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "Passed on", body = CompletionView),
        (status = 404, description = "No such application the caller reaches", body = Problem),
        (status = 409, description = "`not-your-step`: it waits for someone else", body = Problem),
    ))]
pub async fn approve_completion(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<CompletionView>, ApiError> {
    let change = Change::begin(&state, user, &STAFF).await?;
    let row = reachable(&change.tx, change.actor(), &id).await?;
    let stage = row.stage.approve(change.actor().role)?;
    let row = move_to(&change.tx, row, stage, change.now).await?;
    record_step(&change.tx, change.actor(), &row, CompletionAction::Approved, None, change.now).await?;
    let shown = completion_view(&change.tx, row.clone()).await?;
    announce(&change.tx, &state, &shown, change.now).await?;
    change.commit(AuditAction::CompletionApproved, &row.id, detail(&row)).await?;
    state.mail.wake();
    Ok(web::Json(shown))
}

/// 差戻し: the one whose step it is returns the application to the resident with a reason.
#[utoipa::path(post, path = "/api/v1/completions/{id}/return", tag = "training", request_body = ReturnRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Returned to the resident", body = CompletionView),
        (status = 404, description = "No such application the caller reaches", body = Problem),
        (status = 409, description = "`not-your-step`", body = Problem),
        (status = 422, description = "`reason`: `required`, `too-long`, `invalid-characters`", body = Problem),
    ))]
pub async fn return_completion(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<ReturnRequest>,
) -> Result<web::Json<CompletionView>, ApiError> {
    let reason = Reason::parse(&body.reason)?;
    let change = Change::begin(&state, user, &STAFF).await?;
    let row = reachable(&change.tx, change.actor(), &id).await?;
    let stage = row.stage.send_back(change.actor().role)?;
    let row = move_to(&change.tx, row, stage, change.now).await?;
    record_step(&change.tx, change.actor(), &row, CompletionAction::Returned, Some(&reason), change.now)
        .await?;
    let shown = completion_view(&change.tx, row.clone()).await?;
    announce(&change.tx, &state, &shown, change.now).await?;
    change.commit(AuditAction::CompletionReturned, &row.id, detail(&row)).await?;
    state.mail.wake();
    Ok(web::Json(shown))
}

/// The board records that the certification fee (認定料) is paid, after its approval.
#[utoipa::path(post, path = "/api/v1/completions/{id}/fee-payment", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = CompletionView),
        (status = 403, description = "`forbidden`: not the board", body = Problem),
        (status = 404, description = "No such application", body = Problem),
        (status = 409, description = "`completion-not-approved`, `fee-already-recorded`", body = Problem),
    ))]
pub async fn record_certification_fee(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<CompletionView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let row = reachable(&change.tx, change.actor(), &id).await?;
    row.certification().record_fee()?;
    let written = completion::Entity::update_many()
        .col_expr(completion::Column::FeePaidAt, Some(change.now).into())
        .col_expr(completion::Column::UpdatedAt, change.now.into())
        .filter(completion::Column::Id.eq(&row.id))
        .filter(completion::Column::FeePaidAt.is_null())
        .exec(&change.tx)
        .await?;
    if written.rows_affected != 1 {
        return Err(senkoi_domain::DomainError::FeeAlreadyRecorded.into());
    }
    let row = completion::Model { fee_paid_at: Some(change.now), updated_at: change.now, ..row };
    record_step(&change.tx, change.actor(), &row, CompletionAction::FeePaid, None, change.now).await?;
    let shown = completion_view(&change.tx, row.clone()).await?;
    change.commit(AuditAction::CompletionFeePaid, &row.id, detail(&row)).await?;
    Ok(web::Json(shown))
}

/// A new certificate number (認定証番号): the year and eight random digits; the column is unique.
fn certificate_number(now: DateTime<Utc>) -> String {
    let year = senkoi_domain::time::to_jst(now).format("%Y");
    format!("{year}-{:08}", random_u64() % 100_000_000)
}

/// 認定証発行: the board issues the certificate, once, for an approved completion whose fee is
/// paid; the resident is mailed its number.
#[utoipa::path(post, path = "/api/v1/completions/{id}/certificate", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "Issued: the application with its certificate number", body = CompletionView),
        (status = 403, description = "`forbidden`: not the board", body = Problem),
        (status = 404, description = "No such application", body = Problem),
        (status = 409, description = "`completion-not-approved`, `fee-not-paid`, `certificate-already-issued`", body = Problem),
    ))]
pub async fn issue_certificate(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<CompletionView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let row = reachable(&change.tx, change.actor(), &id).await?;
    row.certification().issue()?;
    let number = certificate_number(change.now);
    let written = completion::Entity::update_many()
        .col_expr(completion::Column::CertificateNumber, Some(number.clone()).into())
        .col_expr(completion::Column::CertificateIssuedAt, Some(change.now).into())
        .col_expr(completion::Column::UpdatedAt, change.now.into())
        .filter(completion::Column::Id.eq(&row.id))
        .filter(completion::Column::CertificateIssuedAt.is_null())
        .exec(&change.tx)
        .await?;
    if written.rows_affected != 1 {
        return Err(senkoi_domain::DomainError::CertificateAlreadyIssued.into());
    }
    let row = completion::Model {
        certificate_number: Some(number.clone()),
        certificate_issued_at: Some(change.now),
        updated_at: change.now,
        ..row
    };
    record_step(&change.tx, change.actor(), &row, CompletionAction::CertificateIssued, None, change.now)
        .await?;
    let shown = completion_view(&change.tx, row.clone()).await?;
    let resident = crate::store::find_or_404::<resident::Entity>(&change.tx, &row.resident_id).await?;
    let mail = Mail::Workflow(WorkflowMail::CertificateIssued { certificate_number: number });
    crate::mail::enqueue(&change.tx, &resident.email, &mail, &state.settings.public_url, change.now).await?;
    change.commit(AuditAction::CompletionCertificateIssued, &row.id, detail(&row)).await?;
    state.mail.wake();
    Ok(web::Json(shown))
}
