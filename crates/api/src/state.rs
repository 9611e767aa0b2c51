//! [`AppState`]: what every handler can reach. Built by startup; routes depend on it, it depends
//! on nothing that depends back.

use sea_orm::DatabaseConnection;

use crate::auth::{JwtKeys, PasswordPool};
use crate::clock::Clock;
use crate::mail::MailSignal;
use crate::settings::Settings;
use crate::throttle::Throttles;

pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub clock: Clock,
    pub jwt: JwtKeys,
    pub passwords: PasswordPool,
    pub throttles: Throttles,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail: MailSignal,
}
