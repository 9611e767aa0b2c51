//! Owns what free text people write may be (a reason, a consultation): trimmed, not empty,
//! bounded, and without control characters but the line breaks it allows.

use crate::DomainError;

/// `text` trimmed, if it has 1 to `max` characters and no control character outside `keeps`.
/// Codes, for `field`: `required`, `too-long`, `invalid-characters`.
pub(crate) fn written(
    field: &'static str,
    text: &str,
    max: usize,
    keeps: &[char],
) -> Result<String, DomainError> {
    let text = text.trim();
    if text.is_empty() {
        Err(DomainError::invalid(field, "required"))
    } else if text.chars().count() > max {
        Err(DomainError::invalid(field, "too-long"))
    } else if text.chars().any(|c| c.is_control() && !keeps.contains(&c)) {
        Err(DomainError::invalid(field, "invalid-characters"))
    } else {
        Ok(text.to_owned())
    }
}
