//! Staff members' second factor: a TOTP secret (RFC 6238), sealed at rest like the consultation
//! texts, pending until the first code confirms it; the last time step accepted (a code works
//! once); and one-time recovery codes, kept only as their hashes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column an ALTER TABLE.
        for column in [
            text_null("totp_secret_sealed"),
            timestamp_with_time_zone_null("totp_enabled_at"),
            big_integer_null("totp_last_step"),
        ] {
            m.alter_table(Table::alter().table("staff_users").add_column(column).take()).await?;
        }
        m.create_table(
            Table::create()
                .table("recovery_codes")
                .col(string_len("code_hash", 64).primary_key())
                .col(string_len("staff_user_id", 36))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("recovery_codes", "staff_user_id")
                        .to("staff_users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_recovery_codes_staff")
                .table("recovery_codes")
                .col("staff_user_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("recovery_codes").take()).await?;
        for column in ["totp_last_step", "totp_enabled_at", "totp_secret_sealed"] {
            m.alter_table(Table::alter().table("staff_users").drop_column(column).take()).await?;
        }
        Ok(())
    }
}
