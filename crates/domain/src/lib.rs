//! senkoi-domain: the rules of DOMAIN.md as pure Rust — no I/O, no clock of its own.
//!
//! Every rule is a function or method that is given "now" and the facts it needs, and answers
//! with a value or a [`DomainError`] carrying a stable code. The API and the SPA share it.

pub mod announcement;
pub mod application;
pub mod audit;
pub mod capacity;
pub mod completion;
pub mod consultation;
pub mod demo;
pub mod error;
pub mod fill;
pub mod link;
pub mod prefecture;
pub mod program;
pub mod registration;
pub mod resident;
pub mod role;
pub mod round;
pub mod specialty;
pub mod staff;
pub mod sync;
mod text;
pub mod time;
pub mod timeline;
pub mod training;
pub mod user_id;
pub mod webhook;
pub mod wire;

pub use application::{Application, ApplicationStatus, Decision};
pub use error::DomainError;
pub use prefecture::Prefecture;
pub use role::Role;
pub use round::{RoundKind, RoundSchedule};
pub use specialty::Specialty;
pub use time::Window;
pub use user_id::UserId;
