//! The board admin's pages (機構 管理画面) under `/admin`, behind the admin route guard, with the
//! admin navigation above each: the watch over running rounds, the schedule, ceilings, directors,
//! staff accounts, the catalogue, announcements and the audit log.

pub mod announcements;
pub mod audit;
pub mod ceilings;
pub mod completions;
pub mod directors;
pub mod overview;
pub mod programs;
pub mod rounds;
pub mod societies;
pub mod staff;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_query_map;
use senkoi_domain::Role;
use senkoi_domain::resident::recruitment_year_at;

use crate::api;
use crate::clock::device_now;

use crate::components::admin::nav::AdminNav;
use crate::components::require_role::RequireRole;

/// The parent of every `/admin` route: the guard, the navigation, and the page.
#[component]
pub fn AdminShell() -> impl IntoView {
    view! {
        <RequireRole role=Role::Admin>
            <AdminNav />
            <Outlet />
        </RequireRole>
    }
}

/// The year a page opens on: `?year=` when the URL names one, else the recruitment year running
/// now by the server's clock (`GET /time`; the device's until it answers, and whenever it cannot:
/// only a default to look at, nothing is decided by it).
pub fn asked_year() -> RwSignal<i32> {
    let named = use_query_map()
        .read_untracked()
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| senkoi_domain::program::parse_year(*y).is_ok());
    let year = RwSignal::new(named.unwrap_or_else(|| recruitment_year_at(device_now())));
    if named.is_none() {
        leptos::task::spawn_local(async move {
            if let Ok(now) = api::server_now().await {
                let running = recruitment_year_at(now);
                if year.try_get_untracked().is_some_and(|shown| shown != running) {
                    year.try_set(running);
                }
            }
        });
    }
    year
}
