//! My page beyond the applications: the personal timeline, the per-prefecture table with the
//! ceiling prefectures marked, and the master schedule with the period running now — all by the
//! server's clock — and no serious accessibility violation on the resident's pages.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use senkoi_api::entities::{application, ceiling};
use senkoi_domain::Specialty;
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{RESIDENT_PASSWORD, spawn_app_serving};
use serde_json::json;

use crate::applying::{assert_accessible, world};

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn my_page_shows_what_happens_next_the_prefectures_and_the_period_running_now() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    let first = world(&app).await;
    ceiling::ActiveModel {
        year: Set(2024),
        prefecture: Set(senkoi_domain::prefecture::Prefecture::parse("13").unwrap()),
        specialty: Set(Specialty::InternalMedicine),
        ceiling: Set(40),
        updated_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let resident = app.resident("hanako@example.jp", "1000031").await;

    // Inside the first round's application period, the resident has applied.
    app.set_now(first.application.start + Duration::days(2));
    let session = app.login(&resident.user_id, RESIDENT_PASSWORD).await;
    let program =
        app.find_program("specialty=internal-medicine&year=2024", |p| p["name"] == "城北 内科").await;
    let body = json!({"program_id": program["id"], "round_id": program["counts_round_id"]});
    let applied = app.post("/api/v1/applications", session["access_token"].as_str(), &body).await;
    assert_eq!(applied.status, 201, "{}", applied.text);

    let browser = Browser::start().await;
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", &resident.user_id).await;
    browser.type_into("[data-testid=field-password]", RESIDENT_PASSWORD).await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=my-page]").await;

    // Next: the application period closes, and it is the resident who acts until then.
    let next = browser.wait_for_text("[data-testid=timeline-next]", |t| !t.is_empty()).await;
    assert!(
        next.contains("応募締切") && next.contains("2023年11月14日") && next.contains("あなた"),
        "{next}"
    );
    assert_eq!(browser.count("[data-testid=timeline] li").await, 3, "closing, adjustment, results");
    let steps = browser.text("[data-testid=timeline]").await;
    assert!(
        steps.contains("統括責任者") && steps.contains("日本専門医機構"),
        "who acts at each step: {steps}"
    );

    // The per-prefecture table of the resident's specialty: Tokyo is a ceiling prefecture.
    let tokyo = browser.wait_for_text("[data-testid=prefecture-row-13]", |t| !t.is_empty()).await;
    assert!(tokyo.contains("東京都") && tokyo.contains("シーリング対象") && tokyo.contains("40"), "{tokyo}");
    let cells: Vec<String> = serde_json::from_value(
        browser
            .script("return [...document.querySelectorAll('[data-testid=prefecture-row-13] td')].map(td => td.textContent.trim());")
            .await,
    )
    .unwrap();
    assert_eq!(
        cells,
        ["2", "1", "0", "0", "0", "40"],
        "capacity, applicants, no decision before the results, ceiling"
    );
    assert_accessible(&browser, "my page").await;
    browser.screenshot_for_readme("my-page").await;
    // On a desktop the table takes the page's width, every column in sight.
    let (table, page) = (
        browser.script("return document.querySelector('[data-testid=section-prefecture-status]').getBoundingClientRect().width").await,
        browser.script("return document.querySelector('.my-sections').getBoundingClientRect().width").await,
    );
    assert_eq!(table.as_f64(), page.as_f64(), "the prefecture table spans the page");
    // On a phone each prefecture is a card whose figures say what they are.
    browser.set_size(390, 844).await;
    assert!(browser.assert_cells_labelled("my page").await >= 6);
    assert_accessible(&browser, "my page on a phone").await;
    browser.set_size(1280, 900).await;

    // The master schedule marks the application period of the first round as running now.
    browser.click("[data-testid=link-schedule]").await;
    browser.wait_for("[data-testid=schedule-table]").await;
    assert_eq!(browser.count("[data-testid=current-period]").await, 1);
    let row = browser
        .script("return document.querySelector('[data-testid=current-period]').closest('tr').textContent;")
        .await;
    assert!(row.as_str().unwrap().contains("1次募集"), "{row}");
    assert_accessible(&browser, "the master schedule").await;

    // The resident's other pages: the search with its results, and the profile.
    browser.goto(&format!("{}/programs?specialty=internal-medicine", app.address)).await;
    browser.wait_for("[data-testid=program-row]").await;
    assert_accessible(&browser, "the program search").await;
    browser.goto(&format!("{}/me/profile", app.address)).await;
    browser.wait_for("[data-testid=value-user_id]").await;
    assert_accessible(&browser, "the profile").await;
    browser.click("[data-testid=edit-profile]").await;
    browser.wait_for("[data-testid=field-phone]").await;
    assert_accessible(&browser, "the profile form").await;

    // Hired in the adjustment period; from the results the timeline says so and the table counts it.
    let row = application::Entity::find_by_id(applied.body["id"].as_str().unwrap().to_string())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: application::ActiveModel = row.into();
    row.status = Set(ApplicationStatus::Accepted);
    row.decision = Set(Some(Decision::Accepted));
    row.update(&app.db).await.unwrap();
    app.set_now(first.results_at + Duration::hours(1));
    // Weeks later the session is long gone: sign in afresh.
    browser.script("sessionStorage.clear(); return true;").await;
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", &resident.user_id).await;
    browser.type_into("[data-testid=field-password]", RESIDENT_PASSWORD).await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=timeline-hired]").await;
    // 採用 is unmistakable: said above the card, with the program.
    let accepted =
        browser.wait_for_text("[data-testid=accepted-note]", |t| t.contains("採用が決まりました")).await;
    assert!(accepted.contains("城北"), "{accepted}");
    browser.wait_for_text("[data-testid=prefecture-row-13]", |t| !t.is_empty()).await;
    let hired = browser
        .script(
            "return document.querySelectorAll('[data-testid=prefecture-row-13] td')[2].textContent.trim();",
        )
        .await;
    assert_eq!(hired, "1");

    // 保留 after the results explains itself: no hire, ask the program, the next round is open.
    let mut row: application::ActiveModel =
        application::Entity::find_by_id(applied.body["id"].as_str().unwrap().to_string())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    row.status = Set(ApplicationStatus::OnHold);
    row.decision = Set(Some(Decision::OnHold));
    row.update(&app.db).await.unwrap();
    browser.goto(&format!("{}/me", app.address)).await;
    let held = browser.wait_for_text("[data-testid=outcome-note]", |t| t.contains("保留")).await;
    assert!(held.contains("問合せ先") && held.contains("次の募集"), "{held}");
    assert_eq!(browser.count("[data-testid=accepted-note]").await, 0);
    assert_accessible(&browser, "an application left on hold").await;
}
