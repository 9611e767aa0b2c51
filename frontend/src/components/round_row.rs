//! One recruitment round (募集) in the master schedule table, with the period running at `now`
//! marked (the domain's `RoundSchedule` decides which).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senkoi_domain::round::RoundPhase;
use senkoi_domain::wire::RoundView;

use crate::clock::schedule_of;

use crate::i18n::{Msg, format_instant, round_kind_name, use_i18n};

#[component]
pub fn RoundRow(round: RoundView, now: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |msg: Msg| move || i18n.t(msg);
    let schedule = schedule_of(&round);
    let phase = schedule.as_ref().map(|s| s.phase_at(now));
    let (in_application, in_adjustment, in_confirmation) = (
        phase == Some(RoundPhase::Application),
        phase == Some(RoundPhase::Adjustment),
        schedule.as_ref().and_then(|s| s.confirmation).is_some_and(|w| w.contains(now)),
    );
    let period = move |start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>, current: bool| {
        move || {
            let lang = i18n.lang();
            match (start, end) {
                (Some(start), Some(end)) => view! {
                    {current.then(|| view! {
                        <span class="badge now" data-testid="current-period">{Msg::CurrentPeriod.text(lang)}</span>
                    })}
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
            <td data-label=label(Msg::ColApplicationPeriod) class:current-period=in_application>
                {period(Some(round.application_starts_at), Some(round.application_ends_at), in_application)}
            </td>
            <td data-label=label(Msg::ColAdjustmentPeriod) class:current-period=in_adjustment>
                {period(round.adjustment_starts_at, round.adjustment_ends_at, in_adjustment)}
            </td>
            <td data-label=label(Msg::ColConfirmationPeriod) class:current-period=in_confirmation>
                {period(round.confirmation_starts_at, round.confirmation_ends_at, in_confirmation)}
            </td>
            <td data-label=label(Msg::ColResults)>
                <span class="instant">{move || format_instant(i18n.lang(), results_at)}</span>
            </td>
        </tr>
    }
}
