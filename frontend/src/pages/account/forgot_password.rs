//! Forgot the password (`/forgot-password`): the user ID (staff: email); a reset link valid one
//! hour is mailed if the account exists (the answer is the same either way).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiProblem};
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send};
use crate::i18n::{Msg, use_i18n};
use crate::pages::account::login::{login_refusals, login_value};

const FIELDS: [&str; 1] = ["login"];

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ForgotPasswordTitle));
    let login = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    // The login's own check, without the password this page does not ask for.
    let check = Callback::new(move |_| {
        errors.update(|e| {
            e.check(login_refusals(&login.get_untracked(), "-").into_iter().filter(|(f, _)| f == "login"))
        })
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::request_password_reset(&login_value(&login.get_untracked())).await {
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
            <h1>{move || i18n.t(Msg::ForgotPasswordTitle)}</h1>
            <Show
                when=move || sent.get()
                fallback=move || {
                    view! {
                        <p class="lead">{move || i18n.t(Msg::ForgotPasswordLead)}</p>
                        <PageError problem />
                        <form class="card form-card narrow" novalidate on:submit=submit>
                            <TextField field="login" value=login errors on_check=check autocomplete="username" hint=Msg::HintLogin required=true />
                            <div class="form-actions">
                                <button type="submit" class="button primary" data-testid="submit-forgot-password" disabled=move || pending.get()>
                                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SendButton })}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <p class="notice success" role="status" data-testid="forgot-password-sent">
                    {move || i18n.t(Msg::ForgotPasswordSent)}
                </p>
            </Show>
            <p class="back-link">
                <A href="/login">{move || i18n.t(Msg::BackToLogin)}</A>
            </p>
        </div>
    }
}
