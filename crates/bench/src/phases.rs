//! The scenarios in their order: on PostgreSQL every one of them, on SQLite the rush and the
//! reads for comparison; and the targets they are held to.

use std::collections::HashMap;
use std::path::Path;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use senkoi_api::entities::staff_user;

use crate::checks::{self, Check};
use crate::dataset::{Dataset, Size};
use crate::limit;
use crate::load::{self, Job};
use crate::report::{Row, Target};
use crate::run::{Run, Rush, apply_limit, log_in, noon_plus_minute, prepare, rush};
use crate::scenarios as sc;
use crate::server::{Server, ServerConfig};
use crate::smtp::Sink;

/// Connections for the reads and the first rush.
const CONNECTIONS: usize = 100;
/// Connections for the second rush, the scale-out and the acceptances.
pub(crate) const BURST: usize = 500;
/// Sign-ins at once with the production argon2 parameters: below the password pool's admission
/// (32 waiting per core), so that every one is answered rather than told to come back.
const LOGIN_CONNECTIONS: usize = 32;
/// How long the outbox may take to empty after a burst of mail.
const DRAIN_SECONDS: u64 = 900;

fn reads(smoke: bool) -> usize {
    if smoke { 500 } else { 5_000 }
}

/// The residents' user IDs, those with production hashes, and all.
fn logins(data: &Dataset, production: bool) -> Vec<String> {
    data.residents.iter().filter(|r| !production || r.production_hash).map(|r| r.user_id.clone()).collect()
}

pub async fn postgres(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
    ids: &[String],
    sink: &Sink,
) -> Result<(), String> {
    let url = &config.database_url;
    let opening = data.first_round.application_starts_at;
    // The limits of the writes first, while nothing else runs on the database.
    let login_limit = {
        let state = limit::state(url, opening).await?;
        let users = logins(data, true);
        let (measured, _) = limit::run_local(LOGIN_CONNECTIONS, users.len(), move |i| {
            sc::login_direct(state.clone(), users[i].clone())
        })
        .await;
        checks::forget_sessions(db).await?;
        measured
    };
    let (limit_100, used) = apply_limit(url, db, data, ids, CONNECTIONS).await?;
    run.notes.push(used);
    let (limit_500, _) = apply_limit(url, db, data, ids, BURST).await?;

    let a = open_the_round(run, config, db, data).await?;

    let (measured, _) =
        log_in(run, "login (production argon2)", &[&a], LOGIN_CONNECTIONS, &logins(data, true)).await;
    run.row("login (production argon2)", "postgres", &[&a], measured, Some(login_limit));
    let (measured, tokens) =
        log_in(run, "pre-login (light hashes)", &[&a], CONNECTIONS, &logins(data, false)).await;
    run.row("pre-login (light hashes)", "postgres", &[&a], measured, None);

    rush(
        run,
        Rush { label: "noon rush @100", backend: "postgres", servers: &[&a], connections: CONNECTIONS },
        db,
        data,
        &tokens,
        Some(limit_100),
    )
    .await?;
    checks::drain_mail(db, DRAIN_SECONDS).await?;
    checks::reset_applications(db).await?;
    rush(
        run,
        Rush { label: "noon rush @500", backend: "postgres", servers: &[&a], connections: BURST },
        db,
        data,
        &tokens,
        Some(limit_500),
    )
    .await?;
    checks::drain_mail(db, DRAIN_SECONDS).await?;

    reads_at_full_load(run, config, db, data, &a).await?;

    // Scale-out: two processes on one database, the connections split between them.
    checks::reset_applications(db).await?;
    sink.clear();
    let b = Server::start(config, a.clock_now(), "b").await?;
    // The access tokens of the first sign-in have lived their 15 minutes by now.
    let (_, tokens) =
        log_in(run, "sign-in again (light hashes)", &[&a, &b], CONNECTIONS, &logins(data, false)).await;
    rush(
        run,
        Rush {
            label: "noon rush @500, two servers",
            backend: "postgres",
            servers: &[&a, &b],
            connections: BURST,
        },
        db,
        data,
        &tokens,
        None,
    )
    .await?;
    checks::drain_mail(db, DRAIN_SECONDS).await?;
    let tally = sink.tally();
    let sent = checks::sent_mail(db).await?;
    run.check(Check {
        name: "two servers: every outbox mail sent exactly once".into(),
        held: tally.duplicated == 0 && tally.mails as u64 == sent && tally.deliveries == sent,
        detail: format!(
            "{sent} sent in the outbox; {} delivered to SMTP, {} distinct, {} more than once",
            tally.deliveries, tally.mails, tally.duplicated
        ),
    });
    a.stop();
    b.stop();

    crate::acceptances::run(run, config, db, data, ids).await
}

/// Noon: starts the server a minute after the first round opens; the round's opening notice
/// goes to every resident and is sent before the rush.
async fn open_the_round(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
) -> Result<Server, String> {
    let a = Server::start(config, noon_plus_minute(data.first_round.application_starts_at), "a").await?;
    let started = std::time::Instant::now();
    checks::opening_noticed(db, &data.first_round.id).await?;
    checks::drain_mail(db, DRAIN_SECONDS).await?;
    run.notes.push(format!(
        "The round's opening notice ({} mails) was sent in {:.1} s before the rush began.",
        checks::sent_mail(db).await?,
        started.elapsed().as_secs_f64()
    ));
    Ok(a)
}

/// Only the rush at 100 connections and its limit, with what precedes it (the opening notice
/// sent, every resident signed in): `--rush`, for trying a change to applying.
pub async fn rush_only(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
    ids: &[String],
) -> Result<(), String> {
    let (limit_100, used) = apply_limit(&config.database_url, db, data, ids, CONNECTIONS).await?;
    run.notes.push(used);
    let a = open_the_round(run, config, db, data).await?;
    let (_, tokens) = log_in(run, "pre-login (light hashes)", &[&a], CONNECTIONS, &logins(data, false)).await;
    let label = "noon rush @100";
    rush(
        run,
        Rush { label, backend: "postgres", servers: &[&a], connections: CONNECTIONS },
        db,
        data,
        &tokens,
        Some(limit_100),
    )
    .await?;
    a.stop();
    Ok(())
}

/// Search and detail, statistics and the applicant list, with every resident's application in.
async fn reads_at_full_load(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
    a: &Server,
) -> Result<(), String> {
    let url = &config.database_url;
    // The reads run on the 10,000 applications of the last rush, as counted by the planner.
    checks::settle(db).await?;
    let n = reads(run.smoke);
    let state = limit::state(url, data.first_round.application_starts_at).await?;

    let queries: Vec<sc::Browse> = (0..n).map(|i| sc::browse_query(data, i)).collect();
    let jobs: Vec<Job> = queries.iter().map(sc::browse_job).collect();
    let shared = state.clone();
    let (limit, _) =
        limit::run(CONNECTIONS, n, &[], move |i| sc::browse_direct(shared.clone(), queries[i].clone())).await;
    saturated_and_paced(run, a, "search and detail", jobs, limit).await;

    let jobs: Vec<Job> = (0..n).map(sc::statistics_job).collect();
    let shared = state.clone();
    let (limit, _) = limit::run(CONNECTIONS, n, &[], move |i| sc::statistics_direct(shared.clone(), i)).await;
    saturated_and_paced(run, a, "prefecture statistics", jobs, limit).await;

    // The busiest program's director.
    let mut per_program: HashMap<&str, usize> = HashMap::new();
    data.residents.iter().for_each(|r| *per_program.entry(r.program_id.as_str()).or_default() += 1);
    let (email, programs) = data
        .directors
        .iter()
        .max_by_key(|(_, p)| per_program.get(p[0].as_str()).copied().unwrap_or(0))
        .ok_or("no directors")?;
    let program_id = programs[0].clone();
    let (_, tokens) = log_in(run, "director's login", &[a], 1, std::slice::from_ref(email)).await;
    let director_id = staff_id(db, email).await?;
    let jobs: Vec<Job> = (0..n).map(|_| sc::applicants_job(&program_id, &tokens[0])).collect();
    let shared = (state.clone(), director_id, program_id.clone());
    let (limit, _) = limit::run(CONNECTIONS, n, &[], move |_| {
        sc::applicants_direct(shared.0.clone(), shared.1.clone(), shared.2.clone())
    })
    .await;
    let label =
        format!("applicant list ({} applicants)", per_program.get(program_id.as_str()).copied().unwrap_or(0));
    saturated_and_paced(run, a, &label, jobs, limit).await;
    state.db.clone().close().await.map_err(|e| e.to_string())
}

/// A read scenario twice at 100 connections: as fast as the server answers (its throughput; the
/// latency is then mostly the queue, connections ÷ throughput), and paced at half that rate (the
/// latency a user sees while the server carries a heavy load it can keep up with).
async fn saturated_and_paced(
    run: &mut Run,
    a: &Server,
    label: &str,
    jobs: Vec<Job>,
    limit: crate::load::Measured,
) {
    a.reset_peak();
    let (saturated, _) = load::run(label, std::slice::from_ref(&a.url), CONNECTIONS, jobs.clone(), &[]).await;
    let rate = (saturated.per_second / 2.0).floor().max(1.0);
    run.row(label, "postgres", &[a], saturated, Some(limit));
    a.reset_peak();
    let paced_label = format!("{label}, paced at {rate:.0}/s");
    let (paced, _) =
        load::run_paced(&paced_label, std::slice::from_ref(&a.url), CONNECTIONS, jobs, &[], Some(rate)).await;
    run.row(&paced_label, "postgres", &[a], paced, None);
}

pub(crate) async fn staff_id(db: &DatabaseConnection, email: &str) -> Result<String, String> {
    staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .map(|s| s.id)
        .ok_or_else(|| format!("no staff user {email}"))
}

/// The rush and the reads again on SQLite, for comparison.
pub async fn sqlite(run: &mut Run, config: &ServerConfig, file: &Path, size: Size) -> Result<(), String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let (db, data, ids) = prepare(&url, size).await?;
    let (limit, _) = apply_limit(&url, &db, &data, &ids, CONNECTIONS).await?;
    let config = ServerConfig { database_url: url.clone(), ..config.clone() };
    let opening = data.first_round.application_starts_at;
    let s = Server::start(&config, noon_plus_minute(opening), "sqlite").await?;
    checks::opening_noticed(&db, &data.first_round.id).await?;
    checks::drain_mail(&db, DRAIN_SECONDS).await?;
    let (_, tokens) = log_in(run, "pre-login (SQLite)", &[&s], CONNECTIONS, &logins(&data, false)).await;
    rush(
        run,
        Rush { label: "noon rush @100", backend: "sqlite", servers: &[&s], connections: CONNECTIONS },
        &db,
        &data,
        &tokens,
        Some(limit),
    )
    .await?;

    let n = reads(run.smoke);
    let state = limit::state(&url, opening).await?;
    let queries: Vec<sc::Browse> = (0..n).map(|i| sc::browse_query(&data, i)).collect();
    let jobs: Vec<Job> = queries.iter().map(sc::browse_job).collect();
    let (limit, _) =
        limit::run(CONNECTIONS, n, &[], move |i| sc::browse_direct(state.clone(), queries[i].clone())).await;
    s.reset_peak();
    let (measured, _) =
        load::run("search and detail (SQLite)", std::slice::from_ref(&s.url), CONNECTIONS, jobs, &[]).await;
    run.row("search and detail", "sqlite", &[&s], measured, Some(limit));
    s.stop();
    Ok(())
}

fn find<'a>(rows: &'a [Row], scenario: &str) -> Option<&'a Row> {
    rows.iter().find(|r| r.database == "postgres" && r.scenario.starts_with(scenario))
}

/// The targets, against this run's rows.
pub fn targets(rows: &[Row]) -> Vec<Target> {
    let mut out = Vec::new();
    for name in ["noon rush @100", "noon rush @500"] {
        if let Some(r) = find(rows, name) {
            out.push(Target {
                target: format!("{name}: every application received, 0 errors, under 10 s"),
                measured: format!(
                    "{} received, {} errors, {:.1} s",
                    r.server.done, r.server.errors, r.server.seconds
                ),
                met: r.server.errors == 0 && r.server.seconds < 10.0,
            });
        }
    }
    if let Some(r) = find(rows, "noon rush @100") {
        let ratio = r.ratio.unwrap_or(0.0);
        out.push(Target {
            target: "noon rush @100: at least 0.5 of the limit".into(),
            measured: format!("{ratio:.2}"),
            met: ratio >= 0.5,
        });
        out.push(Target {
            target: "noon rush @100: p99 under 100 ms".into(),
            measured: format!("{:.1} ms", r.server.p99_ms),
            met: r.server.p99_ms < 100.0,
        });
    }
    for name in ["search and detail", "prefecture statistics", "applicant list"] {
        if let Some(r) = rows.iter().find(|r| {
            r.database == "postgres" && r.scenario.starts_with(name) && r.scenario.contains("paced")
        }) {
            out.push(Target {
                target: format!("{} @100: p99 under 20 ms", r.scenario),
                measured: format!("{:.1} ms", r.server.p99_ms),
                met: r.server.p99_ms < 20.0,
            });
        }
    }
    let peak = rows.iter().map(|r| r.server_peak_rss_mib).fold(0.0, f64::max);
    out.push(Target {
        target: "server peak RSS under 150 MiB through the benchmark".into(),
        measured: format!("{peak:.0} MiB"),
        met: peak < 150.0,
    });
    out
}
