//! The board admin in the browser: signs in at /login, changes a round's dates in Japan time (a
//! refused change shows on its field and changes nothing), sets ceilings (a value below the hires
//! is refused with its figures), tries values (試算) and imports a CSV (a bad line is named and
//! nothing is saved) — with no serious accessibility violation on any admin page.

use senkoi_domain::application::Decision;
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::noon_jst;
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{Staff, TestApp, spawn_app_serving};
use serde_json::{Value, json};

use crate::applying::assert_accessible;
use crate::directing::{apply, decide_in_db};

fn spa() -> std::path::PathBuf {
    std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)")
        .into()
}

/// Signs the admin in at /login; they land on the admin overview.
async fn sign_in(app: &TestApp, browser: &Browser, admin: &Staff) {
    app.sign_in_in_browser(browser, admin, "[data-testid=admin-overview]").await;
    assert!(browser.current_url().await.ends_with("/admin"), "the board lands on /admin");
}

/// Sets an input's value as a person would leave it and tells the page (`input` then `change`):
/// `datetime-local` and number inputs take no typed text portably.
async fn set_value(browser: &Browser, css: &str, value: &str) {
    browser.wait_for(css).await;
    let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1];\
        el.dispatchEvent(new Event('input', {bubbles: true}));\
        el.dispatchEvent(new Event('change', {bubbles: true})); el.dispatchEvent(new Event('blur')); return el.value;";
    let set = browser.script_with(script, json!([css, value])).await;
    assert_eq!(set, value, "{css} took the value");
}

async fn round(app: &TestApp, id: &str) -> Value {
    let answer = app.get(&format!("/api/v1/rounds/{id}")).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.body
}

fn instant(value: &Value) -> chrono::DateTime<chrono::Utc> {
    value.as_str().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()).expect("an instant").to_utc()
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn an_admin_changes_a_rounds_dates() {
    let app = spawn_app_serving(Some(spa())).await;
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.staff("admin").await;
    let (_, first) = app
        .schedule_2024(&admin.access)
        .await
        .into_iter()
        .find(|(schedule, _)| schedule.kind == RoundKind::First)
        .expect("a first round");

    let browser = Browser::start().await;
    sign_in(&app, &browser, &admin).await;
    // The page opens on the year running at the server's clock (2024 on 1 August 2023), not the
    // browser's.
    browser.click("[data-testid=admin-nav-rounds]").await;
    browser.wait_for("[data-testid=admin-rounds]").await;
    let results = browser.wait_for_text("[data-testid=round-first-results_at]", |t| t.contains("JST")).await;
    assert_eq!(results, "2023年11月29日(水) 12:00 JST", "shown in Japan time");
    assert_eq!(browser.count("[data-testid=admin-round-table] tbody tr").await, 4);
    // The whole table fits a 1280 px screen: nothing behind a scroll.
    let overflow = browser
        .script("const t = document.querySelector('[data-testid=admin-round-table]'); const w = t.closest('.table-wrap') || t.parentElement; return w.scrollWidth - w.clientWidth;")
        .await;
    assert!(overflow.as_f64().is_some_and(|px| px <= 0.0), "the rounds table overflows by {overflow} px");
    assert_accessible(&browser, "the rounds page").await;

    // The first round: results a day later, applications closing a day later, in Japan time.
    browser.click("[data-testid=edit-round-first]").await;
    browser.wait_for("[data-testid=round-form]").await;
    let shown =
        browser.script("return document.querySelector('[data-testid=field-results_at]').value;").await;
    assert_eq!(shown, "2023-11-29T12:00", "the form shows Japan time");
    set_value(&browser, "[data-testid=field-results_at]", "2023-11-30T12:00").await;
    set_value(&browser, "[data-testid=field-application_ends_at]", "2023-11-15T12:00").await;
    assert_accessible(&browser, "the round's form").await;
    browser.click("[data-testid=round-save]").await;
    browser.wait_for_text("[data-testid=admin-done]", |t| t.contains("変更しました")).await;
    browser
        .wait_for_text("[data-testid=round-first-results_at]", |t| t.contains("2023年11月30日(木) 12:00"))
        .await;
    let ends = browser.text("[data-testid=round-first-application_ends_at]").await;
    assert_eq!(ends, "2023年11月15日(水) 12:00 JST");
    let saved = round(&app, &first).await;
    assert_eq!(instant(&saved["results_at"]), noon_jst(2023, 11, 30));
    assert_eq!(instant(&saved["application_ends_at"]), noon_jst(2023, 11, 15));
    assert_eq!(instant(&saved["adjustment_starts_at"]), noon_jst(2023, 11, 16), "the rest kept");
    assert_eq!(browser.count("[data-testid=round-form]").await, 0, "the form closes");

    // Results before the applications end: refused on the results' field, nothing changes.
    browser.click("[data-testid=edit-round-first]").await;
    set_value(&browser, "[data-testid=field-results_at]", "2023-11-10T12:00").await;
    browser.click("[data-testid=round-save]").await;
    let refusal = browser.wait_for_text("[data-testid=error-results_at]", |t| !t.is_empty()).await;
    assert!(refusal.contains("採用結果通知は応募期間の終了後に設定してください。"), "{refusal}");
    let invalid = browser
        .script(
            "return document.querySelector('[data-testid=field-results_at]').getAttribute('aria-invalid');",
        )
        .await;
    assert_eq!(invalid, "true");
    assert_accessible(&browser, "the round's form with a refusal").await;
    assert_eq!(round(&app, &first).await, saved, "nothing changed");

    // A refusal only the server can make shows too: a second first round of 2024.
    browser.click("[data-testid=round-cancel]").await;
    browser.click("[data-testid=new-round]").await;
    browser.select("[data-testid=field-kind]", "first").await;
    for (field, value) in [
        ("application_starts_at", "2023-11-01T12:00"),
        ("application_ends_at", "2023-11-14T12:00"),
        ("adjustment_starts_at", "2023-11-16T12:00"),
        ("adjustment_ends_at", "2023-11-24T12:00"),
        ("results_at", "2023-11-29T12:00"),
    ] {
        set_value(&browser, &format!("[data-testid=field-{field}]"), value).await;
    }
    browser.click("[data-testid=round-save]").await;
    let exists =
        browser.wait_for_text("[data-testid=round-form] [data-testid=page-error]", |t| !t.is_empty()).await;
    assert!(exists.contains("同じ種類の募集がすでに登録されています"), "{exists}");
    assert_eq!(round(&app, &first).await, saved, "nothing changed");
}

/// Tokyo internal medicine of 2024 with two hires (a program of capacity 5), the schedule of 2024.
async fn hires(app: &TestApp, admin: &str) {
    let made = app
        .post("/api/v1/facilities", Some(admin), &json!({"name": "城北大学病院", "prefecture": "13"}))
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let body = json!({"name": "城北 内科", "specialty": "internal-medicine", "year": 2024,
        "base_facility_id": made.body["id"], "capacity": 5, "researcher_course": false});
    let program = app.post("/api/v1/programs", Some(admin), &body).await;
    assert_eq!(program.status, 201, "{}", program.text);
    let program = program.body["id"].as_str().unwrap().to_string();
    let (first, round) =
        app.schedule_2024(admin).await.into_iter().find(|(s, _)| s.kind == RoundKind::First).expect("first");
    for (n, kana) in ["アオキ", "イノウエ"].into_iter().enumerate() {
        let at = first.application.start + chrono::Duration::hours(n as i64 + 1);
        let id = apply(app, &program, &round, kana, at).await;
        decide_in_db(app, &id, Decision::Accepted).await;
    }
}

async fn ceiling_of(app: &TestApp, admin: &str, prefecture: &str, specialty: &str) -> Value {
    let answer = app.request(reqwest::Method::GET, "/api/v1/ceilings?year=2024", Some(admin), None).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let rows = answer.body.as_array().cloned().unwrap_or_default();
    rows.into_iter()
        .find(|r| r["prefecture"] == prefecture && r["specialty"] == specialty)
        .map(|r| r["ceiling"].clone())
        .expect("the cell")
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn an_admin_sets_tries_and_imports_ceilings() {
    let app = spawn_app_serving(Some(spa())).await;
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.staff("admin").await;
    hires(&app, &admin.access).await;
    let tokyo = "[data-testid=ceiling-row-13-internal-medicine]";

    let browser = Browser::start().await;
    sign_in(&app, &browser, &admin).await;
    browser.goto(&format!("{}/admin/ceilings?year=2024", app.address)).await;
    browser.wait_for_text(&format!("{tokyo} [data-testid=ceiling-hired]"), |t| t == "2 名").await;
    assert_eq!(browser.text(&format!("{tokyo} [data-testid=ceiling-current]")).await, "未設定");
    assert_accessible(&browser, "the ceilings page").await;

    // Set one.
    set_value(&browser, "[data-testid=ceiling-input-13-internal-medicine]", "3").await;
    browser.click(&format!("{tokyo} [data-testid=ceiling-save]")).await;
    browser.wait_for_text("[data-testid=ceiling-done]", |t| t.contains("東京都 内科")).await;
    browser.wait_for_text(&format!("{tokyo} [data-testid=ceiling-current]"), |t| t == "3 名").await;
    assert_eq!(ceiling_of(&app, &admin.access, "13", "internal-medicine").await, 3);

    // Below the hires: refused with its figures, nothing saved.
    set_value(&browser, "[data-testid=ceiling-input-13-internal-medicine]", "1").await;
    browser.click(&format!("{tokyo} [data-testid=ceiling-save]")).await;
    let refusal = browser.wait_for_text("[data-testid=ceiling-error]", |t| !t.is_empty()).await;
    assert!(
        refusal.contains("シーリング数（1名）が採用済みの人数（2名）を下回るため設定できません"),
        "the refusal names the ceiling and the hires: {refusal}"
    );
    assert_eq!(ceiling_of(&app, &admin.access, "13", "internal-medicine").await, 3);
    assert_accessible(&browser, "the ceilings page with a refusal").await;

    // What-if: the 1 still typed leaves one hire beyond it; nothing is saved.
    set_value(&browser, "[data-testid=ceiling-input-14-internal-medicine]", "4").await;
    browser.click("[data-testid=what-if]").await;
    browser.wait_for_text(&format!("{tokyo} [data-testid=ceiling-excess]"), |t| t == "1 名").await;
    let kanagawa =
        browser.text("[data-testid=ceiling-row-14-internal-medicine] [data-testid=ceiling-excess]").await;
    assert_eq!(kanagawa, "0 名");
    let summary = browser.text("[data-testid=what-if-summary]").await;
    assert!(summary.contains("1 名"), "{summary}");
    assert_eq!(ceiling_of(&app, &admin.access, "13", "internal-medicine").await, 3);
    assert_eq!(ceiling_of(&app, &admin.access, "14", "internal-medicine").await, Value::Null);
    // Saving one clears the what-if, which was of the values before.
    browser.click("[data-testid=ceiling-row-14-internal-medicine] [data-testid=ceiling-save]").await;
    browser.wait_for_text("[data-testid=ceiling-done]", |t| t.contains("神奈川県 内科")).await;
    assert_eq!(browser.count("[data-testid=what-if-summary]").await, 0, "no stale what-if");
    assert_eq!(ceiling_of(&app, &admin.access, "14", "internal-medicine").await, 4);

    // A CSV with a bad line: the line is named, nothing is imported.
    let bad = "year,prefecture,specialty,ceiling\n2024,14,pediatrics,7\n2024,99,pediatrics,3\n";
    set_value(&browser, "[data-testid=ceiling-csv]", bad).await;
    browser.click("[data-testid=ceiling-import]").await;
    let errors = browser.wait_for_text("[data-testid=import-errors]", |t| !t.is_empty()).await;
    assert!(errors.contains("3行目"), "{errors}");
    assert_eq!(browser.count("[data-testid=import-errors] li").await, 1, "{errors}");
    assert_eq!(ceiling_of(&app, &admin.access, "14", "pediatrics").await, Value::Null, "nothing imported");
    assert_accessible(&browser, "the ceilings page with a refused import").await;

    // The same file without the bad line is imported whole.
    set_value(
        &browser,
        "[data-testid=ceiling-csv]",
        "year,prefecture,specialty,ceiling\n2024,14,pediatrics,7\n",
    )
    .await;
    browser.click("[data-testid=ceiling-import]").await;
    browser.wait_for_text("[data-testid=import-done]", |t| t.contains("1 件")).await;
    browser
        .wait_for_text("[data-testid=ceiling-row-14-pediatrics] [data-testid=ceiling-current]", |t| {
            t == "7 名"
        })
        .await;
    assert_eq!(ceiling_of(&app, &admin.access, "14", "pediatrics").await, 7);

    // In the first round's adjustment period a change bears on decisions being made: asked first,
    // also on a page opened before the period began and left open.
    let adjustment = noon_jst(2023, 11, 16);
    app.set_now(adjustment - chrono::Duration::seconds(12));
    // Months later the session is long gone: sign in afresh.
    let admin = app.sign_in_again(&admin).await;
    browser.script("sessionStorage.clear(); return true;").await;
    sign_in(&app, &browser, &admin).await;
    browser.goto(&format!("{}/admin/ceilings?year=2024", app.address)).await;
    browser.wait_for_text(&format!("{tokyo} [data-testid=ceiling-current]"), |t| t == "3 名").await;
    assert!(app.clock.now() < adjustment, "the page opened before the adjustment period");
    while app.clock.now() < adjustment + chrono::Duration::seconds(1) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    set_value(&browser, "[data-testid=ceiling-input-13-internal-medicine]", "5").await;
    browser.click(&format!("{tokyo} [data-testid=ceiling-save]")).await;
    let asked = browser.wait_for_text("[data-testid=confirm-dialog]", |t| t.contains("採用調整期間")).await;
    assert!(asked.contains("東京都 内科") && asked.contains("5 名"), "{asked}");
    assert_accessible(&browser, "the ceiling's confirmation").await;
    assert_eq!(ceiling_of(&app, &admin.access, "13", "internal-medicine").await, 3, "not before the yes");
    browser.click("[data-testid=confirm-ceiling]").await;
    browser.wait_for_text(&format!("{tokyo} [data-testid=ceiling-current]"), |t| t == "5 名").await;
    assert_eq!(ceiling_of(&app, &admin.access, "13", "internal-medicine").await, 5);
}

/// A world to look at: the 2024 schedule, a Tokyo internal-medicine program with two hires and
/// one application still undecided, a director of it, an announcement; the clock in the first
/// round's adjustment period.
async fn world(app: &TestApp, admin: &str) {
    hires(app, admin).await;
    let program = app.find_program("name=城北", |_| true).await;
    let rounds = app.get("/api/v1/rounds?year=2024").await.body["items"].clone();
    let first = rounds.as_array().unwrap().iter().find(|r| r["kind"] == "first").unwrap().clone();
    let at = instant(&first["application_starts_at"]) + chrono::Duration::hours(5);
    apply(app, program["id"].as_str().unwrap(), first["id"].as_str().unwrap(), "ウエダ", at).await;
    let body = json!({"email": "kanda@example.jp", "name": "神田 一郎", "program_ids": [program["id"]]});
    let invited = app.post("/api/v1/directors", Some(admin), &body).await;
    assert_eq!(invited.status, 201, "{}", invited.text);
    let body = json!({"title": "2次募集のお知らせ", "body": "2次募集を行います。", "audience": "all"});
    let published = app.post("/api/v1/announcements", Some(admin), &body).await;
    assert_eq!(published.status, 201, "{}", published.text);
    app.set_now(instant(&first["adjustment_starts_at"]) + chrono::Duration::hours(1));
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn every_admin_page_works_and_has_no_serious_accessibility_violation() {
    let app = spawn_app_serving(Some(spa())).await;
    app.set_now(noon_jst(2023, 8, 1));
    let setup = app.staff("admin").await;
    world(&app, &setup.access).await;
    let admin = app.sign_in_again(&setup).await;
    let browser = Browser::start().await;
    sign_in(&app, &browser, &admin).await;

    // The overview of 2024: Tokyo as decisions stand, the program yet to confirm, the undecided one.
    browser.goto(&format!("{}/admin?year=2024", app.address)).await;
    browser.wait_for_text("[data-testid=prefecture-row-13]", |t| t.contains("東京都")).await;
    let cells = browser
        .script("return [...document.querySelectorAll('[data-testid=prefecture-row-13] td')].map(c => c.textContent);")
        .await;
    assert_eq!(
        cells,
        json!(["5", "3", "2", "0", "1", "—"]),
        "capacity, applicants, hires before the results, …"
    );
    browser.wait_for_text("[data-testid=unconfirmed-programs]", |t| t.contains("城北 内科")).await;
    browser.wait_for_text("[data-testid=unprocessed-applications]", |t| t.contains("城北 内科")).await;
    assert_accessible(&browser, "the overview").await;

    // The rounds, with a round's form open.
    browser.goto(&format!("{}/admin/rounds?year=2024", app.address)).await;
    browser.click("[data-testid=edit-round-second]").await;
    browser.wait_for("[data-testid=round-form]").await;
    assert_accessible(&browser, "the rounds page with a form").await;
    browser.click("[data-testid=delete-round-final]").await;
    browser.wait_for("[data-testid=confirm-dialog]").await;
    assert_accessible(&browser, "the round's deletion").await;
    browser.click("[data-testid=confirm-delete-round]").await;
    browser.wait_for_text("[data-testid=admin-done]", |t| t.contains("削除しました")).await;
    browser.wait_for_count("[data-testid=admin-round-table] tbody tr", 3).await;

    // The ceilings.
    browser.goto(&format!("{}/admin/ceilings?year=2024", app.address)).await;
    browser.wait_for("[data-testid=ceiling-row-13-internal-medicine]").await;
    assert_accessible(&browser, "the ceilings page").await;

    // The directors: the one invited, and a second one invited here with a program found.
    browser.goto(&format!("{}/admin/directors", app.address)).await;
    browser.wait_for_text("[data-testid=director-table]", |t| t.contains("神田 一郎")).await;
    browser.type_into("[data-testid=field-email]", "ueno@example.jp").await;
    browser.type_into("[data-testid=field-name]", "上野 花子").await;
    browser.type_into("[data-testid=invite-name]", "城北").await;
    browser.click("[data-testid=invite-search]").await;
    browser.click("[data-testid=invite-results] [data-testid=add-program]").await;
    browser.wait_for_text("[data-testid=invite-picked]", |t| t.contains("城北 内科")).await;
    assert_accessible(&browser, "the directors page").await;
    browser.click("[data-testid=invite]").await;
    browser.wait_for_text("[data-testid=admin-done]", |t| t.contains("招待しました")).await;
    browser.wait_for_text("[data-testid=director-table]", |t| t.contains("上野 花子")).await;
    // Inviting the same address again is refused.
    browser.type_into("[data-testid=field-email]", "ueno@example.jp").await;
    browser.type_into("[data-testid=field-name]", "上野 花子").await;
    browser.click("[data-testid=invite]").await;
    let taken =
        browser.wait_for_text("[data-testid=invite-form] [data-testid=page-error]", |t| !t.is_empty()).await;
    assert!(taken.contains("すでに登録されています"), "{taken}");
    browser.click("[data-testid=edit-director-programs]").await;
    browser.wait_for_text("[data-testid=assign-picked]", |t| t.contains("城北 内科")).await;
    assert_accessible(&browser, "a director's programs").await;

    // The programs: a capacity below the hires is refused with the figures.
    browser.goto(&format!("{}/admin/programs", app.address)).await;
    browser.type_into("[data-testid=search-name]", "城北").await;
    browser.click("[data-testid=search-submit]").await;
    browser.click("[data-testid=edit-program]").await;
    browser.wait_for("[data-testid=program-form]").await;
    browser.wait_for_text("[data-testid=chosen-facility]", |t| t.contains("城北大学病院")).await;
    browser.type_into("[data-testid=field-capacity]", "1").await;
    browser.click("[data-testid=program-save]").await;
    let refusal =
        browser.wait_for_text("[data-testid=program-form] [data-testid=page-error]", |t| !t.is_empty()).await;
    assert!(refusal.contains("定員（1名）を採用者数（2名）より少なくすることはできません"), "{refusal}");
    assert_accessible(&browser, "the programs page with a refusal").await;
    browser.type_into("[data-testid=field-capacity]", "6").await;
    browser.click("[data-testid=program-save]").await;
    browser.wait_for_text("[data-testid=admin-program-table]", |t| t.contains("6 名")).await;

    // The announcements: publish one.
    browser.goto(&format!("{}/admin/announcements", app.address)).await;
    browser.wait_for_text("[data-testid=admin-announcement-list]", |t| t.contains("2次募集のお知らせ")).await;
    browser.type_into("[data-testid=field-title]", "最終調整について").await;
    browser.type_into("[data-testid=field-body]", "最終調整の日程を掲載しました。").await;
    browser.select("[data-testid=field-audience]", "directors").await;
    browser.click("[data-testid=publish]").await;
    browser.wait_for_text("[data-testid=admin-announcement-list]", |t| t.contains("最終調整について")).await;
    assert_accessible(&browser, "the announcements page").await;
    // Edited with an English text: a title alone is refused at the field, both are saved.
    let on_announcement = |button: &'static str| {
        let script = "const li = [...document.querySelectorAll('[data-testid=admin-announcement]')]\
            .find(l => l.textContent.includes(arguments[0])); li.querySelector(arguments[1]).click(); return true;";
        browser.script_with(script, json!(["最終調整について", button]))
    };
    on_announcement("[data-testid=edit-announcement]").await;
    browser.wait_for_text("[data-testid=publish]", |t| t.contains("変更を保存")).await;
    assert_eq!(
        browser.script("return document.querySelector('[data-testid=field-title]').value;").await,
        "最終調整について"
    );
    browser.type_into("[data-testid=field-title_en]", "About the final adjustment").await;
    browser.click("[data-testid=publish]").await;
    let missing = browser.wait_for_text("[data-testid=error-body_en]", |t| !t.is_empty()).await;
    assert!(missing.contains("英語の本文も入力してください"), "{missing}");
    browser.type_into("[data-testid=field-body_en]", "The dates of the final adjustment are out.").await;
    browser.select("[data-testid=field-audience]", "all").await;
    assert_accessible(&browser, "an announcement being edited").await;
    browser.click("[data-testid=publish]").await;
    browser.wait_for_text("[data-testid=published]", |t| t.contains("変更しました")).await;
    browser
        .wait_for_text("[data-testid=admin-announcement-list]", |t| t.contains("About the final adjustment"))
        .await;
    // Readers in English read the English (everyone now); then it is withdrawn, after a question, for everyone.
    browser.goto(&format!("{}/", app.address)).await;
    browser.click("[data-testid=lang-toggle]").await;
    browser.wait_for_text(".announcement-list", |t| t.contains("About the final adjustment")).await;
    browser.click("[data-testid=lang-toggle]").await;
    browser.goto(&format!("{}/admin/announcements", app.address)).await;
    browser.wait_for_text("[data-testid=admin-announcement-list]", |t| t.contains("最終調整について")).await;
    on_announcement("[data-testid=withdraw-announcement]").await;
    browser.wait_for("[data-testid=confirm-dialog]").await;
    assert_accessible(&browser, "an announcement's withdrawal").await;
    browser.click("[data-testid=confirm-withdraw-announcement]").await;
    browser.wait_for_text("[data-testid=published]", |t| t.contains("取り下げました")).await;
    browser.wait_for("[data-testid=withdrawn-badge]").await;
    let public = app.get("/api/v1/announcements").await;
    assert!(!public.text.contains("最終調整について"), "withdrawn for everyone: {}", public.text);

    // The societies' systems: a client registered shows its secret once; a second secret for
    // the rotation; its endpoints (none yet).
    browser.goto(&format!("{}/admin/societies", app.address)).await;
    browser.wait_for("[data-testid=create-client]").await;
    browser.type_into("[data-testid=field-name]", "日本内科学会").await;
    browser.select("[data-testid=field-specialty]", "internal-medicine").await;
    browser.click("[data-testid=create-client]").await;
    let secret = browser.wait_for_text("[data-testid=shown-secret]", |t| t.starts_with("scs_")).await;
    browser.wait_for_text("[data-testid=society-client]", |t| t.contains("日本内科学会")).await;
    assert_accessible(&browser, "the societies page with a secret shown").await;
    browser.click("[data-testid=add-secret]").await;
    browser.wait_for_text("[data-testid=shown-secret]", |t| t.starts_with("scs_") && t != secret).await;
    let wait = std::time::Instant::now();
    while browser.count("[data-testid=client-secret]").await < 2 {
        assert!(wait.elapsed() < std::time::Duration::from_secs(20), "the second secret is listed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.click("[data-testid=show-endpoints]").await;
    browser.wait_for("[data-testid=no-endpoints]").await;

    // The audit log: everything above as sentences, newest first, filtered by choice.
    browser.goto(&format!("{}/admin/audit", app.address)).await;
    let newest = browser
        .wait_for_text("[data-testid=audit-row] [data-testid=audit-sentence]", |t| !t.is_empty())
        .await;
    assert!(
        newest.starts_with(&format!(
            "機構 管理者 {}が学会の接続先「日本内科学会」に秘密鍵を追加しました",
            admin.email
        )),
        "{newest}"
    );
    assert_accessible(&browser, "the audit log").await;
    // The acts offered are those of the kind of record chosen.
    browser.select("[data-testid=audit-entity]", "round").await;
    let offered = browser.script("return [...document.querySelectorAll('[data-testid=audit-action-filter] option')].map(o => o.value).filter(v => v);").await;
    assert_eq!(
        offered,
        serde_json::json!(["round.created", "round.updated", "round.deleted", "round.results-released"])
    );
    browser.select("[data-testid=audit-action-filter]", "round.created").await;
    browser.click("[data-testid=audit-search]").await;
    browser.wait_for_text("[data-testid=audit-total]", |t| t.contains("全 4 件")).await;
    let created = browser.text("[data-testid=audit-row] [data-testid=audit-sentence]").await;
    assert!(created.contains("募集「2024年度 最終調整」を作りました"), "{created}");
    // By one staff member, on a day: the admin's acts of today; none the day before.
    browser.select("[data-testid=audit-entity]", "").await;
    browser.select("[data-testid=audit-action-filter]", "").await;
    let admin_choice = format!("id:{}", admin.id);
    browser.wait_for(&format!("[data-testid=audit-actor] option[value=\"{admin_choice}\"]")).await;
    browser.select("[data-testid=audit-actor]", &admin_choice).await;
    let today = senkoi_domain::time::to_jst(app.clock.now()).format("%Y-%m-%d").to_string();
    let yesterday = senkoi_domain::time::to_jst(app.clock.now() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    set_value(&browser, "[data-testid=audit-from]", &today).await;
    set_value(&browser, "[data-testid=audit-to]", &today).await;
    browser.click("[data-testid=audit-search]").await;
    let by_admin = format!("機構 管理者 {}", admin.email);
    let wait = std::time::Instant::now();
    loop {
        let sentences = browser
            .script("return [...document.querySelectorAll('[data-testid=audit-sentence]')].map(c => c.textContent);")
            .await;
        let sentences: Vec<String> = serde_json::from_value(sentences).unwrap();
        let url = browser.current_url().await;
        if sentences.len() > 1 && sentences.iter().all(|s| s.starts_with(&by_admin)) {
            break;
        }
        assert!(
            wait.elapsed() < std::time::Duration::from_secs(20),
            "only the admin's acts: {url} {sentences:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    set_value(&browser, "[data-testid=audit-to]", &yesterday).await;
    browser.click("[data-testid=audit-search]").await;
    browser.wait_for("[data-testid=no-audit-events]").await;
    // In English, the same sentences.
    set_value(&browser, "[data-testid=audit-to]", &today).await;
    browser.click("[data-testid=audit-search]").await;
    browser.wait_for("[data-testid=audit-table]").await;
    browser.click("[data-testid=lang-toggle]").await;
    let english = browser
        .wait_for_text("[data-testid=audit-row] [data-testid=audit-sentence]", |t| {
            t.starts_with("Board admin")
        })
        .await;
    let said = format!("Board admin {} added a secret to the society client “日本内科学会”", admin.email);
    assert!(english.starts_with(&said), "{english}");
    assert_accessible(&browser, "the audit log filtered, in English").await;
    browser.click("[data-testid=lang-toggle]").await;
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn an_admin_invites_an_officer_who_sets_a_staff_password_and_is_disabled_and_enabled() {
    let app = spawn_app_serving(Some(spa())).await;
    let admin = app.staff("admin").await;
    let browser = Browser::start().await;
    sign_in(&app, &browser, &admin).await;

    browser.goto(&format!("{}/admin/staff", app.address)).await;
    browser.wait_for_text("[data-testid=staff-table]", |t| t.contains(&admin.email)).await;
    browser.click("[data-testid=staff-invite]").await;
    browser.wait_for("[data-testid=error-role]").await;
    browser
        .type_into("[data-testid=staff-invite-form] [data-testid=field-email]", "kanagawa@example.jp")
        .await;
    browser.type_into("[data-testid=staff-invite-form] [data-testid=field-name]", "相談 花子").await;
    browser.select("[data-testid=field-role]", "consultation-officer").await;
    browser.click("[data-testid=staff-invite]").await;
    browser.wait_for("[data-testid=admin-done]").await;
    let row = browser
        .wait_for_text("[data-testid=staff-table]", |t| {
            t.contains("kanagawa@example.jp") && t.contains("相談窓口担当者")
        })
        .await;
    assert!(row.contains("招待中"), "{row}");
    assert_accessible(&browser, "the staff accounts page").await;

    // The officer sets a password by the staff rule: the form says so, and refuses a short one.
    let mail = app.mail.wait_for("kanagawa@example.jp", "相談窓口担当者アカウント").await;
    let token =
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    let officer = Browser::start().await;
    officer.goto(&format!("{}/reset-password/{token}", app.address)).await;
    officer.wait_for_text("#hint-password", |t| t.contains("12文字以上")).await;
    officer.type_into("[data-testid=field-password]", "Short2024").await;
    officer.type_into("[data-testid=field-password_confirm]", "Short2024").await;
    officer.click("[data-testid=submit-reset-password]").await;
    officer.wait_for_text("[data-testid=error-password]", |t| t.contains("12文字以上")).await;
    let strong = "umi no mieru oka 2024";
    officer.type_into("[data-testid=field-password]", strong).await;
    officer.type_into("[data-testid=field-password_confirm]", strong).await;
    officer.click("[data-testid=submit-reset-password]").await;
    officer.wait_for("[data-testid=login-notice]").await;
    officer.type_into("[data-testid=field-login]", "kanagawa@example.jp").await;
    officer.type_into("[data-testid=field-password]", strong).await;
    officer.click("[data-testid=submit-login]").await;
    // An officer must set up a second factor first: the page shows a QR code and the key.
    officer.wait_for("[data-testid=second-factor-required]").await;
    officer.click("[data-testid=second-factor-start]").await;
    officer.wait_for("[data-testid=second-factor-qr]").await;
    let secret = officer.wait_for_text("[data-testid=second-factor-secret]", |t| t.len() >= 32).await;
    assert_accessible(&officer, "the second factor's set-up").await;
    let phone =
        senkoi_api::second_factor::Authenticator::from_base32(&secret, "kanagawa@example.jp").unwrap();
    officer.type_into("[data-testid=field-code]", &phone.code_at(app.clock.now())).await;
    officer.click("[data-testid=second-factor-confirm]").await;
    let codes = officer.wait_for_text("[data-testid=recovery-codes]", |t| !t.is_empty()).await;
    assert_eq!(codes.matches('-').count(), 10, "{codes}");
    officer.click("[data-testid=second-factor-continue]").await;
    officer.wait_for("[data-testid=consultation-inbox]").await;
    // At the next sign-in the page asks for the app's code.
    officer.click("[data-testid=nav-logout]").await;
    officer.wait_for("[data-testid=nav-login]").await;
    officer.goto(&format!("{}/login", app.address)).await;
    officer.type_into("[data-testid=field-login]", "kanagawa@example.jp").await;
    officer.type_into("[data-testid=field-password]", strong).await;
    officer.click("[data-testid=submit-login]").await;
    officer.wait_for("[data-testid=login-code-lead]").await;
    let next = phone.code_at(app.clock.now() + chrono::Duration::seconds(30));
    officer.type_into("[data-testid=field-code]", &next).await;
    officer.click("[data-testid=submit-login]").await;
    officer.wait_for("[data-testid=consultation-inbox]").await;

    // Disabled: the officer's next page is refused; enabled again, the row says so.
    browser.goto(&format!("{}/admin/staff", app.address)).await;
    browser.wait_for_text("[data-testid=staff-table]", |t| t.contains("利用中")).await;
    let rows = browser.script("return [...document.querySelectorAll('[data-testid=staff-row]')].findIndex(r => r.textContent.includes('kanagawa@example.jp'));").await;
    let index = rows.as_i64().expect("the officer's row") + 1;
    let toggle = format!("[data-testid=staff-row]:nth-child({index}) [data-testid=toggle-staff]");
    browser.click(&toggle).await;
    browser.wait_for_text("[data-testid=admin-done]", |t| t.contains("無効にしました")).await;
    browser
        .wait_for_text(
            &format!("[data-testid=staff-row]:nth-child({index}) [data-testid=staff-state]"),
            |t| t.contains("無効"),
        )
        .await;
    let refused = app
        .post("/api/v1/auth/login", None, &json!({"login": "kanagawa@example.jp", "password": strong}))
        .await;
    refused.assert_problem(401, "invalid-credentials");
    browser.click(&toggle).await;
    browser.wait_for_text("[data-testid=admin-done]", |t| t.contains("有効に戻しました")).await;
    let back = app
        .post("/api/v1/auth/login", None, &json!({"login": "kanagawa@example.jp", "password": strong}))
        .await;
    back.assert_problem(401, "second-factor-required");
}
