//! The consultation desk (専攻医相談窓口): each consultation with the hash of its reporter's
//! follow key, and its messages, whose text is stored only encrypted. Also the audit log's actor
//! kind, 16 characters until now, widened to the 32 of its type so that
//! `consultation-officer` fits (SQLite does not enforce the length).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            for table in ["audit_events", "application_events"] {
                m.alter_table(Table::alter().table(table).modify_column(string_len("actor_kind", 32)).take())
                    .await?;
            }
        }
        m.create_table(
            Table::create()
                .table("consultations")
                .col(string_len("id", 36).primary_key())
                .col(string_len("category", 20))
                .col(string_len("status", 20))
                .col(string_len("follow_token_hash", 64).unique_key())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("consultation_messages")
                .col(string_len("id", 36).primary_key())
                .col(string_len("consultation_id", 36))
                .col(timestamp_with_time_zone("at"))
                .col(string_len("author", 20))
                .col(string_len_null("officer_id", 36))
                .col(text("sealed_body"))
                .foreign_key(
                    ForeignKey::create()
                        .from("consultation_messages", "consultation_id")
                        .to("consultations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_consultation_messages_consultation")
                .table("consultation_messages")
                .col("consultation_id")
                .col("at")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("consultation_messages").take()).await?;
        m.drop_table(Table::drop().table("consultations").take()).await
    }
}
