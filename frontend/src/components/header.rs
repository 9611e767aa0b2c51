//! The site header: the system's name, the main navigation and the language toggle.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::components::lang_toggle::LangToggle;
use crate::i18n::{Msg, use_i18n};

/// Moves keyboard focus to the page's content, past the header.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) =
        document().get_element_by_id("main").and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main" on:click=skip_to_content>
                {move || i18n.t(Msg::SkipToContent)}
            </a>
            <div class="header-bar">
                <div class="container header-inner">
                    <A href="/" exact=true attr:class="brand">
                        <span class="brand-mark" aria-hidden="true">"専"</span>
                        <span class="brand-text">
                            <span class="brand-name">{move || i18n.t(Msg::SystemName)}</span>
                            <span class="brand-sub">{move || i18n.t(Msg::SystemSubtitle)}</span>
                        </span>
                    </A>
                    <LangToggle />
                </div>
            </div>
            <nav class="site-nav" aria-label=move || i18n.t(Msg::MainNavigation)>
                <ul class="container nav-list">
                    <li>
                        <A href="/" exact=true attr:data-testid="nav-home">
                            {move || i18n.t(Msg::NavHome)}
                        </A>
                    </li>
                    <li>
                        <A href="/schedule" attr:data-testid="nav-schedule">
                            {move || i18n.t(Msg::NavSchedule)}
                        </A>
                    </li>
                    <li>
                        <A href="/programs" attr:data-testid="nav-programs">
                            {move || i18n.t(Msg::NavPrograms)}
                        </A>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
