//! The old system's export (旧システム), read from CSV: a header row naming the columns, every
//! row checked, and every refused row reported by its line, so the board can fix the file and
//! import it whole.

use senkoi_domain::registration::{Email, MedicalRegistrationNumber};
use senkoi_domain::resident::{ProfileChange, parse_date};
use senkoi_domain::specialty::Specialty;

use crate::error::FieldError;
use crate::tabular::{self, Row, refused, refused_by};

/// The longest legacy user ID.
pub const LEGACY_ID_MAX_CHARS: usize = 32;

/// The columns every row needs; any other column named after a registration-form field (e.g.
/// `family_name_kana`, `postal_code`) is carried over too.
const REQUIRED_COLUMNS: [&str; 6] =
    ["legacy_user_id", "email", "date_of_birth", "name", "medical_registration_number", "specialty"];

/// One row of the old system's export, checked.
pub struct LegacyRow {
    pub legacy_user_id: String,
    pub email: String,
    pub date_of_birth: chrono::NaiveDate,
    pub family_name: String,
    pub given_name: String,
    pub number: String,
    pub specialty: Specialty,
    pub profile: ProfileChange,
}

/// Reads the whole file; answers every refused row (by line) or every row.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<LegacyRow>, Vec<FieldError>> {
    let (mut rows, mut errors, mut seen) = (Vec::new(), Vec::new(), std::collections::HashSet::new());
    for row in tabular::read(bytes, &REQUIRED_COLUMNS)? {
        let line = row.line;
        match parse_row(row) {
            Ok(row) if !seen.insert(row.legacy_user_id.clone()) => errors.push(refused(
                line,
                "legacy_user_id",
                "duplicate-legacy-user-id",
                format!("{line}行目: 旧ユーザIDが重複しています。"),
            )),
            Ok(row) => rows.push(row),
            Err(mut refusals) => errors.append(&mut refusals),
        }
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

fn parse_row(mut row: Row) -> Result<LegacyRow, Vec<FieldError>> {
    let line = row.line;
    let mut take = |key: &str| row.take(key);
    let (id, email, born, name, number, specialty) = (
        take("legacy_user_id"),
        take("email"),
        take("date_of_birth"),
        take("name"),
        take("medical_registration_number"),
        take("specialty"),
    );
    let mut errors = Vec::new();
    if id.is_empty() || id.chars().count() > LEGACY_ID_MAX_CHARS || id.chars().any(char::is_control) {
        errors.push(refused(
            line,
            "legacy_user_id",
            "invalid-legacy-user-id",
            format!("{line}行目: 旧ユーザIDが正しくありません。"),
        ));
    }
    let email = Email::parse(&email).map_err(|e| errors.push(refused_by(line, e))).ok();
    let born = parse_date("date_of_birth", &born).map_err(|e| errors.push(refused_by(line, e))).ok();
    let names = name.split_once([' ', '\u{3000}']).map(|(f, g)| (f.trim().to_owned(), g.trim().to_owned()));
    let names = names.filter(|(f, g)| !f.is_empty() && !g.is_empty());
    if names.is_none() {
        errors.push(refused(
            line,
            "name",
            "invalid-name",
            format!("{line}行目: 氏名は姓と名を空白で区切ってください。"),
        ));
    }
    let number = MedicalRegistrationNumber::parse(&number).map_err(|e| errors.push(refused_by(line, e))).ok();
    let specialty = Specialty::parse(&specialty).map_err(|e| errors.push(refused_by(line, e))).ok();
    let profile = serde_json::from_value::<ProfileChange>(serde_json::Value::Object(row.cells))
        .map_err(|e| {
            errors.push(refused(
                line,
                "file",
                "unknown-column",
                format!("{line}行目: 使えない列があります: {e}"),
            ))
        })
        .ok();
    match (email, born, names, number, specialty, profile) {
        (
            Some(email),
            Some(date_of_birth),
            Some((family_name, given_name)),
            Some(number),
            Some(specialty),
            Some(profile),
        ) if errors.is_empty() => Ok(LegacyRow {
            legacy_user_id: id,
            email: email.as_str().to_owned(),
            date_of_birth,
            family_name,
            given_name,
            number: number.as_str().to_owned(),
            specialty,
            profile,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_reads_every_row_with_extra_form_columns() {
        let csv = "\u{FEFF}legacy_user_id,email,date_of_birth,name,medical_registration_number,specialty,phone\n\
                   OLD-1,a@example.jp,1990-01-02,山田 太郎,123456,surgery,03-1111-2222\n\
                   OLD-2,b@example.jp,1991-03-04,佐藤　花子,7654321,pediatrics,\n";
        let rows = parse_csv(csv.as_bytes()).map_err(|e| format!("{e:?}")).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].family_name.as_str(), rows[0].given_name.as_str(), rows[0].number.as_str()),
            ("山田", "太郎", "0123456")
        );
        assert_eq!(rows[0].profile.phone.as_deref(), Some("03-1111-2222"));
        assert_eq!((rows[1].given_name.as_str(), rows[1].profile.phone.as_deref()), ("花子", None));
    }

    #[test]
    fn every_bad_row_is_reported_by_line() {
        let csv = "legacy_user_id,email,date_of_birth,name,medical_registration_number,specialty\n\
                   OLD-1,a@example.jp,1990-01-02,山田 太郎,1234567,surgery\n\
                   OLD-2,not-an-address,1990-13-01,山田,12,dentistry\n\
                   OLD-1,c@example.jp,1990-01-02,山田 太郎,7654321,surgery\n";
        let errors = parse_csv(csv.as_bytes()).err().unwrap();
        let found: Vec<(Option<u64>, &str)> = errors.iter().map(|e| (e.line, e.code.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(3), "invalid-email"),
                (Some(3), "invalid-date"),
                (Some(3), "invalid-name"),
                (Some(3), "invalid-medical-registration-number"),
                (Some(3), "unknown-specialty"),
                (Some(4), "duplicate-legacy-user-id"),
            ]
        );
        assert!(errors[0].message.starts_with("3行目"));
    }

    #[test]
    fn a_file_without_a_required_column_is_refused_at_line_one() {
        let errors = parse_csv(b"legacy_user_id,email\nOLD-1,a@example.jp\n").err().unwrap();
        assert!(errors.iter().all(|e| e.line == Some(1) && e.code == "missing-column"));
        assert_eq!(errors.len(), 4);
    }
}
