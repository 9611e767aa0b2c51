//! Announcements carry an English title and body beside the Japanese (optional, both or neither),
//! the instant of their last edit, and the instant they were withdrawn: a withdrawn announcement
//! stays for the record and the board's list, and nobody else reads it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 4] = ["title_en", "body_en", "updated_at", "withdrawn_at"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column an ALTER TABLE.
        for column in [
            string_len_null("title_en", 200),
            text_null("body_en"),
            timestamp_with_time_zone_null("updated_at"),
            timestamp_with_time_zone_null("withdrawn_at"),
        ] {
            m.alter_table(Table::alter().table("announcements").add_column(column).take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            m.alter_table(Table::alter().table("announcements").drop_column(column).take()).await?;
        }
        Ok(())
    }
}
