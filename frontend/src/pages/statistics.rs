//! 応募・採用状況 (`/statistics?specialty=&year=&measure=`), public: for a specialty and a
//! recruitment year, the map of Japan coloured by how full each prefecture is (hires against the
//! places that may be filled, or applicants against the capacity) beside the per-prefecture
//! table; and 年度採用数, the year's hires of every specialty, nationwide and in the five
//! prefectures with ceilings. Decisions count from their round's results, as the server gives them.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use senkoi_domain::fill::MapMeasure;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::wire::{AnnualHires, PrefectureStatistics};
use senkoi_domain::{Prefecture, Specialty};

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::components::japan_map::{JapanMap, Shade, shaded};
use crate::components::loading::Loading;
use crate::components::prefecture_table::PrefectureTable;
use crate::document::use_page_title;
use crate::i18n::{Lang, Msg, format_year, use_i18n};

/// How many years back the page offers, the current one included.
const YEARS_SHOWN: i32 = 4;

/// The page's choices as its URL holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Choice {
    specialty: Specialty,
    year: Option<i32>,
    measure: MapMeasure,
}

impl Choice {
    fn href(self, year: i32) -> String {
        format!("/statistics?specialty={}&year={year}&measure={}", self.specialty.code(), self.measure.code())
    }
}

/// What a prefecture's title on the map says: its name and the figures of the measure.
fn title(lang: Lang, measure: MapMeasure, row: &PrefectureStatistics) -> String {
    let name = lang.pick(row.prefecture.name_ja(), row.prefecture.name_en());
    let places = senkoi_domain::fill::places(row.capacity, row.ceiling);
    match (measure, lang) {
        (MapMeasure::Hires, Lang::Ja) => format!("{name}: 採用 {} / 枠 {places}", row.hired),
        (MapMeasure::Hires, Lang::En) => format!("{name}: {} hired of {places} places", row.hired),
        (MapMeasure::Applicants, Lang::Ja) => {
            format!("{name}: 応募 {} / 定員 {}", row.applicants, row.capacity)
        }
        (MapMeasure::Applicants, Lang::En) => {
            format!("{name}: {} applicants for {} places", row.applicants, row.capacity)
        }
    }
}

/// Each prefecture's shade under `measure`.
fn shades(lang: Lang, measure: MapMeasure, rows: &[PrefectureStatistics]) -> HashMap<String, Shade> {
    rows.iter()
        .map(|row| {
            let level = measure.level(row.capacity, row.applicants, row.hired, row.ceiling);
            (row.prefecture.code(), Shade { level, title: title(lang, measure, row) })
        })
        .collect()
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::StatisticsTitle));
    let query = use_query_map();
    let choice = Memo::new(move |_| {
        let q = query.read();
        Choice {
            specialty: q
                .get("specialty")
                .and_then(|s| Specialty::parse(&s).ok())
                .unwrap_or(Specialty::InternalMedicine),
            year: q.get("year").and_then(|y| y.trim().parse().ok()),
            measure: q.get("measure").and_then(|m| MapMeasure::parse(&m)).unwrap_or(MapMeasure::Hires),
        }
    });
    let current_year = LocalResource::new(|| async { api::server_now().await.map(recruitment_year_at) });
    view! {
        <div class="container page statistics" data-testid="statistics-page">
            <h1>{move || i18n.t(Msg::StatisticsTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::StatisticsLead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match current_year.await {
                        Ok(current) => view! { <Figures choice current /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The controls, the map with its table, and the year's hires.
#[component]
fn Figures(choice: Memo<Choice>, current: i32) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let year = Memo::new(move |_| choice.get().year.unwrap_or(current));
    let go = move |next: Choice| {
        let year = next.year.unwrap_or(current);
        navigate(&next.href(year), Default::default());
    };
    let prefectures = LocalResource::new(move || {
        let (specialty, year) = (choice.get().specialty, year.get());
        async move { api::prefecture_statistics(specialty.code(), year).await }
    });
    let hires = LocalResource::new(move || {
        let year = year.get();
        async move { api::annual_hires(year).await }
    });
    let specialty_options = move || {
        Specialty::ALL
            .into_iter()
            .map(|s| {
                let selected = move || choice.get().specialty == s;
                view! { <option value=s.code() prop:selected=selected>{move || i18n.lang().pick(s.name_ja(), s.name_en()).to_string()}</option> }
            })
            .collect_view()
    };
    let year_options = move || {
        (0..YEARS_SHOWN)
            .map(|back| {
                let y = current - back;
                view! { <option value=y.to_string() prop:selected=move || year.get() == y>{move || format_year(i18n.lang(), y)}</option> }
            })
            .collect_view()
    };
    let (go_specialty, go_year, go_measure) = (go.clone(), go.clone(), go);
    view! {
        <div class="admin-toolbar statistics-controls">
            <div class="field">
                <label for="statistics-specialty">{move || i18n.t(Msg::FieldSpecialty)}</label>
                <select id="statistics-specialty" data-testid="statistics-specialty" on:change:target=move |ev| {
                    if let Ok(specialty) = Specialty::parse(&ev.target().value()) {
                        go_specialty(Choice { specialty, ..choice.get_untracked() });
                    }
                }>{specialty_options}</select>
            </div>
            <div class="field">
                <label for="statistics-year">{move || i18n.t(Msg::ScheduleYear)}</label>
                <select id="statistics-year" data-testid="statistics-year" on:change:target=move |ev| {
                    if let Ok(year) = ev.target().value().parse() {
                        go_year(Choice { year: Some(year), ..choice.get_untracked() });
                    }
                }>{year_options}</select>
            </div>
            <fieldset class="field measure-choice">
                <legend>{move || i18n.t(Msg::MapMeasureLegend)}</legend>
                {MapMeasure::ALL.into_iter().map(|measure| {
                    let go = go_measure.clone();
                    let id = format!("measure-{}", measure.code());
                    let (label_for, testid) = (id.clone(), id.clone());
                    view! {
                        <label class="radio" for=label_for>
                            <input type="radio" name="measure" id=id data-testid=testid value=measure.code()
                                prop:checked=move || choice.get().measure == measure
                                on:change=move |_| go(Choice { measure, ..choice.get_untracked() }) />
                            {move || i18n.t(match measure {
                                MapMeasure::Hires => Msg::MapMeasureHires,
                                MapMeasure::Applicants => Msg::MapMeasureApplicants,
                            })}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        </div>
        <section class="statistics-status" aria-labelledby="prefecture-status-heading">
            <h2 id="prefecture-status-heading">
                {move || format!("{} {} — {}", format_year(i18n.lang(), year.get()),
                    i18n.lang().pick(choice.get().specialty.name_ja(), choice.get().specialty.name_en()),
                    i18n.t(Msg::PrefectureStatus))}
            </h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match prefectures.await {
                        Ok(rows) => view! { <MapAndTable choice year=year.get_untracked() rows /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section class="card statistics-hires" aria-labelledby="annual-hires-heading">
            <h2 id="annual-hires-heading">
                {move || format!("{} {}", format_year(i18n.lang(), year.get()), i18n.t(Msg::AnnualHiresTitle))}
            </h2>
            <p class="muted">{move || i18n.t(Msg::AnnualHiresNote)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match hires.await {
                        Ok(cells) => view! { <AnnualHiresTable cells /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The map shaded by the chosen measure, and the table of the same rows.
#[component]
fn MapAndTable(choice: Memo<Choice>, year: i32, rows: Vec<PrefectureStatistics>) -> impl IntoView {
    let i18n = use_i18n();
    let measure = Signal::derive(move || choice.get().measure);
    let shaded_rows = rows.clone();
    let svg = Signal::derive(move || {
        let (lang, c) = (i18n.lang(), choice.get());
        let label = format!(
            "{} {} {}",
            format_year(lang, year),
            lang.pick(c.specialty.name_ja(), c.specialty.name_en()),
            i18n.t(match c.measure {
                MapMeasure::Hires => Msg::MapMeasureHires,
                MapMeasure::Applicants => Msg::MapMeasureApplicants,
            })
        );
        shaded(&label, &shades(lang, c.measure, &shaded_rows))
    });
    view! {
        <div class="map-and-table">
            <JapanMap svg measure />
            <div class="card">
                <PrefectureTable year rows />
            </div>
        </div>
    }
}

/// The five prefectures with ceilings, in JIS order: their own columns in 年度採用数.
fn ceiling_prefectures() -> Vec<Prefecture> {
    Prefecture::all().filter(|p| p.has_ceiling()).collect()
}

/// One row of 年度採用数: a specialty's hires nationwide, in each ceiling prefecture, elsewhere.
#[derive(Debug, Clone, PartialEq)]
struct HiresLine {
    specialty: Specialty,
    total: u32,
    in_ceiling_prefectures: Vec<u32>,
    elsewhere: u32,
}

fn hires_lines(cells: &[AnnualHires]) -> Vec<HiresLine> {
    let columns = ceiling_prefectures();
    Specialty::ALL
        .into_iter()
        .map(|specialty| {
            let of = cells.iter().filter(|c| c.specialty == specialty);
            let total = of.clone().map(|c| c.hired).sum();
            let in_ceiling_prefectures: Vec<u32> = columns
                .iter()
                .map(|p| of.clone().filter(|c| c.prefecture == *p).map(|c| c.hired).sum())
                .collect();
            let elsewhere = total - in_ceiling_prefectures.iter().sum::<u32>();
            HiresLine { specialty, total, in_ceiling_prefectures, elsewhere }
        })
        .collect()
}

#[component]
fn AnnualHiresTable(cells: Vec<AnnualHires>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = hires_lines(&cells);
    let total: u32 = lines.iter().map(|l| l.total).sum();
    let head = move |text: Signal<String>| view! { <th scope="col">{move || text.get()}</th> };
    let msg = move |m: Msg| Signal::derive(move || i18n.t(m).to_string());
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AnnualHiresTitle)>
            <table class="data-table annual-hires-table" data-testid="annual-hires-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::AnnualHiresTitle)}</caption>
                <thead>
                    <tr>
                        {head(msg(Msg::FieldSpecialty))}
                        {head(msg(Msg::AnnualHiresNationwide))}
                        {ceiling_prefectures().into_iter().map(|p| head(Signal::derive(move || i18n.lang().pick(p.name_ja(), p.name_en()).to_string()))).collect_view()}
                        {head(msg(Msg::AnnualHiresElsewhere))}
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|line| {
                        let s = line.specialty;
                        view! {
                            <tr data-testid=format!("hires-row-{}", s.code())>
                                <th scope="row">{move || i18n.lang().pick(s.name_ja(), s.name_en()).to_string()}</th>
                                <td class="num" data-testid="hires-total">{line.total}</td>
                                {line.in_ceiling_prefectures.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                                <td class="num">{line.elsewhere}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{move || i18n.t(Msg::AnnualHiresAll)}</th>
                        <td class="num" data-testid="hires-grand-total">{total}</td>
                        <td colspan="6"></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(specialty: Specialty, prefecture: &str, hired: u32) -> AnnualHires {
        AnnualHires { year: 2027, specialty, prefecture: Prefecture::parse(prefecture).unwrap(), hired }
    }

    #[test]
    fn the_years_hires_are_summed_per_specialty_with_the_ceiling_prefectures_apart() {
        let cells = [
            cell(Specialty::InternalMedicine, "13", 40),
            cell(Specialty::InternalMedicine, "27", 12),
            cell(Specialty::InternalMedicine, "01", 7),
            cell(Specialty::Pediatrics, "02", 3),
        ];
        let lines = hires_lines(&cells);
        assert_eq!(lines.len(), Specialty::ALL.len());
        let internal = lines.iter().find(|l| l.specialty == Specialty::InternalMedicine).unwrap();
        assert_eq!(
            (internal.total, internal.in_ceiling_prefectures.clone(), internal.elsewhere),
            (59, vec![40, 0, 0, 12, 0], 7)
        );
        let pediatrics = lines.iter().find(|l| l.specialty == Specialty::Pediatrics).unwrap();
        assert_eq!((pediatrics.total, pediatrics.elsewhere), (3, 3));
        assert_eq!(
            ceiling_prefectures().iter().map(|p| p.code()).collect::<Vec<_>>(),
            ["13", "14", "23", "27", "40"]
        );
    }

    #[test]
    fn a_prefectures_title_gives_the_figures_of_the_measure() {
        let row = PrefectureStatistics {
            prefecture: Prefecture::parse("13").unwrap(),
            capacity: 12,
            applicants: 20,
            hired: 9,
            rejected: 0,
            unprocessed: 0,
            ceiling: Some(10),
        };
        assert_eq!(title(Lang::Ja, MapMeasure::Hires, &row), "東京都: 採用 9 / 枠 10");
        assert_eq!(title(Lang::En, MapMeasure::Applicants, &row), "Tokyo: 20 applicants for 12 places");
        let shaded = shades(Lang::Ja, MapMeasure::Hires, &[row]);
        assert_eq!(shaded["13"].level, senkoi_domain::fill::FillLevel::High);
    }
}
