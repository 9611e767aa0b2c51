//! The page for a path the SPA does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::document::use_page_title;
use crate::i18n::{Msg, use_i18n};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::NotFoundTitle));
    view! {
        <div class="container page">
            <h1>{move || i18n.t(Msg::NotFoundTitle)}</h1>
            <p>{move || i18n.t(Msg::NotFoundText)}</p>
            <p>
                <A href="/">{move || i18n.t(Msg::BackHome)}</A>
            </p>
        </div>
    }
}
