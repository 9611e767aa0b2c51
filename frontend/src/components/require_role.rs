//! The route guard: shows its page only to a signed-in user of one role, sends a signed-out
//! visitor to /login (and back here after logging in), and waits while a session is restored.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use senkoi_domain::Role;

use crate::components::loading::Loading;
use crate::i18n::{Msg, use_i18n};
use crate::session::{SessionState, use_session};

/// What the guard shows; a memo of it keeps the page mounted while tokens rotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Wait,
    Open,
    Closed,
    Out,
}

/// `role`, or one of `others` (a page every staff role reaches).
#[component]
pub fn RequireRole(
    role: Role,
    #[prop(optional)] others: &'static [Role],
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let gate = Memo::new(move |_| match session.state() {
        SessionState::Restoring => Gate::Wait,
        SessionState::SignedOut => Gate::Out,
        SessionState::SignedIn { role: r, .. } if r == role || others.contains(&r) => Gate::Open,
        SessionState::SignedIn { .. } => Gate::Closed,
    });
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if gate.get() == Gate::Out {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let next = js_sys::encode_uri_component(&here);
            let to = match session.take_farewell() {
                // Come back here after logging in again.
                None => format!("/login?notice=login-required&next={next}"),
                Some("session-expired") => format!("/login?notice=session-expired&next={next}"),
                Some(notice) => format!("/login?notice={notice}"),
            };
            navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    });
    move || match gate.get() {
        Gate::Open => children().into_any(),
        Gate::Closed => view! {
            <div class="container page">
                <p class="notice warning" data-testid="not-permitted">{move || i18n.t(Msg::NotPermitted)}</p>
            </div>
        }
        .into_any(),
        Gate::Wait | Gate::Out => view! {
            <div class="container page">
                <Loading />
            </div>
        }
        .into_any(),
    }
}
