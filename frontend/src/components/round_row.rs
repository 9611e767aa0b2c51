//! One recruitment round (募集) in the master schedule table.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senkoi_domain::wire::RoundView;

use crate::i18n::{Msg, format_instant, round_kind_name, use_i18n};

#[component]
pub fn RoundRow(round: RoundView) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |msg: Msg| move || i18n.t(msg);
    let period = move |start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>| {
        move || {
            let lang = i18n.lang();
            match (start, end) {
                (Some(start), Some(end)) => view! {
                    <span class="instant">{format_instant(lang, start)}</span>
                    <span class="period-to">{Msg::PeriodTo.text(lang)}</span>
                    <span class="instant">{format_instant(lang, end)}</span>
                }
                .into_any(),
                _ => view! {
                    <span class="no-period">{Msg::NoPeriod.text(lang)}</span>
                }
                .into_any(),
            }
        }
    };
    let kind = round.kind;
    let results_at = round.results_at;

    view! {
        <tr>
            <th scope="row" data-label=label(Msg::ColRound)>
                {move || round_kind_name(i18n.lang(), kind)}
            </th>
            <td data-label=label(Msg::ColApplicationPeriod)>
                {period(Some(round.application_starts_at), Some(round.application_ends_at))}
            </td>
            <td data-label=label(Msg::ColAdjustmentPeriod)>
                {period(round.adjustment_starts_at, round.adjustment_ends_at)}
            </td>
            <td data-label=label(Msg::ColConfirmationPeriod)>
                {period(round.confirmation_starts_at, round.confirmation_ends_at)}
            </td>
            <td data-label=label(Msg::ColResults)>
                <span class="instant">{move || format_instant(i18n.lang(), results_at)}</span>
            </td>
        </tr>
    }
}
