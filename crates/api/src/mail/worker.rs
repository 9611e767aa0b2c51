//! The mail worker: sends what the outbox holds, oldest first and several at once, over pooled
//! SMTP connections (lettre) or into `.eml`
//! files (with a plain `.txt` copy to read) when no SMTP server is configured. A failed send is
//! retried with exponential backoff and every attempt is counted. While the process is saturated
//! (the noon rush) the worker gives way to the requests, for up to 20 s at a time. Rows are claimed with a
//! conditional update (a lease), so several API processes can run workers on one database and
//! each mail still goes once. Stops cleanly: a send under way finishes before the worker ends.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::clock::Clock;
use crate::entities::mail_outbox;
use crate::load::Load;
use crate::mail::MailSignal;
use crate::settings::Settings;

/// Attempts before a mail is given up (its last error stays in the outbox).
pub const MAX_ATTEMPTS: i32 = 10;
/// The first retry waits this long; each later one twice as long, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::seconds(5);
const MAX_BACKOFF: Duration = Duration::hours(1);
/// How long a claimed mail is reserved for its sender.
const LEASE: Duration = Duration::seconds(120);
/// How often the outbox is looked at when nothing wakes the worker.
const POLL: StdDuration = StdDuration::from_secs(2);
const BATCH: u64 = 64;
/// Mails sent at once: each on its own pooled SMTP connection, so that one slow exchange does not
/// hold up the rest (a round's opening notice goes to every resident at noon).
const SENDING_AT_ONCE: usize = 8;
/// Requests in flight above which the process is saturated and mail gives way to them (the noon
/// rush keeps about one request per connection in flight; everyday use, a handful).
const BUSY: usize = 32;
/// The longest mail waits for a saturated process at a time: then a batch goes regardless.
const LONGEST_GIVE_WAY: StdDuration = StdDuration::from_secs(20);

/// The wait before attempt `attempts + 1`, after `attempts` failed ones.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
    (FIRST_BACKOFF * 2i32.pow(doublings)).min(MAX_BACKOFF)
}

/// Where mail goes.
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// A running worker: [`stop`](WorkerHandle::stop) it to end it cleanly.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        tracing::info!("mail worker stopped");
    }
}

struct Worker {
    db: DatabaseConnection,
    clock: Clock,
    transport: Transport,
    from: Mailbox,
    /// The domain of Message-IDs: the sender's.
    domain: String,
}

/// Starts the worker for `settings` on `db`.
pub fn spawn(
    db: DatabaseConnection,
    settings: &Settings,
    clock: Clock,
    signal: MailSignal,
    load: Load,
) -> Result<WorkerHandle, String> {
    let transport = match &settings.smtp_url {
        Some(url) => Transport::Smtp(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("SENKOI_SMTP_URL: {e}"))?
                .timeout(Some(StdDuration::from_secs(15)))
                .build(),
        ),
        None => Transport::Files(settings.mail_dir.clone()),
    };
    let from: Mailbox = format!("専攻医登録システム <{}>", settings.mail_from)
        .parse()
        .map_err(|e| format!("SENKOI_MAIL_FROM: {e}"))?;
    let domain = from.email.domain().to_owned();
    let worker = Arc::new(Worker { db, clock, transport, from, domain });
    let (stop, mut stopped) = watch::channel(false);
    let task = tokio::spawn(async move {
        loop {
            let waited = load.give_way(BUSY, LONGEST_GIVE_WAY).await;
            if !waited.is_zero() {
                tracing::debug!(?waited, "mail gave way to requests");
            }
            let sent = worker.run_once().await;
            if *stopped.borrow() {
                break;
            }
            if sent == BATCH as usize {
                continue;
            }
            tokio::select! {
                _ = stopped.changed() => break,
                _ = signal.woken() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    });
    Ok(WorkerHandle { stop, task })
}

impl Worker {
    /// Sends what is due now, [`SENDING_AT_ONCE`] at a time; answers how many mails it took on.
    async fn run_once(self: &Arc<Self>) -> usize {
        let now = self.clock.now();
        let due = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(mail_outbox::Column::Attempts.lt(MAX_ATTEMPTS))
            .order_by_asc(mail_outbox::Column::NextAttemptAt)
            .limit(BATCH)
            .all(&self.db)
            .await;
        let due = match due {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "mail outbox: cannot read");
                return 0;
            }
        };
        let count = due.len();
        let mut sending = JoinSet::new();
        for mail in due {
            if self.claim(&mail, now).await {
                while sending.len() >= SENDING_AT_ONCE {
                    sending.join_next().await;
                }
                let worker = Arc::clone(self);
                sending.spawn(async move { worker.deliver(mail).await });
            }
        }
        while sending.join_next().await.is_some() {}
        count
    }

    /// Reserves `mail` for this worker: only one of several racing workers gets it.
    async fn claim(&self, mail: &mail_outbox::Model, now: DateTime<Utc>) -> bool {
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now + LEASE))
            .col_expr(
                mail_outbox::Column::Attempts,
                sea_orm::sea_query::ExprTrait::add(Expr::col(mail_outbox::Column::Attempts), 1),
            )
            .filter(mail_outbox::Column::Id.eq(&mail.id))
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.eq(mail.next_attempt_at))
            .exec(&self.db)
            .await;
        matches!(claimed, Ok(result) if result.rows_affected == 1)
    }

    async fn deliver(&self, mail: mail_outbox::Model) {
        let attempts = mail.attempts + 1;
        let outcome = match self.message(&mail) {
            Ok(message) => self.send(&mail, message).await,
            Err(e) => Err(e),
        };
        let now = self.clock.now();
        let update = mail_outbox::Entity::update_many().filter(mail_outbox::Column::Id.eq(&mail.id));
        let update = match &outcome {
            // The body is not kept once sent: it may carry a live link.
            Ok(()) => update
                .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
                .col_expr(mail_outbox::Column::Body, Expr::value(""))
                .col_expr(mail_outbox::Column::LastError, Expr::value(Option::<String>::None)),
            Err(e) => update
                .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now + backoff(attempts)))
                .col_expr(mail_outbox::Column::LastError, Expr::value(e.clone())),
        };
        if let Err(e) = update.exec(&self.db).await {
            tracing::error!(error = %e, mail = %mail.id, "mail outbox: cannot record the attempt");
        }
        match outcome {
            Ok(()) => tracing::info!(mail = %mail.id, attempts, "mail sent"),
            Err(e) if attempts >= MAX_ATTEMPTS => {
                tracing::error!(mail = %mail.id, attempts, error = %e, "mail given up")
            }
            Err(e) => tracing::warn!(mail = %mail.id, attempts, error = %e, "mail not sent; will retry"),
        }
    }

    fn message(&self, mail: &mail_outbox::Model) -> Result<Message, String> {
        let to: Mailbox = mail.to_address.parse().map_err(|e| format!("recipient: {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .date(self.clock.now().into())
            // Stable across retries, so a receiver can drop a duplicate.
            .message_id(Some(format!("<{}@{}>", mail.id, self.domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| format!("building the message: {e}"))
    }

    async fn send(&self, mail: &mail_outbox::Model, message: Message) -> Result<(), String> {
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| format!("smtp: {e}")),
            Transport::Files(dir) => {
                let kept_apart;
                let dir = if never_delivered(&mail.to_address) {
                    kept_apart = dir.join(NEVER_DELIVERED_DIR);
                    &kept_apart
                } else {
                    dir
                };
                let stem = format!("{}-{}", mail.created_at.format("%Y%m%dT%H%M%S"), mail.id);
                let path = dir.join(format!("{stem}.eml"));
                tokio::fs::create_dir_all(dir).await.map_err(|e| format!("{}: {e}", dir.display()))?;
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                // The .eml body is transfer-encoded; a plain copy lets a person read the link.
                let plain = dir.join(format!("{stem}.txt"));
                let text = format!("To: {}\nSubject: {}\n\n{}", mail.to_address, mail.subject, mail.body);
                tokio::fs::write(&plain, text).await.map_err(|e| format!("{}: {e}", plain.display()))?;
                tracing::info!(file = %path.display(), "mail written to a file (no SMTP server configured)");
                Ok(())
            }
        }
    }
}

/// Where the mail folder keeps mail to addresses that can never be delivered, apart from the rest.
pub const NEVER_DELIVERED_DIR: &str = "never-delivered";

/// An address at a `.invalid` domain, reserved by RFC 2606 never to exist (the demo's residents
/// have them): its mail is kept apart, so that hundreds of demo notices do not bury the mail of
/// someone trying the registration.
pub fn never_delivered(address: &str) -> bool {
    address.rsplit_once('@').is_some_and(|(_, domain)| {
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        domain == "invalid" || domain.ends_with(".invalid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reserved_invalid_domains_are_never_delivered() {
        for address in ["a@residents.demo.invalid", "b@INVALID", "c@x.invalid."] {
            assert!(never_delivered(address), "{address}");
        }
        for address in ["a@example.jp", "a@invalid.example.jp", "invalid", "a@notinvalid"] {
            assert!(!never_delivered(address), "{address}");
        }
    }

    #[test]
    fn backoff_doubles_from_five_seconds_up_to_an_hour() {
        let waits: Vec<i64> = (1..=12).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]);
        assert_eq!(backoff(0).num_seconds(), 5);
    }
}
