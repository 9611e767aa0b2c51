//! The error box: what went wrong, in the current language, read from the problem's `code` (the
//! server's Japanese `detail` only for a code the catalogue does not know, and only in Japanese),
//! with the figures of a refusal past a capacity or ceiling, and what to do next where the
//! catalogue says.

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::i18n::{Msg, next_step, problem_text, use_i18n};

/// Shows `problem`. `not_found` replaces the message of a 404 (e.g. "the program was not found"),
/// `unprocessable` that of a 422; `testid` names the box for browser tests (`error` unless given,
/// `page-error` on forms).
#[component]
pub fn ErrorBox(
    problem: ApiProblem,
    #[prop(optional)] not_found: Option<Msg>,
    #[prop(optional)] unprocessable: Option<Msg>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let replaced = match problem.status {
        404 => not_found,
        422 => unprocessable,
        _ => None,
    };
    let next = next_step(&problem.code);
    let limit = problem.limit_refusal();
    let message = move || match (replaced, &limit) {
        (Some(msg), _) => i18n.t(msg).to_string(),
        (None, Some(refusal)) => i18n.lang().pick(&refusal.message_ja(), &refusal.message_en()).to_string(),
        (None, None) => problem_text(i18n.lang(), &problem.code, problem.status, &problem.detail),
    };
    view! {
        <div class="error-box" data-testid=testid.unwrap_or("error") role="alert">
            <p class="error-heading">{move || i18n.t(Msg::ErrorHeading)}</p>
            <p class="error-message">{message}</p>
            {next.map(|next| view! { <p class="error-next">{move || i18n.t(next)}</p> })}
        </div>
    }
}
