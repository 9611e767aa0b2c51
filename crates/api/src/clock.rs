//! The clock: where "now" comes from, so that tests and demos can stand in any period.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};

/// Real time shifted by an offset that tests (and `SENKOI_CLOCK_START`) may set; clones share it.
#[derive(Clone, Default)]
pub struct Clock {
    offset: Arc<RwLock<Duration>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `start` now and runs on from there.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        let clock = Clock::default();
        clock.set(start);
        clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Moves the clock so that it reads `at` now.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.offset.write().unwrap_or_else(|e| e.into_inner()) = at - Utc::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_reads_the_set_instant_and_clones_follow() {
        let clock = Clock::system();
        let copy = clock.clone();
        let at = DateTime::parse_from_rfc3339("2023-11-01T03:00:00Z").unwrap().to_utc();
        clock.set(at);
        assert!((copy.now() - at).num_seconds().abs() < 5);
    }
}
