//! The director's training desk (`/director/training`): the training periods of their programs'
//! residents that wait for approval (approve, or return with a reason), and the completion
//! applications that wait for them.

use leptos::prelude::*;
use senkoi_domain::training::RecordStatus;
use senkoi_domain::wire::TrainingRecordView;

use crate::api::ApiProblem;
use crate::api::training;
use crate::components::completion_queue::CompletionQueue;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::workflow::ReturnForm;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_day, use_i18n};
use crate::session::use_session;

#[component]
pub fn DirectorTrainingPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::DirectorTrainingTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let records = LocalResource::new(move || {
        version.track();
        async move { session.authorized(|token| training::records(token, Some(RecordStatus::Submitted))).await }
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <div class="container page director-training" data-testid="director-training">
            <h1>{move || i18n.t(Msg::DirectorTrainingTitle)}</h1>
            <section class="admin-card" aria-labelledby="records-queue-heading">
                <h2 id="records-queue-heading">{move || i18n.t(Msg::RecordsQueueTitle)}</h2>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match records.await {
                            Ok(items) if items.is_empty() => view! {
                                <p class="empty" data-testid="no-records-waiting">{move || i18n.t(Msg::NoRecordsWaiting)}</p>
                            }.into_any(),
                            Ok(items) => items.into_iter().map(|r| view! { <WaitingRecord record=r reload /> }).collect_view().into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <CompletionQueue />
        </div>
    }
}

#[component]
fn WaitingRecord(record: TrainingRecordView, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let problem = RwSignal::new(None::<ApiProblem>);
    let id = record.id.clone();
    let approve = move |_| {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            match session.authorized(|token| training::approve_record(token, id.clone())).await {
                Ok(_) => reload.run(()),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    let return_id = record.id.clone();
    let send_back = move |reason: String| {
        let id = return_id.clone();
        async move {
            session.authorized(|token| training::return_record(token, id.clone(), reason.clone())).await?;
            reload.run(());
            Ok(())
        }
    };
    let (from, to) = (record.from, record.to);
    view! {
        <article class="card queue-item" data-testid="waiting-record">
            <h3>{record.resident_name.clone()}</h3>
            <p>
                {record.facility_name.clone()} " "
                <span>{move || format!("{} – {}", format_day(i18n.lang(), from), format_day(i18n.lang(), to))}</span>
            </p>
            <PageError problem />
            <div class="form-actions">
                <button type="button" class="button primary" data-testid="record-approve" on:click=approve>
                    {move || i18n.t(Msg::ApproveButton)}
                </button>
                <ReturnForm testid=record.id.clone() send=send_back />
            </div>
        </article>
    }
}
