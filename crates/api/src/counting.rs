//! Counting applications in SQL by the domain's own status rules: the statuses a count takes are
//! listed from `senkoi_domain` and bound as values, so no rule is restated as an SQL literal.

use sea_orm::sea_query::{Expr, ExprTrait, Func, JoinType, Query, SelectStatement, SimpleExpr};
use senkoi_domain::application::ApplicationStatus;

use crate::error::ApiError;

/// The statuses for which `rule` holds.
pub fn statuses(rule: impl Fn(ApplicationStatus) -> bool) -> Vec<ApplicationStatus> {
    ApplicationStatus::ALL.into_iter().filter(|s| rule(*s)).collect()
}

/// `SUM(CASE WHEN <status column> IN (…) [AND <also>] THEN 1 ELSE 0 END)`: how many rows of a
/// group have a status for which `rule` holds (and `also`, when given).
pub fn count_where(
    status: Expr,
    rule: impl Fn(ApplicationStatus) -> bool,
    also: Option<SimpleExpr>,
) -> SimpleExpr {
    let mut condition = status.is_in(statuses(rule));
    if let Some(also) = also {
        condition = condition.and(also);
    }
    Func::sum(Expr::case(condition, 1).finally(0)).into()
}

/// Applications of year `year`'s programs with their program and base facility: `a`, `p`, `f`
/// (a program's cell is its year, specialty and base facility's prefecture).
pub fn applications_of_year(year: i32) -> SelectStatement {
    applications_of_years(year, year)
}

/// [`applications_of_year`] for the years `from` to `to`, both included.
pub fn applications_of_years(from: i32, to: i32) -> SelectStatement {
    Query::select()
        .from_as("applications", "a")
        .join_as(JoinType::InnerJoin, "programs", "p", Expr::col(("p", "id")).equals(("a", "program_id")))
        .join_as(
            JoinType::InnerJoin,
            "facilities",
            "f",
            Expr::col(("f", "id")).equals(("p", "base_facility_id")),
        )
        .and_where(Expr::col(("p", "year")).gte(from))
        .and_where(Expr::col(("p", "year")).lte(to))
        .take()
}

/// A count or limit read from the database, as a `u32`. The schema and every writer keep these
/// from 0 up, so a negative or huge one is a broken row: an internal error naming `what`, never
/// a 0 that would let a decision pass or hide hires.
pub fn stored_count(n: impl Into<i64>, what: &str) -> Result<u32, ApiError> {
    let n = n.into();
    u32::try_from(n).map_err(|_| ApiError::Internal(format!("{what} out of range: {n}")))
}

#[cfg(test)]
mod tests {
    use super::stored_count;

    #[test]
    fn a_stored_count_reads_as_it_is_or_as_an_error_never_as_zero() {
        assert_eq!(stored_count(0_i64, "hires").unwrap(), 0);
        assert_eq!(stored_count(42_i32, "capacity").unwrap(), 42);
        assert_eq!(stored_count(i64::from(u32::MAX), "hires").unwrap(), u32::MAX);
        for broken in [-1, i64::from(u32::MAX) + 1] {
            let error = stored_count(broken, "capacity of p1").unwrap_err().to_string();
            assert!(error.contains("capacity of p1") && error.contains(&broken.to_string()), "{error}");
        }
    }
}
