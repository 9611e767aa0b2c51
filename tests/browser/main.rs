//! The SPA in headless Chromium: open it, search programs, open a detail page, switch the language.
//! Needs the built SPA (`SENKOI_TEST_SPA_DIR`) and Chromium with chromedriver; `cargo xtask test`
//! provides both, so plain `cargo test` leaves this test out.

mod accounts;
mod admin;
mod applying;
mod deploy;
mod directing;
mod my_page;
mod statistics;
mod training;
mod weight;

use senkoi_tests::spawn_app_serving;
use senkoi_tests::webdriver::Browser;

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_newcomer_searches_programs_opens_one_and_switches_to_english() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    // The demo of 7 December 2026 (the second round of 2027 open, on the seeds' days).
    app.set_now(senkoi_domain::time::noon_jst(2026, 12, 7));
    app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    // The counts are those of the current or next round: stand in the first round's adjustment
    // period, where the demo's first-round applications are the counted ones.
    app.set_now(senkoi_domain::time::noon_jst(2026, 11, 20));
    let browser = Browser::start().await;
    walk_through(&app, &browser).await;

    // After the first round's results, a program that filled does not look empty: its page shows
    // what the first round decided beside the open second round's count.
    app.set_now(senkoi_domain::time::noon_jst(2026, 12, 7));
    let first = app.round_id(2027, "first").await;
    let filled = app.find_program(&format!("round={first}"), |p| p["hired_count"].as_u64() > Some(0)).await;
    browser.goto(&format!("{}/programs/{}", app.address, filled["id"].as_str().unwrap())).await;
    browser.wait_for_text("[data-testid=last-results]", |t| t.contains("2027年度 1次募集の結果")).await;
    let hired = browser.text("[data-testid=last-hired]").await;
    assert!(hired.contains(&filled["hired_count"].to_string()), "{hired} for {filled}");
    assert_eq!(browser.text("[data-testid=program-hired]").await, "採用結果通知後に公開", "the open round's");
    crate::applying::assert_accessible(&browser, "a program page after the first results").await;
    browser.screenshot_for_readme("program").await;
    browser.goto(&format!("{}/programs?specialty=internal-medicine&prefecture=13", app.address)).await;
    browser.wait_for("[data-testid=program-row]").await;
    browser.screenshot_for_readme("search").await;
    browser.set_size(390, 844).await;
    assert!(browser.assert_cells_labelled("the search on a phone").await > 0);
    browser.screenshot_for_readme("search-phone").await;
}

async fn walk_through(app: &senkoi_tests::TestApp, browser: &Browser) {
    // Japanese first.
    browser.goto(&format!("{}/", app.address)).await;
    browser.wait_for("[data-testid=nav-programs]").await;
    assert_eq!(browser.script("return document.documentElement.lang").await, "ja");
    let nav = browser.text("[data-testid=nav-programs]").await;
    assert!(nav.contains("プログラム"), "the navigation is in Japanese: {nav}");

    // The master schedule names the time zone.
    browser.click("[data-testid=nav-schedule]").await;
    let schedule = browser.wait_for_text("[data-testid=schedule-table]", |t| t.contains("JST")).await;
    assert!(
        schedule.contains("2026年11月1日") && schedule.contains("12:00"),
        "the first round opens at noon JST: {schedule}"
    );

    // Search: internal medicine in Tokyo.
    browser.click("[data-testid=nav-programs]").await;
    browser.wait_for("[data-testid=search-specialty] option[value=internal-medicine]").await;
    browser.select("[data-testid=search-specialty]", "internal-medicine").await;
    browser.wait_for("[data-testid=search-prefecture] option[value='13']").await;
    browser.select("[data-testid=search-prefecture]", "13").await;
    browser.click("[data-testid=search-submit]").await;
    let expected = app.get("/api/v1/programs?specialty=internal-medicine&prefecture=13").await.body["total"]
        .as_u64()
        .unwrap();
    assert!(expected > 1);
    browser.wait_for_text("[data-testid=search-total]", |t| t.contains(&expected.to_string())).await;
    browser.wait_for("[data-testid=program-row]").await;
    let rows = browser.count("[data-testid=program-row]").await;
    assert_eq!(rows as u64, expected.min(20), "one row per program on the first page");
    assert!(
        browser.current_url().await.contains("specialty=internal-medicine"),
        "the filters live in the URL"
    );

    // Narrow by facility name: AND with the other filters.
    let first_facility = app
        .get("/api/v1/programs?specialty=internal-medicine&prefecture=13")
        .await
        .body["items"][0]["base_facility_name"]
        .as_str()
        .unwrap()
        .to_string();
    browser.type_into("[data-testid=search-facility]", &first_facility).await;
    browser.click("[data-testid=search-submit]").await;
    let narrowed = app
        .get(&format!(
            "/api/v1/programs?specialty=internal-medicine&prefecture=13&facility={}",
            urlencode(&first_facility)
        ))
        .await
        .body["total"]
        .as_u64()
        .unwrap();
    browser
        .wait_for_text("[data-testid=search-total]", |t| {
            t.contains(&narrowed.to_string()) && !t.contains(&expected.to_string())
        })
        .await;

    // Open the first program.
    browser.click("[data-testid=program-link]").await;
    browser.wait_for("[data-testid=program-detail]").await;
    let id = browser.current_url().await.rsplit('/').next().unwrap_or_default().to_string();
    let detail = app.get(&format!("/api/v1/programs/{id}")).await.body;
    let name = browser.wait_for_text("[data-testid=program-name]", |t| !t.is_empty()).await;
    assert_eq!(name, detail["name"].as_str().unwrap());
    let capacity = browser.text("[data-testid=program-capacity]").await;
    assert!(capacity.contains(&detail["capacity"].to_string()), "capacity shown: {capacity}");
    let applicants = browser.text("[data-testid=program-applicants]").await;
    assert!(applicants.contains(&detail["applicant_count"].to_string()), "applicants shown: {applicants}");
    // The figures name their round (the clock stands in the first round's adjustment period).
    assert_eq!(browser.text("[data-testid=counts-round]").await, "2027年度 1次募集の状況");

    // A program with more applicants than places is shown in red.
    let over = app.find_program("", |p| p["applicant_count"].as_u64() > p["capacity"].as_u64()).await;
    let over = over["id"].as_str().unwrap();
    browser.goto(&format!("{}/programs/{over}", app.address)).await;
    browser.wait_for("[data-testid=program-applicants].over-capacity").await;

    // English, and it stays English after a reload.
    browser.click("[data-testid=lang-toggle]").await;
    browser.wait_for_text("[data-testid=nav-programs]", |t| t.to_lowercase().contains("program")).await;
    assert_eq!(browser.script("return document.documentElement.lang").await, "en");
    browser.goto(&format!("{}/schedule", app.address)).await;
    let schedule = browser.wait_for_text("[data-testid=schedule-table]", |t| t.contains("JST")).await;
    assert!(schedule.contains("Nov 2026"), "dates in English: {schedule}");
    assert_eq!(browser.script("return document.documentElement.lang").await, "en");
    browser.click("[data-testid=lang-toggle]").await;
    browser.wait_for_text("[data-testid=nav-programs]", |t| t.contains("プログラム")).await;
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
