//! The ceilings table: one row per cell (prefecture × specialty) with the ceiling in force, the
//! hires so far, the suggestion and the years it comes from, the value to set or try, and the
//! excess a what-if found.

use leptos::prelude::*;
use senkoi_domain::wire::CeilingView;

use crate::i18n::{Msg, about_applicant, field_error_text, format_date, format_people, use_i18n};
use crate::pages::admin::ceilings::{cell_key, typed_ceiling, use_ceiling_desk};

#[component]
pub fn CeilingTable(rows: Vec<CeilingView>) -> impl IntoView {
    let i18n = use_i18n();
    let head =
        move |msg: Msg, class: &'static str| view! { <th scope="col" class=class>{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminCeilingsTitle)>
            <table class="data-table ceiling-table" data-testid="ceiling-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminCeilingsTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColPrefecture, "")}
                        {head(Msg::ColSpecialty, "")}
                        {head(Msg::ColCeiling, "num")}
                        {head(Msg::ColHired, "num")}
                        {head(Msg::AdminColSuggested, "num")}
                        {head(Msg::AdminColNewCeiling, "")}
                        {head(Msg::AdminColExcess, "num")}
                        {head(Msg::AdminColUpdated, "")}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <CeilingRow row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CeilingRow(row: CeilingView) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_ceiling_desk();
    let key = cell_key(row.prefecture, row.specialty.code());
    let prefecture = row.prefecture;
    let specialty = row.specialty;
    let cell_name = move || {
        let lang = i18n.lang();
        let place = lang.pick(prefecture.name_ja(), prefecture.name_en());
        format!("{place} {}", lang.pick(specialty.name_ja(), specialty.name_en()))
    };
    let typed = {
        let key = key.clone();
        Memo::new(move |_| desk.typed.with(|t| t.get(&key).cloned().unwrap_or_default()))
    };
    let refused = move || {
        let text = typed.get();
        !text.trim().is_empty() && typed_ceiling(&text).is_none()
    };
    let excess = {
        let key = key.clone();
        Memo::new(move |_| {
            desk.what_if.with(|w| w.as_ref().and_then(|cells| cells.get(&key).map(|c| c.excess)))
        })
    };
    let input_id = format!("ceiling-input-{}", key.replace('/', "-"));
    let error_id = format!("{input_id}-error");
    let message_id = error_id.clone();
    let row_testid = format!("ceiling-row-{}", key.replace('/', "-"));
    let (ceiling, hired, suggested, years, updated) =
        (row.ceiling, row.hired, row.suggested, row.suggested_from_years.clone(), row.updated_at);
    let years = years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
    let save_row = row.clone();
    let suggest_row = row;
    let on_input = {
        let key = key.clone();
        move |text: String| {
            desk.typed.update(|t| {
                t.insert(key.clone(), text);
            });
        }
    };

    view! {
        <tr data-testid=row_testid>
            <th scope="row">{move || i18n.lang().pick(prefecture.name_ja(), prefecture.name_en()).to_string()}</th>
            <td>{move || i18n.lang().pick(specialty.name_ja(), specialty.name_en()).to_string()}</td>
            <td class="num" data-testid="ceiling-current">
                {move || ceiling.map_or_else(|| i18n.t(Msg::AdminNotSet).to_string(), |c| format_people(i18n.lang(), c))}
            </td>
            <td class="num" data-testid="ceiling-hired">{move || format_people(i18n.lang(), hired)}</td>
            <td class="num" data-testid="ceiling-suggested" title=years>
                {move || format_people(i18n.lang(), suggested)}
            </td>
            <td class="actions">
                <label for=input_id.clone() class="visually-hidden">
                    {move || about_applicant(i18n.lang(), Msg::AdminColNewCeiling, &cell_name())}
                </label>
                <input
                    id=input_id.clone()
                    class="ceiling-input"
                    type="number"
                    min="0"
                    max="10000"
                    inputmode="numeric"
                    data-testid=input_id.clone()
                    aria-invalid=move || refused().to_string()
                    aria-describedby=move || refused().then(|| error_id.clone())
                    prop:value=move || typed.get()
                    on:input:target=move |ev| on_input(ev.target().value())
                />
                <button
                    type="button"
                    class="button primary small"
                    data-testid="ceiling-save"
                    aria-label=move || about_applicant(i18n.lang(), Msg::AdminSetCeiling, &cell_name())
                    disabled=move || desk.busy.get() || typed_ceiling(&typed.get()).is_none()
                    on:click=move |_| {
                        if let Some(value) = typed_ceiling(&typed.get_untracked()) {
                            desk.ask_to_set(&save_row, value, cell_name());
                        }
                    }
                >
                    {move || i18n.t(Msg::AdminSetCeiling)}
                </button>
                <button
                    type="button"
                    class="button secondary small"
                    data-testid="ceiling-take-suggestion"
                    aria-label=move || about_applicant(i18n.lang(), Msg::AdminTakeSuggestion, &cell_name())
                    disabled=move || desk.busy.get()
                    on:click=move |_| desk.ask_to_set(&suggest_row, suggested, cell_name())
                >
                    {move || i18n.t(Msg::AdminTakeSuggestion)}
                </button>
                {move || refused().then(|| view! {
                    <p class="field-error" id=message_id.clone()>
                        {move || field_error_text(i18n.lang(), "ceiling", "invalid-ceiling")}
                    </p>
                })}
            </td>
            <td class="num" data-testid="ceiling-excess" class:excess=move || excess.get().is_some_and(|e| e > 0)>
                {move || excess.get().map(|e| format_people(i18n.lang(), e))}
            </td>
            <td>{move || updated.map(|at| format_date(i18n.lang(), at))}</td>
        </tr>
    }
}
