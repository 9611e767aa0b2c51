//! The sea-orm entities: one module per table, columns as in the migrations crate.

macro_rules! no_relations {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}
        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod specialty {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "specialties")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub name_ja: String,
        pub name_en: String,
        pub ceiling_exempt: bool,
        pub sort_order: i32,
    }
    no_relations!();
}

pub mod prefecture {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "prefectures")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub name_ja: String,
        pub name_en: String,
        pub has_ceiling: bool,
    }
    no_relations!();
}

pub mod staff_user {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub email: String,
        pub name: String,
        pub role: senkoi_domain::Role,
        pub password_hash: Option<String>,
        pub created_at: DateTimeUtc,
        pub disabled_at: Option<DateTimeUtc>,
        /// The TOTP secret, sealed ([`crate::sealing`]); pending while `totp_enabled_at` is null.
        pub totp_secret_sealed: Option<String>,
        /// When the second factor was confirmed by a first code; null: none.
        pub totp_enabled_at: Option<DateTimeUtc>,
        /// The last TOTP time step accepted: a code is good once.
        pub totp_last_step: Option<i64>,
    }
    no_relations!();
}

pub mod recovery_code {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "recovery_codes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code_hash: String,
        pub staff_user_id: String,
        pub created_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod facility {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "facilities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub name: String,
        pub prefecture: senkoi_domain::prefecture::Prefecture,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod program {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "programs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub name: String,
        pub specialty: senkoi_domain::specialty::Specialty,
        pub year: i32,
        pub base_facility_id: String,
        pub capacity: i32,
        pub researcher_course: bool,
        /// 研修年限: see [`senkoi_domain::training::ProgramYears`].
        pub training_years: i32,
        pub contact: String,
        pub description: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod program_affiliation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "program_affiliations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub program_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub facility_id: String,
    }
    no_relations!();
}

pub mod program_director {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "program_directors")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub program_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub staff_user_id: String,
    }
    no_relations!();
}

pub mod round {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rounds")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub year: i32,
        pub kind: senkoi_domain::round::RoundKind,
        pub application_starts_at: DateTimeUtc,
        pub application_ends_at: DateTimeUtc,
        pub adjustment_starts_at: Option<DateTimeUtc>,
        pub adjustment_ends_at: Option<DateTimeUtc>,
        pub confirmation_starts_at: Option<DateTimeUtc>,
        pub confirmation_ends_at: Option<DateTimeUtc>,
        pub results_at: DateTimeUtc,
        /// When the opening mail was queued (or found too late to send); null until then.
        pub opening_mailed_at: Option<DateTimeUtc>,
        /// When the results mail was queued (or found too late to send); null until then.
        pub results_mailed_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();

    impl Model {
        /// The stored schedule as the domain's. It was checked when it was written, so a row that
        /// no longer passes (a period half set, periods out of order) is an internal error, never
        /// a refusal of the request that read it.
        pub fn schedule(&self) -> Result<senkoi_domain::round::RoundSchedule, crate::error::ApiError> {
            use senkoi_domain::time::Window;
            let broken = |why: String| crate::error::ApiError::Internal(format!("round {}: {why}", self.id));
            let window = |start: Option<DateTimeUtc>, end: Option<DateTimeUtc>| match (start, end) {
                (Some(start), Some(end)) => {
                    Window::new(start, end).map(Some).map_err(|e| broken(e.to_string()))
                }
                (None, None) => Ok(None),
                _ => Err(broken("a period with one end".into())),
            };
            let application = Window::new(self.application_starts_at, self.application_ends_at)
                .map_err(|e| broken(e.to_string()))?;
            let adjustment = window(self.adjustment_starts_at, self.adjustment_ends_at)?;
            let confirmation = window(self.confirmation_starts_at, self.confirmation_ends_at)?;
            senkoi_domain::round::RoundSchedule::new(
                self.year,
                self.kind,
                application,
                adjustment,
                confirmation,
                self.results_at,
            )
            .map_err(|e| broken(e.to_string()))
        }
    }
}

pub mod application {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "applications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub resident_id: String,
        pub program_id: String,
        pub round_id: String,
        pub status: senkoi_domain::application::ApplicationStatus,
        pub decision: Option<senkoi_domain::application::Decision>,
        pub applied_at: DateTimeUtc,
        /// 受付番号, see [`senkoi_domain::application::receipt_number`].
        pub receipt_number: String,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();

    /// An application's round, so that a resident's history reads in one query with its rounds.
    impl Related<super::round::Entity> for Entity {
        fn to() -> RelationDef {
            Entity::belongs_to(super::round::Entity).from(Column::RoundId).to(super::round::Column::Id).into()
        }
    }

    impl Model {
        /// The stored pair as the domain's state; a pair no code path writes is an internal
        /// error, never a refusal.
        pub fn state(&self) -> Result<senkoi_domain::Application, crate::error::ApiError> {
            senkoi_domain::Application::from_stored(self.status, self.decision)
                .map_err(|e| crate::error::ApiError::Internal(format!("application {}: {e}", self.id)))
        }
    }
}

pub mod ceiling {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "ceilings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub year: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub prefecture: senkoi_domain::prefecture::Prefecture,
        #[sea_orm(primary_key, auto_increment = false)]
        pub specialty: senkoi_domain::specialty::Specialty,
        pub ceiling: i32,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod announcement {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "announcements")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub title: String,
        pub body: String,
        pub audience: senkoi_domain::announcement::Audience,
        pub published_at: DateTimeUtc,
        pub created_by: Option<String>,
        /// The English text, both or neither.
        pub title_en: Option<String>,
        pub body_en: Option<String>,
        pub updated_at: Option<DateTimeUtc>,
        /// Set once it is withdrawn: only the board reads it from then on.
        pub withdrawn_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod audit_event {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub at: DateTimeUtc,
        pub actor_kind: crate::stored::ActorKind,
        pub actor_id: Option<String>,
        pub action: senkoi_domain::audit::AuditAction,
        pub entity: senkoi_domain::audit::AuditEntity,
        pub entity_id: Option<String>,
        pub detail: String,
        /// The event's place in the hash chain; `None` until the sealer reaches it.
        pub seq: Option<i64>,
        pub prev_hash: Option<String>,
        pub hash: Option<String>,
        /// The `x-request-id` of the request that made the change.
        pub request_id: Option<String>,
    }
    no_relations!();
}

pub mod program_confirmation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "program_confirmations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub program_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub round_id: String,
        pub confirmed_at: DateTimeUtc,
        pub confirmed_by: String,
    }
    no_relations!();
}

pub mod society_client {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "society_clients")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        /// The public identifier the society's system sends (`client_id`).
        pub client_id: String,
        pub name: String,
        /// The one specialty whose data the client reaches.
        pub specialty: senkoi_domain::specialty::Specialty,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod society_client_secret {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "society_client_secrets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub society_client_id: String,
        /// SHA-256 of the secret: the secret itself is shown once and never kept.
        pub secret_hash: String,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod refresh_token {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "refresh_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub token_hash: String,
        pub family_id: String,
        pub subject_kind: crate::stored::SubjectKind,
        pub subject_id: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod resident {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "residents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub user_id: String,
        pub email: String,
        pub password_hash: String,
        pub family_name: String,
        pub given_name: String,
        pub family_name_kana: String,
        pub given_name_kana: String,
        pub date_of_birth: Date,
        pub gender: String,
        pub medical_registration_number: String,
        pub license_year_month: String,
        pub postal_code: String,
        pub prefecture: String,
        pub address: String,
        pub phone: String,
        pub clinical_training_program: String,
        pub clinical_training_completed_on: Option<Date>,
        pub specialty: senkoi_domain::specialty::Specialty,
        pub track: String,
        pub curriculum_reason: Option<String>,
        pub curriculum_reason_detail: Option<String>,
        pub regional_quota: bool,
        pub regional_quota_prefecture: Option<String>,
        pub regional_quota_consent: bool,
        pub legacy_user_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub deleted_at: Option<DateTimeUtc>,
    }
    no_relations!();

    /// A resident's applications, so that an account reads in one query with its history.
    impl Related<super::application::Entity> for Entity {
        fn to() -> RelationDef {
            let of_resident: RelationDef = super::application::Entity::belongs_to(Entity)
                .from(super::application::Column::ResidentId)
                .to(Column::Id)
                .into();
            of_resident.rev()
        }
    }
}

pub mod application_event {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub application_id: String,
        pub at: DateTimeUtc,
        pub actor_kind: crate::stored::ActorKind,
        pub actor_id: Option<String>,
        pub action: crate::stored::ApplicationAction,
        pub status: senkoi_domain::application::ApplicationStatus,
        pub decision: Option<senkoi_domain::application::Decision>,
    }
    no_relations!();
}

pub mod one_time_token {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "one_time_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub token_hash: String,
        /// A [`senkoi_domain::resident::LinkPurpose`] code.
        pub purpose: senkoi_domain::link::LinkPurpose,
        pub email: String,
        pub subject_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        /// When a newer link of the same purpose was mailed for the same account or address.
        pub superseded_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod mail_outbox {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_outbox")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub to_address: String,
        pub subject: String,
        pub body: String,
        pub created_at: DateTimeUtc,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub sent_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
    }
    no_relations!();
}

pub mod legacy_account {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "legacy_accounts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub legacy_user_id: String,
        pub email: String,
        pub date_of_birth: Date,
        pub family_name: String,
        pub given_name: String,
        pub medical_registration_number: String,
        pub specialty: senkoi_domain::specialty::Specialty,
        /// A JSON object of further registration-form fields from the old system.
        pub profile: String,
        pub imported_at: DateTimeUtc,
        pub migrated_at: Option<DateTimeUtc>,
        pub resident_id: Option<String>,
    }
    no_relations!();
}

pub mod webhook_endpoint {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_endpoints")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub society_client_id: String,
        pub url: String,
        /// The `whsec_` signing secret: kept, since every delivery is signed with it.
        pub secret: String,
        pub description: Option<String>,
        pub created_at: DateTimeUtc,
        pub deleted_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod webhook_subscription {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_subscriptions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub endpoint_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub event: senkoi_domain::webhook::WebhookEvent,
    }
    no_relations!();
}

pub mod webhook_delivery {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        /// `msg_…`: the `webhook-id` header, the same on every attempt and replay.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub endpoint_id: String,
        pub event: senkoi_domain::webhook::WebhookEvent,
        /// The JSON body, exactly as signed and sent.
        pub payload: String,
        pub created_at: DateTimeUtc,
        /// Attempts since it was queued or last replayed.
        pub attempts: i32,
        /// When it is due; `None` once delivered or given up.
        pub next_attempt_at: Option<DateTimeUtc>,
        pub delivered_at: Option<DateTimeUtc>,
        pub failed_at: Option<DateTimeUtc>,
    }
    no_relations!();
}

pub mod webhook_attempt {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_attempts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub delivery_id: String,
        pub at: DateTimeUtc,
        pub status: Option<i32>,
        pub error: Option<String>,
        pub duration_ms: i64,
    }
    no_relations!();
}

pub mod program_tombstone {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "program_tombstones")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub program_id: String,
        pub specialty: senkoi_domain::specialty::Specialty,
        pub deleted_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod sandbox_resident {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sandbox_residents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub resident_id: String,
        pub society_client_id: String,
        pub created_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod training_record {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "training_records")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub resident_id: String,
        pub program_id: String,
        pub facility_id: String,
        pub from_on: Date,
        pub to_on: Date,
        pub status: senkoi_domain::training::RecordStatus,
        pub kept_by: senkoi_domain::training::RecordKeeper,
        pub return_reason: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();

    impl Model {
        pub fn period(&self) -> senkoi_domain::training::TrainingPeriod {
            senkoi_domain::training::TrainingPeriod {
                facility_id: self.facility_id.clone(),
                from: self.from_on,
                to: self.to_on,
            }
        }
    }
}

pub mod completion {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "completions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub resident_id: String,
        pub program_id: String,
        pub stage: senkoi_domain::completion::CompletionStage,
        pub filed_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub fee_paid_at: Option<DateTimeUtc>,
        pub certificate_number: Option<String>,
        pub certificate_issued_at: Option<DateTimeUtc>,
    }
    no_relations!();

    impl Model {
        pub fn certification(&self) -> senkoi_domain::completion::Certification {
            senkoi_domain::completion::Certification {
                stage: self.stage,
                fee_paid: self.fee_paid_at.is_some(),
                issued: self.certificate_issued_at.is_some(),
            }
        }
    }
}

pub mod completion_event {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "completion_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub completion_id: String,
        pub at: DateTimeUtc,
        pub actor_role: senkoi_domain::Role,
        pub actor_id: Option<String>,
        pub action: senkoi_domain::completion::CompletionAction,
        pub stage: senkoi_domain::completion::CompletionStage,
        pub reason: Option<String>,
    }
    no_relations!();
}

pub mod consultation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "consultations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub category: senkoi_domain::consultation::ConsultationCategory,
        pub status: senkoi_domain::consultation::ConsultationStatus,
        /// SHA-256 of the reporter's follow key; the key itself is never kept.
        pub follow_token_hash: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    no_relations!();
}

pub mod consultation_message {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "consultation_messages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub consultation_id: String,
        pub at: DateTimeUtc,
        pub author: senkoi_domain::consultation::MessageAuthor,
        pub officer_id: Option<String>,
        /// The text, encrypted: see [`crate::sealing`].
        pub sealed_body: String,
    }
    no_relations!();
}
