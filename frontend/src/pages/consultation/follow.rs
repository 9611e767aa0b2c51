//! The reporter's page (`/consultation/follow#<key>`): their consultation and the answers, read
//! with the private key after `#` (which no server receives, so none logs it), and a follow-up.

use leptos::prelude::*;
use senkoi_domain::wire::ConsultationView;

use crate::api::{ApiProblem, training};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, use_i18n};

/// The key after `#` in the address bar.
fn key_in_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

#[component]
pub fn FollowPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::FollowTitle));
    let key = key_in_address();
    let shown = RwSignal::new(None::<Result<ConsultationView, ApiProblem>>);
    let first = key.clone();
    leptos::task::spawn_local(async move {
        shown.set(Some(training::follow(first).await));
    });
    view! {
        <div class="container page follow-page" data-testid="follow-page">
            <h1>{move || i18n.t(Msg::FollowTitle)}</h1>
            {move || match shown.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(consultation)) => view! { <Followed consultation key=key.clone() shown /> }.into_any(),
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
