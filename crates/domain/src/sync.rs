//! Owns the cursor of societies' incremental sync: the place in the change feed after which a
//! society's system asks for changes. The feed orders records by the sealed place (`seq`) of
//! their latest change, then by id, so a cursor never skips a change that commits later and
//! never repeats one it has passed.

use crate::DomainError;

/// After the record `id` whose latest change had place `seq` (0: never changed since loaded).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangeCursor {
    pub seq: i64,
    pub id: String,
}

impl ChangeCursor {
    /// Before everything.
    pub fn start() -> ChangeCursor {
        ChangeCursor { seq: 0, id: String::new() }
    }

    /// Reads `<seq>.<id>` as [`ChangeCursor::encode`] writes it, the start (`0.`, what a first poll
    /// of a feed with nothing in it answers) included.
    pub fn parse(text: &str) -> Result<ChangeCursor, DomainError> {
        let invalid = DomainError::invalid("cursor", "invalid-cursor");
        let (seq, id) = text.split_once('.').ok_or(invalid.clone())?;
        if seq == "0" && id.is_empty() {
            return Ok(ChangeCursor::start());
        }
        let seq_ok = !seq.is_empty() && seq.len() <= 18 && seq.chars().all(|c| c.is_ascii_digit());
        let id_ok =
            !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        match (seq_ok, id_ok) {
            (true, true) => Ok(ChangeCursor { seq: seq.parse().map_err(|_| invalid)?, id: id.to_string() }),
            _ => Err(invalid),
        }
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.seq, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote() {
        let cursor = ChangeCursor { seq: 42, id: "0f8c2e9a-1b2c-4d5e-8f90-123456789abc".into() };
        assert_eq!(ChangeCursor::parse(&cursor.encode()), Ok(cursor));
        assert_eq!(ChangeCursor::parse("0.a"), Ok(ChangeCursor { seq: 0, id: "a".into() }));
        let start = ChangeCursor::start();
        assert_eq!(ChangeCursor::parse(&start.encode()), Ok(start), "the start, as an empty feed answers it");
        for refused in ["1.", ".", "00.", "0"] {
            assert!(ChangeCursor::parse(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_cursor_that_was_not_written_by_the_feed_is_refused() {
        for text in ["", "42", ".abc", "42.", "-1.abc", "x.abc", "1.a b", "1.a/b", "9999999999999999999.a"] {
            assert_eq!(ChangeCursor::parse(text).unwrap_err().code(), "invalid-cursor", "{text}");
        }
        let long_id = format!("1.{}", "a".repeat(65));
        assert!(ChangeCursor::parse(&long_id).is_err());
        assert!(ChangeCursor::parse(&format!("1.{}", "a".repeat(64))).is_ok());
    }

    #[test]
    fn cursors_order_by_place_then_id() {
        let at = |seq, id: &str| ChangeCursor { seq, id: id.into() };
        assert!(ChangeCursor::start() < at(0, "a"));
        assert!(at(0, "z") < at(1, "a"));
        assert!(at(1, "a") < at(1, "b"));
    }
}
