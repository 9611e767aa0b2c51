//! The form of a round's schedule (募集日程): its instants in Japan time (`datetime-local`), checked
//! by the domain's `RoundSchedule` as the admin types, sent whole for a new round or as the
//! changed instants for an existing one; the server's refusals land on their fields.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::Window;
use senkoi_domain::wire::RoundView;

use crate::api::ApiProblem;
use crate::api::board::{self, RoundBody, RoundChange};
use crate::clock::{from_jst_input, to_jst_input};
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::form::{FieldErrors, land_field_errors, ready_to_send};
use crate::i18n::{Lang, Msg, format_year, round_kind_name, use_i18n};
use crate::session::use_session;

/// The instants of a round, in the order of the form (and of the year).
pub const INSTANT_FIELDS: [&str; 7] = [
    "application_starts_at",
    "application_ends_at",
    "adjustment_starts_at",
    "adjustment_ends_at",
    "confirmation_starts_at",
    "confirmation_ends_at",
    "results_at",
];

/// Every field of the form, `kind` first (shown for a new round only).
const FIELDS: [&str; 8] = [
    "kind",
    "application_starts_at",
    "application_ends_at",
    "adjustment_starts_at",
    "adjustment_ends_at",
    "confirmation_starts_at",
    "confirmation_ends_at",
    "results_at",
];

/// A round's instants by field, as [`INSTANT_FIELDS`] orders them; `None` where not set.
pub type Instants = [Option<DateTime<Utc>>; 7];

/// The instants of a round by field, as [`INSTANT_FIELDS`] orders them.
pub fn instants_of(round: &RoundView) -> Instants {
    [
        Some(round.application_starts_at),
        Some(round.application_ends_at),
        round.adjustment_starts_at,
        round.adjustment_ends_at,
        round.confirmation_starts_at,
        round.confirmation_ends_at,
        Some(round.results_at),
    ]
}

/// The form's instants read as Japan time, or the refusals of the form: a required instant
/// missing, a period given by half, and whatever the domain's schedule rules refuse.
pub fn check_schedule(
    year: i32,
    kind: Option<RoundKind>,
    typed: &[String; 7],
) -> Result<Instants, Vec<(String, String)>> {
    let instants: Instants = std::array::from_fn(|i| from_jst_input(&typed[i]));
    let refuse = |field: &str, code: &str| (field.to_string(), code.to_string());
    let mut refusals = Vec::new();
    if kind.is_none() {
        refusals.push(refuse("kind", "required"));
    }
    for i in [0, 1, 6] {
        if instants[i].is_none() {
            refusals.push(refuse(INSTANT_FIELDS[i], "required"));
        }
    }
    // A period is given whole or not at all; an end not after its start is refused on the end.
    let mut window = |start: usize, end: usize| match (instants[start], instants[end]) {
        (Some(s), Some(e)) => match Window::new(s, e) {
            Ok(window) => Some(window),
            Err(refusal) => {
                refusals.push(refuse(INSTANT_FIELDS[end], refusal.code()));
                None
            }
        },
        (None, Some(_)) => {
            refusals.push(refuse(INSTANT_FIELDS[start], "incomplete-period"));
            None
        }
        (Some(_), None) => {
            refusals.push(refuse(INSTANT_FIELDS[end], "incomplete-period"));
            None
        }
        (None, None) => None,
    };
    let (application, adjustment, confirmation) = (window(0, 1), window(2, 3), window(4, 5));
    if let (Some(kind), Some(application), Some(results_at), true) =
        (kind, application, instants[6], refusals.is_empty())
        && let Err(refusal) =
            RoundSchedule::new(year, kind, application, adjustment, confirmation, results_at)
    {
        refusals.push(refuse(refusal.field().unwrap_or("results_at"), refusal.code()));
    }
    if refusals.is_empty() { Ok(instants) } else { Err(refusals) }
}

/// What to send to change `round` into `instants`: the instants that differ.
pub fn change_of(round: &RoundView, instants: &Instants) -> RoundChange {
    let before = instants_of(round);
    let changed = |i: usize| instants[i].filter(|_| instants[i] != before[i]);
    RoundChange {
        application_starts_at: changed(0),
        application_ends_at: changed(1),
        adjustment_starts_at: changed(2),
        adjustment_ends_at: changed(3),
        confirmation_starts_at: changed(4),
        confirmation_ends_at: changed(5),
        results_at: changed(6),
    }
}

fn kind_options(lang: Lang) -> Vec<(String, String)> {
    RoundKind::ALL.into_iter().map(|k| (k.code().to_string(), round_kind_name(lang, k).to_string())).collect()
}

/// The form for a new round of `year` (`round` = `None`) or for changing `round`.
#[component]
pub fn RoundForm(
    year: i32,
    round: Option<RoundView>,
    on_saved: Callback<RoundView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let creating = round.is_none();
    let kind = RwSignal::new(round.as_ref().map(|r| r.kind.code().to_string()).unwrap_or_default());
    let initial = round.as_ref().map(instants_of).unwrap_or_default();
    let values: [RwSignal<String>; 7] =
        std::array::from_fn(|i| RwSignal::new(initial[i].map(to_jst_input).unwrap_or_default()));
    let year = round.as_ref().map_or(year, |r| r.year);
    let round = StoredValue::new(round);
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let typed = move || -> [String; 7] { std::array::from_fn(|i| values[i].get_untracked()) };
    let chosen_kind = move || RoundKind::parse(&kind.get_untracked()).ok();
    let check = Callback::new(move |_| {
        let refusals = check_schedule(year, chosen_kind(), &typed()).err().unwrap_or_default();
        errors.update(|e| e.check(refusals));
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let (Some(kind), Ok(instants)) = (chosen_kind(), check_schedule(year, chosen_kind(), &typed()))
        else {
            return;
        };
        let existing = round.get_value();
        if let Some(existing) = &existing
            && change_of(existing, &instants).is_empty()
        {
            on_cancel.run(());
            return;
        }
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = match &existing {
                Some(existing) => {
                    let change = change_of(existing, &instants);
                    let id = existing.id.clone();
                    session.authorized(|token| board::change_round(token, id.clone(), change.clone())).await
                }
                None => {
                    let [a0, a1, d0, d1, c0, c1, results] = instants;
                    let (Some(a0), Some(a1), Some(results)) = (a0, a1, results) else { return };
                    let body = RoundBody {
                        year,
                        kind,
                        application_starts_at: a0,
                        application_ends_at: a1,
                        adjustment_starts_at: d0,
                        adjustment_ends_at: d1,
                        confirmation_starts_at: c0,
                        confirmation_ends_at: c1,
                        results_at: results,
                    };
                    session.authorized(|token| board::create_round(token, body.clone())).await
                }
            };
            pending.set(false);
            match answer {
                Ok(saved) => on_saved.run(saved),
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };

    let heading = move || match round.with_value(|r| r.as_ref().map(|r| r.kind)) {
        Some(kind) => format!("{} {}", round_kind_name(i18n.lang(), kind), i18n.t(Msg::AdminEditRound)),
        None => format!("{} {}", format_year(i18n.lang(), year), i18n.t(Msg::AdminNewRound)),
    };
    let field = move |i: usize| {
        view! {
            <TextField field=INSTANT_FIELDS[i] value=values[i] errors on_check=check kind="datetime-local" hint=Msg::AdminHintJst />
        }
    };
    view! {
        <form class="card form-card round-form" novalidate on:submit=submit data-testid="round-form" aria-labelledby="round-form-heading">
            <h2 id="round-form-heading">{heading}</h2>
            <PageError problem />
            {creating.then(|| view! {
                <SelectField field="kind" value=kind errors on_check=check options=kind_options required=true />
            })}
            <fieldset class="form-section">
                <legend>{move || i18n.t(Msg::ColApplicationPeriod)}</legend>
                <div class="form-grid">{field(0)}{field(1)}</div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || i18n.t(Msg::ColAdjustmentPeriod)}</legend>
                <div class="form-grid">{field(2)}{field(3)}</div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || i18n.t(Msg::ColConfirmationPeriod)}</legend>
                <div class="form-grid">{field(4)}{field(5)}</div>
            </fieldset>
            {field(6)}
            <div class="form-actions">
                <button type="button" class="button secondary" data-testid="round-cancel" on:click=move |_| on_cancel.run(())>
                    {move || i18n.t(Msg::CancelButton)}
                </button>
                <button type="submit" class="button primary" data-testid="round-save" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminSaveRound })}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use senkoi_domain::round::demo_schedule_2024;

    fn typed(schedule: &RoundSchedule) -> [String; 7] {
        let at = |t: Option<DateTime<Utc>>| t.map(to_jst_input).unwrap_or_default();
        [
            at(Some(schedule.application.start)),
            at(Some(schedule.application.end)),
            at(schedule.adjustment.map(|w| w.start)),
            at(schedule.adjustment.map(|w| w.end)),
            at(schedule.confirmation.map(|w| w.start)),
            at(schedule.confirmation.map(|w| w.end)),
            at(Some(schedule.results_at)),
        ]
    }

    #[test]
    fn the_demo_schedule_passes_and_results_before_the_applications_end_are_refused_on_results_at() {
        for schedule in demo_schedule_2024() {
            assert!(
                check_schedule(2024, Some(schedule.kind), &typed(&schedule)).is_ok(),
                "{:?}",
                schedule.kind
            );
        }
        let first = demo_schedule_2024().into_iter().find(|s| s.kind == RoundKind::First).unwrap();
        let mut form = typed(&first);
        form[6] = "2023-11-10T12:00".into();
        let refusals = check_schedule(2024, Some(RoundKind::First), &form).unwrap_err();
        assert_eq!(refusals, vec![("results_at".to_string(), "results-before-application-ends".to_string())]);
    }

    #[test]
    fn a_half_period_and_a_reversed_one_are_refused_on_their_fields() {
        let first = demo_schedule_2024().into_iter().find(|s| s.kind == RoundKind::First).unwrap();
        let mut form = typed(&first);
        form[4] = String::new();
        form[3] = "2023-11-15T12:00".into();
        let refusals = check_schedule(2024, Some(RoundKind::First), &form).unwrap_err();
        assert_eq!(
            refusals,
            vec![
                ("adjustment_ends_at".to_string(), "window-ends-before-start".to_string()),
                ("confirmation_starts_at".to_string(), "incomplete-period".to_string()),
            ]
        );
    }
}
