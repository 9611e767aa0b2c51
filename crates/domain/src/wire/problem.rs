//! The body of every error answer, `application/problem+json` (RFC 9457): written by the server,
//! read by the SPA, one definition for both. A limit's refusal carries its [`Figures`], from which
//! the reader rebuilds the domain's own refusal ([`Figures::refusal`]) and words it in its
//! language.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// An RFC 9457 problem, plus the machine `code` and, for validation, the failing fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// For people: Japanese.
    pub detail: String,
    /// For machines: stable, kebab-case.
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
    /// The figures behind a capacity or ceiling refusal: `limit` (the capacity or the ceiling),
    /// `hired` (already counted) and `requested` (the acceptances of this request).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub figures: Option<Figures>,
}

impl Problem {
    /// A problem with `code`, its `type` the code's URN.
    pub fn new(status: u16, title: &str, code: &str, detail: &str) -> Problem {
        Problem {
            problem_type: format!("urn:senkoi:problem:{code}"),
            title: title.to_string(),
            status,
            detail: detail.to_string(),
            code: code.to_string(),
            errors: Vec::new(),
            figures: None,
        }
    }
}

/// One invalid field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
    /// For an uploaded file (CSV): the line of the refused row, counting the header as line 1.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u64>,
}

impl From<DomainError> for FieldError {
    /// The `errors[]` entry of a validation refusal, with its Japanese message.
    fn from(e: DomainError) -> FieldError {
        FieldError {
            field: e.field().unwrap_or_default().to_string(),
            code: e.code().to_string(),
            message: e.message_ja(),
            line: None,
        }
    }
}

/// The figures of a refusal by a limit: the limit (also named as what it is, `capacity` or
/// `ceiling`), the hires already counted and, for an acceptance, how many the request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub limit: u32,
    /// The program's capacity, when it is the limit.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub capacity: Option<u32>,
    /// The cell's ceiling, when it is the limit.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ceiling: Option<u32>,
    pub hired: u32,
    /// The acceptances of the refused request; absent when a limit was set below the hires.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub requested: Option<u32>,
}

impl Figures {
    /// The figures of a refusal by a limit; `None` for any other refusal.
    pub fn of(error: &DomainError) -> Option<Figures> {
        let capacity = |limit, hired, requested| Figures {
            limit,
            capacity: Some(limit),
            ceiling: None,
            hired,
            requested,
        };
        let ceiling = |limit, hired, requested| Figures {
            limit,
            capacity: None,
            ceiling: Some(limit),
            hired,
            requested,
        };
        match *error {
            DomainError::CapacityExceeded { capacity: limit, hired, requested } => {
                Some(capacity(limit, hired, Some(requested)))
            }
            DomainError::CeilingExceeded { ceiling: limit, hired, requested } => {
                Some(ceiling(limit, hired, Some(requested)))
            }
            DomainError::CapacityBelowHires { capacity: limit, hired } => Some(capacity(limit, hired, None)),
            DomainError::CeilingBelowHires { ceiling: limit, hired } => Some(ceiling(limit, hired, None)),
            _ => None,
        }
    }

    /// The domain's refusal that a problem with `code` and these figures tells of, so that a
    /// reader words it as the domain does, in its own language.
    pub fn refusal(&self, code: &str) -> Option<DomainError> {
        let Figures { limit, hired, .. } = *self;
        let requested = self.requested.unwrap_or_default();
        let refusal = match code {
            "capacity-exceeded" => DomainError::CapacityExceeded { capacity: limit, hired, requested },
            "ceiling-exceeded" => DomainError::CeilingExceeded { ceiling: limit, hired, requested },
            "capacity-below-hires" => DomainError::CapacityBelowHires { capacity: limit, hired },
            "ceiling-below-hires" => DomainError::CeilingBelowHires { ceiling: limit, hired },
            _ => return None,
        };
        // Only a code of the refusal the figures are of.
        (refusal.code() == code).then_some(refusal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_by_a_limit_travels_as_figures_and_comes_back_the_same() {
        let limits = [
            DomainError::CapacityExceeded { capacity: 5, hired: 4, requested: 2 },
            DomainError::CeilingExceeded { ceiling: 30, hired: 30, requested: 1 },
            DomainError::CapacityBelowHires { capacity: 3, hired: 4 },
            DomainError::CeilingBelowHires { ceiling: 10, hired: 12 },
        ];
        for refusal in &limits {
            let figures = Figures::of(refusal).expect("a limit's refusal has figures");
            let json = serde_json::to_value(figures).unwrap();
            let read: Figures = serde_json::from_value(json).unwrap();
            assert_eq!(read.refusal(refusal.code()).as_ref(), Some(refusal), "{refusal:?}");
        }
        assert_eq!(Figures::of(&DomainError::WithdrawalClosed), None);
        let capacity = Figures::of(&limits[0]).unwrap();
        assert_eq!(capacity.refusal("withdrawal-closed"), None);
    }

    #[test]
    fn figures_name_their_limit_and_leave_out_what_a_refusal_has_not() {
        let exceeded = Figures::of(&DomainError::CeilingExceeded { ceiling: 30, hired: 29, requested: 2 });
        assert_eq!(
            serde_json::to_value(exceeded).unwrap(),
            serde_json::json!({"limit": 30, "ceiling": 30, "hired": 29, "requested": 2})
        );
        let below = Figures::of(&DomainError::CapacityBelowHires { capacity: 3, hired: 4 });
        assert_eq!(
            serde_json::to_value(below).unwrap(),
            serde_json::json!({"limit": 3, "capacity": 3, "hired": 4})
        );
    }

    #[test]
    fn a_problem_reads_back_as_written() {
        let mut problem =
            Problem::new(422, "Unprocessable Entity", "validation-failed", "入力内容に誤りがあります。");
        let refused = DomainError::invalid("email", "required");
        let entry = FieldError::from(refused.clone());
        assert_eq!(
            (entry.field.as_str(), entry.code.as_str(), entry.message.as_str(), entry.line),
            ("email", "required", refused.message_ja().as_str(), None),
            "the field, code and Japanese message of the refusal"
        );
        problem.errors.push(entry);
        assert_eq!(problem.problem_type, "urn:senkoi:problem:validation-failed");
        let json = serde_json::to_value(&problem).unwrap();
        assert!(json.get("figures").is_none(), "absent, not null: {json}");
        assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), problem);
    }
}
