//! Reusable pieces of the pages, one component per file.

pub mod application_card;
pub mod apply_panel;
pub mod check_field;
pub mod confirm_dialog;
pub mod error_box;
pub mod field_error;
pub mod footer;
pub mod header;
pub mod lang_toggle;
pub mod loading;
pub mod my_applications;
pub mod page_error;
pub mod pager;
pub mod prefecture_table;
pub mod profile_summary;
pub mod program_row;
pub mod require_role;
pub mod resident_form;
pub mod round_row;
pub mod search_form;
pub mod select_field;
pub mod steps;
pub mod text_field;
pub mod timeline;
pub mod user_id_card;
