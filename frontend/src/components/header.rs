//! The site header: the system's name, the main navigation, the account links (login, or my page,
//! the director's programs or the board's admin pages, and logout) and the language toggle.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use senkoi_domain::Role;
use wasm_bindgen::JsCast;

use crate::components::lang_toggle::LangToggle;
use crate::i18n::{Msg, use_i18n};
use crate::session::{SessionState, use_session};

/// Moves keyboard focus to the page's content, past the header.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) =
        document().get_element_by_id("main").and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main" on:click=skip_to_content>
                {move || i18n.t(Msg::SkipToContent)}
            </a>
            <div class="header-bar">
                <div class="container header-inner">
                    <A href="/" exact=true attr:class="brand">
                        <span class="brand-mark" aria-hidden="true">"専"</span>
                        <span class="brand-text">
                            <span class="brand-name">{move || i18n.t(Msg::SystemName)}</span>
                            <span class="brand-sub">{move || i18n.t(Msg::SystemSubtitle)}</span>
                        </span>
                    </A>
                    <LangToggle />
                </div>
            </div>
            <nav class="site-nav" aria-label=move || i18n.t(Msg::MainNavigation)>
                <ul class="container nav-list">
                    <li>
                        <A href="/" exact=true attr:data-testid="nav-home">
                            {move || i18n.t(Msg::NavHome)}
                        </A>
                    </li>
                    <li>
                        <A href="/schedule" attr:data-testid="nav-schedule">
                            {move || i18n.t(Msg::NavSchedule)}
                        </A>
                    </li>
                    <li>
                        <A href="/programs" attr:data-testid="nav-programs">
                            {move || i18n.t(Msg::NavPrograms)}
                        </A>
                    </li>
                    <li>
                        <A href="/statistics" attr:data-testid="nav-statistics">
                            {move || i18n.t(Msg::NavStatistics)}
                        </A>
                    </li>
                    <AccountLinks />
                </ul>
            </nav>
        </header>
    }
}

/// Login and registration for visitors; my page (residents), the programs (directors), the admin
/// pages (the board) and logout
/// when signed in.
#[component]
fn AccountLinks() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let logout = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            session.sign_out("signed-out").await;
            navigate("/login?notice=signed-out", NavigateOptions::default());
        });
    };
    let signed_in = Memo::new(move |_| match session.state() {
        SessionState::SignedIn { role, .. } => Some(role),
        _ => None,
    });
    move || {
        match signed_in.get() {
        Some(role) => view! {
            {(role == Role::Resident)
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href="/me" attr:data-testid="nav-mypage">
                                {move || i18n.t(Msg::NavMyPage)}
                            </A>
                        </li>
                    }
                })}
            {(role == Role::Resident)
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href="/me/training" attr:data-testid="nav-training">
                                {move || i18n.t(Msg::NavTraining)}
                            </A>
                        </li>
                        <li class="nav-account">
                            <A href="/consultation" attr:data-testid="nav-consultation">
                                {move || i18n.t(Msg::NavConsultation)}
                            </A>
                        </li>
                    }
                })}
            {(role == Role::Director)
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href="/director" attr:data-testid="nav-director">
                                {move || i18n.t(Msg::NavDirector)}
                            </A>
                        </li>
                        <li class="nav-account">
                            <A href="/director/training" attr:data-testid="nav-director-training">
                                {move || i18n.t(Msg::NavTraining)}
                            </A>
                        </li>
                    }
                })}
            {(role == Role::ConsultationOfficer)
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href="/consultations" attr:data-testid="nav-consultations">
                                {move || i18n.t(Msg::NavConsultations)}
                            </A>
                        </li>
                    }
                })}
            {(role == Role::Admin)
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href="/admin" attr:data-testid="nav-admin">
                                {move || i18n.t(Msg::NavAdmin)}
                            </A>
                        </li>
                    }
                })}
            {role.is_staff()
                .then(|| {
                    view! {
                        <li class="nav-account">
                            <A href=crate::session::SECOND_FACTOR_PAGE attr:data-testid="nav-second-factor">
                                {move || i18n.t(Msg::NavSecondFactor)}
                            </A>
                        </li>
                    }
                })}
            <li class:nav-account=!matches!(role, Role::Resident | Role::Director | Role::Admin | Role::ConsultationOfficer)>
                <button type="button" class="nav-button" data-testid="nav-logout" on:click=logout.clone()>
                    {move || i18n.t(Msg::NavLogout)}
                </button>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="nav-account">
                <A href="/login" attr:data-testid="nav-login">
                    {move || i18n.t(Msg::NavLogin)}
                </A>
            </li>
            <li>
                <A href="/register" attr:data-testid="nav-register">
                    {move || i18n.t(Msg::NavRegister)}
                </A>
            </li>
            <li>
                <A href="/consultation" attr:data-testid="nav-consultation">
                    {move || i18n.t(Msg::NavConsultation)}
                </A>
            </li>
        }
        .into_any(),
    }
    }
}
