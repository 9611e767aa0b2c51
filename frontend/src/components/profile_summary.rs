//! The resident's values as a list of label and value (`data-testid=value-<field>`): the
//! registration's confirmation screen (確認画面) and the profile page both show it.

use leptos::prelude::*;
use senkoi_domain::resident::ResidentForm;
use senkoi_domain::{Prefecture, Specialty};

use crate::form::RESIDENT_FIELDS;
use crate::i18n::{Lang, Msg, curriculum_reason_label, field_label, gender_label, track_label, use_i18n};

fn prefecture_name(lang: Lang, code: &str) -> String {
    Prefecture::parse(code)
        .map_or_else(|_| code.to_string(), |p| lang.pick(p.name_ja(), p.name_en()).to_string())
}

fn yes_no(lang: Lang, yes: bool) -> String {
    (if yes { Msg::Yes } else { Msg::No }).text(lang).to_string()
}

/// The shown value of `field`, or `None` for a row that does not apply (a curriculum reason on
/// the program track, a quota prefecture without a quota).
pub fn shown_value(lang: Lang, field: &str, form: &ResidentForm) -> Option<String> {
    let curriculum = form.track == "curriculum";
    let code_or =
        |label: Option<&'static str>, code: &str| label.map_or_else(|| code.to_string(), str::to_string);
    Some(match field {
        "family_name" => form.family_name.clone(),
        "given_name" => form.given_name.clone(),
        "family_name_kana" => form.family_name_kana.clone(),
        "given_name_kana" => form.given_name_kana.clone(),
        "date_of_birth" => form.date_of_birth.clone(),
        "gender" => code_or(gender_label(lang, &form.gender), &form.gender),
        "medical_registration_number" => form.medical_registration_number.clone(),
        "license_year_month" => form.license_year_month.clone(),
        "postal_code" => form.postal_code.clone(),
        "prefecture" => prefecture_name(lang, &form.prefecture),
        "address" => form.address.clone(),
        "phone" => form.phone.clone(),
        "clinical_training_program" => form.clinical_training_program.clone(),
        "clinical_training_completed_on" => form
            .clinical_training_completed_on
            .clone()
            .unwrap_or_else(|| Msg::NoPeriod.text(lang).to_string()),
        "specialty" => Specialty::parse(&form.specialty)
            .map_or_else(|_| form.specialty.clone(), |s| lang.pick(s.name_ja(), s.name_en()).to_string()),
        "track" => code_or(track_label(lang, &form.track), &form.track),
        "curriculum_reason" if curriculum => {
            let code = form.curriculum_reason.clone().unwrap_or_default();
            code_or(curriculum_reason_label(lang, &code), &code)
        }
        "curriculum_reason_detail" if curriculum && form.curriculum_reason.as_deref() == Some("other") => {
            form.curriculum_reason_detail.clone().unwrap_or_default()
        }
        "regional_quota" => yes_no(lang, form.regional_quota),
        "regional_quota_prefecture" if form.regional_quota => {
            prefecture_name(lang, form.regional_quota_prefecture.as_deref().unwrap_or_default())
        }
        "regional_quota_consent" if form.regional_quota => yes_no(lang, form.regional_quota_consent),
        _ => return None,
    })
}

/// Every value of `form`, in the form's order, but the fields in `omit` (e.g. those a legacy
/// account lacks, asked for below it). `children` adds rows (e.g. the user ID) first.
#[component]
pub fn ProfileSummary(
    form: ResidentForm,
    #[prop(optional)] omit: Vec<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = StoredValue::new(form);
    let omit = StoredValue::new(omit);
    let rows = move || {
        let lang = i18n.lang();
        RESIDENT_FIELDS
            .iter()
            .filter(|field| omit.with_value(|omit| !omit.iter().any(|f| f == *field)))
            .filter_map(|field| form.with_value(|f| shown_value(lang, field, f)).map(|value| (*field, value)))
            .map(|(field, value)| {
                view! {
                    <dt>{field_label(lang, field)}</dt>
                    <dd class="pre-wrap" data-testid=format!("value-{field}")>{value}</dd>
                }
            })
            .collect_view()
    };
    view! {
        <dl class="detail-list profile-summary" data-testid="profile-summary">
            {children.map(|c| c())}
            {rows}
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ResidentForm {
        ResidentForm {
            gender: "female".into(),
            prefecture: "13".into(),
            specialty: "surgery".into(),
            track: "program".into(),
            curriculum_reason: Some("other".into()),
            ..ResidentForm::default()
        }
    }

    #[test]
    fn codes_are_shown_by_name_in_the_language() {
        let form = form();
        assert_eq!(shown_value(Lang::Ja, "prefecture", &form).as_deref(), Some("東京都"));
        assert_eq!(shown_value(Lang::En, "specialty", &form).as_deref(), Some("Surgery"));
        assert_eq!(shown_value(Lang::Ja, "gender", &form).as_deref(), Some("女性"));
    }

    #[test]
    fn rows_that_do_not_apply_are_left_out() {
        let mut form = form();
        assert_eq!(shown_value(Lang::Ja, "curriculum_reason", &form), None, "program track");
        assert_eq!(shown_value(Lang::Ja, "regional_quota_prefecture", &form), None, "no quota");
        assert_eq!(shown_value(Lang::Ja, "password", &form), None, "never shown");
        form.track = "curriculum".into();
        assert_eq!(
            shown_value(Lang::En, "curriculum_reason", &form).as_deref().map(|s| s.starts_with("Other")),
            Some(true)
        );
    }
}
