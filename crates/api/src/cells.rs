//! Cells (year × prefecture × specialty): the unit that capacity and ceilings are counted in, and
//! the lock that makes concurrent acceptances exact. A program belongs to one cell (its year, its
//! specialty, its base facility's prefecture), so one lock per cell covers both the program's
//! capacity and the cell's ceiling.
//!
//! On PostgreSQL a transaction takes `pg_advisory_xact_lock` on each cell it will accept into,
//! in a fixed order (so two bulk requests never deadlock), before it counts; READ COMMITTED then
//! shows it every hire committed before the lock. On SQLite write transactions begin with
//! `BEGIN IMMEDIATE` and so already run one at a time. A change of a program's capacity or base
//! takes the same locks, and decisions read the capacity after them.

use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::capacity::{AcceptanceCounts, ceiling_applies, check_ceiling};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;

use crate::counting::{applications_of_year, applications_of_years, statuses, stored_count};
use crate::entities::{ceiling, facility, program};
use crate::error::ApiError;

/// One cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    pub year: i32,
    pub prefecture: Prefecture,
    pub specialty: Specialty,
}

impl Cell {
    /// The cell of a program.
    pub async fn of(db: &impl ConnectionTrait, program: &program::Model) -> Result<Cell, ApiError> {
        Cell::at(db, program.year, program.specialty, &program.base_facility_id).await
    }

    /// The cell of a program of `year` and `specialty` based at facility `base_facility_id`.
    pub async fn at(
        db: &impl ConnectionTrait,
        year: i32,
        specialty: Specialty,
        base_facility_id: &str,
    ) -> Result<Cell, ApiError> {
        let base = facility::Entity::find_by_id(base_facility_id.to_string())
            .one(db)
            .await?
            .ok_or_else(|| ApiError::Internal(format!("no base facility {base_facility_id}")))?;
        Ok(Cell { year, prefecture: base.prefecture, specialty })
    }

    /// A stable 64-bit key for the advisory lock (FNV-1a of the cell's codes).
    fn lock_key(&self) -> i64 {
        let text = format!("senkoi-cell/{}/{}/{}", self.year, self.prefecture.code(), self.specialty.code());
        let hash = text
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        i64::from_ne_bytes(hash.to_ne_bytes())
    }

    /// The ceiling of the cell, when one applies (exempt specialties and other prefectures have
    /// none, whatever is stored).
    pub async fn ceiling(&self, db: &impl ConnectionTrait) -> Result<Option<u32>, ApiError> {
        if !ceiling_applies(self.prefecture, self.specialty) {
            return Ok(None);
        }
        let row = ceiling::Entity::find_by_id((self.year, self.prefecture, self.specialty)).one(db).await?;
        row.map(|c| stored_count(c.ceiling, "a ceiling")).transpose()
    }

    /// The hires (accepted, not declined) of all programs of the cell, all rounds.
    pub async fn hired(&self, db: &impl ConnectionTrait) -> Result<u32, ApiError> {
        let stmt = applications_of_year(self.year)
            .expr_as(Expr::cust("COUNT(*)"), "hired")
            .and_where(Expr::col(("p", "specialty")).eq(self.specialty))
            .and_where(Expr::col(("f", "prefecture")).eq(self.prefecture.code()))
            .and_where(Expr::col(("a", "status")).is_in(statuses(ApplicationStatus::is_hired)))
            .take();
        hired_of(db, &stmt, "a cell's hires").await
    }
}

/// The hires (accepted, not declined) of one program, all rounds.
pub async fn program_hired(db: &impl ConnectionTrait, program_id: &str) -> Result<u32, ApiError> {
    let stmt = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), "hired")
        .from("applications")
        .and_where(Expr::col("program_id").eq(program_id))
        .and_where(Expr::col("status").is_in(statuses(ApplicationStatus::is_hired)))
        .take();
    hired_of(db, &stmt, "a program's hires").await
}

/// The `hired` that `stmt` counts (`COUNT(*) AS hired`), checked as a stored count of `what`.
async fn hired_of(db: &impl ConnectionTrait, stmt: &SelectStatement, what: &str) -> Result<u32, ApiError> {
    let row = db.query_one(stmt).await?;
    stored_count(row.map(|r| r.try_get::<i64>("", "hired")).transpose()?.unwrap_or(0), what)
}

/// The hires (accepted, not declined) of every cell with any, in the years `from` to `to`.
pub async fn hires_by_cell(
    db: &impl ConnectionTrait,
    from: i32,
    to: i32,
) -> Result<std::collections::HashMap<Cell, u32>, ApiError> {
    let stmt = applications_of_years(from, to)
        .column(("p", "year"))
        .column(("p", "specialty"))
        .column(("f", "prefecture"))
        .expr_as(Expr::cust("COUNT(*)"), "hired")
        .and_where(Expr::col(("a", "status")).is_in(statuses(ApplicationStatus::is_hired)))
        .group_by_col(("p", "year"))
        .group_by_col(("p", "specialty"))
        .group_by_col(("f", "prefecture"))
        .take();
    let mut hires = std::collections::HashMap::new();
    for row in db.query_all(&stmt).await? {
        let cell = Cell {
            year: row.try_get("", "year")?,
            prefecture: row.try_get("", "prefecture")?,
            specialty: row.try_get("", "specialty")?,
        };
        hires.insert(cell, stored_count(row.try_get::<i64>("", "hired")?, "a cell's hires")?);
    }
    Ok(hires)
}

/// The figures an acceptance into `program` is checked against, counted now.
pub async fn counts(
    db: &impl ConnectionTrait,
    program: &program::Model,
) -> Result<AcceptanceCounts, ApiError> {
    let cell = Cell::of(db, program).await?;
    Ok(AcceptanceCounts {
        capacity: stored_count(program.capacity, "a program's capacity")?,
        program_hired: program_hired(db, &program.id).await?,
        ceiling: cell.ceiling(db).await?,
        ceiling_hired: cell.hired(db).await?,
    })
}

/// Hires moving into cells by a catalogue change (a program's base facility, a facility's
/// prefecture): each `(to, hires)` must fit under `to`'s ceiling on top of what it holds. The
/// cells are locked first, so no acceptance slips in between.
pub async fn check_moves(tx: &impl ConnectionTrait, moves: &[(Cell, u32)]) -> Result<(), ApiError> {
    let cells: Vec<Cell> = moves.iter().filter(|(_, hires)| *hires > 0).map(|(cell, _)| *cell).collect();
    lock(tx, &cells).await?;
    let mut incoming: std::collections::BTreeMap<Cell, u32> = std::collections::BTreeMap::new();
    for (cell, hires) in moves {
        *incoming.entry(*cell).or_default() += hires;
    }
    for (cell, hires) in incoming {
        if hires > 0 {
            check_ceiling(cell.ceiling(tx).await?, cell.hired(tx).await?, hires)?;
        }
    }
    Ok(())
}

/// Locks `cells` for the rest of the transaction, in a fixed order.
pub async fn lock(tx: &impl ConnectionTrait, cells: &[Cell]) -> Result<(), ApiError> {
    if tx.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let mut cells = cells.to_vec();
    cells.sort();
    cells.dedup();
    for cell in cells {
        let statement = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [cell.lock_key().into()],
        );
        tx.query_one_raw(statement).await?;
    }
    Ok(())
}

/// The capacities of the programs `ids`, read now: after [`lock`], as they stand for the
/// decision (a change of capacity takes the same lock).
pub async fn capacities<'a>(
    tx: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = &'a String>,
) -> Result<std::collections::HashMap<String, u32>, ApiError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let ids: Vec<String> = ids.into_iter().cloned().collect();
    program::Entity::find()
        .filter(program::Column::Id.is_in(ids))
        .all(tx)
        .await?
        .into_iter()
        .map(|p| Ok((p.id, stored_count(p.capacity, "a program's capacity")?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cell_has_its_own_stable_lock_key() {
        let cell = |year, prefecture: &str, specialty| Cell {
            year,
            prefecture: Prefecture::parse(prefecture).unwrap(),
            specialty,
        };
        let a = cell(2024, "13", Specialty::InternalMedicine);
        assert_eq!(a.lock_key(), cell(2024, "13", Specialty::InternalMedicine).lock_key());
        for other in [
            cell(2025, "13", Specialty::InternalMedicine),
            cell(2024, "14", Specialty::InternalMedicine),
            cell(2024, "13", Specialty::Pediatrics),
        ] {
            assert_ne!(a.lock_key(), other.lock_key(), "{other:?}");
        }
    }
}
