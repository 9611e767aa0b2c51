//! Directing and the board: programs' confirmed results per round (募集実施確認), and the audit
//! log's hash chain (each sealed event's place in the chain, the previous event's hash and its
//! own) with the request that made the change.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("program_confirmations")
                .col(string_len("program_id", 36))
                .col(string_len("round_id", 36))
                .col(timestamp_with_time_zone("confirmed_at"))
                .col(string_len("confirmed_by", 36))
                .primary_key(Index::create().col("program_id").col("round_id"))
                .foreign_key(
                    ForeignKey::create()
                        .from("program_confirmations", "program_id")
                        .to("programs", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create().from("program_confirmations", "round_id").to("rounds", "id"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("program_confirmations", "confirmed_by")
                        .to("staff_users", "id"),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_program_confirmations_round_id")
                .table("program_confirmations")
                .col("round_id")
                .take(),
        )
        .await?;

        m.alter_table(Table::alter().table("audit_events").add_column(big_integer_null("seq")).take())
            .await?;
        for (column, len) in [("prev_hash", 64), ("hash", 64), ("request_id", 64)] {
            m.alter_table(
                Table::alter().table("audit_events").add_column(string_len_null(column, len)).take(),
            )
            .await?;
        }
        m.create_index(
            Index::create().name("ux_audit_events_seq").table("audit_events").col("seq").unique().take(),
        )
        .await?;
        for (name, columns) in [
            ("ix_audit_events_entity", &["entity", "entity_id"][..]),
            ("ix_audit_events_actor_id", &["actor_id"][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table("audit_events");
            for column in columns {
                index.col(*column);
            }
            m.create_index(index.take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for index in ["ix_audit_events_actor_id", "ix_audit_events_entity", "ux_audit_events_seq"] {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {index}")).await?;
        }
        for column in ["request_id", "hash", "prev_hash", "seq"] {
            m.alter_table(Table::alter().table("audit_events").drop_column(column).take()).await?;
        }
        m.drop_table(Table::drop().table("program_confirmations").take()).await
    }
}
