//! A staff member's second factor (`/account/second-factor`): whether it is set up, and setting it
//! up: a QR code (and the key, to type in) for any authenticator app, the app's first code to
//! confirm it, then the recovery codes, shown this once. Board admins and consultation officers
//! land here after signing in until it is done.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::staff::SecondFactorCode;
use senkoi_domain::wire::{SecondFactorEnrolment, SecondFactorView};

use crate::api::{ApiProblem, board};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Msg, format_instant, use_i18n};
use crate::session::{home_of, use_session};

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::SecondFactorTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let state = LocalResource::new(move || {
        version.track();
        async move { session.authorized(board::my_second_factor).await }
    });
    view! {
        <div class="container page account-page second-factor-page" data-testid="second-factor">
            <h1>{move || i18n.t(Msg::SecondFactorTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::SecondFactorLead)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(now) => view! { <State now version /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn State(now: SecondFactorView, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let home = session.role().map(home_of).unwrap_or("/");
    if let Some(since) = now.enabled_at {
        let left = now.recovery_codes_left;
        return view! {
            <section class="card" data-testid="second-factor-on">
                <p class="status-line"><strong>{move || i18n.t(Msg::SecondFactorOn)}</strong></p>
                <dl class="facts">
                    <dt>{move || i18n.t(Msg::SecondFactorSince)}</dt>
                    <dd>{move || format_instant(i18n.lang(), since)}</dd>
                    <dt>{move || i18n.t(Msg::SecondFactorCodesLeft)}</dt>
                    <dd data-testid="recovery-codes-left">{left}</dd>
                </dl>
                <A href=home attr:class="button primary">{move || i18n.t(Msg::SecondFactorContinue)}</A>
            </section>
        }
        .into_any();
    }
    let enrolment = RwSignal::new(None::<SecondFactorEnrolment>);
    let codes = RwSignal::new(None::<Vec<String>>);
    let problem = RwSignal::new(None::<ApiProblem>);
    let start = move |_| {
        problem.set(None);
        leptos::task::spawn_local(async move {
            match session.authorized(board::begin_second_factor).await {
                Ok(shown) => enrolment.set(Some(shown)),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    view! {
        <section class="card" data-testid="second-factor-off">
            {now.required.then(|| view! {
                <p class="notice warning" role="status" data-testid="second-factor-required">{move || i18n.t(Msg::SecondFactorRequiredNow)}</p>
            })}
            <p class="status-line"><strong>{move || i18n.t(Msg::SecondFactorOff)}</strong></p>
            <PageError problem />
            {move || match (enrolment.get(), codes.get()) {
                (_, Some(shown)) => view! { <Codes shown home version /> }.into_any(),
                (Some(shown), None) => view! { <Enrol shown codes /> }.into_any(),
                (None, None) => view! {
                    <button type="button" class="button primary" data-testid="second-factor-start" on:click=start>
                        {move || i18n.t(Msg::SecondFactorStart)}
                    </button>
                }
                .into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The QR code and key, and the app's first code to confirm them.
#[component]
fn Enrol(shown: SecondFactorEnrolment, codes: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        errors.update(|e| e.check(refusal(SecondFactorCode::parse_app_code(&code.get_untracked()))));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &["code"]) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let typed = code.get_untracked();
        leptos::task::spawn_local(async move {
            match session.authorized(|token| board::confirm_second_factor(token, typed.clone())).await {
                Ok(shown) => codes.set(Some(shown.recovery_codes)),
                Err(refused) => {
                    land_field_errors(errors, &["code"], &refused);
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };
    let image = format!("data:image/svg+xml,{}", js_sys::encode_uri_component(&shown.qr_svg));
    view! {
        <p>{move || i18n.t(Msg::SecondFactorScan)}</p>
        <img class="qr-code" src=image width="220" height="220" alt=move || i18n.t(Msg::SecondFactorQrAlt) data-testid="second-factor-qr" />
        <p>
            {move || i18n.t(Msg::SecondFactorKey)} ": "
            <code class="secret-key" data-testid="second-factor-secret">{shown.secret}</code>
        </p>
        <form class="form-card narrow" novalidate on:submit=submit>
            <PageError problem />
            <TextField field="code" value=code errors on_check=check autocomplete="one-time-code" inputmode="numeric" required=true />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="second-factor-confirm" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SecondFactorConfirmButton })}
                </button>
            </div>
        </form>
    }
}

/// The recovery codes, shown this once.
#[component]
fn Codes(shown: Vec<String>, home: &'static str, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.t(Msg::SecondFactorCodesTitle)}</h2>
        <p>{move || i18n.t(Msg::SecondFactorCodesLead)}</p>
        <ul class="recovery-codes" data-testid="recovery-codes">
            {shown.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <A href=home attr:class="button primary" attr:data-testid="second-factor-continue" on:click=move |_| version.update(|v| *v += 1)>
            {move || i18n.t(Msg::SecondFactorContinue)}
        </A>
    }
}
