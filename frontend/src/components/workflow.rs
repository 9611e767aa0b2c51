//! What the pages of training records and completion share: the names of stages, a completion's
//! timeline, and the small form that returns something with a reason.

use leptos::prelude::*;
use senkoi_domain::completion::CompletionStage;
use senkoi_domain::training::Reason;
use senkoi_domain::wire::CompletionEventView;

use crate::api::ApiProblem;
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, actor_name, format_instant, use_i18n};

/// A completion stage as people call it.
pub fn stage_label(lang: Lang, stage: CompletionStage) -> &'static str {
    lang.pick(stage.name_ja(), stage.name_en())
}

/// A completion's steps, oldest first: when, who, what, and a return's reason.
#[component]
pub fn CompletionTimeline(events: Vec<CompletionEventView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{move || i18n.t(Msg::CompletionTimeline)}</h3>
        <ol class="timeline" data-testid="completion-timeline">
            {events.into_iter().map(|e| {
                let (at, actor, action) = (e.at, e.actor, e.action);
                view! {
                    <li data-testid="completion-event">
                        <span class="timeline-when">{move || format_instant(i18n.lang(), at)}</span> " "
                        <span>{move || actor_name(i18n.lang(), actor)}</span> " — "
                        <strong>{move || i18n.lang().pick(action.name_ja(), action.name_en())}</strong>
                        {e.reason.map(|r| view! { <p class="pre-wrap">{r}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A return (差戻し) with its reason, checked by the domain as it is typed; `send` gets the
/// reason and answers the server's refusal, if any.
#[component]
pub fn ReturnForm<F, Fut>(
    /// Names the form for browser tests: `return-<testid>`.
    testid: String,
    send: F,
) -> impl IntoView
where
    F: Fn(String) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), ApiProblem>> + 'static,
{
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        let found = refusal(Reason::parse(&reason.get_untracked()));
        errors.update(|e| e.check(found));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &["reason"]) {
            return;
        }
        let send = send.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = send(reason.get_untracked()).await;
            pending.set(false);
            if let Err(refused) = answer {
                land_field_errors(errors, &["reason"], &refused);
                problem.set(Some(refused));
            }
        });
    };
    let form_id = format!("return-{testid}");
    view! {
        {move || (!open.get()).then(|| view! {
            <button type="button" class="button" data-testid="return-open" on:click=move |_| open.set(true)>
                {move || i18n.t(Msg::ReturnButton)}
            </button>
        })}
        // Rendered only while open: each return form's field has the page-wide id `field-reason`.
        {move || open.get().then(|| view! {
            <form class="return-form" novalidate on:submit=submit.clone() data-testid=form_id.clone()>
                <PageError problem />
                <TextField field="reason" value=reason errors on_check=check multiline=true required=true />
                <button type="submit" class="button" data-testid="return-send" disabled=move || pending.get()>
                    {move || i18n.t(Msg::ReturnSend)}
                </button>
            </form>
        })}
    }
}
