//! Webhooks to societies' systems, by the Standard Webhooks scheme: each delivery carries
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the signature an HMAC-SHA256
//! of `id.timestamp.body` with the endpoint's `whsec_` secret ([`signature`]). Deliveries are queued
//! in the transaction of the change they tell of ([`outbox`]) and sent by a worker ([`worker`]). The
//! secrets are sealed at rest.

pub mod outbox;
pub mod signature;
pub mod worker;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::webhook_endpoint;
use crate::sealing::SealingKey;

/// Seals the signing secrets still kept as they are (from before secrets were sealed): run at
/// start, so that a database upgraded in place holds none in clear. Answers how many.
pub async fn seal_kept_secrets(db: &DatabaseConnection, sealing: &SealingKey) -> Result<u64, sea_orm::DbErr> {
    let clear = webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Secret.starts_with(signature::SECRET_PREFIX))
        .all(db)
        .await?;
    let mut sealed = 0;
    for endpoint in clear {
        let kept = signature::seal(sealing, &endpoint.id, &endpoint.secret);
        // Only if it is still the clear one: another process may have sealed it meanwhile.
        let done = webhook_endpoint::Entity::update_many()
            .col_expr(webhook_endpoint::Column::Secret, Expr::value(kept))
            .filter(webhook_endpoint::Column::Id.eq(&endpoint.id))
            .filter(webhook_endpoint::Column::Secret.eq(&endpoint.secret))
            .exec(db)
            .await?;
        sealed += done.rows_affected;
    }
    Ok(sealed)
}
