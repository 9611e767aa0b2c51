//! Where the resident is in registration: email, form, confirmation, done.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

const STEPS: [Msg; 4] = [Msg::StepEmail, Msg::StepForm, Msg::StepConfirm, Msg::StepDone];

/// `current` is 1-based.
#[component]
pub fn Steps(current: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="steps" aria-label=move || i18n.t(Msg::StepsLabel) data-testid="steps">
            {STEPS
                .iter()
                .enumerate()
                .map(|(i, msg)| {
                    let n = i + 1;
                    let msg = *msg;
                    view! {
                        <li
                            class:step-done=n < current
                            class:step-current=n == current
                            aria-current=(n == current).then_some("step")
                        >
                            <span class="step-number" aria-hidden="true">{n}</span>
                            {move || i18n.t(msg)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
