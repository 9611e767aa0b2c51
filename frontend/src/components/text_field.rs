//! A labelled text input (or text area) bound to one API field: `data-testid=field-<field>`,
//! its hint and error tied by `aria-describedby`, the form's parse re-run on input and blur.

use leptos::prelude::*;

use crate::components::field_error::{FieldError, described_by};
use crate::form::{FieldErrors, input_id};
use crate::i18n::{Msg, field_label, use_i18n};

#[component]
pub fn TextField(
    /// The API field name, e.g. `family_name_kana`.
    field: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    /// Re-runs the form's parse (after an edit or when the field is left).
    on_check: Callback<()>,
    /// The input's `type`; `text` by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<Msg>,
    /// A label other than the field's usual one.
    #[prop(optional)]
    label: Option<Msg>,
    /// Marked and announced as required; a signal where it depends on another field.
    #[prop(optional, into)]
    required: Signal<bool>,
    /// A text area instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// How the value is shown once the field is left, when it reads (the domain's parse and
    /// format: `19970601` becomes `1997-06-01`); left as typed while it does not.
    #[prop(optional)]
    tidy: Option<fn(&str) -> Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(field);
    let invalid = move || errors.with(|e| e.code(field).is_some()).to_string();
    let on_input = move |text: String| {
        value.set(text);
        errors.update(|e| e.edited(field));
        on_check.run(());
    };
    let on_leave = move || {
        if let Some(tidied) = tidy.and_then(|tidy| tidy(&value.get_untracked()))
            && tidied != value.get_untracked()
        {
            value.set(tidied);
        }
        errors.update(|e| e.touch(field));
        on_check.run(());
    };
    let label_text = move || label.map_or_else(|| field_label(i18n.lang(), field), |m| i18n.t(m));

    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=field
                rows="4"
                data-testid=id.clone()
                aria-invalid=invalid
                aria-describedby=described_by(field, hint.is_some(), errors)
                aria-required=move || required.get().then_some("true")
                prop:value=move || value.get()
                on:input:target=move |ev| on_input(ev.target().value())
                on:blur=move |_| on_leave()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=field
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=inputmode
                data-testid=id.clone()
                aria-invalid=invalid
                aria-describedby=described_by(field, hint.is_some(), errors)
                aria-required=move || required.get().then_some("true")
                prop:value=move || value.get()
                on:input:target=move |ev| on_input(ev.target().value())
                on:blur=move |_| on_leave()
            />
        }
        .into_any()
    };

    view! {
        <div class="field" class:field-invalid=move || errors.with(|e| e.code(field).is_some())>
            <label for=id>
                {label_text}
                {move || required.get().then(|| view! { <span class="required-mark">{move || i18n.t(Msg::RequiredMark)}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field-hint" id=format!("hint-{field}")>{move || i18n.t(hint)}</p> })}
            {control}
            <FieldError field errors />
        </div>
    }
}
