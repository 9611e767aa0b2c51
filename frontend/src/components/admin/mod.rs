//! The pieces of the board admin's pages, one component per file.

pub mod ceiling_import;
pub mod ceiling_table;
pub mod facility_picker;
pub mod import_errors;
pub mod nav;
pub mod program_form;
pub mod program_picker;
pub mod round_form;
pub mod year_field;
