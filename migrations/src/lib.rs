//! senkoi-migration: the database schema, one file per change; a landed file is never edited.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_initial;
mod m20261123_000002_accounts;
mod m20261123_000003_applying;
mod m20261123_000004_directing;
mod m20261123_000005_societies;
mod m20261130_000006_webhooks;
mod m20261130_000007_sandbox;
mod m20261130_000008_training;
mod m20261130_000009_consultations;
mod m20261207_000010_throttles;
mod m20261207_000011_second_factor;
mod m20261207_000012_sealed_webhook_secrets;
mod m20261207_000013_announcement_english;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_initial::Migration),
            Box::new(m20261123_000002_accounts::Migration),
            Box::new(m20261123_000003_applying::Migration),
            Box::new(m20261123_000004_directing::Migration),
            Box::new(m20261123_000005_societies::Migration),
            Box::new(m20261130_000006_webhooks::Migration),
            Box::new(m20261130_000007_sandbox::Migration),
            Box::new(m20261130_000008_training::Migration),
            Box::new(m20261130_000009_consultations::Migration),
            Box::new(m20261207_000010_throttles::Migration),
            Box::new(m20261207_000011_second_factor::Migration),
            Box::new(m20261207_000012_sealed_webhook_secrets::Migration),
            Box::new(m20261207_000013_announcement_english::Migration),
        ]
    }
}
