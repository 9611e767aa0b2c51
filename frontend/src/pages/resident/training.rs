//! Training records and completion (`/me/training`): the resident's periods with their state and
//! any reason for a return, the form to record or correct one (checked by the domain's rules as
//! it is typed: inside the program's years, at its facilities, overlapping no other), and the
//! completion application with its timeline. For the data-linkage specialties the page says that
//! the society sends the records, and shows no form.

use leptos::prelude::*;
use senkoi_domain::DomainError;
use senkoi_domain::completion::CompletionStage;
use senkoi_domain::training::{ProgramYears, RecordKeeper, RecordStatus, TrainingPeriod};
use senkoi_domain::wire::{MyTraining, TrainingProgram, TrainingRecordRequest, TrainingRecordView};

use crate::api::{ApiProblem, training};
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::components::workflow::{CompletionTimeline, stage_label};
use crate::document::use_page_title;
use crate::form::{FieldErrors, input_id, land_field_errors, ready_to_send, refusals};
use crate::i18n::{Msg, format_day, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 3] = ["facility_id", "from", "to"];

#[component]
pub fn TrainingPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::TrainingTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let training = LocalResource::new(move || {
        version.track();
        async move { session.authorized(training::my_training).await }
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <div class="container page training-page" data-testid="training-page">
            <h1>{move || i18n.t(Msg::TrainingTitle)}</h1>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match training.await {
                        Ok(mine) => view! { <Training mine reload /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Training(mine: MyTraining, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let enters = mine.kept_by == RecordKeeper::Resident && mine.program.is_some();
    let editing = RwSignal::new(None::<TrainingRecordView>);
    let lead = match (&mine.program, mine.kept_by) {
        (None, _) => Msg::TrainingNoProgram,
        (Some(_), RecordKeeper::Society) => Msg::TrainingLinked,
        (Some(_), RecordKeeper::Resident) => Msg::TrainingLead,
    };
    let program = mine.program.clone();
    let records = mine.records.clone();
    view! {
        <p class="lead notice" data-testid="training-lead">{move || i18n.t(lead)}</p>
        {program.clone().map(|p| view! { <ProgramCard program=p /> })}
        <Records records=records.clone() editable=enters editing reload />
        {(enters).then(|| {
            let program = program.clone().expect("a program to record in");
            view! { <PeriodForm program records=records.clone() editing reload today=mine.today /> }
        })}
        {mine.program.is_some().then(|| view! { <Completion mine=mine.clone() reload /> })}
    }
}

#[component]
fn ProgramCard(program: TrainingProgram) -> impl IntoView {
    let i18n = use_i18n();
    let (first, last) = (program.first_day, program.last_day);
    view! {
        <section class="card" data-testid="training-program">
            <h2>{move || i18n.t(Msg::TrainingProgram)}</h2>
            <p data-testid="training-program-name">{program.name}</p>
            <p>
                {move || i18n.t(Msg::TrainingYears)} ": "
                <span data-testid="training-years">
                    {move || format!("{} – {}", format_day(i18n.lang(), first), format_day(i18n.lang(), last))}
                </span>
            </p>
        </section>
    }
}

#[component]
fn Records(
    records: Vec<TrainingRecordView>,
    editable: bool,
    editing: RwSignal<Option<TrainingRecordView>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let problem = RwSignal::new(None::<ApiProblem>);
    if records.is_empty() {
        return view! { <p class="empty" data-testid="no-records">{move || i18n.t(Msg::NoRecords)}</p> }
            .into_any();
    }
    let delete = move |id: String| {
        leptos::task::spawn_local(async move {
            match session.authorized(|token| training::delete_record(token, id.clone())).await {
                Ok(()) => reload.run(()),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <PageError problem />
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::RecordsCaption)>
            <table class="data-table" data-testid="training-records">
                <caption class="visually-hidden">{move || i18n.t(Msg::RecordsCaption)}</caption>
                <thead>
                    <tr>
                        {head(Msg::FieldTrainingFacility)}
                        {head(Msg::ColPeriod)}
                        {head(Msg::ColRecordStatus)}
                        {head(Msg::ColReturnReason)}
                        {editable.then(|| head(Msg::ColActions))}
                    </tr>
                </thead>
                <tbody>
                    {records.into_iter().map(|r| {
                        let (from, to, status) = (r.from, r.to, r.status);
                        let changeable = editable && status != RecordStatus::Approved;
                        let (for_edit, id) = (r.clone(), r.id.clone());
                        view! {
                            <tr data-testid="training-record">
                                <td>{r.facility_name.clone()}</td>
                                <td>{move || format!("{} – {}", format_day(i18n.lang(), from), format_day(i18n.lang(), to))}</td>
                                <td data-testid="record-status">{move || i18n.lang().pick(status.name_ja(), status.name_en())}</td>
                                <td class="pre-wrap" data-testid="record-reason">{r.return_reason.clone()}</td>
                                {editable.then(|| view! {
                                    <td>
                                        {changeable.then(|| {
                                            let (for_edit, id) = (for_edit.clone(), id.clone());
                                            view! {
                                                <button type="button" class="button small" data-testid="record-edit"
                                                    on:click=move |_| editing.set(Some(for_edit.clone()))>
                                                    {move || i18n.t(Msg::RecordEdit)}
                                                </button>
                                                <button type="button" class="button small" data-testid="record-delete"
                                                    on:click=move |_| delete(id.clone())>
                                                    {move || i18n.t(Msg::RecordDelete)}
                                                </button>
                                            }
                                        })}
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rule a period breaks, by the domain, before it is sent: the API says the same.
fn rule_refusal(
    program: &TrainingProgram,
    records: &[TrainingRecordView],
    editing: Option<&str>,
    period: &TrainingPeriod,
    today: chrono::NaiveDate,
) -> Option<DomainError> {
    let years = ProgramYears { first_day: program.first_day, last_day: program.last_day };
    let facilities: Vec<&str> = program.facilities.iter().map(|f| f.id.as_str()).collect();
    let others: Vec<TrainingPeriod> = records
        .iter()
        .filter(|r| Some(r.id.as_str()) != editing)
        .map(|r| TrainingPeriod { facility_id: r.facility_id.clone(), from: r.from, to: r.to })
        .collect();
    period.check(&years, &facilities, &others, today).err()
}

#[component]
fn PeriodForm(
    program: TrainingProgram,
    records: Vec<TrainingRecordView>,
    editing: RwSignal<Option<TrainingRecordView>>,
    reload: Callback<()>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (facility, from, to) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let rule = RwSignal::new(None::<DomainError>);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(r) = editing.get() {
            facility.set(r.facility_id.clone());
            from.set(r.from.to_string());
            to.set(r.to.to_string());
        }
    });
    let check = Callback::new(move |_| {
        let found = match TrainingPeriod::parse(
            &facility.get_untracked(),
            &from.get_untracked(),
            &to.get_untracked(),
        ) {
            Ok(_) => Vec::new(),
            Err(found) => refusals(&found),
        };
        let mut found = found;
        if facility.get_untracked().is_empty() {
            found.push(("facility_id".into(), "required".into()));
        }
        errors.update(|e| e.check(found));
    });
    let (program_for_submit, facilities) = (program.clone(), program.facilities.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let Ok(period) =
            TrainingPeriod::parse(&facility.get_untracked(), &from.get_untracked(), &to.get_untracked())
        else {
            return;
        };
        let editing_id = editing.get_untracked().map(|r| r.id);
        rule.set(rule_refusal(&program_for_submit, &records, editing_id.as_deref(), &period, today));
        if rule.get_untracked().is_some() {
            return;
        }
        let body = TrainingRecordRequest {
            resident_id: None,
            facility_id: facility.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
        };
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = match editing_id.clone() {
                Some(id) => {
                    session.authorized(|token| training::correct(token, id.clone(), body.clone())).await
                }
                None => session.authorized(|token| training::record(token, body.clone())).await,
            };
            pending.set(false);
            match answer {
                Ok(_) => {
                    editing.set(None);
                    reload.run(());
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    let is_editing = move || editing.with(Option::is_some);
    view! {
        <form class="card form-card" novalidate on:submit=submit aria-labelledby="period-heading" data-testid="period-form">
            <h2 id="period-heading">
                {move || i18n.t(if is_editing() { Msg::TrainingEditTitle } else { Msg::TrainingAddTitle })}
            </h2>
            <PageError problem />
            {move || rule.get().map(|refusal| view! {
                <p class="notice error" role="alert" data-testid="period-rule">
                    {move || match i18n.lang() {
                        crate::i18n::Lang::Ja => refusal.message_ja(),
                        crate::i18n::Lang::En => refusal.message_en(),
                    }}
                </p>
            })}
            <div class="field">
                <label for=input_id("facility_id")>{move || i18n.t(Msg::FieldTrainingFacility)}</label>
                <select id=input_id("facility_id") data-testid="field-facility_id"
                    prop:value=move || facility.get()
                    on:change=move |ev| {
                        facility.set(event_target_value(&ev));
                        errors.update(|e| { e.edited("facility_id"); e.touch("facility_id"); });
                        check.run(());
                    }>
                    <option value="">{move || i18n.t(Msg::ChooseFacility)}</option>
                    {facilities.into_iter().map(|f| view! { <option value=f.id.clone()>{f.name}</option> }).collect_view()}
                </select>
                <FieldError field="facility_id" errors />
            </div>
            <TextField field="from" value=from errors on_check=check kind="date" required=true />
            <TextField field="to" value=to errors on_check=check kind="date" required=true />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="record-period" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else if is_editing() { Msg::TrainingCorrectButton } else { Msg::TrainingRecordButton })}
                </button>
                {move || is_editing().then(|| view! {
                    <button type="button" class="button" on:click=move |_| editing.set(None)>{move || i18n.t(Msg::CancelEdit)}</button>
                })}
            </div>
        </form>
    }
}

#[component]
fn Completion(mine: MyTraining, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let completion = mine.completion.clone();
    let may_file = completion.as_ref().is_none_or(|c| c.stage == CompletionStage::Returned);
    // Why filing cannot succeed yet (the domain's rule), said beside a button that waits.
    let statuses: Vec<_> = mine.records.iter().map(|r| r.status).collect();
    let not_ready = senkoi_domain::completion::check_records(&statuses).err();
    let blocked = not_ready.is_some();
    let file = move |_| {
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(training::file_completion).await;
            pending.set(false);
            match answer {
                Ok(_) => reload.run(()),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    let refile = completion.is_some();
    view! {
        <section class="card" aria-labelledby="completion-heading" data-testid="completion">
            <h2 id="completion-heading">{move || i18n.t(Msg::CompletionTitle)}</h2>
            <p>{move || i18n.t(Msg::CompletionLead)}</p>
            <PageError problem />
            {completion.map(|c| {
                let stage = c.stage;
                view! {
                    <p>
                        {move || i18n.t(Msg::CompletionStageLabel)} ": "
                        <strong data-testid="completion-stage">{move || stage_label(i18n.lang(), stage)}</strong>
                    </p>
                    {c.certificate_number.clone().map(|n| view! {
                        <p>{move || i18n.t(Msg::CompletionCertificate)} ": " <strong data-testid="certificate-number">{n}</strong></p>
                    })}
                    <CompletionTimeline events=c.events.clone() />
                }
            })}
            {may_file.then(|| view! {
                {not_ready.map(|why| view! {
                    <p class="notice info" id="completion-not-ready" data-testid="completion-not-ready">
                        {move || i18n.lang().pick(&why.message_ja(), &why.message_en()).to_string()}
                    </p>
                })}
                <div class="form-actions">
                    <button
                        type="button"
                        class="button primary"
                        data-testid="file-completion"
                        on:click=file
                        disabled=move || pending.get() || blocked
                        aria-describedby=blocked.then_some("completion-not-ready")
                    >
                        {move || i18n.t(if refile { Msg::CompletionRefile } else { Msg::CompletionFile })}
                    </button>
                </div>
            })}
        </section>
    }
}
