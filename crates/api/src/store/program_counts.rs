//! The counts a program's search row and page show: applicants and hires in one round — the one
//! asked for, by default the program's current or next round — with the hires hidden until that
//! round's result notification; and beside them, by default, what the round just decided (the
//! last whose results are out) when it is an earlier one. Counted in one query for the programs at
//! hand only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::program::recruits_in;
use senkoi_domain::round::{RoundSchedule, current_or_next, last_published};
use senkoi_domain::wire::RoundResults;

use crate::counting::{count_where, stored_count};
use crate::entities::round;
use crate::error::ApiError;

/// What is needed of a program to count for it.
pub struct Counted<'a> {
    pub id: &'a str,
    pub year: i32,
    pub researcher_course: bool,
}

/// The counts shown for one program.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShownCounts {
    pub round_id: Option<String>,
    pub round_kind: Option<senkoi_domain::RoundKind>,
    pub applicants: u32,
    /// `None` until the round's results are out.
    pub hired: Option<u32>,
    /// The round just decided, when it is not the counted one.
    pub last_results: Option<RoundResults>,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    program_id: String,
    round_id: String,
    applicants: i64,
    hires: i64,
}

/// The counts of each of `programs` (by id), in `asked` when given, else in each program's current
/// or next round as of `now`.
pub async fn counts(
    db: &impl ConnectionTrait,
    programs: &[Counted<'_>],
    asked: Option<&round::Model>,
    now: DateTime<Utc>,
) -> Result<HashMap<String, ShownCounts>, ApiError> {
    if programs.is_empty() {
        return Ok(HashMap::new());
    }
    let mut years: Vec<i32> = programs.iter().map(|p| p.year).collect();
    years.sort_unstable();
    years.dedup();
    let rounds: Vec<(round::Model, RoundSchedule)> = match asked {
        Some(round) => vec![(round.clone(), round.schedule()?)],
        None => round::Entity::find()
            .filter(round::Column::Year.is_in(years))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.schedule().map(|s| (r, s)))
            .collect::<Result<_, _>>()?,
    };
    type Shown<'r> = (&'r (round::Model, RoundSchedule), Option<&'r (round::Model, RoundSchedule)>);
    let shown: HashMap<&str, Shown> = programs
        .iter()
        .filter_map(|p| {
            let candidates: Vec<&(round::Model, RoundSchedule)> = rounds
                .iter()
                .filter(|(_, s)| asked.is_some() || recruits_in(p.year, p.researcher_course, s.year, s.kind))
                .collect();
            let counted = *current_or_next(&candidates, |r| &r.1, now)?;
            let decided = last_published(&candidates, |r| &r.1, now)
                .copied()
                .filter(|decided| asked.is_none() && decided.0.id != counted.0.id);
            Some((p.id, (counted, decided)))
        })
        .collect();

    let ids: Vec<&str> = programs.iter().map(|p| p.id).collect();
    let round_ids: Vec<&str> = shown
        .values()
        .flat_map(|(counted, decided)| [Some(counted), decided.as_ref()])
        .flatten()
        .map(|(r, _)| r.id.as_str())
        .collect();
    let stmt = Query::select()
        .columns(["program_id", "round_id"])
        .expr_as(count_where(Expr::col("status"), ApplicationStatus::counts_as_applicant, None), "applicants")
        .expr_as(count_where(Expr::col("status"), ApplicationStatus::is_hired, None), "hires")
        .from("applications")
        .and_where(Expr::col("program_id").is_in(ids))
        .and_where(Expr::col("round_id").is_in(round_ids))
        .group_by_columns(["program_id", "round_id"])
        .take();
    let statement = db.get_database_backend().build(&stmt);
    // (applicants, hires) by (program, round); none counted where no row is.
    let found: HashMap<(String, String), (u32, u32)> = CountRow::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let applicants = stored_count(row.applicants, "a program's applicants")?;
            let hires = stored_count(row.hires, "a program's hires")?;
            Ok(((row.program_id, row.round_id), (applicants, hires)))
        })
        .collect::<Result<_, ApiError>>()?;

    Ok(programs
        .iter()
        .map(|p| {
            let row = |round: &round::Model| {
                found.get(&(p.id.to_string(), round.id.clone())).copied().unwrap_or_default()
            };
            let counts = match shown.get(p.id) {
                Some(((round, schedule), decided)) => {
                    let (applicants, hires) = row(round);
                    ShownCounts {
                        round_id: Some(round.id.clone()),
                        round_kind: Some(round.kind),
                        applicants,
                        hired: schedule.results_published(now).then_some(hires),
                        last_results: decided.map(|(round, _)| RoundResults {
                            round_id: round.id.clone(),
                            round_year: round.year,
                            round_kind: round.kind,
                            applicant_count: row(round).0,
                            hired_count: row(round).1,
                        }),
                    }
                }
                None => ShownCounts::default(),
            };
            (p.id.to_string(), counts)
        })
        .collect())
}
