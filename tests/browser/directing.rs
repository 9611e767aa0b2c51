//! The program director in the browser: signs in, finds the program on the dashboard with the
//! room left, decides in the adjustment period until the ceiling is reached, reads the refusal
//! with its figures, decides in bulk, records a decline (the room comes back), orders the list,
//! downloads the CSV, and confirms the round's results in the confirmation period — with no
//! serious accessibility violation on the way.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, Set};
use senkoi_api::entities::{application, ceiling, program_director, resident};
use senkoi_domain::Specialty;
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::noon_jst;
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{STAFF_PASSWORD, Staff, TestApp, insert_resident, spawn_app_serving};
use serde_json::json;

use crate::applying::assert_accessible;

/// Tokyo, internal medicine, 2024: the director's program (capacity 3) and another program that
/// has already hired one; the ceiling is 2, so one more hire fits in the whole cell.
struct World {
    director: Staff,
    program: String,
    first: RoundSchedule,
    first_id: String,
    /// The director's applicants, oldest application first, with their family names in kana.
    applicants: Vec<(String, &'static str)>,
}

async fn world(app: &TestApp) -> World {
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.admin_token().await;
    let facility = app.facility(&admin, "城北大学病院", "13").await;
    let mut programs = Vec::new();
    for (name, capacity) in [("城北 内科", 3), ("城南 内科", 5)] {
        let body = json!({"name": name, "specialty": "internal-medicine", "year": 2024,
            "base_facility_id": facility, "capacity": capacity, "researcher_course": false});
        let made = app.post("/api/v1/programs", Some(&admin), &body).await;
        assert_eq!(made.status, 201, "{}", made.text);
        programs.push(made.body["id"].as_str().unwrap().to_string());
    }
    let (first, first_id) = app
        .schedule_2024(&admin)
        .await
        .into_iter()
        .find(|(schedule, _)| schedule.kind == RoundKind::First)
        .expect("a first round");
    ceiling::ActiveModel {
        year: Set(2024),
        prefecture: Set(senkoi_domain::prefecture::Prefecture::parse("13").unwrap()),
        specialty: Set(Specialty::InternalMedicine),
        ceiling: Set(2),
        updated_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let director = app.staff("director").await;
    program_director::ActiveModel {
        program_id: Set(programs[0].clone()),
        staff_user_id: Set(director.id.clone()),
    }
    .insert(&app.db)
    .await
    .unwrap();

    let at = |n: i64| first.application.start + Duration::hours(1) + Duration::minutes(n);
    // The other program's hire: one of the two places under the ceiling is taken.
    let hired = apply(app, &programs[1], &first_id, "ソノタ", at(0)).await;
    decide_in_db(app, &hired, Decision::Accepted).await;
    // Applied in this order; their kana run the other way, so the two orders differ.
    let mut applicants = Vec::new();
    for (n, kana) in ["エノモト", "ウエダ", "イノウエ", "アオキ"].into_iter().enumerate() {
        applicants.push((apply(app, &programs[0], &first_id, kana, at(n as i64 + 1)).await, kana));
    }
    World { director, program: programs[0].clone(), first, first_id, applicants }
}

/// An application in the first round by a new resident whose family name in kana is `kana`.
pub(crate) async fn apply(
    app: &TestApp,
    program: &str,
    round: &str,
    kana: &str,
    at: DateTime<Utc>,
) -> String {
    let n = uuid::Uuid::new_v4().as_u128();
    let made = insert_resident(&app.db, &format!("{:07}", n % 10_000_000), &format!("r{n}@example.jp"))
        .await
        .unwrap();
    let mut person: resident::ActiveModel = made.clone().into();
    person.family_name_kana = Set(kana.into());
    person.update(&app.db).await.unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    application::ActiveModel {
        id: Set(id.clone()),
        resident_id: Set(made.id),
        program_id: Set(program.to_string()),
        round_id: Set(round.to_string()),
        status: Set(ApplicationStatus::Applied),
        decision: Set(None),
        applied_at: Set(at),
        receipt_number: Set(format!("T{}", &uuid::Uuid::new_v4().simple().to_string()[..15])),
        updated_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

pub(crate) async fn decide_in_db(app: &TestApp, id: &str, decision: Decision) {
    let row = application::ActiveModel {
        id: Set(id.to_string()),
        status: Set(decision.status()),
        decision: Set(Some(decision)),
        ..Default::default()
    };
    row.update(&app.db).await.unwrap();
}

async fn sign_in(app: &TestApp, browser: &Browser, director: &Staff) {
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", &director.email).await;
    browser.type_into("[data-testid=field-password]", STAFF_PASSWORD).await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=director-dashboard]").await;
}

async fn status_of(browser: &Browser, application: &str) -> String {
    browser.text(&format!("[data-testid=applicant-{application}] [data-testid=applicant-status]")).await
}

async fn wait_for_status(browser: &Browser, application: &str, status: &str) {
    let css = format!("[data-testid=applicant-{application}] [data-testid=applicant-status]");
    browser.wait_for_text(&css, |t| t == status).await;
}

/// The remaining room of one kind (`capacity`, `ceiling`) as the gauge shows it, once it reads
/// `expected`.
async fn wait_for_room(browser: &Browser, kind: &str, expected: &str) {
    browser.wait_for_text(&format!("[data-testid=room-remaining-{kind}]"), |t| t == expected).await;
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_director_decides_and_hitting_the_ceiling_shows_the_figures() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    let world = world(&app).await;
    let [a, b, c, d] = [0, 1, 2, 3].map(|i| world.applicants[i].0.clone());
    app.set_now(world.first.adjustment.unwrap().start + Duration::hours(1));

    // Signed in, the director lands on the dashboard: the program with the room left.
    let browser = Browser::start().await;
    sign_in(&app, &browser, &world.director).await;
    let row = browser.wait_for_text("[data-testid=director-program-row]", |t| t.contains("城北 内科")).await;
    assert!(row.contains("東京都") && row.contains("内科"), "{row}");
    assert_eq!(browser.text("[data-testid=program-remaining-capacity]").await, "3 名");
    assert_eq!(browser.text("[data-testid=program-remaining-ceiling]").await, "1 名");
    assert_eq!(browser.count("[data-testid=director-program-row]").await, 1, "only the director's own");
    // What still waits, and by when.
    assert_eq!(browser.text("[data-testid=program-undecided]").await, "4 名");
    let deadline = browser.text("[data-testid=program-deadline]").await;
    assert!(
        deadline.contains("採用調整期間") && deadline.contains("2023年11月24日") && deadline.contains("JST"),
        "{deadline}"
    );
    assert_accessible(&browser, "the director's dashboard").await;

    // The program: the gauge, and the first round's applicants, oldest first.
    browser.click("[data-testid=director-program-link]").await;
    browser.wait_for_text("[data-testid=director-program-name]", |t| t == "城北 内科").await;
    wait_for_room(&browser, "capacity", "3 名").await;
    wait_for_room(&browser, "ceiling", "1 名").await;
    browser.wait_for(&format!("[data-testid=applicant-{d}]")).await;
    assert_eq!(browser.count("[data-testid=applicant-table] tbody tr").await, 4);
    let round = browser.script("return document.querySelector('[data-testid=filter-round]').value;").await;
    assert_eq!(round, world.first_id.as_str(), "the round running now is shown first");
    assert_eq!(status_of(&browser, &a).await, "応募中");
    // 募集実施確認 is not offered before its period, which the page names.
    let when = browser.wait_for_text("[data-testid=confirmation-not-open]", |t| t.contains("JST")).await;
    assert!(when.contains("2023年11月24日"), "{when}");
    assert_eq!(browser.count("[data-testid=confirm-results]").await, 0);
    assert_accessible(&browser, "the program page").await;
    browser.set_size(390, 844).await;
    assert!(browser.assert_cells_labelled("the applicant list").await >= 4 * 7);
    assert_accessible(&browser, "the program page on a phone").await;
    browser.set_size(1280, 900).await;

    // Accepting one takes the last place under the ceiling.
    browser.select(&format!("[data-testid=decision-{a}]"), "accepted").await;
    wait_for_status(&browser, &a, "採用").await;
    wait_for_room(&browser, "ceiling", "0 名").await;
    wait_for_room(&browser, "capacity", "2 名").await;
    browser.wait_for("[data-testid=room-full]").await;

    // The next acceptance is refused, with the figures, at its own row, and nothing changes.
    browser.select(&format!("[data-testid=decision-{b}]"), "accepted").await;
    let refusal = browser
        .wait_for_text(&format!("[data-testid=applicant-{b}] [data-testid=row-decision-error]"), |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(browser.count("[data-testid=decision-error]").await, 0, "not 600 px above, off screen");
    assert!(
        refusal.contains("シーリング数（2名）を超えるため採用できません")
            && refusal.contains("採用済み2名")
            && refusal.contains("今回の採用1名"),
        "the refusal names the ceiling, the hires and the request: {refusal}"
    );
    wait_for_status(&browser, &b, "応募中").await;
    let control =
        browser.script(&format!("return document.querySelector('[data-testid=decision-{b}]').value;")).await;
    assert_eq!(control, "none", "the control shows what the server kept");
    assert_accessible(&browser, "the program page with a refusal").await;
    browser.screenshot_for_readme("director").await;

    // Two ticked and accepted at once: refused whole, with this request's two.
    for id in [&b, &c] {
        browser.click(&format!("[data-testid=select-{id}]")).await;
    }
    browser.wait_for_text("[data-testid=selected-count]", |t| t.contains('2')).await;
    browser.select("[data-testid=bulk-decision]", "accepted").await;
    browser.click("[data-testid=bulk-apply]").await;
    // Asked first: how many, and which decision.
    browser.wait_for_text("[data-testid=bulk-confirm-count]", |t| t.contains("2 名")).await;
    assert_eq!(browser.text("[data-testid=bulk-confirm-decision]").await, "採用");
    assert_accessible(&browser, "the bulk decision's confirmation").await;
    browser.click("[data-testid=confirm-bulk]").await;
    browser.wait_for_text("[data-testid=decision-error]", |t| t.contains("今回の採用2名")).await;
    assert_eq!(
        browser.count(&format!("[data-testid=applicant-{b}] [data-testid=row-decision-error]")).await,
        0
    );
    assert_eq!(status_of(&browser, &b).await, "応募中", "all or nothing");
    // Rejected in bulk, they are, and the page says how many changed.
    browser.select("[data-testid=bulk-decision]", "rejected").await;
    browser.click("[data-testid=bulk-apply]").await;
    browser.click("[data-testid=confirm-bulk]").await;
    wait_for_status(&browser, &b, "不採用").await;
    wait_for_status(&browser, &c, "不採用").await;
    browser.wait_for_text("[data-testid=selected-count]", |t| t.contains('0')).await;
    browser.wait_for_text("[data-testid=decision-done]", |t| t.contains("2 名の採否を登録しました")).await;
    assert_eq!(browser.count("[data-testid=decision-error]").await, 0, "the earlier refusal is gone");

    // The hired resident declines: after the confirmation, the place is free again.
    browser.click(&format!("[data-testid=decline-{a}]")).await;
    let dialog = browser.wait_for_text("[data-testid=confirm-dialog]", |t| !t.is_empty()).await;
    assert!(dialog.contains("辞退") && dialog.contains("山田 太郎"), "{dialog}");
    assert_accessible(&browser, "the decline's confirmation").await;
    browser.click("[data-testid=confirm-decline]").await;
    wait_for_status(&browser, &a, "辞退").await;
    wait_for_room(&browser, "ceiling", "1 名").await;
    wait_for_room(&browser, "capacity", "3 名").await;
    assert_eq!(browser.count("[data-testid=confirm-dialog]").await, 0, "the dialog closes");
    // So the next acceptance fits.
    browser.select(&format!("[data-testid=decision-{d}]"), "accepted").await;
    wait_for_status(&browser, &d, "採用").await;
    wait_for_room(&browser, "ceiling", "0 名").await;

    // Only the undecided, then every one in kana order; what the last decision said is of the
    // list before, and goes.
    browser.wait_for("[data-testid=decision-done]").await;
    browser.select("[data-testid=filter-decided]", "false").await;
    browser.wait_for_text("[data-testid=applicants-total]", |t| t == "全 0 名").await;
    assert_eq!(browser.count("[data-testid=decision-done]").await, 0, "a stale message clears");
    browser.select("[data-testid=filter-decided]", "").await;
    browser.select("[data-testid=filter-sort]", "kana").await;
    let first_kana = world.applicants.iter().find(|(id, _)| *id == d).map(|(_, kana)| *kana).unwrap();
    browser
        .wait_for_text("[data-testid=applicant-table] tbody tr .kana", |t| t.starts_with(first_kana))
        .await;

    // The CSV of the list shown, fetched with the token and handed to the browser.
    browser
        .script(
            "window.__csv = null; const made = URL.createObjectURL;\
             URL.createObjectURL = blob => { blob.text().then(t => { window.__csv = t; }); return made(blob); };\
             const click = HTMLAnchorElement.prototype.click;\
             HTMLAnchorElement.prototype.click = function () { window.__csvName = this.download; return click.call(this); };\
             return true;",
        )
        .await;
    browser.click("[data-testid=csv-download]").await;
    let started = std::time::Instant::now();
    let csv = loop {
        let csv = browser.script("return window.__csv;").await;
        if let Some(csv) = csv.as_str() {
            break csv.to_string();
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "no CSV was handed over");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(csv.contains("アオキ") && csv.contains("エノモト"), "{csv}");
    assert_eq!(
        browser.script("return window.__csvName;").await,
        "応募者一覧_城北 内科_2024年度 1次募集.csv",
        "named after the program and the round"
    );
    assert_eq!(browser.count("[data-testid=csv-error]").await, 0);

    // In the confirmation period the director confirms the round's results (募集実施確認).
    app.set_now(world.first.confirmation.unwrap().start + Duration::hours(1));
    browser.goto(&format!("{}/director/programs/{}", app.address, world.program)).await;
    browser.click("[data-testid=confirm-results]").await;
    browser.click("[data-testid=confirm-confirmation]").await;
    let confirmed = browser.wait_for_text("[data-testid=round-confirmed]", |t| t.contains("確認済み")).await;
    assert!(confirmed.contains("JST"), "{confirmed}");
    assert_accessible(&browser, "the confirmed round").await;

    // After the results, while the second round takes applications, the page opens on the round
    // just decided.
    app.set_now(world.first.results_at + Duration::days(3));
    browser.goto(&format!("{}/director/programs/{}", app.address, world.program)).await;
    browser.wait_for(&format!("[data-testid=applicant-{d}]")).await;
    let round = browser.script("return document.querySelector('[data-testid=filter-round]').value;").await;
    assert_eq!(round, world.first_id.as_str(), "the first round, just decided");
}
