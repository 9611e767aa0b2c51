//! Throttles shared by every API process: one row per purpose and key (the key kept only as its
//! SHA-256, since keys are addresses and logins), counting hits in a fixed window that ends at
//! `ends_at` (Unix seconds). Rows whose window ended are swept. And a mailed link's
//! `superseded_at`: the moment a newer link of its purpose was mailed for the same account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("throttle_windows")
                .col(string_len("purpose", 32))
                .col(string_len("key_hash", 64))
                .col(big_integer("ends_at"))
                .col(integer("hits"))
                .primary_key(Index::create().col("purpose").col("key_hash"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_throttle_windows_ends_at")
                .table("throttle_windows")
                .col("ends_at")
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("one_time_tokens")
                .add_column(timestamp_with_time_zone_null("superseded_at"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("one_time_tokens").drop_column("superseded_at").take()).await?;
        m.drop_table(Table::drop().table("throttle_windows").take()).await
    }
}
