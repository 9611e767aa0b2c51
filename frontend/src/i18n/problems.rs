//! What refusals and problems say: a form field's label, a refused field's message (the domain's
//! own where it has one), a problem's text by its code, and what to do next.

use senkoi_domain::DomainError;
use senkoi_domain::error;

use super::{Lang, Msg};

/// The label of a form field, by its API name (`family_name_kana`): the catalogue's, which may
/// say more than the domain's (住所（市区町村以降）), else the domain's own label.
pub fn field_label(lang: Lang, field: &str) -> &'static str {
    field_label_msg(field).map_or_else(
        || lang.pick(error::field_label_ja(field), error::field_label_en(field)),
        |msg| msg.text(lang),
    )
}

fn field_label_msg(field: &str) -> Option<Msg> {
    use Msg::*;
    Some(match field {
        "family_name" => LabelFamilyName,
        "given_name" => LabelGivenName,
        "family_name_kana" => LabelFamilyNameKana,
        "given_name_kana" => LabelGivenNameKana,
        "date_of_birth" => LabelDateOfBirth,
        "gender" => LabelGender,
        "medical_registration_number" => LabelMedicalRegistrationNumber,
        "license_year_month" => LabelLicenseYearMonth,
        "postal_code" => LabelPostalCode,
        "prefecture" => LabelPrefecture,
        "address" => LabelAddress,
        "phone" => LabelPhone,
        "clinical_training_program" => LabelClinicalTrainingProgram,
        "clinical_training_completed_on" => LabelClinicalTrainingCompletedOn,
        "specialty" => LabelSpecialty,
        "track" => LabelTrack,
        "curriculum_reason" => LabelCurriculumReason,
        "curriculum_reason_detail" => LabelCurriculumReasonDetail,
        "regional_quota" => LabelRegionalQuotaShort,
        "regional_quota_prefecture" => LabelRegionalQuotaPrefecture,
        "regional_quota_consent" => LabelRegionalQuotaConsentShort,
        "email" => LabelEmail,
        "password" => LabelPassword,
        "password_confirm" => LabelPasswordConfirm,
        "login" => LabelLogin,
        "legacy_user_id" => LabelLegacyUserId,
        "user_id" => LabelUserId,
        "application_starts_at" => LabelApplicationStartsAt,
        "adjustment_ends_at" => LabelAdjustmentEndsAt,
        "confirmation_ends_at" => LabelConfirmationEndsAt,
        "base_facility_id" => ColBaseFacility,
        "facility_id" => FieldTrainingFacility,
        "program_ids" => AdminDirectorPrograms,
        _ => return None,
    })
}

/// The message for a refused field, from its API field name and the code of the refusal: the
/// domain's own message (rebuilt by [`DomainError::from_field_code`]), so a server `errors[]`
/// entry and the SPA's own parse read the same, in the reader's language.
pub fn field_error_text(lang: Lang, field: &str, code: &str) -> String {
    let own = match code {
        crate::form::PASSWORD_MISMATCH => Some(Msg::ProblemPasswordMismatch),
        "registration-number-taken" => Some(Msg::ProblemRegistrationNumberTaken),
        "email-taken" => Some(Msg::ProblemEmailTaken),
        "incomplete-period" => Some(Msg::ProblemIncompletePeriod),
        _ => None,
    };
    if let Some(msg) = own {
        return msg.text(lang).to_string();
    }
    // The repeated password is refused as the password is.
    let field = if field == "password_confirm" { "password" } else { field };
    // A schedule problem reads the same on whichever instant of the period it is shown.
    let refusal = DomainError::from_field_code(field, code).or_else(|| schedule_refusal(code));
    match (refusal, lang) {
        (Some(refusal), Lang::Ja) => refusal.message_ja(),
        (Some(refusal), Lang::En) => refusal.message_en(),
        // A code newer than this SPA, or a field the domain does not name.
        (None, Lang::Ja) => format!("{}が正しくありません。", field_label(lang, field)),
        (None, Lang::En) => format!("{} is not valid.", field_label(lang, field)),
    }
}

/// The domain's schedule refusal with this code, whichever field it belongs to.
fn schedule_refusal(code: &str) -> Option<DomainError> {
    const SCHEDULE_FIELDS: [&str; 4] =
        ["application_ends_at", "adjustment_starts_at", "results_at", "confirmation_starts_at"];
    SCHEDULE_FIELDS
        .into_iter()
        .filter_map(|field| DomainError::from_field_code(field, code))
        .find(|refusal| matches!(refusal, DomainError::InvalidSchedule(_)))
}

/// The domain's refusal behind a problem `code`, where the domain has one.
fn domain_refusal(code: &str) -> Option<DomainError> {
    DomainError::from_rule_code(code)
}

/// The catalogue's key for a problem `code` the API makes on its own.
fn problem_msg(code: &str) -> Option<Msg> {
    Some(match code {
        "network" => Msg::ErrorNetwork,
        "invalid-credentials" => Msg::ProblemInvalidCredentials,
        "too-many-attempts" => Msg::ProblemTooManyAttempts,
        "too-many-requests" => Msg::ProblemTooManyRequests,
        "registration-number-taken" => Msg::ProblemRegistrationNumberTaken,
        "email-taken" => Msg::ProblemEmailTaken,
        "link-not-found" => Msg::ProblemLinkNotFound,
        "validation-failed" => Msg::ProblemValidationFailed,
        "not-found" => Msg::ProblemNotFound,
        "invalid-refresh-token" | "unauthorized" | "invalid-token" => Msg::NoticeSessionExpired,
        "forbidden" => Msg::ProblemForbidden,
        "unexpected-response" => Msg::ErrorUnexpected,
        // The domain's message names the states in English; the code alone does not carry them.
        "invalid-transition" => Msg::ProblemInvalidTransition,
        "round-exists" => Msg::ProblemRoundExists,
        "round-has-applications" => Msg::ProblemRoundHasApplications,
        "already-exists" => Msg::ProblemAlreadyExists,
        "program-has-applications" => Msg::ProblemProgramHasApplications,
        "second-factor-required" => Msg::ProblemSecondFactorRequired,
        "invalid-second-factor" => Msg::ProblemInvalidSecondFactor,
        "second-factor-setup-required" => Msg::ProblemSecondFactorSetupRequired,
        "second-factor-enabled" => Msg::ProblemSecondFactorEnabled,
        "no-second-factor-pending" => Msg::ProblemNoSecondFactorPending,
        "cannot-disable-self" => Msg::ProblemCannotDisableSelf,
        "cannot-reset-own-second-factor" => Msg::ProblemCannotResetOwnSecondFactor,
        _ => return None,
    })
}

/// What to do next after a refusal with this `code`, where there is something to say.
pub fn next_step(code: &str) -> Option<Msg> {
    Some(match code {
        "outside-application-period" => Msg::NextOutsideApplicationPeriod,
        "already-applied-in-round" => Msg::NextAlreadyApplied,
        "not-eligible" => Msg::NextNotEligible,
        "specialty-mismatch" => Msg::NextSpecialtyMismatch,
        "program-not-recruiting" => Msg::NextProgramNotRecruiting,
        "withdrawal-closed" => Msg::NextWithdrawalClosed,
        "invalid-transition" => Msg::NextInvalidTransition,
        "outside-adjustment-period" => Msg::NextOutsideAdjustmentPeriod,
        "capacity-exceeded" | "ceiling-exceeded" => Msg::NextLimitExceeded,
        "outside-confirmation-period" => Msg::NextOutsideConfirmationPeriod,
        _ => return None,
    })
}

/// What to tell people about a problem, by its `code` — never the server's Japanese `detail` to
/// an English reader.
pub fn problem_text(lang: Lang, code: &str, status: u16, detail: &str) -> String {
    if let Some(refusal) = domain_refusal(code) {
        return match lang {
            Lang::Ja => refusal.message_ja(),
            Lang::En => refusal.message_en(),
        };
    }
    if let Some(msg) = problem_msg(code) {
        return msg.text(lang).to_string();
    }
    let by_status = match status {
        401 => Some(Msg::NoticeSessionExpired),
        403 => Some(Msg::ProblemForbidden),
        404 => Some(Msg::ProblemNotFound),
        422 => Some(Msg::ProblemValidationFailed),
        429 => Some(Msg::ProblemTooManyRequests),
        _ => None,
    };
    match (by_status, lang) {
        (Some(msg), _) => msg.text(lang).to_string(),
        (None, Lang::Ja) if !detail.is_empty() => detail.to_string(),
        (None, _) => Msg::ErrorUnexpected.text(lang).to_string(),
    }
}
