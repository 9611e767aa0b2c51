//! The webhook worker: sends due deliveries, signed by the Standard Webhooks scheme, and records
//! every attempt. A failure (no answer, or not 2xx) is retried with the domain's backoff until
//! [`MAX_ATTEMPTS`]; then the delivery is failed and waits for a replay. Rows are claimed with a
//! conditional update (a lease from the moment of the claim), so several server processes deliver
//! each one once per attempt.
//!
//! Deliveries go out concurrently, at most [`PER_ENDPOINT`] at a time to one endpoint, so that a
//! slow society (a receiver taking its whole timeout) delays nobody else's. An endpoint that fails
//! [`BREAKER_FAILURES`] times in a row has its circuit opened for [`BREAKER_OPEN`]: its deliveries
//! wait (their retries are not spent) instead of being sent to an endpoint that is down. Both are
//! kept by each process for itself.
//!
//! Targets are checked at every attempt, not only when registered: the URL again, and every
//! address its name resolves to (a name may later point into the board's network), unless local
//! targets are allowed. Redirects are not followed.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
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
use crate::sealing::SealingKey;
use crate::webhooks::signature;

/// How often due deliveries are looked for.
const POLL: StdDuration = StdDuration::from_secs(1);
/// How long a claimed delivery is reserved for its sender: past the request's timeout.
const LEASE: Duration = Duration::seconds(60);
/// The longest a receiver may take to answer.
const TIMEOUT: StdDuration = StdDuration::from_secs(15);
/// The most due deliveries looked at in one poll.
const BATCH: u64 = 100;
/// Deliveries in flight to one endpoint at once, from one process.
pub const PER_ENDPOINT: usize = 2;
/// Failures in a row that open an endpoint's circuit.
pub const BREAKER_FAILURES: u32 = 5;
/// How long an open circuit holds an endpoint's deliveries back.
pub const BREAKER_OPEN: Duration = Duration::minutes(5);
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
    /// Opens the endpoints' signing secrets.
    sealing: SealingKey,
    /// Each endpoint's deliveries in flight and circuit, in this process.
    endpoints: Mutex<HashMap<String, Circuit>>,
}

/// One endpoint as this process sees it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Circuit {
    in_flight: usize,
    failures: u32,
    open_until: Option<DateTime<Utc>>,
}

impl Circuit {
    /// Whether another delivery may start now.
    fn admits(&self, now: DateTime<Utc>) -> bool {
        self.in_flight < PER_ENDPOINT && self.open_until.is_none_or(|until| now >= until)
    }

    /// An attempt ended: a success closes the circuit, the failure that makes
    /// [`BREAKER_FAILURES`] in a row opens it (and after it reopens, one more failure does).
    fn ended(&mut self, delivered: bool, now: DateTime<Utc>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if delivered {
            self.failures = 0;
            self.open_until = None;
            return;
        }
        self.failures += 1;
        if self.failures >= BREAKER_FAILURES {
            self.open_until = Some(now + BREAKER_OPEN);
            self.failures = BREAKER_FAILURES - 1;
        }
    }
}

/// Starts delivering in the background.
pub fn spawn(
    db: DatabaseConnection,
    clock: Clock,
    allow_local: bool,
    sealing: SealingKey,
) -> Result<Periodic, String> {
    let endpoints = Mutex::default();
    let worker = Arc::new(Worker { db, clock, http: client(allow_local)?, allow_local, sealing, endpoints });
    Ok(Periodic::spawn(POLL, move || {
        let worker = worker.clone();
        async move {
            worker.run_once().await;
        }
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
    fn circuits(&self) -> std::sync::MutexGuard<'_, HashMap<String, Circuit>> {
        self.endpoints.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts sending what is due now, without waiting for the answers; answers how many
    /// deliveries it started.
    async fn run_once(self: &Arc<Self>) -> usize {
        let now = self.clock.now();
        // Endpoints that take nothing more now are left out of the query, so that their backlog
        // never hides another endpoint's deliveries.
        let blocked: Vec<String> =
            self.circuits().iter().filter(|(_, c)| !c.admits(now)).map(|(id, _)| id.clone()).collect();
        let due = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
            .filter(webhook_delivery::Column::EndpointId.is_not_in(blocked))
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
        let mut started = 0;
        for delivery in due {
            let endpoint = delivery.endpoint_id.clone();
            let admitted = {
                let mut circuits = self.circuits();
                let circuit = circuits.entry(endpoint.clone()).or_default();
                let admitted = circuit.admits(self.clock.now());
                if admitted {
                    circuit.in_flight += 1;
                }
                admitted
            };
            if !admitted {
                continue;
            }
            if !self.claim(&delivery).await {
                self.circuits().entry(endpoint).or_default().in_flight -= 1;
                continue;
            }
            started += 1;
            let worker = self.clone();
            tokio::spawn(async move {
                let delivered = worker.deliver(delivery).await;
                let now = worker.clock.now();
                let mut circuits = worker.circuits();
                let circuit = circuits.entry(endpoint.clone()).or_default();
                circuit.ended(delivered, now);
                if circuit.open_until.is_some_and(|until| until > now) && !delivered {
                    tracing::warn!(%endpoint, "webhooks: the endpoint keeps failing; its circuit is open");
                }
                if *circuit == Circuit::default() {
                    circuits.remove(&endpoint);
                }
            });
        }
        started
    }

    /// Reserves `delivery` for this worker from now: only one of several racing workers gets it.
    async fn claim(&self, delivery: &webhook_delivery::Model) -> bool {
        let now = self.clock.now();
        let claimed = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(now + LEASE))
            .filter(webhook_delivery::Column::Id.eq(&delivery.id))
            .filter(webhook_delivery::Column::NextAttemptAt.eq(delivery.next_attempt_at))
            .exec(&self.db)
            .await;
        matches!(claimed, Ok(result) if result.rows_affected == 1)
    }

    /// Sends `delivery` once and records the attempt; answers whether it was delivered.
    async fn deliver(&self, delivery: webhook_delivery::Model) -> bool {
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
        outcome.delivered()
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
        let Some(secret) = signature::open(&self.sealing, &endpoint.id, &endpoint.secret) else {
            return Outcome::failed("the endpoint's secret does not open with this server's key");
        };
        let Ok(signature) = signature::sign(&secret, &delivery.id, timestamp, delivery.payload.as_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn an_endpoint_takes_a_few_deliveries_at_once() {
        let mut circuit = Circuit::default();
        for _ in 0..PER_ENDPOINT {
            assert!(circuit.admits(at(0)));
            circuit.in_flight += 1;
        }
        assert!(!circuit.admits(at(0)), "at its cap");
        circuit.ended(true, at(1));
        assert!(circuit.admits(at(1)));
    }

    #[test]
    fn failures_in_a_row_open_the_circuit_for_a_while_and_a_success_closes_it() {
        let mut circuit = Circuit::default();
        for n in 1..BREAKER_FAILURES {
            circuit.in_flight += 1;
            circuit.ended(false, at(0));
            assert!(circuit.admits(at(0)), "{n} failures: still closed");
        }
        circuit.in_flight += 1;
        circuit.ended(false, at(0));
        assert!(!circuit.admits(at(0)), "open");
        let reopens = at(0) + BREAKER_OPEN;
        assert!(!circuit.admits(reopens - Duration::seconds(1)) && circuit.admits(reopens));
        circuit.in_flight += 1;
        circuit.ended(false, reopens);
        assert!(!circuit.admits(reopens), "one more failure after it reopens opens it again");
        circuit.in_flight += 1;
        circuit.ended(true, reopens + BREAKER_OPEN);
        assert_eq!(circuit, Circuit::default(), "a success forgets the failures");
    }
}
