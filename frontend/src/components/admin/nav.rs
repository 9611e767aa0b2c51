//! The admin navigation (管理メニュー): one link per admin page, the current one marked.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Msg, use_i18n};

/// The admin pages: path, label, `data-testid`.
const PAGES: [(&str, Msg, &str); 10] = [
    ("/admin", Msg::AdminOverviewTitle, "admin-nav-overview"),
    ("/admin/rounds", Msg::AdminRoundsTitle, "admin-nav-rounds"),
    ("/admin/ceilings", Msg::AdminCeilingsTitle, "admin-nav-ceilings"),
    ("/admin/directors", Msg::AdminDirectorsTitle, "admin-nav-directors"),
    ("/admin/staff", Msg::AdminStaffTitle, "admin-nav-staff"),
    ("/admin/programs", Msg::AdminProgramsTitle, "admin-nav-programs"),
    ("/admin/completions", Msg::AdminCompletionsTitle, "admin-nav-completions"),
    ("/admin/societies", Msg::AdminSocietiesTitle, "admin-nav-societies"),
    ("/admin/announcements", Msg::AdminAnnouncementsTitle, "admin-nav-announcements"),
    ("/admin/audit", Msg::AdminAuditTitle, "admin-nav-audit"),
];

#[component]
pub fn AdminNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="admin-nav" aria-label=move || i18n.t(Msg::AdminNavigation)>
            <ul class="container admin-nav-list">
                {PAGES
                    .into_iter()
                    .map(|(href, label, testid)| {
                        view! {
                            <li>
                                <A href=href exact=true attr:data-testid=testid>
                                    {move || i18n.t(label)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
