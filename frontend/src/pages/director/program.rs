//! One of the director's programs (`/director/programs/:id`): the room left (定員・シーリングの
//! 残り), reloaded after every decision; the applicants of a round with filters, order and pages;
//! one and bulk decisions, declines (辞退) after a confirmation; the CSV; 募集実施確認.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use senkoi_domain::program::recruits_in;
use senkoi_domain::round::{RoundSchedule, round_to_review};
use senkoi_domain::wire::{ApplicantFilter, Confirmation, DirectedProgram, RoundView};

use crate::api::directing::{self, ApplicantQuery};
use crate::api::{self, ApiProblem};
use crate::clock::schedule_of;
use crate::components::applicant_filters::ApplicantFilters;
use crate::components::applicant_table::ApplicantTable;
use crate::components::bulk_decision::BulkDecisionBar;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::csv_download::CsvDownload;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::room_gauge::RoomGauge;
use crate::components::round_confirmation::RoundConfirmation;
use crate::document::{use_data_title, use_page_title};
use crate::i18n::{Msg, format_bulk_saved, format_year, use_i18n};
use crate::pages::director::desk::{Declining, Desk, Done, use_desk};
use crate::reference::prefecture_name;
use crate::session::use_session;

#[component]
pub fn DirectorProgramPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ApplicantsTitle));
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let programs =
        LocalResource::new(move || async move { session.authorized(directing::my_programs).await });
    view! {
        <div class="container page director-program" data-testid="director-program">
            <p class="back-link">
                <A href="/director" attr:data-testid="back-to-director">
                    <span aria-hidden="true">"‹ "</span>
                    {move || i18n.t(Msg::BackToDirector)}
                </A>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let id = id.get();
                    match programs.await.map(|list| list.into_iter().find(|p| p.id == id)) {
                        Ok(Some(program)) => view! { <ProgramDesk program /> }.into_any(),
                        Ok(None) => {
                            let problem = ApiProblem::with_code(404, "not-found");
                            view! { <ErrorBox problem not_found=Msg::DirectorProgramNotFound testid="page-error" /> }
                                .into_any()
                        }
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The rounds the program recruits in, in the order of the year, the one to show first (the
/// domain's `round_to_review` by the server's clock: after the results, the round just decided)
/// and the server's now.
async fn rounds_of(
    year: i32,
    researcher_course: bool,
) -> Result<(Vec<RoundView>, Option<String>, DateTime<Utc>), ApiProblem> {
    let now = api::server_now().await?;
    let mut rounds: Vec<(RoundView, RoundSchedule)> = api::rounds(Some(year))
        .await?
        .into_iter()
        .filter(|r| recruits_in(year, researcher_course, r.year, r.kind))
        .filter_map(|r| schedule_of(&r).map(|s| (r, s)))
        .collect();
    rounds.sort_by_key(|(_, s)| (s.application.start, s.kind));
    let first = round_to_review(&rounds, |(_, s)| s, now).map(|(r, _)| r.id.clone());
    Ok((rounds.into_iter().map(|(r, _)| r).collect(), first, now))
}

#[component]
fn ProgramDesk(program: DirectedProgram) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let desk = Desk::new(session, program.id.clone());
    provide_context(desk);
    use_data_title(program.name.clone());
    let DirectedProgram {
        name,
        specialty,
        year,
        prefecture,
        base_facility_name,
        researcher_course,
        room,
        confirmations,
        ..
    } = program;
    let confirmations = RwSignal::new(confirmations);
    let program_name = StoredValue::new(name.clone());
    let current_room = LocalResource::new(move || {
        desk.version.track();
        let id = desk.program();
        async move { session.authorized(|token| directing::room(token, id.clone())).await }
    });
    let rounds = LocalResource::new(move || rounds_of(year, researcher_course));

    view! {
        <header class="detail-header">
            <p class="detail-kicker">
                {move || i18n.lang().pick(specialty.name_ja(), specialty.name_en()).to_string()}
                " · "
                {move || prefecture_name(i18n.lang(), prefecture)}
                " · "
                {move || format_year(i18n.lang(), year)}
            </p>
            <h1 data-testid="director-program-name">{name}</h1>
            <p class="muted">{base_facility_name}</p>
            {researcher_course.then(|| view! { <span class="badge">{move || i18n.t(Msg::ResearcherCourseBadge)}</span> })}
        </header>
        <section class="card room-section" aria-labelledby="room-heading">
            <h2 id="room-heading">{move || i18n.t(Msg::RoomTitle)}</h2>
            // Until the first reload, the room the dashboard answered.
            <Transition fallback=move || view! { <RoomGauge room /> }>
                {move || Suspend::new(async move {
                    match current_room.await {
                        Ok(room) => view! { <RoomGauge room /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section class="applicants-section" aria-labelledby="applicants-heading">
            <h2 id="applicants-heading">{move || i18n.t(Msg::ApplicantsTitle)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok((rounds, first, now)) => view! { <Applicants rounds first now confirmations program_name=program_name.get_value() /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <DeclineDialog />
    }
}

#[component]
fn Applicants(
    rounds: Vec<RoundView>,
    first: Option<String>,
    now: DateTime<Utc>,
    confirmations: RwSignal<Vec<Confirmation>>,
    program_name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let session = desk.session();
    let query = RwSignal::new(ApplicantQuery {
        filter: ApplicantFilter { round: first, ..ApplicantFilter::default() },
        page: 1,
    });
    let applicants = LocalResource::new(move || {
        let query = query.get();
        desk.version.track();
        let id = desk.program();
        async move { session.authorized(|token| directing::applicants(token, id.clone(), query.clone())).await }
    });
    let on_page = Callback::new(move |page| query.update(|q| q.page = page));
    // Only rounds with a confirmation period are confirmed (not the researcher course).
    let confirmable: Vec<(String, RoundSchedule)> = rounds
        .iter()
        .filter_map(|r| schedule_of(r).filter(|s| s.confirmation.is_some()).map(|s| (r.id.clone(), s)))
        .collect();
    let round = Memo::new(move |_| query.with(|q| q.filter.round.clone()));
    // What the last act said belongs to the rows it was said of: another round, filter or page
    // starts clean.
    Effect::new(move |previous: Option<()>| {
        query.track();
        if previous.is_some() {
            desk.clear();
        }
    });

    view! {
        <ApplicantFilters rounds=rounds.clone() query />
        {move || {
            let round = round.get()?;
            let schedule = confirmable.iter().find(|(id, _)| *id == round).map(|(_, s)| s.clone())?;
            Some(view! { <RoundConfirmation round schedule now confirmations /> })
        }}
        <CsvDownload query=query.into() program_name rounds />
        {move || desk.done.get().map(|done| view! {
            <p class="notice success" role="status" data-testid="decision-done">
                {move || match done {
                    Done::Said(msg) => i18n.t(msg).to_string(),
                    Done::Bulk(n) => format_bulk_saved(i18n.lang(), n),
                }}
            </p>
        })}
        // A single decision's refusal is shown at its row; others here.
        {move || {
            desk.refused_at
                .with(Option::is_none)
                .then(|| desk.problem.get().map(|problem| view! { <ErrorBox problem testid="decision-error" /> }))
                .flatten()
        }}
        <BulkDecisionBar />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match applicants.await {
                    Ok(page) => view! { <ApplicantTable page on_page /> }.into_any(),
                    Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Asks before a decline (辞退) is recorded, naming the applicant.
#[component]
fn DeclineDialog() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    move || {
        desk.declining.get().map(|Declining { name, receipt_number, .. }| {
            view! {
                <ConfirmDialog
                    title=Msg::DeclineConfirmTitle
                    text=Msg::DeclineConfirmText
                    confirm=Msg::DeclineConfirmButton
                    confirm_testid="confirm-decline"
                    on_confirm=Callback::new(move |_| desk.decline_asked())
                    on_cancel=Callback::new(move |_| desk.declining.set(None))
                    pending=desk.busy
                >
                    <dl class="detail-list compact">
                        <dt>{move || i18n.t(Msg::ColName)}</dt>
                        <dd>{name}</dd>
                        <dt>{move || i18n.t(Msg::LabelReceiptNumber)}</dt>
                        <dd>{receipt_number}</dd>
                    </dl>
                </ConfirmDialog>
            }
        })
    }
}
