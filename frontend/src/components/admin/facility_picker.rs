//! Chooses a program's base facility (基幹施設): facilities found by prefecture and name, or a new
//! one added on the spot.

use leptos::prelude::*;
use senkoi_domain::Prefecture;
use senkoi_domain::wire::FacilityView;

use crate::api::ApiProblem;
use crate::api::board::{self, FacilityBody};
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::form::{FieldErrors, error_id};
use crate::i18n::{Msg, about_applicant, use_i18n};
use crate::session::use_session;

/// `chosen` is the facility's id; `chosen_name` what the admin sees of it. Errors of the program
/// form's `base_facility_id` show here.
#[component]
pub fn FacilityPicker(
    chosen: RwSignal<String>,
    chosen_name: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let prefecture = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<Vec<FacilityView>, ApiProblem>>);
    let problem = RwSignal::new(None::<ApiProblem>);
    let search = move |_| {
        let (prefecture, name) = (prefecture.get_untracked(), name.get_untracked());
        leptos::task::spawn_local(async move {
            found.set(Some(board::facilities(prefecture, name).await.map(|page| page.items)));
        });
    };
    let choose = move |facility: &FacilityView| {
        chosen.set(facility.id.clone());
        chosen_name.set(facility.name.clone());
        errors.update(|e| e.edited("base_facility_id"));
    };
    let add = move |_| {
        let body = FacilityBody {
            name: name.get_untracked().trim().to_string(),
            prefecture: prefecture.get_untracked(),
        };
        problem.set(None);
        leptos::task::spawn_local(async move {
            match session.authorized(|token| board::create_facility(token, body.clone())).await {
                Ok(made) => {
                    choose(&made);
                    found.set(Some(Ok(vec![made])));
                }
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    let prefecture_options = move || {
        Prefecture::all()
            .map(|p| view! { <option value=p.code()>{i18n.lang().pick(p.name_ja(), p.name_en()).to_string()}</option> })
            .collect_view()
    };
    view! {
        <fieldset class="form-section facility-picker" aria-describedby=move || errors.with(|e| e.code("base_facility_id").is_some()).then(|| error_id("base_facility_id"))>
            <legend>{move || i18n.t(Msg::ColBaseFacility)}</legend>
            <p data-testid="chosen-facility">
                {move || {
                    let name = chosen_name.get();
                    if name.is_empty() { i18n.t(Msg::AdminNoFacility).to_string() } else { name }
                }}
            </p>
            <FieldError field="base_facility_id" errors />
            <div class="form-grid">
                <div class="field">
                    <label for="facility-prefecture">{move || i18n.t(Msg::FieldPrefecture)}</label>
                    <select id="facility-prefecture" data-testid="facility-prefecture" on:change:target=move |ev| prefecture.set(ev.target().value())>
                        <option value="">{move || i18n.t(Msg::AnyPrefecture)}</option>
                        {prefecture_options}
                    </select>
                </div>
                <div class="field">
                    <label for="facility-name">{move || i18n.t(Msg::FieldFacility)}</label>
                    <input id="facility-name" type="text" data-testid="facility-name" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                </div>
            </div>
            <div class="form-actions">
                <button type="button" class="button secondary" data-testid="facility-search" on:click=search>{move || i18n.t(Msg::SearchButton)}</button>
                <button type="button" class="button secondary" data-testid="facility-add" on:click=add>{move || i18n.t(Msg::AdminAddFacility)}</button>
            </div>
            {move || problem.get().map(|problem| view! { <ErrorBox problem /> })}
            {move || found.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoResults)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="picked-list">
                        {list.into_iter().map(|facility| {
                            let label = facility.name.clone();
                            view! {
                                <li>
                                    <span>{facility.name.clone()}</span>
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        data-testid="choose-facility"
                                        aria-label=move || about_applicant(i18n.lang(), Msg::AdminChooseFacility, &label)
                                        on:click=move |_| choose(&facility)
                                    >
                                        {move || i18n.t(Msg::AdminChooseFacility)}
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
