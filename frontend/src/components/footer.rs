//! The site footer: what the system is and the time zone every date is shown in.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{move || i18n.t(Msg::FooterTimeZone)}</p>
                <p class="footer-about">{move || i18n.t(Msg::FooterAbout)}</p>
            </div>
        </footer>
    }
}
