//! The names of the reference data — specialties (基本領域) and prefectures (都道府県) — in the
//! current language. Both lists are the domain's, which the SPA compiles, so nothing is fetched
//! for them and a name never waits for a list to load.

use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;

use crate::i18n::Lang;

/// The name of a specialty code in `lang`; the code itself when it names none.
pub fn specialty_name(lang: Lang, code: &str) -> String {
    Specialty::parse(code)
        .map_or_else(|_| code.to_string(), |s| lang.pick(s.name_ja(), s.name_en()).to_string())
}

/// The name of a prefecture in `lang`.
pub fn prefecture_name(lang: Lang, prefecture: Prefecture) -> String {
    lang.pick(prefecture.name_ja(), prefecture.name_en()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_domain_in_either_language() {
        assert_eq!(specialty_name(Lang::Ja, "internal-medicine"), Specialty::InternalMedicine.name_ja());
        assert_eq!(specialty_name(Lang::En, "internal-medicine"), Specialty::InternalMedicine.name_en());
        assert_eq!(specialty_name(Lang::Ja, "cardiology"), "cardiology", "an unknown code stands as it is");
        let tokyo = Prefecture::parse("13").unwrap();
        assert_eq!(
            (prefecture_name(Lang::Ja, tokyo), prefecture_name(Lang::En, tokyo)),
            ("東京都".into(), "Tokyo".into())
        );
    }
}
