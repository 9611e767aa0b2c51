//! Announcements (`/admin/announcements`): the board's information (インフォメーション) as every
//! audience reads it, and publishing one for everyone, residents or directors.

use leptos::prelude::*;
use senkoi_domain::announcement::{Audience, parse_body, parse_title};

use crate::api::board::{self, AnnouncementBody};
use crate::api::{self, ApiProblem};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, audience_label, format_instant, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 3] = ["title", "body", "audience"];

fn audience_options(lang: Lang) -> Vec<(String, String)> {
    Audience::ALL.into_iter().map(|a| (a.code().to_string(), audience_label(lang, a).to_string())).collect()
}

#[component]
pub fn AdminAnnouncementsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminAnnouncementsTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        async move { session.authorized(api::announcements_for).await }
    });
    let (title, body, audience) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(Audience::All.code().to_string()),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(false);
    let check = Callback::new(move |_| {
        let found = [
            refusal(parse_title(&title.get_untracked())),
            refusal(parse_body(&body.get_untracked())),
            refusal(Audience::parse(&audience.get_untracked())),
        ];
        errors.update(|e| e.check(found.into_iter().flatten()));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        let Ok(chosen) = Audience::parse(&audience.get_untracked()) else {
            ready_to_send(errors, &FIELDS);
            return;
        };
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let request =
            AnnouncementBody { title: title.get_untracked(), body: body.get_untracked(), audience: chosen };
        pending.set(true);
        problem.set(None);
        done.set(false);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| board::publish(token, request.clone())).await;
            pending.set(false);
            match answer {
                Ok(_) => {
                    title.set(String::new());
                    body.set(String::new());
                    errors.set(FieldErrors::default());
                    done.set(true);
                    version.update(|v| *v += 1);
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };

    view! {
        <div class="container page admin-page admin-announcements" data-testid="admin-announcements">
            <h1>{move || i18n.t(Msg::AdminAnnouncementsTitle)}</h1>
            <form class="card form-card admin-card" novalidate on:submit=submit aria-labelledby="publish-heading">
                <h2 id="publish-heading">{move || i18n.t(Msg::AdminPublishTitle)}</h2>
                <PageError problem />
                <TextField field="title" value=title errors on_check=check required=true />
                <TextField field="body" value=body errors on_check=check multiline=true required=true />
                <SelectField field="audience" value=audience errors on_check=check options=audience_options required=true />
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="publish" disabled=move || pending.get()>
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminPublishButton })}
                    </button>
                </div>
                {move || done.get().then(|| view! {
                    <p class="notice success" role="status" data-testid="published">{move || i18n.t(Msg::AdminPublished)}</p>
                })}
            </form>
            <section class="admin-card" aria-labelledby="announcements-heading">
                <h2 id="announcements-heading">{move || i18n.t(Msg::Announcements)}</h2>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoAnnouncements)}</p> }.into_any(),
                            Ok(items) => view! {
                                <ul class="announcement-list card" data-testid="admin-announcement-list">
                                    {items.into_iter().map(|a| {
                                        let (audience, at) = (a.audience, a.published_at);
                                        view! {
                                            <li class="announcement" data-testid="admin-announcement">
                                                <p class="announcement-meta">
                                                    <span>{move || format_instant(i18n.lang(), at)}</span>
                                                    <span class="badge">{move || audience_label(i18n.lang(), audience)}</span>
                                                </p>
                                                <h3>{a.title}</h3>
                                                <p class="announcement-body pre-wrap">{a.body}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}
