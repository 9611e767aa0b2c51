//! Owns the 47 prefectures (都道府県) by JIS code, their names, and which five have ceilings.
//!
//! The rules in words: `docs/rules.md`, "Reference data".

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A prefecture by its JIS X 0401 code, 1..=47. In JSON it is the two-digit string `"13"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "13"))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String", from_str = "Prefecture::parse", to_str = "Prefecture::stored")
)]
pub struct Prefecture(u8);

/// (Japanese, English) names, indexed by JIS code − 1.
const NAMES: [(&str, &str); 47] = [
    ("北海道", "Hokkaido"),
    ("青森県", "Aomori"),
    ("岩手県", "Iwate"),
    ("宮城県", "Miyagi"),
    ("秋田県", "Akita"),
    ("山形県", "Yamagata"),
    ("福島県", "Fukushima"),
    ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"),
    ("群馬県", "Gunma"),
    ("埼玉県", "Saitama"),
    ("千葉県", "Chiba"),
    ("東京都", "Tokyo"),
    ("神奈川県", "Kanagawa"),
    ("新潟県", "Niigata"),
    ("富山県", "Toyama"),
    ("石川県", "Ishikawa"),
    ("福井県", "Fukui"),
    ("山梨県", "Yamanashi"),
    ("長野県", "Nagano"),
    ("岐阜県", "Gifu"),
    ("静岡県", "Shizuoka"),
    ("愛知県", "Aichi"),
    ("三重県", "Mie"),
    ("滋賀県", "Shiga"),
    ("京都府", "Kyoto"),
    ("大阪府", "Osaka"),
    ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"),
    ("和歌山県", "Wakayama"),
    ("鳥取県", "Tottori"),
    ("島根県", "Shimane"),
    ("岡山県", "Okayama"),
    ("広島県", "Hiroshima"),
    ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"),
    ("愛媛県", "Ehime"),
    ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"),
    ("長崎県", "Nagasaki"),
    ("熊本県", "Kumamoto"),
    ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"),
    ("鹿児島県", "Kagoshima"),
    ("沖縄県", "Okinawa"),
];

/// The five ceiling prefectures: 東京 13, 神奈川 14, 愛知 23, 大阪 27, 福岡 40.
const CEILING_PREFECTURES: [u8; 5] = [13, 14, 23, 27, 40];

impl Prefecture {
    /// All 47 prefectures, in JIS order (北海道 first, 沖縄県 last).
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (1..=47).map(Prefecture)
    }

    /// The prefecture with this two-digit JIS code, `"01"`..=`"47"`; `invalid-prefecture` for
    /// anything else (`"1"`, `"48"`, `"東京都"`).
    pub fn parse(code: &str) -> Result<Prefecture, DomainError> {
        let refused = DomainError::invalid("prefecture", "invalid-prefecture");
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refused);
        }
        match code.parse::<u8>() {
            Ok(number @ 1..=47) => Ok(Prefecture(number)),
            _ => Err(refused),
        }
    }

    /// The two-digit JIS code, e.g. `"01"`, `"13"`.
    pub fn code(self) -> String {
        format!("{:02}", self.0)
    }

    /// The code as a column stores it (the two-digit JIS code).
    pub fn stored(&self) -> String {
        self.code()
    }

    /// The JIS code as a number, 1..=47.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The official name: 北海道, 東京都, 大阪府, 神奈川県…
    pub fn name_ja(self) -> &'static str {
        self.names().0
    }

    /// The English name without suffix: Hokkaido, Tokyo, Osaka…
    pub fn name_en(self) -> &'static str {
        self.names().1
    }

    /// One of the five prefectures with ceilings (シーリング).
    pub fn has_ceiling(self) -> bool {
        CEILING_PREFECTURES.contains(&self.0)
    }

    fn names(self) -> (&'static str, &'static str) {
        // The field is 1..=47 by construction, so the index is in range.
        NAMES[usize::from(self.0) - 1]
    }
}

impl TryFrom<String> for Prefecture {
    type Error = DomainError;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Prefecture::parse(&code)
    }
}

impl From<Prefecture> for String {
    fn from(prefecture: Prefecture) -> String {
        prefecture.code()
    }
}

/// A prefecture is part of a ceiling's key; keys are never made of a number (no column of it
/// counts up), so this conversion only refuses.
#[cfg(feature = "db")]
impl sea_orm::TryFromU64 for Prefecture {
    fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
        Err(sea_orm::DbErr::ConvertFromU64("Prefecture"))
    }
}

impl std::fmt::Display for Prefecture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::StringDeserializer;

    #[test]
    fn two_digit_jis_codes_parse() {
        let cases = [
            ("01", 1, "北海道", "Hokkaido"),
            ("13", 13, "東京都", "Tokyo"),
            ("14", 14, "神奈川県", "Kanagawa"),
            ("26", 26, "京都府", "Kyoto"),
            ("27", 27, "大阪府", "Osaka"),
            ("47", 47, "沖縄県", "Okinawa"),
        ];
        for (code, number, name_ja, name_en) in cases {
            let prefecture = Prefecture::parse(code).expect(code);
            assert_eq!(prefecture.number(), number);
            assert_eq!(prefecture.code(), code);
            assert_eq!(prefecture.stored(), code, "as a column stores it");
            assert_eq!(prefecture.to_string(), code);
            assert_eq!(prefecture.name_ja(), name_ja);
            assert_eq!(prefecture.name_en(), name_en);
        }
    }

    #[test]
    fn anything_but_two_digits_from_01_to_47_is_refused() {
        for code in ["", "0", "1", " 13", "00", "48", "99", "013", "1a", "+1", "１３", "東京都"] {
            assert_eq!(
                Prefecture::parse(code),
                Err(DomainError::invalid("prefecture", "invalid-prefecture")),
                "{code:?}"
            );
        }
    }

    #[test]
    fn there_are_47_in_jis_order_with_distinct_names() {
        let all: Vec<Prefecture> = Prefecture::all().collect();
        assert_eq!(all.len(), 47);
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        for prefecture in &all {
            assert_eq!(Prefecture::parse(&prefecture.code()), Ok(*prefecture));
            let suffix_ok = ["都", "道", "府", "県"].iter().any(|s| prefecture.name_ja().ends_with(s));
            assert!(suffix_ok, "{}", prefecture.name_ja());
        }
    }

    #[test]
    fn ceilings_apply_in_tokyo_kanagawa_aichi_osaka_and_fukuoka() {
        let with_ceiling: Vec<&str> =
            Prefecture::all().filter(|p| p.has_ceiling()).map(|p| p.name_ja()).collect();
        assert_eq!(with_ceiling, ["東京都", "神奈川県", "愛知県", "大阪府", "福岡県"]);
    }

    #[test]
    fn json_is_the_two_digit_string() {
        let tokyo = Prefecture::parse("13").expect("13");
        assert_eq!(String::from(tokyo), "13");
        let de = |s: &str| {
            Prefecture::deserialize(StringDeserializer::<serde::de::value::Error>::new(s.to_owned()))
        };
        assert_eq!(de("13").ok(), Some(tokyo));
        assert!(de("48").is_err());
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn openapi_schema_is_a_string() {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{Schema, SchemaType, Type};
        let schema = <Prefecture as utoipa::PartialSchema>::schema();
        let RefOr::T(Schema::Object(object)) = schema else {
            panic!("an inline object schema");
        };
        assert!(object.schema_type == SchemaType::Type(Type::String));
    }
}
