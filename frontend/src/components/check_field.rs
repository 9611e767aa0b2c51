//! A labelled checkbox bound to one API field (`data-testid=field-<field>`), with its error.

use leptos::prelude::*;

use crate::components::field_error::{FieldError, described_by};
use crate::form::{FieldErrors, input_id};
use crate::i18n::{Msg, use_i18n};

#[component]
pub fn CheckField(
    field: &'static str,
    /// The sentence the box agrees to.
    label: Msg,
    checked: RwSignal<bool>,
    errors: RwSignal<FieldErrors>,
    on_check: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(field);
    view! {
        <div class="field check-field" class:field-invalid=move || errors.with(|e| e.code(field).is_some())>
            <input
                id=id.clone()
                name=field
                type="checkbox"
                data-testid=id.clone()
                aria-invalid=move || errors.with(|e| e.code(field).is_some()).to_string()
                aria-describedby=described_by(field, false, errors)
                prop:checked=move || checked.get()
                on:change:target=move |ev| {
                    checked.set(ev.target().checked());
                    errors.update(|e| {
                        e.edited(field);
                        e.touch(field);
                    });
                    on_check.run(());
                }
            />
            <label for=id>{move || i18n.t(label)}</label>
            <FieldError field errors />
        </div>
    }
}
