//! senkoi-frontend: the single-page app of Senkoi (Leptos, client-side rendered) — the entry
//! point, the app shell and the routes.

pub mod api;
pub mod components;
pub mod document;
pub mod i18n;
pub mod pages;
pub mod reference;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::program_detail::ProgramDetailPage;
use crate::pages::program_search::{LastSearch, ProgramSearchPage};
use crate::pages::schedule::SchedulePage;
use crate::reference::ReferenceData;

/// Starts the app when the wasm module is instantiated (`init()` in index.html).
#[wasm_bindgen(start)]
pub fn main() {
    mount_to_body(App);
}

/// The shell: language, reference data, header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(document::stored_lang().unwrap_or_default());
    provide_context(I18n { lang });
    Effect::new(move |_| document::apply_lang(lang.get()));
    provide_context(ReferenceData::load());
    provide_context(LastSearch::default());

    view! {
        <Router>
            <Header />
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/schedule") view=SchedulePage />
                    <Route path=path!("/programs") view=ProgramSearchPage />
                    <Route path=path!("/programs/:id") view=ProgramDetailPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
