//! Announcements (`/admin/announcements`): the board's information (インフォメーション) as every
//! audience reads it, withdrawn ones too; publishing one for everyone, residents or directors with
//! an optional English text; editing one, and withdrawing it after a confirmation.

use leptos::prelude::*;
use senkoi_domain::announcement::{Audience, parse_body, parse_english, parse_title};
use senkoi_domain::wire::AnnouncementView;

use crate::api::board::{self, AnnouncementBody};
use crate::api::{self, ApiProblem};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal, refusals};
use crate::i18n::{Lang, Msg, audience_label, format_instant, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 5] = ["title", "body", "title_en", "body_en", "audience"];

fn audience_options(lang: Lang) -> Vec<(String, String)> {
    Audience::ALL.into_iter().map(|a| (a.code().to_string(), audience_label(lang, a).to_string())).collect()
}

/// What the page last did, for its message.
#[derive(Clone, Copy, PartialEq)]
enum Done {
    Published,
    Saved,
    Withdrawn,
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
    let text = || RwSignal::new(String::new());
    let (title, body, title_en, body_en) = (text(), text(), text(), text());
    let audience = RwSignal::new(Audience::All.code().to_string());
    // The announcement being edited, if any: the form then saves it instead of publishing.
    let editing = RwSignal::new(None::<String>);
    let withdrawing = RwSignal::new(None::<AnnouncementView>);
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<Done>);
    let check = Callback::new(move |_| {
        let english = parse_english(Some(&title_en.get_untracked()), Some(&body_en.get_untracked()));
        let found = [
            refusal(parse_title(&title.get_untracked())),
            refusal(parse_body(&body.get_untracked())),
            refusal(Audience::parse(&audience.get_untracked())),
        ];
        let english = refusals(&english.err().unwrap_or_default());
        errors.update(|e| e.check(found.into_iter().flatten().chain(english)));
    });
    let clear = move || {
        for field in [title, body, title_en, body_en] {
            field.set(String::new());
        }
        audience.set(Audience::All.code().to_string());
        editing.set(None);
        errors.set(FieldErrors::default());
    };
    let edit = move |a: AnnouncementView| {
        title.set(a.title);
        body.set(a.body);
        title_en.set(a.title_en.unwrap_or_default());
        body_en.set(a.body_en.unwrap_or_default());
        audience.set(a.audience.code().to_string());
        errors.set(FieldErrors::default());
        problem.set(None);
        done.set(None);
        editing.set(Some(a.id));
        scroll_to_form();
    };
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
        let given = |s: RwSignal<String>| Some(s.get_untracked()).filter(|s| !s.trim().is_empty());
        let request = AnnouncementBody {
            title: title.get_untracked(),
            body: body.get_untracked(),
            title_en: given(title_en),
            body_en: given(body_en),
            audience: chosen,
        };
        let edited = editing.get_untracked();
        pending.set(true);
        problem.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let answer = match edited.clone() {
                Some(id) => {
                    session
                        .authorized(|token| board::edit_announcement(token, id.clone(), request.clone()))
                        .await
                }
                None => session.authorized(|token| board::publish(token, request.clone())).await,
            };
            pending.set(false);
            match answer {
                Ok(_) => {
                    clear();
                    done.set(Some(if edited.is_some() { Done::Saved } else { Done::Published }));
                    version.update(|v| *v += 1);
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    let withdraw = Callback::new(move |_| {
        let Some(a) = withdrawing.get_untracked() else { return };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| board::withdraw_announcement(token, a.id.clone())).await;
            pending.set(false);
            withdrawing.set(None);
            match answer {
                Ok(_) => {
                    if editing.get_untracked().as_deref() == Some(a.id.as_str()) {
                        clear();
                    }
                    problem.set(None);
                    done.set(Some(Done::Withdrawn));
                    version.update(|v| *v += 1);
                }
                Err(refused) => problem.set(Some(refused)),
            }
        });
    });
    let done_text = move |d: Done| match d {
        Done::Published => Msg::AdminPublished,
        Done::Saved => Msg::AdminAnnouncementSaved,
        Done::Withdrawn => Msg::AdminAnnouncementWithdrawn,
    };

    view! {
        <div class="container page admin-page admin-announcements" data-testid="admin-announcements">
            <h1>{move || i18n.t(Msg::AdminAnnouncementsTitle)}</h1>
            {move || done.get().map(|d| view! {
                <p class="notice success" role="status" data-testid="published">{move || i18n.t(done_text(d))}</p>
            })}
            <form id="announcement-form" class="card form-card admin-card" novalidate on:submit=submit aria-labelledby="publish-heading" data-testid="announcement-form">
                <h2 id="publish-heading">
                    {move || i18n.t(if editing.get().is_some() { Msg::AdminEditAnnouncementTitle } else { Msg::AdminPublishTitle })}
                </h2>
                <PageError problem />
                <TextField field="title" value=title errors on_check=check required=true />
                <TextField field="body" value=body errors on_check=check multiline=true required=true />
                <fieldset class="fieldset">
                    <legend>{move || i18n.t(Msg::AdminEnglishText)}</legend>
                    <p class="field-hint">{move || i18n.t(Msg::AdminEnglishHint)}</p>
                    <TextField field="title_en" value=title_en errors on_check=check />
                    <TextField field="body_en" value=body_en errors on_check=check multiline=true />
                </fieldset>
                <SelectField field="audience" value=audience errors on_check=check options=audience_options required=true />
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="publish" disabled=move || pending.get()>
                        {move || i18n.t(match (pending.get(), editing.get().is_some()) {
                            (true, _) => Msg::Sending,
                            (false, true) => Msg::AdminSaveAnnouncement,
                            (false, false) => Msg::AdminPublishButton,
                        })}
                    </button>
                    {move || editing.get().is_some().then(|| view! {
                        <button type="button" class="button secondary" data-testid="cancel-edit" on:click=move |_| clear()>
                            {move || i18n.t(Msg::CancelEdit)}
                        </button>
                    })}
                </div>
            </form>
            <section class="admin-card" aria-labelledby="announcements-heading">
                <h2 id="announcements-heading">{move || i18n.t(Msg::Announcements)}</h2>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoAnnouncements)}</p> }.into_any(),
                            Ok(items) => view! {
                                <ul class="announcement-list card" data-testid="admin-announcement-list">
                                    {items.into_iter().map(|a| view! { <BoardAnnouncement announcement=a on_edit=Callback::new(edit) on_withdraw=Callback::new(move |a| withdrawing.set(Some(a))) /> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            {move || withdrawing.get().map(|a| view! {
                <ConfirmDialog
                    title=Msg::AdminWithdrawAnnouncementTitle
                    text=Msg::AdminWithdrawAnnouncementText
                    confirm=Msg::AdminWithdrawAnnouncement
                    confirm_testid="confirm-withdraw-announcement"
                    on_confirm=withdraw
                    on_cancel=Callback::new(move |_| withdrawing.set(None))
                    pending
                >
                    <p><strong>{a.title}</strong></p>
                </ConfirmDialog>
            })}
        </div>
    }
}

/// Brings the form into view when an announcement is taken into it.
fn scroll_to_form() {
    if let Some(form) = document().get_element_by_id("announcement-form") {
        form.scroll_into_view();
    }
}

/// One announcement in the board's list: both texts, its state, and what can be done with it.
#[component]
fn BoardAnnouncement(
    announcement: AnnouncementView,
    on_edit: Callback<AnnouncementView>,
    on_withdraw: Callback<AnnouncementView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = announcement.clone();
    let (audience, at, withdrawn) = (a.audience, a.published_at, a.withdrawn_at);
    let (edit_with, withdraw_with) = (announcement.clone(), announcement);
    view! {
        <li class="announcement" class:withdrawn=withdrawn.is_some() data-testid="admin-announcement">
            <p class="announcement-meta">
                <span>{move || format_instant(i18n.lang(), at)}</span>
                <span class="badge">{move || audience_label(i18n.lang(), audience)}</span>
                {withdrawn.map(|when| view! {
                    <span class="badge closed" data-testid="withdrawn-badge">
                        {move || format!("{} {}", i18n.t(Msg::AdminWithdrawnBadge), format_instant(i18n.lang(), when))}
                    </span>
                })}
            </p>
            <h3>{a.title}</h3>
            <p class="announcement-body pre-wrap">{a.body}</p>
            {a.title_en.map(|title| view! {
                <div lang="en" class="announcement-english">
                    <h4>{title}</h4>
                    <p class="announcement-body pre-wrap">{a.body_en}</p>
                </div>
            })}
            {withdrawn.is_none().then(|| view! {
                <div class="form-actions">
                    <button type="button" class="button secondary small" data-testid="edit-announcement" on:click=move |_| on_edit.run(edit_with.clone())>
                        {move || i18n.t(Msg::AdminEditAnnouncement)}
                    </button>
                    <button type="button" class="button danger small" data-testid="withdraw-announcement" on:click=move |_| on_withdraw.run(withdraw_with.clone())>
                        {move || i18n.t(Msg::AdminWithdrawAnnouncement)}
                    </button>
                </div>
            })}
        </li>
    }
}
