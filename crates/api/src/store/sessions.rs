//! Sessions as stored: the refresh tokens of a family or of an account, ended together.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::refresh_token;
use crate::error::ApiError;

/// Ends every session of a family, or of a subject: their refresh tokens stop working.
pub async fn revoke(
    db: &impl ConnectionTrait,
    column: refresh_token::Column,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(column.eq(value))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of the account `subject_id`.
pub async fn end_all(
    db: &impl ConnectionTrait,
    subject_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    revoke(db, refresh_token::Column::SubjectId, subject_id, now).await
}
