//! The societies' sandbox on a demo server: which residents it made for which client, so that
//! the client can clear them with their applications.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("sandbox_residents")
                .col(string_len("resident_id", 36).primary_key())
                .col(string_len("society_client_id", 36))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("sandbox_residents", "resident_id")
                        .to("residents", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sandbox_residents_client")
                .table("sandbox_residents")
                .col("society_client_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("sandbox_residents").take()).await
    }
}
