//! Webhook signing secrets are kept sealed (`v1.` and base64 of nonce, ciphertext and tag), longer
//! than the 100 characters of a `whsec_` secret in clear: the column becomes text. SQLite does not
//! enforce the length; the server seals the secrets kept in clear at start.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            m.alter_table(Table::alter().table("webhook_endpoints").modify_column(text("secret")).take())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            m.alter_table(
                Table::alter().table("webhook_endpoints").modify_column(string_len("secret", 100)).take(),
            )
            .await?;
        }
        Ok(())
    }
}
