//! Round notices: when a round opens for applications, a mail to the residents registered for its
//! year who are not hired; when its results come out (採用結果通知), a mail to everyone who applied
//! in it. A background task queues each notice once per round, at its instant or as soon as the
//! server is up again after it, through the mail outbox. Each round row is claimed with a
//! conditional update, so several server processes never queue a notice twice.

use senkoi_domain::audit::AuditAction;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::resident::recruitment_year_span;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_domain::wire::ResultsReleased;

use crate::audit;
use crate::background::Periodic;
use crate::clock::Clock;
use crate::db;
use crate::entities::{application, resident, round};
use crate::error::ApiError;
use crate::mail::{self, Mail, MailSignal, RoundName};
use crate::webhooks::outbox;

/// A notice found later than this after its instant is stale: the round is marked, nobody is
/// mailed (a server restored from a months-old backup must not announce old rounds).
pub const CATCH_UP: Duration = Duration::days(7);

/// How often the task looks for due notices.
const POLL: StdDuration = StdDuration::from_secs(1);

/// Starts the task on `db`; mail links point at `public_url`.
pub fn spawn(db: DatabaseConnection, clock: Clock, public_url: String, signal: MailSignal) -> Periodic {
    Periodic::spawn(POLL, move || {
        let (db, clock, public_url, signal) = (db.clone(), clock.clone(), public_url.clone(), signal.clone());
        async move {
            match queue_due(&db, clock.now(), &public_url).await {
                Ok(0) => {}
                Ok(_) => signal.wake(),
                Err(e) => tracing::warn!(error = %e, "round notices: cannot queue"),
            }
        }
    })
}

/// Which notice of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    Opening,
    Results,
}

impl Notice {
    fn marker(self) -> round::Column {
        match self {
            Notice::Opening => round::Column::OpeningMailedAt,
            Notice::Results => round::Column::ResultsMailedAt,
        }
    }

    fn instant(self) -> round::Column {
        match self {
            Notice::Opening => round::Column::ApplicationStartsAt,
            Notice::Results => round::Column::ResultsAt,
        }
    }

    fn instant_of(self, r: &round::Model) -> DateTime<Utc> {
        match self {
            Notice::Opening => r.application_starts_at,
            Notice::Results => r.results_at,
        }
    }
}

/// Queues every notice due at `now`; answers how many mails it queued.
pub async fn queue_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<usize, ApiError> {
    let mut queued = 0;
    for notice in [Notice::Opening, Notice::Results] {
        let due = round::Entity::find()
            .filter(notice.marker().is_null())
            .filter(notice.instant().lte(now))
            .all(db)
            .await?;
        for r in due {
            queued += queue_one(db, notice, &r, now, public_url).await?;
        }
    }
    Ok(queued)
}

/// Claims the round's notice and queues its mails, in one transaction.
async fn queue_one(
    db: &DatabaseConnection,
    notice: Notice,
    r: &round::Model,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<usize, ApiError> {
    let tx = db::begin_write(db).await?;
    let claimed = round::Entity::update_many()
        .col_expr(notice.marker(), Expr::value(now))
        .filter(round::Column::Id.eq(&r.id))
        .filter(notice.marker().is_null())
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(0);
    }
    let stale = now - notice.instant_of(r) > CATCH_UP;
    let recipients = if stale {
        tracing::info!(round = %r.id, ?notice, "round notice too late to send; marked");
        Vec::new()
    } else {
        match notice {
            Notice::Opening if now < r.application_ends_at => registered_for(&tx, r.year).await?,
            Notice::Opening => Vec::new(),
            Notice::Results => applicants_of(&tx, &r.id).await?,
        }
    };
    let name = RoundName { year: r.year, kind: r.kind };
    let mail = match notice {
        Notice::Opening => Mail::RoundOpening {
            round: name,
            starts_at: r.application_starts_at,
            ends_at: r.application_ends_at,
        },
        Notice::Results => Mail::ResultsAvailable { round: name },
    };
    for to in &recipients {
        mail::enqueue(&tx, to, &mail, public_url, now).await?;
    }
    if notice == Notice::Results {
        release_results(&tx, r, now).await?;
    }
    tx.commit().await?;
    Ok(recipients.len())
}

/// Records that the round's results are out (the societies' feeds show its applications again,
/// now with their decisions) and tells every specialty's subscribed societies.
async fn release_results(
    tx: &impl ConnectionTrait,
    r: &round::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    audit::record(tx, now, None, AuditAction::RoundResultsReleased, &r.id, serde_json::json!({})).await?;
    for specialty in Specialty::ALL {
        let data = ResultsReleased {
            round_id: r.id.clone(),
            year: r.year,
            kind: r.kind,
            results_at: r.results_at,
            specialty,
        };
        outbox::enqueue(tx, specialty, WebhookEvent::ResultsReleased, &data, now).await?;
    }
    Ok(())
}

/// The addresses of the live residents registered for recruitment year `year` (from April of the
/// year before, JST), except those already hired in that year.
async fn registered_for(db: &impl ConnectionTrait, year: i32) -> Result<Vec<String>, ApiError> {
    let (from, until) = recruitment_year_span(year)
        .ok_or_else(|| ApiError::Internal(format!("no recruitment year {year}")))?;
    let residents = resident::Entity::find()
        .filter(resident::Column::DeletedAt.is_null())
        .filter(resident::Column::CreatedAt.gte(from))
        .filter(resident::Column::CreatedAt.lt(until))
        .all(db)
        .await?;
    let rounds_of_year: Vec<String> = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::Year.eq(year))
        .into_tuple()
        .all(db)
        .await?;
    let hired: std::collections::HashSet<String> = application::Entity::find()
        .select_only()
        .column(application::Column::ResidentId)
        .filter(application::Column::RoundId.is_in(rounds_of_year))
        .filter(application::Column::Status.is_in(crate::counting::statuses(ApplicationStatus::is_hired)))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(residents.into_iter().filter(|r| !hired.contains(&r.id)).map(|r| r.email).collect())
}

/// The addresses of the live residents who applied in the round and did not withdraw, once each.
async fn applicants_of(db: &impl ConnectionTrait, round_id: &str) -> Result<Vec<String>, ApiError> {
    let resident_ids: Vec<String> = application::Entity::find()
        .select_only()
        .column(application::Column::ResidentId)
        .filter(application::Column::RoundId.eq(round_id))
        .filter(application::Column::Status.ne(ApplicationStatus::Withdrawn))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let residents = resident::Entity::find()
        .filter(resident::Column::Id.is_in(resident_ids))
        .filter(resident::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    Ok(residents.into_iter().map(|r| r.email).collect())
}
