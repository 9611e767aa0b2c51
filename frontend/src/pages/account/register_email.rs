//! Registration, step 1 (`/register?reason=`): the email address, then "mail sent". A link that
//! expired or was used comes back here with its `reason` shown.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use senkoi_domain::registration::Email;

use crate::api::{self, ApiProblem};
use crate::components::error_box::ErrorBox;
use crate::components::page_error::PageError;
use crate::components::steps::Steps;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Msg, use_i18n};

const FIELDS: [&str; 1] = ["email"];

#[component]
pub fn RegisterEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::RegisterTitle));
    let query = use_query_map();
    // Why the resident was sent back here (registration-link-expired, -used, link-not-found).
    let reason = Memo::new(move |_| query.read().get("reason").filter(|r| !r.is_empty()));

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
            match api::request_registration(email.get_untracked().trim()).await {
                Ok(_) => sent.set(true),
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
            <h1>{move || i18n.t(Msg::RegisterTitle)}</h1>
            <Steps current=1 />
            <Show
                when=move || sent.get()
                fallback=move || {
                    view! {
                        {move || {
                            reason
                                .get()
                                .map(|code| {
                                    view! { <ErrorBox problem=ApiProblem::with_code(410, &code) testid="page-error" /> }
                                })
                        }}
                        <p class="lead">{move || i18n.t(Msg::RegisterEmailLead)}</p>
                        <PageError problem />
                        <form class="card form-card" novalidate on:submit=submit>
                            <TextField
                                field="email"
                                value=email
                                errors
                                on_check=check
                                kind="email"
                                autocomplete="email"
                                hint=Msg::HintEmail
                                required=true
                            />
                            <div class="form-actions">
                                <button
                                    type="submit"
                                    class="button primary"
                                    data-testid="submit-register-email"
                                    disabled=move || pending.get()
                                >
                                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SendLinkButton })}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <section class="card done-card" data-testid="register-mail-sent" role="status">
                    <h2>{move || i18n.t(Msg::MailSentTitle)}</h2>
                    <p>{move || i18n.t(Msg::MailSentText)}</p>
                </section>
            </Show>
        </div>
    }
}
