//! Throttles, by purpose and by what each protects, kept in the database so that every API
//! process and a restarted one count together (the `throttle_windows` table): failed sign-ins
//! per account from one source and per source, mail per recipient and requests that send mail
//! per source, a society client's requests, a consultation's follow-ups and the officers'
//! notices about it. Fixed windows timed by the application's clock; a refusal says how long to
//! wait. A key is kept only as its SHA-256 (keys are addresses and logins).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, StatementBuilder};

use crate::background::Periodic;
use crate::client::Source;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::ids::token_hash;
use crate::settings::Settings;

/// What a throttle protects; stored as [`Purpose::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Failed sign-ins (and failed client credentials) from one source, whatever the account.
    LoginSource,
    /// Failed sign-ins into one account from one source: an attacker elsewhere cannot lock the
    /// account's holder out.
    LoginAccount,
    /// Requests that send mail from one source (registration, reminders, resets, migration,
    /// the consultation desk).
    MailSource,
    /// Mail to one address, whoever asks for it: a mailbox cannot be flooded.
    MailRecipient,
    /// Requests of one society client.
    SocietyClient,
    /// The reporter's follow-up messages on one consultation.
    FollowUp,
    /// The officers' notices about one consultation: one a window, however many messages come.
    OfficerNotice,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::LoginSource => "login-source",
            Purpose::LoginAccount => "login-account",
            Purpose::MailSource => "mail-source",
            Purpose::MailRecipient => "mail-recipient",
            Purpose::SocietyClient => "society-client",
            Purpose::FollowUp => "follow-up",
            Purpose::OfficerNotice => "officer-notice",
        }
    }
}

/// At most `hits` events per key in a window of `window`; past it, 429 with `code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub purpose: Purpose,
    pub hits: u32,
    pub window: Duration,
    pub code: &'static str,
}

impl Limit {
    pub const fn new(purpose: Purpose, hits: u32, window: Duration, code: &'static str) -> Limit {
        Limit { purpose, hits, window, code }
    }

    /// This limit counted for `key`.
    pub fn on(self, key: &str) -> Counted {
        Counted { limit: self, key_hash: token_hash(key) }
    }

    fn refusal(self, ends_at: i64, now: DateTime<Utc>) -> ApiError {
        let wait = ends_at.saturating_sub(now.timestamp());
        ApiError::too_many(self.code, Ord::max(u64::try_from(wait).unwrap_or(1), 1))
    }
}

/// One limit and the key it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    limit: Limit,
    key_hash: String,
}

impl Counted {
    fn is(&self, window: &Window) -> bool {
        window.purpose == self.limit.purpose.as_str() && window.key_hash == self.key_hash
    }
}

/// Failed sign-ins allowed into one account from one source in [`LOGIN_WINDOW`].
pub const LOGIN_FAILURES_PER_ACCOUNT: u32 = 5;
/// The default of [`Settings::login_failures_per_source`]: a teaching hospital's network, where
/// hundreds of residents and staff sign in from one address, mistyping now and then.
pub const LOGIN_FAILURES_PER_SOURCE: u32 = 100;
pub const LOGIN_WINDOW: Duration = Duration::minutes(15);
/// Mails one address is sent a [`MAIL_WINDOW`] through the public forms.
pub const MAILS_PER_RECIPIENT: u32 = 5;
/// The default of [`Settings::mail_requests_per_source`]: a hospital's residents registering
/// together in one afternoon all get their links.
pub const MAIL_REQUESTS_PER_SOURCE: u32 = 200;
pub const MAIL_WINDOW: Duration = Duration::hours(1);
/// Follow-up messages on one consultation an hour.
pub const FOLLOW_UPS_PER_CONSULTATION: u32 = 10;
/// One notice to the officers per consultation in this window.
pub const OFFICER_NOTICE_WINDOW: Duration = Duration::minutes(5);

/// The application's limits.
pub struct Throttles {
    pub login_account: Limit,
    pub login_source: Limit,
    pub mail_recipient: Limit,
    pub mail_source: Limit,
    pub society_client: Limit,
    pub follow_up: Limit,
    pub officer_notice: Limit,
}

impl Throttles {
    pub fn new(settings: &Settings) -> Throttles {
        use Purpose::*;
        Throttles {
            login_account: Limit::new(
                LoginAccount,
                LOGIN_FAILURES_PER_ACCOUNT,
                LOGIN_WINDOW,
                "too-many-attempts",
            ),
            login_source: Limit::new(
                LoginSource,
                settings.login_failures_per_source,
                LOGIN_WINDOW,
                "too-many-attempts",
            ),
            mail_recipient: Limit::new(MailRecipient, MAILS_PER_RECIPIENT, MAIL_WINDOW, "too-many-requests"),
            mail_source: Limit::new(
                MailSource,
                settings.mail_requests_per_source,
                MAIL_WINDOW,
                "too-many-requests",
            ),
            society_client: Limit::new(
                SocietyClient,
                settings.society_requests_per_minute,
                Duration::minutes(1),
                "too-many-requests",
            ),
            follow_up: Limit::new(
                FollowUp,
                FOLLOW_UPS_PER_CONSULTATION,
                Duration::hours(1),
                "too-many-requests",
            ),
            officer_notice: Limit::new(OfficerNotice, 1, OFFICER_NOTICE_WINDOW, "too-many-requests"),
        }
    }

    /// Failed sign-ins into `account` (a login as typed, or a client id) from `source`, and
    /// from `source` whatever the account.
    pub fn failed_logins(&self, account: &str, source: &Source) -> [Counted; 2] {
        let account = account.trim().to_lowercase();
        [self.login_source.on(&source.to_string()), self.login_account.on(&format!("{account}\n{source}"))]
    }

    /// A request from `source` that sends mail.
    pub fn mail_from(&self, source: &Source) -> Counted {
        self.mail_source.on(&source.to_string())
    }

    /// A mail to `address`, whoever asked for it.
    pub fn mail_to(&self, address: &str) -> Counted {
        self.mail_recipient.on(&address.trim().to_lowercase())
    }
}

const TABLE: &str = "throttle_windows";

fn column(name: &'static str) -> Alias {
    Alias::new(name)
}

#[derive(FromQueryResult)]
struct Window {
    purpose: String,
    key_hash: String,
    ends_at: i64,
    hits: i32,
}

/// 429 when any of `counted` has used up its window; counts nothing. One query. Answers, for
/// each of `counted`, whether it has hits in a live window (so a success clears only what is there).
pub async fn check(
    db: &impl ConnectionTrait,
    counted: &[Counted],
    now: DateTime<Utc>,
) -> Result<Vec<bool>, ApiError> {
    let mut any = sea_orm::Condition::any();
    for c in counted {
        any = any.add(
            Expr::col(column("purpose"))
                .eq(c.limit.purpose.as_str())
                .and(Expr::col(column("key_hash")).eq(c.key_hash.as_str())),
        );
    }
    let query = Query::select()
        .columns([column("purpose"), column("key_hash"), column("ends_at"), column("hits")])
        .from(column(TABLE))
        .cond_where(any)
        .and_where(Expr::col(column("ends_at")).gt(now.timestamp()))
        .to_owned();
    let windows = Window::find_by_statement(StatementBuilder::build(&query, &db.get_database_backend()))
        .all(db)
        .await?;
    over_any(counted, &windows, now, |hits, limit| hits >= limit)?;
    Ok(counted.iter().map(|c| windows.iter().any(|w| c.is(w))).collect())
}

/// Counts one event for each of `counted` (one statement); 429 when it is one too many for any.
pub async fn hit(db: &impl ConnectionTrait, counted: &[Counted], now: DateTime<Utc>) -> Result<(), ApiError> {
    let windows = count(db, counted, now).await?;
    over_any(counted, &windows, now, |hits, limit| hits > limit)
}

/// Counts one event for each of `counted` and refuses nothing (a failure is counted after the
/// answer to it was decided).
pub async fn record(
    db: &impl ConnectionTrait,
    counted: &[Counted],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    count(db, counted, now).await.map(|_| ())
}

/// Counts one event for `counted`; answers whether it was within the limit, refusing nothing:
/// for limits that are kept quietly (a mail not sent, a notice not repeated).
pub async fn allow(
    db: &impl ConnectionTrait,
    counted: &Counted,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let windows = count(db, std::slice::from_ref(counted), now).await?;
    Ok(windows.iter().all(|w| i64::from(w.hits) <= i64::from(counted.limit.hits)))
}

/// Forgets `counted` (a successful sign-in clears its account's failures from that source).
pub async fn clear(db: &impl ConnectionTrait, counted: &Counted) -> Result<(), ApiError> {
    let query = Query::delete()
        .from_table(column(TABLE))
        .and_where(Expr::col(column("purpose")).eq(counted.limit.purpose.as_str()))
        .and_where(Expr::col(column("key_hash")).eq(counted.key_hash.as_str()))
        .to_owned();
    db.execute(&query).await?;
    Ok(())
}

/// Removes every window that ended before `now`; answers how many.
pub async fn sweep(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let query = Query::delete()
        .from_table(column(TABLE))
        .and_where(Expr::col(column("ends_at")).lte(now.timestamp()))
        .to_owned();
    Ok(db.execute(&query).await?.rows_affected())
}

/// Sweeps ended windows every minute, in each server process (one sweep deletes what any left).
pub fn spawn_sweeper(db: sea_orm::DatabaseConnection, clock: Clock) -> Periodic {
    Periodic::spawn(std::time::Duration::from_secs(60), move || {
        let (db, now) = (db.clone(), clock.now());
        async move {
            if let Err(e) = sweep(&db, now).await {
                tracing::warn!(error = %e, "throttle windows not swept");
            }
        }
    })
}

/// One upsert for every key: a window that ended starts again at one hit.
async fn count(
    db: &impl ConnectionTrait,
    counted: &[Counted],
    now: DateTime<Utc>,
) -> Result<Vec<Window>, ApiError> {
    if counted.is_empty() {
        return Ok(Vec::new());
    }
    let now_s = now.timestamp();
    let mut insert = Query::insert();
    insert.into_table(column(TABLE)).columns([
        column("purpose"),
        column("key_hash"),
        column("ends_at"),
        column("hits"),
    ]);
    let mut seen = Vec::new();
    for c in counted {
        let key = (c.limit.purpose, c.key_hash.as_str());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        insert.values_panic([
            c.limit.purpose.as_str().into(),
            c.key_hash.as_str().into(),
            (now_s + c.limit.window.num_seconds()).into(),
            1i32.into(),
        ]);
    }
    let ended = || Expr::col((column(TABLE), column("ends_at"))).lte(now_s);
    let hits: Expr = CaseStatement::new()
        .case(ended(), Expr::val(1i32))
        .finally(Expr::col((column(TABLE), column("hits"))).add(1i32))
        .into();
    let ends_at: Expr = CaseStatement::new()
        .case(ended(), Expr::col((column("excluded"), column("ends_at"))))
        .finally(Expr::col((column(TABLE), column("ends_at"))))
        .into();
    insert
        .on_conflict(
            OnConflict::columns([column("purpose"), column("key_hash")])
                .value(column("hits"), hits)
                .value(column("ends_at"), ends_at)
                .to_owned(),
        )
        .returning(Query::returning().columns([
            column("purpose"),
            column("key_hash"),
            column("ends_at"),
            column("hits"),
        ]));
    let statement = StatementBuilder::build(&insert, &db.get_database_backend());
    Ok(Window::find_by_statement(statement).all(db).await?)
}

/// The refusal of the first of `counted` whose window `is_over`.
fn over_any(
    counted: &[Counted],
    windows: &[Window],
    now: DateTime<Utc>,
    is_over: impl Fn(i64, i64) -> bool,
) -> Result<(), ApiError> {
    for c in counted {
        let window = windows.iter().find(|w| c.is(w) && w.ends_at > now.timestamp());
        if let Some(w) = window
            && is_over(i64::from(w.hits), i64::from(c.limit.hits))
        {
            return Err(c.limit.refusal(w.ends_at, now));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_waits_until_the_window_ends_in_whole_seconds() {
        let limit = Limit::new(Purpose::LoginAccount, 5, LOGIN_WINDOW, "too-many-attempts");
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        for (ends_at, wait) in [(1_700_000_050, 50), (1_700_000_000, 1), (1_699_999_000, 1)] {
            match limit.refusal(ends_at, now) {
                ApiError::Later { retry_after, code, .. } => {
                    assert_eq!((retry_after, code), (wait, "too-many-attempts"))
                }
                other => panic!("refused with Retry-After, got {other:?}"),
            }
        }
    }

    #[test]
    fn keys_are_kept_as_hashes_and_purposes_apart() {
        let limit = Limit::new(Purpose::MailRecipient, 5, MAIL_WINDOW, "too-many-requests");
        let counted = limit.on("someone@example.jp");
        assert!(!counted.key_hash.contains("example"));
        assert_eq!(counted.key_hash.len(), 64);
        let purposes = [
            Purpose::LoginSource,
            Purpose::LoginAccount,
            Purpose::MailSource,
            Purpose::MailRecipient,
            Purpose::SocietyClient,
            Purpose::FollowUp,
            Purpose::OfficerNotice,
        ];
        let mut names: Vec<_> = purposes.iter().map(|p| p.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), purposes.len(), "each purpose is stored under its own name");
        assert!(names.iter().all(|n| n.len() <= 32), "the column holds 32");
    }
}
