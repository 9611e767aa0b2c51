//! Societies' webhooks: the endpoints a society registers with the events each subscribes to,
//! the deliveries (the outbox and the log in one: each is one event for one endpoint, retried
//! with backoff) and every attempt at them. Also the programs the board deleted, so that a
//! society's change feed tells of the deletion.

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("webhook_endpoints")
                .col(string_len("id", 36).primary_key())
                .col(string_len("society_client_id", 36))
                .col(string_len("url", 2000))
                .col(string_len("secret", 100))
                .col(string_len_null("description", 200))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("deleted_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("webhook_endpoints", "society_client_id")
                        .to("society_clients", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_webhook_endpoints_client", "webhook_endpoints", &["society_client_id"]))
            .await?;
        m.create_table(
            Table::create()
                .table("webhook_subscriptions")
                .col(string_len("endpoint_id", 36))
                .col(string_len("event", 40))
                .primary_key(Index::create().col("endpoint_id").col("event"))
                .foreign_key(
                    ForeignKey::create()
                        .from("webhook_subscriptions", "endpoint_id")
                        .to("webhook_endpoints", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("webhook_deliveries")
                .col(string_len("id", 40).primary_key())
                .col(string_len("endpoint_id", 36))
                .col(string_len("event", 40))
                .col(text("payload"))
                .col(timestamp_with_time_zone("created_at"))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone_null("next_attempt_at"))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .col(timestamp_with_time_zone_null("failed_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("webhook_deliveries", "endpoint_id")
                        .to("webhook_endpoints", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_webhook_deliveries_due", "webhook_deliveries", &["next_attempt_at"]))
            .await?;
        m.create_index(index(
            "ix_webhook_deliveries_endpoint",
            "webhook_deliveries",
            &["endpoint_id", "created_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("webhook_attempts")
                .col(string_len("id", 36).primary_key())
                .col(string_len("delivery_id", 40))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("status"))
                .col(string_len_null("error", 500))
                .col(big_integer("duration_ms"))
                .foreign_key(
                    ForeignKey::create()
                        .from("webhook_attempts", "delivery_id")
                        .to("webhook_deliveries", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_webhook_attempts_delivery", "webhook_attempts", &["delivery_id", "at"]))
            .await?;
        m.create_table(
            Table::create()
                .table("program_tombstones")
                .col(string_len("program_id", 36).primary_key())
                .col(string_len("specialty", 40))
                .col(timestamp_with_time_zone("deleted_at"))
                .take(),
        )
        .await?;
        m.create_index(index("ix_program_tombstones_specialty", "program_tombstones", &["specialty"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "program_tombstones",
            "webhook_attempts",
            "webhook_deliveries",
            "webhook_subscriptions",
            "webhook_endpoints",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
