//! The reporter's page (`/consultation/follow#<key>`): their consultation and the answers, read
//! with the private key after `#` (which no server receives, so none logs it), and a follow-up.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use senkoi_domain::wire::ConsultationView;

use crate::api::{ApiProblem, training};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, use_i18n};

#[component]
pub fn FollowPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::FollowTitle));
    // The key after `#`, from the router: when the link is followed inside the SPA (from the
    // receipt), the page is made before the browser's own address shows the new hash.
    let hash = use_location().hash;
    let key = Memo::new(move |_| hash.get().trim_start_matches('#').to_string());
    let shown = RwSignal::new(None::<Result<ConsultationView, ApiProblem>>);
    Effect::new(move |_| {
        let key = key.get();
        shown.set(None);
        leptos::task::spawn_local(async move {
            shown.set(Some(training::follow(key).await));
        });
    });
    view! {
        <div class="container page follow-page" data-testid="follow-page">
            <h1>{move || i18n.t(Msg::FollowTitle)}</h1>
            {move || match shown.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(consultation)) => view! { <Followed consultation key=key.get_untracked() shown /> }.into_any(),
                Some(Err(problem)) => view! { <ErrorBox problem not_found=Msg::FollowNoKey testid="page-error" /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Followed(
    consultation: ConsultationView,
    key: String,
    shown: RwSignal<Option<Result<ConsultationView, ApiProblem>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (category, status) = (consultation.category, consultation.status);
    let send = move |text: String| {
        let key = key.clone();
        async move {
            shown.set(Some(Ok(training::follow_up(key, text).await?)));
            Ok(())
        }
    };
    view! {
        <p>
            <span class="badge">{move || super::category_label(i18n.lang(), category)}</span> " "
            <span class="badge" data-testid="consultation-status">{move || super::status_label(i18n.lang(), status)}</span>
        </p>
        <super::Messages messages=consultation.messages />
        <h2>{move || i18n.t(Msg::FollowAdd)}</h2>
        <super::MessageForm button=Msg::FollowAdd testid="follow-up" send />
    }
}
