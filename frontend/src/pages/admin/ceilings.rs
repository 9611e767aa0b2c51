//! Ceilings (`/admin/ceilings`): a year's cells with their ceiling, hires and suggestion; setting
//! one (typed, or the suggestion), a what-if (試算) of the values typed, which saves nothing, and
//! the CSV import (all rows or none).

use std::collections::BTreeMap;

use leptos::prelude::*;
use senkoi_domain::capacity::parse_ceiling;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::round::{RoundPhase, RoundSchedule};
use senkoi_domain::wire::{CeilingView, ProposedCeiling, WhatIfCell, WhatIfRequest};

use crate::api::{self, ApiProblem, board};
use crate::clock::{ServerClock, device_now, schedule_of};
use crate::components::admin::ceiling_import::CeilingImport;
use crate::components::admin::ceiling_table::CeilingTable;
use crate::components::admin::year_field::YearField;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_people, use_i18n};
use crate::pages::admin::asked_year;
use crate::session::{Session, use_session};

/// A cell's key: `13/internal-medicine`.
pub fn cell_key(prefecture: Prefecture, specialty: &str) -> String {
    format!("{prefecture}/{specialty}")
}

/// A typed ceiling, as the domain takes it; `None` for empty or refused text.
pub fn typed_ceiling(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().and_then(|n| parse_ceiling(n).ok())
}

/// The page's shared state, in context; `Copy`.
#[derive(Clone, Copy)]
pub struct CeilingDesk {
    pub session: Session,
    pub year: RwSignal<i32>,
    /// Bumped after a save or an import: the table reloads.
    pub version: RwSignal<u32>,
    /// The values typed, by cell key; they outlive a reload of the table.
    pub typed: RwSignal<BTreeMap<String, String>>,
    /// The last what-if, by cell key.
    pub what_if: RwSignal<Option<BTreeMap<String, WhatIfCell>>>,
    pub busy: RwSignal<bool>,
    pub done: RwSignal<Option<String>>,
    /// The last refusal and the cell it was about, named.
    pub problem: RwSignal<Option<(String, ApiProblem)>>,
    /// The year's rounds and the server's clock, read when the year is chosen: whether a round is
    /// in its adjustment period is judged at each save (a change of a ceiling then bears on
    /// decisions being made, so saving asks first), also on a page left open as one begins.
    pub schedules: RwSignal<Option<(Vec<RoundSchedule>, ServerClock)>>,
    /// The save the dialog asks about: the row, the value and the cell's name.
    pub confirming: RwSignal<Option<(CeilingView, u32, String)>>,
}

impl CeilingDesk {
    /// Asks to set the ceiling of `row` to `value`: at once, or after a confirmation during an
    /// adjustment period.
    pub fn ask_to_set(&self, row: &CeilingView, value: u32, label: String) {
        if self.adjusting_now() {
            self.confirming.set(Some((row.clone(), value, label)));
        } else {
            self.set(row, value, label);
        }
    }

    /// Whether a round of the year is in its adjustment period now, by the server's clock.
    fn adjusting_now(&self) -> bool {
        self.schedules.with_untracked(|known| {
            known.as_ref().is_some_and(|(schedules, clock)| {
                let now = clock.now();
                schedules.iter().any(|schedule| schedule.phase_at(now) == RoundPhase::Adjustment)
            })
        })
    }

    /// Sets the ceiling of `row` to `value`; `label` names the cell in the notices.
    pub fn set(&self, row: &CeilingView, value: u32, label: String) {
        if self.busy.get_untracked() {
            return;
        }
        let desk = *self;
        let (year, prefecture, specialty) = (row.year, row.prefecture, row.specialty.code().to_string());
        let key = cell_key(prefecture, &specialty);
        desk.busy.set(true);
        desk.problem.set(None);
        desk.done.set(None);
        desk.confirming.set(None);
        leptos::task::spawn_local(async move {
            let answer = desk
                .session
                .authorized(|token| {
                    board::set_ceiling(token, year, prefecture.code(), specialty.clone(), value)
                })
                .await;
            desk.busy.set(false);
            match answer {
                Ok(_) => {
                    desk.typed.update(|typed| {
                        typed.remove(&key);
                    });
                    // The what-if was of the values before this one.
                    desk.what_if.set(None);
                    desk.done.set(Some(label));
                    desk.version.update(|v| *v += 1);
                }
                Err(refused) => desk.problem.set(Some((label, refused))),
            }
        });
    }

    /// 試算 of every value typed; nothing is saved.
    pub fn try_typed(&self, rows: &[CeilingView]) {
        let typed = self.typed.get_untracked();
        let ceilings: Vec<ProposedCeiling> = rows
            .iter()
            .filter_map(|row| {
                let text = typed.get(&cell_key(row.prefecture, row.specialty.code()))?;
                let ceiling = typed_ceiling(text)?;
                Some(ProposedCeiling { prefecture: row.prefecture.code(), specialty: row.specialty, ceiling })
            })
            .collect();
        if ceilings.is_empty() || self.busy.get_untracked() {
            self.what_if.set(Some(BTreeMap::new()));
            return;
        }
        let desk = *self;
        let request = WhatIfRequest { year: self.year.get_untracked(), ceilings };
        desk.busy.set(true);
        desk.problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = desk.session.authorized(|token| board::what_if(token, request.clone())).await;
            desk.busy.set(false);
            match answer {
                Ok(cells) => desk.what_if.set(Some(
                    cells.into_iter().map(|c| (cell_key(c.prefecture, c.specialty.code()), c)).collect(),
                )),
                Err(refused) => desk.problem.set(Some((String::new(), refused))),
            }
        });
    }
}

pub fn use_ceiling_desk() -> CeilingDesk {
    expect_context::<CeilingDesk>()
}

#[component]
pub fn AdminCeilingsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminCeilingsTitle));
    let session = use_session();
    let desk = CeilingDesk {
        session,
        year: asked_year(),
        version: RwSignal::new(0),
        typed: RwSignal::new(BTreeMap::new()),
        what_if: RwSignal::new(None),
        busy: RwSignal::new(false),
        done: RwSignal::new(None),
        problem: RwSignal::new(None),
        schedules: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
    provide_context(desk);
    let year = desk.year;
    Effect::new(move |_| {
        year.track();
        desk.typed.set(BTreeMap::new());
        desk.what_if.set(None);
    });
    // The year's rounds and the server's clock, for whether a save falls in an adjustment period.
    Effect::new(move |_| {
        let year = year.get();
        leptos::task::spawn_local(async move {
            let (Ok(rounds), Ok(now)) = (api::rounds(Some(year)).await, api::server_now().await) else {
                return;
            };
            let clock = ServerClock::from_reading(now, device_now());
            desk.schedules.try_set(Some((rounds.iter().filter_map(schedule_of).collect(), clock)));
        });
    });
    let ceilings = LocalResource::new(move || {
        let year = year.get();
        desk.version.track();
        async move { session.authorized(|token| board::ceilings(token, year)).await }
    });

    view! {
        <div class="container page admin-page admin-ceilings" data-testid="admin-ceilings">
            <h1>{move || i18n.t(Msg::AdminCeilingsTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminCeilingsLead)}</p>
            <div class="admin-toolbar">
                <YearField year />
            </div>
            {move || desk.done.get().map(|cell| view! {
                <p class="notice success" role="status" data-testid="ceiling-done">
                    {cell} " — " {move || i18n.t(Msg::AdminSaved)}
                </p>
            })}
            {move || desk.problem.get().map(|(cell, problem)| view! {
                <div data-testid="ceiling-error">
                    {(!cell.is_empty()).then(|| view! { <p class="error-cell">{cell}</p> })}
                    <ErrorBox problem />
                </div>
            })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match ceilings.await {
                        Ok(rows) => view! { <WhatIf rows=rows.clone() /> <CeilingTable rows /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            <CeilingImport />
            {move || desk.confirming.get().map(|(row, value, label)| {
                let cell = label.clone();
                view! {
                    <ConfirmDialog
                        title=Msg::CeilingConfirmTitle
                        text=Msg::CeilingConfirmText
                        confirm=Msg::AdminSetCeiling
                        confirm_testid="confirm-ceiling"
                        confirm_class="primary"
                        on_confirm=Callback::new(move |_| desk.set(&row, value, label.clone()))
                        on_cancel=Callback::new(move |_| desk.confirming.set(None))
                        pending=desk.busy
                    >
                        <dl class="detail-list compact">
                            <dt>{move || i18n.t(Msg::CeilingCell)}</dt>
                            <dd>{cell}</dd>
                            <dt>{move || i18n.t(Msg::ColCeiling)}</dt>
                            <dd data-testid="confirm-ceiling-value">{move || format_people(i18n.lang(), value)}</dd>
                        </dl>
                    </ConfirmDialog>
                }
            })}
        </div>
    }
}

/// The what-if's button and its summary.
#[component]
fn WhatIf(rows: Vec<CeilingView>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_ceiling_desk();
    let rows = StoredValue::new(rows);
    let summary = move || {
        desk.what_if.get().map(|cells| {
            let excess: u32 = cells.values().map(|c| c.excess).sum();
            let over = cells.values().filter(|c| c.excess > 0).count();
            let text = move || {
                if cells.is_empty() {
                    i18n.t(Msg::AdminWhatIfNothing).to_string()
                } else {
                    format!(
                        "{} {} ({} {})",
                        i18n.t(Msg::AdminWhatIfExcessTotal),
                        format_people(i18n.lang(), excess),
                        i18n.t(Msg::AdminWhatIfCellsOver),
                        over
                    )
                }
            };
            view! { <p class="notice info" role="status" data-testid="what-if-summary">{text}</p> }
        })
    };
    view! {
        <div class="what-if-bar">
            <p class="muted">{move || i18n.t(Msg::AdminWhatIfLead)}</p>
            <div class="form-actions">
                <button
                    type="button"
                    class="button secondary"
                    data-testid="what-if"
                    disabled=move || desk.busy.get()
                    on:click=move |_| rows.with_value(|rows| desk.try_typed(rows))
                >
                    {move || i18n.t(Msg::AdminWhatIfButton)}
                </button>
            </div>
            {summary}
        </div>
    }
}
