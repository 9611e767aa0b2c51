//! What every form of the SPA shares: the errors shown on each field (the domain's parse as the
//! resident types, the server's `errors[]` after a submit), today's date in Japan for the parsers,
//! and moving focus to the first refused field.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use leptos::prelude::{RwSignal, Update, WithUntracked};
use senkoi_domain::DomainError;
use senkoi_domain::time::to_jst;
use senkoi_domain::wire::FieldError;
use wasm_bindgen::JsCast;

use crate::api::ApiProblem;

/// The fields of the resident form in the order they are shown (and errors are reported), with
/// the password fields of registration after them.
pub const RESIDENT_FIELDS: [&str; 23] = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "date_of_birth",
    "gender",
    "medical_registration_number",
    "license_year_month",
    "postal_code",
    "prefecture",
    "address",
    "phone",
    "clinical_training_program",
    "clinical_training_completed_on",
    "specialty",
    "track",
    "curriculum_reason",
    "curriculum_reason_detail",
    "regional_quota",
    "regional_quota_prefecture",
    "regional_quota_consent",
    "password",
    "password_confirm",
];

/// The code of a refusal that only the SPA makes: the two password fields differ.
pub const PASSWORD_MISMATCH: &str = "password-mismatch";

/// The errors of one form, by API field name. A parse error shows once the field was left (blur)
/// or the form submitted; a server error shows until the field is edited.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    touched: BTreeSet<String>,
    client: BTreeMap<String, String>,
    server: BTreeMap<String, String>,
}

impl FieldErrors {
    /// Replaces the parse errors with `refusals` (field, code); shown only on touched fields.
    pub fn check(&mut self, refusals: impl IntoIterator<Item = (String, String)>) {
        self.client.clear();
        for (field, code) in refusals {
            // The first refusal of a field is the one to fix first.
            self.client.entry(field).or_insert(code);
        }
    }

    /// The resident left `field`: its parse error may show from now on.
    pub fn touch(&mut self, field: &str) {
        self.touched.insert(field.to_string());
    }

    /// The resident typed in `field`: the server's word on it no longer holds.
    pub fn edited(&mut self, field: &str) {
        self.server.remove(field);
    }

    /// A submit: every field's parse error shows.
    pub fn touch_all(&mut self, fields: &[&str]) {
        self.touched.extend(fields.iter().map(|f| f.to_string()));
    }

    /// The server's `errors[]` of a 422 (or a refusal put on a field, e.g. a taken number).
    pub fn server(&mut self, problems: &[FieldError]) {
        self.server.clear();
        for problem in problems {
            self.server.entry(problem.field.clone()).or_insert_with(|| problem.code.clone());
            self.touched.insert(problem.field.clone());
        }
    }

    /// The code to show on `field`, if any.
    pub fn code(&self, field: &str) -> Option<&str> {
        self.server
            .get(field)
            .or_else(|| self.client.get(field).filter(|_| self.touched.contains(field)))
            .map(String::as_str)
    }

    /// The first field of `order` showing an error.
    pub fn first<'a>(&self, order: &[&'a str]) -> Option<&'a str> {
        order.iter().copied().find(|field| self.code(field).is_some())
    }

    /// Server errors on fields the form does not show, which would otherwise go unseen.
    pub fn unplaced<'a>(&'a self, shown: &[&str]) -> impl Iterator<Item = (&'a str, &'a str)> {
        let shown: Vec<String> = shown.iter().map(|f| f.to_string()).collect();
        self.server.iter().filter(move |(f, _)| !shown.contains(f)).map(|(f, c)| (f.as_str(), c.as_str()))
    }
}

/// The (field, code) pairs of the domain's refusals.
pub fn refusals(errors: &[DomainError]) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.field().unwrap_or_default().to_string(), e.code().to_string())).collect()
}

/// The refusal of a single parse, if it refused.
pub fn refusal<T>(parsed: Result<T, DomainError>) -> Option<(String, String)> {
    parsed.err().map(|e| (e.field().unwrap_or_default().to_string(), e.code().to_string()))
}

/// The password fields: the domain's rule on the first, and the second the same as the first.
pub fn password_refusals(password: &str, again: &str) -> Vec<(String, String)> {
    confirmed(refusal(senkoi_domain::registration::Password::parse(password)), password, again)
}

/// [`password_refusals`] by the staff rule (12 characters or more; the server also refuses the
/// common passwords of its list).
pub fn staff_password_refusals(password: &str, again: &str) -> Vec<(String, String)> {
    let parsed = senkoi_domain::staff::StaffPassword::parse(password, &|_| false);
    confirmed(refusal(parsed), password, again)
}

/// The password's own refusal, and the confirmation's.
fn confirmed(own: Option<(String, String)>, password: &str, again: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = own.into_iter().collect();
    if again.is_empty() {
        found.push(("password_confirm".into(), "required".into()));
    } else if again != password {
        found.push(("password_confirm".into(), PASSWORD_MISMATCH.into()));
    }
    found
}

/// Empty text as `None`, for the form's optional fields.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Today in Japan, the date the domain's parsers judge a date of birth by.
pub fn today_in_japan() -> NaiveDate {
    to_jst(crate::clock::device_now()).date_naive()
}

/// The element id of a field's input (also its `data-testid`).
pub fn input_id(field: &str) -> String {
    format!("field-{field}")
}

/// The element id of a field's error message (also its `data-testid`).
pub fn error_id(field: &str) -> String {
    format!("error-{field}")
}

/// Moves focus to the top of the page's content when a step of a form changes, so screen
/// readers start reading the new step and the page shows from its top.
pub fn focus_main() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    focus_element("main".to_string());
}

/// Moves keyboard focus to `field`'s input, after the view has shown its error.
pub fn focus_field(field: &str) {
    focus_element(input_id(field));
}

fn focus_element(id: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = leptos::prelude::document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Before sending: shows every field's error; when there is one, focuses the first and answers
/// false.
pub fn ready_to_send(errors: RwSignal<FieldErrors>, fields: &[&'static str]) -> bool {
    errors.update(|e| e.touch_all(fields));
    match errors.with_untracked(|e| e.first(fields)) {
        Some(first) => {
            focus_field(first);
            false
        }
        None => true,
    }
}

/// Problem codes (409) that are about one field of the form, and that field.
pub const FIELD_CONFLICTS: [(&str, &str); 2] =
    [("registration-number-taken", "medical_registration_number"), ("email-taken", "email")];

/// `problem` with a field conflict (e.g. `registration-number-taken`) also put on its field.
pub fn with_conflict_on_field(problem: &ApiProblem) -> ApiProblem {
    let mut problem = problem.clone();
    if let Some((code, field)) = FIELD_CONFLICTS.iter().find(|(code, _)| *code == problem.code) {
        problem.errors.push(FieldError {
            field: field.to_string(),
            code: code.to_string(),
            message: String::new(),
            line: None,
        });
    }
    problem
}

/// After a refusal: the server's `errors[]` on their fields, focus on the first of them.
pub fn land_field_errors(errors: RwSignal<FieldErrors>, fields: &[&'static str], problem: &ApiProblem) {
    errors.update(|e| e.server(&problem.errors));
    if let Some(first) = errors.with_untracked(|e| e.first(fields)) {
        focus_field(first);
    }
}

/// A year-and-month field's value once left: `2021-04` for `202104` or `2021/4`.
pub fn tidy_year_month(typed: &str) -> Option<String> {
    senkoi_domain::registration::LicenseYearMonth::parse(typed).ok().map(|month| month.to_string())
}

/// A postal code once left: `100-0005` for `〒1000005`.
pub fn tidy_postal_code(typed: &str) -> Option<String> {
    senkoi_domain::registration::PostalCode::parse(typed).ok().map(|code| code.formatted())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
    }

    #[test]
    fn a_parse_error_shows_only_once_the_field_was_left() {
        let mut errors = FieldErrors::default();
        errors.check(pairs(&[("email", "invalid-email")]));
        assert_eq!(errors.code("email"), None, "still typing");
        errors.touch("email");
        assert_eq!(errors.code("email"), Some("invalid-email"));
        errors.check(vec![]);
        assert_eq!(errors.code("email"), None, "fixed");
    }

    #[test]
    fn a_submit_shows_every_error_and_finds_the_first_in_form_order() {
        let mut errors = FieldErrors::default();
        errors.check(pairs(&[("phone", "invalid-phone"), ("family_name", "required")]));
        assert_eq!(errors.first(&RESIDENT_FIELDS), None);
        errors.touch_all(&RESIDENT_FIELDS);
        assert_eq!(errors.first(&RESIDENT_FIELDS), Some("family_name"));
    }

    #[test]
    fn a_server_error_lands_on_its_field_until_the_field_is_edited() {
        let mut errors = FieldErrors::default();
        let problem = FieldError {
            field: "medical_registration_number".into(),
            code: "registration-number-taken".into(),
            message: String::new(),
            line: None,
        };
        errors.server(&[problem]);
        assert_eq!(errors.code("medical_registration_number"), Some("registration-number-taken"));
        errors.edited("medical_registration_number");
        assert_eq!(errors.code("medical_registration_number"), None);
    }

    #[test]
    fn server_errors_on_fields_not_shown_are_reported_apart() {
        let mut errors = FieldErrors::default();
        let on = |field: &str| FieldError {
            field: field.into(),
            code: "required".into(),
            message: String::new(),
            line: None,
        };
        errors.server(&[on("email"), on("token")]);
        assert_eq!(errors.unplaced(&["email"]).collect::<Vec<_>>(), vec![("token", "required")]);
    }

    #[test]
    fn the_password_is_checked_by_the_domain_and_repeated() {
        assert_eq!(password_refusals("Yamada2024", "Yamada2024"), vec![]);
        assert_eq!(
            password_refusals("Yamada2024", "Yamada2025"),
            pairs(&[("password_confirm", PASSWORD_MISMATCH)])
        );
        assert_eq!(
            password_refusals("abc", ""),
            pairs(&[("password", "password-length"), ("password_confirm", "required")])
        );
    }

    #[test]
    fn a_taken_registration_number_lands_on_its_field() {
        let taken = ApiProblem::with_code(409, "registration-number-taken");
        let mut errors = FieldErrors::default();
        errors.server(&with_conflict_on_field(&taken).errors);
        assert_eq!(errors.code("medical_registration_number"), Some("registration-number-taken"));
        let locked = ApiProblem::with_code(409, "profile-locked");
        assert!(with_conflict_on_field(&locked).errors.is_empty());
    }

    #[test]
    fn every_field_of_the_form_is_one_the_domain_names_but_the_repeated_password() {
        for field in RESIDENT_FIELDS.iter().filter(|f| **f != "password_confirm") {
            assert!(senkoi_domain::error::FIELDS.contains(field), "{field}");
        }
    }

    #[test]
    fn optional_text_is_none_when_blank() {
        assert_eq!(optional("  "), None);
        assert_eq!(optional(" 2026-03-31 "), Some("2026-03-31".into()));
    }
}
