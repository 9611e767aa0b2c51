//! The load generator: a fixed number of connections (one HTTP/1.1 keep-alive client each), split
//! between the servers given, working through a list of requests as fast as the servers answer,
//! with a progress line while it runs.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;

/// One request to make.
#[derive(Debug, Clone)]
pub struct Job {
    pub method: Method,
    pub path: String,
    pub token: Option<String>,
    pub body: Option<serde_json::Value>,
}

impl Job {
    pub fn get(path: impl Into<String>, token: Option<&str>) -> Job {
        Job { method: Method::GET, path: path.into(), token: token.map(str::to_string), body: None }
    }

    pub fn send(
        method: Method,
        path: impl Into<String>,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> Job {
        Job { method, path: path.into(), token: token.map(str::to_string), body: Some(body) }
    }
}

/// How one request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx, with the body.
    Done(serde_json::Value),
    /// A refusal the scenario expects, by its problem code (`ceiling-exceeded`).
    Refused(String),
    /// Anything else: a status with its problem code, or a transport error.
    Failed(String),
}

/// What a run measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Measured {
    pub requests: usize,
    pub connections: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub done: usize,
    pub refused: BTreeMap<String, usize>,
    pub errors: usize,
    /// Requests the server told to come back (503 `busy` with `Retry-After`), and were sent again.
    pub retried: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub error_examples: Vec<String>,
}

/// Runs `jobs` over `connections` connections spread over `servers` (base URLs); `expected` are
/// the problem codes that count as refusals rather than errors. Answers the measures and each
/// job's outcome, in the jobs' order.
pub async fn run(
    label: &str,
    servers: &[String],
    connections: usize,
    jobs: Vec<Job>,
    expected: &[&str],
) -> (Measured, Vec<Outcome>) {
    run_paced(label, servers, connections, jobs, expected, None).await
}

/// [`run`], with the `i`th request sent no earlier than `i / per_second` seconds after the start
/// when a pace is given (an open load below saturation, where latency is the service time rather
/// than the queue in front of it).
pub async fn run_paced(
    label: &str,
    servers: &[String],
    connections: usize,
    jobs: Vec<Job>,
    expected: &[&str],
    per_second: Option<f64>,
) -> (Measured, Vec<Outcome>) {
    let total = jobs.len();
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let retried = Arc::new(AtomicUsize::new(0));
    let expected: Arc<Vec<String>> = Arc::new(expected.iter().map(|c| c.to_string()).collect());
    let started = Instant::now();
    let progress = tokio::spawn(progress_line(label.to_string(), total, finished.clone(), failed.clone()));
    let mut workers = Vec::with_capacity(connections);
    for w in 0..connections {
        let base = servers[w % servers.len()].clone();
        let (jobs, next, finished, failed, expected, retried) =
            (jobs.clone(), next.clone(), finished.clone(), failed.clone(), expected.clone(), retried.clone());
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .http1_only()
                .timeout(Duration::from_secs(60))
                .build()
                .expect("a plain HTTP client builds");
            let mut results = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                if let Some(rate) = per_second {
                    let due = started + Duration::from_secs_f64(i as f64 / rate);
                    tokio::time::sleep_until(due.into()).await;
                }
                let sent = Instant::now();
                let (outcome, again) = perform_until_taken(&client, &base, job, &expected).await;
                retried.fetch_add(again, Ordering::Relaxed);
                let micros = sent.elapsed().as_micros() as u64;
                if matches!(outcome, Outcome::Failed(_)) {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                finished.fetch_add(1, Ordering::Relaxed);
                results.push((i, micros, outcome));
            }
            results
        }));
    }
    let mut all = Vec::with_capacity(total);
    for worker in workers {
        all.extend(worker.await.unwrap_or_default());
    }
    let seconds = started.elapsed().as_secs_f64();
    progress.abort();
    eprintln!();
    all.sort_by_key(|(i, ..)| *i);
    let mut latencies: Vec<u64> = all.iter().map(|(_, micros, _)| *micros).collect();
    latencies.sort_unstable();
    let outcomes: Vec<Outcome> = all.into_iter().map(|(.., outcome)| outcome).collect();
    let mut measured = measure(&latencies, &outcomes, connections, seconds);
    measured.retried = retried.load(Ordering::Relaxed);
    (measured, outcomes)
}

/// The most times one request is sent again after `busy`.
const MAX_RETRIES: usize = 30;

/// Sends `job`; when the server answers 503 `busy`, waits its `Retry-After` and sends it again,
/// as the SPA does. Answers the outcome and how many times it was sent again.
async fn perform_until_taken(
    client: &reqwest::Client,
    base: &str,
    job: &Job,
    expected: &[String],
) -> (Outcome, usize) {
    let mut again = 0;
    loop {
        match perform(client, base, job, expected).await {
            (Outcome::Failed(_), Some(wait)) if again < MAX_RETRIES => {
                again += 1;
                tokio::time::sleep(wait).await;
            }
            (outcome, _) => return (outcome, again),
        }
    }
}

pub fn measure(latencies: &[u64], outcomes: &[Outcome], connections: usize, seconds: f64) -> Measured {
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * latencies.len() as f64).ceil() as usize;
        latencies[rank.clamp(1, latencies.len()) - 1] as f64 / 1000.0
    };
    let mut refused = BTreeMap::new();
    let mut errors = 0;
    let mut error_examples = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Done(_) => {}
            Outcome::Refused(code) => *refused.entry(code.clone()).or_default() += 1,
            Outcome::Failed(why) => {
                errors += 1;
                if error_examples.len() < 5 {
                    error_examples.push(why.clone());
                }
            }
        }
    }
    Measured {
        requests: outcomes.len(),
        connections,
        seconds,
        per_second: outcomes.len() as f64 / seconds.max(1e-9),
        p50_ms: percentile(50.0),
        p95_ms: percentile(95.0),
        p99_ms: percentile(99.0),
        max_ms: percentile(100.0),
        done: outcomes.iter().filter(|o| matches!(o, Outcome::Done(_))).count(),
        refused,
        errors,
        retried: 0,
        error_examples,
    }
}

/// Sends `job` once; answers the outcome, and the wait the server asked for when it was busy.
async fn perform(
    client: &reqwest::Client,
    base: &str,
    job: &Job,
    expected: &[String],
) -> (Outcome, Option<Duration>) {
    let mut request = client.request(job.method.clone(), format!("{base}{}", job.path));
    if let Some(token) = &job.token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = &job.body {
        request = request.json(body);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => return (Outcome::Failed(format!("{} {}: {e}", job.method, job.path)), None),
    };
    let status = response.status();
    let retry_after = (status == reqwest::StatusCode::SERVICE_UNAVAILABLE)
        .then(|| response.headers().get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.parse::<u64>().ok())
        .flatten()
        .map(Duration::from_secs);
    let body: serde_json::Value = response.json().await.unwrap_or(serde_json::Value::Null);
    if status.is_success() {
        return (Outcome::Done(body), None);
    }
    let code = body.get("code").and_then(|c| c.as_str()).unwrap_or_default().to_string();
    if expected.contains(&code) {
        (Outcome::Refused(code), None)
    } else {
        (Outcome::Failed(format!("{} {}: {status} {code}", job.method, job.path)), retry_after)
    }
}

/// `\r  label  done/total  n req/s  errors e`, twice a second, on stderr.
async fn progress_line(label: String, total: usize, finished: Arc<AtomicUsize>, failed: Arc<AtomicU64>) {
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tick.tick().await;
        let done = finished.load(Ordering::Relaxed);
        let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-3);
        eprint!(
            "\r  {label:<34} {done:>6}/{total:<6} {rate:>7.0} req/s  errors {}   ",
            failed.load(Ordering::Relaxed)
        );
        let _ = std::io::stderr().flush();
    }
}
