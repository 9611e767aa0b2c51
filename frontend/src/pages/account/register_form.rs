//! Registration, steps 2–4 (`/register/:token`): the mailed link is checked first (an expired or
//! used one goes back to step 1 saying so), then the form, the confirmation screen (確認画面) with
//! 戻る and 登録, and the new user ID (ユーザID).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use senkoi_domain::wire::{RegistrationLinkView, RegistrationRequest};

use crate::api::{self, ApiProblem};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::profile_summary::ProfileSummary;
use crate::components::resident_form::{ResidentFormFields, ResidentFormState};
use crate::components::steps::Steps;
use crate::components::text_field::TextField;
use crate::components::user_id_card::UserIdCard;
use crate::document::use_page_title;
use crate::form::{
    FieldErrors, RESIDENT_FIELDS, focus_main, land_field_errors, password_refusals, ready_to_send,
    with_conflict_on_field,
};
use crate::i18n::{Msg, field_label, format_instant, use_i18n};

/// Step 1 again, saying why.
fn back_to_step_one(reason: &str) -> String {
    format!("/register?reason={}", js_sys::encode_uri_component(reason))
}

#[component]
pub fn RegisterFormPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::RegisterTitle));
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let link = LocalResource::new(move || {
        let token = token.get();
        async move { api::registration_link(&token).await }
    });
    let navigate = use_navigate();

    view! {
        <div class="container page account-page">
            <h1>{move || i18n.t(Msg::RegisterTitle)}</h1>
            <Suspense fallback=Loading>
                {move || {
                    let navigate = navigate.clone();
                    Suspend::new(async move {
                        match link.await {
                            Ok(link) => view! { <Registration token=token.get_untracked() link /> }.into_any(),
                            Err(problem) if problem.is_gone() || problem.is_not_found() => {
                                let reason = if problem.is_gone() { problem.code.clone() } else { "link-not-found".into() };
                                navigate(
                                    &back_to_step_one(&reason),
                                    NavigateOptions { replace: true, ..NavigateOptions::default() },
                                );
                                view! { <Loading /> }.into_any()
                            }
                            Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Form,
    Confirm,
    Done(String),
}

/// The form, its confirmation and the done screen, for a link known to be good.
#[component]
fn Registration(token: String, link: RegistrationLinkView) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let step = RwSignal::new(Step::Form);
    let state = ResidentFormState::blank();
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let token = StoredValue::new(token);
    let RegistrationLinkView { email, expires_at } = link;

    let check = Callback::new(move |_| {
        let mut found = state.refusals();
        found.extend(password_refusals(&password.get_untracked(), &password_confirm.get_untracked()));
        errors.update(|e| e.check(found));
    });

    let to_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if ready_to_send(errors, &RESIDENT_FIELDS) {
            problem.set(None);
            step.set(Step::Confirm);
            focus_main();
        }
    };

    let back = move |_| {
        step.set(Step::Form);
        focus_main();
    };

    let register = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        let request = RegistrationRequest { form: state.form(), password: password.get_untracked() };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let token = token.get_value();
            match api::register_resident(&token, &request).await {
                Ok(view) => {
                    step.set(Step::Done(view.user_id));
                    focus_main();
                }
                Err(refused) if refused.is_gone() => {
                    navigate(&back_to_step_one(&refused.code), NavigateOptions::default());
                }
                Err(refused) if refused.code == "registration-number-taken" || !refused.errors.is_empty() => {
                    // Back to the form, with the refusals on their fields.
                    step.set(Step::Form);
                    land_field_errors(errors, &RESIDENT_FIELDS, &with_conflict_on_field(&refused));
                    problem.set(Some(refused));
                }
                Err(refused) => problem.set(Some(refused)),
            }
            pending.set(false);
        });
    };

    let email = StoredValue::new(email);
    let form_step = move || {
        view! {
            <Steps current=2 />
            <p class="lead">{move || i18n.t(Msg::RegisterFormLead)}</p>
            <dl class="detail-list link-facts">
                <dt>{move || i18n.t(Msg::RegisteringEmail)}</dt>
                <dd data-testid="registration-email">{email.get_value()}</dd>
                <dt>{move || i18n.t(Msg::LinkValidUntil)}</dt>
                <dd>{move || format_instant(i18n.lang(), expires_at)}</dd>
            </dl>
            <PageError problem />
            <form class="card form-card" novalidate on:submit=to_confirm>
                <ResidentFormFields state errors on_check=check />
                <fieldset class="form-section">
                    <legend>{move || i18n.t(Msg::SectionPassword)}</legend>
                    <div class="form-grid">
                        <TextField
                            field="password"
                            value=password
                            errors
                            on_check=check
                            kind="password"
                            autocomplete="new-password"
                            hint=Msg::HintPassword
                            required=true
                        />
                        <TextField
                            field="password_confirm"
                            value=password_confirm
                            errors
                            on_check=check
                            kind="password"
                            autocomplete="new-password"
                            required=true
                        />
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="submit-registration-form">
                        {move || i18n.t(Msg::ToConfirmButton)}
                    </button>
                </div>
            </form>
        }
    };

    let confirm_step = move || {
        let register = register.clone();
        view! {
            <Steps current=3 />
            <section class="card confirm-card" data-testid="registration-confirm" aria-labelledby="confirm-heading">
                <h2 id="confirm-heading">{move || i18n.t(Msg::ConfirmTitle)}</h2>
                <p>{move || i18n.t(Msg::ConfirmLead)}</p>
                <PageError problem />
                <ProfileSummary form=state.normalized()>
                    <dt>{move || field_label(i18n.lang(), "email")}</dt>
                    <dd data-testid="value-email">{email.get_value()}</dd>
                    <dt>{move || field_label(i18n.lang(), "password")}</dt>
                    <dd class="muted">{move || i18n.t(Msg::PasswordNotShown)}</dd>
                </ProfileSummary>
                <div class="form-actions">
                    <button type="button" class="button secondary" data-testid="confirm-back" on:click=back>
                        {move || i18n.t(Msg::BackButton)}
                    </button>
                    <button
                        type="button"
                        class="button primary"
                        data-testid="submit-registration"
                        disabled=move || pending.get()
                        on:click=register
                    >
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::RegisterButton })}
                    </button>
                </div>
            </section>
        }
    };

    move || match step.get() {
        Step::Form => form_step().into_any(),
        Step::Confirm => confirm_step().into_any(),
        Step::Done(user_id) => view! {
            <Steps current=4 />
            <section class="done-section" data-testid="registration-done" aria-labelledby="done-heading">
                <h2 id="done-heading">{move || i18n.t(Msg::RegisterDoneTitle)}</h2>
                <UserIdCard user_id note=Msg::UserIdMailedNote />
            </section>
        }
        .into_any(),
    }
}
