//! A modal question with a weighty answer (`data-testid=confirm-dialog`): the focus starts on
//! "cancel", Escape cancels. Children, when given, show what the answer is about (e.g. the
//! program and round of an application) between the question and the buttons.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Msg, use_i18n};

#[component]
pub fn ConfirmDialog(
    title: Msg,
    text: Msg,
    confirm: Msg,
    /// `data-testid` of the confirming button.
    confirm_testid: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    /// The confirming button's look: `danger` unless given (e.g. `primary` for applying).
    #[prop(optional)]
    confirm_class: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let confirm_class = format!("button {}", confirm_class.unwrap_or("danger"));
    let i18n = use_i18n();
    request_animation_frame(|| {
        if let Some(cancel) = document()
            .get_element_by_id("dialog-cancel")
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = cancel.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog card"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="dialog-title"
                aria-describedby="dialog-text"
                data-testid="confirm-dialog"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2 id="dialog-title">{move || i18n.t(title)}</h2>
                {children.map(|children| view! { <div class="dialog-details">{children()}</div> })}
                <p id="dialog-text">{move || i18n.t(text)}</p>
                <div class="form-actions">
                    <button
                        type="button"
                        id="dialog-cancel"
                        class="button secondary"
                        data-testid="cancel-dialog"
                        on:click=move |_| on_cancel.run(())
                    >
                        {move || i18n.t(Msg::CancelButton)}
                    </button>
                    <button
                        type="button"
                        class=confirm_class
                        data-testid=confirm_testid
                        disabled=move || pending.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {move || i18n.t(confirm)}
                    </button>
                </div>
            </div>
        </div>
    }
}
