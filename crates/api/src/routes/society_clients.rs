//! Societies' clients for the board: each society's own system reaches Senkoi's API as a client
//! of one specialty, with a `client_id` and secrets. A secret is shown once and kept only as its
//! hash; a second one can be added before the first is revoked, so a society rotates without
//! downtime. The board also watches each client's webhook endpoints and how their deliveries fare.

use actix_web::{HttpResponse, web};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::wire::{
    ClientSecretView, EndpointHealth, IssuedSecret, SocietyClientCreated, SocietyClientRequest,
    SocietyClientView,
};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{society_client, society_client_secret, webhook_delivery, webhook_endpoint};
use crate::error::{ApiError, Problem};
use crate::ids::{new_id, random_token, token_hash};
use crate::state::AppState;
use crate::store::find_or_404;
use crate::webhooks;

/// Characters of a secret: 43 × 6 bits ≈ 256 bits, so its SHA-256 is as safe to keep as a slow
/// password hash.
const SECRET_CHARS: usize = 43;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_clients, list_clients),
        endpoint(__path_create_client, create_client),
        endpoint(__path_revoke_client, revoke_client),
        endpoint(__path_client_endpoints, client_endpoints),
        endpoint(__path_add_secret, add_secret),
        endpoint(__path_revoke_secret, revoke_secret),
    ]
}

async fn view(
    db: &impl ConnectionTrait,
    client: society_client::Model,
) -> Result<SocietyClientView, ApiError> {
    let secrets = society_client_secret::Entity::find()
        .filter(society_client_secret::Column::SocietyClientId.eq(&client.id))
        .order_by_asc(society_client_secret::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| ClientSecretView { id: s.id, created_at: s.created_at, revoked_at: s.revoked_at })
        .collect();
    Ok(SocietyClientView {
        id: client.id,
        client_id: client.client_id,
        name: client.name,
        specialty: client.specialty,
        created_at: client.created_at,
        revoked_at: client.revoked_at,
        secrets,
    })
}

/// A new secret for `client`, in the caller's transaction; answers it in clear, this once.
async fn new_secret(change: &Change, client: &society_client::Model) -> Result<IssuedSecret, ApiError> {
    let secret = format!("scs_{}", random_token(SECRET_CHARS));
    let row = society_client_secret::ActiveModel {
        id: Set(new_id()),
        society_client_id: Set(client.id.clone()),
        secret_hash: Set(token_hash(&secret)),
        created_at: Set(change.now),
        revoked_at: Set(None),
    }
    .insert(&change.tx)
    .await?;
    Ok(IssuedSecret { client_id: client.client_id.clone(), secret_id: row.id, client_secret: secret })
}

/// The client `id` if it is not revoked (404 otherwise).
async fn live_client(db: &impl ConnectionTrait, id: &str) -> Result<society_client::Model, ApiError> {
    Some(find_or_404::<society_client::Entity>(db, id).await?)
        .filter(|c| c.revoked_at.is_none())
        .ok_or_else(ApiError::not_found)
}

/// Registers a society's client for one specialty; its first secret is in the answer, once.
#[utoipa::path(post, path = "/api/v1/society-clients", tag = "societies", request_body = SocietyClientRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `client_secret` is shown this once", body = SocietyClientCreated),
        (status = 422, description = "`validation-failed` on `name`", body = Problem),
    ))]
pub async fn create_client(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<SocietyClientRequest>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let name = parse_catalogue_name(&body.name)?;
    let client = society_client::ActiveModel {
        id: Set(new_id()),
        client_id: Set(format!("soc_{}", random_token(22))),
        name: Set(name),
        specialty: Set(body.specialty),
        created_at: Set(change.now),
        revoked_at: Set(None),
    }
    .insert(&change.tx)
    .await?;
    let secret = new_secret(&change, &client).await?;
    let created = SocietyClientCreated {
        client: view(&change.tx, client.clone()).await?,
        client_secret: secret.client_secret,
    };
    let detail = serde_json::json!({"specialty": client.specialty, "secret_id": secret.secret_id});
    change.commit(AuditAction::SocietyClientCreated, &client.id, detail).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The society clients, newest first, with their secrets' ids and dates (never the secrets).
#[utoipa::path(get, path = "/api/v1/society-clients", tag = "societies", security(("bearer" = [])),
    responses((status = 200, description = "Every client", body = Vec<SocietyClientView>)))]
pub async fn list_clients(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<Vec<SocietyClientView>>, ApiError> {
    user.require(&[Role::Admin])?;
    let clients = society_client::Entity::find()
        .order_by_desc(society_client::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut views = Vec::with_capacity(clients.len());
    for client in clients {
        views.push(view(&state.db, client).await?);
    }
    Ok(web::Json(views))
}

/// Adds a secret (rotation: the old one keeps working until it is revoked); shown this once.
#[utoipa::path(post, path = "/api/v1/society-clients/{id}/secrets", tag = "societies", security(("bearer" = [])),
    responses(
        (status = 201, description = "The new secret, shown this once", body = IssuedSecret),
        (status = 404, description = "No such live client", body = Problem),
    ))]
pub async fn add_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let client = live_client(&change.tx, &id).await?;
    let secret = new_secret(&change, &client).await?;
    let detail = serde_json::json!({"secret_id": secret.secret_id});
    change.commit(AuditAction::SocietyClientSecretAdded, &client.id, detail).await?;
    Ok(HttpResponse::Created().json(secret))
}

/// Revokes one secret: tokens can no longer be had with it, and those had with it stop working.
#[utoipa::path(delete, path = "/api/v1/society-clients/{id}/secrets/{secret_id}", tag = "societies",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such live secret of this client", body = Problem),
    ))]
pub async fn revoke_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, secret_id) = path.into_inner();
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let client = live_client(&change.tx, &id).await?;
    let revoked = society_client_secret::Entity::update_many()
        .col_expr(society_client_secret::Column::RevokedAt, Expr::value(change.now))
        .filter(society_client_secret::Column::Id.eq(&secret_id))
        .filter(society_client_secret::Column::SocietyClientId.eq(&client.id))
        .filter(society_client_secret::Column::RevokedAt.is_null())
        .exec(&change.tx)
        .await?;
    if revoked.rows_affected != 1 {
        return Err(ApiError::not_found());
    }
    let detail = serde_json::json!({"secret_id": secret_id});
    change.commit(AuditAction::SocietyClientSecretRevoked, &client.id, detail).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Revokes a client with all its secrets: its tokens stop working, its webhook endpoints are
/// removed and their pending deliveries cancelled (nothing more is sent to it).
#[utoipa::path(delete, path = "/api/v1/society-clients/{id}", tag = "societies", security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such live client", body = Problem),
    ))]
pub async fn revoke_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let client = live_client(&change.tx, &id).await?;
    let mut row: society_client::ActiveModel = client.clone().into();
    row.revoked_at = Set(Some(change.now));
    row.update(&change.tx).await?;
    society_client_secret::Entity::update_many()
        .col_expr(society_client_secret::Column::RevokedAt, Expr::value(change.now))
        .filter(society_client_secret::Column::SocietyClientId.eq(&client.id))
        .filter(society_client_secret::Column::RevokedAt.is_null())
        .exec(&change.tx)
        .await?;
    let cancelled = webhooks::outbox::close_client(&change.tx, &client.id, change.now).await?;
    let detail = serde_json::json!({"deliveries_cancelled": cancelled});
    change.commit(AuditAction::SocietyClientRevoked, &client.id, detail).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A client's live webhook endpoints with how their deliveries fare, for the board's watch over
/// the societies' integrations (never their secrets, never the payloads).
#[utoipa::path(get, path = "/api/v1/society-clients/{id}/webhook-endpoints", tag = "societies",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The client's live endpoints, oldest first", body = Vec<EndpointHealth>),
        (status = 403, description = "`forbidden`: not the board", body = Problem),
        (status = 404, description = "No such client", body = Problem),
    ))]
pub async fn client_endpoints(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<Vec<EndpointHealth>>, ApiError> {
    user.require(&[Role::Admin])?;
    let client = find_or_404::<society_client::Entity>(&state.db, &id).await?;
    let endpoints = crate::store::webhooks::live_endpoints_of_client(&client.id)
        .order_by_asc(webhook_endpoint::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut health = Vec::with_capacity(endpoints.len());
    for endpoint in &endpoints {
        let deliveries =
            || webhook_delivery::Entity::find().filter(webhook_delivery::Column::EndpointId.eq(&endpoint.id));
        let delivered = deliveries().filter(webhook_delivery::Column::DeliveredAt.is_not_null());
        let last_delivered_at = delivered
            .clone()
            .order_by_desc(webhook_delivery::Column::DeliveredAt)
            .one(&state.db)
            .await?
            .and_then(|d| d.delivered_at);
        health.push(EndpointHealth {
            endpoint: crate::store::webhooks::endpoint_view(&state.db, endpoint).await?,
            delivered: delivered.count(&state.db).await?,
            pending: deliveries()
                .filter(webhook_delivery::Column::NextAttemptAt.is_not_null())
                .count(&state.db)
                .await?,
            failed: deliveries()
                .filter(webhook_delivery::Column::FailedAt.is_not_null())
                .count(&state.db)
                .await?,
            last_delivered_at,
        });
    }
    Ok(web::Json(health))
}
