//! A recruitment year (年度) chooser: a number input that hands on each valid year typed.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

/// `year` follows the input while it holds a year the domain accepts (2000–2100).
#[component]
pub fn YearField(year: RwSignal<i32>, #[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.unwrap_or("admin-year");
    view! {
        <div class="field year-field">
            <label for=id>{move || i18n.t(Msg::ScheduleYear)}</label>
            <input
                id=id
                type="number"
                min="2000"
                max="2100"
                data-testid=id
                prop:value=move || year.get().to_string()
                on:change:target=move |ev| {
                    let typed = ev.target().value().trim().parse::<i32>().ok();
                    if let Some(y) = typed.filter(|y| senkoi_domain::program::parse_year(*y).is_ok()) {
                        year.set(y);
                    }
                }
            />
        </div>
    }
}
