//! The board's announcements (インフォメーション) as everyone may read them.

use actix_web::web;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use senkoi_domain::wire::{AnnouncementView, Page};

use crate::entities::announcement;
use crate::error::ApiError;
use crate::routes::Paging;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/announcements").route(web::get().to(list_announcements)));
}

/// Published announcements for everyone, newest first. (Those for residents or directors only
/// are read through their own pages once signed in.)
#[utoipa::path(get, path = "/api/v1/announcements", tag = "announcements", params(Paging),
    responses((status = 200, body = Page<AnnouncementView>)))]
pub async fn list_announcements(
    state: web::Data<AppState>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<AnnouncementView>>, ApiError> {
    let select = announcement::Entity::find()
        .filter(announcement::Column::Audience.eq("all"))
        .filter(announcement::Column::PublishedAt.lte(state.clock.now()))
        .order_by_desc(announcement::Column::PublishedAt);
    Ok(web::Json(
        paging
            .fetch(&state.db, select, |a| AnnouncementView {
                id: a.id,
                title: a.title,
                body: a.body,
                audience: a.audience,
                published_at: a.published_at,
            })
            .await?,
    ))
}
