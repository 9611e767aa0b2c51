//! How busy this process is: the requests it is answering now. Background work (the mail worker)
//! gives way to people while the process is saturated: at the noon rush every core goes to the
//! applications, and their receipts follow a few seconds later.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

/// The requests in flight in this process.
#[derive(Clone, Default)]
pub struct Load(Arc<AtomicUsize>);

/// One request in flight, counted until dropped.
pub struct InFlight(Load);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// How often a waiting task looks at the load again.
const TICK: Duration = Duration::from_millis(50);

impl Load {
    pub fn in_flight(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// Counts a request until the answer drops.
    pub fn enter(&self) -> InFlight {
        self.0.fetch_add(1, Ordering::Relaxed);
        InFlight(self.clone())
    }

    /// Waits while more than `busy` requests are in flight, but never longer than `longest`, so
    /// the work waiting is delayed, never starved. Answers how long it waited.
    pub async fn give_way(&self, busy: usize, longest: Duration) -> Duration {
        let mut waited = Duration::ZERO;
        while self.in_flight() > busy && waited < longest {
            let tick = TICK.min(longest - waited);
            tokio::time::sleep(tick).await;
            waited += tick;
        }
        waited
    }
}

/// Counts every request in the [`Load`] the app carries (as `web::Data<Load>`).
pub async fn count_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let _in_flight = req.app_data::<web::Data<Load>>().map(|load| load.enter());
    next.call(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_idle_process_does_not_wait() {
        let load = Load::default();
        let _one = load.enter();
        assert_eq!(load.give_way(1, Duration::from_secs(30)).await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_busy_process_makes_the_work_wait_until_the_requests_are_answered() {
        let load = Load::default();
        let requests: Vec<InFlight> = (0..3).map(|_| load.enter()).collect();
        assert_eq!(load.in_flight(), 3);
        let answered = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            drop(requests);
        });
        let waited = load.give_way(2, Duration::from_secs(30)).await;
        answered.await.unwrap();
        assert_eq!(load.in_flight(), 0);
        assert!(waited >= Duration::from_millis(500) && waited <= Duration::from_millis(550), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_work_waits_at_most_the_longest_wait() {
        let load = Load::default();
        let _requests: Vec<InFlight> = (0..3).map(|_| load.enter()).collect();
        assert_eq!(load.give_way(2, Duration::from_secs(5)).await, Duration::from_secs(5));
    }
}
