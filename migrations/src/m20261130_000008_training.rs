//! Training records (研修実績) and completion applications (研修修了申請): the program's training
//! years, each period at a facility, one completion application per resident and the timeline of
//! its steps.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index.take()
}

fn references(table: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(to, "id").take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table("programs").add_column(integer("training_years").default(3)).take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("training_records")
                .col(string_len("id", 36).primary_key())
                .col(string_len("resident_id", 36))
                .col(string_len("program_id", 36))
                .col(string_len("facility_id", 36))
                .col(date("from_on"))
                .col(date("to_on"))
                .col(string_len("status", 20))
                .col(string_len("kept_by", 20))
                .col(text_null("return_reason"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    &mut references("training_records", "resident_id", "residents")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .foreign_key(&mut references("training_records", "program_id", "programs"))
                .foreign_key(&mut references("training_records", "facility_id", "facilities"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_training_records_resident",
            "training_records",
            &["resident_id", "from_on"],
        ))
        .await?;
        m.create_index(index("ix_training_records_program", "training_records", &["program_id", "status"]))
            .await?;
        m.create_table(
            Table::create()
                .table("completions")
                .col(string_len("id", 36).primary_key())
                .col(string_len("resident_id", 36).unique_key())
                .col(string_len("program_id", 36))
                .col(string_len("stage", 20))
                .col(timestamp_with_time_zone("filed_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("fee_paid_at"))
                .col(string_len_null("certificate_number", 40).unique_key())
                .col(timestamp_with_time_zone_null("certificate_issued_at"))
                .foreign_key(
                    &mut references("completions", "resident_id", "residents")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .foreign_key(&mut references("completions", "program_id", "programs"))
                .take(),
        )
        .await?;
        m.create_index(index("ix_completions_stage", "completions", &["stage", "program_id"])).await?;
        m.create_table(
            Table::create()
                .table("completion_events")
                .col(string_len("id", 36).primary_key())
                .col(string_len("completion_id", 36))
                .col(timestamp_with_time_zone("at"))
                .col(string_len("actor_role", 40))
                .col(string_len_null("actor_id", 36))
                .col(string_len("action", 20))
                .col(string_len("stage", 20))
                .col(text_null("reason"))
                .foreign_key(
                    &mut references("completion_events", "completion_id", "completions")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_completion_events_completion",
            "completion_events",
            &["completion_id", "at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["completion_events", "completions", "training_records"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        m.alter_table(Table::alter().table("programs").drop_column("training_years").take()).await
    }
}
