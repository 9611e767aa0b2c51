//! Counting applications in SQL by the domain's own status rules: the statuses a count takes are
//! listed from `senkoi_domain` and bound as values, so no rule is restated as an SQL literal.

use sea_orm::sea_query::{Expr, ExprTrait, Func, JoinType, Query, SelectStatement, SimpleExpr};
use senkoi_domain::application::ApplicationStatus;

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

/// A count read from the database as a `u32` (negative or huge values cannot happen; they read
/// as 0).
pub fn non_negative(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}
