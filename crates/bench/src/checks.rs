//! What the database must hold after a run, read back with queries of the bench's own (not the
//! server's counting), and the reset between runs.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter,
};
use senkoi_api::entities::{
    application, application_event, audit_event, ceiling, facility, mail_outbox, program, refresh_token,
    round, webhook_delivery,
};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;

/// One check: what it asserts, and whether it held.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Check {
    pub name: String,
    pub held: bool,
    pub detail: String,
}

impl Check {
    fn new(name: &str, held: bool, detail: String) -> Check {
        Check { name: name.to_string(), held, detail }
    }
}

fn db_err(e: sea_orm::DbErr) -> String {
    e.to_string()
}

/// After a rush in which the generator saw `received` applications accepted (201) from
/// `residents` residents: exactly one live application per resident, as many as were received.
pub async fn after_rush(
    db: &DatabaseConnection,
    label: &str,
    received: usize,
    residents: usize,
) -> Result<Vec<Check>, String> {
    let live: Vec<ApplicationStatus> = ApplicationStatus::ALL.into_iter().filter(|s| s.is_live()).collect();
    let stored = application::Entity::find()
        .filter(application::Column::Status.is_in(live.clone()))
        .count(db)
        .await
        .map_err(db_err)? as usize;
    let per_resident = Query::select()
        .expr_as(Func::count(Expr::col(application::Column::Id)), Alias::new("n"))
        .from(application::Entity)
        .and_where(application::Column::Status.is_in(live))
        .group_by_col(application::Column::ResidentId)
        .to_owned();
    let counts: Vec<i64> = db
        .query_all(&per_resident)
        .await
        .map_err(db_err)?
        .iter()
        .map(|row| row.try_get::<i64>("", "n"))
        .collect::<Result<_, _>>()
        .map_err(db_err)?;
    let twice = counts.iter().filter(|n| **n > 1).count();
    Ok(vec![
        Check::new(
            &format!("{label}: every resident applied once"),
            received == residents && counts.len() == residents,
            format!(
                "{received} of {residents} received (201); {} residents hold a live application",
                counts.len()
            ),
        ),
        Check::new(
            &format!("{label}: one live application per resident"),
            twice == 0,
            format!("{twice} residents hold more than one"),
        ),
        Check::new(
            &format!("{label}: stored = received"),
            stored == received,
            format!("{stored} live applications stored, {received} received"),
        ),
    ])
}

/// Hires per cell (year × prefecture × specialty) against the ceilings: none passed. Answers the
/// check and the hires of `cell`.
pub async fn ceilings_held(
    db: &DatabaseConnection,
    year: i32,
    cell: (Prefecture, Specialty),
) -> Result<(Check, u32), String> {
    let hired: Vec<ApplicationStatus> = ApplicationStatus::ALL.into_iter().filter(|s| s.is_hired()).collect();
    let query = Query::select()
        .column((facility::Entity, facility::Column::Prefecture))
        .column((program::Entity, program::Column::Specialty))
        .expr_as(Func::count(Expr::col((application::Entity, application::Column::Id))), Alias::new("n"))
        .from(application::Entity)
        .inner_join(
            program::Entity,
            Expr::col((program::Entity, program::Column::Id))
                .equals((application::Entity, application::Column::ProgramId)),
        )
        .inner_join(
            facility::Entity,
            Expr::col((facility::Entity, facility::Column::Id))
                .equals((program::Entity, program::Column::BaseFacilityId)),
        )
        .and_where(Expr::col((application::Entity, application::Column::Status)).is_in(hired))
        .and_where(Expr::col((program::Entity, program::Column::Year)).eq(year))
        .group_by_col((facility::Entity, facility::Column::Prefecture))
        .group_by_col((program::Entity, program::Column::Specialty))
        .to_owned();
    let mut hires: HashMap<(String, Specialty), i64> = HashMap::new();
    for row in db.query_all(&query).await.map_err(db_err)? {
        let prefecture: String = row.try_get("", "prefecture").map_err(db_err)?;
        let specialty: Specialty = row.try_get("", "specialty").map_err(db_err)?;
        hires.insert((prefecture, specialty), row.try_get("", "n").map_err(db_err)?);
    }
    let ceilings =
        ceiling::Entity::find().filter(ceiling::Column::Year.eq(year)).all(db).await.map_err(db_err)?;
    let passed: Vec<String> = ceilings
        .iter()
        .filter_map(|c| {
            let n = hires.get(&(c.prefecture.code(), c.specialty)).copied().unwrap_or(0);
            (n > i64::from(c.ceiling))
                .then(|| format!("{} {}: {n} > {}", c.prefecture, c.specialty.code(), c.ceiling))
        })
        .collect();
    let in_cell = hires.get(&(cell.0.code(), cell.1)).copied().unwrap_or(0);
    Ok((
        Check::new(
            "no ceiling passed",
            passed.is_empty(),
            if passed.is_empty() {
                format!("{} ceilings, every cell at or under its ceiling", ceilings.len())
            } else {
                passed.join("; ")
            },
        ),
        u32::try_from(in_cell).unwrap_or(0),
    ))
}

/// Waits until the round's opening notice has been queued (the server's notices pass), up to a
/// minute.
pub async fn opening_noticed(db: &DatabaseConnection, round_id: &str) -> Result<(), String> {
    for _ in 0..240 {
        let round = round::Entity::find_by_id(round_id.to_string()).one(db).await.map_err(db_err)?;
        if round.is_some_and(|r| r.opening_mailed_at.is_some()) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    Err("the round's opening notice was not queued within a minute".into())
}

/// Mail still to send (not sent, not given up).
pub async fn unsent_mail(db: &DatabaseConnection) -> Result<u64, String> {
    mail_outbox::Entity::find().filter(mail_outbox::Column::SentAt.is_null()).count(db).await.map_err(db_err)
}

pub async fn sent_mail(db: &DatabaseConnection) -> Result<u64, String> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_not_null())
        .count(db)
        .await
        .map_err(db_err)
}

/// Waits until the outbox is empty (every mail sent), up to `seconds`.
pub async fn drain_mail(db: &DatabaseConnection, seconds: u64) -> Result<(), String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        let left = unsent_mail(db).await?;
        if left == 0 {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{left} mails still unsent after {seconds} s"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// Empties what applying writes (applications, their history, audit events, mail, deliveries),
/// so that the next run starts where the last began. Sessions stay.
pub async fn reset_applications(db: &DatabaseConnection) -> Result<(), String> {
    application_event::Entity::delete_many().exec(db).await.map_err(db_err)?;
    application::Entity::delete_many().exec(db).await.map_err(db_err)?;
    audit_event::Entity::delete_many().exec(db).await.map_err(db_err)?;
    mail_outbox::Entity::delete_many().exec(db).await.map_err(db_err)?;
    webhook_delivery::Entity::delete_many().exec(db).await.map_err(db_err)?;
    Ok(())
}

/// What autovacuum would have done by the reads in production: dead rows vacuumed and the
/// planner's statistics brought up to the 10,000 applications of the rush (`VACUUM ANALYZE`;
/// `ANALYZE` on SQLite). This machine's PostgreSQL runs with autovacuum off, and the bench leaves
/// its settings alone. Not before a rush: the applications table is empty then, which
/// production's, with years of applications, never is.
pub async fn settle(db: &DatabaseConnection) -> Result<(), String> {
    let statement = match db.get_database_backend() {
        DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    db.execute_unprepared(statement).await.map_err(db_err)?;
    Ok(())
}

/// Sessions issued by the login limit are the bench's own; ends them so the table stays the size
/// the server's scenarios saw.
pub async fn forget_sessions(db: &DatabaseConnection) -> Result<(), String> {
    refresh_token::Entity::delete_many().exec(db).await.map_err(db_err)?;
    Ok(())
}
