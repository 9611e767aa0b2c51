//! The two ways a list is read a page at a time, as query parameters every list route shares:
//! numbered pages ([`Paging`]) and a cursor that follows a change feed ([`CursorPaging`]).

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, Select};
use senkoi_domain::wire::Page;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;

/// `?page=1&per_page=50`: pages count from 1; at most 200 a page.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Page number, from 1 to 1,000,000.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u64>,
    /// Items per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<u64>,
}

pub const MAX_PER_PAGE: u64 = 200;
/// No list is that long; the bound keeps the offset arithmetic far from overflow.
pub const MAX_PAGE: u64 = 1_000_000;

impl Paging {
    /// The checked (page, per_page), or a 400 `invalid-paging`.
    pub fn checked(&self) -> Result<(u64, u64), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(50);
        if page == 0 || page > MAX_PAGE || per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(ApiError::bad_request(
                "invalid-paging",
                "page は1〜1000000、per_page は1〜200で指定してください。",
            ));
        }
        Ok((page, per_page))
    }
}

impl Paging {
    /// One page of `select`, each row shown through `view`.
    pub async fn fetch<E, T>(
        &self,
        db: &DatabaseConnection,
        select: Select<E>,
        view: impl Fn(E::Model) -> T,
    ) -> Result<Page<T>, ApiError>
    where
        E: EntityTrait,
        E::Model: Sync,
    {
        let (page, per_page) = self.checked()?;
        let paginator = select.paginate(db, per_page);
        let total = paginator.num_items().await?;
        let items = paginator.fetch_page(page - 1).await?.into_iter().map(view).collect();
        Ok(Page { items, total, page, per_page })
    }
}

/// `?cursor=&limit=`: a list that is synced, a page at a time in a fixed order, the way the
/// societies' change feeds are: follow `next_cursor` while `has_more`, and keep the last one.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CursorPaging {
    /// The `next_cursor` of the previous answer, as it was; absent: from the beginning.
    pub cursor: Option<String>,
    /// Items a page, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

impl CursorPaging {
    /// The checked cursor and limit, or 400 `invalid-paging` / 422 `invalid-cursor`.
    pub fn checked(&self) -> Result<(senkoi_domain::sync::ChangeCursor, u64), ApiError> {
        let limit = self.limit.unwrap_or(100);
        if limit == 0 || limit > 500 {
            return Err(ApiError::bad_request("invalid-paging", "limit は1〜500で指定してください。"));
        }
        let cursor = match &self.cursor {
            Some(text) => senkoi_domain::sync::ChangeCursor::parse(text)?,
            None => senkoi_domain::sync::ChangeCursor::start(),
        };
        Ok((cursor, limit))
    }

    /// The rows of a page read with `limit + 1` (to know whether more wait): the page's rows,
    /// whether more wait, and the cursor after its last row (`key` gives a row's place; the
    /// given cursor when the page is empty).
    pub fn split<R>(
        mut rows: Vec<R>,
        limit: u64,
        cursor: senkoi_domain::sync::ChangeCursor,
        key: impl Fn(&R) -> senkoi_domain::sync::ChangeCursor,
    ) -> (Vec<R>, bool, String) {
        let has_more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next = rows.last().map(key).unwrap_or(cursor);
        (rows, has_more, next.encode())
    }
}
