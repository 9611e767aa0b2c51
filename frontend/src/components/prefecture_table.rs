//! 都道府県ごとの応募・採用状況 for the resident's specialty and recruitment year: capacity,
//! applicants, hired, rejected, pending and the ceiling, with the ceiling prefectures marked.
//! The figures are the server's (decisions count only from each round's results).

use leptos::prelude::*;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::wire::PrefectureStatistics;

use crate::api::{self, ApiProblem};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::i18n::{Msg, format_year, use_i18n};
use crate::reference::prefecture_name;

async fn load(specialty: String) -> Result<(i32, Vec<PrefectureStatistics>), ApiProblem> {
    let year = recruitment_year_at(api::server_now().await?);
    let rows = api::prefecture_statistics(&specialty, year).await?;
    Ok((year, rows))
}

/// A row worth a line: the prefecture has places or applicants.
fn shown(row: &PrefectureStatistics) -> bool {
    row.capacity > 0 || row.applicants > 0
}

#[component]
pub fn PrefectureStatus(specialty: String) -> impl IntoView {
    let i18n = use_i18n();
    let statistics = LocalResource::new(move || load(specialty.clone()));
    view! {
        <section class="card my-section my-prefectures" data-testid="section-prefecture-status">
            <h2>{move || i18n.t(Msg::PrefectureStatus)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match statistics.await {
                        Ok((year, rows)) => view! { <PrefectureTable year rows /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The table of `rows` for `year`; `note` says how the figures count (by default: decisions
/// from each round's results, as the public sees them).
#[component]
pub fn PrefectureTable(
    year: i32,
    rows: Vec<PrefectureStatistics>,
    #[prop(optional)] note: Option<Msg>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<PrefectureStatistics> = rows.into_iter().filter(shown).collect();
    if rows.is_empty() {
        return view! { <p class="muted" data-testid="prefecture-status-empty">{move || i18n.t(Msg::PrefectureStatusEmpty)}</p> }
            .into_any();
    }
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <p class="muted">{move || i18n.t(note.unwrap_or(Msg::PrefectureStatusNote))}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::PrefectureStatus)>
            <table class="data-table prefecture-table" data-testid="prefecture-table">
                <caption class="visually-hidden">
                    {move || format!("{} {}", format_year(i18n.lang(), year), i18n.t(Msg::PrefectureStatus))}
                </caption>
                <thead>
                    <tr>
                        {head(Msg::ColPrefecture)}
                        {head(Msg::ColCapacity)}
                        {head(Msg::ColApplicants)}
                        {head(Msg::ColHired)}
                        {head(Msg::ColRejected)}
                        {head(Msg::ColUnprocessed)}
                        {head(Msg::ColCeiling)}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let code = row.prefecture;
                            let ceiling_prefecture = code.has_ceiling();
                            let ceiling = row.ceiling.map_or_else(|| "—".to_string(), |c| c.to_string());
                            let testid = format!("prefecture-row-{code}");
                            view! {
                                <tr data-testid=testid class:ceiling=ceiling_prefecture>
                                    <th scope="row">
                                        {move || prefecture_name(i18n.lang(), code)}
                                        {ceiling_prefecture.then(|| view! {
                                            <span class="badge" data-testid="ceiling-mark">{move || i18n.t(Msg::CeilingMark)}</span>
                                        })}
                                    </th>
                                    <td class="num">{row.capacity}</td>
                                    <td class="num">{row.applicants}</td>
                                    <td class="num">{row.hired}</td>
                                    <td class="num">{row.rejected}</td>
                                    <td class="num">{row.unprocessed}</td>
                                    <td class="num" data-testid="ceiling">{ceiling}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
