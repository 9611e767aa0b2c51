//! Throttling of the front door: failed logins per account and per client address, requests
//! that send mail per client address, and every request of a society's system per client. Fixed
//! windows in memory, timed by the application's clock; a refusal says how long to wait. (Each API process counts for itself: with N processes an
//! address gets at most N times the limit, which still bounds guessing.)

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use crate::error::ApiError;

/// Past this many keys, expired windows are swept before a new key is added.
const SWEEP_ABOVE: usize = 10_000;

/// At most `limit` events per key in a window of `window`.
pub struct Throttle {
    limit: u32,
    window: Duration,
    code: &'static str,
    windows: Mutex<HashMap<String, (DateTime<Utc>, u32)>>,
}

impl Throttle {
    pub fn new(limit: u32, window: Duration, code: &'static str) -> Throttle {
        Throttle { limit, window, code, windows: Mutex::new(HashMap::new()) }
    }

    /// 429 with `Retry-After` when `key` has used up its window; counts nothing.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        match windows.get(key) {
            Some(&(start, count)) if count >= self.limit && now < start + self.window => {
                Err(ApiError::too_many(self.code, retry_after(start + self.window - now)))
            }
            _ => Ok(()),
        }
    }

    /// Counts one event for `key`; 429 when it is one too many.
    pub fn hit(&self, key: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > SWEEP_ABOVE {
            let window = self.window;
            windows.retain(|_, (start, _)| now < *start + window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now >= entry.0 + self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err(ApiError::too_many(self.code, retry_after(entry.0 + self.window - now)));
        }
        entry.1 += 1;
        Ok(())
    }

    /// Forgets `key` (a successful login clears its account's failures).
    pub fn clear(&self, key: &str) {
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}

/// Whole seconds, at least one.
fn retry_after(wait: Duration) -> u64 {
    u64::try_from((wait.num_milliseconds() + 999) / 1000).unwrap_or(1).max(1)
}

/// Failed logins allowed per account in [`LOGIN_WINDOW_MINUTES`].
pub const LOGIN_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failed logins allowed per client address in [`LOGIN_WINDOW_MINUTES`].
pub const LOGIN_FAILURES_PER_ADDRESS: u32 = 20;
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
/// Requests that send mail (registration, reminders, resets, migration) per client address an hour.
pub const MAIL_REQUESTS_PER_ADDRESS: u32 = 10;

/// The application's throttles.
pub struct Throttles {
    pub login_account: Throttle,
    pub login_address: Throttle,
    pub mail_address: Throttle,
    /// Requests per society client (by its id) a minute.
    pub society_client: Throttle,
}

impl Throttles {
    /// The throttles, a society client allowed `society_requests_per_minute`.
    pub fn new(society_requests_per_minute: u32) -> Self {
        let login = Duration::minutes(LOGIN_WINDOW_MINUTES);
        Throttles {
            society_client: Throttle::new(
                society_requests_per_minute,
                Duration::minutes(1),
                "too-many-requests",
            ),
            login_account: Throttle::new(LOGIN_FAILURES_PER_ACCOUNT, login, "too-many-attempts"),
            login_address: Throttle::new(LOGIN_FAILURES_PER_ADDRESS, login, "too-many-attempts"),
            mail_address: Throttle::new(MAIL_REQUESTS_PER_ADDRESS, Duration::hours(1), "too-many-requests"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn the_event_past_the_limit_is_refused_until_the_window_ends() {
        let throttle = Throttle::new(2, Duration::seconds(60), "too-many-attempts");
        assert!(throttle.hit("k", at(0)).is_ok() && throttle.hit("k", at(1)).is_ok());
        assert!(throttle.check("k", at(2)).is_err());
        match throttle.hit("k", at(10)) {
            Err(ApiError::Later { retry_after, code, .. }) => {
                assert_eq!((retry_after, code), (50, "too-many-attempts"))
            }
            other => panic!("refused with Retry-After, got {other:?}"),
        }
        assert!(throttle.hit("other", at(10)).is_ok(), "keys are counted apart");
        assert!(throttle.hit("k", at(60)).is_ok(), "a new window");
    }

    #[test]
    fn clearing_a_key_forgets_its_events() {
        let throttle = Throttle::new(1, Duration::seconds(60), "x");
        throttle.hit("k", at(0)).unwrap();
        assert!(throttle.check("k", at(1)).is_err());
        throttle.clear("k");
        assert!(throttle.check("k", at(1)).is_ok());
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after(Duration::milliseconds(1001)), 2);
        assert_eq!(retry_after(Duration::seconds(0)), 1);
    }
}
