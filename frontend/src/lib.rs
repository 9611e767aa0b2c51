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
pub mod routes;
pub mod session;
pub mod table_labels;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, path};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::admin::AdminShell;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::program_search::LastSearch;
use crate::session::Session;

/// Starts the app when the wasm module is instantiated (`init()` in index.html).
#[wasm_bindgen(start)]
pub fn main() {
    mount_to_body(App);
    table_labels::watch();
}

/// The shell: language, session, reference data, header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(document::stored_lang().unwrap_or_default());
    provide_context(I18n { lang });
    Effect::new(move |_| document::apply_lang(lang.get()));
    provide_context(LastSearch::default());
    provide_context(Session::start());

    view! {
        <Router>
            <Header />
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/schedule") view={Lazy::<routes::Schedule>::new()} />
                    <Route path=path!("/statistics") view={Lazy::<routes::Statistics>::new()} />
                    <Route path=path!("/programs") view={Lazy::<routes::ProgramSearch>::new()} />
                    <Route path=path!("/programs/:id") view={Lazy::<routes::ProgramDetail>::new()} />
                    <Route path=path!("/register") view={Lazy::<routes::RegisterEmail>::new()} />
                    <Route path=path!("/register/:token") view={Lazy::<routes::RegisterForm>::new()} />
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} />
                    <Route path=path!("/forgot-id") view={Lazy::<routes::ForgotId>::new()} />
                    <Route path=path!("/forgot-password") view={Lazy::<routes::ForgotPassword>::new()} />
                    <Route path=path!("/reset-password/:token") view={Lazy::<routes::ResetPassword>::new()} />
                    <Route path=path!("/account/second-factor") view={Lazy::<routes::SecondFactor>::new()} />
                    <Route path=path!("/migrate") view={Lazy::<routes::MigrateRequest>::new()} />
                    <Route path=path!("/migrate/:token") view={Lazy::<routes::MigratePassword>::new()} />
                    <Route path=path!("/me") view={Lazy::<routes::ResidentMy>::new()} />
                    <Route path=path!("/me/profile") view={Lazy::<routes::ResidentProfile>::new()} />
                    <Route path=path!("/me/training") view={Lazy::<routes::ResidentTraining>::new()} />
                    <Route path=path!("/consultation") view={Lazy::<routes::Consultation>::new()} />
                    <Route path=path!("/consultation/follow") view={Lazy::<routes::ConsultationFollow>::new()} />
                    <Route path=path!("/consultations") view={Lazy::<routes::OfficerInbox>::new()} />
                    <Route path=path!("/director") view={Lazy::<routes::DirectorHome>::new()} />
                    <Route path=path!("/director/programs/:id") view={Lazy::<routes::DirectorProgram>::new()} />
                    <Route path=path!("/director/training") view={Lazy::<routes::DirectorTraining>::new()} />
                    <ParentRoute path=path!("/admin") view=AdminShell>
                        <Route path=path!("") view={Lazy::<routes::AdminOverview>::new()} />
                        <Route path=path!("rounds") view={Lazy::<routes::AdminRounds>::new()} />
                        <Route path=path!("ceilings") view={Lazy::<routes::AdminCeilings>::new()} />
                        <Route path=path!("directors") view={Lazy::<routes::AdminDirectors>::new()} />
                        <Route path=path!("staff") view={Lazy::<routes::AdminStaff>::new()} />
                        <Route path=path!("programs") view={Lazy::<routes::AdminPrograms>::new()} />
                        <Route path=path!("completions") view={Lazy::<routes::AdminCompletions>::new()} />
                        <Route path=path!("societies") view={Lazy::<routes::AdminSocieties>::new()} />
                        <Route path=path!("announcements") view={Lazy::<routes::AdminAnnouncements>::new()} />
                        <Route path=path!("audit") view={Lazy::<routes::AdminAudit>::new()} />
                    </ParentRoute>
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
