//! Mail through a transactional outbox: a change queues its mail in the same transaction
//! ([`enqueue`]); the [`worker`] sends it afterwards with retries, so a down SMTP server loses
//! nothing and blocks no request. What is said lives in [`templates`].

pub mod templates;
pub mod worker;
pub mod workflow;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use tokio::sync::Notify;

use crate::entities::mail_outbox;
use crate::ids::new_id;

pub use templates::{Mail, Receipt, RoundName};
pub use workflow::WorkflowMail;

/// Wakes the worker when a transaction that queued mail has committed. Clones share it.
#[derive(Clone, Default)]
pub struct MailSignal(Arc<Notify>);

impl MailSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    async fn woken(&self) {
        self.0.notified().await;
    }
}

/// Queues `mail` to `to`, rendered with the links of `public_url`, in the caller's transaction.
pub async fn enqueue(
    tx: &impl ConnectionTrait,
    to: &str,
    mail: &Mail,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    queued(to, mail, public_url, now).insert(tx).await?;
    Ok(())
}

/// The outbox row [`enqueue`] writes, for a change that writes it with others
/// ([`crate::inserts::Inserts`]).
pub fn queued(to: &str, mail: &Mail, public_url: &str, now: DateTime<Utc>) -> mail_outbox::ActiveModel {
    let rendered = mail.render(public_url);
    mail_outbox::ActiveModel {
        id: Set(new_id()),
        to_address: Set(to.to_owned()),
        subject: Set(rendered.subject),
        body: Set(rendered.body),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
    }
}
