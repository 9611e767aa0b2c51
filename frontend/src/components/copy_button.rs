//! A button that copies a text (a private link) to the clipboard, and says that it did; where the
//! browser refuses the clipboard, the text is selected for the person to copy.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Msg, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Done,
    Selected,
}

#[component]
pub fn CopyButton(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(Copied::Not);
    let field = NodeRef::<leptos::html::Input>::new();
    let copy = move |_| {
        let text = field.get_untracked().map(|input| input.value()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let outcome = if write_clipboard(&text).await || copy_selected(field) {
                Copied::Done
            } else {
                Copied::Selected
            };
            copied.set(outcome);
        });
    };
    view! {
        <div class="copy-field">
            <label class="visually-hidden" for="copy-text">{move || i18n.t(Msg::CopyTextLabel)}</label>
            <input id="copy-text" type="text" readonly node_ref=field value=text data-testid="copy-text"
                on:focus=move |ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            <button type="button" class="button" data-testid="copy-button" on:click=copy>
                {move || i18n.t(Msg::CopyLink)}
            </button>
            <span role="status" class="copy-status" data-testid="copy-status">
                {move || match copied.get() {
                    Copied::Not => String::new(),
                    Copied::Done => i18n.t(Msg::CopyDone).to_string(),
                    Copied::Selected => i18n.t(Msg::CopySelected).to_string(),
                }}
            </span>
        </div>
    }
}

/// The asynchronous clipboard (a secure context and a click): whether it took the text.
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The older way: select the field and ask the document to copy the selection.
fn copy_selected(field: NodeRef<leptos::html::Input>) -> bool {
    let Some(input) = field.get_untracked() else { return false };
    input.select();
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}
