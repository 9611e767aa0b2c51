//! Applying (応募) and withdrawing (取下げ), and the resident's own view of their applications.
//! Every rule is the domain's (`check_can_apply`, `Application::withdraw`, `visible_status`); the
//! database's partial unique index keeps one live application per resident per round under any race.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryTrait, Set, SqlErr,
};
use senkoi_domain::DomainError;
use senkoi_domain::application::{
    Application, ApplicationStatus, PriorApplication, check_can_apply, receipt_number,
};
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
use crate::mail::{self, Mail, Receipt, RoundName};
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
        let status = state.visible_status(now, &self.schedule);
        Ok(ApplicationView {
            id: self.row.id.clone(),
            receipt_number: self.row.receipt_number.clone(),
            program_id: self.row.program_id.clone(),
            program_name: self.program_name.clone(),
            round_id: self.round.id.clone(),
            round_year: self.round.year,
            round_kind: self.round.kind,
            status,
            applied_at: self.row.applied_at,
            results_at: self.round.results_at,
            withdrawable: state.withdraw(now, &self.schedule).is_ok(),
            // A withdrawal is the row's last change.
            withdrawn_at: (status == ApplicationStatus::Withdrawn).then_some(self.row.updated_at),
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

/// The 409 for the unique rule a new application breaks when another holds neither its receipt
/// number ([`receipt_taken`], asked first) nor anything else unique: the one live application
/// per resident per round, against a racing request.
fn already_applied(error: DbErr) -> ApiError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::AlreadyAppliedInRound.into(),
        _ => error.into(),
    }
}

/// Whether the database refused a new application because another holds its receipt number:
/// the rare case in which a fresh one is drawn and the write tried again.
fn receipt_taken(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(message)) if message.contains("receipt"))
}

/// How many receipt numbers a new application tries before giving up: one in 10⁹ is drawn at
/// random (see [`receipt_number`]), so a second draw is already rare.
const RECEIPT_DRAWS: usize = 8;

fn no_free_receipt() -> ApiError {
    ApiError::Internal(format!("no free receipt number after {RECEIPT_DRAWS} draws"))
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
    later.add(audit::event(now, Some(actor), action.audit_action(), &row.id, detail));
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

/// A new application of `resident` to `program` in `round`, its receipt number made of `draw`,
/// and the rows it writes: its own first, then its history line, its audit event and a delivery
/// to each of `endpoints` (the societies' webhooks, [`outbox::subscribers`]). The caller has
/// checked that the resident may apply (or is the sandbox, which makes test applications).
#[allow(clippy::too_many_arguments)]
pub fn new_application(
    actor: &AuthUser,
    resident: &resident::Model,
    program: &program::Model,
    round: &round::Model,
    endpoints: &[String],
    draw: u64,
    now: DateTime<Utc>,
) -> Result<(application::Model, Inserts), ApiError> {
    let new = Application::new();
    let row = application::Model {
        id: new_id(),
        resident_id: resident.id.clone(),
        program_id: program.id.clone(),
        round_id: round.id.clone(),
        status: new.status(),
        decision: new.decision(),
        applied_at: now,
        receipt_number: receipt_number(round.year, round.kind, draw),
        updated_at: now,
    };
    let mut with = Inserts::default();
    with.add(row.clone().into_active_model().reset_all());
    with.add(history_line(&row, actor, ApplicationAction::Applied, now));
    let detail = serde_json::json!({"program_id": program.id, "round_id": round.id, "receipt_number": row.receipt_number});
    with.add(audit::event(now, Some(actor), ApplicationAction::Applied.audit_action(), &row.id, detail));
    let published = society_application(&row, resident.user_id.clone(), round, now)?;
    outbox::hold(&mut with, endpoints, WebhookEvent::ApplicationSubmitted, &published, now)?;
    Ok((row, with))
}

/// What the change of [`with_fresh_receipt`] makes: the application (with what its answer
/// needs) and the rows to write. Boxed, so that a handler's future stays `Send`.
pub type Made<'tx, T> = Pin<Box<dyn Future<Output = Result<(T, Inserts), ApiError>> + Send + 'tx>>;

/// Makes a new application in a write transaction of its own, all or none. `change` reads what
/// it needs in the transaction and answers what it made with the rows to write, the
/// application's first, under the receipt number it makes of the number drawn (see
/// [`receipt_number`]). The rows are [`Inserts`]: one statement on PostgreSQL, so the
/// application costs no round trip of its own. A receipt number another application holds fails
/// that write, and on PostgreSQL the transaction with it: the change is then made anew, in a fresh
/// transaction with a fresh draw. The one live application per resident per round is refused
/// (`already-applied-in-round`).
pub async fn with_fresh_receipt<T>(
    db: &DatabaseConnection,
    mut draw: impl FnMut() -> u64,
    mut change: impl for<'tx> FnMut(&'tx DatabaseTransaction, u64) -> Made<'tx, T>,
) -> Result<T, ApiError> {
    for _ in 0..RECEIPT_DRAWS {
        let tx = db::begin_write(db).await?;
        let (made, rows) = change(&tx, draw()).await?;
        match rows.write(&tx).await {
            Ok(()) => {
                tx.commit().await?;
                return Ok(made);
            }
            Err(error) if receipt_taken(&error) => {}
            Err(error) => return Err(already_applied(error)),
        }
    }
    Err(no_free_receipt())
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
    let now = state.clock.now();
    let full = with_fresh_receipt(&state.db, random_u64, |tx, draw| {
        let (state, user, request) = (state.clone(), user.clone(), request.clone());
        Box::pin(async move { application_of(tx, &state, &user, &request, draw, now).await })
    })
    .await?;
    state.mail.wake();
    Ok(HttpResponse::Created().json(full.view(now)?))
}

/// The resident's new application that `request` asks for, if they may make it, with the rows
/// it writes (its receipt number made of `draw`): [`apply`]'s change, read in `tx`.
async fn application_of(
    tx: &DatabaseTransaction,
    state: &AppState,
    user: &AuthUser,
    request: &ApplicationRequest,
    draw: u64,
    now: DateTime<Utc>,
) -> Result<(Full, Inserts), ApiError> {
    let (resident, history) = own_account_with_history(tx, user).await?;
    let (program, round) = program_and_round(tx, request).await?;
    let schedule = schedule_of(&round)?;
    let recruits = recruits_in(program.year, program.researcher_course, round.year, round.kind);
    check_can_apply(now, &schedule, resident.specialty, program.specialty, recruits, &history)?;
    let endpoints = outbox::subscribers(tx, program.specialty, WebhookEvent::ApplicationSubmitted).await?;
    let (row, mut rows) = new_application(user, &resident, &program, &round, &endpoints, draw, now)?;
    let full = Full { row, program_name: program.name, round, schedule };
    let mail = Mail::ApplicationReceived { receipt: full.receipt(now) };
    rows.add(mail::queued(&resident.email, &mail, &state.settings.public_url, now));
    Ok((full, rows))
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
