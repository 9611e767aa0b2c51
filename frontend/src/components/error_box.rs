//! The error box: what went wrong, in the current language, read from the problem's `code` (the
//! server's Japanese `detail` only for a code the catalogue does not know, and only in Japanese).

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::i18n::{Msg, problem_text, use_i18n};

/// Shows `problem`. `not_found` replaces the message of a 404 (e.g. "the program was not found");
/// `testid` names the box for browser tests (`error` unless given, `page-error` on forms).
#[component]
pub fn ErrorBox(
    problem: ApiProblem,
    #[prop(optional)] not_found: Option<Msg>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match (problem.is_not_found(), not_found) {
        (true, Some(msg)) => i18n.t(msg).to_string(),
        _ => problem_text(i18n.lang(), &problem.code, problem.status, &problem.detail),
    };
    view! {
        <div class="error-box" data-testid=testid.unwrap_or("error") role="alert">
            <p class="error-heading">{move || i18n.t(Msg::ErrorHeading)}</p>
            <p class="error-message">{message}</p>
        </div>
    }
}
