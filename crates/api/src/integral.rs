//! Integers in request bodies as JSON Schema reads them: `2024.0` is the integer 2024 (a number
//! whose fraction is zero is an integer there), so a body the published schema accepts is never
//! refused for how a client's JSON library wrote a whole number. A leaf module.

use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// The whole number `number` stands for, if any.
fn whole(number: &serde_json::Number) -> Option<i64> {
    number.as_i64().or_else(|| {
        number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0).map(|f| f as i64)
    })
}

fn read<'de, D: Deserializer<'de>, T: TryFrom<i64>>(deserializer: D) -> Result<T, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    let value =
        whole(&number).ok_or_else(|| D::Error::custom(format!("expected an integer, got {number}")))?;
    T::try_from(value).map_err(|_| D::Error::custom(format!("integer out of range: {value}")))
}

/// `#[serde(deserialize_with = "integral::required")]` for `i32`, `u32` and the like.
pub fn required<'de, D: Deserializer<'de>, T: TryFrom<i64>>(deserializer: D) -> Result<T, D::Error> {
    read(deserializer)
}

/// `#[serde(default, deserialize_with = "integral::optional")]` for `Option<i32>` and the like;
/// `null` is `None`.
pub fn optional<'de, D: Deserializer<'de>, T: TryFrom<i64>>(deserializer: D) -> Result<Option<T>, D::Error> {
    match Option::<serde_json::Number>::deserialize(deserializer)? {
        None => Ok(None),
        Some(number) => {
            let value = whole(&number)
                .ok_or_else(|| D::Error::custom(format!("expected an integer, got {number}")))?;
            T::try_from(value)
                .map(Some)
                .map_err(|_| D::Error::custom(format!("integer out of range: {value}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        #[serde(deserialize_with = "super::required")]
        year: i32,
        #[serde(default, deserialize_with = "super::optional")]
        capacity: Option<u32>,
    }

    fn body(json: &str) -> Result<Body, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_whole_number_written_with_a_zero_fraction_is_an_integer() {
        assert_eq!(body(r#"{"year": 2024.0, "capacity": 5.0}"#), Ok(Body { year: 2024, capacity: Some(5) }));
        assert_eq!(body(r#"{"year": 2024}"#), Ok(Body { year: 2024, capacity: None }));
        assert_eq!(body(r#"{"year": 2024, "capacity": null}"#), Ok(Body { year: 2024, capacity: None }));
    }

    #[test]
    fn fractions_strings_and_out_of_range_numbers_are_refused() {
        for json in [
            r#"{"year": 2024.5}"#,
            r#"{"year": "2024"}"#,
            r#"{"year": 3000000000}"#,
            r#"{"year": 2024, "capacity": -1}"#,
            r#"{"year": 1e300}"#,
        ] {
            assert!(body(json).is_err(), "{json}");
        }
    }
}
