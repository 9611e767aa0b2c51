//! The schedule's upkeep (`/admin/rounds?year=`): the rounds of a year with their periods in
//! Japan time, a new round, a round's dates changed, a round deleted after a confirmation.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senkoi_domain::wire::RoundView;

use crate::api::board;
use crate::api::{self, ApiProblem};
use crate::components::admin::round_form::RoundForm;
use crate::components::admin::year_field::YearField;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, about_applicant, format_instant, format_year, round_kind_name, use_i18n};
use crate::pages::admin::asked_year;
use crate::session::use_session;

/// What the form below the table is doing.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Round(RoundView),
}

#[component]
pub fn AdminRoundsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminRoundsTitle));
    let session = use_session();
    let year = asked_year();
    let version = RwSignal::new(0u32);
    let editing = RwSignal::new(Editing::Nothing);
    let deleting = RwSignal::new(None::<RoundView>);
    let done = RwSignal::new(None::<Msg>);
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let rounds = LocalResource::new(move || {
        let year = year.get();
        version.track();
        async move {
            let mut rounds = api::rounds(Some(year)).await?;
            rounds.sort_by_key(|r| (r.application_starts_at, r.kind));
            Ok::<_, ApiProblem>(rounds)
        }
    });
    Effect::new(move |_| {
        year.track();
        editing.set(Editing::Nothing);
    });

    let saved = Callback::new(move |round: RoundView| {
        let msg = if editing.get_untracked() == Editing::New {
            Msg::AdminRoundCreated
        } else {
            Msg::AdminRoundSaved
        };
        editing.set(Editing::Nothing);
        problem.set(None);
        done.set(Some(msg));
        year.set(round.year);
        version.update(|v| *v += 1);
    });
    let delete = Callback::new(move |_| {
        let Some(round) = deleting.get_untracked() else { return };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| board::delete_round(token, round.id.clone())).await;
            pending.set(false);
            deleting.set(None);
            match answer {
                Ok(()) => {
                    done.set(Some(Msg::AdminRoundDeleted));
                    version.update(|v| *v += 1);
                }
                Err(refused) => problem.set(Some(refused)),
            }
        });
    });
    let on_edit = Callback::new(move |round: RoundView| {
        done.set(None);
        problem.set(None);
        editing.set(Editing::Round(round));
    });

    view! {
        <div class="container page admin-page admin-rounds" data-testid="admin-rounds">
            <h1>{move || i18n.t(Msg::AdminRoundsTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminRoundsLead)}</p>
            <div class="admin-toolbar">
                <YearField year />
                <button
                    type="button"
                    class="button secondary"
                    data-testid="new-round"
                    on:click=move |_| {
                        done.set(None);
                        editing.set(Editing::New);
                    }
                >
                    {move || i18n.t(Msg::AdminNewRound)}
                </button>
            </div>
            {move || done.get().map(|msg| view! {
                <p class="notice success" role="status" data-testid="admin-done">{move || i18n.t(msg)}</p>
            })}
            {move || problem.get().map(|problem| view! { <ErrorBox problem testid="admin-error" /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok(rounds) => view! { <RoundTable year=year.get_untracked() rounds on_edit deleting /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            {move || match editing.get() {
                Editing::Nothing => None,
                Editing::New => Some(view! {
                    <RoundForm year=year.get_untracked() round=None on_saved=saved on_cancel=Callback::new(move |_| editing.set(Editing::Nothing)) />
                }),
                Editing::Round(round) => Some(view! {
                    <RoundForm year=round.year round=Some(round) on_saved=saved on_cancel=Callback::new(move |_| editing.set(Editing::Nothing)) />
                }),
            }}
            {move || deleting.get().map(|round| view! {
                <ConfirmDialog
                    title=Msg::AdminDeleteRoundTitle
                    text=Msg::AdminDeleteRoundText
                    confirm=Msg::DeleteConfirmButton
                    confirm_testid="confirm-delete-round"
                    on_confirm=delete
                    on_cancel=Callback::new(move |_| deleting.set(None))
                    pending
                >
                    <p>{move || format!("{} {}", format_year(i18n.lang(), round.year), round_kind_name(i18n.lang(), round.kind))}</p>
                </ConfirmDialog>
            })}
        </div>
    }
}

#[component]
fn RoundTable(
    year: i32,
    rounds: Vec<RoundView>,
    on_edit: Callback<RoundView>,
    deleting: RwSignal<Option<RoundView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rounds.is_empty() {
        return view! { <p class="empty" data-testid="no-rounds">{move || i18n.t(Msg::ScheduleNoRounds)}</p> }.into_any();
    }
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::ScheduleCaption)>
            <table class="data-table schedule-table admin-round-table" data-testid="admin-round-table">
                <caption class="visually-hidden">
                    {move || format!("{} {}", format_year(i18n.lang(), year), i18n.t(Msg::ScheduleCaption))}
                </caption>
                <thead>
                    <tr>
                        {head(Msg::ColRound)}
                        {head(Msg::ColActions)}
                        {head(Msg::ColApplicationPeriod)}
                        {head(Msg::ColAdjustmentPeriod)}
                        {head(Msg::ColConfirmationPeriod)}
                        {head(Msg::ColResults)}
                    </tr>
                </thead>
                <tbody>
                    {rounds.into_iter().map(|round| view! { <Row round on_edit deleting /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Row(
    round: RoundView,
    on_edit: Callback<RoundView>,
    deleting: RwSignal<Option<RoundView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = round.kind.code();
    let instant = move |field: &'static str, at: Option<DateTime<Utc>>| {
        view! {
            <span class="instant" data-testid=format!("round-{kind}-{field}")>
                {move || at.map_or_else(|| Msg::NoPeriod.text(i18n.lang()).to_string(), |at| format_instant(i18n.lang(), at))}
            </span>
        }
    };
    let period = move |start: (&'static str, Option<DateTime<Utc>>),
                       end: (&'static str, Option<DateTime<Utc>>)| {
        view! {
            {instant(start.0, start.1)}
            <span class="period-to">{move || i18n.t(Msg::PeriodTo)}</span>
            {instant(end.0, end.1)}
        }
    };
    let edited = round.clone();
    let deleted = round.clone();
    let name = move || round_kind_name(i18n.lang(), round.kind);
    view! {
        <tr data-testid=format!("round-row-{kind}")>
            <th scope="row">{name}</th>
            <td class="actions">
                <button
                    type="button"
                    class="button secondary small"
                    data-testid=format!("edit-round-{kind}")
                    aria-label=move || about_applicant(i18n.lang(), Msg::AdminEditRound, name())
                    on:click=move |_| on_edit.run(edited.clone())
                >
                    {move || i18n.t(Msg::AdminEditRound)}
                </button>
                <button
                    type="button"
                    class="button danger small"
                    data-testid=format!("delete-round-{kind}")
                    aria-label=move || about_applicant(i18n.lang(), Msg::DeleteConfirmButton, name())
                    on:click=move |_| deleting.set(Some(deleted.clone()))
                >
                    {move || i18n.t(Msg::DeleteConfirmButton)}
                </button>
            </td>
            <td>{period(("application_starts_at", Some(round.application_starts_at)), ("application_ends_at", Some(round.application_ends_at)))}</td>
            <td>{period(("adjustment_starts_at", round.adjustment_starts_at), ("adjustment_ends_at", round.adjustment_ends_at))}</td>
            <td>{period(("confirmation_starts_at", round.confirmation_starts_at), ("confirmation_ends_at", round.confirmation_ends_at))}</td>
            <td>{instant("results_at", Some(round.results_at))}</td>
        </tr>
    }
}
