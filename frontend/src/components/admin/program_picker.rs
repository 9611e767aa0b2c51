//! Picks programs for a director: a search of the catalogue (as the public search: name,
//! specialty, prefecture) whose results can be added, and the programs picked, each removable.

use leptos::prelude::*;
use senkoi_domain::Prefecture;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::ProgramSummary;

use crate::api::{self, ProgramQuery};
use crate::components::error_box::ErrorBox;
use crate::i18n::{Msg, about_applicant, format_year, use_i18n};
use crate::reference::prefecture_name;

/// A picked program: its id and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub id: String,
    pub name: String,
}

/// `prefix` keeps the ids of two pickers on one page apart.
#[component]
pub fn ProgramPicker(picked: RwSignal<Vec<Picked>>, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let specialty = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<Vec<ProgramSummary>, api::ApiProblem>>);
    let search = move |_| {
        let query = ProgramQuery {
            name: name.get_untracked(),
            specialty: specialty.get_untracked(),
            prefecture: prefecture.get_untracked(),
            page: 1,
            ..ProgramQuery::default()
        };
        leptos::task::spawn_local(async move {
            found.set(Some(api::programs(&query).await.map(|page| page.items)));
        });
    };
    let add = move |program: &ProgramSummary| {
        let entry = Picked { id: program.id.clone(), name: program.name.clone() };
        picked.update(|list| {
            if !list.iter().any(|p| p.id == entry.id) {
                list.push(entry);
            }
        });
    };
    let id = move |what: &str| format!("{prefix}-{what}");
    let specialty_options = move || {
        Specialty::ALL
            .into_iter()
            .map(|s| view! { <option value=s.code()>{i18n.lang().pick(s.name_ja(), s.name_en()).to_string()}</option> })
            .collect_view()
    };
    let prefecture_options = move || {
        Prefecture::all()
            .map(|p| view! { <option value=p.code()>{i18n.lang().pick(p.name_ja(), p.name_en()).to_string()}</option> })
            .collect_view()
    };

    view! {
        <fieldset class="form-section program-picker" data-testid=id("picker")>
            <legend>{move || i18n.t(Msg::AdminDirectorPrograms)}</legend>
            <ul class="picked-list" data-testid=id("picked")>
                {move || {
                    let list = picked.get();
                    if list.is_empty() {
                        return view! { <li class="muted">{move || i18n.t(Msg::AdminNoProgramsPicked)}</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|p| {
                            let remove_id = p.id.clone();
                            let label = p.name.clone();
                            view! {
                                <li data-testid="picked-program">
                                    <span>{p.name}</span>
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        aria-label=move || about_applicant(i18n.lang(), Msg::AdminRemoveProgram, &label)
                                        on:click=move |_| picked.update(|list| list.retain(|x| x.id != remove_id))
                                    >
                                        {move || i18n.t(Msg::AdminRemoveProgram)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <div class="form-grid">
                <div class="field">
                    <label for=id("name")>{move || i18n.t(Msg::FieldProgramName)}</label>
                    <input id=id("name") type="text" data-testid=id("name") prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for=id("specialty")>{move || i18n.t(Msg::FieldSpecialty)}</label>
                    <select id=id("specialty") on:change:target=move |ev| specialty.set(ev.target().value())>
                        <option value="">{move || i18n.t(Msg::AnySpecialty)}</option>
                        {specialty_options}
                    </select>
                </div>
                <div class="field">
                    <label for=id("prefecture")>{move || i18n.t(Msg::FieldPrefecture)}</label>
                    <select id=id("prefecture") on:change:target=move |ev| prefecture.set(ev.target().value())>
                        <option value="">{move || i18n.t(Msg::AnyPrefecture)}</option>
                        {prefecture_options}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button type="button" class="button secondary" data-testid=id("search") on:click=search>
                    {move || i18n.t(Msg::AdminFindPrograms)}
                </button>
            </div>
            {move || found.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoResults)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="picked-list" data-testid=id("results")>
                        {list.into_iter().map(|program| {
                            let (pref, year, label) = (program.prefecture, program.year, program.name.clone());
                            view! {
                                <li>
                                    <span>{program.name.clone()} " · " {move || prefecture_name(i18n.lang(), pref)} " · " {move || format_year(i18n.lang(), year)}</span>
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        data-testid="add-program"
                                        aria-label=move || about_applicant(i18n.lang(), Msg::AdminAddProgram, &label)
                                        on:click=move |_| add(&program)
                                    >
                                        {move || i18n.t(Msg::AdminAddProgram)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(problem) => view! { <ErrorBox problem /> }.into_any(),
            })}
        </fieldset>
    }
}
