//! How full a prefecture is, for the public map of 都道府県ごとの応募・採用状況: five levels,
//! from "no places" to "full", by one of two measures — the hires against the places that may be
//! filled (the capacity, or the ceiling where it is lower), or the applicants against the
//! capacity. The table beside the map carries the figures; the levels only colour it.
//!
//! The rules in words: `docs/rules.md`, "Capacity and ceilings".

/// A prefecture's level on the map, from the emptiest to the fullest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FillLevel {
    /// No places in the specialty there (no program, or none with a capacity).
    NoPlaces,
    /// Under half.
    Low,
    /// Half or more.
    Half,
    /// Nine tenths or more (hires), or as many applicants as places.
    High,
    /// Every place taken (hires), or half as many applicants again as places.
    Full,
}

impl FillLevel {
    pub const ALL: [FillLevel; 5] =
        [FillLevel::NoPlaces, FillLevel::Low, FillLevel::Half, FillLevel::High, FillLevel::Full];

    /// 0 (no places) to 4 (full), for a CSS class.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// What the map measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapMeasure {
    /// 採用の充足: hires against the places that may be filled.
    Hires,
    /// 応募倍率: applicants against the capacity.
    Applicants,
}

impl MapMeasure {
    pub const ALL: [MapMeasure; 2] = [MapMeasure::Hires, MapMeasure::Applicants];

    pub fn code(self) -> &'static str {
        match self {
            MapMeasure::Hires => "hires",
            MapMeasure::Applicants => "applicants",
        }
    }

    pub fn parse(code: &str) -> Option<MapMeasure> {
        MapMeasure::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The level of a prefecture with `capacity` places, `applicants` and `hired`, under
    /// `ceiling` where one applies.
    pub fn level(self, capacity: u32, applicants: u32, hired: u32, ceiling: Option<u32>) -> FillLevel {
        match self {
            MapMeasure::Hires => hires_level(capacity, hired, ceiling),
            MapMeasure::Applicants => applicants_level(capacity, applicants),
        }
    }
}

/// The places that may be filled: the capacity, or the ceiling where it is lower.
pub fn places(capacity: u32, ceiling: Option<u32>) -> u32 {
    ceiling.map_or(capacity, |ceiling| ceiling.min(capacity))
}

/// Hires against [`places`]: under half, half, nine tenths, all. A prefecture with a capacity
/// and a ceiling of 0 is full from the start.
pub fn hires_level(capacity: u32, hired: u32, ceiling: Option<u32>) -> FillLevel {
    if capacity == 0 {
        return FillLevel::NoPlaces;
    }
    let (hired, places) = (u64::from(hired), u64::from(places(capacity, ceiling)));
    if hired >= places {
        FillLevel::Full
    } else if hired * 10 >= places * 9 {
        FillLevel::High
    } else if hired * 2 >= places {
        FillLevel::Half
    } else {
        FillLevel::Low
    }
}

/// Applicants against the capacity: under half, half, as many, half as many again.
pub fn applicants_level(capacity: u32, applicants: u32) -> FillLevel {
    if capacity == 0 {
        return FillLevel::NoPlaces;
    }
    let (applicants, capacity) = (u64::from(applicants), u64::from(capacity));
    if applicants * 2 >= capacity * 3 {
        FillLevel::Full
    } else if applicants >= capacity {
        FillLevel::High
    } else if applicants * 2 >= capacity {
        FillLevel::Half
    } else {
        FillLevel::Low
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FillLevel::*;

    #[test]
    fn hires_fill_the_places_under_the_lower_of_capacity_and_ceiling() {
        let cases = [
            // (capacity, hired, ceiling, level)
            (0, 0, None, NoPlaces),
            (0, 3, Some(5), NoPlaces),
            (10, 0, None, Low),
            (10, 4, None, Low),
            (10, 5, None, Half),
            (10, 8, None, Half),
            (10, 9, None, High),
            (10, 10, None, Full),
            (10, 12, None, Full),
            (10, 4, Some(8), Half),
            (10, 8, Some(8), Full),
            (10, 7, Some(8), Half),
            (10, 0, Some(0), Full),
            (10, 9, Some(20), High),
            (20, 18, Some(20), High),
            (20, 17, Some(20), Half),
        ];
        for (capacity, hired, ceiling, level) in cases {
            assert_eq!(hires_level(capacity, hired, ceiling), level, "{capacity} {hired} {ceiling:?}");
            assert_eq!(MapMeasure::Hires.level(capacity, 999, hired, ceiling), level);
        }
        assert_eq!(places(10, Some(8)), 8);
        assert_eq!(places(10, Some(12)), 10);
        assert_eq!(places(10, None), 10);
        assert_eq!(hires_level(u32::MAX, u32::MAX - 1, None), High, "no overflow");
    }

    #[test]
    fn applicants_are_counted_against_the_capacity() {
        let cases = [
            (0, 5, NoPlaces),
            (10, 0, Low),
            (10, 4, Low),
            (10, 5, Half),
            (10, 9, Half),
            (10, 10, High),
            (10, 14, High),
            (10, 15, Full),
            (3, 4, High),
            (3, 5, Full),
        ];
        for (capacity, applicants, level) in cases {
            assert_eq!(applicants_level(capacity, applicants), level, "{capacity} {applicants}");
            assert_eq!(MapMeasure::Applicants.level(capacity, applicants, 0, Some(0)), level);
        }
    }

    #[test]
    fn measures_and_levels_have_stable_codes_and_ranks() {
        for measure in MapMeasure::ALL {
            assert_eq!(MapMeasure::parse(measure.code()), Some(measure));
        }
        assert_eq!(MapMeasure::parse("fill"), None);
        assert_eq!(FillLevel::ALL.map(FillLevel::rank), [0, 1, 2, 3, 4]);
    }
}
