//! The document around the app: `<html lang>`, the tab title, and the language kept in
//! localStorage (`senkoi.lang`).

use leptos::prelude::*;

use crate::i18n::{Lang, Msg, page_title, use_i18n};

const LANG_KEY: &str = "senkoi.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language chosen on an earlier visit, if any.
pub fn stored_lang() -> Option<Lang> {
    let tag = storage()?.get_item(LANG_KEY).ok()??;
    Lang::from_tag(&tag)
}

/// Keeps the language for the next visit and tells browsers and screen readers about it.
pub fn apply_lang(lang: Lang) {
    if let Some(storage) = storage() {
        // Private modes may refuse storage; the choice then lasts for this visit only.
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Sets the tab title to the page's name (or just the system's name) in the current language.
pub fn use_page_title(page: Option<Msg>) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let lang = i18n.lang();
        document().set_title(&page_title(lang, page.map(|m| m.text(lang))));
    });
}

/// Sets the tab title to a name from the data, e.g. a program's.
pub fn use_data_title(name: String) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        document().set_title(&page_title(i18n.lang(), Some(&name)));
    });
}
