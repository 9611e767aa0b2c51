//! The catalogue's upkeep (`/admin/programs`): the public search, a program opened for changes
//! (capacity, base facility, the other fields), and a new program.

use leptos::prelude::*;
use senkoi_domain::wire::{Page, ProgramDetail, ProgramSummary};

use crate::api::{self, ApiProblem, ProgramQuery};
use crate::components::admin::program_form::ProgramForm;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::components::search_form::SearchForm;
use crate::document::use_page_title;
use crate::i18n::{Msg, about_applicant, format_people, format_total, format_year, use_i18n};
use crate::reference::{prefecture_name, specialty_name};

/// What the form below the search is doing.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Program(Box<ProgramDetail>),
}

#[component]
pub fn AdminProgramsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminProgramsTitle));
    let query = RwSignal::new(None::<ProgramQuery>);
    let version = RwSignal::new(0u32);
    let editing = RwSignal::new(Editing::Nothing);
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let results = LocalResource::new(move || {
        let query = query.get();
        version.track();
        async move {
            match query {
                Some(query) => api::programs(&query).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let open = Callback::new(move |id: String| {
        done.set(false);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::program(&id).await {
                Ok(detail) => editing.set(Editing::Program(Box::new(detail))),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    });
    let saved = Callback::new(move |_: ProgramDetail| {
        editing.set(Editing::Nothing);
        done.set(true);
        version.update(|v| *v += 1);
    });
    let cancel = Callback::new(move |_| editing.set(Editing::Nothing));

    view! {
        <div class="container page admin-page admin-programs" data-testid="admin-programs">
            <h1>{move || i18n.t(Msg::AdminProgramsTitle)}</h1>
            <div class="admin-toolbar">
                <button type="button" class="button secondary" data-testid="new-program" on:click=move |_| {
                    done.set(false);
                    editing.set(Editing::New);
                }>
                    {move || i18n.t(Msg::AdminNewProgram)}
                </button>
            </div>
            {move || done.get().then(|| view! {
                <p class="notice success" role="status" data-testid="admin-done">{move || i18n.t(Msg::AdminSaved)}</p>
            })}
            {move || problem.get().map(|problem| view! { <ErrorBox problem /> })}
            {move || match editing.get() {
                Editing::Nothing => None,
                Editing::New => Some(view! { <ProgramForm program=None on_saved=saved on_cancel=cancel /> }),
                Editing::Program(detail) => Some(view! { <ProgramForm program=Some(*detail) on_saved=saved on_cancel=cancel /> }),
            }}
            <SearchForm
                query=Signal::derive(move || query.get().unwrap_or_default())
                on_search=Callback::new(move |q| query.set(Some(q)))
            />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(Some(page)) => {
                            let on_page = Callback::new(move |p| query.update(|q| if let Some(q) = q { q.page = p }));
                            view! { <Results page open on_page /> }.into_any()
                        }
                        Ok(None) => ().into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Results(page: Page<ProgramSummary>, open: Callback<String>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty">{move || i18n.t(Msg::NoResults)}</p> }.into_any();
    }
    let pages = page.pages();
    let total = page.total;
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <p class="result-summary" data-testid="admin-program-total">{move || format_total(i18n.lang(), total)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::SearchResults)>
            <table class="data-table" data-testid="admin-program-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::SearchResults)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColProgramName)}
                        {head(Msg::ColSpecialty)}
                        {head(Msg::ColPrefecture)}
                        {head(Msg::ColBaseFacility)}
                        {head(Msg::DetailYear)}
                        {head(Msg::ColCapacity)}
                        {head(Msg::ColActions)}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|p| {
                        let (id, specialty, prefecture, year, capacity, label) =
                            (p.id.clone(), p.specialty.clone(), p.prefecture, p.year, p.capacity, p.name.clone());
                        view! {
                            <tr data-testid="admin-program-row">
                                <th scope="row">{p.name}</th>
                                <td>{move || specialty_name(i18n.lang(), &specialty)}</td>
                                <td>{move || prefecture_name(i18n.lang(), prefecture)}</td>
                                <td>{p.base_facility_name}</td>
                                <td>{move || format_year(i18n.lang(), year)}</td>
                                <td class="num">{move || format_people(i18n.lang(), capacity)}</td>
                                <td class="actions">
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        data-testid="edit-program"
                                        aria-label=move || about_applicant(i18n.lang(), Msg::AdminEditProgram, &label)
                                        on:click=move |_| open.run(id.clone())
                                    >
                                        {move || i18n.t(Msg::AdminEditProgram)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=page.page pages on_page />
    }
    .into_any()
}
