//! Master schedule (`/schedule?year=`): the recruitment rounds (募集) of a year, in Japan time,
//! with the period running now (by the server's clock) marked.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::wire::RoundView;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::round_row::RoundRow;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_year, use_i18n};

#[component]
pub fn SchedulePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ScheduleTitle));
    let query = use_query_map();
    let requested_year =
        Memo::new(move |_| query.read().get("year").and_then(|y| y.trim().parse::<i32>().ok()));
    // All years in one call: the current recruitment year (else the newest) is the default and
    // the others become links.
    let rounds = LocalResource::new(|| async {
        Ok::<_, api::ApiProblem>((api::rounds(None).await?, api::server_now().await?))
    });

    view! {
        <div class="container page schedule">
            <h1>{move || i18n.t(Msg::ScheduleTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::ScheduleLead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok((all, now)) => view! { <YearSchedule all now requested_year /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The year links and the chosen year's table.
#[component]
fn YearSchedule(all: Vec<RoundView>, now: DateTime<Utc>, requested_year: Memo<Option<i32>>) -> impl IntoView {
    let i18n = use_i18n();
    let mut years: Vec<i32> = all.iter().map(|r| r.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let current = recruitment_year_at(now);
    let default = if years.contains(&current) { Some(current) } else { years.first().copied() };
    let year = Memo::new(move |_| requested_year.get().or(default));
    let all = StoredValue::new(all);

    let year_links = years
        .into_iter()
        .map(|y| {
            view! {
                <li>
                    <A
                        href=format!("/schedule?year={y}")
                        attr:class=move || if year.get() == Some(y) { "year-link current" } else { "year-link" }
                        attr:aria-current=move || (year.get() == Some(y)).then_some("page")
                    >
                        {move || format_year(i18n.lang(), y)}
                    </A>
                </li>
            }
        })
        .collect_view();

    let table = move || {
        let Some(year) = year.get() else {
            return view! { <p class="empty">{move || i18n.t(Msg::ScheduleNoRounds)}</p> }.into_any();
        };
        let mut rounds: Vec<RoundView> =
            all.with_value(|all| all.iter().filter(|r| r.year == year).cloned().collect());
        if rounds.is_empty() {
            return view! {
                <h2>{move || format_year(i18n.lang(), year)}</h2>
                <p class="empty">{move || i18n.t(Msg::ScheduleNoRounds)}</p>
            }
            .into_any();
        }
        rounds.sort_by_key(|r| r.application_starts_at);
        view! {
            <h2 id="schedule-heading">{move || format_year(i18n.lang(), year)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::ScheduleCaption)>
                <table class="data-table schedule-table" data-testid="schedule-table">
                    <caption class="visually-hidden">
                        {move || format!("{} {}", format_year(i18n.lang(), year), i18n.t(Msg::ScheduleCaption))}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Msg::ColRound)}</th>
                            <th scope="col">{move || i18n.t(Msg::ColApplicationPeriod)}</th>
                            <th scope="col">{move || i18n.t(Msg::ColAdjustmentPeriod)}</th>
                            <th scope="col">{move || i18n.t(Msg::ColConfirmationPeriod)}</th>
                            <th scope="col">{move || i18n.t(Msg::ColResults)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rounds
                            .into_iter()
                            .map(|round| view! { <RoundRow round now /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <nav class="year-nav" aria-label=move || i18n.t(Msg::ScheduleYear)>
            <ul>{year_links}</ul>
        </nav>
        {table}
    }
}
