//! [`AppState`]: what every handler can reach. Built by startup; routes depend on it, it depends
//! on nothing that depends back.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

use crate::auth::{JwtKeys, PasswordPool};
use crate::clock::Clock;
use crate::error::ApiError;
use crate::mail::{self, Mail, MailSignal};
use crate::sealing::SealingKey;
use crate::settings::Settings;
use crate::throttle::Throttles;

pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub clock: Clock,
    pub jwt: JwtKeys,
    pub passwords: PasswordPool,
    pub throttles: Throttles,
    /// Seals consultations at rest.
    pub sealing: SealingKey,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail: MailSignal,
}

impl AppState {
    /// Queues `mail` to `to` in `tx`, commits, and wakes the mail worker: the end of every change
    /// that tells someone by mail.
    pub async fn mail_and_commit(
        &self,
        tx: DatabaseTransaction,
        to: &str,
        mail: &Mail,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        mail::enqueue(&tx, to, mail, &self.settings.public_url, now).await?;
        tx.commit().await?;
        self.mail.wake();
        Ok(())
    }
}
