//! Applying (応募) and withdrawing (取下げ), and the resident's own view of their applications.
//! Every rule is the domain's (`check_can_apply`, `Application::withdraw`, `visible_status`); the
//! database's partial unique index keeps one live application per resident per round under any race.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryTrait};
use senkoi_domain::application::{ApplicationStatus, PriorApplication, check_can_apply};
use senkoi_domain::program::recruits_in;
use senkoi_domain::round::RoundSchedule;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::{ApplicationRequest, ApplicationView, MyApplications};

use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, program, resident, round};
use crate::error::{ApiError, Problem};
use crate::ids::random_u64;
use crate::inserts::Inserts;
use crate::mail::{self, Mail, Receipt, RoundName};
use crate::state::AppState;
use crate::store::applications::{
    NewApplication, new_application, no_free_receipt, receipt_draws, society_application, transition,
    write_new,
};
use crate::store::find_or_404;
use crate::store::residents::{applications_with_rounds, joined_round, own_account};
use crate::stored::ApplicationAction;
use crate::webhooks::outbox;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_apply, apply),
        endpoint(__path_withdraw, withdraw),
        endpoint(__path_my_applications, my_applications),
    ]
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
    body: Json<ApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    for draw in receipt_draws(random_u64) {
        let tx = db::begin_write(&state.db).await?;
        let (resident, history) = own_account_with_history(&tx, &user).await?;
        let (program, round) = program_and_round(&tx, &body).await?;
        let schedule = round.schedule()?;
        let recruits = recruits_in(program.year, program.researcher_course, round.year, round.kind);
        check_can_apply(now, &schedule, resident.specialty, program.specialty, recruits, &history)?;
        let endpoints =
            outbox::subscribers(&tx, program.specialty, WebhookEvent::ApplicationSubmitted).await?;
        let (row, mut rows) = new_application(&user, &resident, &program, &round, &endpoints, draw, now)?;
        let full = Full { row, program_name: program.name, round, schedule };
        let mail = Mail::ApplicationReceived { receipt: full.receipt(now) };
        rows.add(mail::queued(&resident.email, &mail, &state.settings.public_url, now));
        if write_new(tx, rows).await? == NewApplication::Written {
            state.mail.wake();
            return Ok(HttpResponse::Created().json(full.view(now)?));
        }
    }
    Err(no_free_receipt())
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
