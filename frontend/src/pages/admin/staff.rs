//! Staff accounts (`/admin/staff`): every admin, consultation officer and program director with
//! their state, inviting one of any role by mail, and disabling an account (its sessions end at
//! once) or enabling it again.

use leptos::prelude::*;
use senkoi_domain::Role;
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::registration::Email;
use senkoi_domain::staff::parse_invitable_role;
use senkoi_domain::wire::{Page, StaffInvitation, StaffView};

use crate::api::{ApiProblem, board};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::pager::Pager;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, about_applicant, format_date, format_instant, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 3] = ["email", "name", "role"];

/// The roles an admin invites, as (code, label).
fn role_options(lang: Lang) -> Vec<(String, String)> {
    [Role::Admin, Role::ConsultationOfficer, Role::Director]
        .into_iter()
        .map(|role| (role.as_str().to_string(), lang.pick(role.label_ja(), role.label_en()).to_string()))
        .collect()
}

#[component]
pub fn AdminStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminStaffTitle));
    let session = use_session();
    let page = RwSignal::new(1u64);
    let version = RwSignal::new(0u32);
    let done = RwSignal::new(None::<Msg>);
    let problem = RwSignal::new(None::<ApiProblem>);
    let staff = LocalResource::new(move || {
        let page = page.get();
        version.track();
        async move { session.authorized(|token| board::staff(token, page)).await }
    });
    let changed = Callback::new(move |msg: Msg| {
        problem.set(None);
        done.set(Some(msg));
        version.update(|v| *v += 1);
    });
    let reset = Callback::new(move |id: String| {
        done.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match session.authorized(|token| board::reset_staff_second_factor(token, id.clone())).await {
                Ok(_) => changed.run(Msg::AdminStaffSecondFactorResetDone),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    });
    let toggle = Callback::new(move |(id, disabled): (String, bool)| {
        done.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer =
                session.authorized(|token| board::set_staff_disabled(token, id.clone(), disabled)).await;
            match answer {
                Ok(_) => changed.run(if disabled {
                    Msg::AdminStaffDisabledDone
                } else {
                    Msg::AdminStaffEnabledDone
                }),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    });

    view! {
        <div class="container page admin-page admin-staff" data-testid="admin-staff">
            <h1>{move || i18n.t(Msg::AdminStaffTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminStaffLead)}</p>
            {move || done.get().map(|msg| view! {
                <p class="notice success" role="status" data-testid="admin-done">{move || i18n.t(msg)}</p>
            })}
            <PageError problem />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match staff.await {
                        Ok(list) => view! { <StaffTable list toggle reset on_page=Callback::new(move |p| page.set(p)) /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            <Invite changed />
        </div>
    }
}

#[component]
fn StaffTable(
    list: Page<StaffView>,
    toggle: Callback<(String, bool)>,
    reset: Callback<String>,
    on_page: Callback<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = list.pages();
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminStaffTitle)>
            <table class="data-table" data-testid="staff-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminStaffTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColName)}
                        {head(Msg::LabelEmail)}
                        {head(Msg::AdminColRole)}
                        {head(Msg::LabelStatus)}
                        {head(Msg::AdminColSecondFactor)}
                        {head(Msg::AdminColInvited)}
                        {head(Msg::ColActions)}
                    </tr>
                </thead>
                <tbody>
                    {list.items.into_iter().map(|s| {
                        let (role, active, created, disabled_at) = (s.role, s.active, s.created_at, s.disabled_at);
                        let (id, label) = (s.id.clone(), s.name.clone());
                        let (reset_id, reset_label, second_factor) = (s.id.clone(), s.name.clone(), s.second_factor);
                        let state = move || match (disabled_at, active) {
                            (Some(at), _) => format!("{}（{}）", i18n.t(Msg::AdminStaffDisabled), format_instant(i18n.lang(), at)),
                            (None, true) => i18n.t(Msg::AdminDirectorActive).to_string(),
                            (None, false) => i18n.t(Msg::AdminDirectorInvited).to_string(),
                        };
                        let action = if disabled_at.is_some() { Msg::AdminStaffEnable } else { Msg::AdminStaffDisable };
                        view! {
                            <tr data-testid="staff-row" class:row-disabled=disabled_at.is_some()>
                                <th scope="row">{s.name}</th>
                                <td>{s.email}</td>
                                <td data-testid="staff-role">{move || i18n.lang().pick(role.label_ja(), role.label_en())}</td>
                                <td data-testid="staff-state">{state}</td>
                                <td data-testid="staff-second-factor">
                                    {move || i18n.t(if second_factor { Msg::SecondFactorOn } else { Msg::SecondFactorOff })}
                                </td>
                                <td>{move || format_date(i18n.lang(), created)}</td>
                                <td class="actions">
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        data-testid="toggle-staff"
                                        aria-label=move || about_applicant(i18n.lang(), action, &label)
                                        on:click=move |_| toggle.run((id.clone(), disabled_at.is_none()))
                                    >
                                        {move || i18n.t(action)}
                                    </button>
                                    {second_factor.then(|| view! {
                                        <button
                                            type="button"
                                            class="button secondary small"
                                            data-testid="reset-second-factor"
                                            aria-label=move || about_applicant(i18n.lang(), Msg::AdminStaffResetSecondFactor, &reset_label)
                                            on:click=move |_| reset.run(reset_id.clone())
                                        >
                                            {move || i18n.t(Msg::AdminStaffResetSecondFactor)}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=list.page pages on_page />
    }
}

/// Invites a staff member of any role by mail.
#[component]
fn Invite(changed: Callback<Msg>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (email, name, role) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        let chosen = parse_invitable_role(&role.get_untracked());
        let found = [
            refusal(Email::parse(&email.get_untracked())),
            refusal(parse_catalogue_name(&name.get_untracked())),
            refusal(chosen),
        ];
        errors.update(|e| e.check(found.into_iter().flatten()));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let invitation = StaffInvitation {
            email: email.get_untracked().trim().to_string(),
            name: name.get_untracked().trim().to_string(),
            role: role.get_untracked(),
        };
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| board::invite_staff(token, invitation.clone())).await;
            pending.set(false);
            match answer {
                Ok(_) => {
                    email.set(String::new());
                    name.set(String::new());
                    role.set(String::new());
                    errors.set(FieldErrors::default());
                    changed.run(Msg::AdminStaffInvitedDone);
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    view! {
        <form class="card form-card admin-card" novalidate on:submit=submit data-testid="staff-invite-form" aria-labelledby="staff-invite-heading">
            <h2 id="staff-invite-heading">{move || i18n.t(Msg::AdminStaffInviteTitle)}</h2>
            <p class="muted">{move || i18n.t(Msg::AdminStaffInviteLead)}</p>
            <PageError problem />
            <TextField field="email" value=email errors on_check=check kind="email" autocomplete="off" required=true />
            <TextField field="name" value=name errors on_check=check label=Msg::ColName required=true />
            <SelectField field="role" value=role errors on_check=check options=role_options required=true />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="staff-invite" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminInviteButton })}
                </button>
            </div>
        </form>
    }
}
