//! Resident accounts: one live account per email address, and the old system's accounts
//! (旧システム) staged for migration.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A deleted account frees its address for a new one (same SQL on SQLite and PostgreSQL).
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_residents_live_email ON residents (email) WHERE deleted_at IS NULL",
            )
            .await?;

        m.create_table(
            Table::create()
                .table("legacy_accounts")
                .col(string_len("legacy_user_id", 32).primary_key())
                .col(string_len("email", 254))
                .col(date("date_of_birth"))
                .col(string("family_name"))
                .col(string("given_name"))
                .col(string_len("medical_registration_number", 7))
                .col(string_len("specialty", 40))
                // The other profile fields the old system's export carried, as a JSON object of
                // the registration form's field names (possibly empty).
                .col(text("profile"))
                .col(timestamp_with_time_zone("imported_at"))
                .col(timestamp_with_time_zone_null("migrated_at"))
                .col(string_len_null("resident_id", 36))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_legacy_accounts_specialty")
                        .from("legacy_accounts", "specialty")
                        .to("specialties", "code"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_legacy_accounts_resident_id")
                        .from("legacy_accounts", "resident_id")
                        .to("residents", "id"),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_legacy_accounts_email").table("legacy_accounts").col("email").take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("legacy_accounts").if_exists().take()).await?;
        m.get_connection().execute_unprepared("DROP INDEX IF EXISTS ux_residents_live_email").await?;
        Ok(())
    }
}
