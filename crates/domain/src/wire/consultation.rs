//! The bodies of the consultation desk (専攻医相談窓口). The text of a consultation travels only
//! in these bodies, between the reporter or an officer and the API; nothing else carries it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::consultation::{ConsultationCategory, ConsultationStatus, MessageAuthor};

/// `POST /consultations`: a new confidential consultation, by anyone (no account needed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsultationRequest {
    /// `harassment`, `training` or `other`.
    #[cfg_attr(feature = "openapi", schema(example = "harassment"))]
    pub category: String,
    /// What happened, in the reporter's words (1 to 4000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// The answer to a filed consultation: the private key to follow it, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationFiled {
    pub id: String,
    /// Keep it: it is the only way back to the answer (`POST /consultations/follow`). Kept by
    /// the board only as a hash.
    pub follow_token: String,
    /// The SPA's page for it, with the token after `#` so that no server ever logs it.
    pub follow_url: String,
}

/// `POST /consultations/follow`: the reporter's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub follow_token: String,
}

/// `POST /consultations/follow/messages`: the reporter adds to their consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowMessageRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub follow_token: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// `POST /consultations/{id}/messages`: an officer's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsultationMessageRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// One message of a consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationMessageView {
    pub at: DateTime<Utc>,
    pub author: MessageAuthor,
    pub body: String,
}

/// A consultation with its messages, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationView {
    pub id: String,
    pub category: ConsultationCategory,
    pub status: ConsultationStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub messages: Vec<ConsultationMessageView>,
}

/// A consultation in the officers' inbox: no text (reading one is a recorded act).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationSummary {
    pub id: String,
    pub category: ConsultationCategory,
    pub status: ConsultationStatus,
    pub message_count: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
