//! A new password from the mailed link (`/reset-password/:token`); an expired or used link says
//! so and offers a new one.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiProblem};
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{
    FieldErrors, land_field_errors, password_refusals, ready_to_send, staff_password_refusals,
};
use crate::i18n::{Msg, use_i18n};

const FIELDS: [&str; 2] = ["password", "password_confirm"];

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ResetPasswordTitle));
    let params = use_params_map();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    // Whose password the link sets: a staff member's follows the staff rule. A link that is gone
    // says so at once, before anything is typed.
    let staff = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let token = params.read_untracked().get("token").unwrap_or_default();
        match api::password_link(&token).await {
            Ok(link) => staff.set(link.staff),
            Err(gone) => problem.set(Some(gone)),
        }
    });
    let check = Callback::new(move |_| {
        let (first, again) = (password.get_untracked(), password_confirm.get_untracked());
        let found = if staff.get_untracked() {
            staff_password_refusals(&first, &again)
        } else {
            password_refusals(&first, &again)
        };
        errors.update(|e| e.check(found))
    });
    let gone = move || problem.with(|p| p.as_ref().is_some_and(|p| p.is_gone() || p.is_not_found()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let token = params.read_untracked().get("token").unwrap_or_default();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::confirm_password_reset(&token, &password.get_untracked()).await {
                Ok(()) => navigate("/login?notice=password-reset", NavigateOptions::default()),
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
            <h1>{move || i18n.t(Msg::ResetPasswordTitle)}</h1>
            <PageError problem />
            <Show
                when=gone
                fallback=move || {
                    view! {
                        <p class="lead">{move || i18n.t(Msg::ResetPasswordLead)}</p>
                        <form class="card form-card narrow" novalidate on:submit=submit.clone()>
                            {move || {
                                let hint = if staff.get() { Msg::HintStaffPassword } else { Msg::HintPassword };
                                view! { <TextField field="password" value=password errors on_check=check kind="password" autocomplete="new-password" hint required=true /> }
                            }}
                            <TextField field="password_confirm" value=password_confirm errors on_check=check kind="password" autocomplete="new-password" required=true />
                            <div class="form-actions">
                                <button type="submit" class="button primary" data-testid="submit-reset-password" disabled=move || pending.get()>
                                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SetPasswordButton })}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <p>
                    <A href="/forgot-password" attr:class="button primary" attr:data-testid="link-request-new">
                        {move || i18n.t(Msg::RequestNewLink)}
                    </A>
                </p>
            </Show>
        </div>
    }
}
