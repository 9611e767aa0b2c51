//! Home (`/`): the board's announcements (インフォメーション) and the way to the schedule and search.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::announcement::AnnouncementItem;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, use_i18n};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(None);
    let announcements = LocalResource::new(api::announcements);

    view! {
        <div class="container page home">
            <section class="hero">
                <h1>{move || i18n.t(Msg::SystemName)}</h1>
                <p class="lead">{move || i18n.t(Msg::HomeLead)}</p>
            </section>
            <div class="cards">
                <A href="/schedule" attr:class="card link-card">
                    <h2>{move || i18n.t(Msg::HomeScheduleCardTitle)}</h2>
                    <p>{move || i18n.t(Msg::HomeScheduleCardText)}</p>
                </A>
                <A href="/programs" attr:class="card link-card">
                    <h2>{move || i18n.t(Msg::HomeSearchCardTitle)}</h2>
                    <p>{move || i18n.t(Msg::HomeSearchCardText)}</p>
                </A>
            </div>
            <section class="announcements" aria-labelledby="announcements-heading">
                <h2 id="announcements-heading">{move || i18n.t(Msg::Announcements)}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match announcements.await {
                            Ok(list) if list.is_empty() => {
                                view! {
                                    <p class="empty">{move || i18n.t(Msg::NoAnnouncements)}</p>
                                }
                                    .into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ul class="announcement-list">
                                        {list
                                            .into_iter()
                                            .map(|a| view! { <AnnouncementItem announcement=a /> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
