//! Training records and the consultation desk in the browser: a hired resident records a period
//! (a period that overlaps another is refused before it is sent), the director approves it, and
//! the resident files for completion; someone without an account files a consultation that an
//! officer reads and answers, and the reporter follows the answer through the private link —
//! with no serious accessibility violation on the way.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use senkoi_api::entities::{application, program_director, resident};
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::noon_jst;
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{RESIDENT_PASSWORD, STAFF_PASSWORD, TestApp, resident_form, spawn_app_serving};
use serde_json::json;

use crate::applying::assert_accessible;

async fn spa_app() -> TestApp {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    spawn_app_serving(Some(spa.into())).await
}

async fn sign_in(app: &TestApp, browser: &Browser, login: &str, password: &str, lands_on: &str) {
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", login).await;
    browser.type_into("[data-testid=field-password]", password).await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for(lands_on).await;
}

async fn sign_out(browser: &Browser) {
    browser.click("[data-testid=nav-logout]").await;
    browser.wait_for("[data-testid=nav-login]").await;
}

/// Sets a date input as a person picking a day would, whatever the browser's date format.
async fn pick_day(browser: &Browser, css: &str, day: &str) {
    let script = "const input = document.querySelector(arguments[0]); input.value = arguments[1]; \
        input.dispatchEvent(new Event('input', {bubbles: true})); \
        input.dispatchEvent(new Event('change', {bubbles: true}));";
    browser.script_with(script, json!([css, day])).await;
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_resident_records_a_period_that_the_director_approves() {
    let app = spa_app().await;
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.admin_token().await;
    let facility = app.facility(&admin, "城北大学病院", "13").await;
    let body = json!({"name": "城北 小児科", "specialty": "pediatrics", "year": 2024, "base_facility_id": facility,
        "capacity": 3});
    let program =
        app.post("/api/v1/programs", Some(&admin), &body).await.body["id"].as_str().unwrap().to_string();
    let director = app.staff("director").await;
    program_director::ActiveModel {
        program_id: Set(program.clone()),
        staff_user_id: Set(director.id.clone()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (_, first) = app
        .schedule_2024(&admin)
        .await
        .into_iter()
        .find(|(s, _)| s.kind == RoundKind::First)
        .expect("a first round");
    let mut form = resident_form("2000041");
    form["specialty"] = json!("pediatrics");
    let user_id = app.register_with("shoni@example.jp", &form).await["user_id"].as_str().unwrap().to_string();
    let row = resident::Entity::find()
        .filter(resident::Column::UserId.eq(&user_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let at = noon_jst(2023, 11, 2);
    application::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        resident_id: Set(row.id),
        program_id: Set(program),
        round_id: Set(first),
        status: Set(ApplicationStatus::Accepted),
        decision: Set(Some(Decision::Accepted)),
        applied_at: Set(at),
        receipt_number: Set("T000000000000041".into()),
        updated_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    app.set_now(noon_jst(2025, 4, 10));

    // The resident records a period at the program's base facility.
    let browser = Browser::start().await;
    sign_in(&app, &browser, &user_id, RESIDENT_PASSWORD, "[data-testid=my-page]").await;
    browser.click("[data-testid=nav-training]").await;
    let years = browser.wait_for_text("[data-testid=training-years]", |t| !t.is_empty()).await;
    assert_eq!(years, "2024年4月1日 – 2027年3月31日");
    browser.wait_for("[data-testid=no-records]").await;
    assert_accessible(&browser, "the resident's training page").await;
    browser.select("[data-testid=field-facility_id]", &facility).await;
    pick_day(&browser, "[data-testid=field-from]", "2024-04-01").await;
    pick_day(&browser, "[data-testid=field-to]", "2025-03-31").await;
    browser.click("[data-testid=record-period]").await;
    browser.wait_for_text("[data-testid=record-status]", |t| t == "承認待ち").await;
    // Completion waits for the approval, and says so beside a button that cannot be used yet.
    let waiting = browser.wait_for_text("[data-testid=completion-not-ready]", |t| !t.is_empty()).await;
    assert!(waiting.contains("承認されてから"), "{waiting}");
    assert_eq!(
        browser.script("return document.querySelector('[data-testid=file-completion]').disabled").await,
        true
    );

    // A period that overlaps it is refused by the domain's rule before anything is sent.
    browser.select("[data-testid=field-facility_id]", &facility).await;
    pick_day(&browser, "[data-testid=field-from]", "2025-03-01").await;
    pick_day(&browser, "[data-testid=field-to]", "2025-03-31").await;
    browser.click("[data-testid=record-period]").await;
    let refusal = browser.wait_for_text("[data-testid=period-rule]", |t| !t.is_empty()).await;
    assert!(refusal.contains("他の研修実績と期間が重なっています"), "{refusal}");
    // So is one not over yet (today is 10 April 2025 by the server's clock).
    pick_day(&browser, "[data-testid=field-from]", "2025-04-01").await;
    pick_day(&browser, "[data-testid=field-to]", "2025-06-30").await;
    browser.click("[data-testid=record-period]").await;
    let refusal =
        browser.wait_for_text("[data-testid=period-rule]", |t| t.contains("まだ終わっていない")).await;
    assert!(refusal.contains("2025-04-10"), "{refusal}");
    assert_eq!(browser.count("[data-testid=training-record]").await, 1);
    sign_out(&browser).await;

    // The director approves it from the training desk.
    sign_in(&app, &browser, &director.email, STAFF_PASSWORD, "[data-testid=director-dashboard]").await;
    browser.click("[data-testid=nav-director-training]").await;
    let waiting = browser.wait_for_text("[data-testid=waiting-record]", |t| !t.is_empty()).await;
    assert!(waiting.contains("山田 花子") && waiting.contains("城北大学病院"), "{waiting}");
    assert_accessible(&browser, "the director's training desk").await;
    browser.click("[data-testid=record-approve]").await;
    browser.wait_for("[data-testid=no-records-waiting]").await;
    sign_out(&browser).await;

    // Approved, the resident files for completion; it waits for the director.
    sign_in(&app, &browser, &user_id, RESIDENT_PASSWORD, "[data-testid=my-page]").await;
    browser.click("[data-testid=nav-training]").await;
    // The consultation desk stays in reach of a signed-in resident.
    browser.wait_for("[data-testid=nav-consultation]").await;
    browser.wait_for_text("[data-testid=record-status]", |t| t == "承認済み").await;
    assert_eq!(browser.count("[data-testid=record-edit]").await, 0, "an approved period is final");
    browser.click("[data-testid=file-completion]").await;
    browser.wait_for_text("[data-testid=completion-stage]", |t| t == "統括責任者確認中").await;
    let timeline = browser.text("[data-testid=completion-timeline]").await;
    assert!(timeline.contains("専攻医") && timeline.contains("研修修了申請"), "{timeline}");
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_consultation_filed_without_an_account_is_read_and_answered_by_an_officer() {
    let app = spa_app().await;
    let officer = app.staff("consultation-officer").await;
    let words = "指導医から毎日のように人格を否定する叱責を受けています。";

    let browser = Browser::start().await;
    browser.goto(&format!("{}/", app.address)).await;
    browser.click("[data-testid=nav-consultation]").await;
    browser.wait_for("[data-testid=consultation-page]").await;
    assert_accessible(&browser, "the consultation form").await;
    assert_eq!(
        browser.script("return document.querySelector('[data-testid=field-category]').value").await,
        "",
        "no kind is chosen for the reporter"
    );
    browser.click("[data-testid=send-consultation]").await;
    browser.wait_for("[data-testid=error-body]").await;
    browser.wait_for("[data-testid=error-category]").await;
    browser.select("[data-testid=field-category]", "harassment").await;
    browser.type_into("[data-testid=field-body]", words).await;
    browser.click("[data-testid=send-consultation]").await;
    browser.wait_for("[data-testid=consultation-filed]").await;
    let link = browser
        .script("return document.querySelector('[data-testid=follow-link]').getAttribute('href');")
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert!(link.starts_with("/consultation/follow#"), "{link}");
    // The link is copied in one click, and it works when clicked on the receipt itself.
    let full = browser.script("return document.querySelector('[data-testid=copy-text]').value").await;
    assert!(full.as_str().is_some_and(|url| url.ends_with(&link)), "the whole link to copy: {full}");
    browser.click("[data-testid=copy-button]").await;
    browser.wait_for_text("[data-testid=copy-status]", |t| t == "コピーしました。").await;
    browser.click("[data-testid=follow-link]").await;
    browser.wait_for("[data-testid=follow-page]").await;
    browser.wait_for_text("[data-testid=consultation-status]", |t| t == "回答待ち").await;
    assert_eq!(browser.count("[data-testid=page-error]").await, 0, "the key is read on the first visit");

    // Only the officer reads it: the inbox lists it without its words, opening it reads them.
    app.sign_in_in_browser(&browser, &officer, "[data-testid=consultation-inbox]").await;
    browser.wait_for_text("[data-testid=inbox-status]", |t| t == "回答待ち").await;
    assert!(!browser.text("[data-testid=inbox]").await.contains("叱責"), "the inbox shows no words");
    assert_accessible(&browser, "the officers' inbox").await;
    browser.click("[data-testid=inbox-open]").await;
    browser.wait_for_text("[data-testid=consultation-message-body]", |t| t == words).await;
    browser
        .type_into("[data-testid=field-body]", "ご相談ありがとうございます。委員会で確認し、ご連絡します。")
        .await;
    browser.click("[data-testid=send-answer]").await;
    browser.wait_for_text("[data-testid=inbox-status]", |t| t == "回答済み").await;
    sign_out(&browser).await;

    // The reporter follows the answer through the private link.
    browser.goto(&format!("{}{link}", app.address)).await;
    browser.wait_for("[data-testid=follow-page]").await;
    browser.wait_for_text("[data-testid=consultation-status]", |t| t == "回答済み").await;
    let messages = browser.text("[data-testid=consultation-messages]").await;
    assert!(messages.contains(words) && messages.contains("委員会で確認し"), "{messages}");
    assert_accessible(&browser, "the reporter's page").await;
    // Another key (loaded afresh: a change of the fragment alone reloads nothing).
    browser.goto(&format!("{}/", app.address)).await;
    browser.goto(&format!("{}/consultation/follow#not-the-key", app.address)).await;
    browser.wait_for("[data-testid=page-error]").await;
}
