//! Reference data loaded once per visit — specialties (基本領域) and prefectures (都道府県) — and
//! the lookup of their names in the current language.

use leptos::prelude::*;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::wire::{PrefectureView, SpecialtyView};

use crate::api::{self, ApiProblem};
use crate::i18n::Lang;

/// Both lists, shared through context so every page reads the same copy.
#[derive(Clone, Copy)]
pub struct ReferenceData {
    pub specialties: LocalResource<Result<Vec<SpecialtyView>, ApiProblem>>,
    pub prefectures: LocalResource<Result<Vec<PrefectureView>, ApiProblem>>,
}

impl ReferenceData {
    /// Starts loading both lists; called once by the app.
    pub fn load() -> Self {
        ReferenceData {
            specialties: LocalResource::new(api::specialties),
            prefectures: LocalResource::new(api::prefectures),
        }
    }

    /// The name of a specialty code in `lang`; the code itself until the list has loaded.
    pub fn specialty_name(&self, lang: Lang, code: &str) -> String {
        self.specialties
            .read()
            .as_ref()
            .and_then(|loaded| loaded.as_ref().ok())
            .and_then(|list| list.iter().find(|s| s.code == code))
            .map(|s| lang.pick(&s.name_ja, &s.name_en).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    /// The name of a prefecture in `lang` (the domain knows all 47: nothing to wait for).
    pub fn prefecture_name(&self, lang: Lang, prefecture: Prefecture) -> String {
        lang.pick(prefecture.name_ja(), prefecture.name_en()).to_string()
    }
}

pub fn use_reference_data() -> ReferenceData {
    expect_context::<ReferenceData>()
}
