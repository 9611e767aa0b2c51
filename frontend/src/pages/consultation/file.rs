//! Filing a consultation (`/consultation`): no account and no name; the kind and the words,
//! checked by the domain as they are typed. The answer shows the private link once.

use leptos::prelude::*;
use senkoi_domain::consultation::{ConsultationCategory, ConsultationText};
use senkoi_domain::wire::{ConsultationFiled, ConsultationRequest};

use crate::api::{ApiProblem, training};
use crate::components::copy_button::CopyButton;
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, use_i18n};

const FIELDS: [&str; 2] = ["category", "body"];

fn category_options(lang: Lang) -> Vec<(String, String)> {
    ConsultationCategory::ALL
        .into_iter()
        .map(|c| (c.code().to_string(), super::category_label(lang, c).to_string()))
        .collect()
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ConsultationTitle));
    // Nothing chosen for the reporter: they say what it is about.
    let category = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let filed = RwSignal::new(None::<ConsultationFiled>);
    let check = Callback::new(move |_| {
        let found = [
            refusal(ConsultationCategory::parse(&category.get_untracked())),
            refusal(ConsultationText::parse(&body.get_untracked())),
        ];
        errors.update(|e| e.check(found.into_iter().flatten()));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let request = ConsultationRequest { category: category.get_untracked(), body: body.get_untracked() };
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = training::file_consultation(request).await;
            pending.set(false);
            match answer {
                Ok(done) => {
                    body.set(String::new());
                    filed.set(Some(done));
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    view! {
        <div class="container page consultation-page" data-testid="consultation-page">
            <h1>{move || i18n.t(Msg::ConsultationTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::ConsultationLead)}</p>
            {move || match filed.get() {
                Some(done) => {
                    // The link goes to this SPA, whatever address the server was told it has.
                    let path = done.follow_url.find("/consultation/follow").map(|at| done.follow_url[at..].to_string()).unwrap_or_default();
                    view! {
                        <section class="card notice success" role="status" data-testid="consultation-filed">
                            <h2>{move || i18n.t(Msg::ConsultationFiledTitle)}</h2>
                            <p>{move || i18n.t(Msg::ConsultationKeepLink)}</p>
                            <p><a href=path.clone() data-testid="follow-link">{done.follow_url.clone()}</a></p>
                            <CopyButton text=done.follow_url.clone() />
                        </section>
                    }.into_any()
                }
                None => view! {
                    <form class="card form-card" novalidate on:submit=submit aria-labelledby="consultation-heading">
                        <h2 id="consultation-heading" class="visually-hidden">{move || i18n.t(Msg::ConsultationTitle)}</h2>
                        <p class="hint">{move || i18n.t(Msg::ConsultationPrivacy)}</p>
                        <PageError problem />
                        <SelectField field="category" value=category errors on_check=check options=category_options required=true />
                        <TextField field="body" value=body errors on_check=check multiline=true required=true />
                        <div class="form-actions">
                            <button type="submit" class="button primary" data-testid="send-consultation" disabled=move || pending.get()>
                                {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::ConsultationSend })}
                            </button>
                        </div>
                    </form>
                }.into_any(),
            }}
        </div>
    }
}
