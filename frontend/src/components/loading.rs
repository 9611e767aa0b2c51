//! The loading indicator shown while the API answers.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading" data-testid="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || i18n.t(Msg::Loading)}
        </div>
    }
}
