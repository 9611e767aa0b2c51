//! The resident's details (`/me/profile`, ユーザ情報): shown, changed with the registration form
//! (変更), and the account deleted (ユーザIDの削除) after a confirmation. A locked profile says why
//! and cannot be changed.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::wire::ResidentView;

use crate::api::{self, ApiProblem};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::profile_summary::ProfileSummary;
use crate::components::resident_form::{ResidentFormFields, ResidentFormState, change_of};
use crate::document::use_page_title;
use crate::form::{
    FieldErrors, RESIDENT_FIELDS, focus_main, land_field_errors, ready_to_send, with_conflict_on_field,
};
use crate::i18n::{Msg, field_label, format_years, problem_text, use_i18n};
use crate::session::use_session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::ProfileTitle));
    let session = use_session();
    let me = LocalResource::new(move || async move { session.authorized(api::me).await });

    view! {
        <div class="container page profile-page">
            <p class="back-link">
                <A href="/me">
                    <span aria-hidden="true">"‹ "</span>
                    {move || i18n.t(Msg::BackToMyPage)}
                </A>
            </p>
            <h1>{move || i18n.t(Msg::ProfileTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(me) => view! { <Profile me /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Profile(me: ResidentView) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let me = RwSignal::new(me);
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::default());
    let state = ResidentFormState::from_form(&me.get_untracked().profile);
    let asking_delete = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let locked = move || me.with(|m| m.locked);

    let check = Callback::new(move |_| errors.update(|e| e.check(state.refusals())));

    let edit = move |_| {
        // Start from what is stored, not from an edit abandoned earlier.
        state.set(&me.get_untracked().profile);
        errors.set(FieldErrors::default());
        saved.set(false);
        problem.set(None);
        editing.set(true);
        focus_main();
    };
    let cancel = move |_| {
        editing.set(false);
        problem.set(None);
        focus_main();
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &RESIDENT_FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let change = change_of(state.form());
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| api::update_me(token, change.clone())).await;
            match answer {
                Ok(updated) => {
                    me.set(updated);
                    editing.set(false);
                    saved.set(true);
                    focus_main();
                }
                Err(refused) if refused.code == "profile-locked" => {
                    me.update(|m| m.locked = true);
                    editing.set(false);
                    problem.set(Some(refused));
                    focus_main();
                }
                Err(refused) => {
                    land_field_errors(errors, &RESIDENT_FIELDS, &with_conflict_on_field(&refused));
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };

    let delete = Callback::new(move |_| {
        if deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match session.authorized(api::delete_me).await {
                // The route guard takes the visitor to /login with the farewell notice.
                Ok(()) => session.sign_out("account-deleted").await,
                Err(refused) => {
                    asking_delete.set(false);
                    problem.set(Some(refused));
                    focus_main();
                }
            }
            deleting.set(false);
        });
    });

    let view_mode = move || {
        let current = me.get();
        let ResidentView { user_id, email, profile, years_since_license, .. } = current;
        view! {
            {move || saved.get().then(|| view! {
                <p class="notice success" role="status" data-testid="profile-saved">{move || i18n.t(Msg::ProfileSaved)}</p>
            })}
            <section class="card">
                <ProfileSummary form=profile>
                    <dt>{move || field_label(i18n.lang(), "user_id")}</dt>
                    <dd data-testid="value-user_id">{user_id}</dd>
                    <dt>{move || field_label(i18n.lang(), "email")}</dt>
                    <dd data-testid="value-email">{email}</dd>
                    <dt>{move || i18n.t(Msg::LabelYearsSinceLicense)}</dt>
                    <dd data-testid="value-years_since_license">{move || format_years(i18n.lang(), years_since_license)}</dd>
                </ProfileSummary>
                <Show when=move || !locked()>
                    <div class="form-actions">
                        <button type="button" class="button primary" data-testid="edit-profile" on:click=edit>
                            {move || i18n.t(Msg::EditButton)}
                        </button>
                    </div>
                </Show>
            </section>
        }
    };

    let edit_mode = move || {
        view! {
            <form class="card form-card" novalidate on:submit=save>
                <ResidentFormFields state errors on_check=check specialty_fixed=true />
                <div class="form-actions">
                    <button type="button" class="button secondary" data-testid="cancel-edit" on:click=cancel>
                        {move || i18n.t(Msg::CancelButton)}
                    </button>
                    <button type="submit" class="button primary" data-testid="submit-profile" disabled=move || pending.get()>
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SaveButton })}
                    </button>
                </div>
            </form>
        }
    };

    view! {
        <Show when=locked>
            <div class="notice warning" role="note" data-testid="profile-locked">
                <p class="notice-title">{move || i18n.t(Msg::ProfileLockedTitle)}</p>
                <p>{move || problem_text(i18n.lang(), "profile-locked", 409, "")}</p>
            </div>
        </Show>
        <PageError problem />
        {move || if editing.get() && !locked() { edit_mode().into_any() } else { view_mode().into_any() }}
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{move || i18n.t(Msg::DeleteAccount)}</h2>
            <p>{move || i18n.t(Msg::DeleteAccountLead)}</p>
            <button
                type="button"
                class="button danger"
                data-testid="delete-account"
                on:click=move |_| asking_delete.set(true)
            >
                {move || i18n.t(Msg::DeleteAccount)}
            </button>
        </section>
        <Show when=move || asking_delete.get()>
            <ConfirmDialog
                title=Msg::DeleteConfirmTitle
                text=Msg::DeleteConfirmText
                confirm=Msg::DeleteConfirmButton
                confirm_testid="confirm-delete"
                on_confirm=delete
                on_cancel=Callback::new(move |_| asking_delete.set(false))
                pending=deleting
            />
        </Show>
    }
}
