//! Owns the consultation desk (専攻医相談窓口): what a confidential consultation is about, what its
//! text may be, and where it stands. Who may read it (consultation officers only) and how it is
//! kept (encrypted) are the API's to enforce; the seed's promise is that the names of people and
//! hospitals never leak.
//!
//! The rules in words: `docs/rules.md`, "Around the process".

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What a consultation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))",
        rename_all = "kebab-case"
    )
)]
pub enum ConsultationCategory {
    /// ハラスメント
    Harassment,
    /// 研修内容・研修環境: the training itself is obstructed.
    Training,
    /// その他
    Other,
}

impl ConsultationCategory {
    pub const ALL: [ConsultationCategory; 3] =
        [ConsultationCategory::Harassment, ConsultationCategory::Training, ConsultationCategory::Other];

    pub fn code(self) -> &'static str {
        match self {
            ConsultationCategory::Harassment => "harassment",
            ConsultationCategory::Training => "training",
            ConsultationCategory::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<ConsultationCategory, DomainError> {
        ConsultationCategory::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .ok_or(DomainError::invalid("category", "unknown-consultation-category"))
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            ConsultationCategory::Harassment => "ハラスメント",
            ConsultationCategory::Training => "研修内容・研修環境",
            ConsultationCategory::Other => "その他",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ConsultationCategory::Harassment => "Harassment",
            ConsultationCategory::Training => "Training and its environment",
            ConsultationCategory::Other => "Other",
        }
    }
}

/// Where a consultation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))",
        rename_all = "kebab-case"
    )
)]
pub enum ConsultationStatus {
    /// 受付: the reporter spoke last; an officer owes an answer.
    Open,
    /// 回答済み: an officer answered last.
    Answered,
}

impl ConsultationStatus {
    /// After a message by the reporter or by an officer.
    pub fn after_message(by: MessageAuthor) -> ConsultationStatus {
        match by {
            MessageAuthor::Officer => ConsultationStatus::Answered,
            MessageAuthor::Reporter => ConsultationStatus::Open,
        }
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))",
        rename_all = "kebab-case"
    )
)]
pub enum MessageAuthor {
    /// 相談者
    Reporter,
    /// 相談窓口 (an officer; which one is not told to the reporter)
    Officer,
}

/// The longest message of a consultation, in characters.
pub const MESSAGE_MAX_CHARS: usize = 4000;

/// A message of a consultation, from the reporter or an officer: trimmed, 1 to 4000 characters,
/// line breaks and tabs allowed. Codes: `required`, `too-long`, `invalid-characters`.
#[derive(Clone, PartialEq, Eq)]
pub struct ConsultationText(String);

impl ConsultationText {
    pub fn parse(text: &str) -> Result<ConsultationText, DomainError> {
        crate::text::written("body", text, MESSAGE_MAX_CHARS, &['\n', '\t']).map(ConsultationText)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never prints the text: a consultation must not reach a log through a `{:?}`.
impl std::fmt::Debug for ConsultationText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConsultationText({} chars)", self.0.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_read_from_their_codes() {
        for category in ConsultationCategory::ALL {
            assert_eq!(ConsultationCategory::parse(category.code()), Ok(category));
            assert!(!category.name_ja().is_empty() && !category.name_en().is_empty());
        }
        let codes: Vec<&str> = ConsultationCategory::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, ["harassment", "training", "other"]);
        assert_eq!(
            ConsultationCategory::parse("bullying").unwrap_err().code(),
            "unknown-consultation-category"
        );
    }

    #[test]
    fn categories_have_their_names_in_both_languages() {
        let names: Vec<(&str, &str)> =
            ConsultationCategory::ALL.iter().map(|c| (c.name_ja(), c.name_en())).collect();
        assert_eq!(
            names,
            [
                ("ハラスメント", "Harassment"),
                ("研修内容・研修環境", "Training and its environment"),
                ("その他", "Other")
            ]
        );
    }

    #[test]
    fn a_message_is_trimmed_bounded_and_may_break_lines() {
        let longest = "あ".repeat(MESSAGE_MAX_CHARS);
        let too_long = "あ".repeat(MESSAGE_MAX_CHARS + 1);
        let cases = [
            (" 相談です ", Ok("相談です")),
            ("1行目\n\t2行目", Ok("1行目\n\t2行目")),
            (longest.as_str(), Ok(longest.as_str())),
            (too_long.as_str(), Err("too-long")),
            ("\n \n", Err("required")),
            ("a\u{7}b", Err("invalid-characters")),
        ];
        for (typed, expected) in cases {
            let parsed = ConsultationText::parse(typed);
            assert_eq!(parsed.as_ref().map(ConsultationText::as_str).map_err(DomainError::code), expected);
        }
        assert_eq!(ConsultationText::parse("").unwrap_err().field(), Some("body"));
    }

    #[test]
    fn a_message_never_shows_in_debug_output() {
        let text = ConsultationText::parse("東京病院の山田医師").expect("a message");
        let shown = format!("{text:?}");
        assert!(!shown.contains("山田") && !shown.contains("東京"), "{shown}");
        assert_eq!(shown, "ConsultationText(9 chars)");
    }

    #[test]
    fn the_status_follows_who_spoke_last() {
        assert_eq!(ConsultationStatus::after_message(MessageAuthor::Officer), ConsultationStatus::Answered);
        assert_eq!(ConsultationStatus::after_message(MessageAuthor::Reporter), ConsultationStatus::Open);
    }
}
