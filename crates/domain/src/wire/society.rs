//! The bodies of societies' clients (学会のシステム): their registration by the board, their
//! secrets, and the OAuth 2 token they sign in with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::specialty::Specialty;

/// `POST /society-clients`: a client for one specialty's society.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SocietyClientRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    pub specialty: Specialty,
}

/// One secret of a client, without the secret itself (never kept in clear).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientSecretView {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A society client as the board sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyClientView {
    pub id: String,
    /// What the society's system sends as `client_id`.
    pub client_id: String,
    pub name: String,
    pub specialty: Specialty,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub secrets: Vec<ClientSecretView>,
}

/// A secret just made: `client_secret` is shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedSecret {
    pub client_id: String,
    pub secret_id: String,
    pub client_secret: String,
}

/// `POST /society-clients` answers the client with its first secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocietyClientCreated {
    #[serde(flatten)]
    pub client: SocietyClientView,
    pub client_secret: String,
}

/// `POST /auth/token` (RFC 6749 §5.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientToken {
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds.
    pub expires_in: i64,
    /// `specialty:<code>`: the one specialty the token reaches.
    pub scope: String,
}

/// An OAuth 2 error body (RFC 6749 §5.2): `invalid_request`, `invalid_client`,
/// `unsupported_grant_type`, `invalid_scope`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}
