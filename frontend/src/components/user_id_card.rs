//! The new user ID (ユーザID) in large type (`data-testid=registered-user-id`), with the note that
//! it was mailed too: the last step of registration and of the legacy migration.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Msg, use_i18n};

#[component]
pub fn UserIdCard(user_id: String, note: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="user-id-card card">
            <p class="user-id-label">{move || i18n.t(Msg::YourUserId)}</p>
            <p class="user-id" data-testid="registered-user-id">{user_id}</p>
            <p class="user-id-note">{move || i18n.t(note)}</p>
            <p>
                <A href="/login" attr:class="button primary" attr:data-testid="go-login">
                    {move || i18n.t(Msg::GoToLogin)}
                </A>
            </p>
        </div>
    }
}
