//! The board's announcements (インフォメーション): read by audience (everyone, residents,
//! directors), written by the board.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use senkoi_domain::announcement::{
    Audience, English, parse_body, parse_english, parse_title, sees_scheduled,
};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::wire::{AnnouncementView, Page};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::announcement;
use crate::error::{ApiError, Problem};
use crate::ids::new_id;
use crate::paging::Paging;
use crate::state::AppState;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_announcements, list_announcements),
        endpoint(__path_create_announcement, create_announcement),
        endpoint(__path_update_announcement, update_announcement),
        endpoint(__path_withdraw_announcement, withdraw_announcement),
    ]
}

fn view(a: announcement::Model) -> AnnouncementView {
    AnnouncementView {
        id: a.id,
        title: a.title,
        body: a.body,
        title_en: a.title_en,
        body_en: a.body_en,
        audience: a.audience,
        published_at: a.published_at,
        updated_at: a.updated_at,
        withdrawn_at: a.withdrawn_at,
    }
}

/// Published announcements, newest first: those for everyone, and with a bearer token also those
/// for the caller's role (residents, directors; the board reads all, scheduled and withdrawn ones
/// too). A missing or invalid token reads as anyone.
#[utoipa::path(get, path = "/api/v1/announcements", tag = "announcements", params(Paging),
    security((), ("bearer" = [])),
    responses((status = 200, description = "Announcements the caller may read", body = Page<AnnouncementView>)))]
pub async fn list_announcements(
    state: web::Data<AppState>,
    reader: Option<AuthUser>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<AnnouncementView>>, ApiError> {
    let role = reader.map(|r| r.role);
    let audiences: Vec<&str> = Audience::readable_by(role).into_iter().map(Audience::code).collect();
    let mut select = announcement::Entity::find().filter(announcement::Column::Audience.is_in(audiences));
    if !sees_scheduled(role) {
        select = select
            .filter(announcement::Column::PublishedAt.lte(state.clock.now()))
            .filter(announcement::Column::WithdrawnAt.is_null());
    }
    let select = select.order_by_desc(announcement::Column::PublishedAt);
    Ok(web::Json(paging.fetch(&state.db, select, view).await?))
}

/// An announcement as the board writes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AnnouncementInput {
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")]
    pub title: String,
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// The English title; with `body_en`, or both absent or empty.
    #[schema(max_length = 200)]
    pub title_en: Option<String>,
    /// The English body; with `title_en`.
    #[schema(max_length = 10000)]
    pub body_en: Option<String>,
    pub audience: Audience,
    /// When it appears; now when absent (a later instant schedules it).
    #[schema(format = DateTime)]
    pub published_at: Option<DateTime<Utc>>,
}

/// The board publishes an announcement for everyone, residents or directors.
#[utoipa::path(post, path = "/api/v1/announcements", tag = "announcements", request_body = AnnouncementInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Published (or scheduled)", body = AnnouncementView),
        (status = 422, description = "`validation-failed` on `title`, `body`, `title_en` or `body_en` (`english-incomplete`: one without the other); `invalid-body` for an unknown audience", body = Problem),
    ))]
pub async fn create_announcement(
    state: web::Data<AppState>,
    user: AuthUser,
    input: Json<AnnouncementInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let text = Text::parse(&input)?;
    let change = Change::begin(&state, user.clone(), &[Role::Admin]).await?;
    let row = announcement::ActiveModel {
        id: Set(new_id()),
        title: Set(text.title),
        body: Set(text.body),
        title_en: Set(text.title_en),
        body_en: Set(text.body_en),
        audience: Set(input.audience),
        published_at: Set(input.published_at.unwrap_or(change.now)),
        created_by: Set(Some(user.id.clone())),
        updated_at: Set(None),
        withdrawn_at: Set(None),
    }
    .insert(&change.tx)
    .await?;
    let detail = serde_json::json!({"audience": row.audience});
    let id = row.id.clone();
    change.commit(AuditAction::AnnouncementCreated, &id, detail).await?;
    Ok(HttpResponse::Created().json(view(row)))
}

/// An announcement's texts, checked: the Japanese, and the English (both or neither), as stored.
struct Text {
    title: String,
    body: String,
    title_en: Option<String>,
    body_en: Option<String>,
}

impl Text {
    /// Every refusal of the input at once (422 by field).
    fn parse(input: &AnnouncementInput) -> Result<Text, ApiError> {
        let title = parse_title(&input.title);
        let body = parse_body(&input.body);
        let english = parse_english(input.title_en.as_deref(), input.body_en.as_deref());
        match (title, body, english) {
            (Ok(title), Ok(body), Ok(english)) => {
                let (title_en, body_en) =
                    english.map(|English { title, body }| (Some(title), Some(body))).unwrap_or_default();
                Ok(Text { title, body, title_en, body_en })
            }
            (title, body, english) => Err(ApiError::refusals(
                title.err().into_iter().chain(body.err()).chain(english.err().into_iter().flatten()),
            )),
        }
    }
}

/// The announcement `id` for a change by the board: 404 when there is none, 409
/// `announcement-withdrawn` when it was withdrawn (a withdrawn announcement is kept as it was).
async fn changeable(change: &Change, id: &str) -> Result<announcement::Model, ApiError> {
    let row = announcement::Entity::find_by_id(id.to_string())
        .one(&change.tx)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if row.withdrawn_at.is_some() {
        return Err(ApiError::conflict(
            "announcement-withdrawn",
            "このお知らせは取り下げ済みのため、変更できません。",
        ));
    }
    Ok(row)
}

/// The board edits an announcement: its texts (the English too), audience and instant. Audited
/// with what changed; readers see the new text at once, marked as edited.
#[utoipa::path(put, path = "/api/v1/announcements/{id}", tag = "announcements", request_body = AnnouncementInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Edited", body = AnnouncementView),
        (status = 404, description = "No such announcement", body = Problem),
        (status = 409, description = "`announcement-withdrawn`", body = Problem),
        (status = 422, description = "As for `POST /announcements`", body = Problem),
    ))]
pub async fn update_announcement(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    input: Json<AnnouncementInput>,
) -> Result<web::Json<AnnouncementView>, ApiError> {
    user.require(&[Role::Admin])?;
    let text = Text::parse(&input)?;
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = changeable(&change, &id).await?;
    let before = view(current.clone());
    let mut row: announcement::ActiveModel = current.into();
    row.title = Set(text.title);
    row.body = Set(text.body);
    row.title_en = Set(text.title_en);
    row.body_en = Set(text.body_en);
    row.audience = Set(input.audience);
    if let Some(at) = input.published_at {
        row.published_at = Set(at);
    }
    row.updated_at = Set(Some(change.now));
    let saved = row.update(&change.tx).await?;
    let detail = difference_without_texts(&before, &view(saved.clone()));
    change.commit(AuditAction::AnnouncementUpdated, &saved.id, detail).await?;
    Ok(web::Json(view(saved)))
}

/// What an edit changed, for the audit: the fields named, the audience and instant with their
/// values; the texts by name only (the log keeps no copy of them).
fn difference_without_texts(before: &AnnouncementView, after: &AnnouncementView) -> serde_json::Value {
    let texts = [
        ("title", before.title != after.title),
        ("body", before.body != after.body),
        ("title_en", before.title_en != after.title_en),
        ("body_en", before.body_en != after.body_en),
    ];
    let changed: Vec<&str> = texts.iter().filter(|(_, changed)| *changed).map(|(name, _)| *name).collect();
    let values = crate::audit::difference(
        &serde_json::json!({"audience": before.audience, "published_at": before.published_at}),
        &serde_json::json!({"audience": after.audience, "published_at": after.published_at}),
    );
    serde_json::json!({"texts_changed": changed, "before": values["before"], "after": values["after"]})
}

/// The board withdraws an announcement: nobody but the board reads it from now on; it is kept,
/// with the instant, for the record. Withdrawing it again is refused.
#[utoipa::path(post, path = "/api/v1/announcements/{id}/withdraw", tag = "announcements",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn", body = AnnouncementView),
        (status = 404, description = "No such announcement", body = Problem),
        (status = 409, description = "`announcement-withdrawn`: already withdrawn", body = Problem),
    ))]
pub async fn withdraw_announcement(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<AnnouncementView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let current = changeable(&change, &id).await?;
    let mut row: announcement::ActiveModel = current.into();
    row.withdrawn_at = Set(Some(change.now));
    let saved = row.update(&change.tx).await?;
    let detail = serde_json::json!({"audience": saved.audience});
    change.commit(AuditAction::AnnouncementWithdrawn, &saved.id, detail).await?;
    Ok(web::Json(view(saved)))
}
