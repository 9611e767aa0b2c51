//! The applicant list as CSV: fetched with the session's token (a plain link could not carry
//! it) and handed to the browser named after the program and the round, as a director files it:
//! `応募者一覧_城北 内科_2024年度 1次募集.csv`.

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::api::directing::{self, ApplicantQuery};
use crate::components::error_box::ErrorBox;
use crate::download;
use crate::i18n::{Lang, Msg, round_name, use_i18n};
use crate::pages::director::desk::use_desk;
use senkoi_domain::RoundKind;
use senkoi_domain::wire::RoundView;

/// The file's name: the program's name and the round's (no personal data), without the
/// characters a file system refuses.
pub fn csv_name(program: &str, round: Option<(i32, RoundKind)>) -> String {
    let name = match round {
        Some((year, kind)) => format!("応募者一覧_{program}_{}.csv", round_name(Lang::Ja, year, kind)),
        None => format!("応募者一覧_{program}.csv"),
    };
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[component]
pub fn CsvDownload(
    query: Signal<ApplicantQuery>,
    program_name: String,
    /// The program's rounds, to name the one asked for.
    rounds: Vec<RoundView>,
) -> impl IntoView {
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
        let (program_name, rounds) = (program_name.clone(), rounds.clone());
        leptos::task::spawn_local(async move {
            let round = query.filter.round.as_deref().and_then(|id| rounds.iter().find(|r| r.id == id));
            let name = csv_name(&program_name, round.map(|r| (r.year, r.kind)));
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
        assert_eq!(
            csv_name("城北 内科", Some((2024, RoundKind::First))),
            "応募者一覧_城北 内科_2024年度 1次募集.csv"
        );
        assert_eq!(csv_name("城北 内科", None), "応募者一覧_城北 内科.csv");
        assert_eq!(csv_name("A/B: C?", None), "応募者一覧_A_B_ C_.csv");
    }
}
