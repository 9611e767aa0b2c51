//! Mailed single-use links (登録用URL, password reset, migration, invitation): made with a random
//! token of which only the hash is kept, checked by the domain's lifetime rule, and used once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use senkoi_domain::DomainError;
use senkoi_domain::link::LinkUse;
use senkoi_domain::resident::LinkPurpose;

use crate::entities::one_time_token;
use crate::error::ApiError;
use crate::ids::{random_token, token_hash};

/// Characters of a link token: 43 × 6 bits ≈ 256 bits.
const TOKEN_CHARS: usize = 43;

/// Makes a link for `purpose` to `email` (and the account it is about); answers the token to mail.
/// Every earlier link of the purpose for the same account (or, without one, the same address)
/// stops working: only the newest mail's link opens.
pub async fn create(
    tx: &impl ConnectionTrait,
    purpose: LinkPurpose,
    email: &str,
    subject_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), ApiError> {
    let token = random_token(TOKEN_CHARS);
    let expires_at = now + purpose.validity();
    let same_holder = match &subject_id {
        Some(subject) => one_time_token::Column::SubjectId.eq(subject.as_str()),
        None => one_time_token::Column::Email.eq(email),
    };
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::SupersededAt, Expr::value(now))
        .filter(one_time_token::Column::Purpose.eq(purpose))
        .filter(same_holder)
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::SupersededAt.is_null())
        .exec(tx)
        .await?;
    one_time_token::ActiveModel {
        token_hash: Set(token_hash(&token)),
        purpose: Set(purpose),
        email: Set(email.into()),
        subject_id: Set(subject_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        superseded_at: Set(None),
    }
    .insert(tx)
    .await?;
    Ok((token, expires_at))
}

/// The link of `token` if it is one of `purposes` (404 otherwise), still usable at `now` (410
/// with the domain's code otherwise).
pub async fn usable(
    db: &impl ConnectionTrait,
    token: &str,
    purposes: &[LinkPurpose],
    now: DateTime<Utc>,
) -> Result<(one_time_token::Model, LinkPurpose), ApiError> {
    let link = one_time_token::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let purpose = Some(link.purpose).filter(|p| purposes.contains(p)).ok_or_else(ApiError::not_found)?;
    let used = match (link.used_at, link.superseded_at) {
        (Some(_), _) => LinkUse::Used,
        (None, Some(_)) => LinkUse::Superseded,
        (None, None) => LinkUse::Unused,
    };
    purpose.check(now, link.created_at, used)?;
    Ok((link, purpose))
}

/// Marks the link used inside the caller's transaction; a link used meanwhile by a racing
/// request answers as used.
pub async fn consume(
    tx: &impl ConnectionTrait,
    link: &one_time_token::Model,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let result = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::TokenHash.eq(&link.token_hash))
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::SupersededAt.is_null())
        .exec(tx)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(ApiError::from(match purpose {
            LinkPurpose::Registration => DomainError::RegistrationLinkUsed,
            _ => DomainError::LinkUsed,
        }))
    }
}
