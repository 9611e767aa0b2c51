//! Owns the 19 basic specialties (基本領域): their stable codes, names, ceiling exemption and
//! training-record data linkage.
//!
//! The rules in words: `docs/rules.md`, "Reference data".

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A basic specialty (基本領域). In JSON it is its kebab-case code, e.g. `"internal-medicine"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(40))",
        rename_all = "kebab-case"
    )
)]
pub enum Specialty {
    /// 内科
    InternalMedicine,
    /// 小児科
    Pediatrics,
    /// 皮膚科
    Dermatology,
    /// 精神科
    Psychiatry,
    /// 外科
    Surgery,
    /// 整形外科
    Orthopedics,
    /// 産婦人科
    ObstetricsGynecology,
    /// 眼科
    Ophthalmology,
    /// 耳鼻咽喉科
    Otorhinolaryngology,
    /// 泌尿器科
    Urology,
    /// 脳神経外科
    Neurosurgery,
    /// 放射線科
    Radiology,
    /// 麻酔科
    Anesthesiology,
    /// 病理
    Pathology,
    /// 臨床検査
    LaboratoryMedicine,
    /// 救急科
    EmergencyMedicine,
    /// 形成外科
    PlasticSurgery,
    /// リハビリテーション科
    Rehabilitation,
    /// 総合診療
    GeneralMedicine,
}

impl Specialty {
    /// All basic specialties, in the board's order.
    pub const ALL: [Specialty; 19] = [
        Specialty::InternalMedicine,
        Specialty::Pediatrics,
        Specialty::Dermatology,
        Specialty::Psychiatry,
        Specialty::Surgery,
        Specialty::Orthopedics,
        Specialty::ObstetricsGynecology,
        Specialty::Ophthalmology,
        Specialty::Otorhinolaryngology,
        Specialty::Urology,
        Specialty::Neurosurgery,
        Specialty::Radiology,
        Specialty::Anesthesiology,
        Specialty::Pathology,
        Specialty::LaboratoryMedicine,
        Specialty::EmergencyMedicine,
        Specialty::PlasticSurgery,
        Specialty::Rehabilitation,
        Specialty::GeneralMedicine,
    ];

    /// The stable code used in URLs and JSON.
    pub fn code(self) -> &'static str {
        self.names().0
    }

    /// The Japanese name, e.g. 内科.
    pub fn name_ja(self) -> &'static str {
        self.names().1
    }

    /// The English name, e.g. Internal Medicine.
    pub fn name_en(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Specialty::InternalMedicine => ("internal-medicine", "内科", "Internal Medicine"),
            Specialty::Pediatrics => ("pediatrics", "小児科", "Pediatrics"),
            Specialty::Dermatology => ("dermatology", "皮膚科", "Dermatology"),
            Specialty::Psychiatry => ("psychiatry", "精神科", "Psychiatry"),
            Specialty::Surgery => ("surgery", "外科", "Surgery"),
            Specialty::Orthopedics => ("orthopedics", "整形外科", "Orthopedic Surgery"),
            Specialty::ObstetricsGynecology => {
                ("obstetrics-gynecology", "産婦人科", "Obstetrics and Gynecology")
            }
            Specialty::Ophthalmology => ("ophthalmology", "眼科", "Ophthalmology"),
            Specialty::Otorhinolaryngology => ("otorhinolaryngology", "耳鼻咽喉科", "Otorhinolaryngology"),
            Specialty::Urology => ("urology", "泌尿器科", "Urology"),
            Specialty::Neurosurgery => ("neurosurgery", "脳神経外科", "Neurosurgery"),
            Specialty::Radiology => ("radiology", "放射線科", "Radiology"),
            Specialty::Anesthesiology => ("anesthesiology", "麻酔科", "Anesthesiology"),
            Specialty::Pathology => ("pathology", "病理", "Pathology"),
            Specialty::LaboratoryMedicine => {
                ("laboratory-medicine", "臨床検査", "Clinical Laboratory Medicine")
            }
            Specialty::EmergencyMedicine => ("emergency-medicine", "救急科", "Emergency Medicine"),
            Specialty::PlasticSurgery => ("plastic-surgery", "形成外科", "Plastic Surgery"),
            Specialty::Rehabilitation => {
                ("rehabilitation", "リハビリテーション科", "Rehabilitation Medicine")
            }
            Specialty::GeneralMedicine => ("general-medicine", "総合診療", "General Medicine"),
        }
    }

    /// The specialty with this code; `unknown-specialty` otherwise.
    pub fn parse(code: &str) -> Result<Specialty, DomainError> {
        Specialty::ALL
            .into_iter()
            .find(|specialty| specialty.code() == code)
            .ok_or(DomainError::invalid("specialty", "unknown-specialty"))
    }

    /// Not subject to prefecture ceilings (シーリング): 外科, 産婦人科, 病理, 臨床検査.
    pub fn ceiling_exempt(self) -> bool {
        matches!(
            self,
            Specialty::Surgery
                | Specialty::ObstetricsGynecology
                | Specialty::Pathology
                | Specialty::LaboratoryMedicine
        )
    }

    /// Whether the training records (研修実績) of residents of this cohort come from the
    /// society's system (data linkage), so the resident enters nothing.
    ///
    /// `cohort_year` is the year the resident started specialty training (2018年度専攻医 = 2018).
    pub fn records_linked(self, cohort_year: i32) -> bool {
        match self {
            Specialty::InternalMedicine => cohort_year != 2018,
            Specialty::Radiology => !matches!(cohort_year, 2018 | 2019),
            Specialty::Dermatology
            | Specialty::Psychiatry
            | Specialty::Surgery
            | Specialty::Orthopedics
            | Specialty::ObstetricsGynecology
            | Specialty::EmergencyMedicine => true,
            _ => false,
        }
    }
}

impl std::fmt::Display for Specialty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Specialty::*;
    use serde::de::value::StrDeserializer;

    #[test]
    fn codes_follow_the_domain_order() {
        let codes: Vec<&str> = Specialty::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            [
                "internal-medicine",
                "pediatrics",
                "dermatology",
                "psychiatry",
                "surgery",
                "orthopedics",
                "obstetrics-gynecology",
                "ophthalmology",
                "otorhinolaryngology",
                "urology",
                "neurosurgery",
                "radiology",
                "anesthesiology",
                "pathology",
                "laboratory-medicine",
                "emergency-medicine",
                "plastic-surgery",
                "rehabilitation",
                "general-medicine",
            ]
        );
    }

    #[test]
    fn every_code_parses_back_and_deserialises_as_itself() {
        for specialty in Specialty::ALL {
            assert_eq!(Specialty::parse(specialty.code()), Ok(specialty));
            let json_string = StrDeserializer::<serde::de::value::Error>::new(specialty.code());
            assert_eq!(Specialty::deserialize(json_string), Ok(specialty));
            assert!(!specialty.name_ja().is_empty() && !specialty.name_en().is_empty());
        }
    }

    #[test]
    fn unknown_codes_are_refused() {
        for code in ["", "Internal-Medicine", "internal_medicine", "内科", "dentistry"] {
            assert_eq!(
                Specialty::parse(code),
                Err(DomainError::invalid("specialty", "unknown-specialty")),
                "{code}"
            );
        }
    }

    #[test]
    fn japanese_names_are_the_boards() {
        let cases = [
            (InternalMedicine, "内科"),
            (ObstetricsGynecology, "産婦人科"),
            (Otorhinolaryngology, "耳鼻咽喉科"),
            (Rehabilitation, "リハビリテーション科"),
            (GeneralMedicine, "総合診療"),
        ];
        for (specialty, name) in cases {
            assert_eq!(specialty.name_ja(), name);
        }
    }

    #[test]
    fn ceiling_exempt_specialties_are_surgery_obgyn_pathology_and_laboratory() {
        let exempt: Vec<Specialty> = Specialty::ALL.into_iter().filter(|s| s.ceiling_exempt()).collect();
        assert_eq!(exempt, [Surgery, ObstetricsGynecology, Pathology, LaboratoryMedicine]);
    }

    #[test]
    fn records_are_linked_for_the_eight_specialties_except_early_cohorts() {
        let cases = [
            (InternalMedicine, 2018, false),
            (InternalMedicine, 2019, true),
            (InternalMedicine, 2024, true),
            (Radiology, 2018, false),
            (Radiology, 2019, false),
            (Radiology, 2020, true),
            (Dermatology, 2018, true),
            (Psychiatry, 2018, true),
            (Surgery, 2018, true),
            (Orthopedics, 2021, true),
            (ObstetricsGynecology, 2019, true),
            (EmergencyMedicine, 2024, true),
            (Pediatrics, 2024, false),
            (GeneralMedicine, 2024, false),
            (Pathology, 2024, false),
        ];
        for (specialty, cohort, linked) in cases {
            assert_eq!(specialty.records_linked(cohort), linked, "{specialty} {cohort}");
        }
    }

    #[test]
    fn every_specialty_has_a_distinct_english_name_and_displays_as_its_code() {
        let mut seen = std::collections::HashSet::new();
        for specialty in Specialty::ALL {
            assert!(!specialty.name_en().is_empty() && seen.insert(specialty.name_en()), "{specialty:?}");
            assert_eq!(specialty.to_string(), specialty.code());
        }
        assert_eq!(Specialty::InternalMedicine.name_en(), "Internal Medicine");
    }
}
