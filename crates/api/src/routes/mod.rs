//! The `/api` routes, one module per resource. A route module reads and writes through `crate::store`
//! and never imports another route module (`no_route_imports_a_route` below keeps it so).

use actix_web::{HttpResponse, web};

use crate::error::ApiError;

pub mod announcements;
pub mod applicants;
pub mod applications;
pub mod audit_events;
pub mod auth;
pub mod calendar;
pub mod ceilings;
pub mod consultations;
pub mod decisions;
pub mod directing;
pub mod directors;
pub mod facilities;
pub mod gate;
pub mod health;
pub mod legacy;
pub mod me;
pub mod oauth;
pub mod oversight;
pub mod programs;
pub mod reference;
pub mod registrations;
pub mod reminders;
pub mod rounds;
pub mod second_factor;
pub mod society;
pub mod society_clients;
pub mod staff;
pub mod statistics;
pub mod training;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .configure(health::configure)
            .service(
                web::scope("/v1")
                    .wrap(actix_web::middleware::from_fn(gate::gate))
                    .configure(auth::configure)
                    .configure(reminders::configure)
                    .configure(registrations::configure)
                    .configure(me::configure)
                    .configure(applications::configure)
                    .configure(decisions::configure)
                    .configure(applicants::configure)
                    .configure(directing::configure)
                    .configure(audit_events::configure)
                    .configure(ceilings::configure)
                    .configure(directors::configure)
                    .configure(staff::configure)
                    .configure(second_factor::configure)
                    .configure(oversight::configure)
                    .configure(oauth::configure)
                    .configure(society_clients::configure)
                    .configure(society::configure)
                    .configure(legacy::configure)
                    .configure(reference::configure)
                    .configure(calendar::configure)
                    .configure(rounds::configure)
                    .configure(announcements::configure)
                    .configure(facilities::configure)
                    .configure(programs::configure)
                    .configure(statistics::configure)
                    .configure(training::configure)
                    .configure(consultations::configure)
                    // A nested scope does not inherit its parent's default: say it again.
                    .default_service(web::to(unknown_route)),
            )
            .default_service(web::to(unknown_route)),
    );
}

async fn unknown_route() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under `dir`.
    fn sources(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("the routes' directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                found.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
        found
    }

    /// The places in `text` where a route module reaches another route module: through
    /// `crate::routes`, or up through `super`. A module's own tests (from `#[cfg(test)]` on) are
    /// not looked at.
    fn reaches_into_routes(text: &str) -> Vec<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        code.lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .filter(|line| line.contains("crate::routes") || line.contains("super::"))
            .map(|line| line.trim().to_string())
            .collect()
    }

    #[test]
    fn no_route_imports_a_route() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
        let files = sources(&root);
        assert!(files.len() > 30, "the route modules were found: {files:?}");
        let reaching: Vec<String> = files
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).expect("a route module");
                let name = file.strip_prefix(&root).expect("under routes").display().to_string();
                reaches_into_routes(&text).into_iter().map(move |line| format!("{name}: {line}"))
            })
            .collect();
        assert!(
            reaching.is_empty(),
            "route modules share through `crate::store` (or a module below the routes), never \
             through each other:\n{}",
            reaching.join("\n")
        );
    }

    #[test]
    fn the_check_sees_each_way_a_route_reaches_another() {
        assert_eq!(reaches_into_routes("use crate::routes::rounds::schedule_of;").len(), 1);
        assert_eq!(reaches_into_routes("    let x = crate::routes::find_or_404::<E>(db, id);").len(), 1);
        assert_eq!(reaches_into_routes("use super::records::records_of;").len(), 1);
        assert_eq!(reaches_into_routes("    super::completions::view(db, row)").len(), 1);
        let tests = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}";
        assert!(reaches_into_routes(tests).is_empty(), "a module's own tests");
        assert!(reaches_into_routes("use crate::store::residents;\n//! see crate::routes::gate").is_empty());
    }
}
