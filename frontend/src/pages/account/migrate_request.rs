//! Legacy migration, step 1 (`/migrate`): the old system's user ID, the email and the date of
//! birth (旧システムからのアカウント移行); a match mails a link to set the password.

use leptos::prelude::*;
use senkoi_domain::registration::Email;
use senkoi_domain::resident::parse_date_of_birth;
use senkoi_domain::wire::LegacyMigrationRequest;

use crate::api::{self, ApiProblem};
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal, today_in_japan};
use crate::i18n::{Msg, use_i18n};

const FIELDS: [&str; 3] = ["legacy_user_id", "email", "date_of_birth"];

#[component]
pub fn MigrateRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::MigrateTitle));
    let legacy_user_id = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let date_of_birth = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let check = Callback::new(move |_| {
        // The old system's IDs have no format of their own to check; only that one was given.
        let mut found: Vec<(String, String)> = Vec::new();
        if legacy_user_id.get_untracked().trim().is_empty() {
            found.push(("legacy_user_id".into(), "required".into()));
        }
        found.extend(refusal(Email::parse(&email.get_untracked())));
        found.extend(refusal(parse_date_of_birth(&date_of_birth.get_untracked(), today_in_japan())));
        errors.update(|e| e.check(found));
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let request = LegacyMigrationRequest {
            legacy_user_id: legacy_user_id.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            date_of_birth: date_of_birth.get_untracked().trim().to_string(),
        };
        leptos::task::spawn_local(async move {
            match api::request_legacy_migration(&request).await {
                Ok(()) => sent.set(true),
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="container page account-page">
            <h1>{move || i18n.t(Msg::MigrateTitle)}</h1>
            <Show
                when=move || sent.get()
                fallback=move || {
                    view! {
                        <p class="lead">{move || i18n.t(Msg::MigrateLead)}</p>
                        <PageError problem />
                        <form class="card form-card narrow" novalidate on:submit=submit>
                            <TextField field="legacy_user_id" value=legacy_user_id errors on_check=check autocomplete="username" required=true />
                            <TextField field="email" value=email errors on_check=check kind="email" autocomplete="email" required=true />
                            <TextField field="date_of_birth" value=date_of_birth errors on_check=check hint=Msg::HintDate inputmode="numeric" autocomplete="bday" required=true tidy=senkoi_domain::resident::tidy_date />
                            <div class="form-actions">
                                <button type="submit" class="button primary" data-testid="submit-migrate" disabled=move || pending.get()>
                                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SendButton })}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <p class="notice success" role="status" data-testid="migrate-sent">{move || i18n.t(Msg::MigrateSent)}</p>
            </Show>
        </div>
    }
}
