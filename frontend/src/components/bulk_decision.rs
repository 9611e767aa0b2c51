//! The bulk decision (一括登録): one decision for every ticked applicant, recorded all or nothing.

use leptos::prelude::*;

use crate::components::applicant_row::{decision_choices, decision_of};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{Msg, format_selected, status_label, use_i18n};
use crate::pages::director::desk::use_desk;

#[component]
pub fn BulkDecisionBar() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    // The chosen control value; empty until one is chosen.
    let chosen = RwSignal::new(String::new());
    let count = move || desk.selected.with(|s| s.len());
    let ready = move || count() > 0 && decision_of(&chosen.get()).is_some() && !desk.busy.get();
    let choices = move || {
        let lang = i18n.lang();
        decision_choices()
            .map(|(value, decision)| {
                let label = decision.map_or(Msg::DecisionNone.text(lang), |d| status_label(lang, d.status()));
                view! { <option value=value prop:selected=move || chosen.get() == value>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="bulk-decision" data-testid="bulk-decision-bar">
            <span class="bulk-count" data-testid="selected-count" aria-live="polite">
                {move || format_selected(i18n.lang(), count())}
            </span>
            <label for="bulk-decision">{move || i18n.t(Msg::BulkDecisionLabel)}</label>
            <select
                id="bulk-decision"
                data-testid="bulk-decision"
                on:change:target=move |ev| chosen.set(ev.target().value())
            >
                <option value="" prop:selected=move || chosen.get().is_empty()>
                    {move || i18n.t(Msg::SelectPlaceholder)}
                </option>
                {choices}
            </select>
            <button
                type="button"
                class="button primary"
                data-testid="bulk-apply"
                disabled=move || !ready()
                on:click=move |_| {
                    if let Some(decision) = decision_of(&chosen.get_untracked()) {
                        desk.confirming_bulk.set(Some(decision));
                    }
                }
            >
                {move || i18n.t(Msg::BulkApply)}
            </button>
            <p class="muted bulk-note">{move || i18n.t(Msg::BulkAllOrNothing)}</p>
        </div>
        {move || desk.confirming_bulk.get().map(|decision| {
            let label = move || {
                let lang = i18n.lang();
                decision.map_or(Msg::DecisionNone.text(lang), |d| status_label(lang, d.status())).to_string()
            };
            view! {
                <ConfirmDialog
                    title=Msg::BulkConfirmTitle
                    text=Msg::BulkConfirmText
                    confirm=Msg::BulkApply
                    confirm_testid="confirm-bulk"
                    confirm_class="primary"
                    on_confirm=Callback::new(move |_| desk.decide_selected(decision))
                    on_cancel=Callback::new(move |_| desk.confirming_bulk.set(None))
                    pending=desk.busy
                >
                    <dl class="detail-list compact">
                        <dt>{move || i18n.t(Msg::BulkConfirmCount)}</dt>
                        <dd data-testid="bulk-confirm-count">{move || format_selected(i18n.lang(), count())}</dd>
                        <dt>{move || i18n.t(Msg::ColDecision)}</dt>
                        <dd data-testid="bulk-confirm-decision">{label}</dd>
                    </dl>
                </ConfirmDialog>
            }
        })}
    }
}
