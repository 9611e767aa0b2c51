//! A society's webhook endpoints: registered, listed and deleted by its own system, each with
//! the events it wants and a signing secret shown once; the delivery log of each, and replay.

use actix_web::{HttpResponse, web};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::webhook::{WebhookUrl, parse_events};
use senkoi_domain::wire::{
    DeliveryState, Page, WebhookAttemptView, WebhookDeliveryView, WebhookEndpointCreated, WebhookEndpointView,
};
use serde::Deserialize;

use crate::audit::Change;
use crate::auth::Role;
use crate::auth::society::Society;
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{webhook_attempt, webhook_delivery, webhook_endpoint, webhook_subscription};
use crate::error::{ApiError, Problem};
use crate::ids::new_id;
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::webhooks::{endpoint_view, live_endpoints_of_client};
use crate::webhooks::signature;

/// Live endpoints a client may have.
pub const MAX_ENDPOINTS: u64 = 10;
/// The longest description of an endpoint.
const DESCRIPTION_MAX_CHARS: usize = 200;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_endpoints, list_endpoints),
        endpoint(__path_create_endpoint, create_endpoint),
        endpoint(__path_delete_endpoint, delete_endpoint),
        endpoint(__path_list_deliveries, list_deliveries),
        endpoint(__path_replay, replay),
    ]
}

/// `POST /society/webhook-endpoints`. Events are read as codes, so that an unknown one is a
/// refusal on its field.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointRequest {
    /// `https://…`; private, loopback and link-local targets are refused.
    #[schema(min_length = 1, max_length = 2000, example = "https://society.example.jp/senkoi/webhooks")]
    pub url: String,
    /// At least one.
    #[schema(value_type = Vec<senkoi_domain::webhook::WebhookEvent>, min_items = 1)]
    pub events: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub description: Option<String>,
}

/// The client's live endpoint `id` (404 for anyone else's).
async fn own_endpoint(
    db: &impl ConnectionTrait,
    society: &Society,
    id: &str,
) -> Result<webhook_endpoint::Model, ApiError> {
    live_endpoints_of(society)
        .filter(webhook_endpoint::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)
}

fn live_endpoints_of(society: &Society) -> sea_orm::Select<webhook_endpoint::Entity> {
    live_endpoints_of_client(&society.user.id)
}

/// Registers an endpoint for the chosen events; its `whsec_` signing secret (kept sealed at rest)
/// is in the answer,
/// this once.
#[utoipa::path(post, path = "/api/v1/society/webhook-endpoints", tag = "societies", request_body = EndpointRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered; `secret` is shown this once", body = WebhookEndpointCreated),
        (status = 403, description = "Not a society's token", body = Problem),
        (status = 409, description = "`too-many-endpoints`: ten live endpoints already", body = Problem),
        (status = 422, description = "`invalid-webhook-url`, `webhook-url-not-https`, `webhook-url-not-public` \
            on `url`; `required`, `unknown-webhook-event` on `events`; `too-long` on `description`", body = Problem),
    ))]
pub async fn create_endpoint(
    state: web::Data<AppState>,
    society: Society,
    body: Json<EndpointRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let url = WebhookUrl::parse(&request.url, state.settings.webhooks_allow_local);
    let events = parse_events(&request.events);
    let description = request.description.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
    if description.as_ref().is_some_and(|d| d.chars().count() > DESCRIPTION_MAX_CHARS) {
        return Err(ApiError::invalid("description", "too-long", "説明は200文字以内で入力してください。"));
    }
    let (url, events) = match (url, events) {
        (Ok(url), Ok(events)) => (url, events),
        (url, events) => return Err(ApiError::refusals(url.err().into_iter().chain(events.err()))),
    };
    let change = Change::begin(&state, society.user.clone(), &[Role::Society]).await?;
    let tx = &change.tx;
    if live_endpoints_of(&society).count(tx).await? >= MAX_ENDPOINTS {
        return Err(ApiError::conflict(
            "too-many-endpoints",
            "登録できるエンドポイントは10件までです。不要なものを削除してください。",
        ));
    }
    let (id, secret) = (new_id(), signature::new_secret());
    let endpoint = webhook_endpoint::ActiveModel {
        secret: Set(signature::seal(&state.sealing, &id, &secret)),
        id: Set(id),
        society_client_id: Set(society.user.id.clone()),
        url: Set(url.as_str().to_string()),
        description: Set(description),
        created_at: Set(change.now),
        deleted_at: Set(None),
    }
    .insert(tx)
    .await?;
    webhook_subscription::Entity::insert_many(events.iter().map(|event| webhook_subscription::ActiveModel {
        endpoint_id: Set(endpoint.id.clone()),
        event: Set(*event),
    }))
    .exec(tx)
    .await?;
    let view = endpoint_view(tx, &endpoint).await?;
    let detail = serde_json::json!({"url": endpoint.url, "events": view.events});
    change.commit(AuditAction::WebhookEndpointCreated, &endpoint.id, detail).await?;
    Ok(HttpResponse::Created().json(WebhookEndpointCreated { endpoint: view, secret }))
}

/// The client's live endpoints, oldest first (never their secrets).
#[utoipa::path(get, path = "/api/v1/society/webhook-endpoints", tag = "societies", security(("bearer" = [])),
    responses(
        (status = 200, description = "The live endpoints", body = Vec<WebhookEndpointView>),
        (status = 403, description = "Not a society's token", body = Problem),
    ))]
pub async fn list_endpoints(
    state: web::Data<AppState>,
    society: Society,
) -> Result<web::Json<Vec<WebhookEndpointView>>, ApiError> {
    let endpoints =
        live_endpoints_of(&society).order_by_asc(webhook_endpoint::Column::CreatedAt).all(&state.db).await?;
    let mut views = Vec::with_capacity(endpoints.len());
    for endpoint in &endpoints {
        views.push(endpoint_view(&state.db, endpoint).await?);
    }
    Ok(web::Json(views))
}

/// Deletes an endpoint: nothing more is sent to it; its log stays readable by the board.
#[utoipa::path(delete, path = "/api/v1/society/webhook-endpoints/{id}", tag = "societies", security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such live endpoint of this client", body = Problem),
    ))]
pub async fn delete_endpoint(
    state: web::Data<AppState>,
    society: Society,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, society.user.clone(), &[Role::Society]).await?;
    let endpoint = own_endpoint(&change.tx, &society, &id).await?;
    let mut row: webhook_endpoint::ActiveModel = endpoint.clone().into();
    row.deleted_at = Set(Some(change.now));
    row.update(&change.tx).await?;
    change.commit(AuditAction::WebhookEndpointDeleted, &endpoint.id, serde_json::json!({})).await?;
    Ok(HttpResponse::NoContent().finish())
}

fn delivery_view(
    delivery: webhook_delivery::Model,
    attempts: Vec<webhook_attempt::Model>,
) -> WebhookDeliveryView {
    let state = match (delivery.delivered_at, delivery.failed_at) {
        (Some(_), _) => DeliveryState::Delivered,
        (None, Some(_)) => DeliveryState::Failed,
        (None, None) => DeliveryState::Pending,
    };
    WebhookDeliveryView {
        id: delivery.id,
        endpoint_id: delivery.endpoint_id,
        event: delivery.event,
        state,
        created_at: delivery.created_at,
        next_attempt_at: delivery.next_attempt_at,
        payload: serde_json::from_str(&delivery.payload).unwrap_or(serde_json::Value::Null),
        attempts: attempts
            .into_iter()
            .map(|a| WebhookAttemptView {
                at: a.at,
                status: a.status.and_then(|s| u16::try_from(s).ok()),
                error: a.error,
                duration_ms: a.duration_ms,
            })
            .collect(),
    }
}

async fn attempts_of(
    db: &impl ConnectionTrait,
    delivery_id: &str,
) -> Result<Vec<webhook_attempt::Model>, ApiError> {
    Ok(webhook_attempt::Entity::find()
        .filter(webhook_attempt::Column::DeliveryId.eq(delivery_id))
        .order_by_asc(webhook_attempt::Column::At)
        .order_by_asc(webhook_attempt::Column::Id)
        .all(db)
        .await?)
}

/// The delivery log of an endpoint, newest first, each delivery with its attempts.
#[utoipa::path(get, path = "/api/v1/society/webhook-endpoints/{id}/deliveries", tag = "societies", params(Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deliveries", body = Page<WebhookDeliveryView>),
        (status = 404, description = "No such live endpoint of this client", body = Problem),
    ))]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    society: Society,
    id: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<WebhookDeliveryView>>, ApiError> {
    let endpoint = own_endpoint(&state.db, &society, &id).await?;
    let select = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(&endpoint.id))
        .order_by_desc(webhook_delivery::Column::CreatedAt)
        .order_by_desc(webhook_delivery::Column::Id);
    let page = paging.fetch(&state.db, select, |d| d).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for delivery in page.items {
        let attempts = attempts_of(&state.db, &delivery.id).await?;
        items.push(delivery_view(delivery, attempts));
    }
    Ok(web::Json(Page { items, total: page.total, page: page.page, per_page: page.per_page }))
}

/// Sends a delivery again, with the same `webhook-id` (a receiver that kept it drops the copy),
/// and a fresh set of attempts.
#[utoipa::path(post, path = "/api/v1/society/webhook-deliveries/{id}/replay", tag = "societies",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Queued again", body = WebhookDeliveryView),
        (status = 404, description = "No such delivery to a live endpoint of this client", body = Problem),
    ))]
pub async fn replay(
    state: web::Data<AppState>,
    society: Society,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, society.user.clone(), &[Role::Society]).await?;
    let delivery = webhook_delivery::Entity::find_by_id(id.to_string())
        .one(&change.tx)
        .await?
        .ok_or_else(ApiError::not_found)?;
    own_endpoint(&change.tx, &society, &delivery.endpoint_id).await?;
    let mut row: webhook_delivery::ActiveModel = delivery.into();
    row.attempts = Set(0);
    row.next_attempt_at = Set(Some(change.now));
    row.delivered_at = Set(None);
    row.failed_at = Set(None);
    let replayed = row.update(&change.tx).await?;
    let attempts = attempts_of(&change.tx, &replayed.id).await?;
    change.commit(AuditAction::WebhookDeliveryReplayed, &replayed.id, serde_json::json!({})).await?;
    Ok(HttpResponse::Accepted().json(delivery_view(replayed, attempts)))
}
