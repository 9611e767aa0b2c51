//! Societies' webhook endpoints in the database: a client's live ones, and one as the API shows it
//! (with the events it is subscribed to).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use senkoi_domain::wire::WebhookEndpointView;

use crate::entities::{webhook_endpoint, webhook_subscription};
use crate::error::ApiError;

/// An endpoint with the events it is subscribed to, as the API shows it.
pub async fn endpoint_view(
    db: &impl ConnectionTrait,
    endpoint: &webhook_endpoint::Model,
) -> Result<WebhookEndpointView, ApiError> {
    let mut events: Vec<_> = webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::EndpointId.eq(&endpoint.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.event)
        .collect();
    events.sort();
    Ok(WebhookEndpointView {
        id: endpoint.id.clone(),
        url: endpoint.url.clone(),
        events,
        description: endpoint.description.clone(),
        created_at: endpoint.created_at,
    })
}

/// The live endpoints of the client with this (internal) id.
pub fn live_endpoints_of_client(client: &str) -> sea_orm::Select<webhook_endpoint::Entity> {
    webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::SocietyClientId.eq(client))
        .filter(webhook_endpoint::Column::DeletedAt.is_null())
}
