//! 募集実施確認 for the round shown: 確認済み with its time once the program has confirmed the
//! round's results; otherwise, inside the confirmation period (the domain's `check_can_confirm`
//! at the server's now), the button, which asks first, and outside it when the period runs.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senkoi_domain::round::RoundSchedule;
use senkoi_domain::wire::Confirmation;

use crate::api::{ApiProblem, directing};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::i18n::{Msg, format_instant, use_i18n};
use crate::pages::director::desk::use_desk;

#[component]
pub fn RoundConfirmation(
    round: String,
    schedule: RoundSchedule,
    /// The server's now, when the page was loaded.
    now: DateTime<Utc>,
    /// The program's confirmations so far; a new one is added here.
    confirmations: RwSignal<Vec<Confirmation>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let confirmed = {
        let round = round.clone();
        Memo::new(move |_| confirmations.with(|list| list.iter().find(|c| c.round_id == round).cloned()))
    };
    let confirm = Callback::new(move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        let (round, program, session) = (round.clone(), desk.program(), desk.session());
        leptos::task::spawn_local(async move {
            let answer = session
                .authorized(|token| directing::confirm_round(token, program.clone(), round.clone()))
                .await;
            match answer {
                Ok(confirmation) => confirmations.update(|list| list.push(confirmation)),
                Err(refused) => problem.set(Some(refused)),
            }
            asking.set(false);
            pending.set(false);
        });
    });

    view! {
        <section class="card round-confirmation" aria-labelledby="confirmation-heading" data-testid="round-confirmation">
            <h3 id="confirmation-heading">{move || i18n.t(Msg::ConfirmResultsTitle)}</h3>
            {move || match confirmed.get() {
                Some(Confirmation { confirmed_at, .. }) => view! {
                    <p class="notice success" data-testid="round-confirmed">
                        <span class="badge">{move || i18n.t(Msg::Confirmed)}</span>
                        " "
                        <time datetime=confirmed_at.to_rfc3339()>{move || format_instant(i18n.lang(), confirmed_at)}</time>
                    </p>
                }
                .into_any(),
                None if schedule.check_can_confirm(now, false).is_err() => {
                    let period = schedule.confirmation;
                    view! {
                        <p class="muted" data-testid="confirmation-not-open">
                            {move || i18n.t(Msg::ConfirmResultsWhen)} " "
                            {period.map(|w| view! {
                                <span>{move || format!("{} – {}", format_instant(i18n.lang(), w.start), format_instant(i18n.lang(), w.end))}</span>
                            })}
                        </p>
                    }
                    .into_any()
                }
                None => view! {
                    <p class="muted">{move || i18n.t(Msg::ConfirmResultsLead)}</p>
                    <button
                        type="button"
                        class="button primary"
                        data-testid="confirm-results"
                        on:click=move |_| asking.set(true)
                    >
                        {move || i18n.t(Msg::ConfirmResultsButton)}
                    </button>
                }
                .into_any(),
            }}
            {move || problem.get().map(|problem| view! { <ErrorBox problem testid="confirmation-error" /> })}
            {move || asking.get().then(|| view! {
                <ConfirmDialog
                    title=Msg::ConfirmResultsDialogTitle
                    text=Msg::ConfirmResultsDialogText
                    confirm=Msg::ConfirmResultsConfirm
                    confirm_testid="confirm-confirmation"
                    confirm_class="primary"
                    on_confirm=confirm
                    on_cancel=Callback::new(move |_| asking.set(false))
                    pending
                />
            })}
        </section>
    }
}
