//! Legacy migration, step 2 (`/migrate/:token`): the mailed link is checked first and the page
//! shows what the old system's account brings; the registration fields it lacks are asked for
//! with the resident form's own inputs, with the password for the new system; then the user ID
//! (ユーザID). An expired, used or unknown link says so and leads back to step 1.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use senkoi_domain::wire::{LegacyMigrationCompletion, LegacyMigrationView};

use crate::api::{self, ApiProblem};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::profile_summary::ProfileSummary;
use crate::components::resident_form::{ResidentFormFields, ResidentFormState, change_of_fields};
use crate::components::text_field::TextField;
use crate::components::user_id_card::UserIdCard;
use crate::document::use_page_title;
use crate::form::{
    FieldErrors, RESIDENT_FIELDS, focus_main, land_field_errors, password_refusals, ready_to_send,
    with_conflict_on_field,
};
use crate::i18n::{Msg, field_error_text, field_label, use_i18n};

const PASSWORD_FIELDS: [&str; 2] = ["password", "password_confirm"];

/// The resident form's fields among `names`, in the form's order, each once; anything else (the
/// password, a field the form does not have) is left out.
fn form_fields<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<&str> = names.into_iter().collect();
    RESIDENT_FIELDS
        .iter()
        .filter(|field| !PASSWORD_FIELDS.contains(field) && names.contains(field))
        .map(|field| field.to_string())
        .collect()
}

/// The asked fields with `more` added. A field once asked stays, so it does not vanish as soon as
/// it is fixed.
fn with_asked<'a>(asked: &'a [String], more: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    form_fields(asked.iter().map(String::as_str).chain(more))
}

/// The fields a submit checks, in the form's order: the asked ones, then the password.
fn checked_fields(asked: &[String]) -> Vec<&'static str> {
    RESIDENT_FIELDS
        .iter()
        .copied()
        .filter(|field| PASSWORD_FIELDS.contains(field) || asked.iter().any(|a| a == field))
        .collect()
}

#[component]
pub fn MigratePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::MigratePasswordTitle));
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let link = LocalResource::new(move || {
        let token = token.get();
        async move { api::legacy_migration(&token).await }
    });
    let title = move || view! { <h1>{move || i18n.t(Msg::MigratePasswordTitle)}</h1> };

    view! {
        <div class="container page account-page">
            <Suspense fallback=move || view! { {title()} <Loading /> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(link) => view! { <Migration token=token.get_untracked() link /> }.into_any(),
                        Err(problem) => view! { {title()} <LinkRefused problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The link cannot be used: why, and (for an expired, used or unknown link) the way back to step 1.
#[component]
fn LinkRefused(problem: ApiProblem) -> impl IntoView {
    let start_again = problem.is_gone() || problem.is_not_found();
    view! {
        <ErrorBox problem testid="page-error" />
        {start_again.then(|| view! { <RequestNewLink /> })}
    }
}

#[component]
fn RequestNewLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>
            <A href="/migrate" attr:class="button primary" attr:data-testid="link-request-new">
                {move || i18n.t(Msg::RequestNewLink)}
            </A>
        </p>
    }
}

/// What the old account brings, the fields it lacks, the password, and the done screen, for a
/// link known to be good.
#[component]
fn Migration(token: String, link: LegacyMigrationView) -> impl IntoView {
    let i18n = use_i18n();
    let LegacyMigrationView { legacy_user_id, email, profile, missing } = link;
    let state = ResidentFormState::from_form(&profile);
    // The server's list, and whatever the domain's parse refuses here too (the same parse, so
    // normally nothing more).
    let refused_now = state.refusals();
    let lacking = with_asked(
        &form_fields(missing.iter().map(String::as_str)),
        refused_now.iter().map(|(f, _)| f.as_str()),
    );
    let asked = RwSignal::new(lacking.clone());
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let token = StoredValue::new(token);
    let summary = StoredValue::new((profile, lacking, legacy_user_id, email));

    let check = Callback::new(move |_| {
        let mut found = state.refusals();
        // A choice may need a field more (a curriculum reason of "other" needs it written).
        let now_asked = asked.with_untracked(|a| with_asked(a, found.iter().map(|(f, _)| f.as_str())));
        if asked.with_untracked(|a| *a != now_asked) {
            asked.set(now_asked);
        }
        found.extend(password_refusals(&password.get_untracked(), &password_confirm.get_untracked()));
        errors.update(|e| e.check(found));
    });
    let gone = move || problem.with(|p| p.as_ref().is_some_and(|p| p.is_gone() || p.is_not_found()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        let fields = asked.with_untracked(|a| checked_fields(a));
        if pending.get_untracked() || !ready_to_send(errors, &fields) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let completion = asked.with_untracked(|asked| LegacyMigrationCompletion {
            password: password.get_untracked(),
            profile: (!asked.is_empty()).then(|| change_of_fields(state.form(), asked)),
        });
        leptos::task::spawn_local(async move {
            match api::complete_legacy_migration(&token.get_value(), &completion).await {
                Ok(view) => {
                    done.set(Some(view.user_id));
                    focus_main();
                }
                Err(refused) => {
                    let on_fields = with_conflict_on_field(&refused);
                    // A refusal of a field not asked for yet: ask for it, so it lands on its input.
                    let now_asked = asked
                        .with_untracked(|a| with_asked(a, on_fields.errors.iter().map(|e| e.field.as_str())));
                    asked.set(now_asked);
                    let fields = asked.with_untracked(|a| checked_fields(a));
                    land_field_errors(errors, &fields, &on_fields);
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };

    // Server refusals of fields this page has no input for, which would otherwise go unseen.
    let unplaced = move || {
        let shown = asked.with(|a| checked_fields(a));
        problem.with(|p| {
            p.iter()
                .flat_map(|p| p.errors.iter())
                .filter(|e| !shown.contains(&e.field.as_str()))
                .map(|e| (e.field.clone(), e.code.clone()))
                .collect::<Vec<_>>()
        })
    };

    let brings = move || {
        let (profile, lacking, legacy_user_id, email) = summary.get_value();
        view! {
            <section class="card" data-testid="migration-brings" aria-labelledby="brings-heading">
                <h2 id="brings-heading">{move || i18n.t(Msg::MigrateBrings)}</h2>
                <ProfileSummary form=profile omit=lacking>
                    <dt>{move || field_label(i18n.lang(), "legacy_user_id")}</dt>
                    <dd data-testid="value-legacy_user_id">{legacy_user_id}</dd>
                    <dt>{move || field_label(i18n.lang(), "email")}</dt>
                    <dd data-testid="value-email">{email}</dd>
                </ProfileSummary>
            </section>
        }
    };

    let form = move || {
        view! {
            <form class="card form-card" class:narrow=move || asked.with(Vec::is_empty) novalidate on:submit=submit>
                <Show when=move || asked.with(|a| !a.is_empty())>
                    <section data-testid="migration-missing" aria-labelledby="missing-heading">
                        <h2 id="missing-heading">{move || i18n.t(Msg::MigrateMissingTitle)}</h2>
                        <p>{move || i18n.t(Msg::MigrateMissingLead)}</p>
                        <ResidentFormFields state errors on_check=check specialty_fixed=true only=asked />
                    </section>
                </Show>
                <Show when=move || !unplaced().is_empty()>
                    <div class="notice warning" role="alert" data-testid="unplaced-errors">
                        <p class="notice-title">{move || i18n.t(Msg::MigrateServerErrors)}</p>
                        <ul>
                            {move || {
                                let lang = i18n.lang();
                                unplaced()
                                    .into_iter()
                                    .map(|(field, code)| {
                                        view! { <li>{field_label(lang, &field)}": "{field_error_text(lang, &field, &code)}</li> }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <fieldset class="form-section">
                    <legend>{move || i18n.t(Msg::SectionPassword)}</legend>
                    <TextField field="password" value=password errors on_check=check kind="password" autocomplete="new-password" hint=Msg::HintPassword required=true />
                    <TextField field="password_confirm" value=password_confirm errors on_check=check kind="password" autocomplete="new-password" required=true />
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="submit-migrate-password" disabled=move || pending.get()>
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SetPasswordButton })}
                    </button>
                </div>
            </form>
        }
    };

    move || match done.get() {
        Some(user_id) => view! {
            <h1>{move || i18n.t(Msg::MigrateDoneTitle)}</h1>
            <section data-testid="migration-done">
                <UserIdCard user_id note=Msg::MigrateDoneNote />
            </section>
        }
        .into_any(),
        None => view! {
            <h1>{move || i18n.t(Msg::MigratePasswordTitle)}</h1>
            <PageError problem />
            <Show when=gone fallback=move || view! {
                <p class="lead">{move || i18n.t(Msg::MigratePasswordLead)}</p>
                {brings()}
                {form()}
            }>
                <RequestNewLink />
            </Show>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn the_asked_fields_are_the_forms_own_in_its_order_and_stay_once_asked() {
        let missing = form_fields(["postal_code", "family_name_kana", "password", "token", "postal_code"]);
        assert_eq!(missing, owned(&["family_name_kana", "postal_code"]));
        let more = with_asked(&missing, ["curriculum_reason_detail", "family_name_kana"]);
        assert_eq!(more, owned(&["family_name_kana", "postal_code", "curriculum_reason_detail"]));
        assert_eq!(with_asked(&more, []), more, "fixing a field does not hide it");
    }

    #[test]
    fn a_submit_checks_the_asked_fields_and_the_password() {
        assert_eq!(checked_fields(&[]), vec!["password", "password_confirm"]);
        assert_eq!(
            checked_fields(&owned(&["phone", "gender"])),
            vec!["gender", "phone", "password", "password_confirm"]
        );
    }
}
