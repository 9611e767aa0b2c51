//! The audit log's hash chain: tampering in the database is detectable.
//!
//! Events are written by the changes they record, many at once. A sealer then gives each event,
//! in order, its place (`seq`), the previous event's hash and its own hash: SHA-256 over the
//! event's fields and the previous hash. Editing, deleting or inserting a sealed event breaks a
//! link, which [`verify`] reports.
//!
//! Sealing, not writing, orders the chain, so writers never wait for each other or for the
//! sealer: an event whose transaction has not ended yet is simply sealed by a later pass. Only
//! sealers exclude each other: an advisory lock on PostgreSQL, the one writer at a time on SQLite.
//! The chain's head is logged at every pass, outside the database, so that a truncated tail is
//! found too.

use chrono::SecondsFormat;
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use sha2::{Digest, Sha256};

use crate::background::Periodic;
use crate::db;
use crate::entities::audit_event;
use crate::error::ApiError;
use crate::ids::hex;

/// The events sealed in one transaction at most.
const BATCH: u64 = 1000;

/// The events one statement seals: a noon rush writes ten thousand events in seconds, and one
/// `UPDATE` each would double the statements the database runs for the applications.
pub const SEALS_PER_STATEMENT: usize = 32;

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Key of the advisory lock that keeps sealers apart ("senkoi-audit-chain").
const SEALER_LOCK: i64 = 0x5345_4e4b_4f49_4155;

/// The hash of `event` at `seq` after `prev_hash`: SHA-256 (hex) of a JSON array of the fields,
/// which has one serialisation.
pub fn hash_of(event: &audit_event::Model, seq: i64, prev_hash: &str) -> String {
    let fields = serde_json::json!([
        seq,
        prev_hash,
        event.id,
        event.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        event.actor_kind.to_value(),
        event.actor_id,
        event.action,
        event.entity,
        event.entity_id,
        event.detail,
        event.request_id,
    ]);
    hex(&Sha256::digest(fields.to_string().as_bytes()))
}

/// How often each server process seals what was written.
const SEAL_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Starts sealing in the background.
pub fn spawn_sealer(db: DatabaseConnection) -> Periodic {
    Periodic::spawn(SEAL_EVERY, move || {
        let db = db.clone();
        async move {
            if let Err(e) = seal(&db).await {
                tracing::warn!(error = %e, "audit chain: cannot seal");
            }
        }
    })
}

/// Seals every event written so far; answers how many it sealed.
pub async fn seal(db: &DatabaseConnection) -> Result<u64, ApiError> {
    let mut sealed = 0;
    loop {
        let batch = seal_batch(db).await?;
        sealed += batch;
        if batch < BATCH {
            return Ok(sealed);
        }
    }
}

async fn seal_batch(db: &DatabaseConnection) -> Result<u64, ApiError> {
    let tx = db::begin_write(db).await?;
    if tx.get_database_backend() == DbBackend::Postgres {
        let lock = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [SEALER_LOCK.into()],
        );
        tx.query_one_raw(lock).await?;
    }
    let last = audit_event::Entity::find()
        .filter(audit_event::Column::Seq.is_not_null())
        .order_by_desc(audit_event::Column::Seq)
        .one(&tx)
        .await?;
    let (mut seq, mut prev) = match last {
        Some(e) => (e.seq.unwrap_or(0), e.hash.unwrap_or_default()),
        None => (0, GENESIS.to_string()),
    };
    let open = audit_event::Entity::find()
        .filter(audit_event::Column::Seq.is_null())
        .order_by_asc(audit_event::Column::At)
        .order_by_asc(audit_event::Column::Id)
        .limit(BATCH)
        .all(&tx)
        .await?;
    let count = open.len() as u64;
    let first = seq + 1;
    let mut seals = Vec::with_capacity(open.len());
    for event in open {
        seq += 1;
        let hash = hash_of(&event, seq, &prev);
        seals.push(Seal { id: event.id, seq, prev_hash: std::mem::replace(&mut prev, hash.clone()), hash });
    }
    for chunk in seals.chunks(SEALS_PER_STATEMENT) {
        tx.execute_raw(seal_statement(tx.get_database_backend(), chunk)).await?;
    }
    tx.commit().await?;
    if count > 0 {
        // The head in the log, outside the database: a truncated tail is found against it.
        tracing::info!(from = first, to = seq, head = %prev, "audit events sealed");
    }
    Ok(count)
}

/// An event's place in the chain, to be written.
struct Seal {
    id: String,
    seq: i64,
    prev_hash: String,
    hash: String,
}

/// One `UPDATE` that writes `seals`: the same SQL on both databases but for the placeholders.
fn seal_statement(backend: DbBackend, seals: &[Seal]) -> Statement {
    let slot = |n: usize| match backend {
        DbBackend::Postgres => format!("${}", n + 1),
        _ => "?".to_string(),
    };
    let rows: Vec<String> = (0..seals.len())
        .map(|i| {
            format!(
                "({}, CAST({} AS BIGINT), {}, {})",
                slot(4 * i),
                slot(4 * i + 1),
                slot(4 * i + 2),
                slot(4 * i + 3)
            )
        })
        .collect();
    let values = seals.iter().flat_map(|seal| {
        [seal.id.clone().into(), seal.seq.into(), seal.prev_hash.clone().into(), seal.hash.clone().into()]
    });
    let sql = format!(
        "WITH sealed (id, seq, prev_hash, hash) AS (VALUES {}) \
         UPDATE audit_events SET seq = sealed.seq, prev_hash = sealed.prev_hash, hash = sealed.hash \
         FROM sealed WHERE audit_events.id = sealed.id",
        rows.join(", ")
    );
    Statement::from_sql_and_values(backend, sql, values)
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Sealed events whose links hold, from the first.
    pub verified: u64,
    /// The first broken link, if any.
    pub broken: Option<BrokenLink>,
    /// Events written but not sealed yet.
    pub unsealed: u64,
    /// The hash of the last verified event.
    pub head: Option<String>,
}

impl Verification {
    /// The report for a person, and whether the chain holds.
    pub fn report(&self) -> (String, bool) {
        let mut lines = vec![format!("audit events verified: {}", self.verified)];
        if let Some(head) = &self.head {
            lines.push(format!(
                "chain head: {head} (compare it with the last \"audit events sealed\" log line)"
            ));
        }
        lines.push(format!("not sealed yet: {}", self.unsealed));
        if let Some(broken) = &self.broken {
            lines.push(format!(
                "BROKEN at seq {} ({}): event {}",
                broken.seq,
                broken.reason,
                broken.event_id.as_deref().unwrap_or("missing")
            ));
        }
        (lines.join("\n"), self.broken.is_none())
    }
}

/// A link that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The place in the chain where it breaks.
    pub seq: i64,
    /// The event found there, if any (none when one was deleted).
    pub event_id: Option<String>,
    pub reason: &'static str,
}

/// Walks the sealed chain from its start and reports the first link that does not hold: an
/// event whose fields no longer give its hash (edited), whose previous hash is not its
/// predecessor's (one deleted or inserted before it), or a gap in the places.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verification, ApiError> {
    let mut verified = 0;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_string();
    let mut after: i64 = 0;
    loop {
        let page = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gt(after))
            .order_by_asc(audit_event::Column::Seq)
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.seq.unwrap_or(after);
        for event in page {
            let seq = event.seq.unwrap_or_default();
            let broken = |reason| BrokenLink { seq: expected_seq, event_id: Some(event.id.clone()), reason };
            let problem = if seq != expected_seq {
                Some(BrokenLink { seq: expected_seq, event_id: None, reason: "missing" })
            } else if event.prev_hash.as_deref() != Some(prev.as_str()) {
                Some(broken("previous-hash-mismatch"))
            } else if event.hash.as_deref() != Some(hash_of(&event, seq, &prev).as_str()) {
                Some(broken("hash-mismatch"))
            } else {
                None
            };
            if let Some(broken) = problem {
                let unsealed = unsealed(db).await?;
                let head = (verified > 0).then_some(prev);
                return Ok(Verification { verified, broken: Some(broken), unsealed, head });
            }
            prev = event.hash.unwrap_or_default();
            expected_seq += 1;
            verified += 1;
        }
    }
    let head = (verified > 0).then_some(prev);
    Ok(Verification { verified, broken: None, unsealed: unsealed(db).await?, head })
}

async fn unsealed(db: &impl ConnectionTrait) -> Result<u64, ApiError> {
    use sea_orm::PaginatorTrait;
    Ok(audit_event::Entity::find().filter(audit_event::Column::Seq.is_null()).count(db).await?)
}
