//! Owns the board's announcements (インフォメーション): whom each is for, who may read it, and
//! what a title and a body may be.
//!
//! The rules in words: `docs/rules.md`, "Around the process".

use serde::{Deserialize, Serialize};

use crate::{DomainError, Role};

/// Whom an announcement is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(40))",
        rename_all = "kebab-case"
    )
)]
pub enum Audience {
    /// Everyone, signed in or not.
    All,
    /// Residents (専攻医).
    Residents,
    /// Program directors (統括責任者).
    Directors,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::All, Audience::Residents, Audience::Directors];

    pub fn code(self) -> &'static str {
        match self {
            Audience::All => "all",
            Audience::Residents => "residents",
            Audience::Directors => "directors",
        }
    }

    /// Code: `invalid-audience`.
    pub fn parse(code: &str) -> Result<Audience, DomainError> {
        Audience::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .ok_or(DomainError::Invalid { field: "audience", code: "invalid-audience" })
    }

    /// The audiences a reader sees: everyone sees `all`; residents and directors see theirs too;
    /// the board sees every one (it writes them).
    pub fn readable_by(reader: Option<Role>) -> Vec<Audience> {
        match reader {
            Some(Role::Resident) => vec![Audience::All, Audience::Residents],
            Some(Role::Director) => vec![Audience::All, Audience::Directors],
            Some(Role::Admin) => Audience::ALL.to_vec(),
            _ => vec![Audience::All],
        }
    }
}

/// Whether a reader sees announcements scheduled for later: only the board, which writes them.
pub fn sees_scheduled(reader: Option<Role>) -> bool {
    reader == Some(Role::Admin)
}

/// The longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// The longest body, in characters.
pub const BODY_MAX_CHARS: usize = 10_000;

/// An announcement's title: 1 to 200 characters, no control characters. Code: `invalid-title`.
pub fn parse_title(s: &str) -> Result<String, DomainError> {
    let title = s.trim();
    let fits = (1..=TITLE_MAX_CHARS).contains(&title.chars().count());
    if fits && !title.chars().any(char::is_control) {
        Ok(title.to_owned())
    } else {
        Err(DomainError::Invalid { field: "title", code: "invalid-title" })
    }
}

/// An announcement's body: 1 to 10,000 characters; line breaks and tabs allowed, no other
/// control characters. Code: `invalid-body-text`.
pub fn parse_body(s: &str) -> Result<String, DomainError> {
    let body = s.trim();
    let fits = (1..=BODY_MAX_CHARS).contains(&body.chars().count());
    let clean = body.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    if fits && clean {
        Ok(body.to_owned())
    } else {
        Err(DomainError::Invalid { field: "body", code: "invalid-body-text" })
    }
}

/// An announcement's English text beside the Japanese: optional, but a title and a body together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct English {
    pub title: String,
    pub body: String,
}

/// The English title and body as typed (blank counts as not given): both or neither. Each is
/// checked as the Japanese is, in `title_en` and `body_en`; one without the other is
/// `english-incomplete` on the missing one. Every refusal is returned, not only the first.
pub fn parse_english(title: Option<&str>, body: Option<&str>) -> Result<Option<English>, Vec<DomainError>> {
    fn given(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    match (given(title), given(body)) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(vec![DomainError::invalid("body_en", "english-incomplete")]),
        (None, Some(_)) => Err(vec![DomainError::invalid("title_en", "english-incomplete")]),
        (Some(title), Some(body)) => match (parse_title(title), parse_body(body)) {
            (Ok(title), Ok(body)) => Ok(Some(English { title, body })),
            (title, body) => Err(title
                .err()
                .map(|e| e.in_field("title_en"))
                .into_iter()
                .chain(body.err().map(|e| e.in_field("body_en")))
                .collect()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reader_sees_the_announcements_for_everyone_and_for_their_role() {
        use Audience::*;
        let cases = [
            (None, vec![All]),
            (Some(Role::Resident), vec![All, Residents]),
            (Some(Role::Director), vec![All, Directors]),
            (Some(Role::Admin), vec![All, Residents, Directors]),
            (Some(Role::Society), vec![All]),
            (Some(Role::ConsultationOfficer), vec![All]),
        ];
        for (reader, expected) in cases {
            assert_eq!(Audience::readable_by(reader), expected, "{reader:?}");
        }
    }

    #[test]
    fn audiences_read_back_from_their_codes() {
        for audience in Audience::ALL {
            assert_eq!(Audience::parse(audience.code()), Ok(audience));
            assert_eq!(serde_json::to_value(audience).unwrap(), audience.code());
        }
        assert_eq!(
            Audience::parse("everyone"),
            Err(DomainError::Invalid { field: "audience", code: "invalid-audience" })
        );
    }

    #[test]
    fn a_title_is_one_line_of_at_most_200_characters_and_a_body_may_have_line_breaks() {
        assert_eq!(parse_title(" お知らせ ").as_deref(), Ok("お知らせ"));
        assert!(parse_title(&"あ".repeat(TITLE_MAX_CHARS)).is_ok());
        for bad in ["", "  ", "a\nb"] {
            assert_eq!(parse_title(bad).unwrap_err().code(), "invalid-title", "{bad:?}");
        }
        assert!(parse_title(&"あ".repeat(TITLE_MAX_CHARS + 1)).is_err());
        assert_eq!(parse_body("一行目\n二行目\t").as_deref(), Ok("一行目\n二行目"));
        assert!(parse_body(&"あ".repeat(BODY_MAX_CHARS)).is_ok());
        for bad in ["", "a\u{7}b"] {
            assert_eq!(parse_body(bad).unwrap_err().code(), "invalid-body-text", "{bad:?}");
        }
        assert!(parse_body(&"あ".repeat(BODY_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn only_the_board_sees_scheduled_announcements() {
        let table = [
            (None, false),
            (Some(Role::Resident), false),
            (Some(Role::Director), false),
            (Some(Role::Society), false),
            (Some(Role::ConsultationOfficer), false),
            (Some(Role::Admin), true),
        ];
        for (reader, sees) in table {
            assert_eq!(sees_scheduled(reader), sees, "{reader:?}");
        }
    }

    #[test]
    fn an_english_text_is_a_title_and_a_body_or_nothing() {
        assert_eq!(parse_english(None, Some("  ")), Ok(None));
        assert_eq!(
            parse_english(Some(" Second round "), Some("It opens.")),
            Ok(Some(English { title: "Second round".into(), body: "It opens.".into() }))
        );
        assert_eq!(
            parse_english(Some("Second round"), None),
            Err(vec![DomainError::invalid("body_en", "english-incomplete")])
        );
        assert_eq!(
            parse_english(Some(""), Some("It opens.")),
            Err(vec![DomainError::invalid("title_en", "english-incomplete")])
        );
        let long = "x".repeat(TITLE_MAX_CHARS + 1);
        assert_eq!(
            parse_english(Some(&long), Some("b\u{7}")),
            Err(vec![
                DomainError::invalid("title_en", "invalid-title"),
                DomainError::invalid("body_en", "invalid-body-text")
            ])
        );
    }
}
