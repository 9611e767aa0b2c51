//! Training records (研修実績): the resident records each period at a facility and the director
//! approves or returns it; for the data-linkage specialties the society's system sends the
//! periods its director approved, and the resident enters nothing. Every change is audited;
//! an approval tells the society's webhooks.

use senkoi_domain::audit::AuditAction;
use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use senkoi_domain::Role;
use senkoi_domain::sync::ChangeCursor;
use senkoi_domain::training::{Reason, RecordKeeper, RecordStatus, TrainingPeriod};
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::{MyTraining, ReturnRequest, SyncPage, TrainingRecordRequest, TrainingRecordView};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::Change;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{facility, program, resident, training_record};
use crate::error::{ApiError, Problem};
use crate::ids::new_id;
use crate::mail::{Mail, WorkflowMail};
use crate::paging::CursorPaging;
use crate::state::AppState;
use crate::store::residents;
use crate::store::training::{
    Reach, Trainee, completion_of, completion_view, lock_resident, reached_program, records_of,
    resident_names, trainee,
};
use crate::webhooks::outbox;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_my_training, my_training),
        endpoint(__path_list_training_records, list_training_records),
        endpoint(__path_create_training_record, create_training_record),
        endpoint(__path_update_training_record, update_training_record),
        endpoint(__path_delete_training_record, delete_training_record),
        endpoint(__path_approve_training_record, approve_training_record),
        endpoint(__path_return_training_record, return_training_record),
    ]
}

/// The views of `rows`, with their facilities' and residents' names.
pub async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<training_record::Model>,
) -> Result<Vec<TrainingRecordView>, ApiError> {
    let facility_ids: Vec<String> = rows.iter().map(|r| r.facility_id.clone()).collect();
    let resident_ids: Vec<String> = rows.iter().map(|r| r.resident_id.clone()).collect();
    let facilities: HashMap<String, String> = facility::Entity::find()
        .filter(facility::Column::Id.is_in(facility_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let names = resident_names(db, resident_ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| TrainingRecordView {
            facility_name: facilities.get(&r.facility_id).cloned().unwrap_or_default(),
            resident_name: names.get(&r.resident_id).cloned().unwrap_or_default(),
            id: r.id,
            resident_id: r.resident_id,
            program_id: r.program_id,
            facility_id: r.facility_id,
            from: r.from_on,
            to: r.to_on,
            status: r.status,
            kept_by: r.kept_by,
            return_reason: r.return_reason,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

async fn view(
    db: &impl ConnectionTrait,
    row: training_record::Model,
) -> Result<TrainingRecordView, ApiError> {
    views(db, vec![row]).await?.pop().ok_or_else(|| ApiError::Internal("no record view".into()))
}

/// 研修実績: the resident's periods, the program they may record in (its days and facilities),
/// who keeps the records (`society`: data linkage, the resident enters nothing) and the
/// completion application.
#[utoipa::path(get, path = "/api/v1/me/training", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "The resident's training", body = MyTraining),
        (status = 403, description = "`forbidden`: not a resident", body = Problem),
    ))]
pub async fn my_training(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MyTraining>, ApiError> {
    let me = residents::own_account(&state.db, &user).await?;
    let now = state.clock.now();
    let records = views(&state.db, records_of(&state.db, &me.id).await?).await?;
    let completion = completion_of(&state.db, &me.id).await?;
    let completion = match completion {
        Some(row) => Some(completion_view(&state.db, row).await?),
        None => None,
    };
    let (kept_by, program) = match trainee(&state.db, me, now).await {
        Ok(t) => (t.keeper, Some(t.program_view())),
        Err(ApiError::Domain(senkoi_domain::DomainError::NotInProgram)) => (RecordKeeper::Resident, None),
        Err(other) => return Err(other),
    };
    let today = senkoi_domain::time::to_jst(now).date_naive();
    Ok(web::Json(MyTraining { kept_by, program, records, completion, today }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordFilter {
    /// Only periods in this state, e.g. `submitted` for the director's queue.
    pub status: Option<RecordStatus>,
    /// Only this resident's periods.
    pub resident_id: Option<String>,
}

/// The periods the caller may see, oldest first, a page at a time with a cursor (follow
/// `next_cursor` while `has_more`): a resident their own; a director those of their programs
/// (`?status=submitted` is the queue that waits for them); a society its specialty's; the board
/// every one.
#[utoipa::path(get, path = "/api/v1/training-records", tag = "training", security(("bearer" = [])),
    params(RecordFilter, CursorPaging),
    responses(
        (status = 200, description = "One page of the periods, by their first day", body = SyncPage<TrainingRecordView>),
        (status = 400, description = "`invalid-paging`", body = Problem),
        (status = 403, description = "`forbidden`: a consultation officer", body = Problem),
        (status = 422, description = "`validation-failed` on `cursor`: `invalid-cursor`", body = Problem),
    ))]
pub async fn list_training_records(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<RecordFilter>,
    paging: web::Query<CursorPaging>,
) -> Result<web::Json<SyncPage<TrainingRecordView>>, ApiError> {
    let (cursor, limit) = paging.checked()?;
    let mut select = Reach::of(&state.db, &user).await?.narrow(
        training_record::Entity::find(),
        training_record::Column::ResidentId,
        training_record::Column::ProgramId,
    );
    if let Some(status) = filter.status {
        select = select.filter(training_record::Column::Status.eq(status));
    }
    if let Some(resident_id) = &filter.resident_id {
        select = select.filter(training_record::Column::ResidentId.eq(resident_id));
    }
    // The place of a period: its first day (days of the common era) and its id.
    let place = |r: &training_record::Model| ChangeCursor {
        seq: i64::from(r.from_on.num_days_from_ce()),
        id: r.id.clone(),
    };
    if cursor != ChangeCursor::start() {
        let day = chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(cursor.seq).unwrap_or(0))
            .unwrap_or_default();
        select = select.filter(Condition::any().add(training_record::Column::FromOn.gt(day)).add(
            training_record::Column::FromOn.eq(day).and(training_record::Column::Id.gt(cursor.id.as_str())),
        ));
    }
    let rows = select
        .order_by_asc(training_record::Column::FromOn)
        .order_by_asc(training_record::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    let (rows, has_more, next_cursor) = CursorPaging::split(rows, limit, cursor, place);
    Ok(web::Json(SyncPage { items: views(&state.db, rows).await?, next_cursor, has_more }))
}

/// Who writes a period, and for which resident: a resident their own, a society's system the
/// resident the body names (of its specialty; any other is 404).
async fn writer(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    named: Option<&str>,
) -> Result<(RecordKeeper, resident::Model), ApiError> {
    match user.role {
        Role::Resident => Ok((RecordKeeper::Resident, lock_resident(db, &user.id).await?)),
        Role::Society => {
            let id = named.ok_or_else(|| {
                ApiError::invalid("resident_id", "required", "専攻医のIDを指定してください。")
            })?;
            let resident = lock_resident(db, id).await?;
            if !user.reaches(resident.specialty) {
                return Err(ApiError::not_found());
            }
            Ok((RecordKeeper::Society, resident))
        }
        _ => Err(ApiError::forbidden()),
    }
}

/// The checked period of `body` for `trainee`, against their other periods (all but `except`).
async fn checked_period(
    db: &impl ConnectionTrait,
    trainee: &Trainee,
    by: RecordKeeper,
    body: &TrainingRecordRequest,
    except: Option<&str>,
    now: DateTime<Utc>,
) -> Result<TrainingPeriod, ApiError> {
    trainee.keeper.admits(by)?;
    let facility_id = ApiError::require_text("facility_id", &body.facility_id, 36)?;
    let period = TrainingPeriod::parse(facility_id, &body.from, &body.to).map_err(ApiError::refusals)?;
    let others: Vec<TrainingPeriod> = records_of(db, &trainee.resident.id)
        .await?
        .iter()
        .filter(|r| Some(r.id.as_str()) != except)
        .map(training_record::Model::period)
        .collect();
    let today = senkoi_domain::time::to_jst(now).date_naive();
    period.check(&trainee.years, &trainee.facility_ids(), &others, today)?;
    Ok(period)
}

/// The audit detail of a period: where and when, never who.
fn detail(row: &training_record::Model) -> serde_json::Value {
    serde_json::json!({
        "program_id": row.program_id,
        "facility_id": row.facility_id,
        "from": row.from_on,
        "to": row.to_on,
        "status": row.status,
        "kept_by": row.kept_by,
    })
}

/// Records a period (研修施設の登録): by the resident, at the program's base or an affiliated
/// facility, inside the program's years, overlapping none of their others; it waits for the
/// director. A society's system sends the periods of the data-linkage specialties' residents
/// (`resident_id` required), already approved by the director in its own system.
#[utoipa::path(post, path = "/api/v1/training-records", tag = "training", request_body = TrainingRecordRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = TrainingRecordView),
        (status = 403, description = "`forbidden`: neither a resident nor a society", body = Problem),
        (status = 404, description = "A society named a resident of another specialty", body = Problem),
        (status = 409, description = "`not-in-program`, `records-kept-by-society`, `records-kept-by-resident`, \
            `facility-not-in-program`, `period-outside-program`, `period-in-future`, `period-overlaps`", body = Problem),
        (status = 422, description = "`invalid-date`, `period-ends-before-start`", body = Problem),
    ))]
pub async fn create_training_record(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<TrainingRecordRequest>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Resident, Role::Society]).await?;
    let (by, resident) = writer(&change.tx, change.actor(), body.resident_id.as_deref()).await?;
    let trainee = trainee(&change.tx, resident, change.now).await?;
    let period = checked_period(&change.tx, &trainee, by, &body, None, change.now).await?;
    let row = training_record::ActiveModel {
        id: Set(new_id()),
        resident_id: Set(trainee.resident.id.clone()),
        program_id: Set(trainee.program.id.clone()),
        facility_id: Set(period.facility_id),
        from_on: Set(period.from),
        to_on: Set(period.to),
        status: Set(by.first_status()),
        kept_by: Set(by),
        return_reason: Set(None),
        created_at: Set(change.now),
        updated_at: Set(change.now),
    }
    .insert(&change.tx)
    .await?;
    let shown = view(&change.tx, row.clone()).await?;
    change.commit(AuditAction::TrainingRecordCreated, &row.id, detail(&row)).await?;
    Ok(HttpResponse::Created().json(shown))
}

/// The period `id` if the caller may see it; 404 otherwise.
async fn reachable(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: &str,
) -> Result<(training_record::Model, program::Model), ApiError> {
    let row = crate::store::find_or_404::<training_record::Entity>(db, id).await?;
    let program = reached_program(db, user, &row.resident_id, &row.program_id).await?;
    Ok((row, program))
}

/// The period `id` for its keeper to change: the resident's own (not yet approved), or one the
/// society's system sent.
async fn keepers(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: &str,
) -> Result<(training_record::Model, RecordKeeper), ApiError> {
    let (row, _) = reachable(db, user, id).await?;
    let by = match user.role {
        Role::Resident => RecordKeeper::Resident,
        Role::Society => RecordKeeper::Society,
        _ => return Err(ApiError::forbidden()),
    };
    if row.kept_by != by {
        return Err(ApiError::not_found());
    }
    row.status.changeable_by(by)?;
    Ok((row, by))
}

/// Corrects a period: the resident while it waits or after a return (it waits for the director
/// again), a society's system what it sent. An approved period is final for the resident.
#[utoipa::path(put, path = "/api/v1/training-records/{id}", tag = "training", request_body = TrainingRecordRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Corrected", body = TrainingRecordView),
        (status = 404, description = "No such period of the caller's", body = Problem),
        (status = 409, description = "`record-approved`, or as for a new period", body = Problem),
        (status = 422, description = "As for a new period", body = Problem),
    ))]
pub async fn update_training_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<TrainingRecordRequest>,
) -> Result<web::Json<TrainingRecordView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Resident, Role::Society]).await?;
    let (row, by) = keepers(&change.tx, change.actor(), &id).await?;
    let resident = lock_resident(&change.tx, &row.resident_id).await?;
    let trainee = trainee(&change.tx, resident, change.now).await?;
    let period = checked_period(&change.tx, &trainee, by, &body, Some(&row.id), change.now).await?;
    let mut active: training_record::ActiveModel = row.into();
    active.facility_id = Set(period.facility_id);
    active.from_on = Set(period.from);
    active.to_on = Set(period.to);
    active.status = Set(by.first_status());
    active.return_reason = Set(None);
    active.updated_at = Set(change.now);
    let row = active.update(&change.tx).await?;
    let shown = view(&change.tx, row.clone()).await?;
    change.commit(AuditAction::TrainingRecordUpdated, &row.id, detail(&row)).await?;
    Ok(web::Json(shown))
}

/// Deletes a period: the resident's own until it is approved, or one the society's system sent.
#[utoipa::path(delete, path = "/api/v1/training-records/{id}", tag = "training", security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such period of the caller's", body = Problem),
        (status = 409, description = "`record-approved`", body = Problem),
    ))]
pub async fn delete_training_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Resident, Role::Society]).await?;
    let (row, _) = keepers(&change.tx, change.actor(), &id).await?;
    training_record::Entity::delete_by_id(row.id.clone()).exec(&change.tx).await?;
    change.commit(AuditAction::TrainingRecordDeleted, &row.id, detail(&row)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The period `id` of one of the director's programs, for a decision.
async fn directors(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: &str,
) -> Result<(training_record::Model, program::Model), ApiError> {
    user.require(&[Role::Director])?;
    reachable(db, user, id).await
}

/// Writes a director's decision on a period, only from the state it was read in.
async fn decide(
    tx: &impl ConnectionTrait,
    row: training_record::Model,
    status: RecordStatus,
    reason: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<training_record::Model, ApiError> {
    let written = training_record::Entity::update_many()
        .col_expr(training_record::Column::Status, status.into())
        .col_expr(training_record::Column::ReturnReason, reason.clone().into())
        .col_expr(training_record::Column::UpdatedAt, now.into())
        .filter(training_record::Column::Id.eq(&row.id))
        .filter(training_record::Column::Status.eq(row.status))
        .exec(tx)
        .await?;
    if written.rows_affected != 1 {
        return Err(senkoi_domain::DomainError::RecordNotAwaitingApproval.into());
    }
    Ok(training_record::Model { status, return_reason: reason, updated_at: now, ..row })
}

/// 承認: the director approves a period of one of their programs' residents. The society's
/// webhooks hear `training-record.approved`.
#[utoipa::path(post, path = "/api/v1/training-records/{id}/approval", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "Approved", body = TrainingRecordView),
        (status = 404, description = "No such period of the director's programs", body = Problem),
        (status = 409, description = "`record-not-awaiting-approval`", body = Problem),
    ))]
pub async fn approve_training_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<TrainingRecordView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Director]).await?;
    let (row, program) = directors(&change.tx, change.actor(), &id).await?;
    let status = row.status.approve()?;
    let row = decide(&change.tx, row, status, None, change.now).await?;
    let shown = view(&change.tx, row.clone()).await?;
    outbox::enqueue(&change.tx, program.specialty, WebhookEvent::TrainingRecordApproved, &shown, change.now)
        .await?;
    change.commit(AuditAction::TrainingRecordApproved, &row.id, detail(&row)).await?;
    Ok(web::Json(shown))
}

/// 差戻し: the director returns a period with a reason; the resident is mailed (without the
/// reason, which is on their page) and corrects or deletes it.
#[utoipa::path(post, path = "/api/v1/training-records/{id}/return", tag = "training", request_body = ReturnRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Returned", body = TrainingRecordView),
        (status = 404, description = "No such period of the director's programs", body = Problem),
        (status = 409, description = "`record-not-awaiting-approval`", body = Problem),
        (status = 422, description = "`reason`: `required`, `too-long`, `invalid-characters`", body = Problem),
    ))]
pub async fn return_training_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<ReturnRequest>,
) -> Result<web::Json<TrainingRecordView>, ApiError> {
    let reason = Reason::parse(&body.reason)?;
    let change = Change::begin(&state, user, &[Role::Director]).await?;
    let (row, _) = directors(&change.tx, change.actor(), &id).await?;
    let status = row.status.send_back()?;
    let row = decide(&change.tx, row, status, Some(reason.as_str().to_owned()), change.now).await?;
    let shown = view(&change.tx, row.clone()).await?;
    let resident = crate::store::find_or_404::<resident::Entity>(&change.tx, &row.resident_id).await?;
    crate::mail::enqueue(
        &change.tx,
        &resident.email,
        &Mail::Workflow(WorkflowMail::TrainingRecordReturned),
        &state.settings.public_url,
        change.now,
    )
    .await?;
    change.commit(AuditAction::TrainingRecordReturned, &row.id, detail(&row)).await?;
    state.mail.wake();
    Ok(web::Json(shown))
}
