//! The completion applications that wait for a director, a society or the board: each with its
//! resident, program, stage and timeline, and the steps the caller may take (approve, return
//! with a reason; the board also records the fee and issues the certificate).

use leptos::prelude::*;
use senkoi_domain::completion::CompletionStage;
use senkoi_domain::wire::CompletionView;

use crate::api::ApiProblem;
use crate::api::training::{self, CompletionStep};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::workflow::{CompletionTimeline, ReturnForm, stage_label};
use crate::i18n::{Msg, use_i18n};
use crate::session::use_session;

#[component]
pub fn CompletionQueue() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        version.track();
        async move { session.authorized(|token| training::completions(token, None)).await }
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <section class="admin-card" aria-labelledby="completion-queue-heading" data-testid="completion-queue">
            <h2 id="completion-queue-heading">{move || i18n.t(Msg::CompletionQueueTitle)}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty" data-testid="no-completions">{move || i18n.t(Msg::NoCompletionsWaiting)}</p>
                        }.into_any(),
                        Ok(items) => items.into_iter().map(|c| view! { <Waiting completion=c reload /> }).collect_view().into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Waiting(completion: CompletionView, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let problem = RwSignal::new(None::<ApiProblem>);
    let id = completion.id.clone();
    let step = move |step: CompletionStep| {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match session.authorized(|token| training::completion_step(token, id.clone(), step)).await {
                    Ok(_) => reload.run(()),
                    Err(refused) => problem.set(Some(refused)),
                }
            });
        }
    };
    let approved = completion.stage == CompletionStage::Approved;
    let checking = !approved;
    let fee_due = approved && completion.fee_paid_at.is_none();
    let issue_due = approved && completion.fee_paid_at.is_some() && completion.certificate_number.is_none();
    let return_id = completion.id.clone();
    let send_back = move |reason: String| {
        let id = return_id.clone();
        async move {
            session
                .authorized(|token| training::return_completion(token, id.clone(), reason.clone()))
                .await?;
            reload.run(());
            Ok(())
        }
    };
    let stage = completion.stage;
    view! {
        <article class="card queue-item" data-testid="completion-item">
            <h3>{completion.resident_name.clone()} " — " {completion.program_name.clone()}</h3>
            <p>{move || i18n.t(Msg::CompletionStageLabel)} ": "
                <strong data-testid="completion-item-stage">{move || stage_label(i18n.lang(), stage)}</strong></p>
            <CompletionTimeline events=completion.events.clone() />
            <PageError problem />
            <div class="form-actions">
                {checking.then(|| view! {
                    <button type="button" class="button primary" data-testid="completion-approve" on:click=step(CompletionStep::Approve)>
                        {move || i18n.t(Msg::ApproveButton)}
                    </button>
                    <ReturnForm testid=completion.id.clone() send=send_back.clone() />
                })}
                {fee_due.then(|| view! {
                    <button type="button" class="button primary" data-testid="completion-fee" on:click=step(CompletionStep::RecordFee)>
                        {move || i18n.t(Msg::RecordFeeButton)}
                    </button>
                })}
                {issue_due.then(|| view! {
                    <button type="button" class="button primary" data-testid="completion-certificate" on:click=step(CompletionStep::IssueCertificate)>
                        {move || i18n.t(Msg::IssueCertificateButton)}
                    </button>
                })}
            </div>
        </article>
    }
}
