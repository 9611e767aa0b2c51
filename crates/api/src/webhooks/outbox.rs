//! Queuing webhook deliveries: in the transaction of the change they tell of, one delivery for
//! each live endpoint of the specialty's live clients that subscribes to the event, so that a
//! change and its deliveries land together or not at all.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::webhook::WebhookEvent;

use crate::entities::{society_client, webhook_delivery, webhook_endpoint, webhook_subscription};
use crate::error::ApiError;
use crate::ids::random_token;
use crate::inserts::Inserts;

/// A new delivery id, the `webhook-id` header: `msg_` and 128 random bits.
pub fn new_message_id() -> String {
    format!("msg_{}", random_token(22))
}

/// The body of a delivery, as the Standard Webhooks scheme suggests: `{type, timestamp, data}`.
pub fn payload(event: WebhookEvent, now: DateTime<Utc>, data: serde_json::Value) -> String {
    serde_json::json!({
        "type": event.code(),
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "data": data,
    })
    .to_string()
}

/// Ends a revoked client's webhooks: its live endpoints are removed and their pending deliveries
/// cancelled (failed now, without another attempt). Answers how many were cancelled.
pub async fn close_client(
    tx: &impl ConnectionTrait,
    client_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let endpoints: Vec<String> = webhook_endpoint::Entity::find()
        .select_only()
        .column(webhook_endpoint::Column::Id)
        .filter(webhook_endpoint::Column::SocietyClientId.eq(client_id))
        .into_tuple()
        .all(tx)
        .await?;
    if endpoints.is_empty() {
        return Ok(0);
    }
    webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::DeletedAt, Expr::value(now))
        .filter(webhook_endpoint::Column::SocietyClientId.eq(client_id))
        .filter(webhook_endpoint::Column::DeletedAt.is_null())
        .exec(tx)
        .await?;
    let cancelled = webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(webhook_delivery::Column::FailedAt, Expr::value(now))
        .filter(webhook_delivery::Column::EndpointId.is_in(endpoints))
        .filter(webhook_delivery::Column::NextAttemptAt.is_not_null())
        .exec(tx)
        .await?;
    Ok(cancelled.rows_affected)
}

/// The live endpoints of `specialty`'s live clients that subscribe to `event`.
pub async fn subscribers(
    tx: &impl ConnectionTrait,
    specialty: Specialty,
    event: WebhookEvent,
) -> Result<Vec<String>, ApiError> {
    let clients: Vec<String> = society_client::Entity::find()
        .select_only()
        .column(society_client::Column::Id)
        .filter(society_client::Column::Specialty.eq(specialty))
        .filter(society_client::Column::RevokedAt.is_null())
        .into_tuple()
        .all(tx)
        .await?;
    if clients.is_empty() {
        return Ok(Vec::new());
    }
    let endpoints: Vec<String> = webhook_endpoint::Entity::find()
        .select_only()
        .column(webhook_endpoint::Column::Id)
        .filter(webhook_endpoint::Column::SocietyClientId.is_in(clients))
        .filter(webhook_endpoint::Column::DeletedAt.is_null())
        .into_tuple()
        .all(tx)
        .await?;
    if endpoints.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook_subscription::Entity::find()
        .select_only()
        .column(webhook_subscription::Column::EndpointId)
        .filter(webhook_subscription::Column::EndpointId.is_in(endpoints))
        .filter(webhook_subscription::Column::Event.eq(event))
        .into_tuple()
        .all(tx)
        .await?)
}

/// Queues `event` with `data` for every subscriber in `specialty`, in the caller's transaction;
/// answers how many deliveries it queued. The worker sends them after the commit.
pub async fn enqueue(
    tx: &impl ConnectionTrait,
    specialty: Specialty,
    event: WebhookEvent,
    data: &impl serde::Serialize,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let mut deliveries = Inserts::default();
    let queued = enqueue_into(tx, &mut deliveries, specialty, event, data, now).await?;
    deliveries.write(tx).await?;
    Ok(queued)
}

/// [`enqueue`], the deliveries held in `later` for the change to write with its other rows.
pub async fn enqueue_into(
    tx: &impl ConnectionTrait,
    later: &mut Inserts,
    specialty: Specialty,
    event: WebhookEvent,
    data: &impl serde::Serialize,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let endpoints = subscribers(tx, specialty, event).await?;
    hold(later, &endpoints, event, data, now)
}

/// Holds in `later` one delivery of `event` with `data` to each of `endpoints`, as
/// [`subscribers`] answered them; answers how many.
pub fn hold(
    later: &mut Inserts,
    endpoints: &[String],
    event: WebhookEvent,
    data: &impl serde::Serialize,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    if endpoints.is_empty() {
        return Ok(0);
    }
    let data = serde_json::to_value(data).map_err(|e| ApiError::Internal(format!("webhook data: {e}")))?;
    let body = payload(event, now, data);
    for endpoint_id in endpoints {
        later.add(webhook_delivery::ActiveModel {
            id: Set(new_message_id()),
            endpoint_id: Set(endpoint_id.clone()),
            event: Set(event),
            payload: Set(body.clone()),
            created_at: Set(now),
            attempts: Set(0),
            next_attempt_at: Set(Some(now)),
            delivered_at: Set(None),
            failed_at: Set(None),
        });
    }
    Ok(endpoints.len())
}
