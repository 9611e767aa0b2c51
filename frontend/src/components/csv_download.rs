//! The applicant list as CSV: fetched with the session's token (a plain link could not carry
//! it) and handed to the browser as `applicants-<program>-<round>.csv`.

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::api::directing::{self, ApplicantQuery};
use crate::components::error_box::ErrorBox;
use crate::download;
use crate::i18n::{Msg, use_i18n};
use crate::pages::director::desk::use_desk;

/// The file's name: the program's and round's ids, which name them without any personal data.
pub fn csv_name(program: &str, round: Option<&str>) -> String {
    match round {
        Some(round) => format!("applicants-{program}-{round}.csv"),
        None => format!("applicants-{program}.csv"),
    }
}

#[component]
pub fn CsvDownload(query: Signal<ApplicantQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let fetch = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        let (program, query, session) = (desk.program(), query.get_untracked(), desk.session());
        leptos::task::spawn_local(async move {
            let name = csv_name(&program, query.round.as_deref());
            let answer = session
                .authorized(|token| directing::applicants_csv(token, program.clone(), query.clone()))
                .await;
            match answer {
                Ok(file) => {
                    if !download::save(&file, &name) {
                        problem.set(Some(ApiProblem::with_code(0, "unexpected-response")));
                    }
                }
                Err(refused) => problem.set(Some(refused)),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="csv-download">
            <button
                type="button"
                class="button secondary"
                data-testid="csv-download"
                aria-describedby="csv-hint"
                disabled=move || pending.get()
                on:click=fetch
            >
                {move || i18n.t(if pending.get() { Msg::CsvDownloading } else { Msg::CsvDownload })}
            </button>
            <span class="muted" id="csv-hint">{move || i18n.t(Msg::CsvHint)}</span>
            {move || problem.get().map(|problem| view! { <ErrorBox problem testid="csv-error" /> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_named_by_program_and_round() {
        assert_eq!(csv_name("p1", Some("r1")), "applicants-p1-r1.csv");
        assert_eq!(csv_name("p1", None), "applicants-p1.csv");
    }
}
