//! The public figures (`/statistics`): the map of Japan shaded by the domain's levels from the
//! server's own figures, the table beside it, the year's hires, the measure and the specialty
//! chosen through the URL, the credit the map's data requires, on a desktop and on a phone.

use senkoi_domain::demo::DemoPhase;
use senkoi_domain::fill::MapMeasure;
use senkoi_tests::spawn_app_serving;
use senkoi_tests::webdriver::Browser;
use serde_json::Value;

use crate::applying::assert_accessible;

/// The class the map gives prefecture `code` under `measure`, from the API's row.
fn expected_class(rows: &Value, code: &str, measure: MapMeasure) -> String {
    let row =
        rows.as_array().unwrap().iter().find(|r| r["prefecture"] == code).expect("the prefecture's row");
    let n = |key: &str| u32::try_from(row[key].as_u64().unwrap_or(0)).unwrap();
    let ceiling = row["ceiling"].as_u64().map(|c| u32::try_from(c).unwrap());
    format!("pref level-{}", measure.level(n("capacity"), n("applicants"), n("hired"), ceiling).rank())
}

async fn class_of(browser: &Browser, code: &str) -> String {
    let script = format!(
        "return document.querySelector('[data-testid=japan-map] #pref-{code}').getAttribute('class');"
    );
    browser.script(&script).await.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn anyone_reads_the_figures_of_a_specialty_on_the_map_and_in_the_tables() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    app.set_now(senkoi_domain::time::noon_jst(2026, 12, 7));
    app.load_demo(DemoPhase::Results).await;
    let rows = app.get("/api/v1/statistics/prefectures?specialty=internal-medicine").await.body;
    let hires = app.get("/api/v1/statistics/annual-hires").await.body;
    let hired = |specialty: Option<&str>| -> u64 {
        hires
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| specialty.is_none_or(|s| c["specialty"] == s))
            .map(|c| c["hired"].as_u64().unwrap())
            .sum()
    };
    assert!(hired(Some("internal-medicine")) > 0, "the demo's results are out: {hires}");

    let browser = Browser::start().await;
    browser.goto(&format!("{}/", app.address)).await;
    browser.click("[data-testid=nav-statistics]").await;
    browser.wait_for("[data-testid=japan-map] #pref-13").await;
    assert_eq!(browser.count("[data-testid=japan-map] path.pref").await, 47);
    // Tokyo, with its ceiling, and Hokkaido, shaded as the domain levels the server's figures.
    for code in ["13", "01", "27"] {
        assert_eq!(class_of(&browser, code).await, expected_class(&rows, code, MapMeasure::Hires), "{code}");
    }
    let credit = browser.text("[data-testid=map-credit]").await;
    assert!(credit.contains("出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成"), "{credit}");
    browser.wait_for("[data-testid=prefecture-row-13]").await;
    let total = browser.wait_for_text("[data-testid=hires-grand-total]", |t| !t.is_empty()).await;
    assert_eq!(total, hired(None).to_string());
    let internal = browser.text("[data-testid=hires-row-internal-medicine] [data-testid=hires-total]").await;
    assert_eq!(internal, hired(Some("internal-medicine")).to_string());
    assert_accessible(&browser, "the public figures").await;
    browser.screenshot_for_readme("statistics").await;

    // The other measure, through the URL; then another specialty.
    browser.click("[data-testid=measure-applicants]").await;
    let wait = std::time::Instant::now();
    while class_of(&browser, "13").await != expected_class(&rows, "13", MapMeasure::Applicants)
        || !browser.current_url().await.contains("measure=applicants")
    {
        assert!(wait.elapsed() < std::time::Duration::from_secs(20), "the map shows the applicants");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.select("[data-testid=statistics-specialty]", "pediatrics").await;
    browser.wait_for_text("#prefecture-status-heading", |t| t.contains("小児科")).await;
    assert!(browser.current_url().await.contains("specialty=pediatrics&year=2027&measure=applicants"));
    let pediatrics = app.get("/api/v1/statistics/prefectures?specialty=pediatrics").await.body;
    let wait = std::time::Instant::now();
    while class_of(&browser, "13").await != expected_class(&pediatrics, "13", MapMeasure::Applicants) {
        assert!(wait.elapsed() < std::time::Duration::from_secs(20), "the map shows pediatrics");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // On a phone: the map above the table, every cell labelled; in English, the credit stays.
    browser.set_size(390, 844).await;
    browser.wait_for("[data-testid=prefecture-table]").await;
    browser.assert_cells_labelled("the figures at phone width").await;
    assert_accessible(&browser, "the public figures on a phone").await;
    browser.click("[data-testid=lang-toggle]").await;
    browser.wait_for_text("[data-testid=map-legend]", |t| t.contains("No places")).await;
    let credit = browser.text("[data-testid=map-credit]").await;
    assert!(credit.contains("国土交通省") && credit.contains("MLIT"), "{credit}");
    assert_accessible(&browser, "the public figures in English").await;
}
