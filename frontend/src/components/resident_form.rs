//! The resident form (登録フォーム), used to register and to change one's details: every field of
//! `ResidentForm`, grouped as the manual groups them, checked by the domain's own parse.

use leptos::prelude::*;
use senkoi_domain::registration::ClinicalTrainingProgram;
use senkoi_domain::registration::Gender;
use senkoi_domain::resident::{ProfileChange, ResidentForm};
use senkoi_domain::{Prefecture, Specialty};

use crate::components::check_field::CheckField;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::form::{FieldErrors, optional, refusals, today_in_japan};
use crate::i18n::{Lang, Msg, curriculum_reason_label, gender_label, track_label, use_i18n};

/// The form's values as signals, one per field; `Copy`, so handlers capture it freely.
#[derive(Clone, Copy)]
pub struct ResidentFormState {
    pub family_name: RwSignal<String>,
    pub given_name: RwSignal<String>,
    pub family_name_kana: RwSignal<String>,
    pub given_name_kana: RwSignal<String>,
    pub date_of_birth: RwSignal<String>,
    pub gender: RwSignal<String>,
    pub medical_registration_number: RwSignal<String>,
    pub license_year_month: RwSignal<String>,
    pub postal_code: RwSignal<String>,
    pub prefecture: RwSignal<String>,
    pub address: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub clinical_training_program: RwSignal<String>,
    pub clinical_training_completed_on: RwSignal<String>,
    pub specialty: RwSignal<String>,
    pub track: RwSignal<String>,
    pub curriculum_reason: RwSignal<String>,
    pub curriculum_reason_detail: RwSignal<String>,
    pub regional_quota: RwSignal<bool>,
    pub regional_quota_prefecture: RwSignal<String>,
    pub regional_quota_consent: RwSignal<bool>,
}

impl ResidentFormState {
    /// A blank form; the program track (プログラム制) is the default.
    pub fn blank() -> Self {
        Self::from_form(&ResidentForm { track: "program".into(), ..ResidentForm::default() })
    }

    pub fn from_form(form: &ResidentForm) -> Self {
        let text = || RwSignal::new(String::new());
        let state = ResidentFormState {
            family_name: text(),
            given_name: text(),
            family_name_kana: text(),
            given_name_kana: text(),
            date_of_birth: text(),
            gender: text(),
            medical_registration_number: text(),
            license_year_month: text(),
            postal_code: text(),
            prefecture: text(),
            address: text(),
            phone: text(),
            clinical_training_program: text(),
            clinical_training_completed_on: text(),
            specialty: text(),
            track: text(),
            curriculum_reason: text(),
            curriculum_reason_detail: text(),
            regional_quota: RwSignal::new(false),
            regional_quota_prefecture: text(),
            regional_quota_consent: RwSignal::new(false),
        };
        state.set(form);
        state
    }

    /// Shows `form`'s values, e.g. the stored profile when an edit starts again.
    pub fn set(&self, form: &ResidentForm) {
        let text = |signal: RwSignal<String>, value: &str| signal.set(value.to_string());
        let opt =
            |signal: RwSignal<String>, value: &Option<String>| signal.set(value.clone().unwrap_or_default());
        text(self.family_name, &form.family_name);
        text(self.given_name, &form.given_name);
        text(self.family_name_kana, &form.family_name_kana);
        text(self.given_name_kana, &form.given_name_kana);
        text(self.date_of_birth, &form.date_of_birth);
        text(self.gender, &form.gender);
        text(self.medical_registration_number, &form.medical_registration_number);
        text(self.license_year_month, &form.license_year_month);
        text(self.postal_code, &form.postal_code);
        text(self.prefecture, &form.prefecture);
        text(self.address, &form.address);
        text(self.phone, &form.phone);
        text(self.clinical_training_program, &form.clinical_training_program);
        opt(self.clinical_training_completed_on, &form.clinical_training_completed_on);
        text(self.specialty, &form.specialty);
        text(self.track, &form.track);
        opt(self.curriculum_reason, &form.curriculum_reason);
        opt(self.curriculum_reason_detail, &form.curriculum_reason_detail);
        self.regional_quota.set(form.regional_quota);
        opt(self.regional_quota_prefecture, &form.regional_quota_prefecture);
        self.regional_quota_consent.set(form.regional_quota_consent);
    }

    /// The values as the API takes them; leftovers of a track or quota not chosen are dropped.
    /// The form as it will be saved: each value as the domain's parser normalises it (the
    /// registration number zero-padded, the postal code without its hyphen…), for the
    /// confirmation screen. A form that does not parse is shown as typed.
    pub fn normalized(&self) -> ResidentForm {
        let typed = self.form();
        typed.parse(crate::form::today_in_japan()).map(|profile| profile.to_form()).unwrap_or(typed)
    }

    pub fn form(&self) -> ResidentForm {
        let text = |s: RwSignal<String>| s.get_untracked();
        let curriculum = self.track.get_untracked() == "curriculum";
        let reason = optional(&text(self.curriculum_reason)).filter(|_| curriculum);
        let other = reason.as_deref() == Some("other");
        let quota = self.regional_quota.get_untracked();
        ResidentForm {
            family_name: text(self.family_name),
            given_name: text(self.given_name),
            family_name_kana: text(self.family_name_kana),
            given_name_kana: text(self.given_name_kana),
            date_of_birth: text(self.date_of_birth),
            gender: text(self.gender),
            medical_registration_number: text(self.medical_registration_number),
            license_year_month: text(self.license_year_month),
            postal_code: text(self.postal_code),
            prefecture: text(self.prefecture),
            address: text(self.address),
            phone: text(self.phone),
            clinical_training_program: text(self.clinical_training_program),
            clinical_training_completed_on: optional(&text(self.clinical_training_completed_on)),
            specialty: text(self.specialty),
            track: text(self.track),
            curriculum_reason: reason,
            curriculum_reason_detail: optional(&text(self.curriculum_reason_detail)).filter(|_| other),
            regional_quota: quota,
            regional_quota_prefecture: optional(&text(self.regional_quota_prefecture)).filter(|_| quota),
            regional_quota_consent: quota && self.regional_quota_consent.get_untracked(),
        }
    }

    /// The domain's refusals of the form as it stands.
    pub fn refusals(&self) -> Vec<(String, String)> {
        self.form().parse(today_in_japan()).err().map(|errors| refusals(&errors)).unwrap_or_default()
    }
}

/// Every field of `form` as a change (`PATCH /me` takes all but the specialty).
pub fn change_of(form: ResidentForm) -> ProfileChange {
    ProfileChange {
        family_name: Some(form.family_name),
        given_name: Some(form.given_name),
        family_name_kana: Some(form.family_name_kana),
        given_name_kana: Some(form.given_name_kana),
        date_of_birth: Some(form.date_of_birth),
        gender: Some(form.gender),
        medical_registration_number: Some(form.medical_registration_number),
        license_year_month: Some(form.license_year_month),
        postal_code: Some(form.postal_code),
        prefecture: Some(form.prefecture),
        address: Some(form.address),
        phone: Some(form.phone),
        clinical_training_program: Some(form.clinical_training_program),
        // An emptied optional field is sent empty: absent would keep the old value.
        clinical_training_completed_on: Some(form.clinical_training_completed_on.unwrap_or_default()),
        track: Some(form.track),
        curriculum_reason: Some(form.curriculum_reason.unwrap_or_default()),
        curriculum_reason_detail: Some(form.curriculum_reason_detail.unwrap_or_default()),
        regional_quota: Some(form.regional_quota),
        regional_quota_prefecture: Some(form.regional_quota_prefecture.unwrap_or_default()),
        regional_quota_consent: Some(form.regional_quota_consent),
    }
}

/// Only `fields` of `form` as a change: what a legacy account lacks, the rest left as it is.
pub fn change_of_fields(form: ResidentForm, fields: &[String]) -> ProfileChange {
    let all = change_of(form);
    let keep = |field: &str| fields.iter().any(|f| f == field);
    fn only<T>(keep: bool, value: Option<T>) -> Option<T> {
        value.filter(|_| keep)
    }
    ProfileChange {
        family_name: only(keep("family_name"), all.family_name),
        given_name: only(keep("given_name"), all.given_name),
        family_name_kana: only(keep("family_name_kana"), all.family_name_kana),
        given_name_kana: only(keep("given_name_kana"), all.given_name_kana),
        date_of_birth: only(keep("date_of_birth"), all.date_of_birth),
        gender: only(keep("gender"), all.gender),
        medical_registration_number: only(
            keep("medical_registration_number"),
            all.medical_registration_number,
        ),
        license_year_month: only(keep("license_year_month"), all.license_year_month),
        postal_code: only(keep("postal_code"), all.postal_code),
        prefecture: only(keep("prefecture"), all.prefecture),
        address: only(keep("address"), all.address),
        phone: only(keep("phone"), all.phone),
        clinical_training_program: only(keep("clinical_training_program"), all.clinical_training_program),
        clinical_training_completed_on: only(
            keep("clinical_training_completed_on"),
            all.clinical_training_completed_on,
        ),
        track: only(keep("track"), all.track),
        curriculum_reason: only(keep("curriculum_reason"), all.curriculum_reason),
        curriculum_reason_detail: only(keep("curriculum_reason_detail"), all.curriculum_reason_detail),
        regional_quota: only(keep("regional_quota"), all.regional_quota),
        regional_quota_prefecture: only(keep("regional_quota_prefecture"), all.regional_quota_prefecture),
        regional_quota_consent: only(keep("regional_quota_consent"), all.regional_quota_consent),
    }
}

fn gender_options(lang: Lang) -> Vec<(String, String)> {
    Gender::ALL
        .into_iter()
        .map(|g| (g.code().to_string(), gender_label(lang, g.code()).unwrap_or_default().to_string()))
        .collect()
}

fn prefecture_options(lang: Lang) -> Vec<(String, String)> {
    Prefecture::all().map(|p| (p.code(), lang.pick(p.name_ja(), p.name_en()).to_string())).collect()
}

fn specialty_options(lang: Lang) -> Vec<(String, String)> {
    Specialty::ALL
        .into_iter()
        .map(|s| (s.code().to_string(), lang.pick(s.name_ja(), s.name_en()).to_string()))
        .collect()
}

fn track_options(lang: Lang) -> Vec<(String, String)> {
    ["program", "curriculum"]
        .into_iter()
        .map(|code| (code.to_string(), track_label(lang, code).unwrap_or_default().to_string()))
        .collect()
}

fn reason_options(lang: Lang) -> Vec<(String, String)> {
    ["obligatory-service", "regional-medicine", "other"]
        .into_iter()
        .map(|code| (code.to_string(), curriculum_reason_label(lang, code).unwrap_or_default().to_string()))
        .collect()
}

/// The form's sections (as the manual groups the fields), each with its fields in order.
const PERSONAL: [&str; 8] = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "date_of_birth",
    "gender",
    "medical_registration_number",
    "license_year_month",
];
const CONTACT: [&str; 4] = ["postal_code", "prefecture", "address", "phone"];
const TRAINING: [&str; 6] = [
    "clinical_training_program",
    "clinical_training_completed_on",
    "specialty",
    "track",
    "curriculum_reason",
    "curriculum_reason_detail",
];
const REGIONAL_QUOTA: [&str; 3] = ["regional_quota", "regional_quota_prefecture", "regional_quota_consent"];

/// Whether `field` is one of `only` (every field when there is no `only`).
fn is_shown(only: Option<&[String]>, field: &str) -> bool {
    only.is_none_or(|only| only.iter().any(|f| f == field))
}

/// The fields, in sections. `specialty_fixed`: the specialty is shown but cannot change (editing
/// an account: a new specialty takes a new account). `only`: just these fields (and the sections
/// holding them), e.g. what a legacy account still lacks; every field without it.
#[component]
pub fn ResidentFormFields(
    state: ResidentFormState,
    errors: RwSignal<FieldErrors>,
    on_check: Callback<()>,
    #[prop(optional)] specialty_fixed: bool,
    #[prop(optional, into)] only: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = state;
    let shown = move |field: &'static str| match only {
        Some(only) => only.with(|o| is_shown(Some(o), field)),
        None => true,
    };
    let field = move |name: &'static str| move || shown(name);
    let section = move |fields: &'static [&'static str]| move || fields.iter().any(|f| shown(f));
    let curriculum = move || s.track.get() == "curriculum";
    let other_reason = move || curriculum() && s.curriculum_reason.get() == "other";
    let quota = move || s.regional_quota.get();
    let completion_required = Signal::derive(move || {
        s.clinical_training_program.with(|typed| ClinicalTrainingProgram::completion_date_required(typed))
    });
    let legend = move |msg: Msg| move || i18n.t(msg);

    view! {
        <Show when=section(&PERSONAL)>
            <fieldset class="form-section">
                <legend>{legend(Msg::SectionPersonal)}</legend>
                <div class="form-grid">
                    <Show when=field("family_name")>
                        <TextField field="family_name" value=s.family_name errors on_check required=true autocomplete="family-name" />
                    </Show>
                    <Show when=field("given_name")>
                        <TextField field="given_name" value=s.given_name errors on_check required=true autocomplete="given-name" />
                    </Show>
                    <Show when=field("family_name_kana")>
                        <TextField field="family_name_kana" value=s.family_name_kana errors on_check required=true hint=Msg::HintKana />
                    </Show>
                    <Show when=field("given_name_kana")>
                        <TextField field="given_name_kana" value=s.given_name_kana errors on_check required=true hint=Msg::HintKana />
                    </Show>
                    <Show when=field("date_of_birth")>
                        <TextField field="date_of_birth" value=s.date_of_birth errors on_check required=true hint=Msg::HintDate inputmode="numeric" autocomplete="bday" tidy=senkoi_domain::resident::tidy_date />
                    </Show>
                    <Show when=field("gender")>
                        <SelectField field="gender" value=s.gender errors on_check required=true options=gender_options />
                    </Show>
                    <Show when=field("medical_registration_number")>
                        <TextField field="medical_registration_number" value=s.medical_registration_number errors on_check required=true hint=Msg::HintMedicalRegistrationNumber inputmode="numeric" />
                    </Show>
                    <Show when=field("license_year_month")>
                        <TextField field="license_year_month" value=s.license_year_month errors on_check required=true hint=Msg::HintYearMonth inputmode="numeric" tidy=crate::form::tidy_year_month />
                    </Show>
                </div>
            </fieldset>
        </Show>
        <Show when=section(&CONTACT)>
            <fieldset class="form-section">
                <legend>{legend(Msg::SectionContact)}</legend>
                <div class="form-grid">
                    <Show when=field("postal_code")>
                        <TextField field="postal_code" value=s.postal_code errors on_check required=true hint=Msg::HintPostalCode inputmode="numeric" autocomplete="postal-code" tidy=crate::form::tidy_postal_code />
                    </Show>
                    <Show when=field("prefecture")>
                        <SelectField field="prefecture" value=s.prefecture errors on_check required=true options=prefecture_options />
                    </Show>
                    <Show when=field("address")>
                        <TextField field="address" value=s.address errors on_check required=true autocomplete="address-line1" />
                    </Show>
                    <Show when=field("phone")>
                        <TextField field="phone" value=s.phone errors on_check required=true hint=Msg::HintPhone kind="tel" autocomplete="tel" />
                    </Show>
                </div>
            </fieldset>
        </Show>
        <Show when=section(&TRAINING)>
            <fieldset class="form-section">
                <legend>{legend(Msg::SectionTraining)}</legend>
                <div class="form-grid">
                    <Show when=field("clinical_training_program")>
                        <TextField field="clinical_training_program" value=s.clinical_training_program errors on_check required=true hint=Msg::HintClinicalTrainingProgram />
                    </Show>
                    <Show when=field("clinical_training_completed_on")>
                        <TextField field="clinical_training_completed_on" value=s.clinical_training_completed_on errors on_check hint=Msg::HintDate inputmode="numeric" tidy=senkoi_domain::resident::tidy_date required=completion_required />
                    </Show>
                    <Show when=field("specialty")>
                        <SelectField
                            field="specialty"
                            value=s.specialty
                            errors
                            on_check
                            required=true
                            options=specialty_options
                            disabled=specialty_fixed
                            hint=Msg::HintSpecialtyFixed
                        />
                    </Show>
                    <Show when=field("track")>
                        <SelectField field="track" value=s.track errors on_check required=true options=track_options />
                    </Show>
                </div>
                <Show when=move || curriculum() && shown("curriculum_reason")>
                    <div class="form-grid">
                        <SelectField field="curriculum_reason" value=s.curriculum_reason errors on_check required=true options=reason_options />
                    </div>
                </Show>
                <Show when=move || other_reason() && shown("curriculum_reason_detail")>
                    <TextField field="curriculum_reason_detail" value=s.curriculum_reason_detail errors on_check required=true multiline=true />
                </Show>
            </fieldset>
        </Show>
        <Show when=section(&REGIONAL_QUOTA)>
            <fieldset class="form-section">
                <legend>{legend(Msg::SectionRegionalQuota)}</legend>
                <Show when=field("regional_quota")>
                    <CheckField field="regional_quota" label=Msg::LabelRegionalQuota checked=s.regional_quota errors on_check />
                </Show>
                <Show when=quota>
                    <Show when=field("regional_quota_prefecture")>
                        <div class="form-grid">
                            <SelectField field="regional_quota_prefecture" value=s.regional_quota_prefecture errors on_check required=true options=prefecture_options />
                        </div>
                    </Show>
                    <Show when=field("regional_quota_consent")>
                        <CheckField field="regional_quota_consent" label=Msg::LabelRegionalQuotaConsent checked=s.regional_quota_consent errors on_check />
                    </Show>
                </Show>
            </fieldset>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_sends_every_field_but_the_specialty_and_empties_cleared_options() {
        let form = ResidentForm {
            family_name: "山田".into(),
            specialty: "surgery".into(),
            clinical_training_completed_on: None,
            ..ResidentForm::default()
        };
        let change = change_of(form.clone());
        assert_eq!(change.family_name.as_deref(), Some("山田"));
        assert_eq!(change.clinical_training_completed_on.as_deref(), Some(""));
        let json = serde_json::to_value(&change).expect("json");
        assert!(json.get("specialty").is_none());
        assert_eq!(change.apply_to(&form).specialty, "surgery");
    }

    #[test]
    fn a_partial_change_sends_only_the_fields_asked_for() {
        let form = ResidentForm {
            family_name: "山田".into(),
            postal_code: "1000005".into(),
            track: "curriculum".into(),
            curriculum_reason: Some("other".into()),
            curriculum_reason_detail: Some("留学".into()),
            ..ResidentForm::default()
        };
        let fields = ["postal_code".to_string(), "curriculum_reason_detail".to_string()];
        let change = change_of_fields(form.clone(), &fields);
        let expected = ProfileChange {
            postal_code: Some("1000005".into()),
            curriculum_reason_detail: Some("留学".into()),
            ..ProfileChange::default()
        };
        assert_eq!(change, expected);
        assert_eq!(change_of_fields(form, &[]), ProfileChange::default());
    }

    #[test]
    fn the_sections_hold_every_field_of_the_form_once() {
        let sections: Vec<&str> =
            PERSONAL.iter().chain(&CONTACT).chain(&TRAINING).chain(&REGIONAL_QUOTA).copied().collect();
        let form_fields: Vec<&str> =
            crate::form::RESIDENT_FIELDS.iter().copied().filter(|f| !f.starts_with("password")).collect();
        assert_eq!(sections, form_fields);
        assert!(is_shown(None, "phone"));
        assert!(is_shown(Some(&["phone".to_string()]), "phone"));
        assert!(!is_shown(Some(&["phone".to_string()]), "address"));
    }

    #[test]
    fn every_choice_has_a_label_in_both_languages() {
        for options in [gender_options, prefecture_options, specialty_options, track_options, reason_options]
        {
            for lang in [Lang::Ja, Lang::En] {
                let list = options(lang);
                assert!(!list.is_empty());
                assert!(list.iter().all(|(code, label)| !code.is_empty() && !label.is_empty()));
            }
        }
        assert_eq!(prefecture_options(Lang::Ja).len(), 47);
        assert_eq!(specialty_options(Lang::En).len(), 19);
    }
}
