//! Owns the resident's account as a whole: the registration form as it travels ([`ResidentForm`]),
//! its parse into a [`ResidentProfile`] that reports every failing field at once, and the profile
//! change a resident may send ([`ProfileChange`]).
//!
//! The API answers a form with 422 and the whole list of `{field, code, message}`; the SPA runs
//! the same parse as the resident types, so both say the same thing.
//!
//! The rules in words: `docs/rules.md`, "A resident's account".

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::prefecture::Prefecture;
use crate::registration::{
    ClinicalTrainingProgram, Gender, Kana, KanjiName, LicenseYearMonth, MedicalRegistrationNumber, NamePart,
    Password, Phone, PostalCode, RegionalQuota, Track, parse_regional_quota, parse_track,
};
use crate::specialty::Specialty;
use crate::time::to_jst;

pub use crate::link::LinkPurpose;

const ADDRESS_MAX_CHARS: usize = 200;

/// The youngest and oldest a registering doctor can be: a licence needs six years of medical
/// school after secondary school, and nobody registers past 100.
const MIN_AGE_YEARS: i32 = 20;
const MAX_AGE_YEARS: i32 = 100;

/// 住所: the address lines after the prefecture, 1 to 200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address(String);

impl Address {
    /// Codes: `required`, `too-long`, `invalid-characters`.
    pub fn parse(s: &str) -> Result<Address, DomainError> {
        const FIELD: &str = "address";
        let address = s.trim();
        if address.is_empty() {
            return Err(DomainError::invalid(FIELD, "required"));
        }
        if address.chars().count() > ADDRESS_MAX_CHARS {
            return Err(DomainError::invalid(FIELD, "too-long"));
        }
        if address.chars().any(char::is_control) {
            return Err(DomainError::invalid(FIELD, "invalid-characters"));
        }
        Ok(Address(address.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A real calendar date for `field`, typed as people type one: `1997-06-01`, `1997-6-1`,
/// `1997/6/1`, `1997.6.1`, `19970601` (a phone's digit pad has no hyphen) or `1997年6月1日`,
/// full-width digits too. Codes: `required`, `invalid-date`.
pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, DomainError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DomainError::invalid(field, "required"));
    }
    match crate::registration::date_numbers(s, &[4, 2, 2]).as_deref() {
        Some(&[year, month, day]) => i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
            .ok_or_else(|| DomainError::invalid(field, "invalid-date")),
        _ => Err(DomainError::invalid(field, "invalid-date")),
    }
}

/// A date as the forms show it once typed: `1997-06-01`; `None` while it is no date.
pub fn tidy_date(s: &str) -> Option<String> {
    parse_date("date", s).ok().map(|date| date.format("%Y-%m-%d").to_string())
}

/// 生年月日: a real date on which the resident was at least 20 and at most 100 years old
/// `today` (code `implausible-date-of-birth`).
pub fn parse_date_of_birth(s: &str, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    const FIELD: &str = "date_of_birth";
    let born = parse_date(FIELD, s)?;
    let age = age_on(born, today);
    if (MIN_AGE_YEARS..=MAX_AGE_YEARS).contains(&age) {
        Ok(born)
    } else {
        Err(DomainError::invalid(FIELD, "implausible-date-of-birth"))
    }
}

/// Whole years from `born` to `on`.
fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let had_birthday = (on.month(), on.day()) >= (born.month(), born.day());
    on.year() - born.year() - i32::from(!had_birthday)
}

/// The recruitment year (年度) whose rounds run at `now`: training starts in April, and its
/// rounds run from the preceding autumn, so from April of year Y the rounds are those of Y + 1.
pub fn recruitment_year_at(now: DateTime<Utc>) -> i32 {
    let jst = to_jst(now);
    if jst.month() >= 4 { jst.year() + 1 } else { jst.year() }
}

/// The instants whose recruitment year is `year` (the inverse of [`recruitment_year_at`]): from
/// April 1st, 00:00 JST, of `year - 1` until April 1st of `year`, excluded. `None` only for years
/// chrono cannot represent.
pub fn recruitment_year_span(year: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let april = |y| crate::time::try_noon_jst(y, 4, 1).map(|noon| noon - chrono::Duration::hours(12));
    Some((april(year - 1)?, april(year)?))
}

// ---------------------------------------------------------------------------------------------
// The form

/// The registration form's fields as typed (API.md, "Resident registration form"), without the
/// password. Every value is text so that every failing field can be reported at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidentForm {
    /// 氏名（姓）, as on the medical licence.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub family_name: String,
    /// 氏名（名）, as on the medical licence.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub given_name: String,
    /// フリガナ（姓）: full-width katakana.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[\u30A1-\u30FC\u3000]+$")
    )]
    pub family_name_kana: String,
    /// フリガナ（名）: full-width katakana.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[\u30A1-\u30FC\u3000]+$")
    )]
    pub given_name_kana: String,
    /// 生年月日; the resident is 20 to 100 years old.
    #[cfg_attr(feature = "openapi", schema(format = Date, example = "1998-05-14"))]
    pub date_of_birth: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Gender))]
    pub gender: String,
    /// 医籍登録番号: 7 digits; 6 digits are zero-padded.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{6,7}$", example = "0123456"))]
    pub medical_registration_number: String,
    /// 医師免許取得年月, `YYYY-MM`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2022-04"))]
    pub license_year_month: String,
    /// 郵便番号: 7 digits, with or without the hyphen.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{3}-?[0-9]{4}$", example = "1000005"))]
    pub postal_code: String,
    /// 都道府県, JIS code.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$", example = "13"))]
    pub prefecture: String,
    /// 住所 after the prefecture.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub address: String,
    /// 電話番号: 10 or 11 digits, hyphens allowed, starting with 0.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^0[0-9-]{9,14}$", example = "03-1234-5678"))]
    pub phone: String,
    /// 修了（予定）臨床研修プログラム名; `なし` before the clinical training system.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub clinical_training_program: String,
    /// Completion (expected) date of the clinical training; not needed with `なし`.
    #[cfg_attr(feature = "openapi", schema(format = Date, nullable))]
    #[serde(default)]
    pub clinical_training_completed_on: Option<String>,
    /// The account's basic specialty (基本領域) code.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "internal-medicine"))]
    pub specialty: String,
    /// `program` (プログラム制) or `curriculum` (カリキュラム制).
    #[cfg_attr(feature = "openapi", schema(pattern = "^(program|curriculum)$"))]
    pub track: String,
    /// For the curriculum track: `obligatory-service`, `regional-medicine` or `other`.
    #[cfg_attr(
        feature = "openapi",
        schema(nullable, pattern = "^(obligatory-service|regional-medicine|other)$")
    )]
    #[serde(default)]
    pub curriculum_reason: Option<String>,
    /// The written reason, for `other`.
    #[cfg_attr(feature = "openapi", schema(nullable, max_length = 1000))]
    #[serde(default)]
    pub curriculum_reason_detail: Option<String>,
    /// 地域枠.
    #[serde(default)]
    pub regional_quota: bool,
    /// The quota's prefecture (JIS code), with `regional_quota`.
    #[cfg_attr(feature = "openapi", schema(nullable, pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$"))]
    #[serde(default)]
    pub regional_quota_prefecture: Option<String>,
    /// Consent to the cross-check against the ministry's list, with `regional_quota`.
    #[serde(default)]
    pub regional_quota_consent: bool,
}

/// A resident's profile in which every value has parsed: the only way to store one.
#[derive(Debug, Clone, PartialEq)]
pub struct ResidentProfile {
    pub family_name: KanjiName,
    pub given_name: KanjiName,
    pub family_name_kana: Kana,
    pub given_name_kana: Kana,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
    pub medical_registration_number: MedicalRegistrationNumber,
    pub license: LicenseYearMonth,
    pub postal_code: PostalCode,
    pub prefecture: Prefecture,
    pub address: Address,
    pub phone: Phone,
    pub clinical_training_program: ClinicalTrainingProgram,
    pub clinical_training_completed_on: Option<NaiveDate>,
    pub specialty: Specialty,
    pub track: Track,
    pub regional_quota: Option<RegionalQuota>,
}

/// Collects the refusals of several parses, so a form reports every field at once.
#[derive(Default)]
struct Refusals(Vec<DomainError>);

impl Refusals {
    fn take<T>(&mut self, parsed: Result<T, DomainError>) -> Option<T> {
        parsed.map_err(|e| self.0.push(e)).ok()
    }
}

impl ResidentForm {
    /// The form and the account's first password (registering, or moving an account from the
    /// old system) parsed together: every refusal of both at once, the form's first.
    pub fn parse_with_password(
        &self,
        password: &str,
        today: NaiveDate,
    ) -> Result<(ResidentProfile, Password), Vec<DomainError>> {
        match (self.parse(today), Password::parse(password)) {
            (Ok(profile), Ok(password)) => Ok((profile, password)),
            (profile, password) => {
                Err(profile.err().unwrap_or_default().into_iter().chain(password.err()).collect())
            }
        }
    }

    /// Parses every field; on failure answers every refusal, in the form's order. `today` is the
    /// date in Japan, for the date of birth.
    pub fn parse(&self, today: NaiveDate) -> Result<ResidentProfile, Vec<DomainError>> {
        let mut r = Refusals::default();
        let family_name = r.take(KanjiName::parse(NamePart::Family, &self.family_name));
        let given_name = r.take(KanjiName::parse(NamePart::Given, &self.given_name));
        let family_name_kana = r.take(Kana::parse(NamePart::Family, &self.family_name_kana));
        let given_name_kana = r.take(Kana::parse(NamePart::Given, &self.given_name_kana));
        let date_of_birth = r.take(parse_date_of_birth(&self.date_of_birth, today));
        let gender = r.take(Gender::parse(self.gender.trim()));
        let number = r.take(MedicalRegistrationNumber::parse(&self.medical_registration_number));
        let license = r.take(LicenseYearMonth::parse(&self.license_year_month));
        let postal_code = r.take(PostalCode::parse(&self.postal_code));
        let prefecture =
            r.take(Prefecture::parse(self.prefecture.trim()).map_err(|e| e.in_field("prefecture")));
        let address = r.take(Address::parse(&self.address));
        let phone = r.take(Phone::parse(&self.phone));
        let program = r.take(ClinicalTrainingProgram::parse(&self.clinical_training_program));
        let completed_on = r.take(self.completed_on(program.as_ref()));
        let specialty = r.take(Specialty::parse(self.specialty.trim()).map_err(|e| e.in_field("specialty")));
        let track = r.take(parse_track(
            &self.track,
            self.curriculum_reason.as_deref(),
            self.curriculum_reason_detail.as_deref(),
        ));
        let quota = r.take(parse_regional_quota(
            self.regional_quota,
            self.regional_quota_prefecture.as_deref(),
            self.regional_quota_consent,
        ));
        let parsed = (|| {
            Some(ResidentProfile {
                family_name: family_name?,
                given_name: given_name?,
                family_name_kana: family_name_kana?,
                given_name_kana: given_name_kana?,
                date_of_birth: date_of_birth?,
                gender: gender?,
                medical_registration_number: number?,
                license: license?,
                postal_code: postal_code?,
                prefecture: prefecture?,
                address: address?,
                phone: phone?,
                clinical_training_program: program?,
                clinical_training_completed_on: completed_on?,
                specialty: specialty?,
                track: track?,
                regional_quota: quota?,
            })
        })();
        // Every refusal leaves its field `None`, so a whole profile means no refusal.
        parsed.ok_or(r.0)
    }

    /// The completion date: needed unless the resident trained before the system (`なし`).
    fn completed_on(
        &self,
        program: Option<&ClinicalTrainingProgram>,
    ) -> Result<Option<NaiveDate>, DomainError> {
        const FIELD: &str = "clinical_training_completed_on";
        let typed = self.clinical_training_completed_on.as_deref().unwrap_or_default();
        let required = !program.is_some_and(ClinicalTrainingProgram::is_before_system);
        if typed.trim().is_empty() && !required {
            return Ok(None);
        }
        parse_date(FIELD, typed).map(Some)
    }
}

impl ResidentProfile {
    /// The profile as the form shows it (what `GET /me` answers and `PATCH /me` starts from).
    pub fn to_form(&self) -> ResidentForm {
        let reason = self.track.curriculum_reason();
        ResidentForm {
            family_name: self.family_name.as_str().into(),
            given_name: self.given_name.as_str().into(),
            family_name_kana: self.family_name_kana.as_str().into(),
            given_name_kana: self.given_name_kana.as_str().into(),
            date_of_birth: self.date_of_birth.format("%Y-%m-%d").to_string(),
            gender: self.gender.code().into(),
            medical_registration_number: self.medical_registration_number.as_str().into(),
            license_year_month: self.license.to_string(),
            postal_code: self.postal_code.as_str().into(),
            prefecture: self.prefecture.code(),
            address: self.address.as_str().into(),
            phone: self.phone.as_str().into(),
            clinical_training_program: self.clinical_training_program.as_str().into(),
            clinical_training_completed_on: self
                .clinical_training_completed_on
                .map(|d| d.format("%Y-%m-%d").to_string()),
            specialty: self.specialty.code().into(),
            track: self.track.code().into(),
            curriculum_reason: reason.map(|r| r.code().into()),
            curriculum_reason_detail: reason.and_then(|r| r.detail()).map(Into::into),
            regional_quota: self.regional_quota.is_some(),
            regional_quota_prefecture: self.regional_quota.map(|q| q.prefecture.code()),
            regional_quota_consent: self.regional_quota.is_some(),
        }
    }
}

/// What a resident may change of their own profile (`PATCH /me`): any field of the form but the
/// specialty, which takes a new account (docs/rules.md). Absent fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileChange {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub family_name: Option<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub given_name: Option<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[\u30A1-\u30FC\u3000]+$")
    )]
    pub family_name_kana: Option<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"^[\u30A1-\u30FC\u3000]+$")
    )]
    pub given_name_kana: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date_of_birth: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Gender>))]
    pub gender: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{6,7}$"))]
    pub medical_registration_number: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub license_year_month: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{3}-?[0-9]{4}$"))]
    pub postal_code: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$"))]
    pub prefecture: Option<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$")
    )]
    pub address: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^0[0-9-]{9,14}$"))]
    pub phone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub clinical_training_program: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub clinical_training_completed_on: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = "^(program|curriculum)$"))]
    pub track: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = "^(obligatory-service|regional-medicine|other)$"))]
    pub curriculum_reason: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub curriculum_reason_detail: Option<String>,
    pub regional_quota: Option<bool>,
    #[cfg_attr(feature = "openapi", schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$"))]
    pub regional_quota_prefecture: Option<String>,
    pub regional_quota_consent: Option<bool>,
}

impl ProfileChange {
    /// `current` with this change laid over it, ready to parse as a whole.
    pub fn apply_to(&self, current: &ResidentForm) -> ResidentForm {
        let text = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        let optional = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
        ResidentForm {
            family_name: text(&self.family_name, &current.family_name),
            given_name: text(&self.given_name, &current.given_name),
            family_name_kana: text(&self.family_name_kana, &current.family_name_kana),
            given_name_kana: text(&self.given_name_kana, &current.given_name_kana),
            date_of_birth: text(&self.date_of_birth, &current.date_of_birth),
            gender: text(&self.gender, &current.gender),
            medical_registration_number: text(
                &self.medical_registration_number,
                &current.medical_registration_number,
            ),
            license_year_month: text(&self.license_year_month, &current.license_year_month),
            postal_code: text(&self.postal_code, &current.postal_code),
            prefecture: text(&self.prefecture, &current.prefecture),
            address: text(&self.address, &current.address),
            phone: text(&self.phone, &current.phone),
            clinical_training_program: text(
                &self.clinical_training_program,
                &current.clinical_training_program,
            ),
            clinical_training_completed_on: optional(
                &self.clinical_training_completed_on,
                &current.clinical_training_completed_on,
            ),
            specialty: current.specialty.clone(),
            track: text(&self.track, &current.track),
            curriculum_reason: optional(&self.curriculum_reason, &current.curriculum_reason),
            curriculum_reason_detail: optional(
                &self.curriculum_reason_detail,
                &current.curriculum_reason_detail,
            ),
            regional_quota: self.regional_quota.unwrap_or(current.regional_quota),
            regional_quota_prefecture: optional(
                &self.regional_quota_prefecture,
                &current.regional_quota_prefecture,
            ),
            regional_quota_consent: self.regional_quota_consent.unwrap_or(current.regional_quota_consent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::noon_jst;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    pub(crate) fn valid_form() -> ResidentForm {
        ResidentForm {
            family_name: "山田".into(),
            given_name: "太郎".into(),
            family_name_kana: "ヤマダ".into(),
            given_name_kana: "タロウ".into(),
            date_of_birth: "1998-05-14".into(),
            gender: "male".into(),
            medical_registration_number: "123456".into(),
            license_year_month: "2024-04".into(),
            postal_code: "100-0005".into(),
            prefecture: "13".into(),
            address: "千代田区丸の内1-1-1".into(),
            phone: "03-1234-5678".into(),
            clinical_training_program: "東京病院臨床研修プログラム".into(),
            clinical_training_completed_on: Some("2026-03-31".into()),
            specialty: "internal-medicine".into(),
            track: "program".into(),
            curriculum_reason: None,
            curriculum_reason_detail: None,
            regional_quota: false,
            regional_quota_prefecture: None,
            regional_quota_consent: false,
        }
    }

    fn codes(errors: &[DomainError]) -> Vec<(&'static str, &'static str)> {
        errors.iter().map(|e| (e.field().unwrap_or_default(), e.code())).collect()
    }

    #[test]
    fn a_valid_form_parses_and_pads_the_registration_number() {
        let profile = valid_form().parse(today()).expect("valid");
        assert_eq!(profile.medical_registration_number.as_str(), "0123456");
        assert_eq!(profile.postal_code.as_str(), "1000005");
        assert_eq!(profile.specialty, Specialty::InternalMedicine);
        assert_eq!(profile.track, Track::Program);
    }

    #[test]
    fn a_profile_reads_back_as_the_form_it_came_from() {
        let mut form = valid_form();
        form.track = "curriculum".into();
        form.curriculum_reason = Some("other".into());
        form.curriculum_reason_detail = Some("育児のため".into());
        form.regional_quota = true;
        form.regional_quota_prefecture = Some("01".into());
        form.regional_quota_consent = true;
        let profile = form.parse(today()).expect("valid");
        let again = profile.to_form();
        assert_eq!(again.parse(today()).expect("still valid"), profile);
        assert_eq!(again.medical_registration_number, "0123456");
        assert_eq!(again.curriculum_reason_detail.as_deref(), Some("育児のため"));
        assert_eq!(again.regional_quota_prefecture.as_deref(), Some("01"));
    }

    #[test]
    fn a_form_and_its_password_are_refused_together_the_form_first() {
        let (profile, password) = valid_form().parse_with_password("Residency2024", today()).expect("valid");
        assert_eq!(profile, valid_form().parse(today()).expect("valid"));
        assert_eq!(password.expose(), "Residency2024");
        let refused = |form: &ResidentForm, password: &str| {
            codes(&form.parse_with_password(password, today()).expect_err("refused"))
        };
        let bad = ResidentForm { family_name: "".into(), ..valid_form() };
        assert_eq!(
            refused(&bad, ""),
            vec![("family_name", "required"), ("password", "required")],
            "both at once, the form's first"
        );
        assert_eq!(refused(&bad, "Residency2024"), vec![("family_name", "required")]);
        assert_eq!(refused(&valid_form(), ""), vec![("password", "required")]);
    }

    #[test]
    fn every_failing_field_is_reported_at_once_in_form_order() {
        let form = ResidentForm {
            family_name: "".into(),
            given_name_kana: "たろう".into(),
            date_of_birth: "1998-02-30".into(),
            gender: "other".into(),
            medical_registration_number: "12345".into(),
            license_year_month: "2024/13".into(),
            postal_code: "12-34567".into(),
            prefecture: "48".into(),
            address: "丸の内\u{7}".into(),
            phone: "1234".into(),
            specialty: "dentistry".into(),
            track: "curriculum".into(),
            regional_quota: true,
            regional_quota_prefecture: Some("13".into()),
            ..valid_form()
        };
        assert_eq!(
            codes(&form.parse(today()).unwrap_err()),
            vec![
                ("family_name", "required"),
                ("given_name_kana", "not-katakana"),
                ("date_of_birth", "invalid-date"),
                ("gender", "invalid-gender"),
                ("medical_registration_number", "invalid-medical-registration-number"),
                ("license_year_month", "invalid-year-month"),
                ("postal_code", "invalid-postal-code"),
                ("prefecture", "invalid-prefecture"),
                ("address", "invalid-characters"),
                ("phone", "invalid-phone"),
                ("specialty", "unknown-specialty"),
                ("curriculum_reason", "required"),
                ("regional_quota_consent", "consent-required"),
            ]
        );
    }

    #[test]
    fn dates_must_be_real_and_are_read_as_people_type_them() {
        let leap_day = NaiveDate::from_ymd_opt(2024, 2, 29);
        let ninth = NaiveDate::from_ymd_opt(2024, 2, 9);
        for (typed, read) in [
            ("2024-02-29", leap_day),
            ("2023-02-29", None),
            ("2024-2-9", ninth),
            ("2024/02/09", ninth),
            ("2024/2/9", ninth),
            ("2024.2.9", ninth),
            ("20240209", ninth),
            ("20240229", leap_day),
            ("２０２４／２／９", ninth),
            ("２０２４－０２－０９", ninth),
            ("2024年2月9日", ninth),
            ("２０２４年２月９日", ninth),
            (" 2024 / 2 / 9 ", ninth),
            ("2024-02-9", ninth),
            ("2024-2/9", None),
            ("2024-2月9", None),
            ("2024/2/9日", None),
            ("2024年2月", None),
            ("2024年2月9", None),
            ("24-2-9", None),
            ("2024-002-09", None),
            ("2024020", None),
            ("202402099", None),
            ("2024-13-01", None),
            ("2024:02:09", None),
            ("2024--02-09", None),
            ("2024-02-09-", None),
            ("9999999999", None),
            ("", None),
        ] {
            assert_eq!(parse_date("date_of_birth", typed).ok(), read, "{typed:?}");
        }
        assert_eq!(parse_date("x", " "), Err(DomainError::invalid("x", "required")));
        assert_eq!(parse_date("x", "2024/2/30"), Err(DomainError::invalid("x", "invalid-date")));
        assert_eq!(tidy_date("１９９７／６／１").as_deref(), Some("1997-06-01"));
        assert_eq!(tidy_date("19970601").as_deref(), Some("1997-06-01"));
        assert_eq!(tidy_date("1997/6/31"), None);
    }

    #[test]
    fn date_of_birth_is_refused_under_20_and_over_100_years_old() {
        let today = today();
        for (born, ok) in
            [("2006-11-23", true), ("2006-11-24", false), ("1926-11-23", true), ("1925-11-22", false)]
        {
            let parsed = parse_date_of_birth(born, today);
            assert_eq!(parsed.is_ok(), ok, "{born}");
            if !ok {
                assert_eq!(parsed, Err(DomainError::invalid("date_of_birth", "implausible-date-of-birth")));
            }
        }
    }

    #[test]
    fn completion_date_is_needed_unless_the_program_is_none() {
        let mut form = valid_form();
        form.clinical_training_completed_on = None;
        assert_eq!(
            codes(&form.parse(today()).unwrap_err()),
            vec![("clinical_training_completed_on", "required")]
        );
        form.clinical_training_program = "なし".into();
        assert_eq!(form.parse(today()).expect("before the system").clinical_training_completed_on, None);
    }

    #[test]
    fn address_is_required_bounded_and_free_of_control_characters() {
        assert_eq!(Address::parse("  "), Err(DomainError::invalid("address", "required")));
        assert_eq!(Address::parse(&"あ".repeat(201)), Err(DomainError::invalid("address", "too-long")));
        assert!(Address::parse(&"あ".repeat(200)).is_ok());
        assert_eq!(Address::parse("a\nb"), Err(DomainError::invalid("address", "invalid-characters")));
        assert_eq!(Address::parse(" 丸の内 ").unwrap().as_str(), "丸の内");
    }

    #[test]
    fn a_profile_change_keeps_absent_fields_and_never_the_specialty() {
        let current = valid_form();
        let change = ProfileChange { phone: Some("090-1234-5678".into()), ..ProfileChange::default() };
        let changed = change.apply_to(&current);
        assert_eq!(changed.phone, "090-1234-5678");
        assert_eq!(ResidentForm { phone: current.phone.clone(), ..changed.clone() }, current);
        let sneaky: Result<ProfileChange, _> = serde_json::from_str(r#"{"specialty": "surgery"}"#);
        assert!(sneaky.is_err(), "the specialty is not a field of a change");
    }

    #[test]
    fn recruitment_year_turns_in_april_japan_time() {
        assert_eq!(recruitment_year_at(noon_jst(2023, 11, 1)), 2024);
        assert_eq!(recruitment_year_at(noon_jst(2024, 3, 31)), 2024);
        assert_eq!(recruitment_year_at(noon_jst(2024, 4, 1)), 2025);
        // 2024-03-31 15:00 UTC is already April 1st in Japan.
        let april_in_japan = DateTime::parse_from_rfc3339("2024-03-31T15:00:00Z").unwrap().to_utc();
        assert_eq!(recruitment_year_at(april_in_japan), 2025);
    }

    #[test]
    fn a_recruitment_years_span_is_exactly_the_instants_of_that_year() {
        let second = chrono::Duration::seconds(1);
        for year in [2024, 2025, 2030] {
            let (from, until) = recruitment_year_span(year).unwrap();
            assert_eq!(
                from,
                DateTime::parse_from_rfc3339(&format!("{}-03-31T15:00:00Z", year - 1)).unwrap().to_utc()
            );
            assert_eq!(recruitment_year_at(from - second), year - 1);
            assert_eq!(recruitment_year_at(from), year);
            assert_eq!(recruitment_year_at(until - second), year);
            assert_eq!(recruitment_year_at(until), year + 1);
        }
    }
}
