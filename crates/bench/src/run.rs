//! The order of a run: data set, limits, servers, scenarios, checks, report.

use std::time::Instant;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait};
use senkoi_api::entities::resident;

use crate::checks::{self, Check};
use crate::dataset::{self, Dataset, Size};
use crate::load::{self, Job, Measured};
use crate::report::{Machine, Report, Row};
use crate::scenarios as sc;
use crate::server::{Server, ServerConfig};
use crate::smtp::Sink;
use crate::{Options, cpu, limit};

/// What a run collects.
pub(crate) struct Run {
    pub smoke: bool,
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    pub notes: Vec<String>,
}

impl Run {
    pub fn check(&mut self, check: Check) {
        eprintln!(
            "  check {}: {} ({})",
            if check.held { "held" } else { "FAILED" },
            check.name,
            check.detail
        );
        self.checks.push(check);
    }

    pub fn row(
        &mut self,
        name: &str,
        db: &str,
        servers: &[&Server],
        server: Measured,
        limit: Option<Measured>,
    ) {
        let peak = servers.iter().map(|s| s.peak_rss()).max().unwrap_or(0);
        if server.errors > 0 {
            eprintln!("  {name}: {} unexpected errors, e.g. {:?}", server.errors, server.error_examples);
        }
        self.rows.push(Row::new(name, db, servers.len(), server, peak, limit));
    }
}

async fn connect_small(url: &str) -> Result<DatabaseConnection, String> {
    let mut options = ConnectOptions::new(url);
    options.max_connections(4).sqlx_logging(false);
    Database::connect(options).await.map_err(|e| format!("{url}: {e}"))
}

/// A new, empty `senkoi_bench` database next to `admin_url`'s; answers its URL.
async fn fresh_postgres(admin_url: &str) -> Result<String, String> {
    let admin = connect_small(admin_url).await?;
    admin
        .execute_unprepared("DROP DATABASE IF EXISTS senkoi_bench WITH (FORCE)")
        .await
        .map_err(|e| e.to_string())?;
    admin.execute_unprepared("CREATE DATABASE senkoi_bench").await.map_err(|e| e.to_string())?;
    admin.close().await.map_err(|e| e.to_string())?;
    let (path, query) = admin_url.split_once('?').map_or((admin_url, None), |(p, q)| (p, Some(q)));
    let (base, _) = path.rsplit_once('/').ok_or("a PostgreSQL URL ends in /<database>")?;
    Ok(match query {
        Some(query) => format!("{base}/senkoi_bench?{query}"),
        None => format!("{base}/senkoi_bench"),
    })
}

/// Migrates `url` with the server's own migrations and loads the data set.
pub(crate) async fn prepare(
    url: &str,
    size: Size,
) -> Result<(DatabaseConnection, Dataset, Vec<String>), String> {
    let started = Instant::now();
    let migrated = senkoi_api::db::connect(url).await.map_err(|e| e.to_string())?;
    senkoi_api::db::migrate(&migrated).await.map_err(|e| e.to_string())?;
    migrated.close().await.map_err(|e| e.to_string())?;
    let db = connect_small(url).await?;
    let data = dataset::load(&db, size).await?;
    let ids = resident::Entity::find().all(&db).await.map_err(|e| e.to_string())?;
    let by_user: std::collections::HashMap<String, String> =
        ids.into_iter().map(|r| (r.user_id, r.id)).collect();
    let resident_ids = data.residents.iter().map(|r| by_user[&r.user_id].clone()).collect();
    eprintln!(
        "senkoi-bench: data set: {} programs at {} facilities, {} ceilings, {} residents, {} directors ({:.1} s)",
        data.programs.len(),
        data.facilities,
        data.ceilings,
        data.residents.len(),
        data.directors.len(),
        started.elapsed().as_secs_f64()
    );
    Ok((db, data, resident_ids))
}

/// Where the server's clock stands: a minute into the first round's application period (noon
/// JST), and a minute into its adjustment period (decisions).
pub(crate) fn noon_plus_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at + chrono::Duration::minutes(1)
}

/// Logs every login in over HTTP; answers the measures and the tokens in order.
pub(crate) async fn log_in(
    run: &mut Run,
    label: &str,
    servers: &[&Server],
    connections: usize,
    logins: &[String],
) -> (Measured, Vec<String>) {
    let jobs: Vec<Job> = logins.iter().map(|l| sc::login_job(l, None)).collect();
    log_in_jobs(run, label, servers, connections, jobs).await
}

/// The bench's board admin signed in at `server`, with their second factor's code at its clock.
pub(crate) async fn log_in_admin(run: &mut Run, server: &Server) -> (Measured, Vec<String>) {
    use crate::dataset::{ADMIN_EMAIL, ADMIN_TOTP_SECRET};
    let code = senkoi_api::second_factor::Authenticator::from_base32(ADMIN_TOTP_SECRET, ADMIN_EMAIL)
        .map(|app| app.code_at(server.clock_now()))
        .unwrap_or_default();
    let job = sc::login_job(ADMIN_EMAIL, Some(code));
    log_in_jobs(run, "board's login", &[server], 1, vec![job]).await
}

async fn log_in_jobs(
    run: &mut Run,
    label: &str,
    servers: &[&Server],
    connections: usize,
    jobs: Vec<Job>,
) -> (Measured, Vec<String>) {
    let urls: Vec<String> = servers.iter().map(|s| s.url.clone()).collect();
    servers.iter().for_each(|s| s.reset_peak());
    let count = jobs.len();
    let (measured, outcomes) = load::run(label, &urls, connections, jobs, &[]).await;
    let tokens: Vec<String> = outcomes.iter().map(|o| sc::token_of(o).unwrap_or_default()).collect();
    run.check(Check {
        name: format!("{label}: every login answered"),
        held: measured.errors == 0,
        detail: format!("{} of {count} signed in", measured.done),
    });
    (measured, tokens)
}

/// One rush: its name, the database's, the servers and how many connections.
pub(crate) struct Rush<'a> {
    pub label: &'a str,
    pub backend: &'a str,
    pub servers: &'a [&'a Server],
    pub connections: usize,
}

/// The rush: every resident applies once, all at once, over the connections split between the
/// servers; then the database is checked.
pub(crate) async fn rush(
    run: &mut Run,
    rush: Rush<'_>,
    db: &DatabaseConnection,
    data: &Dataset,
    tokens: &[String],
    limit: Option<Measured>,
) -> Result<(), String> {
    let urls: Vec<String> = rush.servers.iter().map(|s| s.url.clone()).collect();
    rush.servers.iter().for_each(|s| s.reset_peak());
    let jobs: Vec<Job> = (0..data.residents.len()).map(|i| sc::apply_job(data, i, &tokens[i])).collect();
    let pids: Vec<u32> = rush.servers.iter().map(|s| s.pid()).collect();
    let before = cpu::read(&pids);
    let (measured, _) = load::run(rush.label, &urls, rush.connections, jobs, &[]).await;
    let used =
        cpu::note(&format!("{} ({})", rush.label, rush.backend), before, cpu::read(&pids), measured.done);
    eprintln!("  {used}");
    run.notes.push(used);
    for check in checks::after_rush(db, rush.label, measured.done, data.residents.len()).await? {
        run.check(check);
    }
    run.row(rush.label, rush.backend, rush.servers, measured, limit);
    Ok(())
}

/// The limit of applying: every resident applies through the handler, then it is undone. Answers
/// the measures and where the CPU went.
pub(crate) async fn apply_limit(
    url: &str,
    db: &DatabaseConnection,
    data: &Dataset,
    ids: &[String],
    concurrency: usize,
) -> Result<(Measured, String), String> {
    let state =
        limit::state(url, data.first_round.application_starts_at + chrono::Duration::minutes(1)).await?;
    let requests: Vec<_> = (0..data.residents.len()).map(|i| sc::apply_request(data, i)).collect();
    let ids = ids.to_vec();
    let shared = state.clone();
    let before = cpu::read(&[]);
    let (measured, _) = limit::run(concurrency, requests.len(), &[], move |i| {
        sc::apply_direct(shared.clone(), ids[i].clone(), requests[i].clone())
    })
    .await;
    // The bench's own CPU here is the handlers', called as functions.
    let used =
        cpu::note(&format!("the limit of applying at {concurrency}"), before, cpu::read(&[]), measured.done);
    state.db.clone().close().await.map_err(|e| e.to_string())?;
    checks::reset_applications(db).await?;
    eprintln!(
        "  limit: apply at {concurrency}: {:.0}/s, p99 {:.1} ms, errors {}",
        measured.per_second, measured.p99_ms, measured.errors
    );
    eprintln!("  {used}");
    Ok((measured, used))
}

pub async fn all(options: Options) -> Result<bool, String> {
    let size = if options.smoke {
        Size { residents: 1_000, ceiling_cohort: 100, production_hashes: 16 }
    } else {
        Size { residents: 10_000, ceiling_cohort: 500, production_hashes: 200 }
    };
    let mut run = Run { smoke: options.smoke, rows: Vec::new(), checks: Vec::new(), notes: Vec::new() };
    let url = fresh_postgres(&options.postgres).await?;
    let (db, data, ids) = prepare(&url, size).await?;
    let version = db
        .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "SHOW server_version"))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get::<String>("", "server_version").ok())
        .map(|v| format!("PostgreSQL {v}"))
        .unwrap_or_else(|| "PostgreSQL".into());
    let (sink, smtp_url) = Sink::start().await?;
    let log_dir = std::env::temp_dir().join("senkoi-bench-logs");
    let config = ServerConfig {
        binary: options.server.clone(),
        database_url: url.clone(),
        smtp_url,
        log_dir: log_dir.clone(),
    };
    eprintln!("senkoi-bench: server logs in {}", log_dir.display());

    if options.rush_only {
        crate::phases::rush_only(&mut run, &config, &db, &data, &ids).await?;
        eprintln!("\n{}", crate::report::rows_markdown(&run.rows));
        return Ok(run.checks.iter().all(|c| c.held) && run.rows.iter().all(|r| r.server.errors == 0));
    }
    crate::phases::postgres(&mut run, &config, &db, &data, &ids, &sink).await?;
    if let Some(file) = &options.sqlite {
        crate::phases::sqlite(&mut run, &config, file, size).await?;
    }

    let report = Report {
        date: Utc::now().format("%Y-%m-%d").to_string(),
        mode: if options.smoke { "smoke" } else { "full" }.into(),
        machine: Machine::read(version),
        dataset: serde_json::json!({
            "specialties": 19, "prefectures": 47, "programs": data.programs.len(), "facilities": data.facilities,
            "ceilings": data.ceilings, "residents": data.residents.len(), "schedule": "2024 (seed 000)",
        }),
        targets: if options.smoke { Vec::new() } else { crate::phases::targets(&run.rows) },
        rows: run.rows,
        checks: run.checks,
        notes: run.notes,
    };
    eprintln!("\n{}", crate::report::markdown(&report));
    if let Some(dir) = &options.out {
        crate::report::write(&report, dir)?;
        eprintln!(
            "senkoi-bench: wrote {} and the table in {}",
            dir.join("bench.json").display(),
            dir.join("BENCHMARKS.md").display()
        );
    }
    let clean = report.checks.iter().all(|c| c.held) && report.rows.iter().all(|r| r.server.errors == 0);
    Ok(clean)
}
