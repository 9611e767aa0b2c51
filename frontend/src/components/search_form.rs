//! The program search form: specialty, prefecture, base facility name and program name.

use leptos::prelude::*;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;

use crate::api::ProgramQuery;
use crate::i18n::{Msg, use_i18n};

/// Shows the filters of `query` and hands a new query (back on page 1) to `on_search`.
#[component]
pub fn SearchForm(
    /// The search in the URL; the fields follow it on back/forward.
    #[prop(into)]
    query: Signal<ProgramQuery>,
    on_search: Callback<ProgramQuery>,
) -> impl IntoView {
    let i18n = use_i18n();

    let specialty = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let facility = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        specialty.set(q.specialty);
        prefecture.set(q.prefecture);
        facility.set(q.facility);
        name.set(q.name);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_search.run(ProgramQuery {
            specialty: specialty.get_untracked(),
            prefecture: prefecture.get_untracked(),
            facility: facility.get_untracked().trim().to_string(),
            name: name.get_untracked().trim().to_string(),
            page: 1,
        });
    };
    let clear = move |_| on_search.run(ProgramQuery::default());

    let specialty_options = move || {
        let lang = i18n.lang();
        Specialty::ALL
            .into_iter()
            .map(|s| {
                let code = s.code().to_string();
                let selected = {
                    let code = code.clone();
                    move || specialty.get() == code
                };
                view! { <option value=code prop:selected=selected>{lang.pick(s.name_ja(), s.name_en())}</option> }
            })
            .collect_view()
    };
    let prefecture_options = move || {
        let lang = i18n.lang();
        Prefecture::all()
            .map(|p| {
                let code = p.code();
                let selected = {
                    let code = code.clone();
                    move || prefecture.get() == code
                };
                view! { <option value=code prop:selected=selected>{lang.pick(p.name_ja(), p.name_en())}</option> }
            })
            .collect_view()
    };

    view! {
        <form
            class="search-form card"
            role="search"
            aria-label=move || i18n.t(Msg::SearchFormLabel)
            on:submit=submit
        >
            <div class="form-grid">
                <div class="field">
                    <label for="search-specialty">{move || i18n.t(Msg::FieldSpecialty)}</label>
                    <select
                        id="search-specialty"
                        name="specialty"
                        data-testid="search-specialty"
                        on:change:target=move |ev| specialty.set(ev.target().value())
                    >
                        <option value="" prop:selected=move || specialty.get().is_empty()>
                            {move || i18n.t(Msg::AnySpecialty)}
                        </option>
                        {specialty_options}
                    </select>
                </div>
                <div class="field">
                    <label for="search-prefecture">{move || i18n.t(Msg::FieldPrefecture)}</label>
                    <select
                        id="search-prefecture"
                        name="prefecture"
                        data-testid="search-prefecture"
                        on:change:target=move |ev| prefecture.set(ev.target().value())
                    >
                        <option value="" prop:selected=move || prefecture.get().is_empty()>
                            {move || i18n.t(Msg::AnyPrefecture)}
                        </option>
                        {prefecture_options}
                    </select>
                </div>
                <div class="field">
                    <label for="search-facility">{move || i18n.t(Msg::FieldFacility)}</label>
                    <input
                        id="search-facility"
                        name="facility"
                        type="search"
                        autocomplete="off"
                        data-testid="search-facility"
                        placeholder=move || i18n.t(Msg::FacilityPlaceholder)
                        bind:value=facility
                    />
                </div>
                <div class="field">
                    <label for="search-name">{move || i18n.t(Msg::FieldProgramName)}</label>
                    <input
                        id="search-name"
                        name="name"
                        type="search"
                        autocomplete="off"
                        data-testid="search-name"
                        placeholder=move || i18n.t(Msg::ProgramNamePlaceholder)
                        bind:value=name
                    />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="search-submit">
                    {move || i18n.t(Msg::SearchButton)}
                </button>
                <button type="button" class="button secondary" on:click=clear>
                    {move || i18n.t(Msg::ClearButton)}
                </button>
            </div>
        </form>
    }
}
