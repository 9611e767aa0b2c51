//! Completion applications (`/admin/completions`): those that wait for the board's check, and the
//! approved ones whose fee or certificate is still to be recorded.

use leptos::prelude::*;

use crate::components::completion_queue::CompletionQueue;
use crate::document::use_page_title;
use crate::i18n::{Msg, use_i18n};

#[component]
pub fn AdminCompletionsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminCompletionsTitle));
    view! {
        <div class="container page admin-page admin-completions" data-testid="admin-completions">
            <h1>{move || i18n.t(Msg::AdminCompletionsTitle)}</h1>
            <CompletionQueue />
        </div>
    }
}
