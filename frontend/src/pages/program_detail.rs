//! Program detail (`/programs/:id`): capacity, applicants (red when over capacity), facilities,
//! contact (問合せ先) and description; a signed-in resident applies here (応募).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use senkoi_domain::program::is_over_capacity;
use senkoi_domain::wire::ProgramDetail;

use crate::api;
use crate::components::apply_panel::ApplyPanel;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::{use_data_title, use_page_title};
use crate::i18n::{Msg, format_people, format_year, round_name, use_i18n};
use crate::pages::program_search::LastSearch;
use crate::reference::{prefecture_name, specialty_name};

#[component]
pub fn ProgramDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::SearchTitle));
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let program = LocalResource::new(move || {
        let id = id.get();
        async move { api::program(&id).await }
    });
    let last = expect_context::<LastSearch>();

    view! {
        <div class="container page program-detail-page">
            <p class="back-link">
                <A href=move || last.0.get()>
                    <span aria-hidden="true">"‹ "</span>
                    {move || i18n.t(Msg::DetailBackToSearch)}
                </A>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match program.await {
                        Ok(program) => view! { <Detail program /> }.into_any(),
                        Err(problem) => {
                            view! { <ErrorBox problem not_found=Msg::ProgramNotFound /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Detail(program: ProgramDetail) -> impl IntoView {
    let i18n = use_i18n();
    let ProgramDetail { summary, affiliated_facilities, contact, description, .. } = program;
    // The count follows the resident's own application at once (`on_applied` reads it again).
    let applicants = RwSignal::new(summary.applicant_count);
    let (capacity, hired) = (summary.capacity, summary.hired_count);
    let over_capacity = Memo::new(move |_| is_over_capacity(applicants.get(), capacity));
    let last_results = summary.last_results.clone();
    let (specialty, prefecture, year) = (summary.specialty, summary.prefecture, summary.year);
    let specialty_code = specialty.clone();
    let researcher_course = summary.researcher_course;
    let (program_id, round_id, counts_kind) =
        (summary.id, summary.counts_round_id, summary.counts_round_kind);
    let on_applied = {
        let id = program_id.clone();
        Callback::new(move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                if let Ok(program) = api::program(&id).await {
                    applicants.set(program.summary.applicant_count);
                }
            });
        })
    };
    let name = summary.name;
    use_data_title(name.clone());
    let apply_name = name.clone();
    let label = move |msg: Msg| move || i18n.t(msg);
    let specialty_name = Signal::derive(move || specialty_name(i18n.lang(), &specialty));

    let affiliated = if affiliated_facilities.is_empty() {
        view! { <p>{label(Msg::DetailNoAffiliated)}</p> }.into_any()
    } else {
        view! {
            <ul class="facility-list">
                {affiliated_facilities
                    .into_iter()
                    .map(|f| {
                        let pref = f.prefecture;
                        view! {
                            <li>
                                {f.name}
                                <span class="muted">
                                    " (" {move || prefecture_name(i18n.lang(), pref)} ")"
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <article class="program-detail" data-testid="program-detail">
            <header class="detail-header">
                <p class="detail-kicker">
                    {specialty_name}
                    " · "
                    {move || format_year(i18n.lang(), year)}
                </p>
                <h1 data-testid="program-name">{name}</h1>
                {researcher_course
                    .then(|| view! { <span class="badge">{label(Msg::ResearcherCourseBadge)}</span> })}
            </header>

            {counts_kind.map(|kind| view! {
                <p class="figures-caption" data-testid="counts-round">
                    {move || format!("{}{}", round_name(i18n.lang(), year, kind), i18n.t(Msg::DetailCountsOf))}
                </p>
            })}
            <div class="figures">
                <div class="figure">
                    <span class="figure-label">{label(Msg::DetailCapacity)}</span>
                    <span class="figure-value" data-testid="program-capacity">
                        {move || format_people(i18n.lang(), capacity)}
                    </span>
                </div>
                <div class="figure" class:over-capacity-figure=over_capacity>
                    <span class="figure-label">{label(Msg::DetailApplicants)}</span>
                    <span
                        class="figure-value"
                        class:over-capacity=over_capacity
                        data-testid="program-applicants"
                    >
                        {move || format_people(i18n.lang(), applicants.get())}
                    </span>
                </div>
                <div class="figure">
                    <span class="figure-label">{label(Msg::DetailHired)}</span>
                    <span class="figure-value" data-testid="program-hired">
                        {move || match hired {
                            Some(hired) => format_people(i18n.lang(), hired),
                            None => i18n.t(Msg::DetailHiredNotYet).to_string(),
                        }}
                    </span>
                </div>
            </div>
            {move || over_capacity
                .get()
                .then(|| {
                    view! {
                        <p class="notice warning" role="note">
                            {label(Msg::DetailOverCapacityNote)}
                        </p>
                    }
                })}
            {last_results.map(|decided| {
                let (round_year, round_kind) = (decided.round_year, decided.round_kind);
                let (applied, hired) = (decided.applicant_count, decided.hired_count);
                view! {
                    <section class="last-results" data-testid="last-results" aria-labelledby="last-results-heading">
                        <h2 id="last-results-heading" class="figures-heading">
                            {move || format!("{}{}", round_name(i18n.lang(), round_year, round_kind), i18n.t(Msg::DetailResultsOf))}
                        </h2>
                        <div class="figures">
                            <div class="figure">
                                <span class="figure-label">{label(Msg::DetailResultsApplicants)}</span>
                                <span class="figure-value" data-testid="last-applicants">
                                    {move || format_people(i18n.lang(), applied)}
                                </span>
                            </div>
                            <div class="figure">
                                <span class="figure-label">{label(Msg::DetailHired)}</span>
                                <span class="figure-value" data-testid="last-hired">
                                    {move || format_people(i18n.lang(), hired)}
                                </span>
                            </div>
                        </div>
                    </section>
                }
            })}
            <ApplyPanel program_id program_name=apply_name year round_id specialty=specialty_code researcher_course on_applied />

            <dl class="detail-list">
                <dt>{label(Msg::ColSpecialty)}</dt>
                <dd>{specialty_name}</dd>
                <dt>{label(Msg::ColPrefecture)}</dt>
                <dd>{move || prefecture_name(i18n.lang(), prefecture)}</dd>
                <dt>{label(Msg::DetailBaseFacility)}</dt>
                <dd>{summary.base_facility_name}</dd>
                <dt>{label(Msg::DetailAffiliatedFacilities)}</dt>
                <dd>{affiliated}</dd>
                <dt>{label(Msg::DetailResearcherCourse)}</dt>
                <dd>{label(if researcher_course { Msg::Yes } else { Msg::No })}</dd>
                <dt>{label(Msg::DetailContact)}</dt>
                <dd class="pre-wrap">{contact}</dd>
            </dl>

            <section class="description" aria-labelledby="description-heading">
                <h2 id="description-heading">{label(Msg::DetailDescription)}</h2>
                <p class="pre-wrap">{description}</p>
            </section>
        </article>
    }
}
