//! The bodies of the board's administration: directors, the audit log and ceilings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::{ActorKind, AuditAction, AuditEntity, AuditSubject};
use crate::prefecture::Prefecture;

/// One audit event (who changed what, when), as `GET /audit-events` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_kind: ActorKind,
    pub actor_id: Option<String>,
    /// The actor by name where staff or a society acted (a staff member's e-mail, a society
    /// client's name); residents and the system are named by their kind alone.
    pub actor_name: Option<String>,
    /// What was done, e.g. `application.decided`.
    pub action: AuditAction,
    /// The kind of thing changed, e.g. `application`; always the action's own.
    pub entity: AuditEntity,
    pub entity_id: Option<String>,
    /// What the record is, where the log can name it without personal data (a program's name, a
    /// round's year and kind, a ceiling's cell, the program an application is to).
    pub subject: Option<AuditSubject>,
    /// What changed (before → after where it applies); never personal data.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
    /// The `x-request-id` of the request that made the change.
    pub request_id: Option<String>,
    /// The event's place in the hash chain; `null` until sealed (within seconds).
    pub seq: Option<i64>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// Someone who appears in the audit log as an actor, to filter by (`GET /audit-events/actors`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditActor {
    pub id: String,
    pub kind: ActorKind,
    /// A staff member's e-mail or a society client's name.
    pub name: String,
}

/// One cell's ceiling (シーリング) for the board: set or not, the hires so far, and the suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CeilingView {
    pub year: i32,
    /// JIS code of one of the five ceiling prefectures.
    pub prefecture: Prefecture,
    pub specialty: crate::specialty::Specialty,
    /// `null` while not set: no limit yet.
    pub ceiling: Option<u32>,
    /// Hires of the cell in the year so far (true decisions, all rounds).
    pub hired: u32,
    /// The mean of the cell's hires over the last five years the database holds, rounded half up.
    pub suggested: u32,
    /// The years the suggestion is the mean of.
    pub suggested_from_years: Vec<i32>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// `PUT /ceilings/{year}/{prefecture}/{specialty}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CeilingRequest {
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub ceiling: u32,
}

/// One proposed ceiling of a what-if (試算).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposedCeiling {
    pub prefecture: String,
    pub specialty: crate::specialty::Specialty,
    pub ceiling: u32,
}

/// `POST /ceilings/what-if`: proposed ceilings of a year, nothing saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WhatIfRequest {
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub ceilings: Vec<ProposedCeiling>,
}

/// What a proposed ceiling would do to the hires already made in its cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WhatIfCell {
    pub prefecture: Prefecture,
    pub specialty: crate::specialty::Specialty,
    pub proposed: u32,
    /// The ceiling in force now, if any.
    pub current: Option<u32>,
    pub hired: u32,
    /// How many of the hires the proposal would leave beyond it.
    pub excess: u32,
}

/// `POST /ceilings/import`: how many rows were saved (all of them, or none with a 422).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CeilingImportReport {
    pub imported: u32,
}

/// `POST /directors`: invite a program director by mail and assign programs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DirectorInvitation {
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    #[serde(default)]
    pub program_ids: Vec<String>,
}

/// `PUT /directors/{id}/programs`: the programs a director runs, replacing the previous ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DirectorPrograms {
    pub program_ids: Vec<String>,
}

/// A program director as the board sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectorView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub program_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// Whether the director has set a password through the invitation.
    pub active: bool,
}

/// `POST /staff`: invite a board admin, a consultation officer or a program director by mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffInvitation {
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// `admin`, `consultation-officer` or `director` (a director's programs are assigned at
    /// `PUT /directors/{id}/programs`).
    #[cfg_attr(feature = "openapi", schema(example = "consultation-officer"))]
    pub role: String,
}

/// A staff account as the board's admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: crate::role::Role,
    pub created_at: DateTime<Utc>,
    /// Whether the password was set through the invitation.
    pub active: bool,
    /// When an admin disabled the account; null while it may sign in.
    pub disabled_at: Option<DateTime<Utc>>,
    /// Whether the account has a second factor (TOTP) set up.
    pub second_factor: bool,
}

/// `GET /me/second-factor`: the signed-in staff member's second factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorView {
    /// Set up: every sign-in asks for a code.
    pub enabled: bool,
    pub enabled_at: Option<DateTime<Utc>>,
    /// The role must have one (board admins, consultation officers); directors may.
    pub required: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
}

/// `POST /me/second-factor`: a new secret to put in an authenticator app, by its QR code or typed
/// in; it takes effect once a first code confirms it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorEnrolment {
    /// The secret in base32, for an app that cannot scan.
    pub secret: String,
    /// `otpauth://totp/Senkoi:<email>?secret=…&issuer=Senkoi`.
    pub otpauth_url: String,
    /// The URL as a QR code, an SVG document.
    pub qr_svg: String,
}

/// `POST /me/second-factor/confirm`: the first code of the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondFactorConfirm {
    #[cfg_attr(feature = "openapi", schema(max_length = 32, example = "123456"))]
    pub code: String,
}

/// The recovery codes, shown once: each signs in once in place of the app's code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub recovery_codes: Vec<String>,
}

/// `POST /legacy-accounts/purge`: how many old-system accounts that were never moved are gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegacyPurge {
    pub purged: u64,
}

/// A program in the board's watch lists (e.g. not yet confirmed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WatchedProgram {
    pub id: String,
    pub name: String,
    pub specialty: crate::specialty::Specialty,
    pub prefecture: Prefecture,
    pub base_facility_name: String,
    /// The names of its directors, to contact.
    pub directors: Vec<String>,
}

/// An application the board watches (e.g. still unprocessed after the adjustment period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WatchedApplication {
    pub id: String,
    pub receipt_number: String,
    pub program_id: String,
    pub program_name: String,
    pub status: crate::application::ApplicationStatus,
    pub applied_at: DateTime<Utc>,
}
