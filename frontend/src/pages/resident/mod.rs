//! The resident's own pages (専攻医), behind the resident route guard.

pub mod my_page;
pub mod profile;
pub mod training;
