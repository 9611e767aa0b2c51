//! The bodies of the directors' dashboard: their programs with the room left, confirmations, and
//! the applicant list's filters and order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::capacity::Room;
use crate::prefecture::Prefecture;
use crate::specialty::Specialty;

/// A program as its director sees it on the dashboard (`GET /me/programs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectedProgram {
    pub id: String,
    pub name: String,
    pub specialty: Specialty,
    pub year: i32,
    /// The base facility's prefecture (JIS code): the ceiling's cell.
    pub prefecture: Prefecture,
    pub base_facility_name: String,
    pub researcher_course: bool,
    /// What is left under capacity and ceiling, counted now (true decisions, all rounds).
    pub room: Room,
    /// The rounds whose results this program has confirmed (募集実施確認).
    pub confirmations: Vec<Confirmation>,
    /// The round the program's applicants are in now (its current or next, among those it
    /// recruits in); `null` while its year has none.
    #[serde(default)]
    pub current: Option<DirectedRound>,
}

/// Where a director's program stands in its current round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectedRound {
    pub round_id: String,
    pub round_year: i32,
    pub round_kind: crate::round::RoundKind,
    /// Applications in it still waiting for a decision (未処理).
    pub undecided: u32,
    /// The period running now, if any.
    pub period: Option<crate::round::Period>,
    /// When that period ends: the deadline to act by.
    pub period_ends_at: Option<DateTime<Utc>>,
}

/// `POST /programs/{id}/confirmations`: confirm the program's results of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub round_id: String,
}

/// A program's confirmed results of one round (募集実施確認).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Confirmation {
    pub program_id: String,
    pub round_id: String,
    pub confirmed_at: DateTime<Utc>,
}

/// The order of a program's applicant list (`?sort=`); a leading `-` reverses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApplicantSort {
    /// Oldest application first (the default).
    #[default]
    #[serde(rename = "applied-at")]
    AppliedAt,
    #[serde(rename = "-applied-at")]
    AppliedAtDesc,
    /// By family and given name in kana (五十音順).
    #[serde(rename = "kana")]
    Kana,
    #[serde(rename = "-kana")]
    KanaDesc,
    /// Longest since the licence first (earliest licence month).
    #[serde(rename = "license")]
    License,
    #[serde(rename = "-license")]
    LicenseDesc,
}

impl ApplicantSort {
    pub const ALL: [ApplicantSort; 6] = [
        ApplicantSort::AppliedAt,
        ApplicantSort::AppliedAtDesc,
        ApplicantSort::Kana,
        ApplicantSort::KanaDesc,
        ApplicantSort::License,
        ApplicantSort::LicenseDesc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicantSort::AppliedAt => "applied-at",
            ApplicantSort::AppliedAtDesc => "-applied-at",
            ApplicantSort::Kana => "kana",
            ApplicantSort::KanaDesc => "-kana",
            ApplicantSort::License => "license",
            ApplicantSort::LicenseDesc => "-license",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicantSort> {
        ApplicantSort::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the list runs from the largest value to the smallest.
    pub fn descending(self) -> bool {
        matches!(self, ApplicantSort::AppliedAtDesc | ApplicantSort::KanaDesc | ApplicantSort::LicenseDesc)
    }
}

/// The filters of a program's applicant list, combined with AND, and its order; all optional.
/// One query for the list (`GET /programs/{id}/applications`) and its CSV export
/// (`…/applications.csv`): the server reads it, the SPA writes it ([`ApplicantFilter::pairs`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ApplicantFilter {
    /// Only the applications of this round (id).
    pub round: Option<String>,
    /// Only this (true) status.
    pub status: Option<ApplicationStatus>,
    /// `true`: only decided ones; `false`: only those without a decision (未処理).
    pub decided: Option<bool>,
    /// `applied-at` (default: oldest application first), `kana` (五十音順), `license` (longest
    /// since the licence first); a leading `-` reverses.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(required = false))]
    pub sort: ApplicantSort,
}

impl ApplicantFilter {
    /// The query's `(key, value)` pairs, values not yet encoded: those set, the default order left
    /// out (it is the server's default).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(round) = &self.round {
            pairs.push(("round", round.clone()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.code().to_string()));
        }
        if let Some(decided) = self.decided {
            pairs.push(("decided", decided.to_string()));
        }
        if self.sort != ApplicantSort::default() {
            pairs.push(("sort", self.sort.code().to_string()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_codes_round_trip_and_say_their_direction() {
        let table = [
            ("applied-at", false),
            ("-applied-at", true),
            ("kana", false),
            ("-kana", true),
            ("license", false),
            ("-license", true),
        ];
        assert_eq!(table.len(), ApplicantSort::ALL.len());
        for (sort, (code, descending)) in ApplicantSort::ALL.into_iter().zip(table) {
            assert_eq!(sort.code(), code);
            assert_eq!(ApplicantSort::parse(code), Some(sort));
            assert_eq!(sort.descending(), descending, "{code}");
            assert_eq!(serde_json::to_string(&sort).unwrap(), format!("\"{code}\""));
        }
        assert_eq!(ApplicantSort::parse("name"), None);
        assert_eq!(ApplicantSort::default(), ApplicantSort::AppliedAt);
    }

    #[test]
    fn a_filter_writes_the_pairs_it_sets_and_leaves_the_default_order_out() {
        assert!(ApplicantFilter::default().pairs().is_empty());
        let filter = ApplicantFilter {
            round: Some("r1".into()),
            status: Some(ApplicationStatus::Accepted),
            decided: Some(false),
            sort: ApplicantSort::KanaDesc,
        };
        let pairs = filter.pairs();
        assert_eq!(
            pairs,
            vec![
                ("round", "r1".to_string()),
                ("status", ApplicationStatus::Accepted.code().to_string()),
                ("decided", "false".to_string()),
                ("sort", "-kana".to_string()),
            ]
        );
        // What it writes reads back as the same filter.
        let object: serde_json::Map<String, serde_json::Value> = pairs
            .into_iter()
            .map(|(key, value)| {
                let value =
                    if key == "decided" { serde_json::json!(false) } else { serde_json::json!(value) };
                (key.to_string(), value)
            })
            .collect();
        assert_eq!(serde_json::from_value::<ApplicantFilter>(object.into()).unwrap(), filter);
    }
}
