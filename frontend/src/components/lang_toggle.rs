//! The language toggle: shows the other language's name and switches to it.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

#[component]
pub fn LangToggle() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="lang-toggle"
            data-testid="lang-toggle"
            // The label is in the language it switches to, so say so to screen readers.
            lang=move || i18n.lang().other().tag()
            aria-label=move || i18n.t(Msg::LangToggleLabel)
            on:click=move |_| i18n.toggle()
        >
            {move || i18n.t(Msg::LangToggle)}
        </button>
    }
}
