//! Societies' clients: their secrets in a table of their own, so that a second secret can be
//! added before the first is revoked (rotation without downtime). The column that held one
//! secret per client, never used, goes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("society_client_secrets")
                .col(string_len("id", 36).primary_key())
                .col(string_len("society_client_id", 36))
                .col(string_len_uniq("secret_hash", 64))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("society_client_secrets", "society_client_id")
                        .to("society_clients", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_society_client_secrets_society_client_id")
                .table("society_client_secrets")
                .col("society_client_id")
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("society_clients").drop_column("secret_hash").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table("society_clients").add_column(string("secret_hash").default("")).take(),
        )
        .await?;
        m.drop_table(Table::drop().table("society_client_secrets").take()).await
    }
}
