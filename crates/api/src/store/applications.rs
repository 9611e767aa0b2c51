//! Applications in the database: the rows a new application writes, a move from one state to
//! another with its history line and audit event, a director's own applications, and an
//! application as its specialty's society sees it.
//!
//! A new application draws its receipt number at random (see [`receipt_number`]). A number
//! another application holds fails the write, and on PostgreSQL the transaction with it, so the
//! caller makes the application anew, in a fresh transaction, with the next of
//! [`receipt_draws`]:
//!
//! ```text
//! for draw in receipt_draws(random_u64) {
//!     let tx = db::begin_write(db).await?;
//!     // … read, check, build the rows with `draw` …
//!     if write_new(tx, rows).await? == NewApplication::Written { return Ok(…) }
//! }
//! Err(no_free_receipt())
//! ```

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, SqlErr,
};
use senkoi_domain::DomainError;
use senkoi_domain::application::{Application, receipt_number};
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::SocietyApplication;

use crate::audit;
use crate::auth::AuthUser;
use crate::entities::{application, application_event, program, program_director, resident, round};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::inserts::Inserts;
use crate::store::programs::programs_by_id;
use crate::stored::{ActorKind, ApplicationAction};
use crate::webhooks::outbox;

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
pub const RECEIPT_DRAWS: usize = 8;

pub fn no_free_receipt() -> ApiError {
    ApiError::Internal(format!("no free receipt number after {RECEIPT_DRAWS} draws"))
}

/// The receipt numbers a new application tries, drawn by `draw`: [`RECEIPT_DRAWS`] of them.
pub fn receipt_draws(mut draw: impl FnMut() -> u64) -> impl Iterator<Item = u64> {
    (0..RECEIPT_DRAWS).map(move |_| draw())
}

/// What [`write_new`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewApplication {
    /// Written and committed.
    Written,
    /// Another application holds the receipt number: nothing was written, and the change is to
    /// be made anew with the next draw.
    ReceiptTaken,
}

/// Writes a new application's rows ([`new_application`]'s, with what the caller added) and commits
/// `tx`: one statement on PostgreSQL, so the application costs no round trip of its own. The one
/// live application per resident per round is refused (`already-applied-in-round`).
pub async fn write_new(tx: DatabaseTransaction, rows: Inserts) -> Result<NewApplication, ApiError> {
    match rows.write(&tx).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(NewApplication::Written)
        }
        Err(error) if receipt_taken(&error) => Ok(NewApplication::ReceiptTaken),
        Err(error) => Err(already_applied(error)),
    }
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

/// The applications with these ids, each with its program, if every one belongs to a program the
/// director directs; 404 otherwise (never telling whether it exists).
pub async fn own_applications(
    db: &impl ConnectionTrait,
    director: &AuthUser,
    ids: &[String],
) -> Result<Vec<(application::Model, program::Model)>, ApiError> {
    let rows =
        application::Entity::find().filter(application::Column::Id.is_in(ids.to_vec())).all(db).await?;
    if rows.len() != ids.len() {
        return Err(ApiError::not_found());
    }
    let program_ids: Vec<String> = rows.iter().map(|a| a.program_id.clone()).collect();
    let directed: HashSet<String> = program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.eq(&director.id))
        .filter(program_director::Column::ProgramId.is_in(program_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.program_id)
        .collect();
    let programs = programs_by_id(db, program_ids).await?;
    let mut own = Vec::with_capacity(rows.len());
    for row in rows {
        let program = programs.get(&row.program_id).filter(|p| directed.contains(&p.id)).cloned();
        own.push((row, program.ok_or_else(ApiError::not_found)?));
    }
    // In the order asked, so that refusals name the first one in the request.
    own.sort_by_key(|(row, _)| ids.iter().position(|id| *id == row.id));
    Ok(own)
}

/// An application as its specialty's society sees it at `now`: the status as published.
pub fn society_application(
    row: &application::Model,
    user_id: String,
    round: &round::Model,
    now: DateTime<Utc>,
) -> Result<SocietyApplication, ApiError> {
    let schedule = round.schedule()?;
    Ok(SocietyApplication {
        id: row.id.clone(),
        receipt_number: row.receipt_number.clone(),
        resident_id: row.resident_id.clone(),
        user_id,
        program_id: row.program_id.clone(),
        round_id: row.round_id.clone(),
        round_year: round.year,
        round_kind: round.kind,
        status: row.state()?.visible_status(now, &schedule),
        results_published: schedule.results_published(now),
        results_at: round.results_at,
        applied_at: row.applied_at,
    })
}
