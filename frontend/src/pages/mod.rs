//! The routed pages, one per file.

pub mod account;
pub mod admin;
pub mod consultation;
pub mod director;
pub mod home;
pub mod not_found;
pub mod program_detail;
pub mod program_search;
pub mod resident;
pub mod schedule;
pub mod statistics;
