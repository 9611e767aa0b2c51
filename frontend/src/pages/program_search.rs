//! Program search (`/programs?specialty=&prefecture=&facility=&name=&page=`): the form, the paged
//! results, and the last search for the detail page's back link. The URL is the state.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use senkoi_domain::wire::{Page, ProgramSummary};

use crate::api::{self, PROGRAMS_PER_PAGE, ProgramQuery};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::components::program_row::ProgramRow;
use crate::components::search_form::SearchForm;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_range, format_total, use_i18n};

/// The SPA path of a search, e.g. `/programs?specialty=surgery&page=2`.
pub fn search_href(query: &ProgramQuery) -> String {
    let pairs = query.pairs();
    if pairs.is_empty() {
        return "/programs".to_string();
    }
    let encoded: Vec<String> =
        pairs.iter().map(|(key, value)| format!("{key}={}", js_sys::encode_uri_component(value))).collect();
    format!("/programs?{}", encoded.join("&"))
}

/// The last search shown, so the detail page can lead back to the same results.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<String>);

impl Default for LastSearch {
    fn default() -> Self {
        LastSearch(RwSignal::new("/programs".to_string()))
    }
}

#[component]
pub fn ProgramSearchPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::SearchTitle));
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        let text = |key: &str| params.get(key).map(|v| v.trim().to_string()).unwrap_or_default();
        ProgramQuery {
            specialty: text("specialty"),
            prefecture: text("prefecture"),
            facility: text("facility"),
            name: text("name"),
            page: params
                .get("page")
                .and_then(|p| p.trim().parse::<u64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    });

    let last = expect_context::<LastSearch>();
    Effect::new(move |_| last.0.set(search_href(&query.get())));

    let navigate = use_navigate();
    let go = Callback::new(move |q: ProgramQuery| {
        navigate(&search_href(&q), NavigateOptions::default());
    });
    let go_page = Callback::new(move |page: u64| go.run(query.get_untracked().with_page(page)));

    let results = LocalResource::new(move || {
        let q = query.get();
        async move { api::programs(&q).await }
    });
    let (pending, set_pending) = signal(false);

    view! {
        <div class="container page program-search">
            <h1>{move || i18n.t(Msg::SearchTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::SearchLead)}</p>
            <SearchForm query on_search=go />
            <section class="results" aria-labelledby="results-heading" aria-busy=move || pending.get().to_string()>
                <h2 id="results-heading">{move || i18n.t(Msg::SearchResults)}</h2>
                <Show when=move || pending.get()>
                    <Loading />
                </Show>
                <Transition set_pending>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(page) => view! { <Results page on_page=go_page /> }.into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

/// One page of results: the total, the table and the page controls.
#[component]
fn Results(page: Page<ProgramSummary>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let Page { items, total, page, per_page } = page;
    let per_page = if per_page == 0 { PROGRAMS_PER_PAGE } else { per_page };
    let pages = total.div_ceil(per_page).max(1);
    let first = (page.saturating_sub(1)) * per_page + 1;
    let last = first + items.len() as u64 - 1;
    let shown = !items.is_empty();

    let summary = view! {
        <p class="result-summary" aria-live="polite">
            <strong data-testid="search-total">{move || format_total(i18n.lang(), total)}</strong>
            {shown
                .then(|| {
                    view! {
                        <span class="result-range">
                            {move || format_range(i18n.lang(), first, last)}
                        </span>
                    }
                })}
        </p>
    };

    if !shown {
        return view! {
            {summary}
            <p class="empty">{move || i18n.t(Msg::NoResults)}</p>
            {(page > 1).then(|| view! { <Pager page pages on_page /> })}
        }
        .into_any();
    }

    view! {
        {summary}
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::SearchResults)>
            <table class="data-table program-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::SearchResults)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::ColProgramName)}</th>
                        <th scope="col">{move || i18n.t(Msg::ColSpecialty)}</th>
                        <th scope="col">{move || i18n.t(Msg::ColPrefecture)}</th>
                        <th scope="col">{move || i18n.t(Msg::ColBaseFacility)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ColCapacity)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ColApplicants)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|program| view! { <ProgramRow program /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page pages on_page />
    }
    .into_any()
}
