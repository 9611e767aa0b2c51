//! The public account pages: registration, login, the reminders and the legacy migration.

pub mod forgot_id;
pub mod forgot_password;
pub mod login;
pub mod migrate_password;
pub mod migrate_request;
pub mod register_email;
pub mod register_form;
pub mod reset_password;
pub mod second_factor;
