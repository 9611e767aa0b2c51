//! Owns the resident registration form (専攻医登録): one type per field, each with a `parse`
//! that is the only way in.
//!
//! Every refusal is [`DomainError::Invalid`] with the API field name (`email`,
//! `family_name_kana`…) and a stable code (`mobile-carrier-email`, `not-katakana`…), so the API can
//! answer 422 with a list of `{field, code, message}`. Empty input is always `required`.
//!
//! Typed text is trimmed. Where residents type digits (registration number, postal code, phone)
//! full-width digits and hyphens from a Japanese input method are accepted and stored as ASCII.
//!
//! The rules in words: `docs/rules.md`, "A resident's account".

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::prefecture::Prefecture;

const NAME_MAX_CHARS: usize = 50;
const PROGRAM_NAME_MAX_CHARS: usize = 200;
const REASON_MAX_CHARS: usize = 1000;

/// Trimmed input, or `required` for the field when nothing is left.
fn required<'a>(field: &'static str, s: &'a str) -> Result<&'a str, DomainError> {
    match s.trim() {
        "" => Err(DomainError::invalid(field, "required")),
        trimmed => Ok(trimmed),
    }
}

/// Refuses text longer than `max` characters with `too-long`.
fn at_most(field: &'static str, max: usize, s: &str) -> Result<(), DomainError> {
    if s.chars().count() > max { Err(DomainError::invalid(field, "too-long")) } else { Ok(()) }
}

/// Full-width digits (０–９) and hyphen-like characters (－ − ‐ ー) as ASCII.
pub(crate) fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' | '−' | '‐' | 'ー' => '-',
            other => other,
        })
        .collect()
}

/// The numbers of a date (or a year and month) typed as people type it on a phone's digit pad or
/// a Japanese keyboard: run together (`19970601`, with `widths` 4, 2, 2), or the year's four
/// digits then one or two digits each, split by one kind of `-`, `/` or `.`, or written
/// `1997年6月1日`; full-width digits and signs too, spaces ignored. `None` for anything else.
pub(crate) fn date_numbers(s: &str, widths: &[usize]) -> Option<Vec<u32>> {
    let kanji = s.contains('年');
    let mut typed: String = to_ascii_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '／' => '/',
            '．' => '.',
            '年' | '月' | '日' if kanji => '-',
            other => other,
        })
        .collect();
    if kanji {
        // 年, 月 (and 日) each close their number: the last one ends the text.
        typed = typed.strip_suffix('-')?.to_owned();
    }
    let parts: Vec<&str> = if typed.bytes().all(|b| b.is_ascii_digit()) {
        if typed.len() != widths.iter().sum::<usize>() {
            return None;
        }
        let mut rest = typed.as_str();
        widths
            .iter()
            .map(|w| {
                let (part, tail) = rest.split_at(*w);
                rest = tail;
                part
            })
            .collect()
    } else {
        let separator = typed.chars().find(|c| !c.is_ascii_digit())?;
        if !matches!(separator, '-' | '/' | '.') {
            return None;
        }
        typed.split(separator).collect()
    };
    let shaped = parts.len() == widths.len()
        && parts.iter().enumerate().all(|(i, part)| {
            let width_ok = if i == 0 { part.len() == 4 } else { (1..=2).contains(&part.len()) };
            width_ok && part.bytes().all(|b| b.is_ascii_digit())
        });
    if !shaped {
        return None;
    }
    parts.iter().map(|part| part.parse().ok()).collect()
}

// ---------------------------------------------------------------------------------------------
// Email

/// Mobile carriers' mail domains, refused because their filters drop the board's mail
/// (携帯電話メールアドレスは登録できません). Subdomains are refused too.
pub const MOBILE_CARRIER_DOMAINS: [&str; 10] = [
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "ymobile.ne.jp",
    "disney.ne.jp",
    "emnet.ne.jp",
    "willcom.com",
    "pdx.ne.jp",
];

/// An email address that mail can be sent to and that is not a mobile carrier's. The domain is
/// stored in lowercase; the local part as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Basic syntax (one `@`, a dotted domain of letters, digits and hyphens) and no mobile
    /// carrier domain. Codes: `required`, `invalid-email`, `mobile-carrier-email`. The carrier is
    /// checked before the local part, since carrier addresses often have local parts like
    /// `taro..yamada.` that would otherwise get the less helpful answer.
    pub fn parse(s: &str) -> Result<Email, DomainError> {
        const FIELD: &str = "email";
        let invalid = DomainError::invalid(FIELD, "invalid-email");
        let s = required(FIELD, s)?;
        let (local, domain) = s.rsplit_once('@').ok_or(invalid.clone())?;
        let domain = domain.to_ascii_lowercase();
        if s.len() > 254 || !is_domain(&domain) {
            return Err(invalid);
        }
        if is_mobile_carrier(&domain) {
            return Err(DomainError::invalid(FIELD, "mobile-carrier-email"));
        }
        if !is_local_part(local) {
            return Err(invalid);
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`, lowercase.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_level_ok =
        labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    labels.len() >= 2 && labels.iter().all(label_ok) && top_level_ok
}

fn is_local_part(local: &str) -> bool {
    const SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~-.";
    (1..=64).contains(&local.len())
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || SPECIALS.contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

fn is_mobile_carrier(domain: &str) -> bool {
    MOBILE_CARRIER_DOMAINS
        .iter()
        .any(|carrier| domain == *carrier || domain.ends_with(&format!(".{carrier}")))
}

// ---------------------------------------------------------------------------------------------
// Medical registration number

/// 医籍登録番号: seven digits. A six-digit number is zero-padded (`123456` → `0123456`), as the
/// manual tells residents to do; full-width digits are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MedicalRegistrationNumber(String);

impl MedicalRegistrationNumber {
    /// Codes: `required`, `invalid-medical-registration-number`.
    pub fn parse(s: &str) -> Result<MedicalRegistrationNumber, DomainError> {
        const FIELD: &str = "medical_registration_number";
        let digits = to_ascii_digits(required(FIELD, s)?);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::invalid(FIELD, "invalid-medical-registration-number"));
        }
        match digits.len() {
            7 => Ok(MedicalRegistrationNumber(digits)),
            6 => Ok(MedicalRegistrationNumber(format!("0{digits}"))),
            _ => Err(DomainError::invalid(FIELD, "invalid-medical-registration-number")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// ---------------------------------------------------------------------------------------------
// Names

/// Which half of a name a field holds; decides the field name in refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// 姓
    Family,
    /// 名
    Given,
}

impl NamePart {
    fn kanji_field(self) -> &'static str {
        match self {
            NamePart::Family => "family_name",
            NamePart::Given => "given_name",
        }
    }

    fn kana_field(self) -> &'static str {
        match self {
            NamePart::Family => "family_name_kana",
            NamePart::Given => "given_name_kana",
        }
    }
}

/// A name as on the medical licence (医師免許に登録している姓名): any script, trimmed, 1 to 50
/// characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KanjiName(String);

impl KanjiName {
    /// Codes: `required`, `too-long`, `invalid-characters`.
    pub fn parse(part: NamePart, s: &str) -> Result<KanjiName, DomainError> {
        let field = part.kanji_field();
        let name = required(field, s)?;
        at_most(field, NAME_MAX_CHARS, name)?;
        if name.chars().any(char::is_control) {
            return Err(DomainError::invalid(field, "invalid-characters"));
        }
        Ok(KanjiName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// フリガナ: full-width katakana only, with the long-vowel mark ー, the middle dot ・ and the
/// full-width space. Hiragana, half-width katakana and Latin letters are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Kana(String);

impl Kana {
    /// Codes: `required`, `too-long`, `not-katakana`.
    pub fn parse(part: NamePart, s: &str) -> Result<Kana, DomainError> {
        let field = part.kana_field();
        let kana = required(field, s)?;
        at_most(field, NAME_MAX_CHARS, kana)?;
        if !kana.chars().all(is_full_width_katakana) {
            return Err(DomainError::invalid(field, "not-katakana"));
        }
        Ok(Kana(kana.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// ァ (U+30A1) to ヺ (U+30FA), ・ (U+30FB), ー (U+30FC) and the full-width space (U+3000).
fn is_full_width_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FC}' | '\u{3000}')
}

// ---------------------------------------------------------------------------------------------
// Contact

/// 郵便番号: seven digits, typed as `1234567` or `123-4567`; stored as `1234567`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    /// Seven digits, typed `1000005`, `100-0005` or `〒100-0005` (full-width too). Codes:
    /// `required`, `invalid-postal-code`.
    pub fn parse(s: &str) -> Result<PostalCode, DomainError> {
        const FIELD: &str = "postal_code";
        // The postal mark (〒) that addresses start with, and spaces, are no part of the code.
        let typed: String = to_ascii_digits(required(FIELD, s)?)
            .chars()
            .filter(|c| *c != '〒' && !c.is_whitespace())
            .collect();
        let digits = match typed.split_once('-') {
            // Three digits before the hyphen; the seven-digit check below then fixes the rest.
            Some((head, tail)) if head.len() == 3 => format!("{head}{tail}"),
            Some(_) => String::new(),
            None => typed,
        };
        if digits.len() == 7 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(PostalCode(digits))
        } else {
            Err(DomainError::invalid(FIELD, "invalid-postal-code"))
        }
    }

    /// The seven digits: `1234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed on mail: `123-4567`.
    pub fn formatted(&self) -> String {
        let (head, tail) = self.0.split_at(3);
        format!("{head}-{tail}")
    }
}

/// A Japanese phone number: digits and hyphens, 10 or 11 digits, starting with 0. Stored as
/// typed (hyphens kept) in ASCII.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Codes: `required`, `invalid-phone`.
    pub fn parse(s: &str) -> Result<Phone, DomainError> {
        const FIELD: &str = "phone";
        let typed = to_ascii_digits(required(FIELD, s)?);
        let digit_count = typed.bytes().filter(u8::is_ascii_digit).count();
        let well_formed = typed.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && typed.starts_with('0')
            && !typed.ends_with('-')
            && !typed.contains("--")
            && (10..=11).contains(&digit_count);
        if well_formed { Ok(Phone(typed)) } else { Err(DomainError::invalid(FIELD, "invalid-phone")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// ---------------------------------------------------------------------------------------------
// Password

/// Passwords refused as too easy to guess, compared case-insensitively.
const COMMON_PASSWORDS: [&str; 24] = [
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "654321",
    "123123",
    "112233",
    "password",
    "password1",
    "passw0rd",
    "qwerty",
    "qwerty123",
    "abc123",
    "abcdef",
    "abcd1234",
    "iloveyou",
    "letmein",
    "welcome",
    "admin",
    "senkoi",
    "senkoi123",
    "jmsb",
    "doctor",
];

/// A password as the manual asks: 6 to 20 half-width letters and digits (半角英数字 6-20 字),
/// and not a common one. It is never printed: `Debug` shows `Password(…)`; hash
/// [`Password::expose`] and drop it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Codes: `required`, `password-characters`, `password-length`, `password-too-weak` (a
    /// common password, or one character repeated). Not trimmed: spaces are refused.
    pub fn parse(s: &str) -> Result<Password, DomainError> {
        const FIELD: &str = "password";
        if s.is_empty() {
            return Err(DomainError::invalid(FIELD, "required"));
        }
        if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(DomainError::invalid(FIELD, "password-characters"));
        }
        if !(6..=20).contains(&s.len()) {
            return Err(DomainError::invalid(FIELD, "password-length"));
        }
        let lowercase = s.to_ascii_lowercase();
        let one_character_repeated = s.bytes().all(|b| b == s.as_bytes()[0]);
        if COMMON_PASSWORDS.contains(&lowercase.as_str()) || one_character_repeated {
            return Err(DomainError::invalid(FIELD, "password-too-weak"));
        }
        Ok(Password(s.to_owned()))
    }

    /// The password itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

// ---------------------------------------------------------------------------------------------
// Licence and training

/// The year and month of the medical licence (医師免許取得年月), written `2021-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LicenseYearMonth {
    year: i32,
    month: u32,
}

impl LicenseYearMonth {
    /// A year 1900–2100 and a month 1–12, typed `2024-04`, `2024-4`, `2024/4`, `202404` or
    /// `2024年4月` (full-width digits too); shown `2024-04`. Code `invalid-year-month`.
    pub fn parse(s: &str) -> Result<LicenseYearMonth, DomainError> {
        const FIELD: &str = "license_year_month";
        let invalid = DomainError::invalid(FIELD, "invalid-year-month");
        let s = required(FIELD, s)?;
        match date_numbers(s, &[4, 2]).as_deref() {
            Some(&[year @ 1900..=2100, month @ 1..=12]) => Ok(LicenseYearMonth { year: year as i32, month }),
            _ => Err(invalid),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// Years since the licence (医師免許取得後経過年数) = reference year − licence year; the
    /// month plays no part. The reference year is the recruitment year (年度) being applied for.
    /// The manual's example — licensed 2017/3 to 2017/5 → 3 years — holds for reference year
    /// 2020; it spans April, so the count is by calendar year, not fiscal year. Negative when the
    /// licence is later than the reference year.
    pub fn years_since_license(self, reference_year: i32) -> i32 {
        reference_year - self.year
    }
}

impl std::fmt::Display for LicenseYearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// In the OpenAPI document: a string `YYYY-MM`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for LicenseYearMonth {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[0-9]{4}-(0[1-9]|1[0-2])$"))
            .examples(["2021-04"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for LicenseYearMonth {}

impl TryFrom<String> for LicenseYearMonth {
    type Error = DomainError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        LicenseYearMonth::parse(&s)
    }
}

impl From<LicenseYearMonth> for String {
    fn from(year_month: LicenseYearMonth) -> String {
        year_month.to_string()
    }
}

/// 修了（予定）臨床研修プログラム名: the initial clinical training program, 1 to 200 characters.
/// Residents from before the training system write `なし`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClinicalTrainingProgram(String);

impl ClinicalTrainingProgram {
    /// What residents from before the clinical training system write (制度前の応募者).
    pub const NONE: &str = "なし";

    /// Codes: `required`, `too-long`.
    pub fn parse(s: &str) -> Result<ClinicalTrainingProgram, DomainError> {
        const FIELD: &str = "clinical_training_program";
        let name = required(FIELD, s)?;
        at_most(FIELD, PROGRAM_NAME_MAX_CHARS, name)?;
        Ok(ClinicalTrainingProgram(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resident trained before the system and has no program (`なし`).
    pub fn is_before_system(&self) -> bool {
        self.0 == Self::NONE
    }

    /// Whether the completion date (臨床研修修了（予定）年月日) must be given with the program
    /// `typed`: always, but by a resident from before the system (`なし`).
    pub fn completion_date_required(typed: &str) -> bool {
        !ClinicalTrainingProgram::parse(typed).is_ok_and(|program| program.is_before_system())
    }
}

// ---------------------------------------------------------------------------------------------
// Gender, track, regional quota

/// 性別: male, female, or no answer. In JSON: `male`, `female`, `unanswered`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    Unanswered,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Male, Gender::Female, Gender::Unanswered];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Unanswered => "unanswered",
        }
    }

    /// Code: `invalid-gender`.
    pub fn parse(code: &str) -> Result<Gender, DomainError> {
        Gender::ALL
            .into_iter()
            .find(|gender| gender.code() == code)
            .ok_or(DomainError::invalid("gender", "invalid-gender"))
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            Gender::Male => "男性",
            Gender::Female => "女性",
            Gender::Unanswered => "回答しない",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Gender::Male => "Male",
            Gender::Female => "Female",
            Gender::Unanswered => "Prefer not to say",
        }
    }
}

/// 専門研修選択: the program track (プログラム制, the default) or the curriculum track
/// (カリキュラム制), which needs a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Track {
    Program,
    Curriculum(CurriculumReason),
}

/// Why the curriculum track (manual, 参考1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurriculumReason {
    /// 義務年限: a graduate with obligatory service years.
    ObligatoryService,
    /// 地域医療: clearly serves regional medicine.
    RegionalMedicine,
    /// その他 (出産, 育児, 介護, 留学…), with the written reason.
    Other(String),
}

impl Track {
    /// `program` or `curriculum`.
    pub fn code(&self) -> &'static str {
        match self {
            Track::Program => "program",
            Track::Curriculum(_) => "curriculum",
        }
    }

    /// プログラム制, カリキュラム制.
    pub fn name_ja(&self) -> &'static str {
        match self {
            Track::Program => "プログラム制",
            Track::Curriculum(_) => "カリキュラム制",
        }
    }

    /// The reason, for the curriculum track.
    pub fn curriculum_reason(&self) -> Option<&CurriculumReason> {
        match self {
            Track::Program => None,
            Track::Curriculum(reason) => Some(reason),
        }
    }
}

impl CurriculumReason {
    /// `obligatory-service`, `regional-medicine`, `other`.
    pub fn code(&self) -> &'static str {
        match self {
            CurriculumReason::ObligatoryService => "obligatory-service",
            CurriculumReason::RegionalMedicine => "regional-medicine",
            CurriculumReason::Other(_) => "other",
        }
    }

    /// The written reason, for `other`.
    pub fn detail(&self) -> Option<&str> {
        match self {
            CurriculumReason::Other(detail) => Some(detail),
            _ => None,
        }
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            CurriculumReason::ObligatoryService => "義務年限",
            CurriculumReason::RegionalMedicine => "地域医療",
            CurriculumReason::Other(_) => "その他",
        }
    }
}

/// The track from the form's `track`, `curriculum_reason` and `curriculum_reason_detail`.
/// For the program track the other two are ignored (a form may send leftovers); the curriculum
/// track needs a reason, and `other` a written one. Codes: `required`, `invalid-track`,
/// `invalid-curriculum-reason`, `too-long`.
pub fn parse_track(track: &str, reason: Option<&str>, detail: Option<&str>) -> Result<Track, DomainError> {
    match required("track", track)? {
        "program" => Ok(Track::Program),
        "curriculum" => {
            let reason = required("curriculum_reason", reason.unwrap_or_default())?;
            let reason = match reason {
                "obligatory-service" => CurriculumReason::ObligatoryService,
                "regional-medicine" => CurriculumReason::RegionalMedicine,
                "other" => {
                    const FIELD: &str = "curriculum_reason_detail";
                    let detail = required(FIELD, detail.unwrap_or_default())?;
                    at_most(FIELD, REASON_MAX_CHARS, detail)?;
                    CurriculumReason::Other(detail.to_owned())
                }
                _ => {
                    return Err(DomainError::invalid("curriculum_reason", "invalid-curriculum-reason"));
                }
            };
            Ok(Track::Curriculum(reason))
        }
        _ => Err(DomainError::invalid("track", "invalid-track")),
    }
}

/// 地域枠: the resident entered medical school on a regional quota of this prefecture and
/// consented to be cross-checked against the ministry's list (厚労省の保持するリストとの対比).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionalQuota {
    pub prefecture: Prefecture,
}

/// The regional quota from the form's `regional_quota`, `regional_quota_prefecture` and
/// `regional_quota_consent`: `None` when not on a quota (the other two are then ignored); on a
/// quota the prefecture and the consent are both needed. Codes: `required`,
/// `invalid-prefecture` (on `regional_quota_prefecture`), `consent-required` (on
/// `regional_quota_consent`).
pub fn parse_regional_quota(
    quota: bool,
    prefecture: Option<&str>,
    consent: bool,
) -> Result<Option<RegionalQuota>, DomainError> {
    const FIELD: &str = "regional_quota_prefecture";
    if !quota {
        return Ok(None);
    }
    let code = required(FIELD, prefecture.unwrap_or_default())?;
    let prefecture = Prefecture::parse(code).map_err(|e| e.in_field(FIELD))?;
    if !consent {
        return Err(DomainError::invalid("regional_quota_consent", "consent-required"));
    }
    Ok(Some(RegionalQuota { prefecture }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(field: &'static str, code: &'static str) -> DomainError {
        DomainError::invalid(field, code)
    }

    #[test]
    fn email_needs_basic_syntax() {
        let cases = [
            ("taro@example.com", Ok("taro@example.com")),
            ("  Taro.Yamada+jmsb@Hospital.Example.JP ", Ok("Taro.Yamada+jmsb@hospital.example.jp")),
            ("a@b.co", Ok("a@b.co")),
            ("", Err(refused("email", "required"))),
            ("   ", Err(refused("email", "required"))),
            ("taro", Err(refused("email", "invalid-email"))),
            ("taro@", Err(refused("email", "invalid-email"))),
            ("@example.com", Err(refused("email", "invalid-email"))),
            ("taro@example", Err(refused("email", "invalid-email"))),
            ("taro@example.c", Err(refused("email", "invalid-email"))),
            ("taro@-example.com", Err(refused("email", "invalid-email"))),
            ("taro@exa mple.com", Err(refused("email", "invalid-email"))),
            ("ta ro@example.com", Err(refused("email", "invalid-email"))),
            ("taro@@example.com", Err(refused("email", "invalid-email"))),
            ("taro..yamada@example.com", Err(refused("email", "invalid-email"))),
            (".taro@example.com", Err(refused("email", "invalid-email"))),
            ("太郎@example.com", Err(refused("email", "invalid-email"))),
            ("taro@例え.jp", Err(refused("email", "invalid-email"))),
        ];
        for (typed, expected) in cases {
            let parsed = Email::parse(typed);
            assert_eq!(parsed.as_ref().map(Email::as_str), expected.as_ref().map(|s| *s), "{typed:?}");
        }
        let long = format!("{}@{}.com", "a".repeat(64), "b".repeat(200));
        assert_eq!(Email::parse(&long), Err(refused("email", "invalid-email")));
    }

    #[test]
    fn mobile_carrier_email_is_refused_including_subdomains_and_any_case() {
        let mut typed: Vec<String> =
            MOBILE_CARRIER_DOMAINS.iter().map(|domain| format!("taro@{domain}")).collect();
        typed.extend([
            "taro@DoCoMo.ne.jp".to_owned(),
            "taro@ezweb.NE.JP".to_owned(),
            "taro@c.vodafone.softbank.ne.jp".to_owned(),
            "taro@sub.au.com".to_owned(),
            // Carrier addresses with local parts other providers would not accept.
            "taro..yamada.@docomo.ne.jp".to_owned(),
        ]);
        for email in typed {
            assert_eq!(Email::parse(&email), Err(refused("email", "mobile-carrier-email")), "{email}");
        }
    }

    #[test]
    fn lookalike_domains_of_carriers_are_not_refused() {
        for email in ["taro@notdocomo.ne.jp", "taro@au.com.example.jp", "taro@gmail.com", "taro@softbank.jp"]
        {
            assert!(Email::parse(email).is_ok(), "{email}");
        }
        let email = Email::parse("taro@Hospital.JP").expect("valid");
        assert_eq!(email.domain(), "hospital.jp");
    }

    #[test]
    fn medical_registration_number_is_seven_digits_six_zero_padded() {
        const FIELD: &str = "medical_registration_number";
        let cases = [
            ("0123456", Ok("0123456")),
            ("1234567", Ok("1234567")),
            ("123456", Ok("0123456")),
            (" 123456 ", Ok("0123456")),
            ("１２３４５６", Ok("0123456")),
            ("１２３４５６７", Ok("1234567")),
            ("", Err(refused(FIELD, "required"))),
            ("12345", Err(refused(FIELD, "invalid-medical-registration-number"))),
            ("12345678", Err(refused(FIELD, "invalid-medical-registration-number"))),
            ("12345a", Err(refused(FIELD, "invalid-medical-registration-number"))),
            ("123-456", Err(refused(FIELD, "invalid-medical-registration-number"))),
            ("第123456号", Err(refused(FIELD, "invalid-medical-registration-number"))),
        ];
        for (typed, expected) in cases {
            let parsed = MedicalRegistrationNumber::parse(typed);
            assert_eq!(
                parsed.as_ref().map(MedicalRegistrationNumber::as_str),
                expected.as_ref().map(|s| *s),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn kana_is_full_width_katakana_only() {
        let cases = [
            ("ヤマダ", Ok("ヤマダ")),
            ("ヴァレンタイン", Ok("ヴァレンタイン")),
            ("ローリー", Ok("ローリー")),
            ("ジョン・スミス", Ok("ジョン・スミス")),
            ("ヤマダ　タロウ", Ok("ヤマダ　タロウ")),
            (" ヤマダ ", Ok("ヤマダ")),
            ("", Err("required")),
            ("やまだ", Err("not-katakana")),
            ("ﾔﾏﾀﾞ", Err("not-katakana")),
            ("Yamada", Err("not-katakana")),
            ("山田", Err("not-katakana")),
            ("ヤマダ タロウ", Err("not-katakana")),
            ("ヤマダ1", Err("not-katakana")),
        ];
        for (typed, expected) in cases {
            for part in [NamePart::Family, NamePart::Given] {
                let field = part.kana_field();
                let parsed = Kana::parse(part, typed);
                let expected = expected.map_err(|code| refused(field, code));
                assert_eq!(parsed.as_ref().map(Kana::as_str), expected.as_ref().map(|s| *s), "{typed:?}");
            }
        }
        assert_eq!(
            Kana::parse(NamePart::Family, &"ア".repeat(51)),
            Err(refused("family_name_kana", "too-long"))
        );
    }

    #[test]
    fn kanji_name_is_trimmed_non_empty_and_at_most_50_characters() {
        let cases = [
            ("山田", Ok("山田")),
            ("  髙橋 ", Ok("髙橋")),
            ("Smith", Ok("Smith")),
            ("", Err("required")),
            ("　", Err("required")),
            ("山\u{0}田", Err("invalid-characters")),
        ];
        for (typed, expected) in cases {
            let parsed = KanjiName::parse(NamePart::Given, typed);
            let expected = expected.map_err(|code| refused("given_name", code));
            assert_eq!(parsed.as_ref().map(KanjiName::as_str), expected.as_ref().map(|s| *s), "{typed:?}");
        }
        assert!(KanjiName::parse(NamePart::Family, &"山".repeat(50)).is_ok());
        assert_eq!(
            KanjiName::parse(NamePart::Family, &"山".repeat(51)),
            Err(refused("family_name", "too-long"))
        );
    }

    #[test]
    fn postal_code_is_seven_digits_with_an_optional_hyphen() {
        let cases = [
            ("1234567", Ok("1234567")),
            ("123-4567", Ok("1234567")),
            ("１２３－４５６７", Ok("1234567")),
            ("", Err("required")),
            ("123456", Err("invalid-postal-code")),
            ("12345678", Err("invalid-postal-code")),
            ("1234-567", Err("invalid-postal-code")),
            ("123-45-67", Err("invalid-postal-code")),
            ("〒123-4567", Ok("1234567")),
            ("〒 １２３－４５６７", Ok("1234567")),
            ("〒", Err("invalid-postal-code")),
            ("123〒4567", Ok("1234567")),
            ("abc-defg", Err("invalid-postal-code")),
        ];
        for (typed, expected) in cases {
            let parsed = PostalCode::parse(typed);
            let expected = expected.map_err(|code| refused("postal_code", code));
            assert_eq!(parsed.as_ref().map(PostalCode::as_str), expected.as_ref().map(|s| *s), "{typed:?}");
        }
        assert_eq!(PostalCode::parse("1000001").expect("valid").formatted(), "100-0001");
    }

    #[test]
    fn phone_is_10_or_11_digits_with_hyphens() {
        let cases = [
            ("03-1234-5678", Ok("03-1234-5678")),
            ("0312345678", Ok("0312345678")),
            ("090-1234-5678", Ok("090-1234-5678")),
            ("０９０－１２３４－５６７８", Ok("090-1234-5678")),
            ("", Err("required")),
            ("03-1234-567", Err("invalid-phone")),
            ("090-1234-56789", Err("invalid-phone")),
            ("3-1234-56789", Err("invalid-phone")),
            ("03--1234-5678", Err("invalid-phone")),
            ("03-1234-5678-", Err("invalid-phone")),
            ("+81-3-1234-5678", Err("invalid-phone")),
            ("03 1234 5678", Err("invalid-phone")),
        ];
        for (typed, expected) in cases {
            let parsed = Phone::parse(typed);
            let expected = expected.map_err(|code| refused("phone", code));
            assert_eq!(parsed.as_ref().map(Phone::as_str), expected.as_ref().map(|s| *s), "{typed:?}");
        }
    }

    #[test]
    fn password_is_6_to_20_half_width_letters_and_digits_and_not_common() {
        let cases = [
            ("a1b2c3", Ok(())),
            ("Residency2024", Ok(())),
            ("abcdefghij0123456789", Ok(())),
            ("", Err("required")),
            ("a1b2c", Err("password-length")),
            ("abcdefghij0123456789x", Err("password-length")),
            ("pass word1", Err("password-characters")),
            ("pass_word1", Err("password-characters")),
            ("ｐａｓｓｗｏｒｄ１", Err("password-characters")),
            ("パスワード123", Err("password-characters")),
            ("password", Err("password-too-weak")),
            ("PassWord", Err("password-too-weak")),
            ("123456", Err("password-too-weak")),
            ("qwerty123", Err("password-too-weak")),
            ("abc123", Err("password-too-weak")),
            ("senkoi", Err("password-too-weak")),
            ("aaaaaaaa", Err("password-too-weak")),
            ("00000000", Err("password-too-weak")),
        ];
        for (typed, expected) in cases {
            let parsed = Password::parse(typed).map(|p| assert_eq!(p.expose(), typed));
            let expected = expected.map_err(|code| refused("password", code));
            assert_eq!(parsed, expected, "{typed:?}");
        }
    }

    #[test]
    fn password_is_never_printed() {
        let password = Password::parse("Residency2024").expect("valid");
        let printed = format!("{password:?} {:?}", Some(password.clone()));
        assert!(!printed.contains("Residency2024"), "{printed}");
    }

    #[test]
    fn license_year_month_is_read_as_people_type_it() {
        let cases = [
            ("2021-04", Ok((2021, 4))),
            ("2017-12", Ok((2017, 12))),
            ("", Err("required")),
            ("2021-4", Ok((2021, 4))),
            ("2021/04", Ok((2021, 4))),
            ("2021.4", Ok((2021, 4))),
            ("202104", Ok((2021, 4))),
            ("２０２１／４", Ok((2021, 4))),
            ("2021年4月", Ok((2021, 4))),
            ("2100-12", Ok((2100, 12))),
            ("2101-01", Err("invalid-year-month")),
            ("2021年4", Err("invalid-year-month")),
            ("20214", Err("invalid-year-month")),
            ("2021-13", Err("invalid-year-month")),
            ("2021-00", Err("invalid-year-month")),
            ("21-04", Err("invalid-year-month")),
            ("1899-04", Err("invalid-year-month")),
            ("2021-04-01", Err("invalid-year-month")),
            ("+021-04", Err("invalid-year-month")),
        ];
        for (typed, expected) in cases {
            let parsed = LicenseYearMonth::parse(typed).map(|l| (l.year(), l.month()));
            let expected = expected.map_err(|code| refused("license_year_month", code));
            assert_eq!(parsed, expected, "{typed:?}");
        }
        assert_eq!(LicenseYearMonth::parse("2021/4").expect("valid").to_string(), "2021-04");
    }

    #[test]
    fn years_since_license_follows_the_manuals_example() {
        // Manual: licensed 2017/3–5 → 3 years, whatever the month, for reference year 2020.
        for month in ["03", "04", "05"] {
            let licensed = LicenseYearMonth::parse(&format!("2017-{month}")).expect("valid");
            assert_eq!(licensed.years_since_license(2020), 3, "2017-{month}");
        }
        let cases = [("2021-04", 2024, 3), ("2022-03", 2024, 2), ("2024-04", 2024, 0), ("2025-04", 2024, -1)];
        for (licensed, reference_year, years) in cases {
            let licensed = LicenseYearMonth::parse(licensed).expect("valid");
            assert_eq!(licensed.years_since_license(reference_year), years);
        }
    }

    #[test]
    fn clinical_training_program_is_required_and_nashi_means_before_the_system() {
        let program =
            ClinicalTrainingProgram::parse(" 東京大学医学部附属病院 臨床研修プログラム ").expect("valid");
        assert_eq!(program.as_str(), "東京大学医学部附属病院 臨床研修プログラム");
        assert!(!program.is_before_system());
        assert!(ClinicalTrainingProgram::parse("なし").expect("valid").is_before_system());
        assert!(!ClinicalTrainingProgram::completion_date_required(" なし "));
        assert!(ClinicalTrainingProgram::completion_date_required("東京病院 臨床研修プログラム"));
        assert!(ClinicalTrainingProgram::completion_date_required(""));
        assert_eq!(
            ClinicalTrainingProgram::parse(" "),
            Err(refused("clinical_training_program", "required"))
        );
        assert_eq!(
            ClinicalTrainingProgram::parse(&"あ".repeat(201)),
            Err(refused("clinical_training_program", "too-long"))
        );
    }

    #[test]
    fn gender_is_male_female_or_unanswered() {
        for gender in Gender::ALL {
            assert_eq!(Gender::parse(gender.code()), Ok(gender));
        }
        let names = Gender::ALL.map(|g| (g.code(), g.name_ja(), g.name_en()));
        assert_eq!(
            names,
            [
                ("male", "男性", "Male"),
                ("female", "女性", "Female"),
                ("unanswered", "回答しない", "Prefer not to say"),
            ]
        );
        for typed in ["", "Male", "other", "男性"] {
            assert_eq!(Gender::parse(typed), Err(refused("gender", "invalid-gender")));
        }
    }

    #[test]
    fn curriculum_track_needs_a_reason_and_other_needs_it_written() {
        let cases = [
            ("program", None, None, Ok(Track::Program)),
            ("program", Some("other"), Some(""), Ok(Track::Program)),
            (
                "curriculum",
                Some("obligatory-service"),
                None,
                Ok(Track::Curriculum(CurriculumReason::ObligatoryService)),
            ),
            (
                "curriculum",
                Some("regional-medicine"),
                Some("ignored"),
                Ok(Track::Curriculum(CurriculumReason::RegionalMedicine)),
            ),
            (
                "curriculum",
                Some("other"),
                Some(" 育児のため "),
                Ok(Track::Curriculum(CurriculumReason::Other("育児のため".to_owned()))),
            ),
            ("curriculum", Some("other"), None, Err(refused("curriculum_reason_detail", "required"))),
            ("curriculum", Some("other"), Some("  "), Err(refused("curriculum_reason_detail", "required"))),
            ("curriculum", None, None, Err(refused("curriculum_reason", "required"))),
            (
                "curriculum",
                Some("study-abroad"),
                None,
                Err(refused("curriculum_reason", "invalid-curriculum-reason")),
            ),
            ("", None, None, Err(refused("track", "required"))),
            ("rotation", None, None, Err(refused("track", "invalid-track"))),
        ];
        for (track, reason, detail, expected) in cases {
            assert_eq!(parse_track(track, reason, detail), expected, "{track} {reason:?} {detail:?}");
        }
        let too_long = "理".repeat(1001);
        assert_eq!(
            parse_track("curriculum", Some("other"), Some(&too_long)),
            Err(refused("curriculum_reason_detail", "too-long"))
        );
        let track = parse_track("curriculum", Some("other"), Some("留学")).expect("valid");
        assert_eq!(track.code(), "curriculum");
        let reason = track.curriculum_reason().expect("curriculum");
        assert_eq!((reason.code(), reason.detail()), ("other", Some("留学")));
    }

    #[test]
    fn regional_quota_needs_the_prefecture_and_consent() {
        let hokkaido = Prefecture::parse("01").expect("valid");
        let cases = [
            (false, None, false, Ok(None)),
            (false, Some("99"), false, Ok(None)),
            (true, Some("01"), true, Ok(Some(RegionalQuota { prefecture: hokkaido }))),
            (true, None, true, Err(refused("regional_quota_prefecture", "required"))),
            (true, Some(""), true, Err(refused("regional_quota_prefecture", "required"))),
            (true, Some("48"), true, Err(refused("regional_quota_prefecture", "invalid-prefecture"))),
            (true, Some("01"), false, Err(refused("regional_quota_consent", "consent-required"))),
        ];
        for (quota, prefecture, consent, expected) in cases {
            assert_eq!(
                parse_regional_quota(quota, prefecture, consent),
                expected,
                "{quota} {prefecture:?} {consent}"
            );
        }
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn license_year_month_openapi_schema_is_a_string() {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{Schema, SchemaType, Type};
        let schema = <LicenseYearMonth as utoipa::PartialSchema>::schema();
        let RefOr::T(Schema::Object(object)) = schema else {
            panic!("an inline object schema");
        };
        assert!(object.schema_type == SchemaType::Type(Type::String));
        assert_eq!(object.pattern.as_deref(), Some("^[0-9]{4}-(0[1-9]|1[0-2])$"));
    }

    #[test]
    fn an_email_address_may_be_254_characters_long_and_no_longer() {
        let domain = format!("{}.{}.{}.jp", "a".repeat(63), "b".repeat(63), "c".repeat(63));
        let local = |n: usize| "x".repeat(n);
        let at_limit = format!("{}@{domain}", local(254 - domain.len() - 1));
        let past_limit = format!("{}@{domain}", local(255 - domain.len() - 1));
        assert_eq!(at_limit.len(), 254);
        assert!(Email::parse(&at_limit).is_ok());
        assert_eq!(Email::parse(&past_limit), Err(refused("email", "invalid-email")));
    }

    #[test]
    fn a_postal_code_hyphen_goes_after_the_third_digit_only() {
        for typed in ["1234-567", "12-34567", "123456-7"] {
            assert_eq!(
                PostalCode::parse(typed),
                Err(refused("postal_code", "invalid-postal-code")),
                "{typed}"
            );
        }
        assert_eq!(PostalCode::parse("123-4567").unwrap().as_str(), "1234567");
    }

    #[test]
    fn a_licence_month_needs_four_and_one_or_two_digits() {
        for typed in ["21-04", "02021-04", "2021-004", "2021-+4", "+202-04"] {
            assert_eq!(
                LicenseYearMonth::parse(typed),
                Err(refused("license_year_month", "invalid-year-month")),
                "{typed}"
            );
        }
        let month = LicenseYearMonth::parse("2021-04").unwrap();
        assert_eq!(String::from(month), "2021-04");
        assert_eq!(LicenseYearMonth::try_from("2021-04".to_string()), Ok(month));
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = Password::parse("Secret2024").unwrap();
        assert_eq!(format!("{password:?}"), "Password(…)");
    }

    #[test]
    fn curriculum_reasons_have_distinct_japanese_names() {
        let reasons = [
            CurriculumReason::ObligatoryService,
            CurriculumReason::RegionalMedicine,
            CurriculumReason::Other("育児".into()),
        ];
        let names: std::collections::HashSet<&str> = reasons.iter().map(CurriculumReason::name_ja).collect();
        assert_eq!(names.len(), 3);
        assert!(names.contains("義務年限"));
    }

    /// The OpenAPI schema (with the `openapi` feature, which the mutation runs turn on) says what
    /// the parser accepts.
    #[cfg(feature = "openapi")]
    #[test]
    fn the_licence_month_schema_is_the_parsers_pattern() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(LicenseYearMonth::schema()).unwrap();
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["pattern"], "^[0-9]{4}-(0[1-9]|1[0-2])$");
        assert_eq!(schema["examples"][0], "2021-04");
        assert!(LicenseYearMonth::parse("2021-04").is_ok() && LicenseYearMonth::parse("2021-13").is_err());
    }

    #[test]
    fn tracks_have_japanese_names() {
        assert_eq!(Track::Program.name_ja(), "プログラム制");
        assert_eq!(Track::Curriculum(CurriculumReason::RegionalMedicine).name_ja(), "カリキュラム制");
    }
}
