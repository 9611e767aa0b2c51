//! senkoi-frontend: the single-page app of Senkoi (Leptos, client-side rendered) — the entry
//! point, the app shell and the routes.

pub mod api;
pub mod clock;
pub mod components;
pub mod document;
pub mod download;
pub mod form;
pub mod i18n;
pub mod pages;
pub mod reference;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use senkoi_domain::Role;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::require_role::RequireRole;
use crate::i18n::I18n;
use crate::pages::account::forgot_id::ForgotIdPage;
use crate::pages::account::forgot_password::ForgotPasswordPage;
use crate::pages::account::login::LoginPage;
use crate::pages::account::migrate_password::MigratePasswordPage;
use crate::pages::account::migrate_request::MigrateRequestPage;
use crate::pages::account::register_email::RegisterEmailPage;
use crate::pages::account::register_form::RegisterFormPage;
use crate::pages::account::reset_password::ResetPasswordPage;
use crate::pages::admin::AdminShell;
use crate::pages::admin::announcements::AdminAnnouncementsPage;
use crate::pages::admin::audit::AdminAuditPage;
use crate::pages::admin::ceilings::AdminCeilingsPage;
use crate::pages::admin::completions::AdminCompletionsPage;
use crate::pages::admin::directors::AdminDirectorsPage;
use crate::pages::admin::overview::AdminOverviewPage;
use crate::pages::admin::programs::AdminProgramsPage;
use crate::pages::admin::rounds::AdminRoundsPage;
use crate::pages::admin::societies::AdminSocietiesPage;
use crate::pages::consultation::file::ConsultationPage;
use crate::pages::consultation::follow::FollowPage;
use crate::pages::consultation::inbox::InboxPage;
use crate::pages::director::dashboard::DirectorDashboard;
use crate::pages::director::program::DirectorProgramPage;
use crate::pages::director::training::DirectorTrainingPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::program_detail::ProgramDetailPage;
use crate::pages::program_search::{LastSearch, ProgramSearchPage};
use crate::pages::resident::my_page::MyPage;
use crate::pages::resident::profile::ProfilePage;
use crate::pages::resident::training::TrainingPage;
use crate::pages::schedule::SchedulePage;
use crate::reference::ReferenceData;
use crate::session::Session;

/// Starts the app when the wasm module is instantiated (`init()` in index.html).
#[wasm_bindgen(start)]
pub fn main() {
    mount_to_body(App);
}

/// The shell: language, session, reference data, header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(document::stored_lang().unwrap_or_default());
    provide_context(I18n { lang });
    Effect::new(move |_| document::apply_lang(lang.get()));
    provide_context(ReferenceData::load());
    provide_context(LastSearch::default());
    provide_context(Session::start());

    view! {
        <Router>
            <Header />
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/schedule") view=SchedulePage />
                    <Route path=path!("/programs") view=ProgramSearchPage />
                    <Route path=path!("/programs/:id") view=ProgramDetailPage />
                    <Route path=path!("/register") view=RegisterEmailPage />
                    <Route path=path!("/register/:token") view=RegisterFormPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/forgot-id") view=ForgotIdPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/reset-password/:token") view=ResetPasswordPage />
                    <Route path=path!("/migrate") view=MigrateRequestPage />
                    <Route path=path!("/migrate/:token") view=MigratePasswordPage />
                    <Route path=path!("/me") view=ResidentMyPage />
                    <Route path=path!("/me/profile") view=ResidentProfilePage />
                    <Route path=path!("/me/training") view=ResidentTrainingPage />
                    <Route path=path!("/consultation") view=ConsultationPage />
                    <Route path=path!("/consultation/follow") view=FollowPage />
                    <Route path=path!("/consultations") view=OfficerInboxPage />
                    <Route path=path!("/director") view=DirectorHomePage />
                    <Route path=path!("/director/programs/:id") view=DirectorProgram />
                    <Route path=path!("/director/training") view=DirectorTraining />
                    <ParentRoute path=path!("/admin") view=AdminShell>
                        <Route path=path!("") view=AdminOverviewPage />
                        <Route path=path!("rounds") view=AdminRoundsPage />
                        <Route path=path!("ceilings") view=AdminCeilingsPage />
                        <Route path=path!("directors") view=AdminDirectorsPage />
                        <Route path=path!("programs") view=AdminProgramsPage />
                        <Route path=path!("completions") view=AdminCompletionsPage />
                        <Route path=path!("societies") view=AdminSocietiesPage />
                        <Route path=path!("announcements") view=AdminAnnouncementsPage />
                        <Route path=path!("audit") view=AdminAuditPage />
                    </ParentRoute>
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// `/me` behind the resident guard.
#[component]
fn ResidentMyPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::Resident>
            <MyPage />
        </RequireRole>
    }
}

/// `/me/profile` behind the resident guard.
#[component]
fn ResidentProfilePage() -> impl IntoView {
    view! {
        <RequireRole role=Role::Resident>
            <ProfilePage />
        </RequireRole>
    }
}

/// `/director` behind the director guard.
#[component]
fn DirectorHomePage() -> impl IntoView {
    view! {
        <RequireRole role=Role::Director>
            <DirectorDashboard />
        </RequireRole>
    }
}

/// `/director/programs/:id` behind the director guard.
#[component]
fn DirectorProgram() -> impl IntoView {
    view! {
        <RequireRole role=Role::Director>
            <DirectorProgramPage />
        </RequireRole>
    }
}

/// `/me/training` behind the resident guard.
#[component]
fn ResidentTrainingPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::Resident>
            <TrainingPage />
        </RequireRole>
    }
}

/// `/director/training` behind the director guard.
#[component]
fn DirectorTraining() -> impl IntoView {
    view! {
        <RequireRole role=Role::Director>
            <DirectorTrainingPage />
        </RequireRole>
    }
}

/// `/consultations` behind the consultation officer's guard.
#[component]
fn OfficerInboxPage() -> impl IntoView {
    view! {
        <RequireRole role=Role::ConsultationOfficer>
            <InboxPage />
        </RequireRole>
    }
}
