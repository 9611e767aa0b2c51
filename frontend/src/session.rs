//! The signed-in session, shared through context: the access token (in memory only), the refresh
//! token (sessionStorage `senkoi.refresh`, so a reload keeps the session and closing the tab ends
//! it), the role and the user; authorised calls with one refresh and one retry on a 401.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use senkoi_domain::Role;
use senkoi_domain::wire::TokenPair;

use crate::api::{self, ApiProblem};

const REFRESH_KEY: &str = "senkoi.refresh";
const USER_KEY: &str = "senkoi.user";

/// Where the session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// A refresh token was found after a reload and is being exchanged for an access token.
    Restoring,
    SignedOut,
    /// `user` is what was typed to log in: a resident's user ID, a staff member's email.
    SignedIn {
        role: Role,
        user: String,
    },
}

/// The session in context; `Copy`, so views and handlers capture it freely.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    access: RwSignal<Option<String>>,
    /// Why the last session ended, as a login page notice code (`session-expired`,
    /// `signed-out`, `account-deleted`), for the route guard that sends the visitor to /login.
    farewell: RwSignal<Option<&'static str>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?.filter(|v| !v.is_empty())
}

fn store(key: &str, value: Option<&str>) {
    if let Some(storage) = storage() {
        // Private modes may refuse storage: the session then lasts until a reload.
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}

/// One refresh at a time: the refresh token is single use, and a second refresh with the same
/// token would make the server revoke the whole session.
#[derive(Default)]
struct Flight {
    outcome: Option<Result<String, ApiProblem>>,
    waiting: Vec<Waker>,
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<Rc<RefCell<Flight>>>> = const { RefCell::new(None) };
}

/// Waits for the refresh in flight to end.
struct Landing(Rc<RefCell<Flight>>);

impl Future for Landing {
    type Output = Result<String, ApiProblem>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut flight = self.0.borrow_mut();
        match &flight.outcome {
            Some(outcome) => Poll::Ready(outcome.clone()),
            None => {
                flight.waiting.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Session {
    /// The session of this tab: restored from sessionStorage when a refresh token is there.
    pub fn start() -> Session {
        let restoring = stored(REFRESH_KEY).is_some();
        let session = Session {
            state: RwSignal::new(if restoring { SessionState::Restoring } else { SessionState::SignedOut }),
            access: RwSignal::new(None),
            farewell: RwSignal::new(None),
        };
        if restoring {
            leptos::task::spawn_local(async move {
                // A network failure keeps the stored token for the next reload.
                if session.refresh().await.is_err()
                    && session.state.get_untracked() == SessionState::Restoring
                {
                    session.state.set(SessionState::SignedOut);
                }
            });
        }
        session
    }

    /// The state, reactive.
    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    /// The signed-in role, reactive.
    pub fn role(&self) -> Option<Role> {
        match self.state.get() {
            SessionState::SignedIn { role, .. } => Some(role),
            _ => None,
        }
    }

    /// Why the last session ended, if it was not just never started; reading it clears it.
    pub fn take_farewell(&self) -> Option<&'static str> {
        let farewell = self.farewell.get_untracked();
        if farewell.is_some() {
            self.farewell.set(None);
        }
        farewell
    }

    /// Starts the session of a successful login as `user`.
    pub fn sign_in(&self, pair: TokenPair, user: &str) {
        store(USER_KEY, Some(user));
        self.keep(pair);
        self.farewell.set(None);
    }

    fn keep(&self, pair: TokenPair) {
        store(REFRESH_KEY, Some(&pair.refresh_token));
        self.access.set(Some(pair.access_token));
        let state = SessionState::SignedIn { role: pair.role, user: stored(USER_KEY).unwrap_or_default() };
        // Setting an equal state would re-render every guarded page and lose what it holds.
        if self.state.get_untracked() != state {
            self.state.set(state);
        }
    }

    /// Forgets the session here, without telling the server.
    fn forget(&self) {
        store(REFRESH_KEY, None);
        store(USER_KEY, None);
        self.access.set(None);
        self.state.set(SessionState::SignedOut);
    }

    /// Logs out: revokes the refresh token on the server (best effort) and forgets the session.
    /// `farewell` is the login page's notice for a guarded page the resident is on.
    pub async fn sign_out(&self, farewell: &'static str) {
        let refresh_token = stored(REFRESH_KEY);
        self.farewell.set(Some(farewell));
        self.forget();
        if let Some(token) = refresh_token {
            // Offline, the token simply expires on the server; the tab has forgotten it already.
            let _ = api::logout(&token).await;
        }
    }

    /// The session ended without the resident asking (the refresh was refused).
    fn expire(&self) {
        self.farewell.set(Some("session-expired"));
        self.forget();
    }

    /// A new access token from the refresh token, one refresh at a time.
    async fn refresh(&self) -> Result<String, ApiProblem> {
        if let Some(flight) = IN_FLIGHT.with(|f| f.borrow().clone()) {
            return Landing(flight).await;
        }
        let flight = Rc::new(RefCell::new(Flight::default()));
        IN_FLIGHT.with(|f| *f.borrow_mut() = Some(flight.clone()));
        let session = *self;
        let landing = flight.clone();
        // Detached, so the refresh lands even when the page that asked for it goes away.
        leptos::task::spawn_local(async move {
            let outcome = session.exchange().await;
            IN_FLIGHT.with(|f| *f.borrow_mut() = None);
            let waiting = {
                let mut flight = flight.borrow_mut();
                flight.outcome = Some(outcome);
                std::mem::take(&mut flight.waiting)
            };
            waiting.into_iter().for_each(Waker::wake);
        });
        Landing(landing).await
    }

    async fn exchange(&self) -> Result<String, ApiProblem> {
        let Some(refresh_token) = stored(REFRESH_KEY) else {
            self.expire();
            return Err(ApiProblem::with_code(401, "invalid-refresh-token"));
        };
        match api::refresh(&refresh_token).await {
            Ok(pair) => {
                let access = pair.access_token.clone();
                self.keep(pair);
                Ok(access)
            }
            Err(problem) if problem.is_network() => Err(problem),
            Err(problem) => {
                self.expire();
                Err(problem)
            }
        }
    }

    /// Calls `call` with the access token; on a 401 refreshes once and retries once, and when
    /// that fails too, ends the session (the route guard then sends the visitor to /login).
    pub async fn authorized<T, F, Fut>(&self, call: F) -> Result<T, ApiProblem>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<T, ApiProblem>>,
    {
        let token = match self.access.get_untracked() {
            Some(token) => token,
            None => self.refresh().await?,
        };
        match call(token.clone()).await {
            Err(problem) if problem.is_unauthorized() => {
                // Another call may have refreshed meanwhile; its token is good.
                let fresh = match self.access.get_untracked() {
                    Some(current) if current != token => current,
                    _ => self.refresh().await?,
                };
                let retried = call(fresh).await;
                if matches!(&retried, Err(problem) if problem.is_unauthorized()) {
                    self.expire();
                }
                retried
            }
            other => other,
        }
    }
}

/// The session in context; provided once by the app.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// A `?next=` target that stays inside the SPA (no `//host` or `https:` redirects).
pub fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.contains(':'))
}

/// The staff member's second factor, where an admin or officer without one lands.
pub const SECOND_FACTOR_PAGE: &str = "/account/second-factor";

/// Where a role lands after logging in.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Resident => "/me",
        Role::Director => "/director",
        Role::Admin => "/admin",
        Role::ConsultationOfficer => "/consultations",
        Role::Society => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_the_spa_are_followed_after_login() {
        assert_eq!(safe_next(Some("/me/profile".into())), Some("/me/profile".into()));
        for outside in ["//evil.example", "https://evil.example", "me", "/\\evil", ""] {
            assert_eq!(safe_next(Some(outside.into())), None, "{outside}");
        }
        assert_eq!(safe_next(None), None);
    }

    #[test]
    fn residents_directors_and_the_board_land_on_their_pages() {
        assert_eq!(home_of(Role::Resident), "/me");
        assert_eq!(home_of(Role::Director), "/director");
        assert_eq!(home_of(Role::Admin), "/admin");
    }
}
