//! The webhook worker: sends due deliveries, signed by the Standard Webhooks scheme, and records
//! every attempt. A failure (no answer, or not 2xx) is retried with the domain's backoff until
//! [`MAX_ATTEMPTS`]; then the delivery is failed and waits for a replay. Rows are claimed with a
//! conditional update (a lease), so several server processes deliver each one once per attempt.
//!
//! Targets are checked at every attempt, not only when registered: the URL again, and every
//! address its name resolves to (a name may later point into the board's network), unless local
//! targets are allowed. Redirects are not followed.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use senkoi_domain::webhook::{MAX_ATTEMPTS, WebhookUrl, is_public_address, retry_delay};

use crate::background::Periodic;
use crate::clock::Clock;
use crate::entities::{webhook_attempt, webhook_delivery, webhook_endpoint};
use crate::ids::new_id;
use crate::webhooks::signature;

/// How often due deliveries are looked for.
const POLL: StdDuration = StdDuration::from_secs(1);
/// How long a claimed delivery is reserved for its sender: past the request's timeout.
const LEASE: Duration = Duration::seconds(60);
/// The longest a receiver may take to answer.
const TIMEOUT: StdDuration = StdDuration::from_secs(15);
const BATCH: u64 = 20;
/// The longest error text kept with an attempt.
const ERROR_MAX_CHARS: usize = 300;

/// Resolves names only to addresses that may receive webhooks.
struct PublicResolver {
    allow_local: bool,
}

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_local = self.allow_local;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> =
                found.into_iter().filter(|a| allow_local || is_public_address(a.ip())).collect();
            if allowed.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The HTTP client of the worker.
fn client(allow_local: bool) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .connect_timeout(StdDuration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Senkoi-Webhooks/1")
        .dns_resolver(Arc::new(PublicResolver { allow_local }))
        .build()
        .map_err(|e| format!("webhook client: {e}"))
}

struct Worker {
    db: DatabaseConnection,
    clock: Clock,
    http: reqwest::Client,
    allow_local: bool,
}

/// Starts delivering in the background.
pub fn spawn(db: DatabaseConnection, clock: Clock, allow_local: bool) -> Result<Periodic, String> {
    let worker = Arc::new(Worker { db, clock, http: client(allow_local)?, allow_local });
    Ok(Periodic::spawn(POLL, move || {
        let worker = worker.clone();
        async move { while worker.run_once().await == BATCH as usize {} }
    }))
}

/// What an attempt came to.
struct Outcome {
    status: Option<u16>,
    error: Option<String>,
}

impl Outcome {
    fn failed(error: impl Into<String>) -> Outcome {
        let mut error: String = error.into();
        if let Some((cut, _)) = error.char_indices().nth(ERROR_MAX_CHARS) {
            error.truncate(cut);
        }
        Outcome { status: None, error: Some(error) }
    }

    fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

impl Worker {
    /// Sends what is due now; answers how many deliveries it took on.
    async fn run_once(&self) -> usize {
        let now = self.clock.now();
        let due = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
            .order_by_asc(webhook_delivery::Column::NextAttemptAt)
            .limit(BATCH)
            .all(&self.db)
            .await;
        let due = match due {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "webhooks: cannot read the outbox");
                return 0;
            }
        };
        let count = due.len();
        for delivery in due {
            if self.claim(&delivery, now).await {
                self.deliver(delivery).await;
            }
        }
        count
    }

    /// Reserves `delivery` for this worker: only one of several racing workers gets it.
    async fn claim(&self, delivery: &webhook_delivery::Model, now: DateTime<Utc>) -> bool {
        let claimed = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(now + LEASE))
            .filter(webhook_delivery::Column::Id.eq(&delivery.id))
            .filter(webhook_delivery::Column::NextAttemptAt.eq(delivery.next_attempt_at))
            .exec(&self.db)
            .await;
        matches!(claimed, Ok(result) if result.rows_affected == 1)
    }

    async fn deliver(&self, delivery: webhook_delivery::Model) {
        let started = self.clock.now();
        let timer = std::time::Instant::now();
        let outcome =
            match webhook_endpoint::Entity::find_by_id(delivery.endpoint_id.clone()).one(&self.db).await {
                Ok(Some(endpoint)) if endpoint.deleted_at.is_none() => {
                    self.send(&endpoint, &delivery, started).await
                }
                Ok(_) => Outcome::failed("the endpoint was deleted"),
                Err(e) => Outcome::failed(format!("database: {e}")),
            };
        let duration_ms = i64::try_from(timer.elapsed().as_millis()).unwrap_or(i64::MAX);
        if let Err(e) = self.record(&delivery, &outcome, started, duration_ms).await {
            tracing::error!(error = %e, delivery = %delivery.id, "webhooks: cannot record the attempt");
        }
    }

    /// One signed POST of the delivery's payload.
    async fn send(
        &self,
        endpoint: &webhook_endpoint::Model,
        delivery: &webhook_delivery::Model,
        now: DateTime<Utc>,
    ) -> Outcome {
        // Parsing again refuses an address that is not public; the resolver refuses names that
        // lead to one.
        let url = match WebhookUrl::parse(&endpoint.url, self.allow_local) {
            Ok(url) => url,
            Err(e) => return Outcome::failed(format!("the URL is not allowed: {}", e.code())),
        };
        let timestamp = now.timestamp();
        let Ok(signature) =
            signature::sign(&endpoint.secret, &delivery.id, timestamp, delivery.payload.as_bytes())
        else {
            return Outcome::failed("the endpoint's secret does not decode");
        };
        let sent = self
            .http
            .post(url.as_str())
            .header("content-type", "application/json")
            .header("webhook-id", &delivery.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(delivery.payload.clone())
            .send()
            .await;
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let error = (!response.status().is_success()).then(|| format!("HTTP {status}"));
                Outcome { status: Some(status), error }
            }
            Err(e) => Outcome::failed(describe(&e)),
        }
    }

    /// Writes the attempt and what follows from it: delivered, retried later, or failed.
    async fn record(
        &self,
        delivery: &webhook_delivery::Model,
        outcome: &Outcome,
        at: DateTime<Utc>,
        duration_ms: i64,
    ) -> Result<(), sea_orm::DbErr> {
        let tx = crate::db::begin_write(&self.db).await?;
        webhook_attempt::ActiveModel {
            id: Set(new_id()),
            delivery_id: Set(delivery.id.clone()),
            at: Set(at),
            status: Set(outcome.status.map(i32::from)),
            error: Set(outcome.error.clone()),
            duration_ms: Set(duration_ms),
        }
        .insert(&tx)
        .await?;
        let attempts = delivery.attempts + 1;
        let now = self.clock.now();
        let mut row: webhook_delivery::ActiveModel = delivery.clone().into();
        row.attempts = Set(attempts);
        if outcome.delivered() {
            row.delivered_at = Set(Some(now));
            row.next_attempt_at = Set(None);
            tracing::info!(delivery = %delivery.id, attempts, "webhook delivered");
        } else if attempts >= MAX_ATTEMPTS {
            row.failed_at = Set(Some(now));
            row.next_attempt_at = Set(None);
            tracing::warn!(delivery = %delivery.id, attempts, error = ?outcome.error, "webhook given up");
        } else {
            row.next_attempt_at = Set(Some(now + retry_delay(attempts)));
            tracing::info!(delivery = %delivery.id, attempts, error = ?outcome.error, "webhook not delivered; will retry");
        }
        row.update(&tx).await?;
        tx.commit().await
    }
}

/// A send error in a line, with its causes (reqwest's own text says little).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
