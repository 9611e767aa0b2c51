//! Applying: each application's receipt number (受付番号), and the instants at which a round's
//! opening and results mails were queued, so that each goes out once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("applications")
                .add_column(string_len("receipt_number", 20).default(""))
                .take(),
        )
        .await?;
        // Applications from before this change get a receipt made of their id (same SQL on
        // SQLite and PostgreSQL); new ones get the domain's format.
        m.get_connection()
            .execute_unprepared(
                "UPDATE applications SET receipt_number = upper(substr(replace(id, '-', ''), 1, 16)) \
                 WHERE receipt_number = ''",
            )
            .await?;
        m.create_index(
            Index::create()
                .name("ux_applications_receipt_number")
                .table("applications")
                .col("receipt_number")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_applications_resident_id")
                .table("applications")
                .col("resident_id")
                .take(),
        )
        .await?;
        for column in ["opening_mailed_at", "results_mailed_at"] {
            m.alter_table(
                Table::alter().table("rounds").add_column(timestamp_with_time_zone_null(column)).take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["opening_mailed_at", "results_mailed_at"] {
            m.alter_table(Table::alter().table("rounds").drop_column(column).take()).await?;
        }
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS ix_applications_resident_id").await?;
        db.execute_unprepared("DROP INDEX IF EXISTS ux_applications_receipt_number").await?;
        m.alter_table(Table::alter().table("applications").drop_column("receipt_number").take()).await
    }
}
