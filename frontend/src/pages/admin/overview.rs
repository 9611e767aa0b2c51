//! The board's overview (`/admin`): the per-prefecture status of a specialty and year as the
//! decisions stand now (before any result notification), and for a round of that year the
//! programs that have not confirmed their results and the applications still undecided.

use leptos::prelude::*;
use senkoi_domain::round::{RoundSchedule, current_or_next};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{Page, RoundView, WatchedApplication, WatchedProgram};

use crate::api::board;
use crate::api::{self, ApiProblem};
use crate::clock::schedule_of;
use crate::components::admin::year_field::YearField;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::components::prefecture_table::PrefectureTable;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_applicants, format_instant, format_total, round_name, status_label, use_i18n};
use crate::pages::admin::asked_year;
use crate::reference::prefecture_name;
use crate::session::use_session;

/// The rounds of `year` in the order of the year, and the one to watch first: the current or
/// next one by the server's clock.
async fn rounds_of(year: i32) -> Result<(Vec<RoundView>, Option<String>), ApiProblem> {
    let now = api::server_now().await?;
    let mut rounds: Vec<(RoundView, RoundSchedule)> =
        api::rounds(Some(year)).await?.into_iter().filter_map(|r| schedule_of(&r).map(|s| (r, s))).collect();
    rounds.sort_by_key(|(_, s)| (s.application.start, s.kind));
    let first = current_or_next(&rounds, |(_, s)| s, now).or(rounds.last()).map(|(r, _)| r.id.clone());
    Ok((rounds.into_iter().map(|(r, _)| r).collect(), first))
}

#[component]
pub fn AdminOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminOverviewTitle));
    let session = use_session();
    let year = asked_year();
    let specialty = RwSignal::new(Specialty::InternalMedicine);
    let statistics = LocalResource::new(move || {
        let (year, specialty) = (year.get(), specialty.get().code().to_string());
        async move {
            let rows = session.authorized(|token| board::prefectures(token, specialty.clone(), year)).await?;
            Ok::<_, ApiProblem>((year, rows))
        }
    });
    let rounds = LocalResource::new(move || rounds_of(year.get()));
    let options = move || {
        Specialty::ALL
            .into_iter()
            .map(|s| {
                let label = i18n.lang().pick(s.name_ja(), s.name_en()).to_string();
                view! { <option value=s.code() prop:selected=move || specialty.get() == s>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <div class="container page admin-page admin-overview" data-testid="admin-overview">
            <h1>{move || i18n.t(Msg::AdminOverviewTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminOverviewLead)}</p>
            <div class="admin-toolbar">
                <YearField year />
                <div class="field">
                    <label for="overview-specialty">{move || i18n.t(Msg::FieldSpecialty)}</label>
                    <select
                        id="overview-specialty"
                        data-testid="overview-specialty"
                        on:change:target=move |ev| {
                            if let Ok(chosen) = Specialty::parse(&ev.target().value()) {
                                specialty.set(chosen);
                            }
                        }
                    >
                        {options}
                    </select>
                </div>
            </div>
            <section class="card admin-card" aria-labelledby="overview-prefectures">
                <h2 id="overview-prefectures">{move || i18n.t(Msg::PrefectureStatus)}</h2>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match statistics.await {
                            Ok((year, rows)) => view! { <PrefectureTable year rows note=Msg::AdminPrefectureNote /> }.into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok((rounds, first)) if !rounds.is_empty() => view! { <Watch rounds first /> }.into_any(),
                        Ok(_) => view! { <p class="empty">{move || i18n.t(Msg::ScheduleNoRounds)}</p> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The round chooser and the two watch lists of the chosen round.
#[component]
fn Watch(rounds: Vec<RoundView>, first: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let round = RwSignal::new(first.unwrap_or_default());
    let programs_page = RwSignal::new(1u64);
    let applications_page = RwSignal::new(1u64);
    let programs = LocalResource::new(move || {
        let (round, page) = (round.get(), programs_page.get());
        async move { session.authorized(|token| board::unconfirmed_programs(token, round.clone(), page)).await }
    });
    let applications = LocalResource::new(move || {
        let (round, page) = (round.get(), applications_page.get());
        async move {
            session.authorized(|token| board::unprocessed_applications(token, round.clone(), page)).await
        }
    });
    let options = rounds
        .into_iter()
        .map(|r| {
            let (id, kind, year) = (r.id.clone(), r.kind, r.year);
            let selected = {
                let id = id.clone();
                move || round.get() == id
            };
            view! { <option value=id prop:selected=selected>{move || round_name(i18n.lang(), year, kind)}</option> }
        })
        .collect_view();

    view! {
        <section class="card admin-card" aria-labelledby="overview-watch">
            <h2 id="overview-watch">{move || i18n.t(Msg::AdminWatchTitle)}</h2>
            <div class="field">
                <label for="overview-round">{move || i18n.t(Msg::ColRound)}</label>
                <select
                    id="overview-round"
                    data-testid="overview-round"
                    on:change:target=move |ev| {
                        round.set(ev.target().value());
                        programs_page.set(1);
                        applications_page.set(1);
                    }
                >
                    {options}
                </select>
            </div>
            <h3>{move || i18n.t(Msg::AdminUnconfirmedTitle)}</h3>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match programs.await {
                        Ok(page) => view! { <UnconfirmedPrograms page on_page=Callback::new(move |p| programs_page.set(p)) /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            <h3>{move || i18n.t(Msg::AdminUnprocessedTitle)}</h3>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match applications.await {
                        Ok(page) => view! { <UnprocessedApplications page on_page=Callback::new(move |p| applications_page.set(p)) /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UnconfirmedPrograms(page: Page<WatchedProgram>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty" data-testid="no-unconfirmed">{move || i18n.t(Msg::AdminNoneLeft)}</p> }.into_any();
    }
    let (current, pages, total) = (page.page, page.pages(), page.total);
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <p class="result-summary">{move || format_total(i18n.lang(), total)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminUnconfirmedTitle)>
            <table class="data-table" data-testid="unconfirmed-programs">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminUnconfirmedTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColProgramName)}
                        {head(Msg::ColSpecialty)}
                        {head(Msg::ColPrefecture)}
                        {head(Msg::ColBaseFacility)}
                        {head(Msg::AdminColDirectors)}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|p| {
                        let (specialty, prefecture) = (p.specialty, p.prefecture);
                        view! {
                            <tr>
                                <th scope="row">{p.name}</th>
                                <td>{move || i18n.lang().pick(specialty.name_ja(), specialty.name_en()).to_string()}</td>
                                <td>{move || prefecture_name(i18n.lang(), prefecture)}</td>
                                <td>{p.base_facility_name}</td>
                                <td>{p.directors.join("、")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=current pages on_page />
    }
    .into_any()
}

#[component]
fn UnprocessedApplications(page: Page<WatchedApplication>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty" data-testid="no-unprocessed">{move || i18n.t(Msg::AdminNoneLeft)}</p> }.into_any();
    }
    let (current, pages, total) = (page.page, page.pages(), page.total);
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <p class="result-summary">{move || format_applicants(i18n.lang(), total)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminUnprocessedTitle)>
            <table class="data-table" data-testid="unprocessed-applications">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminUnprocessedTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::LabelReceiptNumber)}
                        {head(Msg::ColProgramName)}
                        {head(Msg::LabelStatus)}
                        {head(Msg::LabelAppliedAt)}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|a| {
                        let (status, at) = (a.status, a.applied_at);
                        view! {
                            <tr>
                                <th scope="row" class="mono">{a.receipt_number}</th>
                                <td>{a.program_name}</td>
                                <td>{move || status_label(i18n.lang(), status)}</td>
                                <td>{move || format_instant(i18n.lang(), at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=current pages on_page />
    }
    .into_any()
}
