//! One page of a program's applicants: the total, the table (with a tick for every decidable
//! row of the page) and the page controls.

use leptos::prelude::*;
use senkoi_domain::wire::{Applicant, Page};

use crate::api::directing::APPLICANTS_PER_PAGE;
use crate::components::applicant_row::ApplicantRow;
use crate::components::pager::Pager;
use crate::i18n::{Msg, format_applicants, use_i18n};
use crate::pages::director::desk::use_desk;

#[component]
pub fn ApplicantTable(page: Page<Applicant>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let Page { items, total, page, per_page } = page;
    let per_page = if per_page == 0 { APPLICANTS_PER_PAGE } else { per_page };
    let pages = total.div_ceil(per_page).max(1);
    let summary = view! {
        <p class="result-summary" aria-live="polite">
            <strong data-testid="applicants-total">{move || format_applicants(i18n.lang(), total)}</strong>
        </p>
    };
    if items.is_empty() {
        return view! {
            {summary}
            <p class="empty" data-testid="no-applicants">{move || i18n.t(Msg::NoApplicants)}</p>
            {(page > 1).then(|| view! { <Pager page pages on_page /> })}
        }
        .into_any();
    }
    let tickable: Vec<String> = items
        .iter()
        .filter(|a| a.application.status.is_decidable())
        .map(|a| a.application.id.clone())
        .collect();
    let all_ticked = {
        let tickable = tickable.clone();
        move || !tickable.is_empty() && desk.selected.with(|s| tickable.iter().all(|id| s.contains(id)))
    };
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };

    view! {
        {summary}
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::ApplicantsTitle)>
            <table class="data-table applicant-table" data-testid="applicant-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::ApplicantsTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="tick" data-label=move || i18n.t(Msg::ColSelect)>
                            <input
                                type="checkbox"
                                data-testid="select-all"
                                aria-label=move || i18n.t(Msg::SelectAllOnPage)
                                disabled=tickable.is_empty()
                                prop:checked=all_ticked
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    desk.selected.update(|s| {
                                        for id in &tickable {
                                            if on {
                                                s.insert(id.clone());
                                            } else {
                                                s.remove(id);
                                            }
                                        }
                                    });
                                }
                            />
                        </th>
                        {head(Msg::LabelReceiptNumber)}
                        {head(Msg::ColName)}
                        <th scope="col" class="num">{move || i18n.t(Msg::LabelYearsSinceLicense)}</th>
                        {head(Msg::ColTraining)}
                        {head(Msg::LabelStatus)}
                        {head(Msg::ColDecision)}
                        {head(Msg::ColActions)}
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|applicant| view! { <ApplicantRow applicant /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page pages on_page />
    }
    .into_any()
}
