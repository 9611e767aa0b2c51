//! The applicant list's controls: the round (募集) of the program, the status, decided or not,
//! and the order. A change goes back to the first page and clears the ticked rows.

use leptos::prelude::*;
use senkoi_domain::ApplicationStatus;
use senkoi_domain::wire::{ApplicantSort, RoundView};

use crate::api::directing::ApplicantQuery;
use crate::i18n::{Lang, Msg, round_name, status_label, use_i18n};
use crate::pages::director::desk::use_desk;

/// The catalogue's name of an order.
pub fn sort_label(sort: ApplicantSort) -> Msg {
    match sort {
        ApplicantSort::AppliedAt => Msg::SortAppliedAt,
        ApplicantSort::AppliedAtDesc => Msg::SortAppliedAtDesc,
        ApplicantSort::Kana => Msg::SortKana,
        ApplicantSort::KanaDesc => Msg::SortKanaDesc,
        ApplicantSort::License => Msg::SortLicense,
        ApplicantSort::LicenseDesc => Msg::SortLicenseDesc,
    }
}

fn decided_code(decided: Option<bool>) -> &'static str {
    match decided {
        None => "",
        Some(true) => "true",
        Some(false) => "false",
    }
}

#[component]
pub fn ApplicantFilters(rounds: Vec<RoundView>, query: RwSignal<ApplicantQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let change = move |edit: Box<dyn FnOnce(&mut ApplicantQuery)>| {
        desk.selected.set(Default::default());
        query.update(|q| {
            edit(q);
            q.page = 1;
        });
    };
    let round_options = move || {
        let lang = i18n.lang();
        rounds
            .iter()
            .map(|round| {
                let id = round.id.clone();
                let selected = query.with(|q| q.filter.round.as_deref() == Some(id.as_str()));
                view! { <option value=id prop:selected=selected>{round_name(lang, round.year, round.kind)}</option> }
            })
            .collect_view()
    };
    let option = move |value: &'static str, label: String, selected: bool| {
        view! { <option value=value prop:selected=selected>{label}</option> }
    };
    let status_options = move || {
        let lang = i18n.lang();
        let current = query.with(|q| q.filter.status);
        let mut options = vec![option("", Msg::AnyStatus.text(lang).to_string(), current.is_none())];
        options.extend(ApplicationStatus::ALL.into_iter().map(|status| {
            option(status.code(), status_label(lang, status).to_string(), current == Some(status))
        }));
        options.collect_view()
    };
    let decided_options = move || {
        let lang: Lang = i18n.lang();
        let current = decided_code(query.with(|q| q.filter.decided));
        [(None, Msg::DecidedAny), (Some(true), Msg::DecidedYes), (Some(false), Msg::DecidedNo)]
            .into_iter()
            .map(|(value, label)| {
                let code = decided_code(value);
                option(code, label.text(lang).to_string(), code == current)
            })
            .collect_view()
    };
    let sort_options = move || {
        let lang = i18n.lang();
        let current = query.with(|q| q.filter.sort);
        ApplicantSort::ALL
            .into_iter()
            .map(|sort| option(sort.code(), sort_label(sort).text(lang).to_string(), sort == current))
            .collect_view()
    };

    view! {
        <form class="applicant-filters" aria-label=move || i18n.t(Msg::ApplicantFiltersLabel) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="filter-round">{move || i18n.t(Msg::ColRound)}</label>
                <select
                    id="filter-round"
                    data-testid="filter-round"
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        change(Box::new(move |q| q.filter.round = Some(value)));
                    }
                >
                    {round_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-status">{move || i18n.t(Msg::FilterStatus)}</label>
                <select
                    id="filter-status"
                    data-testid="filter-status"
                    on:change:target=move |ev| {
                        let status = ApplicationStatus::parse(&ev.target().value()).ok();
                        change(Box::new(move |q| q.filter.status = status));
                    }
                >
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-decided">{move || i18n.t(Msg::FilterDecided)}</label>
                <select
                    id="filter-decided"
                    data-testid="filter-decided"
                    on:change:target=move |ev| {
                        let decided = ev.target().value().parse::<bool>().ok();
                        change(Box::new(move |q| q.filter.decided = decided));
                    }
                >
                    {decided_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-sort">{move || i18n.t(Msg::SortLabel)}</label>
                <select
                    id="filter-sort"
                    data-testid="filter-sort"
                    on:change:target=move |ev| {
                        let sort = ApplicantSort::parse(&ev.target().value()).unwrap_or_default();
                        change(Box::new(move |q| q.filter.sort = sort));
                    }
                >
                    {sort_options}
                </select>
            </div>
        </form>
    }
}
