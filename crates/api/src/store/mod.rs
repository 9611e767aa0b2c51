//! Reads and writes that several route modules share, by aggregate, below the routes: a route
//! module calls these, never another route module.

use sea_orm::sea_query::LikeExpr;
use sea_orm::{ConnectionTrait, EntityTrait, PrimaryKeyTrait};

use crate::error::ApiError;

pub mod applications;
pub mod audit;
pub mod links;
pub mod program_counts;
pub mod programs;
pub mod residents;
pub mod second_factor;
pub mod sessions;
pub mod staff;
pub mod training;
pub mod webhooks;

/// `LIKE '%text%'` with the wildcards in `text` (`%`, `_`, `\\`) taken literally: a search for
/// `100%` finds names with `100%` in them, not every name with `100`.
pub fn like_contains(text: &str) -> LikeExpr {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// The row with primary key `id`, or a 404.
pub async fn find_or_404<E>(db: &impl ConnectionTrait, id: &str) -> Result<E::Model, ApiError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<String>,
{
    E::find_by_id(id.to_string()).one(db).await?.ok_or_else(ApiError::not_found)
}
