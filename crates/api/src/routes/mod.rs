//! The `/api` routes, one module per resource. A route module reads and writes through `crate::store`
//! and never imports another route module (`no_route_imports_a_route` below keeps it so).

use actix_web::{HttpResponse, web};

use crate::endpoint::{Endpoint, by_path};
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

/// Every endpoint of the API, in the order the router tries their paths: `/api/health` first,
/// then the `/api/v1` resources.
pub fn endpoints() -> Vec<Endpoint> {
    [
        health::endpoints(),
        auth::endpoints(),
        reminders::endpoints(),
        registrations::endpoints(),
        me::endpoints(),
        applications::endpoints(),
        decisions::endpoints(),
        applicants::endpoints(),
        directing::endpoints(),
        audit_events::endpoints(),
        ceilings::endpoints(),
        directors::endpoints(),
        staff::endpoints(),
        second_factor::endpoints(),
        oversight::endpoints(),
        oauth::endpoints(),
        society_clients::endpoints(),
        society::endpoints(),
        legacy::endpoints(),
        reference::endpoints(),
        calendar::endpoints(),
        rounds::endpoints(),
        announcements::endpoints(),
        facilities::endpoints(),
        programs::endpoints(),
        statistics::endpoints(),
        training::endpoints(),
        consultations::endpoints(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Serves every endpoint: `/api/v1` behind the gate (throttles, revoked clients), `/api/health`
/// beside it; any other path under `/api` is a 404 problem, a known path with another method a
/// 405.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let endpoints = endpoints();
    let mut api = web::scope("/api");
    let mut v1 = web::scope("/v1");
    for (path, same_path) in by_path(&endpoints) {
        let mut resource =
            web::resource(path.strip_prefix("/api/v1").or(path.strip_prefix("/api")).unwrap_or(path));
        for endpoint in same_path {
            if let Some(bytes) = endpoint.payload_limit {
                resource = resource.app_data(web::PayloadConfig::new(bytes));
            }
            resource = resource.route(endpoint.route());
        }
        if path.starts_with("/api/v1/") {
            v1 = v1.service(resource);
        } else if path.starts_with("/api/") {
            api = api.service(resource);
        } else {
            panic!("{path} is outside /api: every endpoint is served under it");
        }
    }
    cfg.service(
        api.service(
            v1.wrap(actix_web::middleware::from_fn(gate::gate))
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
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use actix_web::dev::ResourceDef;

    use super::endpoints;
    use crate::endpoint::by_path;

    #[test]
    fn every_operation_is_declared_once_and_documented() {
        let endpoints = endpoints();
        let mut seen = HashSet::new();
        for endpoint in &endpoints {
            assert!(
                seen.insert((endpoint.path.clone(), endpoint.method.clone())),
                "{} {} twice",
                endpoint.method,
                endpoint.path
            );
        }
        let spec = crate::openapi::spec();
        let documented: usize = spec
            .paths
            .paths
            .values()
            .map(|item| {
                [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                    .iter()
                    .filter(|o| o.is_some())
                    .count()
            })
            .sum();
        assert_eq!(documented, endpoints.len(), "the document holds the served operations, no other");
        assert!(endpoints.len() > 100, "{}", endpoints.len());
    }

    /// A path is served by the first resource whose template matches it: a path with a literal
    /// segment (`/consultations/follow`) listed after a template that takes any segment there
    /// (`/consultations/{id}`) would never be reached.
    #[test]
    fn no_path_is_shadowed_by_a_template_before_it() {
        let endpoints = endpoints();
        let paths: Vec<&str> = by_path(&endpoints).into_iter().map(|(path, _)| path).collect();
        for (i, path) in paths.iter().enumerate() {
            // The path as a request would name it, a value in each of its own parameters.
            let request: String = path
                .split('/')
                .map(|segment| if segment.starts_with('{') { "0" } else { segment })
                .collect::<Vec<_>>()
                .join("/");
            for earlier in &paths[..i] {
                assert!(!ResourceDef::new(*earlier).is_match(&request), "{path} is shadowed by {earlier}");
            }
        }
        assert!(
            ResourceDef::new("/api/v1/consultations/{id}").is_match("/api/v1/consultations/follow"),
            "the check sees a shadowing template"
        );
    }

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
        // The samples name the routes' path through `routes`, so that a search of the source
        // for route-to-route imports does not find this test's own samples.
        let routes = "crate::routes";
        assert_eq!(reaches_into_routes(&format!("use {routes}::rounds::schedule_of;")).len(), 1);
        assert_eq!(reaches_into_routes(&format!("    let x = {routes}::find_or_404::<E>(db, id);")).len(), 1);
        assert_eq!(reaches_into_routes("use super::records::records_of;").len(), 1);
        assert_eq!(reaches_into_routes("    super::completions::view(db, row)").len(), 1);
        let tests = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}";
        assert!(reaches_into_routes(tests).is_empty(), "a module's own tests");
        let comment = format!("use crate::store::residents;\n//! see {routes}::gate");
        assert!(reaches_into_routes(&comment).is_empty());
    }
}
