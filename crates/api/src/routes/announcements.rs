//! The board's announcements (インフォメーション): read by audience (everyone, residents,
//! directors), written by the board.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use senkoi_domain::announcement::{Audience, parse_body, parse_title, sees_scheduled};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::wire::{AnnouncementView, Page};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::entities::announcement;
use crate::error::{ApiError, Problem};
use crate::ids::new_id;
use crate::routes::Paging;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/announcements")
            .route(web::get().to(list_announcements))
            .route(web::post().to(create_announcement)),
    );
}

fn view(a: announcement::Model) -> AnnouncementView {
    AnnouncementView {
        id: a.id,
        title: a.title,
        body: a.body,
        audience: a.audience,
        published_at: a.published_at,
    }
}

/// Published announcements, newest first: those for everyone, and with a bearer token also those
/// for the caller's role (residents, directors; the board reads all, scheduled ones too). A
/// missing or invalid token reads as anyone.
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
        select = select.filter(announcement::Column::PublishedAt.lte(state.clock.now()));
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
        (status = 422, description = "`validation-failed` on `title` or `body`; `invalid-body` for an unknown audience", body = Problem),
    ))]
pub async fn create_announcement(
    state: web::Data<AppState>,
    user: AuthUser,
    input: web::Json<AnnouncementInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let title = parse_title(&input.title);
    let body = parse_body(&input.body);
    let (title, body) = match (title, body) {
        (Ok(title), Ok(body)) => (title, body),
        (title, body) => return Err(ApiError::refusals(title.err().into_iter().chain(body.err()))),
    };
    let change = Change::begin(&state, user.clone(), &[Role::Admin]).await?;
    let row = announcement::ActiveModel {
        id: Set(new_id()),
        title: Set(title),
        body: Set(body),
        audience: Set(input.audience),
        published_at: Set(input.published_at.unwrap_or(change.now)),
        created_by: Set(Some(user.id.clone())),
    }
    .insert(&change.tx)
    .await?;
    let detail = serde_json::json!({"audience": row.audience});
    let id = row.id.clone();
    change.commit(AuditAction::AnnouncementCreated, &id, detail).await?;
    Ok(HttpResponse::Created().json(view(row)))
}
