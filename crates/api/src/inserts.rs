//! Rows a change writes together at its end: its history line, its audit event, its webhook
//! deliveries, its mail. On PostgreSQL they go to the database as one statement, every insert but
//! the last a data-modifying `WITH` part, so a change pays one round trip for them instead of one
//! each; on SQLite, which has no such statement, one by one. Only for rows that nothing in the
//! same transaction reads before they are written, and that no other of them refers to (the parts
//! of one PostgreSQL statement do not see each other's rows).

use sea_orm::sea_query::{Alias, CommonTableExpression, InsertStatement, WithClause};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryTrait};

/// The most inserts in one PostgreSQL statement: a bulk decision of 500 holds 1,000 rows, and
/// one statement of them all would be a long text for the server to parse and plan once.
pub const PARTS_PER_STATEMENT: usize = 32;

/// Inserts held until [`Inserts::write`].
#[derive(Default)]
pub struct Inserts(Vec<InsertStatement>);

impl Inserts {
    /// Holds `row`, every column of which is set, for the next write.
    pub fn add<A: ActiveModelTrait>(&mut self, row: A) {
        self.0.push(<A::Entity as EntityTrait>::insert(row).into_query());
    }

    /// Writes every row held, in the caller's transaction: on PostgreSQL at most
    /// [`PARTS_PER_STATEMENT`] to a statement.
    pub async fn write(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        if db.get_database_backend() != DbBackend::Postgres {
            for part in &self.0 {
                db.execute(part).await?;
            }
            return Ok(());
        }
        let mut parts = self.0.into_iter().peekable();
        while parts.peek().is_some() {
            let mut statement: Vec<InsertStatement> = parts.by_ref().take(PARTS_PER_STATEMENT).collect();
            let Some(last) = statement.pop() else { break };
            if statement.is_empty() {
                db.execute(&last).await?;
                continue;
            }
            let mut with = WithClause::new();
            for (i, part) in statement.into_iter().enumerate() {
                with.cte(
                    CommonTableExpression::new()
                        .query(part)
                        .table_name(Alias::new(format!("w{i}")))
                        .to_owned(),
                );
            }
            db.execute(&last.with(with)).await?;
        }
        Ok(())
    }
}
