//! Figures everyone is shown alike, computed at most once in a short window and shared by the
//! process's requests: the public statistics, which thousands of residents reload at noon.
//!
//! Each key has its own slot. A request finding the slot's value younger than the window takes
//! it; otherwise it computes a new one while the requests behind it on the same key wait for that
//! one (never a hundred identical queries at the instant the window ends). Ages are read on the
//! application's clock, so a clock moved past the window (as tests move it) sees fresh figures.
//! A value may also name an instant it must not outlive (the next round's result notification,
//! when decisions become public): it is computed again from that instant, however young.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// A value with the instant it was computed and the instant it stops being fresh.
type Kept<V> = (DateTime<Utc>, DateTime<Utc>, Arc<V>);
type Slot<V> = Arc<tokio::sync::Mutex<Option<Kept<V>>>>;

/// Values by key, each reused while it is younger than the window. Keys should come from a small
/// set (specialty × year): slots are never dropped.
pub struct Recent<K, V> {
    window: Duration,
    slots: Mutex<HashMap<K, Slot<V>>>,
}

impl<K: Eq + Hash, V> Recent<K, V> {
    /// Reuses a value for `seconds`; with 0, every request computes its own.
    pub fn new(seconds: u32) -> Self {
        Recent { window: Duration::seconds(seconds.into()), slots: Mutex::default() }
    }

    /// The value of `key` computed less than the window before `now` and before the instant it
    /// named, with the instant it stops being fresh; else `compute`'s, kept for the next requests
    /// (an error is passed on, not kept). `compute` answers the value and the instant, if any,
    /// that it must not outlive.
    pub async fn get_or_compute<E, F>(
        &self,
        key: K,
        now: DateTime<Utc>,
        compute: F,
    ) -> Result<(DateTime<Utc>, Arc<V>), E>
    where
        F: AsyncFnOnce() -> Result<(V, Option<DateTime<Utc>>), E>,
    {
        if self.window <= Duration::zero() {
            return Ok((now, Arc::new(compute().await?.0)));
        }
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.entry(key).or_default().clone()
        };
        let mut held = slot.lock().await;
        if let Some((at, until, value)) = held.as_ref()
            && *at <= now
            && now < *until
        {
            return Ok((*until, value.clone()));
        }
        let (value, boundary) = compute().await?;
        let value = Arc::new(value);
        let until = self.until(now, boundary);
        *held = Some((now, until, value.clone()));
        Ok((until, value))
    }

    /// When a value computed at `now` stops being fresh: at the end of the window, or at
    /// `boundary` when that comes first (a clock set back before `now` also ends it).
    fn until(&self, now: DateTime<Utc>, boundary: Option<DateTime<Utc>>) -> DateTime<Utc> {
        let end = now + self.window;
        boundary.filter(|b| *b > now).map_or(end, |b| b.min(end))
    }

    /// Whole seconds a value fresh `until` stays so after `now`, for `Cache-Control: max-age`:
    /// rounded down, so that no cache keeps it past that instant.
    pub fn seconds_left(&self, until: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
        (until - now).num_seconds().clamp(0, self.window.num_seconds())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn at(second: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::seconds(1_700_000_000 + second)
    }

    async fn counted(
        recent: &Recent<&'static str, usize>,
        calls: &AtomicUsize,
        key: &'static str,
        now: i64,
    ) -> (DateTime<Utc>, usize) {
        let (computed, value) = recent
            .get_or_compute(key, at(now), async || {
                Ok::<_, ()>((calls.fetch_add(1, Ordering::SeqCst) + 1, None))
            })
            .await
            .unwrap();
        (computed - Duration::seconds(5), *value)
    }

    #[tokio::test]
    async fn a_value_is_reused_inside_the_window_and_computed_again_at_its_end() {
        let (recent, calls) = (Recent::new(5), AtomicUsize::new(0));
        assert_eq!(counted(&recent, &calls, "surgery", 0).await, (at(0), 1));
        assert_eq!(counted(&recent, &calls, "surgery", 4).await, (at(0), 1), "4 s later: the same");
        assert_eq!(counted(&recent, &calls, "surgery", 5).await, (at(5), 2), "5 s later: a new one");
        assert_eq!(counted(&recent, &calls, "surgery", 3).await, (at(3), 3), "a clock set back: a new one");
    }

    #[tokio::test]
    async fn keys_have_their_own_values() {
        let (recent, calls) = (Recent::new(5), AtomicUsize::new(0));
        assert_eq!(counted(&recent, &calls, "surgery", 0).await.1, 1);
        assert_eq!(counted(&recent, &calls, "internal-medicine", 1).await.1, 2);
        assert_eq!(counted(&recent, &calls, "surgery", 2).await.1, 1);
    }

    #[tokio::test]
    async fn a_window_of_zero_keeps_nothing() {
        let (recent, calls) = (Recent::new(0), AtomicUsize::new(0));
        assert_eq!(counted(&recent, &calls, "surgery", 0).await.1, 1);
        assert_eq!(counted(&recent, &calls, "surgery", 0).await.1, 2);
    }

    #[tokio::test]
    async fn an_error_is_not_kept() {
        let recent: Recent<&str, usize> = Recent::new(5);
        let failed = recent.get_or_compute("surgery", at(0), async || Err::<(usize, _), _>("down")).await;
        assert_eq!(failed.unwrap_err(), "down");
        let (_, value) =
            recent.get_or_compute("surgery", at(1), async || Ok::<_, &str>((7, None))).await.unwrap();
        assert_eq!(*value, 7);
    }

    #[tokio::test]
    async fn requests_arriving_together_wait_for_one_computation() {
        let (recent, calls) = (Arc::new(Recent::new(5)), Arc::new(AtomicUsize::new(0)));
        let slow = |recent: Arc<Recent<&'static str, usize>>, calls: Arc<AtomicUsize>| async move {
            let compute = async || {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                Ok::<_, ()>((calls.fetch_add(1, Ordering::SeqCst) + 1, None))
            };
            *recent.get_or_compute("surgery", at(0), compute).await.unwrap().1
        };
        let all: Vec<_> = (0..10).map(|_| tokio::spawn(slow(recent.clone(), calls.clone()))).collect();
        for one in all {
            assert_eq!(one.await.unwrap(), 1);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn max_age_is_what_is_left_of_the_window() {
        let recent: Recent<&str, usize> = Recent::new(5);
        assert_eq!(recent.seconds_left(at(5), at(0)), 5);
        assert_eq!(recent.seconds_left(at(5), at(3)), 2);
        assert_eq!(recent.seconds_left(at(5), at(9)), 0);
        assert_eq!(recent.seconds_left(at(9), at(0)), 5, "never more than the window");
        assert_eq!(recent.seconds_left(at(5), at(4) + Duration::milliseconds(500)), 0, "rounded down");
    }

    #[tokio::test]
    async fn a_value_never_outlives_the_instant_it_names() {
        let (recent, calls) = (Recent::new(60), AtomicUsize::new(0));
        let get = |now: i64| {
            let calls = &calls;
            let recent = &recent;
            async move {
                let compute = async || Ok::<_, ()>((calls.fetch_add(1, Ordering::SeqCst) + 1, Some(at(10))));
                let (until, value) = recent.get_or_compute("surgery", at(now), compute).await.unwrap();
                (until, *value)
            }
        };
        assert_eq!(get(0).await, (at(10), 1), "fresh until the boundary, not for the whole window");
        assert_eq!(recent.seconds_left(at(10), at(0)), 10);
        assert_eq!(get(9).await, (at(10), 1));
        assert_eq!(get(10).await.1, 2, "at the boundary: computed again");
        assert_eq!(get(11).await, (at(70), 2), "a boundary already past bounds nothing");
    }
}
