//! The consultation desk (専攻医相談窓口): the form anyone may file with, the reporter's page
//! behind their private link, and the officers' inbox.

pub mod file;
pub mod follow;
pub mod inbox;

use leptos::prelude::*;
use senkoi_domain::consultation::{
    ConsultationCategory, ConsultationStatus, ConsultationText, MessageAuthor,
};
use senkoi_domain::wire::ConsultationMessageView;

use crate::api::ApiProblem;
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, format_instant, use_i18n};

pub fn category_label(lang: Lang, category: ConsultationCategory) -> &'static str {
    lang.pick(category.name_ja(), category.name_en())
}

pub fn status_label(lang: Lang, status: ConsultationStatus) -> &'static str {
    match status {
        ConsultationStatus::Open => Msg::ConsultationStatusOpen,
        ConsultationStatus::Answered => Msg::ConsultationStatusAnswered,
    }
    .text(lang)
}

/// A consultation's messages, oldest first.
#[component]
pub fn Messages(messages: Vec<ConsultationMessageView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline consultation-messages" data-testid="consultation-messages">
            {messages.into_iter().map(|m| {
                let (at, author) = (m.at, m.author);
                view! {
                    <li data-testid="consultation-message" data-author=move || match author {
                        MessageAuthor::Reporter => "reporter",
                        MessageAuthor::Officer => "officer",
                    }>
                        <p class="timeline-when">
                            {move || format_instant(i18n.lang(), at)} " "
                            <strong>{move || i18n.t(match author {
                                MessageAuthor::Reporter => Msg::AuthorReporter,
                                MessageAuthor::Officer => Msg::AuthorOfficer,
                            })}</strong>
                        </p>
                        <p class="pre-wrap" data-testid="consultation-message-body">{m.body}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A new message (the reporter's follow-up or an officer's answer), checked by the domain as it
/// is typed; `send` gets the text and answers the server's refusal, if any.
#[component]
pub fn MessageForm<F, Fut>(
    /// The button's words.
    button: Msg,
    /// The button's `data-testid`.
    testid: &'static str,
    send: F,
) -> impl IntoView
where
    F: Fn(String) -> Fut + Clone + 'static,
    Fut: std::future::Future<Output = Result<(), ApiProblem>> + 'static,
{
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        errors.update(|e| e.check(refusal(ConsultationText::parse(&body.get_untracked()))));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &["body"]) {
            return;
        }
        let send = send.clone();
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = send(body.get_untracked()).await;
            pending.set(false);
            match answer {
                Ok(()) => body.set(String::new()),
                Err(refused) => {
                    land_field_errors(errors, &["body"], &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    view! {
        <form class="card form-card" novalidate on:submit=submit>
            <PageError problem />
            <TextField field="body" value=body errors on_check=check multiline=true required=true />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid=testid disabled=move || pending.get()>
                    {move || i18n.t(button)}
                </button>
            </div>
        </form>
    }
}
