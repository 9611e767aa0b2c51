//! The map of Japan's 47 prefectures (`data-testid=japan-map`), each coloured by a level of the
//! domain's [`FillLevel`] and titled with its figures, with the legend and the credit its data
//! requires. The SVG is compiled in (35 KB, in the lazy group of the page that shows it), so no
//! tile service or extra request is needed; the table beside it is the accessible form of the
//! same figures.

use std::collections::HashMap;

use leptos::prelude::*;
use senkoi_domain::fill::{FillLevel, MapMeasure};

use crate::i18n::{Lang, use_i18n};

/// The prefectures' shapes (JIS codes in `id="pref-NN"`), made from MLIT's data (credit below).
const SVG: &str = include_str!("../../static/japan-prefectures.svg");

/// The credit MLIT's terms require wherever the map is shown, in their words.
pub const CREDIT: &str = "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成";

/// One prefecture on the map: its level and what its title says (name and figures).
#[derive(Debug, Clone, PartialEq)]
pub struct Shade {
    pub level: FillLevel,
    pub title: String,
}

/// Text made safe inside an XML element or attribute.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The map's markup with each prefecture of `shades` classed `level-N` and titled; the others
/// stay uncoloured. `label` names the whole image for screen readers.
pub fn shaded(label: &str, shades: &HashMap<String, Shade>) -> String {
    let svg = &SVG[SVG.find("<svg").unwrap_or(0)..];
    let mut parts = svg.split("<path id=\"pref-");
    let mut out = parts.next().unwrap_or_default().replacen(
        "aria-label=\"日本の都道府県\"",
        &format!("aria-label=\"{}\"", escaped(label)),
        1,
    );
    for part in parts {
        out.push_str("<path id=\"pref-");
        let code = part.get(..2).unwrap_or_default();
        match shades.get(code) {
            Some(shade) => {
                let part = part.replacen(
                    "class=\"pref\"",
                    &format!("class=\"pref level-{}\"", shade.level.rank()),
                    1,
                );
                let title_at = part.find("<title>").zip(part.find("</title>"));
                match title_at {
                    Some((start, end)) => {
                        out.push_str(&part[..start]);
                        out.push_str(&format!("<title>{}</title>", escaped(&shade.title)));
                        out.push_str(&part[end + "</title>".len()..]);
                    }
                    None => out.push_str(&part),
                }
            }
            None => out.push_str(part),
        }
    }
    out
}

/// What a level means under `measure`, for the legend.
pub fn level_label(lang: Lang, measure: MapMeasure, level: FillLevel) -> &'static str {
    let (ja, en) = match (measure, level) {
        (_, FillLevel::NoPlaces) => ("定員なし", "No places"),
        (MapMeasure::Hires, FillLevel::Low) => ("採用が枠の半分未満", "Under half filled"),
        (MapMeasure::Hires, FillLevel::Half) => ("半分以上", "Half filled or more"),
        (MapMeasure::Hires, FillLevel::High) => ("9割以上", "Nine tenths or more"),
        (MapMeasure::Hires, FillLevel::Full) => ("枠が埋まった", "Full"),
        (MapMeasure::Applicants, FillLevel::Low) => ("応募が定員の半分未満", "Under half the places"),
        (MapMeasure::Applicants, FillLevel::Half) => ("定員の半分以上", "Half the places or more"),
        (MapMeasure::Applicants, FillLevel::High) => ("定員以上", "As many as the places"),
        (MapMeasure::Applicants, FillLevel::Full) => ("定員の1.5倍以上", "1.5 times the places or more"),
    };
    lang.pick(ja, en)
}

#[component]
pub fn JapanMap(
    /// The markup from [`shaded`].
    #[prop(into)]
    svg: Signal<String>,
    #[prop(into)] measure: Signal<MapMeasure>,
) -> impl IntoView {
    let i18n = use_i18n();
    let legend = move || {
        FillLevel::ALL
            .into_iter()
            .map(|level| {
                view! {
                    <li>
                        <span class=format!("swatch level-{}", level.rank()) aria-hidden="true"></span>
                        {level_label(i18n.lang(), measure.get(), level)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="japan-map" data-testid="japan-map">
            <div class="japan-map-image" inner_html=move || svg.get()></div>
            <figcaption>
                <ul class="map-legend" data-testid="map-legend">{legend}</ul>
                <p class="map-credit" data-testid="map-credit">
                    <span lang="ja">{CREDIT}</span>
                    {move || (i18n.lang() == Lang::En).then_some(" (the map: MLIT National Land Numerical Information, administrative areas, adapted)")}
                </p>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prefecture_is_classed_by_its_level_and_titled_with_its_figures() {
        let shades = HashMap::from([
            ("13".to_string(), Shade { level: FillLevel::Full, title: "東京都: 採用 10 / 枠 10".into() }),
            ("47".to_string(), Shade { level: FillLevel::Low, title: "沖縄県 <&>".into() }),
        ]);
        let svg = shaded("内科 2027年度", &shades);
        assert!(svg.starts_with("<svg"), "the source comment is left out");
        assert!(svg.contains("aria-label=\"内科 2027年度\""));
        assert!(svg.contains("<path id=\"pref-13\" class=\"pref level-4\" data-code=\"13\""));
        assert!(svg.contains("<title>東京都: 採用 10 / 枠 10</title>"));
        assert!(svg.contains("<title>沖縄県 &lt;&amp;&gt;</title>"));
        assert!(svg.contains("<path id=\"pref-01\" class=\"pref\" data-code=\"01\""), "unshaded stays");
        assert!(svg.contains("<title>北海道</title>"));
        assert_eq!(svg.matches("<path id=\"pref-").count(), 47);
        assert_eq!(svg.matches("<title>").count(), 47);
    }

    #[test]
    fn every_level_has_a_legend_in_both_languages() {
        for measure in MapMeasure::ALL {
            for level in FillLevel::ALL {
                assert!(!level_label(Lang::Ja, measure, level).is_ascii());
                assert!(level_label(Lang::En, measure, level).is_ascii());
            }
        }
    }
}
