//! senkoi-domain: the rules of `docs/rules.md` as pure Rust — no I/O, no clock of its own.
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

/// `docs/rules.md` and the modules point at each other: each section names the modules that
/// hold its rules, and each module names its section. Neither may point at nothing.
#[cfg(test)]
mod rules_in_words {
    const RULES: &str = include_str!("../../../docs/rules.md");

    /// The headings of the rules' sections, without the modules named after them.
    fn sections() -> Vec<&'static str> {
        RULES
            .lines()
            .filter_map(|line| line.strip_prefix("## "))
            .map(|heading| heading.split(" (`").next().unwrap_or(heading))
            .collect()
    }

    #[test]
    fn every_module_a_section_names_exists() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let named: Vec<&str> = RULES
            .lines()
            .filter(|line| line.starts_with("## "))
            .flat_map(|line| line.split('`').skip(1).step_by(2))
            .collect();
        assert!(named.len() > 15, "{named:?}");
        for module in named {
            assert!(std::path::Path::new(src).join(module).is_file(), "docs/rules.md names {module}");
        }
    }

    #[test]
    fn every_section_a_module_names_exists() {
        let sections = sections();
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut pointing = 0;
        for entry in std::fs::read_dir(src).expect("the crate's sources") {
            let path = entry.expect("an entry").path();
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for line in text.lines().filter(|l| l.starts_with("//! The rules in words: `docs/rules.md`, \""))
            {
                let section = line.split('"').nth(1).expect("a quoted section");
                assert!(sections.contains(&section), "{} names the section {section:?}", path.display());
                pointing += 1;
            }
        }
        assert!(pointing >= 15, "the modules point at their sections ({pointing})");
    }
}
