//! Programs and their facilities in the database: the join every program query starts from, a
//! program as its director or the board may reach it, and a facility as the API shows it.

use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query, SelectStatement};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use senkoi_domain::wire::FacilityView;

use crate::auth::{AuthUser, Role};
use crate::entities::{facility, program, program_director};
use crate::error::ApiError;
use crate::store::find_or_404;

/// Programs joined with their base facility: the FROM of every program query.
pub fn programs_with_base_facility() -> SelectStatement {
    Query::select()
        .from_as("programs", "p")
        .join_as(
            JoinType::InnerJoin,
            "facilities",
            "f",
            Expr::col(("f", "id")).equals(("p", "base_facility_id")),
        )
        .take()
}

/// The program `id` if `user` may see its applicants: its director, or the board. 404 for a
/// director's request about another's program.
pub async fn own_program(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: &str,
) -> Result<program::Model, ApiError> {
    user.require(&[Role::Director, Role::Admin])?;
    let program = find_or_404::<program::Entity>(db, id).await?;
    if user.role == Role::Director {
        program_director::Entity::find_by_id((program.id.clone(), user.id.clone()))
            .one(db)
            .await?
            .ok_or_else(ApiError::not_found)?;
    }
    Ok(program)
}

/// A facility as the API shows it.
pub fn facility_view(m: facility::Model) -> FacilityView {
    FacilityView { id: m.id, name: m.name, prefecture: m.prefecture }
}

/// The programs with these ids, by id.
pub async fn programs_by_id(
    db: &impl ConnectionTrait,
    ids: Vec<String>,
) -> Result<HashMap<String, program::Model>, ApiError> {
    Ok(program::Entity::find()
        .filter(program::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect())
}
