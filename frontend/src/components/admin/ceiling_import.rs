//! The ceilings' CSV import (`year,prefecture,specialty,ceiling`): pasted or read from a file,
//! imported whole or not at all; the refused rows are listed by line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiProblem;
use crate::api::board;
use crate::components::admin::import_errors::ImportErrors;
use crate::components::error_box::ErrorBox;
use crate::i18n::{Msg, format_imported, use_i18n};
use crate::pages::admin::ceilings::use_ceiling_desk;

/// Reads the file chosen in `input` as text.
async fn file_text(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}

#[component]
pub fn CeilingImport() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_ceiling_desk();
    let csv = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let imported = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<ApiProblem>);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Some(text) = file_text(input).await {
                csv.set(text);
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = csv.get_untracked();
        if pending.get_untracked() || text.trim().is_empty() {
            return;
        }
        pending.set(true);
        imported.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = desk.session.authorized(|token| board::import_ceilings(token, text.clone())).await;
            pending.set(false);
            match answer {
                Ok(report) => {
                    imported.set(Some(report.imported));
                    csv.set(String::new());
                    desk.version.update(|v| *v += 1);
                }
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };

    view! {
        <section class="card admin-card ceiling-import" aria-labelledby="ceiling-import-heading">
            <h2 id="ceiling-import-heading">{move || i18n.t(Msg::AdminImportTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::AdminImportLead)}</p>
            <form novalidate on:submit=submit>
                <div class="field">
                    <label for="ceiling-csv-file">{move || i18n.t(Msg::AdminImportFile)}</label>
                    <input id="ceiling-csv-file" type="file" accept=".csv,text/csv" data-testid="ceiling-csv-file" on:change=on_file />
                </div>
                <div class="field">
                    <label for="ceiling-csv">{move || i18n.t(Msg::AdminImportText)}</label>
                    <textarea
                        id="ceiling-csv"
                        class="csv-text"
                        data-testid="ceiling-csv"
                        spellcheck="false"
                        placeholder="year,prefecture,specialty,ceiling"
                        prop:value=move || csv.get()
                        on:input:target=move |ev| csv.set(ev.target().value())
                    ></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="ceiling-import" disabled=move || pending.get()>
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminImportButton })}
                    </button>
                </div>
            </form>
            {move || imported.get().map(|n| view! {
                <p class="notice success" role="status" data-testid="import-done">{move || format_imported(i18n.lang(), n)}</p>
            })}
            {move || problem.get().map(|problem| {
                if problem.errors.iter().any(|e| e.line.is_some()) {
                    view! { <ImportErrors errors=problem.errors.clone() /> }.into_any()
                } else {
                    view! { <ErrorBox problem testid="import-error" /> }.into_any()
                }
            })}
        </section>
    }
}
