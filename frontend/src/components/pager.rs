//! Previous/next page controls with the current position.

use leptos::prelude::*;

use crate::i18n::{Msg, format_page, use_i18n};

/// `page` is 1-based; `pages` is at least 1. `on_page` gets the page to go to.
#[component]
pub fn Pager(page: u64, pages: u64, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let pages = pages.max(1);
    view! {
        <nav class="pager" aria-label=move || i18n.t(Msg::PaginationLabel)>
            <button
                type="button"
                class="button secondary"
                data-testid="prev-page"
                disabled={page <= 1}
                on:click=move |_| on_page.run(page.saturating_sub(1).max(1))
            >
                <span aria-hidden="true">"‹ "</span>
                {move || i18n.t(Msg::PrevPage)}
            </button>
            <span class="pager-position" aria-current="page">
                {move || format_page(i18n.lang(), page.min(pages), pages)}
            </span>
            <button
                type="button"
                class="button secondary"
                data-testid="next-page"
                disabled={page >= pages}
                on:click=move |_| on_page.run(page + 1)
            >
                {move || i18n.t(Msg::NextPage)}
                <span aria-hidden="true">" ›"</span>
            </button>
        </nav>
    }
}
