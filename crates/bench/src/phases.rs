//! The scenarios in their order: on PostgreSQL every one of them, on SQLite the rush and the
//! reads for comparison; and the targets they are held to.

use std::collections::HashMap;
use std::path::Path;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use senkoi_api::entities::{application, staff_user};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::prefecture::Prefecture;

use crate::checks::{self, Check};
use crate::dataset::{CEILING_CELL, Dataset, Size, YEAR};
use crate::limit;
use crate::load::{self, Job};
use crate::report::{Row, Target};
use crate::run::{Run, Rush, apply_limit, log_in, noon_plus_minute, prepare, rush};
use crate::scenarios::{self as sc, CEILING_REFUSALS};
use crate::server::{Server, ServerConfig};
use crate::smtp::Sink;

/// Connections for the reads and the first rush.
const CONNECTIONS: usize = 100;
/// Connections for the second rush, the scale-out and the acceptances.
const BURST: usize = 500;
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
    let limit_100 = apply_limit(url, db, data, ids, CONNECTIONS).await?;
    let limit_500 = apply_limit(url, db, data, ids, BURST).await?;

    let a = Server::start(config, &noon_plus_minute(opening), "a").await?;
    // Noon: the round opens and every resident is mailed; that goes out before the rush.
    let started = std::time::Instant::now();
    checks::opening_noticed(db, &data.first_round.id).await?;
    checks::drain_mail(db, DRAIN_SECONDS).await?;
    run.notes.push(format!(
        "The round's opening notice ({} mails) was sent in {:.1} s before the rush began.",
        checks::sent_mail(db).await?,
        started.elapsed().as_secs_f64()
    ));

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
    let b = Server::start(config, &noon_plus_minute(opening), "b").await?;
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

    acceptances(run, config, db, data, ids).await
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
    let n = reads(run.smoke);
    let state = limit::state(url, data.first_round.application_starts_at).await?;

    let queries: Vec<sc::Browse> = (0..n).map(|i| sc::browse_query(data, i)).collect();
    let jobs: Vec<Job> = queries.iter().map(sc::browse_job).collect();
    let shared = state.clone();
    let (limit, _) =
        limit::run(CONNECTIONS, n, &[], move |i| sc::browse_direct(shared.clone(), queries[i].clone())).await;
    a.reset_peak();
    let (measured, _) =
        load::run("search and detail", std::slice::from_ref(&a.url), CONNECTIONS, jobs, &[]).await;
    run.row("search and detail", "postgres", &[a], measured, Some(limit));

    let jobs: Vec<Job> = (0..n).map(sc::statistics_job).collect();
    let shared = state.clone();
    let (limit, _) = limit::run(CONNECTIONS, n, &[], move |i| sc::statistics_direct(shared.clone(), i)).await;
    a.reset_peak();
    let (measured, _) =
        load::run("prefecture statistics", std::slice::from_ref(&a.url), CONNECTIONS, jobs, &[]).await;
    run.row("prefecture statistics", "postgres", &[a], measured, Some(limit));

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
    a.reset_peak();
    let (measured, _) =
        load::run("applicant list", std::slice::from_ref(&a.url), CONNECTIONS, jobs, &[]).await;
    let label =
        format!("applicant list ({} applicants)", per_program.get(program_id.as_str()).copied().unwrap_or(0));
    run.row(&label, "postgres", &[a], measured, Some(limit));
    state.db.clone().close().await.map_err(|e| e.to_string())
}

async fn staff_id(db: &DatabaseConnection, email: &str) -> Result<String, String> {
    staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .map(|s| s.id)
        .ok_or_else(|| format!("no staff user {email}"))
}

/// 500 acceptances at once in one cell, near its ceiling: the board sets the ceiling of
/// [`CEILING_CELL`] to half the cohort's applications, and each director accepts their own.
/// Exactly that many may be hired, whatever the interleaving.
async fn acceptances(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
    ids: &[String],
) -> Result<(), String> {
    let adjustment =
        data.first_round.adjustment_starts_at.ok_or("the first round has no adjustment period")?;
    let c = Server::start(config, &noon_plus_minute(adjustment), "c").await?;
    let (prefecture, specialty) = CEILING_CELL;
    let prefecture = Prefecture::parse(&format!("{prefecture:02}")).map_err(|e| e.to_string())?;
    let cohort: Vec<String> = data
        .residents
        .iter()
        .zip(ids)
        .filter(|(r, _)| r.in_ceiling_cohort)
        .map(|(_, id)| id.clone())
        .collect();
    let applications = application::Entity::find()
        .filter(application::Column::ResidentId.is_in(cohort))
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let ceiling = (applications.len() / 2) as u32;

    // The board sets the ceiling.
    let (_, admin) = log_in(run, "board's login", &[&c], 1, &[crate::dataset::ADMIN_EMAIL.to_string()]).await;
    let path = format!("/api/v1/ceilings/{YEAR}/{}/{}", prefecture.code(), specialty.code());
    let set = Job::send(reqwest::Method::PUT, path, Some(&admin[0]), serde_json::json!({"ceiling": ceiling}));
    let (measured, _) =
        load::run("the board sets the ceiling", std::slice::from_ref(&c.url), 1, vec![set], &[]).await;
    run.check(Check {
        name: "the board sets the ceiling over the API".into(),
        held: measured.done == 1,
        detail: format!("{} × {}: {ceiling}", prefecture.name_ja(), specialty.code()),
    });

    // Each application's director, signed in.
    let director_of: HashMap<&str, &str> = data
        .directors
        .iter()
        .flat_map(|(email, programs)| programs.iter().map(move |p| (p.as_str(), email.as_str())))
        .collect();
    let emails: Vec<String> = data.directors.iter().map(|(email, _)| email.clone()).collect();
    let (_, tokens) = log_in(run, "directors' logins", &[&c], 16, &emails).await;
    let token_of: HashMap<&str, &str> =
        emails.iter().map(String::as_str).zip(tokens.iter().map(String::as_str)).collect();
    let mut staff: HashMap<String, String> = HashMap::new();
    for email in &emails {
        staff.insert(email.clone(), staff_id(db, email).await?);
    }
    let work: Vec<(String, String)> =
        applications.iter().map(|a| (a.id.clone(), director_of[a.program_id.as_str()].to_string())).collect();

    // The limit: the same decisions through the handler; then every application is open again.
    let state = limit::state(&config.database_url, adjustment + chrono::Duration::minutes(1)).await?;
    let direct: Vec<(String, String)> =
        work.iter().map(|(app, email)| (staff[email].clone(), app.clone())).collect();
    let shared = state.clone();
    let (limit, _) = limit::run(BURST.min(direct.len()), direct.len(), &CEILING_REFUSALS, move |i| {
        sc::accept_direct(shared.clone(), direct[i].0.clone(), direct[i].1.clone())
    })
    .await;
    state.db.clone().close().await.map_err(|e| e.to_string())?;
    run.check(Check {
        name: "limit: acceptances stop at the ceiling".into(),
        held: limit.done == ceiling as usize && limit.errors == 0,
        detail: format!("{} accepted, {:?} refused, {} errors", limit.done, limit.refused, limit.errors),
    });
    reopen(db, &applications).await?;

    c.reset_peak();
    let jobs: Vec<Job> =
        work.iter().map(|(app, email)| sc::accept_job(app, token_of[email.as_str()])).collect();
    let (measured, _) = load::run(
        "acceptances near a ceiling",
        std::slice::from_ref(&c.url),
        BURST.min(jobs.len()),
        jobs,
        &CEILING_REFUSALS,
    )
    .await;
    let (held, hired) = checks::ceilings_held(db, YEAR, (prefecture, specialty)).await?;
    run.check(Check {
        name: "acceptances: exactly the ceiling's worth hired".into(),
        held: measured.done == ceiling as usize && hired == ceiling && measured.errors == 0,
        detail: format!(
            "ceiling {ceiling}; {} accepted (200), {:?} refused, {} errors; {hired} hired in the cell",
            measured.done, measured.refused, measured.errors
        ),
    });
    run.check(held);
    run.row("acceptances near a ceiling", "postgres", &[&c], measured, Some(limit));
    c.stop();
    Ok(())
}

/// Every application back to open (applied, no decision), as before the limit's decisions.
async fn reopen(db: &DatabaseConnection, applications: &[application::Model]) -> Result<(), String> {
    let ids: Vec<String> = applications.iter().map(|a| a.id.clone()).collect();
    for chunk in ids.chunks(500) {
        application::Entity::update_many()
            .col_expr(
                application::Column::Status,
                sea_orm::sea_query::Expr::value(ApplicationStatus::Applied),
            )
            .col_expr(application::Column::Decision, sea_orm::sea_query::Expr::value(Option::<String>::None))
            .filter(application::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The rush and the reads again on SQLite, for comparison.
pub async fn sqlite(run: &mut Run, config: &ServerConfig, file: &Path, size: Size) -> Result<(), String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let (db, data, ids) = prepare(&url, size).await?;
    let limit = apply_limit(&url, &db, &data, &ids, CONNECTIONS).await?;
    let config = ServerConfig { database_url: url.clone(), ..config.clone() };
    let opening = data.first_round.application_starts_at;
    let s = Server::start(&config, &noon_plus_minute(opening), "sqlite").await?;
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
        if let Some(r) = find(rows, name) {
            out.push(Target {
                target: format!("{name} @100: p99 under 20 ms"),
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
