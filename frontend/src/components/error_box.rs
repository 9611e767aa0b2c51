//! The error box: the server's problem detail, or a message of our own when there is none.

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::i18n::{Msg, use_i18n};

/// Shows `problem`. `not_found` replaces the message of a 404 (e.g. "the program was not found").
#[component]
pub fn ErrorBox(problem: ApiProblem, #[prop(optional)] not_found: Option<Msg>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if problem.is_network() {
            i18n.t(Msg::ErrorNetwork).to_string()
        } else if let (true, Some(msg)) = (problem.is_not_found(), not_found) {
            i18n.t(msg).to_string()
        } else if !problem.detail.is_empty() {
            problem.detail.clone()
        } else if !problem.title.is_empty() {
            problem.title.clone()
        } else {
            i18n.t(Msg::ErrorUnexpected).to_string()
        }
    };
    view! {
        <div class="error-box" data-testid="error" role="alert">
            <p class="error-heading">{move || i18n.t(Msg::ErrorHeading)}</p>
            <p class="error-message">{message}</p>
        </div>
    }
}
