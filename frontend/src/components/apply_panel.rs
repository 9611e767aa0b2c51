//! Applying (応募) from a program's page: the round the page's counts are for, the button while
//! that round's application period is open (the domain's `RoundSchedule::phase_at` at the
//! server's now), the confirmation naming program and round, then the receipt, or the refusal
//! with what to do next. The server decides again when the application arrives; a refusal it
//! gives (say, the period closed meanwhile) is shown like any other.

use chrono::{DateTime, Utc};

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::application::{PriorApplication, check_can_apply};
use senkoi_domain::program::recruits_in;
use senkoi_domain::wire::{ApplicationRequest, ApplicationView, MyApplications, RoundView};
use senkoi_domain::{DomainError, Role, Specialty};

use crate::api::{self, ApiProblem};
use crate::clock::{accepts_applications, schedule_of};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::i18n::{Msg, format_instant, next_step, round_name, use_i18n};
use crate::session::{SessionState, use_session};

/// Who is looking at the program page, as far as applying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visitor {
    /// A signed-in resident: may apply.
    Resident,
    /// Not signed in: told that residents apply after logging in.
    Anonymous,
    /// Staff, or a session still being restored: nothing to offer.
    Other,
}

/// The apply section of program `program_id` (named `program_name`), for the round `round_id`
/// of `year` (the round its counts are for; `None` while its year has no round).
#[component]
pub fn ApplyPanel(
    program_id: String,
    program_name: String,
    year: i32,
    round_id: Option<String>,
    /// The program's specialty (its code).
    specialty: String,
    researcher_course: bool,
    /// Told when the resident's application is received.
    on_applied: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let visitor = Memo::new(move |_| match session.state() {
        SessionState::SignedIn { role: Role::Resident, .. } => Visitor::Resident,
        SessionState::SignedOut => Visitor::Anonymous,
        _ => Visitor::Other,
    });
    let round_id = StoredValue::new(round_id);
    let login_href =
        format!("/login?next={}", js_sys::encode_uri_component(&format!("/programs/{program_id}")));
    let (program_id, program_name) = (StoredValue::new(program_id), StoredValue::new(program_name));

    let args =
        ResidentApply { program_id, program_name, year, round_id, specialty, researcher_course, on_applied };
    move || match visitor.get() {
        // The resident's part comes in a module of its own: a visitor, signed out as most are on
        // a first visit, does not load it.
        Visitor::Resident => {
            let args = args.clone();
            view! {
                <Suspense fallback=Loading>
                    {move || {
                        let args = args.clone();
                        Suspend::new(async move { resident_apply(Box::new(args)).await })
                    }}
                </Suspense>
            }
            .into_any()
        }
        Visitor::Anonymous => view! {
            <p class="notice info apply-login" data-testid="apply-login-hint">
                {move || i18n.t(Msg::ApplyLoginHint)} " "
                <A href=login_href.clone()>{move || i18n.t(Msg::NavLogin)}</A>
            </p>
        }
        .into_any(),
        Visitor::Other => ().into_any(),
    }
}

/// What the resident's apply section is given.
#[derive(Clone)]
struct ResidentApply {
    program_id: StoredValue<String>,
    program_name: StoredValue<String>,
    year: i32,
    round_id: StoredValue<Option<String>>,
    specialty: String,
    researcher_course: bool,
    on_applied: Callback<()>,
}

/// The signed-in resident's apply section: the round, with the server's now to judge it by, and
/// what the domain says of this resident applying to it (their specialty and applications),
/// before any click.
/// (Boxed: a split function's argument crosses between wasm modules as a pointer.)
#[lazy]
fn resident_apply(args: Box<ResidentApply>) -> AnyView {
    let i18n = use_i18n();
    let session = use_session();
    let ResidentApply { program_id, program_name, year, round_id, specialty, researcher_course, on_applied } =
        *args;
    let round = LocalResource::new(move || {
        let specialty = specialty.clone();
        async move {
            let Some(id) = round_id.get_value() else { return Ok(None) };
            let round = api::rounds(Some(year)).await?.into_iter().find(|r| r.id == id);
            let Some(round) = round else { return Ok(None) };
            let now = api::server_now().await?;
            let me = session.authorized(api::me).await?;
            let mine = session.authorized(api::my_applications).await?;
            let program = (specialty.as_str(), year, researcher_course);
            let refusal = why_not(&round, now, &me.profile.specialty, program, &mine);
            Ok::<_, ApiProblem>(Some((round, now, refusal)))
        }
    });
    view! {
        <section class="card apply-panel" data-testid="apply-panel">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match round.await {
                        Ok(Some((round, now, refusal))) => {
                            view! {
                                <ApplyInRound
                                    program_id=program_id.get_value()
                                    program_name=program_name.get_value()
                                    round
                                    now
                                    refusal
                                    on_applied
                                />
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! { <p class="muted">{move || i18n.t(Msg::ApplyPeriodClosed)}</p> }.into_any()
                        }
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// Why the resident cannot apply to this program in `round` at `now`, by the domain's rule
/// (`check_can_apply`) as far as the resident's own view shows it: their specialty, and their
/// applications as they see them (a decision still hidden is the server's to apply).
fn why_not(
    round: &RoundView,
    now: DateTime<Utc>,
    resident_specialty: &str,
    (program_specialty, program_year, researcher_course): (&str, i32, bool),
    mine: &MyApplications,
) -> Option<DomainError> {
    let schedule = schedule_of(round)?;
    let (Ok(resident), Ok(program)) =
        (Specialty::parse(resident_specialty), Specialty::parse(program_specialty))
    else {
        return None;
    };
    let history: Vec<PriorApplication> = mine
        .history
        .iter()
        .map(|a| PriorApplication { round_year: a.round_year, round_kind: a.round_kind, status: a.status })
        .collect();
    let recruits = recruits_in(program_year, researcher_course, round.year, round.kind);
    check_can_apply(now, &schedule, resident, program, recruits, &history).err()
}

/// The round, and the button while it takes applications at `now` (the server's) and the domain
/// sees no `refusal`; else why not; then the receipt or the server's refusal.
#[component]
fn ApplyInRound(
    program_id: String,
    program_name: String,
    round: RoundView,
    now: DateTime<Utc>,
    refusal: Option<DomainError>,
    on_applied: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open = accepts_applications(&round, now);
    let RoundView { id: round_id, year, kind, application_ends_at, .. } = round;
    let round_label = move || round_name(i18n.lang(), year, kind);
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let receipt = RwSignal::new(None::<ApplicationView>);
    let dialog_program = StoredValue::new(program_name);

    let apply = Callback::new(move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        let request = ApplicationRequest { program_id: program_id.clone(), round_id: round_id.clone() };
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| api::apply(token, request.clone())).await;
            confirming.set(false);
            match answer {
                Ok(application) => {
                    receipt.set(Some(application));
                    on_applied.run(());
                }
                Err(refused) => problem.set(Some(refused)),
            }
            pending.set(false);
        });
    });

    let offer = move || {
        if receipt.with(Option::is_some) {
            return None;
        }
        // Outside the period the round says so below; any other refusal is said before a click.
        if let (true, Some(refusal)) = (open, refusal.clone()) {
            let code = refusal.code();
            return Some(
                view! {
                    <p class="notice info" data-testid="apply-unavailable" data-code=code>
                        {move || i18n.lang().pick(&refusal.message_ja(), &refusal.message_en()).to_string()}
                        {next_step(code).map(|next| view! { " " {move || i18n.t(next)} })}
                    </p>
                }
                .into_any(),
            );
        }
        Some(if open {
            view! {
                <dl class="detail-list compact">
                    <dt>{move || i18n.t(Msg::ApplyRound)}</dt>
                    <dd data-testid="apply-round">{round_label}</dd>
                    <dt>{move || i18n.t(Msg::ApplyPeriodUntil)}</dt>
                    <dd>{move || format_instant(i18n.lang(), application_ends_at)}</dd>
                </dl>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button primary"
                        data-testid="apply-button"
                        disabled=move || pending.get()
                        on:click=move |_| {
                            problem.set(None);
                            confirming.set(true);
                        }
                    >
                        {move || i18n.t(Msg::ApplyButton)}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <p class="muted" data-testid="apply-closed">
                    {round_label} ": " {move || i18n.t(Msg::ApplyPeriodClosed)}
                </p>
            }
            .into_any()
        })
    };

    view! {
        {offer}
        {move || problem.get().map(|problem| view! {
            <ErrorBox problem testid="apply-error" unprocessable=Msg::ProblemApplyTargetGone />
        })}
        {move || receipt.get().map(|application| view! { <Receipt application /> })}
        <Show when=move || confirming.get()>
            <ConfirmDialog
                title=Msg::ApplyConfirmTitle
                text=Msg::ApplyConfirmText
                confirm=Msg::ApplyConfirmButton
                confirm_testid="confirm-apply"
                confirm_class="primary"
                on_confirm=apply
                on_cancel=Callback::new(move |_| confirming.set(false))
                pending
            >
                <dl class="detail-list compact">
                    <dt>{move || i18n.t(Msg::LabelProgram)}</dt>
                    <dd data-testid="confirm-program">{dialog_program.get_value()}</dd>
                    <dt>{move || i18n.t(Msg::ColRound)}</dt>
                    <dd data-testid="confirm-round">{round_label}</dd>
                </dl>
            </ConfirmDialog>
        </Show>
    }
}

/// The receipt of an application just made: its number and the instant in Japan time.
#[component]
fn Receipt(application: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    let ApplicationView { receipt_number, program_name, round_year, round_kind, applied_at, .. } =
        application;
    view! {
        <div class="notice success receipt" role="status" data-testid="apply-receipt">
            <p class="notice-title">{move || i18n.t(Msg::ApplyDoneTitle)}</p>
            <dl class="detail-list compact">
                <dt>{move || i18n.t(Msg::LabelReceiptNumber)}</dt>
                <dd class="receipt-number" data-testid="receipt-number">{receipt_number}</dd>
                <dt>{move || i18n.t(Msg::LabelAppliedAt)}</dt>
                <dd data-testid="receipt-applied-at">
                    <time datetime=applied_at.to_rfc3339()>{move || format_instant(i18n.lang(), applied_at)}</time>
                </dd>
                <dt>{move || i18n.t(Msg::LabelProgram)}</dt>
                <dd>{program_name}</dd>
                <dt>{move || i18n.t(Msg::ColRound)}</dt>
                <dd>{move || round_name(i18n.lang(), round_year, round_kind)}</dd>
            </dl>
            <p>{move || i18n.t(Msg::ApplyDoneNote)}</p>
            <A href="/me" attr:data-testid="link-my-page">{move || i18n.t(Msg::GoToMyPage)}</A>
        </div>
    }
}
