//! The director's decisions (採否) in the adjustment period, one or many at once, and the
//! recording of a hired resident's decline (辞退). An acceptance never passes the program's
//! capacity or its cell's ceiling, even under concurrent decisions by many directors: the cells it
//! accepts into are locked before the hires are counted (see `cells`). Directors act only on their
//! own programs' applications; any other is 404.

use std::collections::{HashMap, HashSet};

use actix_web::web;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_domain::application::{Application, Decision};
use senkoi_domain::capacity::{Places, tally};
use senkoi_domain::wire::{BulkDecisionRequest, DecidedApplication, DecisionRequest};

use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::cells::{self, Cell};
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{application, program, round};
use crate::error::{ApiError, Problem};
use crate::inserts::Inserts;
use crate::state::AppState;
use crate::store::applications::{own_applications, transition};
use crate::stored::ApplicationAction;

/// The most decisions one bulk request may carry.
pub const MAX_BULK: usize = 500;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_decide_many, decide_many),
        endpoint(__path_decide_one, decide_one),
        endpoint(__path_decline, decline),
    ]
}

fn view(row: &application::Model) -> DecidedApplication {
    DecidedApplication {
        id: row.id.clone(),
        program_id: row.program_id.clone(),
        round_id: row.round_id.clone(),
        status: row.status,
        decision: row.decision,
        updated_at: row.updated_at,
    }
}

/// One change to write: the row as read, and its state after the decision.
struct Change {
    row: application::Model,
    before: Application,
    after: Application,
}

/// Decides every `(id, decision)` in one transaction: all or nothing.
async fn decide_all(
    state: &AppState,
    director: &AuthUser,
    decisions: Vec<(String, Option<Decision>)>,
) -> Result<Vec<DecidedApplication>, ApiError> {
    director.require(&[Role::Director])?;
    let ids: Vec<String> = decisions.iter().map(|(id, _)| id.clone()).collect();
    if ids.iter().collect::<HashSet<_>>().len() != ids.len() {
        return Err(ApiError::invalid(
            "decisions",
            "duplicate-application",
            "同じ応募が2回以上指定されています。",
        ));
    }
    let tx = db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let own = own_applications(&tx, director, &ids).await?;
    let round_ids: Vec<String> = own.iter().map(|(a, _)| a.round_id.clone()).collect();
    let rounds: HashMap<String, round::Model> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(&tx)
        .await?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let wanted: HashMap<String, Option<Decision>> = decisions.into_iter().collect();

    // Every transition by the domain's rules first.
    let mut changes = Vec::new();
    let mut programs: HashMap<String, program::Model> = HashMap::new();
    for (row, program) in own {
        let round = rounds
            .get(&row.round_id)
            .ok_or_else(|| ApiError::Internal(format!("no round {}", row.round_id)))?;
        let before = row.state()?;
        let decision = wanted[&row.id];
        let after = before.decide(now, &round.schedule()?, decision)?;
        programs.insert(program.id.clone(), program);
        changes.push(Change { row, before, after });
    }

    // Then the places: per program and per cell, what this request takes and frees, held to the
    // limits as they stand under the lock (a change of capacity takes it too).
    let per_program =
        tally(changes.iter().map(|c| (c.row.program_id.clone(), Places::of(&c.before, &c.after))));
    let mut cell_of: HashMap<String, Cell> = HashMap::new();
    for id in per_program.keys() {
        cell_of.insert(id.clone(), Cell::of(&tx, &programs[id]).await?);
    }
    let accepting: Vec<Cell> =
        per_program.iter().filter(|(_, places)| places.takes_any()).map(|(id, _)| cell_of[id]).collect();
    cells::lock(&tx, &accepting).await?;
    let capacities = cells::capacities(&tx, per_program.keys()).await?;
    for (id, places) in per_program.iter().filter(|(_, places)| places.takes_any()) {
        let capacity = capacities
            .get(id)
            .copied()
            .ok_or_else(|| ApiError::Internal(format!("program {id} has no capacity to decide under")))?;
        places.check_capacity(capacity, cells::program_hired(&tx, id).await?)?;
    }
    let per_cell = tally(per_program.iter().map(|(id, places)| (cell_of[id], *places)));
    for (cell, places) in per_cell.iter().filter(|(_, places)| places.takes_any()) {
        places.check_ceiling(cell.ceiling(&tx).await?, cell.hired(&tx).await?)?;
    }

    // Write, each from the state read: a decision raced by another changes nothing.
    let mut decided = Vec::with_capacity(changes.len());
    let mut later = Inserts::default();
    for change in changes {
        let row =
            transition(&tx, &mut later, director, change.row, change.after, ApplicationAction::Decided, now)
                .await?;
        decided.push(view(&row));
    }
    later.write(&tx).await?;
    tx.commit().await?;
    Ok(decided)
}

/// 採否: accept, reject, put on hold, or take the decision back (`null`), in the adjustment period.
/// An acceptance that would pass the program's capacity or the ceiling of its prefecture ×
/// specialty × year is refused with the figures (`limit`, `hired`, `requested`).
#[utoipa::path(put, path = "/api/v1/applications/{id}/decision", tag = "decisions", request_body = DecisionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = DecidedApplication),
        (status = 404, description = "No such application of the director's programs", body = Problem),
        (status = 409, description = "`outside-adjustment-period`, `capacity-exceeded`, `ceiling-exceeded` \
            (with `figures`), `invalid-transition`", body = Problem),
    ))]
pub async fn decide_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<DecisionRequest>,
) -> Result<web::Json<DecidedApplication>, ApiError> {
    let mut decided = decide_all(&state, &user, vec![(id.into_inner(), body.decision)]).await?;
    decided.pop().map(web::Json).ok_or_else(|| ApiError::Internal("no decision made".into()))
}

/// Many decisions at once, all or nothing: the request's acceptances are counted together
/// against each program's capacity and each cell's ceiling.
#[utoipa::path(put, path = "/api/v1/applications/decisions", tag = "decisions", request_body = BulkDecisionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All decided, in the order asked", body = Vec<DecidedApplication>),
        (status = 404, description = "One of them is no application of the director's programs", body = Problem),
        (status = 409, description = "As for one decision; nothing is written", body = Problem),
        (status = 422, description = "`duplicate-application`, or more than 500", body = Problem),
    ))]
pub async fn decide_many(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<BulkDecisionRequest>,
) -> Result<web::Json<Vec<DecidedApplication>>, ApiError> {
    let decisions = body.into_inner().decisions;
    if decisions.is_empty() || decisions.len() > MAX_BULK {
        return Err(ApiError::invalid("decisions", "invalid-count", "一度に登録できる採否は1〜500件です。"));
    }
    let decisions = decisions.into_iter().map(|d| (d.application_id, d.decision)).collect();
    Ok(web::Json(decide_all(&state, &user, decisions).await?))
}

/// 辞退: records that a hired resident declined, which frees the place. At any time.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decline", tag = "decisions", security(("bearer" = [])),
    responses(
        (status = 200, description = "Declined", body = DecidedApplication),
        (status = 404, description = "No such application of the director's programs", body = Problem),
        (status = 409, description = "`not-declinable`: only a hired application can be declined", body = Problem),
    ))]
pub async fn decline(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<DecidedApplication>, ApiError> {
    user.require(&[Role::Director])?;
    let tx = db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let (row, _) =
        own_applications(&tx, &user, &[id.into_inner()]).await?.pop().ok_or_else(ApiError::not_found)?;
    let after = row.state()?.decline()?;
    let mut later = Inserts::default();
    let row = transition(&tx, &mut later, &user, row, after, ApplicationAction::Declined, now).await?;
    later.write(&tx).await?;
    tx.commit().await?;
    Ok(web::Json(view(&row)))
}
