//! The limit a scenario is measured against: the same SQL work, done from this process at the
//! same concurrency without HTTP. It calls the API's own handlers as plain functions, on a
//! connection pool of the size a server process has, so every statement and transaction is the
//! server's, and what is left out is exactly the HTTP server: parsing, routing, the token check,
//! serialising the answer, the socket.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use actix_web::web;
use senkoi_api::auth::{JwtKeys, PasswordPool};
use senkoi_api::clock::Clock;
use senkoi_api::error::ApiError;
use senkoi_api::mail::MailSignal;
use senkoi_api::sealing::SealingKey;
use senkoi_api::settings::Settings;
use senkoi_api::state::{AppState, PublicFigures};
use senkoi_api::throttle::Throttles;

use crate::load::{Measured, Outcome, measure};

/// An in-process API state on `database_url`, its clock reading `clock_start` now. Its mail
/// signal wakes nobody: mail it queues waits in the outbox (the caller clears it).
pub async fn state(
    database_url: &str,
    clock_start: chrono::DateTime<chrono::Utc>,
) -> Result<web::Data<AppState>, String> {
    let db = senkoi_api::db::connect(database_url).await.map_err(|e| e.to_string())?;
    let settings = Settings {
        database_url: database_url.to_string(),
        bind: "127.0.0.1:0".into(),
        public_url: "http://127.0.0.1".into(),
        jwt_secret: crate::server::JWT_SECRET.into(),
        smtp_url: None,
        mail_dir: "var/mail".into(),
        mail_from: "noreply@bench.senkoi.localhost".into(),
        static_dir: None,
        clock_start: None,
        society_requests_per_minute: senkoi_api::settings::SOCIETY_REQUESTS_PER_MINUTE,
        webhooks_allow_local: false,
        demo: false,
        consultation_key: crate::server::CONSULTATION_KEY.into(),
        statistics_max_age: senkoi_api::settings::STATISTICS_MAX_AGE,
        trusted_proxies: Default::default(),
        login_failures_per_source: senkoi_api::throttle::LOGIN_FAILURES_PER_SOURCE,
        mail_requests_per_source: senkoi_api::throttle::MAIL_REQUESTS_PER_SOURCE,
    };
    Ok(web::Data::new(AppState {
        db,
        jwt: JwtKeys::new(&settings.jwt_secret),
        sealing: SealingKey::from_base64(&settings.consultation_key)?,
        passwords: PasswordPool::default(),
        throttles: Throttles::new(&settings),
        mail: MailSignal::default(),
        figures: PublicFigures::new(&settings),
        clock: Clock::starting_at(clock_start),
        settings,
    }))
}

/// Runs `work(i)` for every `i` in `0..jobs`, `concurrency` at a time; `expected` are the
/// problem codes that count as refusals.
pub async fn run<F, Fut>(
    concurrency: usize,
    jobs: usize,
    expected: &[&str],
    work: F,
) -> (Measured, Vec<Outcome>)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<serde_json::Value, ApiError>> + Send,
{
    let work = Arc::new(work);
    let next = Arc::new(AtomicUsize::new(0));
    let expected: Arc<Vec<String>> = Arc::new(expected.iter().map(|c| c.to_string()).collect());
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (work, next, expected) = (work.clone(), next.clone(), expected.clone());
        tasks.push(tokio::spawn(async move {
            let mut results = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= jobs {
                    break;
                }
                let sent = Instant::now();
                let outcome = match work(i).await {
                    Ok(value) => Outcome::Done(value),
                    Err(e) => classify(&e, &expected),
                };
                results.push((i, sent.elapsed().as_micros() as u64, outcome));
            }
            results
        }));
    }
    let mut all = Vec::with_capacity(jobs);
    for task in tasks {
        all.extend(task.await.unwrap_or_default());
    }
    finish(all, concurrency, started)
}

/// [`run`] for work whose futures cannot leave their thread (a handler that holds its
/// `HttpRequest`): the tasks share this thread; what they wait for (the database, the password
/// pool's blocking threads) still runs everywhere.
pub async fn run_local<F, Fut>(concurrency: usize, jobs: usize, work: F) -> (Measured, Vec<Outcome>)
where
    F: Fn(usize) -> Fut + 'static,
    Fut: Future<Output = Result<serde_json::Value, ApiError>>,
{
    let work = std::rc::Rc::new(work);
    let next = std::rc::Rc::new(std::cell::Cell::new(0usize));
    let started = Instant::now();
    let local = tokio::task::LocalSet::new();
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (work, next) = (work.clone(), next.clone());
        tasks.push(local.spawn_local(async move {
            let mut results = Vec::new();
            loop {
                let i = next.get();
                if i >= jobs {
                    break;
                }
                next.set(i + 1);
                let sent = Instant::now();
                let outcome = match work(i).await {
                    Ok(value) => Outcome::Done(value),
                    Err(e) => classify(&e, &[]),
                };
                results.push((i, sent.elapsed().as_micros() as u64, outcome));
            }
            results
        }));
    }
    let all = local
        .run_until(async move {
            let mut all = Vec::with_capacity(jobs);
            for task in tasks {
                all.extend(task.await.unwrap_or_default());
            }
            all
        })
        .await;
    finish(all, concurrency, started)
}

fn finish(
    mut all: Vec<(usize, u64, Outcome)>,
    concurrency: usize,
    started: Instant,
) -> (Measured, Vec<Outcome>) {
    let seconds = started.elapsed().as_secs_f64();
    all.sort_by_key(|(i, ..)| *i);
    let mut latencies: Vec<u64> = all.iter().map(|(_, micros, _)| *micros).collect();
    latencies.sort_unstable();
    let outcomes: Vec<Outcome> = all.into_iter().map(|(.., outcome)| outcome).collect();
    (measure(&latencies, &outcomes, concurrency, seconds), outcomes)
}

fn classify(error: &ApiError, expected: &[String]) -> Outcome {
    let code = match error {
        ApiError::Domain(e) => e.code().to_string(),
        ApiError::Plain { code, .. } | ApiError::Later { code, .. } => code.to_string(),
        other => return Outcome::Failed(other.to_string()),
    };
    if expected.contains(&code) { Outcome::Refused(code) } else { Outcome::Failed(code) }
}
