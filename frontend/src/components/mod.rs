//! Reusable pieces of the pages, one component per file.

pub mod error_box;
pub mod footer;
pub mod header;
pub mod lang_toggle;
pub mod loading;
pub mod pager;
pub mod program_row;
pub mod round_row;
pub mod search_form;
