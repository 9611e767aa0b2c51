//! Forgot the user ID (`/forgot-id`): the email address; the ID is mailed if it belongs to an
//! account (the answer is the same either way).

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::registration::Email;

use crate::api::{self, ApiProblem};
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Msg, use_i18n};

const FIELDS: [&str; 1] = ["email"];

#[component]
pub fn ForgotIdPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ForgotIdTitle));
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let check =
        Callback::new(move |_| errors.update(|e| e.check(refusal(Email::parse(&email.get_untracked())))));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::request_user_id_reminder(email.get_untracked().trim()).await {
                Ok(()) => sent.set(true),
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="container page account-page">
            <h1>{move || i18n.t(Msg::ForgotIdTitle)}</h1>
            <Show
                when=move || sent.get()
                fallback=move || {
                    view! {
                        <p class="lead">{move || i18n.t(Msg::ForgotIdLead)}</p>
                        <PageError problem />
                        <form class="card form-card narrow" novalidate on:submit=submit>
                            <TextField field="email" value=email errors on_check=check kind="email" autocomplete="email" required=true />
                            <div class="form-actions">
                                <button type="submit" class="button primary" data-testid="submit-forgot-id" disabled=move || pending.get()>
                                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SendButton })}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <p class="notice success" role="status" data-testid="forgot-id-sent">{move || i18n.t(Msg::ForgotIdSent)}</p>
            </Show>
            <p class="back-link">
                <A href="/login">{move || i18n.t(Msg::BackToLogin)}</A>
            </p>
        </div>
    }
}
