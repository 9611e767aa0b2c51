//! One application as its resident sees it: the card of the current one (with the withdraw
//! button while the server says it may be withdrawn) and the line of the history.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::wire::ApplicationView;

use crate::i18n::{Msg, format_instant, round_name, status_label, use_i18n};

/// The current application; `on_withdraw` asks to withdraw it (the caller confirms first).
#[component]
pub fn ApplicationCard(application: ApplicationView, on_withdraw: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ApplicationView {
        receipt_number,
        program_id,
        program_name,
        round_year,
        round_kind,
        status,
        applied_at,
        results_at,
        withdrawable,
        withdrawn_at,
        ..
    } = application;
    let label = move |msg: Msg| move || i18n.t(msg);
    let again = format!("/programs/{program_id}");
    let accepted_program = program_name.clone();
    view! {
        <div class="application-card" data-testid="current-application" data-status=status.code()>
            <h3>{label(Msg::CurrentApplication)}</h3>
            {(status == ApplicationStatus::Accepted).then(|| view! {
                <div class="notice success outcome-accepted" role="status" data-testid="accepted-note">
                    <p class="notice-title">{label(Msg::OutcomeAcceptedTitle)}</p>
                    <p><strong>{accepted_program}</strong></p>
                    <p>{label(Msg::OutcomeAcceptedNext)}</p>
                </div>
            })}
            <dl class="detail-list compact">
                <dt>{label(Msg::LabelProgram)}</dt>
                <dd>
                    <A href=format!("/programs/{program_id}") attr:data-testid="current-program">{program_name}</A>
                </dd>
                <dt>{label(Msg::ColRound)}</dt>
                <dd data-testid="current-round">{move || round_name(i18n.lang(), round_year, round_kind)}</dd>
                <dt>{label(Msg::LabelStatus)}</dt>
                <dd>
                    <span class=format!("badge status status-{}", status.code()) data-testid="current-status">
                        {move || status_label(i18n.lang(), status)}
                    </span>
                </dd>
                <dt>{label(Msg::LabelReceiptNumber)}</dt>
                <dd data-testid="current-receipt-number">{receipt_number}</dd>
                <dt>{label(Msg::LabelAppliedAt)}</dt>
                <dd>
                    <time datetime=applied_at.to_rfc3339()>{move || format_instant(i18n.lang(), applied_at)}</time>
                </dd>
                <dt>{label(Msg::ColResults)}</dt>
                <dd>
                    <time datetime=results_at.to_rfc3339()>{move || format_instant(i18n.lang(), results_at)}</time>
                </dd>
            </dl>
            {match status {
                ApplicationStatus::Withdrawn => Some(view! {
                    <div class="notice info" data-testid="withdrawn-note">
                        <p>
                            {withdrawn_at.map(|at| view! {
                                <time datetime=at.to_rfc3339()>{move || format_instant(i18n.lang(), at)}</time>
                            })}
                            {label(Msg::OutcomeWithdrawn)}
                        </p>
                        <A href=again attr:data-testid="apply-again">{label(Msg::OutcomeApplyAgain)}</A>
                    </div>
                }.into_any()),
                ApplicationStatus::OnHold | ApplicationStatus::Rejected => Some(view! {
                    <div class="notice warning" data-testid="outcome-note">
                        <p>{label(if status == ApplicationStatus::OnHold { Msg::OutcomeOnHold } else { Msg::OutcomeRejected })}</p>
                        <p>
                            {label(Msg::OutcomeNextRound)} " "
                            <A href="/schedule" attr:data-testid="outcome-schedule">{label(Msg::NavSchedule)}</A>
                        </p>
                    </div>
                }.into_any()),
                _ => None,
            }}
            {withdrawable
                .then(|| {
                    view! {
                        <div class="form-actions">
                            <button
                                type="button"
                                class="button danger"
                                data-testid="withdraw-button"
                                on:click=move |_| on_withdraw.run(())
                            >
                                {label(Msg::WithdrawButton)}
                            </button>
                        </div>
                    }
                })}
        </div>
    }
}

/// One line of the history: when, which program in which round, the status and the receipt.
#[component]
pub fn ApplicationLine(application: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    let ApplicationView {
        receipt_number,
        program_id,
        program_name,
        round_year,
        round_kind,
        status,
        applied_at,
        ..
    } = application;
    view! {
        <li data-status=status.code()>
            <time datetime=applied_at.to_rfc3339()>{move || format_instant(i18n.lang(), applied_at)}</time>
            " "
            <A href=format!("/programs/{program_id}")>{program_name}</A>
            " "
            <span class="muted">{move || round_name(i18n.lang(), round_year, round_kind)}</span>
            " "
            <span class=format!("badge status status-{}", status.code())>{move || status_label(i18n.lang(), status)}</span>
            " "
            <span class="muted receipt-number">{receipt_number}</span>
        </li>
    }
}
