//! The consultation desk (専攻医相談窓口): anyone files a confidential consultation, with or
//! without an account; only consultation officers read and answer it; the reporter follows the
//! answers with the private key they were given. For every other caller, the board's admin
//! included, the officers' routes do not exist (404).
//!
//! The words of a consultation are sealed before they reach the database ([`crate::sealing`]),
//! and go nowhere else: not to the audit log (whose details name the consultation only), not to
//! mail (officers are told that something arrived), not to the logs (the follow key travels in
//! request bodies, never in a path). An officer's read is audited.

use senkoi_domain::audit::AuditAction;
use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use senkoi_domain::Role;
use senkoi_domain::consultation::{
    ConsultationCategory, ConsultationStatus, ConsultationText, MessageAuthor,
};
use senkoi_domain::wire::{
    ConsultationFiled, ConsultationMessageRequest, ConsultationMessageView, ConsultationRequest,
    ConsultationSummary, ConsultationView, FollowMessageRequest, FollowRequest, Page,
};

use crate::audit;
use crate::auth::AuthUser;
use crate::body::Json;
use crate::client::Source;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{consultation, consultation_message, staff_user};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, random_token, token_hash};
use crate::mail::{Mail, WorkflowMail};
use crate::paging::Paging;
use crate::state::AppState;
use crate::throttle;

pub fn endpoints() -> Vec<Endpoint> {
    // The follow routes first: `/consultations/{id}` would take `follow` for an id.
    vec![
        endpoint(__path_follow_consultation, follow_consultation),
        endpoint(__path_follow_up_consultation, follow_up_consultation),
        endpoint(__path_file_consultation, file_consultation),
        endpoint(__path_consultation_inbox, consultation_inbox),
        endpoint(__path_read_consultation, read_consultation),
        endpoint(__path_answer_consultation, answer_consultation),
    ]
}

/// The signed-in consultation officer; for anyone else the route does not exist.
fn officer(user: &AuthUser) -> Result<&AuthUser, ApiError> {
    if user.role == Role::ConsultationOfficer { Ok(user) } else { Err(ApiError::not_found()) }
}

/// Writes one sealed message in the caller's transaction.
async fn add_message(
    tx: &impl ConnectionTrait,
    state: &AppState,
    consultation_id: &str,
    author: MessageAuthor,
    officer_id: Option<&str>,
    text: &ConsultationText,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let id = new_id();
    consultation_message::ActiveModel {
        sealed_body: Set(state.sealing.seal(text.as_str(), &id)),
        id: Set(id),
        consultation_id: Set(consultation_id.to_owned()),
        at: Set(now),
        author: Set(author),
        officer_id: Set(officer_id.map(str::to_owned)),
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// Tells every officer that something arrived on `consultation_id`, without a word of it; at
/// most once per consultation in a few minutes (the inbox shows what came after).
async fn tell_officers(
    tx: &impl ConnectionTrait,
    state: &AppState,
    consultation_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if !throttle::allow(tx, &state.throttles.officer_notice.on(consultation_id), now).await? {
        return Ok(());
    }
    let officers = staff_user::Entity::find()
        .filter(staff_user::Column::Role.eq(Role::ConsultationOfficer))
        .filter(staff_user::Column::DisabledAt.is_null())
        .all(tx)
        .await?;
    let mail = Mail::Workflow(WorkflowMail::ConsultationWaiting);
    for officer in officers {
        crate::mail::enqueue(tx, &officer.email, &mail, &state.settings.public_url, now).await?;
    }
    Ok(())
}

/// The consultation with its messages opened.
async fn view(
    db: &impl ConnectionTrait,
    state: &AppState,
    row: consultation::Model,
) -> Result<ConsultationView, ApiError> {
    let messages = consultation_message::Entity::find()
        .filter(consultation_message::Column::ConsultationId.eq(&row.id))
        .order_by_asc(consultation_message::Column::At)
        .order_by_asc(consultation_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let body = state
                .sealing
                .open(&m.sealed_body, &m.id)
                .ok_or_else(|| ApiError::Internal(format!("consultation message {} does not open", m.id)))?;
            Ok(ConsultationMessageView { at: m.at, author: m.author, body })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(ConsultationView {
        id: row.id,
        category: row.category,
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        messages,
    })
}

/// Marks who spoke last, in the caller's transaction.
async fn touch(
    tx: &impl ConnectionTrait,
    row: consultation::Model,
    by: MessageAuthor,
    now: DateTime<Utc>,
) -> Result<consultation::Model, ApiError> {
    let mut active: consultation::ActiveModel = row.into();
    active.status = Set(ConsultationStatus::after_message(by));
    active.updated_at = Set(now);
    Ok(active.update(tx).await?)
}

/// 相談する: files a confidential consultation, with or without an account (no name is asked).
/// The answer carries the private key to follow it, shown once; officers are mailed that a
/// consultation arrived, and nothing of what it says.
#[utoipa::path(post, path = "/api/v1/consultations", tag = "consultations", request_body = ConsultationRequest,
    responses(
        (status = 201, description = "Filed: keep the follow key", body = ConsultationFiled),
        (status = 422, description = "`category`: `unknown-consultation-category`; `body`: `required`, `too-long`, \
            `invalid-characters`", body = Problem),
        (status = 429, description = "`too-many-requests` from this source, with `Retry-After`", body = Problem),
    ))]
pub async fn file_consultation(
    state: web::Data<AppState>,
    source: Source,
    body: Json<ConsultationRequest>,
) -> Result<HttpResponse, ApiError> {
    let category = ConsultationCategory::parse(&body.category);
    let text = ConsultationText::parse(&body.body);
    let (category, text) = match (category, text) {
        (Ok(category), Ok(text)) => (category, text),
        (category, text) => {
            return Err(ApiError::refusals([category.err(), text.err()].into_iter().flatten()));
        }
    };
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.mail_from(&source)], now).await?;
    let follow_token = random_token(43);
    let tx = db::begin_write(&state.db).await?;
    let row = consultation::ActiveModel {
        id: Set(new_id()),
        category: Set(category),
        status: Set(ConsultationStatus::Open),
        follow_token_hash: Set(token_hash(&follow_token)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&tx)
    .await?;
    add_message(&tx, &state, &row.id, MessageAuthor::Reporter, None, &text, now).await?;
    tell_officers(&tx, &state, &row.id, now).await?;
    // Who filed is nobody's business: the event is the system's, with the category only.
    let detail = serde_json::json!({"category": category});
    audit::record(&tx, now, None, AuditAction::ConsultationFiled, &row.id, detail).await?;
    tx.commit().await?;
    state.mail.wake();
    let base = state.settings.public_url.trim_end_matches('/');
    Ok(HttpResponse::Created().json(ConsultationFiled {
        id: row.id,
        follow_url: format!("{base}/consultation/follow#{follow_token}"),
        follow_token,
    }))
}

/// The consultation a follow key opens; 404 for any other key.
async fn followed(db: &impl ConnectionTrait, token: &str) -> Result<consultation::Model, ApiError> {
    consultation::Entity::find()
        .filter(consultation::Column::FollowTokenHash.eq(token_hash(token.trim())))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The reporter reads their consultation and its answers with their follow key.
#[utoipa::path(post, path = "/api/v1/consultations/follow", tag = "consultations", request_body = FollowRequest,
    responses(
        (status = 200, description = "The consultation and its answers", body = ConsultationView),
        (status = 404, description = "No consultation has this key", body = Problem),
    ))]
pub async fn follow_consultation(
    state: web::Data<AppState>,
    body: Json<FollowRequest>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let row = followed(&state.db, &body.follow_token).await?;
    Ok(web::Json(view(&state.db, &state, row).await?))
}

/// The reporter adds to their consultation (a few messages an hour); the officers are told that
/// something arrived, once in a few minutes.
#[utoipa::path(post, path = "/api/v1/consultations/follow/messages", tag = "consultations",
    request_body = FollowMessageRequest,
    responses(
        (status = 200, description = "Added: the consultation and its messages", body = ConsultationView),
        (status = 404, description = "No consultation has this key", body = Problem),
        (status = 422, description = "`body`: `required`, `too-long`, `invalid-characters`", body = Problem),
        (status = 429, description = "`too-many-requests`: this consultation's messages for the hour, with `Retry-After`", body = Problem),
    ))]
pub async fn follow_up_consultation(
    state: web::Data<AppState>,
    body: Json<FollowMessageRequest>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let text = ConsultationText::parse(&body.body)?;
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let row = followed(&tx, &body.follow_token).await?;
    throttle::hit(&tx, &[state.throttles.follow_up.on(&row.id)], now).await?;
    add_message(&tx, &state, &row.id, MessageAuthor::Reporter, None, &text, now).await?;
    let row = touch(&tx, row, MessageAuthor::Reporter, now).await?;
    tell_officers(&tx, &state, &row.id, now).await?;
    audit::record(&tx, now, None, AuditAction::ConsultationFollowedUp, &row.id, serde_json::json!({}))
        .await?;
    let shown = view(&tx, &state, row).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(web::Json(shown))
}

/// The officers' inbox, a page at a time: every consultation, those waiting for an answer first,
/// without their words (opening one is a recorded read).
#[utoipa::path(get, path = "/api/v1/consultations", tag = "consultations", params(Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the consultations", body = Page<ConsultationSummary>),
        (status = 400, description = "`invalid-paging`", body = Problem),
        (status = 404, description = "Not a consultation officer", body = Problem),
    ))]
pub async fn consultation_inbox(
    state: web::Data<AppState>,
    user: AuthUser,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<ConsultationSummary>>, ApiError> {
    officer(&user)?;
    let select = consultation::Entity::find()
        // `open` sorts after `answered`: descending puts those that wait first.
        .order_by_desc(consultation::Column::Status)
        .order_by_desc(consultation::Column::UpdatedAt)
        .order_by_asc(consultation::Column::Id);
    let page = paging.fetch(&state.db, select, |row| row).await?;
    let rows = page.items;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut counts: HashMap<String, u32> = HashMap::new();
    let authors: Vec<String> = consultation_message::Entity::find()
        .select_only()
        .column(consultation_message::Column::ConsultationId)
        .filter(consultation_message::Column::ConsultationId.is_in(ids))
        .into_tuple()
        .all(&state.db)
        .await?;
    for id in authors {
        *counts.entry(id).or_default() += 1;
    }
    let items = rows
        .into_iter()
        .map(|r| ConsultationSummary {
            message_count: counts.get(&r.id).copied().unwrap_or(0),
            id: r.id,
            category: r.category,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(web::Json(Page { items, total: page.total, page: page.page, per_page: page.per_page }))
}

/// An officer reads a consultation; the read is audited (who, which, when).
#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "consultations", security(("bearer" = [])),
    responses(
        (status = 200, description = "The consultation and its messages", body = ConsultationView),
        (status = 404, description = "Not a consultation officer, or no such consultation", body = Problem),
    ))]
pub async fn read_consultation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    officer(&user)?;
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let row = crate::store::find_or_404::<consultation::Entity>(&tx, &id).await?;
    audit::record(&tx, now, Some(&user), AuditAction::ConsultationRead, &row.id, serde_json::json!({}))
        .await?;
    let shown = view(&tx, &state, row).await?;
    tx.commit().await?;
    Ok(web::Json(shown))
}

/// An officer answers; the reporter sees it through their follow key.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/messages", tag = "consultations",
    request_body = ConsultationMessageRequest, security(("bearer" = [])),
    responses(
        (status = 200, description = "Answered: the consultation and its messages", body = ConsultationView),
        (status = 404, description = "Not a consultation officer, or no such consultation", body = Problem),
        (status = 422, description = "`body`: `required`, `too-long`, `invalid-characters`", body = Problem),
    ))]
pub async fn answer_consultation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<ConsultationMessageRequest>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    officer(&user)?;
    let text = ConsultationText::parse(&body.body)?;
    let now = state.clock.now();
    let tx = db::begin_write(&state.db).await?;
    let row = crate::store::find_or_404::<consultation::Entity>(&tx, &id).await?;
    add_message(&tx, &state, &row.id, MessageAuthor::Officer, Some(&user.id), &text, now).await?;
    let row = touch(&tx, row, MessageAuthor::Officer, now).await?;
    audit::record(&tx, now, Some(&user), AuditAction::ConsultationAnswered, &row.id, serde_json::json!({}))
        .await?;
    let shown = view(&tx, &state, row).await?;
    tx.commit().await?;
    Ok(web::Json(shown))
}
