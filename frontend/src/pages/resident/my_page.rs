//! My page (`/me`, マイページ): the manual's sections — my applications (応募状況), information,
//! timeline, program search, user information, per-prefecture status, master schedule.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::Specialty;
use senkoi_domain::wire::{AnnouncementView, ResidentView};

use crate::api;
use crate::components::announcement::texts_in;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::my_applications::MyApplicationsSection;
use crate::components::prefecture_table::PrefectureStatus;
use crate::components::timeline::MyTimeline;
use crate::document::use_page_title;
use crate::i18n::{Msg, audience_label, format_date, format_years, use_i18n};
use crate::session::use_session;

/// At most this many announcements on my page; the home page lists them all.
const ANNOUNCEMENTS_SHOWN: usize = 5;

#[component]
pub fn MyPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::MyPageTitle));
    let session = use_session();
    let me = LocalResource::new(move || async move { session.authorized(api::me).await });

    view! {
        <div class="container page my-page" data-testid="my-page">
            <h1>{move || i18n.t(Msg::MyPageTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(me) => view! { <Sections me /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Sections(me: ResidentView) -> impl IntoView {
    let i18n = use_i18n();
    let ResidentView { user_id, profile, years_since_license, .. } = me;
    let name = format!("{} {}", profile.family_name, profile.given_name);
    let specialty = Specialty::parse(&profile.specialty).ok();
    let search_href = format!("/programs?specialty={}", js_sys::encode_uri_component(&profile.specialty));
    let session = use_session();
    // Signed in, the server answers the announcements for everyone and for residents.
    let announcements =
        LocalResource::new(move || async move { session.authorized(api::announcements_for).await });

    view! {
        <p class="my-greeting">
            <span class="my-name" data-testid="mypage-name">{name}</span>
            <span class="muted">
                {move || i18n.t(Msg::LabelUserId)} " " <span data-testid="mypage-user-id">{user_id.clone()}</span>
            </span>
        </p>
        <div class="my-sections">
            <MyApplicationsSection />
            <MyTimeline />
            <section class="card my-section" data-testid="section-information">
                <h2>{move || i18n.t(Msg::Announcements)}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match announcements.await {
                            Ok(list) => {
                                let list: Vec<AnnouncementView> = list.into_iter().take(ANNOUNCEMENTS_SHOWN).collect();
                                if list.is_empty() {
                                    view! { <p class="muted">{move || i18n.t(Msg::NoAnnouncements)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="my-announcements">
                                            {list.into_iter().map(|a| view! { <AnnouncementLine announcement=a /> }).collect_view()}
                                        </ul>
                                    }
                                    .into_any()
                                }
                            }
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <section class="card my-section" data-testid="section-program-search">
                <h2>{move || i18n.t(Msg::NavPrograms)}</h2>
                <p>
                    {move || specialty.map(|s| i18n.lang().pick(s.name_ja(), s.name_en()).to_string())}
                </p>
                <A href=search_href attr:data-testid="link-program-search">{move || i18n.t(Msg::SearchMySpecialty)}</A>
            </section>
            <section class="card my-section" data-testid="section-user-info">
                <h2>{move || i18n.t(Msg::UserInfo)}</h2>
                <dl class="detail-list compact">
                    <dt>{move || i18n.t(Msg::LabelYearsSinceLicense)}</dt>
                    <dd>{move || format_years(i18n.lang(), years_since_license)}</dd>
                </dl>
                <A href="/me/profile" attr:data-testid="link-profile">{move || i18n.t(Msg::ViewProfile)}</A>
            </section>
            <PrefectureStatus specialty=profile.specialty.clone() />
            <section class="card my-section" data-testid="section-schedule">
                <h2>{move || i18n.t(Msg::NavSchedule)}</h2>
                <A href="/schedule" attr:data-testid="link-schedule">{move || i18n.t(Msg::ViewSchedule)}</A>
            </section>
        </div>
    }
}

/// One announcement: date, audience and title.
#[component]
fn AnnouncementLine(announcement: AnnouncementView) -> impl IntoView {
    let i18n = use_i18n();
    let (audience, published_at) = (announcement.audience, announcement.published_at);
    view! {
        <li>
            <time datetime=published_at.to_rfc3339()>{move || format_date(i18n.lang(), published_at)}</time>
            <span class="badge">{move || audience_label(i18n.lang(), audience)}</span>
            " "
            <span>{move || texts_in(i18n.lang(), &announcement).0}</span>
        </li>
    }
}
