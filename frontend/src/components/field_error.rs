//! A field's error message, in the current language, tied to its input by id
//! (`error-<field>`, which the input names in `aria-describedby`).

use leptos::prelude::*;

use crate::form::{FieldErrors, error_id};
use crate::i18n::{field_error_text, use_i18n};

#[component]
pub fn FieldError(field: &'static str, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let code = Memo::new(move |_| errors.with(|e| e.code(field).map(str::to_string)));
    move || {
        code.get().map(|code| {
            view! {
                <p class="field-error" id=error_id(field) data-testid=error_id(field)>
                    <span class="field-error-mark" aria-hidden="true">"! "</span>
                    {move || field_error_text(i18n.lang(), field, &code)}
                </p>
            }
        })
    }
}

/// The ids an input names in `aria-describedby`: its hint, and its error while one shows.
pub fn described_by(
    field: &'static str,
    has_hint: bool,
    errors: RwSignal<FieldErrors>,
) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("hint-{field}"));
        }
        if errors.with(|e| e.code(field).is_some()) {
            ids.push(error_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}
