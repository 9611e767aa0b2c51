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
use leptos_router::components::{Route, Router, Routes};
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
use crate::pages::director::dashboard::DirectorDashboard;
use crate::pages::director::program::DirectorProgramPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::program_detail::ProgramDetailPage;
use crate::pages::program_search::{LastSearch, ProgramSearchPage};
use crate::pages::resident::my_page::MyPage;
use crate::pages::resident::profile::ProfilePage;
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
                    <Route path=path!("/director") view=DirectorHomePage />
                    <Route path=path!("/director/programs/:id") view=DirectorProgram />
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
