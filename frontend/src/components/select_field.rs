//! A labelled drop-down bound to one API field (`data-testid=field-<field>`), with a
//! "please choose" first option and the form's parse re-run on change.

use leptos::prelude::*;

use crate::components::field_error::{FieldError, described_by};
use crate::form::{FieldErrors, input_id};
use crate::i18n::{Lang, Msg, field_label, use_i18n};

#[component]
pub fn SelectField(
    field: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    on_check: Callback<()>,
    /// The choices as (code, label) in the given language.
    options: fn(Lang) -> Vec<(String, String)>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(field);
    let choices = move || {
        options(i18n.lang())
            .into_iter()
            .map(|(code, label)| {
                let selected = {
                    let code = code.clone();
                    move || value.get() == code
                };
                view! { <option value=code prop:selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field" class:field-invalid=move || errors.with(|e| e.code(field).is_some())>
            <label for=id.clone()>
                {move || field_label(i18n.lang(), field)}
                {required.then(|| view! { <span class="required-mark">{move || i18n.t(Msg::RequiredMark)}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field-hint" id=format!("hint-{field}")>{move || i18n.t(hint)}</p> })}
            <select
                id=id.clone()
                name=field
                data-testid=id
                disabled=move || disabled.get()
                aria-invalid=move || errors.with(|e| e.code(field).is_some()).to_string()
                aria-describedby=described_by(field, hint.is_some(), errors)
                aria-required=required.then_some("true")
                on:change:target=move |ev| {
                    value.set(ev.target().value());
                    errors.update(|e| {
                        e.edited(field);
                        e.touch(field);
                    });
                    on_check.run(());
                }
                on:blur=move |_| {
                    errors.update(|e| e.touch(field));
                    on_check.run(());
                }
            >
                <option value="" prop:selected=move || value.get().is_empty()>
                    {move || i18n.t(Msg::SelectPlaceholder)}
                </option>
                {choices}
            </select>
            <FieldError field errors />
        </div>
    }
}
