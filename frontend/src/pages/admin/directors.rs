//! Program directors (`/admin/directors`): the directors with their programs, inviting one by
//! mail, and changing the programs a director runs.

use leptos::prelude::*;
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::registration::Email;
use senkoi_domain::wire::{DirectorInvitation, DirectorView, Page};

use crate::api::board;
use crate::api::{self, ApiProblem};
use crate::components::admin::program_picker::{Picked, ProgramPicker};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::pager::Pager;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Msg, about_applicant, format_date, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 2] = ["email", "name"];

/// The names of programs by id (one call each; a director runs a handful).
async fn named(ids: Vec<String>) -> Vec<Picked> {
    let mut picked = Vec::new();
    for id in ids {
        let name = api::program(&id).await.map(|p| p.summary.name).unwrap_or_else(|_| id.clone());
        picked.push(Picked { id, name });
    }
    picked
}

#[component]
pub fn AdminDirectorsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminDirectorsTitle));
    let session = use_session();
    let page = RwSignal::new(1u64);
    let version = RwSignal::new(0u32);
    let editing = RwSignal::new(None::<DirectorView>);
    let done = RwSignal::new(None::<Msg>);
    let directors = LocalResource::new(move || {
        let page = page.get();
        version.track();
        async move { session.authorized(|token| board::directors(token, page)).await }
    });
    let changed = Callback::new(move |msg: Msg| {
        done.set(Some(msg));
        editing.set(None);
        version.update(|v| *v += 1);
    });

    view! {
        <div class="container page admin-page admin-directors" data-testid="admin-directors">
            <h1>{move || i18n.t(Msg::AdminDirectorsTitle)}</h1>
            {move || done.get().map(|msg| view! {
                <p class="notice success" role="status" data-testid="admin-done">{move || i18n.t(msg)}</p>
            })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match directors.await {
                        Ok(list) => view! { <Directors list editing on_page=Callback::new(move |p| page.set(p)) /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            {move || editing.get().map(|director| view! { <EditPrograms director changed on_cancel=Callback::new(move |_| editing.set(None)) /> })}
            <Invite changed />
        </div>
    }
}

#[component]
fn Directors(
    list: Page<DirectorView>,
    editing: RwSignal<Option<DirectorView>>,
    on_page: Callback<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        return view! { <p class="empty">{move || i18n.t(Msg::AdminNoneLeft)}</p> }.into_any();
    }
    let pages = list.pages();
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminDirectorsTitle)>
            <table class="data-table" data-testid="director-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminDirectorsTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColName)}
                        {head(Msg::LabelEmail)}
                        {head(Msg::AdminDirectorPrograms)}
                        {head(Msg::LabelStatus)}
                        {head(Msg::AdminColInvited)}
                        {head(Msg::ColActions)}
                    </tr>
                </thead>
                <tbody>
                    {list.items.into_iter().map(|d| {
                        let (count, active, created, label) = (d.program_ids.len(), d.active, d.created_at, d.name.clone());
                        let edited = d.clone();
                        view! {
                            <tr data-testid="director-row">
                                <th scope="row">{d.name}</th>
                                <td>{d.email}</td>
                                <td class="num">{count}</td>
                                <td>{move || i18n.t(if active { Msg::AdminDirectorActive } else { Msg::AdminDirectorInvited })}</td>
                                <td>{move || format_date(i18n.lang(), created)}</td>
                                <td class="actions">
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        data-testid="edit-director-programs"
                                        aria-label=move || about_applicant(i18n.lang(), Msg::AdminChangePrograms, &label)
                                        on:click=move |_| editing.set(Some(edited.clone()))
                                    >
                                        {move || i18n.t(Msg::AdminChangePrograms)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=list.page pages on_page />
    }
    .into_any()
}

/// Changes the programs one director runs.
#[component]
fn EditPrograms(director: DirectorView, changed: Callback<Msg>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let picked = RwSignal::new(Vec::new());
    let ids = director.program_ids.clone();
    leptos::task::spawn_local(async move { picked.set(named(ids).await) });
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let id = director.id.clone();
    let save = move |_| {
        let ids: Vec<String> = picked.get_untracked().into_iter().map(|p| p.id).collect();
        let id = id.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer =
                session.authorized(|token| board::assign_programs(token, id.clone(), ids.clone())).await;
            pending.set(false);
            match answer {
                Ok(_) => changed.run(Msg::AdminProgramsAssigned),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    view! {
        <section class="card form-card admin-card" data-testid="director-programs-form" aria-labelledby="director-programs-heading">
            <h2 id="director-programs-heading">{director.name} " — " {move || i18n.t(Msg::AdminChangePrograms)}</h2>
            <PageError problem />
            <ProgramPicker picked prefix="assign" />
            <div class="form-actions">
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>{move || i18n.t(Msg::CancelButton)}</button>
                <button type="button" class="button primary" data-testid="save-director-programs" disabled=move || pending.get() on:click=save>
                    {move || i18n.t(Msg::SaveButton)}
                </button>
            </div>
        </section>
    }
}

/// Invites a director by mail, with the programs they will run.
#[component]
fn Invite(changed: Callback<Msg>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (email, name) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let picked = RwSignal::new(Vec::<Picked>::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        let found = [
            refusal(Email::parse(&email.get_untracked())),
            refusal(parse_catalogue_name(&name.get_untracked())),
        ];
        errors.update(|e| e.check(found.into_iter().flatten()));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let invitation = DirectorInvitation {
            email: email.get_untracked().trim().to_string(),
            name: name.get_untracked().trim().to_string(),
            program_ids: picked.get_untracked().into_iter().map(|p| p.id).collect(),
        };
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| board::invite_director(token, invitation.clone())).await;
            pending.set(false);
            match answer {
                Ok(_) => {
                    email.set(String::new());
                    name.set(String::new());
                    picked.set(Vec::new());
                    errors.set(FieldErrors::default());
                    changed.run(Msg::AdminDirectorInvitedDone);
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    view! {
        <form class="card form-card admin-card" novalidate on:submit=submit data-testid="invite-form" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || i18n.t(Msg::AdminInviteTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::AdminInviteLead)}</p>
            <PageError problem />
            <TextField field="email" value=email errors on_check=check kind="email" autocomplete="off" required=true />
            <TextField field="name" value=name errors on_check=check label=Msg::ColName required=true />
            <ProgramPicker picked prefix="invite" />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="invite" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminInviteButton })}
                </button>
            </div>
        </form>
    }
}
