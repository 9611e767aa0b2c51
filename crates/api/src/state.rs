//! [`AppState`]: what every handler can reach. Built by startup; routes depend on it, it depends
//! on nothing that depends back.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::{AnnualHires, PrefectureStatistics};

use crate::auth::{JwtKeys, PasswordPool};
use crate::clock::Clock;
use crate::error::ApiError;
use crate::inserts::Inserts;
use crate::mail::{self, Mail, MailSignal};
use crate::recent::Recent;
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
    /// The public statistics as recently counted.
    pub figures: PublicFigures,
}

/// The public statistics' figures, each reused for `statistics_max_age` seconds.
pub struct PublicFigures {
    /// 都道府県ごとの応募・採用状況 by specialty and year.
    pub prefectures: Recent<(Specialty, i32), Vec<PrefectureStatistics>>,
    /// 年度採用数 by year.
    pub annual_hires: Recent<i32, Vec<AnnualHires>>,
}

impl PublicFigures {
    pub fn new(settings: &Settings) -> Self {
        PublicFigures {
            prefectures: Recent::new(settings.statistics_max_age),
            annual_hires: Recent::new(settings.statistics_max_age),
        }
    }
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
        self.write_mail_and_commit(tx, Inserts::default(), to, mail, now).await
    }

    /// [`Self::mail_and_commit`] for a change that holds other rows in `later`: they and the
    /// mail are written together.
    pub async fn write_mail_and_commit(
        &self,
        tx: DatabaseTransaction,
        mut later: Inserts,
        to: &str,
        mail: &Mail,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        later.add(mail::queued(to, mail, &self.settings.public_url, now));
        later.write(&tx).await?;
        tx.commit().await?;
        self.mail.wake();
        Ok(())
    }
}
