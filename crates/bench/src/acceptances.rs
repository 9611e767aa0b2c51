//! 500 acceptances at once in one cell, near its ceiling, through the server and through the
//! handler (the limit); the database checked after each.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use senkoi_api::entities::application;
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::prefecture::Prefecture;

use crate::checks::{self, Check};
use crate::dataset::{CEILING_CELL, Dataset, YEAR};
use crate::limit;
use crate::load::{self, Job};
use crate::phases::{BURST, staff_id};
use crate::run::{Run, log_in, log_in_admin, noon_plus_minute};
use crate::scenarios::{self as sc, CEILING_REFUSALS};
use crate::server::{Server, ServerConfig};

/// 500 acceptances at once in one cell, near its ceiling: the board sets the ceiling of
/// [`CEILING_CELL`] to half the cohort's applications, and each director accepts their own.
/// Exactly that many may be hired, whatever the interleaving.
pub async fn run(
    run: &mut Run,
    config: &ServerConfig,
    db: &DatabaseConnection,
    data: &Dataset,
    ids: &[String],
) -> Result<(), String> {
    let adjustment =
        data.first_round.adjustment_starts_at.ok_or("the first round has no adjustment period")?;
    let c = Server::start(config, noon_plus_minute(adjustment), "c").await?;
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
    let (_, admin) = log_in_admin(run, &c).await;
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
