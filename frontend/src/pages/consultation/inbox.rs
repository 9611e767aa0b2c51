//! The officers' inbox (`/consultations`): every consultation, those waiting for an answer
//! first, without their words; opening one reads it (an audited read) and lets the officer answer.

use leptos::prelude::*;
use senkoi_domain::wire::{ConsultationSummary, ConsultationView, Page};

use crate::api::{ApiProblem, training};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_instant, use_i18n};
use crate::session::use_session;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::InboxTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u64);
    let inbox = LocalResource::new(move || {
        version.track();
        let page = page.get();
        async move { session.authorized(|token| training::inbox(token, page)).await }
    });
    let on_page = Callback::new(move |p| page.set(p));
    let open = RwSignal::new(None::<Result<ConsultationView, ApiProblem>>);
    let read = Callback::new(move |id: String| {
        leptos::task::spawn_local(async move {
            open.set(Some(session.authorized(|token| training::consultation(token, id.clone())).await));
        });
    });
    view! {
        <div class="container page inbox-page" data-testid="consultation-inbox">
            <h1>{move || i18n.t(Msg::InboxTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::InboxLead)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(list) if list.items.is_empty() && list.page <= 1 => view! { <p class="empty">{move || i18n.t(Msg::InboxEmpty)}</p> }.into_any(),
                        Ok(list) => view! { <Inbox list read on_page /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Transition>
            {move || open.get().map(|shown| match shown {
                Ok(consultation) => view! { <Opened consultation open version /> }.into_any(),
                Err(problem) => view! { <ErrorBox problem /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Inbox(list: Page<ConsultationSummary>, read: Callback<String>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let (page, pages) = (list.page, list.pages());
    let items = list.items;
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::InboxCaption)>
            <table class="data-table" data-testid="inbox">
                <caption class="visually-hidden">{move || i18n.t(Msg::InboxCaption)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColReceived)}
                        {head(Msg::ColCategory)}
                        {head(Msg::ColRecordStatus)}
                        {head(Msg::ColMessages)}
                        {head(Msg::ColUpdated)}
                        {head(Msg::ColActions)}
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|c| {
                        let (created, updated, category, status, id) = (c.created_at, c.updated_at, c.category, c.status, c.id.clone());
                        view! {
                            <tr data-testid="inbox-row">
                                <td>{move || format_instant(i18n.lang(), created)}</td>
                                <td>{move || super::category_label(i18n.lang(), category)}</td>
                                <td data-testid="inbox-status">{move || super::status_label(i18n.lang(), status)}</td>
                                <td class="num">{c.message_count}</td>
                                <td>{move || format_instant(i18n.lang(), updated)}</td>
                                <td>
                                    <button type="button" class="button small" data-testid="inbox-open" on:click=move |_| read.run(id.clone())>
                                        {move || i18n.t(Msg::ConsultationOpenButton)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page pages on_page />
    }
}

#[component]
fn Opened(
    consultation: ConsultationView,
    open: RwSignal<Option<Result<ConsultationView, ApiProblem>>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = consultation.id.clone();
    let send = move |text: String| {
        let id = id.clone();
        async move {
            let updated =
                session.authorized(|token| training::answer(token, id.clone(), text.clone())).await?;
            open.set(Some(Ok(updated)));
            version.update(|v| *v += 1);
            Ok(())
        }
    };
    let category = consultation.category;
    view! {
        <section class="card" aria-labelledby="opened-heading" data-testid="consultation-opened">
            <h2 id="opened-heading">{move || super::category_label(i18n.lang(), category)}</h2>
            <super::Messages messages=consultation.messages />
            <super::MessageForm button=Msg::AnswerButton testid="send-answer" send />
        </section>
    }
}
