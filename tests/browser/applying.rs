//! Applying in the browser: a resident finds a program, applies after the confirmation, reads the
//! receipt, sees the application on my page, withdraws it, applies to another program; after the
//! application period the withdrawal is refused with the domain's message.

use chrono::Duration;
use reqwest::Method;
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::noon_jst;
use senkoi_tests::axe::serious_violations;
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{RESIDENT_PASSWORD, TestApp, spawn_app_serving};
use serde_json::{Value, json};

/// A facility in Tokyo with two internal-medicine programs of 2024 and the 2024 schedule, made
/// through the admin API with the clock before any round (as `tests/api/applying.rs` does).
pub(crate) async fn world(app: &TestApp) -> RoundSchedule {
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.admin_token().await;
    let facility = app.facility(&admin, "城北大学病院", "13").await;
    for name in ["城北 内科", "城北 総合内科"] {
        let body = json!({"name": name, "specialty": "internal-medicine", "year": 2024,
            "base_facility_id": facility, "capacity": 1, "researcher_course": false});
        let made = app.post("/api/v1/programs", Some(&admin), &body).await;
        assert_eq!(made.status, 201, "{}", made.text);
    }
    let rounds = app.schedule_2024(&admin).await;
    rounds
        .into_iter()
        .map(|(schedule, _)| schedule)
        .find(|s| s.kind == RoundKind::First)
        .expect("a first round")
}

/// From my page, searches internal-medicine programs whose name contains `name` and opens the
/// only one found.
async fn open_program(browser: &Browser, name: &str) {
    browser.click("[data-testid=link-program-search]").await;
    browser.wait_for("[data-testid=search-name]").await;
    browser.type_into("[data-testid=search-name]", name).await;
    browser.click("[data-testid=search-submit]").await;
    browser.wait_for_text("[data-testid=search-total]", |t| t.contains("全 1 件")).await;
    browser.click("[data-testid=program-link]").await;
    browser.wait_for_text("[data-testid=program-name]", |t| t.contains(name)).await;
}

/// Applies from the open program page after the confirmation; answers the receipt number shown.
async fn apply_here(browser: &Browser, program: &str) -> String {
    let round = browser.wait_for_text("[data-testid=apply-round]", |t| !t.is_empty()).await;
    assert!(round.contains("2024年度 1次募集"), "the round applied in: {round}");
    browser.click("[data-testid=apply-button]").await;
    let dialog = browser.wait_for_text("[data-testid=confirm-dialog]", |t| !t.is_empty()).await;
    assert!(
        dialog.contains(program) && dialog.contains("1次募集") && dialog.contains("1つだけ"),
        "the dialog names the program and the round and warns of one application per round: {dialog}"
    );
    assert_accessible(browser, "the program page with the confirmation").await;
    browser.click("[data-testid=confirm-apply]").await;
    let receipt = browser.wait_for_text("[data-testid=receipt-number]", |t| !t.trim().is_empty()).await;
    assert_eq!(browser.count("[data-testid=confirm-dialog]").await, 0, "the dialog closes");
    assert_accessible(browser, "the receipt").await;
    receipt.trim().to_string()
}

pub(crate) async fn assert_accessible(browser: &Browser, what: &str) {
    let violations = serious_violations(browser).await;
    assert!(violations.is_empty(), "{what}: {violations:#?}");
}

/// Waits up to 20 s until nothing matches `css` (my page keeps its list while it reloads it).
async fn wait_until_gone(browser: &Browser, css: &str) {
    let started = std::time::Instant::now();
    while browser.count(css).await > 0 {
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{css} is still shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn my_applications(app: &TestApp, user_id: &str) -> Value {
    let tokens = app.login(user_id, RESIDENT_PASSWORD).await;
    let answer =
        app.request(Method::GET, "/api/v1/me/applications", tokens["access_token"].as_str(), None).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.body
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_resident_applies_withdraws_applies_elsewhere_and_cannot_withdraw_after_the_period() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    let first = world(&app).await;
    let resident = app.resident("hanako@example.jp", "1000001").await;
    let browser = Browser::start().await;

    // Half an hour before the first round's applications close, by the server's clock: the SPA
    // offers applying by it (GET /time), whatever the browser's own clock says.
    app.set_now(first.application.end - Duration::minutes(30));
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", &resident.user_id).await;
    browser.type_into("[data-testid=field-password]", RESIDENT_PASSWORD).await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=my-page]").await;
    browser.wait_for("[data-testid=no-applications]").await;

    // Search → the program → apply → the receipt, as the server recorded it.
    open_program(&browser, "城北 内科").await;
    browser.wait_for_text("[data-testid=program-applicants]", |t| t.contains('0')).await;
    let receipt = apply_here(&browser, "城北 内科").await;
    // The program's count includes the application at once.
    browser.wait_for_text("[data-testid=program-applicants]", |t| t.contains('1')).await;
    let mine = my_applications(&app, &resident.user_id).await;
    assert_eq!(mine["current"]["receipt_number"], receipt.as_str());
    assert_eq!(mine["current"]["program_name"], "城北 内科");
    let at = browser.text("[data-testid=receipt-applied-at]").await;
    assert!(at.contains("2023年11月14日") && at.contains("JST"), "the receipt's time in Japan: {at}");

    // My page shows it as applied; withdraw it after the confirmation.
    browser.click("[data-testid=link-my-page]").await;
    browser.wait_for_text("[data-testid=current-status]", |t| t.contains("応募中")).await;
    assert_eq!(browser.text("[data-testid=current-receipt-number]").await.trim(), receipt);
    assert!(browser.text("[data-testid=current-program]").await.contains("城北 内科"));
    browser.click("[data-testid=withdraw-button]").await;
    browser.wait_for("[data-testid=confirm-dialog]").await;
    browser.click("[data-testid=confirm-withdraw]").await;
    browser.wait_for("[data-testid=withdraw-done]").await;
    browser.wait_for_text("[data-testid=current-status]", |t| t.contains("取下げ")).await;
    assert_eq!(
        browser.count("[data-testid=withdraw-button]").await,
        0,
        "a withdrawn one cannot be withdrawn"
    );
    assert_eq!(my_applications(&app, &resident.user_id).await["current"]["status"], "withdrawn");
    // The card says when, and offers to apply again.
    let note = browser.wait_for_text("[data-testid=withdrawn-note]", |t| t.contains("取り下げました")).await;
    assert!(note.contains("2023年11月14日") && note.contains("JST"), "{note}");
    browser.wait_for("[data-testid=apply-again]").await;
    assert_accessible(&browser, "a withdrawn application").await;

    // Apply to the other program of the round; my page has both, newest first.
    open_program(&browser, "城北 総合内科").await;
    let second = apply_here(&browser, "城北 総合内科").await;
    assert_ne!(second, receipt, "each application has its own receipt number");
    browser.click("[data-testid=link-my-page]").await;
    browser.wait_for_text("[data-testid=current-status]", |t| t.contains("応募中")).await;
    browser.wait_for("[data-testid=application-history] li:nth-child(2)").await;
    assert_eq!(browser.count("[data-testid=application-history] li").await, 2);
    let newest = browser.text("[data-testid=application-history] li:nth-child(1)").await;
    let oldest = browser.text("[data-testid=application-history] li:nth-child(2)").await;
    assert!(
        newest.contains("城北 総合内科") && newest.contains("応募中") && newest.contains(&second),
        "{newest}"
    );
    assert!(
        oldest.contains("城北 内科") && oldest.contains("取下げ") && oldest.contains(&receipt),
        "{oldest}"
    );

    // A second live application in the round cannot succeed: the page says why before any
    // click, with what to do instead, and offers no button.
    browser.click("[data-testid=application-history] li[data-status=withdrawn] a").await;
    browser.wait_for_text("[data-testid=program-name]", |t| t.contains("城北 内科")).await;
    let why = browser.wait_for_text("[data-testid=apply-unavailable]", |t| !t.is_empty()).await;
    assert!(why.contains("すでに応募しています") && why.contains("取り下げてから"), "{why}");
    assert_eq!(browser.count("[data-testid=apply-button]").await, 0);
    assert_accessible(&browser, "a program the resident cannot apply to").await;
    // Nor a program of another specialty.
    let admin = app.admin_token().await;
    let facility =
        app.get("/api/v1/programs?specialty=internal-medicine").await.body["items"][0]["base_facility_id"]
            .clone();
    let body = json!({"name": "城北 小児科", "specialty": "pediatrics", "year": 2024,
        "base_facility_id": facility, "capacity": 1, "researcher_course": false});
    let other = app.post("/api/v1/programs", Some(&admin), &body).await;
    assert_eq!(other.status, 201, "{}", other.text);
    browser.goto(&format!("{}/programs/{}", app.address, other.body["id"].as_str().unwrap())).await;
    let why = browser.wait_for_text("[data-testid=apply-unavailable]", |t| !t.is_empty()).await;
    assert!(why.contains("異なる領域"), "{why}");
    assert_eq!(browser.count("[data-testid=apply-button]").await, 0);

    // The application period ends while my page still offers the withdrawal: the server refuses
    // it (the access token has expired meanwhile; the SPA refreshes it), in either language.
    browser.click("[data-testid=nav-mypage]").await;
    browser.wait_for("[data-testid=withdraw-button]").await;
    app.set_now(first.application.end + Duration::minutes(1));
    browser.click("[data-testid=withdraw-button]").await;
    browser.click("[data-testid=confirm-withdraw]").await;
    let refused = browser.wait_for_text("[data-testid=withdraw-error]", |t| !t.is_empty()).await;
    assert!(refused.contains("採用期間中は応募の取り下げはできません。"), "{refused}");
    wait_until_gone(&browser, "[data-testid=withdraw-button]").await;
    browser.wait_for_text("[data-testid=current-status]", |t| t.contains("応募中")).await;
    browser.click("[data-testid=lang-toggle]").await;
    browser
        .wait_for_text("[data-testid=withdraw-error]", |t| {
            t.contains("cannot be withdrawn after the application period")
        })
        .await;
    browser.click("[data-testid=lang-toggle]").await;
    assert_eq!(my_applications(&app, &resident.user_id).await["current"]["status"], "applied");

    // After a reload too: no withdrawal, and the program page no longer offers applying.
    browser.goto(&format!("{}/me", app.address)).await;
    browser.wait_for_text("[data-testid=current-status]", |t| t.contains("応募中")).await;
    assert_eq!(browser.count("[data-testid=withdraw-button]").await, 0);
    browser.click("[data-testid=current-program]").await;
    browser.wait_for_text("[data-testid=program-name]", |t| t.contains("城北 総合内科")).await;
    browser.wait_for("[data-testid=apply-closed]").await;
    assert_eq!(browser.count("[data-testid=apply-button]").await, 0);
}
