//! Applying (応募) and withdrawing (取下げ), and the resident's own view of their applications.
//! Every rule is the domain's (`check_can_apply`, `Application::withdraw`, `visible_status`); the
//! database's partial unique index keeps one live application per resident per round under any race.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter, QueryTrait, Set, SqlErr,
    TryInsertResult, TryIntoModel,
};
use senkoi_domain::DomainError;
use senkoi_domain::application::{Application, PriorApplication, check_can_apply, receipt_number};
use senkoi_domain::program::recruits_in;
use senkoi_domain::round::RoundSchedule;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::{ApplicationRequest, ApplicationView, MyApplications};

use crate::audit;
use crate::auth::{AuthUser, Role};
use crate::db;
use crate::entities::{application, application_event, program, resident, round};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, random_u64};
use crate::inserts::Inserts;
use crate::mail::{Mail, Receipt, RoundName};
use crate::routes::find_or_404;
use crate::routes::residents::{applications_with_rounds, joined_round, own_account};
use crate::routes::rounds::schedule_of;
use crate::routes::society::feeds::society_application;
use crate::state::AppState;
use crate::stored::{ActorKind, ApplicationAction};
use crate::webhooks::outbox;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/applications").route(web::post().to(apply)))
        .service(web::resource("/applications/{id}/withdraw").route(web::post().to(withdraw)))
        .service(web::resource("/me/applications").route(web::get().to(my_applications)));
}

/// An application with what its views and mails need of its program and round.
struct Full {
    row: application::Model,
    program_name: String,
    round: round::Model,
    schedule: RoundSchedule,
}

impl Full {
    fn view(&self, now: DateTime<Utc>) -> Result<ApplicationView, ApiError> {
        let state = self.row.state()?;
        Ok(ApplicationView {
            id: self.row.id.clone(),
            receipt_number: self.row.receipt_number.clone(),
            program_id: self.row.program_id.clone(),
            program_name: self.program_name.clone(),
            round_id: self.round.id.clone(),
            round_year: self.round.year,
            round_kind: self.round.kind,
            status: state.visible_status(now, &self.schedule),
            applied_at: self.row.applied_at,
            results_at: self.round.results_at,
            withdrawable: state.withdraw(now, &self.schedule).is_ok(),
        })
    }

    fn receipt(&self, at: DateTime<Utc>) -> Receipt {
        Receipt {
            receipt_number: self.row.receipt_number.clone(),
            program_name: self.program_name.clone(),
            round: RoundName { year: self.round.year, kind: self.round.kind },
            at,
        }
    }
}

/// Every application of the resident with its program and round, newest first.
async fn applications_of(db: &impl ConnectionTrait, resident_id: &str) -> Result<Vec<Full>, ApiError> {
    let rows = applications_with_rounds(db, resident_id).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let program_ids: Vec<&str> = rows.iter().map(|(a, _, _)| a.program_id.as_str()).collect();
    let programs: HashMap<String, String> = program::Entity::find()
        .filter(program::Column::Id.is_in(program_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut full = rows
        .into_iter()
        .map(|(row, round, schedule)| {
            let program_name = programs
                .get(&row.program_id)
                .cloned()
                .ok_or_else(|| ApiError::Internal(format!("application {} lost its program", row.id)))?;
            Ok(Full { row, program_name, round, schedule })
        })
        .collect::<Result<Vec<Full>, ApiError>>()?;
    full.sort_by(|a, b| (b.row.applied_at, &b.row.id).cmp(&(a.row.applied_at, &a.row.id)));
    Ok(full)
}

/// The 409 for a unique rule the database enforced against a racing request: the one live
/// application per resident per round.
fn already_applied(error: DbErr) -> ApiError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) if !message.contains("receipt") => {
            DomainError::AlreadyAppliedInRound.into()
        }
        _ => error.into(),
    }
}

/// Inserts `row` with a fresh receipt number: `draw` (random in the server) decides it, and is
/// asked again in the rare case another application holds it (the unique index answers,
/// `ON CONFLICT DO NOTHING`, so the transaction goes on and no lookup precedes the insert). The
/// one live application per resident per round is a unique index of its own, which still
/// refuses a racing second application (`already-applied-in-round`).
pub async fn insert_with_receipt(
    db: &impl ConnectionTrait,
    row: application::ActiveModel,
    round: &round::Model,
    mut draw: impl FnMut() -> u64,
) -> Result<application::Model, ApiError> {
    const DRAWS: usize = 8;
    for _ in 0..DRAWS {
        let candidate = receipt_number(round.year, round.kind, draw());
        let attempt = application::ActiveModel { receipt_number: Set(candidate), ..row.clone() };
        // Without RETURNING (SQLite's driver would look the row up): every column is set here.
        let inserted = application::Entity::insert(attempt.clone())
            .on_conflict_do_nothing_on([application::Column::ReceiptNumber])
            .exec_without_returning(db)
            .await
            .map_err(already_applied)?;
        if matches!(inserted, TryInsertResult::Inserted(1)) {
            return Ok(attempt.try_into_model()?);
        }
    }
    Err(ApiError::Internal(format!("no free receipt number after {DRAWS} draws")))
}

/// One line of an application's history: `row` as it is after `action`.
fn history_line(
    row: &application::Model,
    actor: &AuthUser,
    action: ApplicationAction,
    at: DateTime<Utc>,
) -> application_event::ActiveModel {
    application_event::ActiveModel {
        id: Set(new_id()),
        application_id: Set(row.id.clone()),
        at: Set(at),
        actor_kind: Set(ActorKind::from(actor.role)),
        actor_id: Set(Some(actor.id.clone())),
        action: Set(action),
        status: Set(row.status),
        decision: Set(row.decision),
    }
}

/// Moves an application from the state it was read in to `after`, in the caller's transaction,
/// its history line and audit event held in `later`. Only from the state read: a row a racing
/// request changed meanwhile is left alone and the answer is 409 `invalid-transition`.
pub async fn transition(
    tx: &impl ConnectionTrait,
    later: &mut Inserts,
    actor: &AuthUser,
    row: application::Model,
    after: Application,
    action: ApplicationAction,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let before = row.state()?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, after.status().into())
        .col_expr(application::Column::Decision, after.decision().into())
        .col_expr(application::Column::UpdatedAt, now.into())
        .filter(application::Column::Id.eq(&row.id))
        .filter(application::Column::Status.eq(before.status()))
        .exec(tx)
        .await?;
    if updated.rows_affected != 1 {
        return Err(
            DomainError::InvalidTransition { from: before.status().code(), action: action.done() }.into()
        );
    }
    let row =
        application::Model { status: after.status(), decision: after.decision(), updated_at: now, ..row };
    later.add(history_line(&row, actor, action, now));
    let detail = serde_json::json!({
        "program_id": row.program_id,
        "round_id": row.round_id,
        "before": {"status": before.status(), "decision": before.decision()},
        "after": {"status": after.status(), "decision": after.decision()},
    });
    later.add(audit::event(now, Some(actor), action.audit_name(), "application", &row.id, detail));
    Ok(row)
}

/// The program or round a request names, or the field error that says it does not exist.
async fn named<E>(
    db: &impl ConnectionTrait,
    id: &str,
    field: &str,
    message: &str,
) -> Result<E::Model, ApiError>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<String>,
{
    let id = ApiError::require_text(field, id, 36)?;
    E::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| {
        ApiError::invalid(field, &format!("unknown-{}", field.trim_end_matches("_id")), message)
    })
}

/// Writes a new application of `resident` to `program` in `round` in the caller's transaction;
/// its history line, its audit event and the societies' webhooks are held in `later`. The caller
/// has checked that the resident may apply (or is the sandbox, which makes test applications).
pub async fn submit(
    tx: &impl ConnectionTrait,
    later: &mut Inserts,
    actor: &AuthUser,
    resident: &resident::Model,
    program: &program::Model,
    round: &round::Model,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    let new = Application::new();
    let row = application::ActiveModel {
        id: Set(new_id()),
        resident_id: Set(resident.id.clone()),
        program_id: Set(program.id.clone()),
        round_id: Set(round.id.clone()),
        status: Set(new.status()),
        decision: Set(new.decision()),
        applied_at: Set(now),
        receipt_number: NotSet,
        updated_at: Set(now),
    };
    let row = insert_with_receipt(tx, row, round, random_u64).await?;
    later.add(history_line(&row, actor, ApplicationAction::Applied, now));
    let detail = serde_json::json!({"program_id": program.id, "round_id": round.id, "receipt_number": row.receipt_number});
    later.add(audit::event(
        now,
        Some(actor),
        ApplicationAction::Applied.audit_name(),
        "application",
        &row.id,
        detail,
    ));
    let published = society_application(&row, resident.user_id.clone(), round, now)?;
    outbox::enqueue_into(tx, later, program.specialty, WebhookEvent::ApplicationSubmitted, &published, now)
        .await?;
    Ok(row)
}

/// The program and the round an application names, in one query (the two rows side by side);
/// when either is missing or malformed, the field error [`named`] gives, the program's first.
async fn program_and_round(
    db: &impl ConnectionTrait,
    request: &ApplicationRequest,
) -> Result<(program::Model, round::Model), ApiError> {
    let ids = (
        ApiError::require_text("program_id", &request.program_id, 36),
        ApiError::require_text("round_id", &request.round_id, 36),
    );
    if let (Ok(program_id), Ok(round_id)) = ids {
        let mut both = program::Entity::find_by_id(program_id.to_string()).select_also(round::Entity);
        QueryTrait::query(&mut both).from(round::Entity).and_where(round::Column::Id.eq(round_id));
        if let Some((program, Some(round))) = both.one(db).await? {
            return Ok((program, round));
        }
    }
    let program =
        named::<program::Entity>(db, &request.program_id, "program_id", "プログラムが見つかりません。")
            .await?;
    let round = named::<round::Entity>(db, &request.round_id, "round_id", "募集が見つかりません。").await?;
    Ok((program, round))
}

/// The signed-in resident's live account with every application they made, each with its
/// round's year and kind: what deciding whether they may apply needs, in one query.
async fn own_account_with_history(
    db: &impl ConnectionTrait,
    user: &AuthUser,
) -> Result<(resident::Model, Vec<PriorApplication>), ApiError> {
    user.require(&[Role::Resident])?;
    let rows = resident::Entity::find_by_id(user.id.clone())
        .filter(resident::Column::DeletedAt.is_null())
        .find_also_related(application::Entity)
        .find_also(application::Entity, round::Entity)
        .all(db)
        .await?;
    let mut history = Vec::with_capacity(rows.len());
    let mut account = None;
    for (resident, application, round) in rows {
        if let Some(application) = application {
            let (application, round) = joined_round(application, round)?;
            history.push(PriorApplication {
                round_year: round.year,
                round_kind: round.kind,
                status: application.status,
            });
        }
        account = Some(resident);
    }
    Ok((account.ok_or_else(ApiError::invalid_token)?, history))
}

/// 応募: apply to a program in a round, inside its application period. Over capacity is allowed.
/// Answers the application with its receipt number, and mails the receipt.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = ApplicationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Received: the application and its receipt number", body = ApplicationView),
        (status = 409, description = "`outside-application-period`, `already-applied-in-round`, `not-eligible`, \
            `specialty-mismatch` or `program-not-recruiting`", body = Problem),
        (status = 422, description = "`unknown-program` or `unknown-round`", body = Problem),
    ))]
pub async fn apply(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let tx = db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let (resident, history) = own_account_with_history(&tx, &user).await?;
    let (program, round) = program_and_round(&tx, &request).await?;
    let schedule = schedule_of(&round)?;
    let recruits = recruits_in(program.year, program.researcher_course, round.year, round.kind);
    check_can_apply(now, &schedule, resident.specialty, program.specialty, recruits, &history)?;

    let mut later = Inserts::default();
    let row = submit(&tx, &mut later, &user, &resident, &program, &round, now).await?;
    let full = Full { row, program_name: program.name, round, schedule };
    let view = full.view(now)?;
    let mail = Mail::ApplicationReceived { receipt: full.receipt(now) };
    state.write_mail_and_commit(tx, later, &resident.email, &mail, now).await?;
    Ok(HttpResponse::Created().json(view))
}

/// 取下げ: withdraw an application, only inside its round's application period (after it,
/// `withdrawal-closed`: the resident must contact the director). The resident may then apply
/// again in the same round.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "applications", security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn", body = ApplicationView),
        (status = 404, description = "No such application of this resident", body = Problem),
        (status = 409, description = "`withdrawal-closed` after the application period; \
            `invalid-transition` when it is not an open application", body = Problem),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let tx = db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let resident = own_account(&tx, &user).await?;
    let mut full = applications_of(&tx, &resident.id)
        .await?
        .into_iter()
        .find(|a| a.row.id == *id)
        .ok_or_else(ApiError::not_found)?;
    let before = full.row.state()?;
    let after = before.withdraw(now, &full.schedule)?;
    let mut later = Inserts::default();
    full.row = transition(&tx, &mut later, &user, full.row, after, ApplicationAction::Withdrawn, now).await?;
    let program = find_or_404::<program::Entity>(&tx, &full.row.program_id).await?;
    let published = society_application(&full.row, resident.user_id.clone(), &full.round, now)?;
    outbox::enqueue_into(
        &tx,
        &mut later,
        program.specialty,
        WebhookEvent::ApplicationWithdrawn,
        &published,
        now,
    )
    .await?;
    let view = full.view(now)?;
    let mail = Mail::WithdrawalConfirmed {
        receipt: full.receipt(now),
        application_ends_at: full.schedule.application.end,
    };
    state.write_mail_and_commit(tx, later, &resident.email, &mail, now).await?;
    Ok(web::Json(view))
}

/// The resident's applications as they may see them: the current (latest) one and the whole
/// history, newest first. A decision reads `applied` until its round's `results_at`.
#[utoipa::path(get, path = "/api/v1/me/applications", tag = "applications", security(("bearer" = [])),
    responses((status = 200, description = "Current application and history", body = MyApplications)))]
pub async fn my_applications(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MyApplications>, ApiError> {
    let now = state.clock.now();
    let resident: resident::Model = own_account(&state.db, &user).await?;
    let history = applications_of(&state.db, &resident.id)
        .await?
        .iter()
        .map(|a| a.view(now))
        .collect::<Result<Vec<ApplicationView>, ApiError>>()?;
    Ok(web::Json(MyApplications { current: history.first().cloned(), history }))
}
