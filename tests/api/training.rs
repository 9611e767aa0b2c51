//! Training records (研修実績) and completion (研修修了申請): a hired resident records periods that
//! the director approves or returns; the data-linkage specialties' records come from the
//! society's system; completion goes resident → director → society → board → certificate, each
//! step audited, mailed to the next actor and on the resident's timeline.

use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use senkoi_api::entities::{application, audit_event, resident, webhook_delivery};
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_domain::time::noon_jst;
use senkoi_domain::webhook::WebhookEvent;
use senkoi_tests::{RESIDENT_PASSWORD, Staff, resident_form};
use serde_json::{Value, json};

use crate::board::{Board, board};
use crate::society_feeds::{society_client, society_token};

/// A board whose program (base + one affiliated facility, 3 training years from 2024) hired a
/// resident of `specialty` in the first round of 2024; the clock stands after the results.
struct Training {
    b: Board,
    director: Staff,
    affiliated: String,
    resident_id: String,
    user_id: String,
    email: String,
}

async fn training(specialty: &str) -> Training {
    let mut b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 研修プログラム", specialty, 5, &director).await;
    let affiliated = b.app.facility(&b.admin, "城南病院", "13").await;
    let patched = b
        .app
        .request(
            Method::PATCH,
            &format!("/api/v1/programs/{program}"),
            Some(&b.admin),
            Some(&json!({"affiliated_facility_ids": [affiliated]})),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(patched.body["training_years"], 3);

    let email = format!("trainee-{}@example.jp", uuid::Uuid::new_v4().simple());
    let mut form = resident_form(&format!("{:07}", uuid::Uuid::new_v4().as_u128() % 10_000_000));
    form["specialty"] = json!(specialty);
    let registered = b.app.register_with(&email, &form).await;
    let user_id = registered["user_id"].as_str().unwrap().to_string();
    let row = resident::Entity::find()
        .filter(resident::Column::UserId.eq(&user_id))
        .one(&b.app.db)
        .await
        .unwrap()
        .unwrap();
    let at = b.first.application.start;
    application::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        resident_id: Set(row.id.clone()),
        program_id: Set(program.clone()),
        round_id: Set(b.first_id.clone()),
        status: Set(ApplicationStatus::Accepted),
        decision: Set(Some(Decision::Accepted)),
        applied_at: Set(at),
        receipt_number: Set(format!("T{}", &uuid::Uuid::new_v4().simple().to_string()[..15])),
        updated_at: Set(at),
    }
    .insert(&b.app.db)
    .await
    .unwrap();
    // After the program's three years: every period of it is over.
    b.app.set_now(noon_jst(2027, 4, 10));
    b.admin = b.app.admin_token().await;
    Training { b, director, affiliated, resident_id: row.id, user_id, email }
}

impl Training {
    async fn resident_token(&self) -> String {
        self.b.app.login(&self.user_id, RESIDENT_PASSWORD).await["access_token"].as_str().unwrap().to_string()
    }

    async fn director_token(&self) -> String {
        self.b.app.sign_in_again(&self.director).await.access
    }

    async fn record(&self, token: &str, facility: &str, from: &str, to: &str) -> senkoi_tests::Answer {
        let body = json!({"facility_id": facility, "from": from, "to": to});
        self.b.app.post("/api/v1/training-records", Some(token), &body).await
    }

    async fn act(&self, token: &str, path: &str, body: Option<Value>) -> senkoi_tests::Answer {
        self.b.app.request(Method::POST, path, Some(token), body.as_ref()).await
    }

    async fn get(&self, token: &str, path: &str) -> senkoi_tests::Answer {
        self.b.app.request(Method::GET, path, Some(token), None).await
    }

    async fn audited(&self, action: &str) -> u64 {
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(action))
            .count(&self.b.app.db)
            .await
            .unwrap()
    }

    async fn deliveries(&self, event: WebhookEvent) -> Vec<Value> {
        webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::Event.eq(event))
            .all(&self.b.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|d| serde_json::from_str(&d.payload).unwrap())
            .collect()
    }
}

fn id(answer: &senkoi_tests::Answer) -> String {
    assert!(answer.status.is_success(), "{}", answer.text);
    answer.body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_resident_records_periods_that_the_director_approves_or_returns() {
    let t = training("pediatrics").await;
    let base = t.b.tokyo.clone();

    // Hired, but before the results are out there is no program to record in.
    t.b.app.set_now(noon_jst(2023, 11, 20));
    let early = t.resident_token().await;
    t.record(&early, &base, "2024-04-01", "2024-09-30").await.assert_problem(409, "not-in-program");
    // A period not over yet is refused, naming today (Japan's date by the server's clock).
    t.b.app.set_now(noon_jst(2025, 1, 15));
    let me = t.resident_token().await;
    let refused = t.record(&me, &base, "2024-10-01", "2025-03-31").await;
    refused.assert_problem(409, "period-in-future");
    assert!(refused.body["detail"].as_str().unwrap().contains("2025-01-15"), "{}", refused.text);
    let mine = t.get(&me, "/api/v1/me/training").await;
    assert_eq!(mine.body["today"], "2025-01-15");
    assert_eq!(mine.body["records"], json!([]), "nothing saved");
    t.b.app.set_now(noon_jst(2027, 4, 10));
    let me = t.resident_token().await;

    let mine = t.get(&me, "/api/v1/me/training").await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert_eq!(mine.body["kept_by"], "resident");
    assert_eq!(mine.body["program"]["first_day"], "2024-04-01");
    assert_eq!(mine.body["program"]["last_day"], "2027-03-31");
    let facilities: Vec<&str> = mine.body["program"]["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(facilities, [base.as_str(), t.affiliated.as_str()], "the base first");

    let first = t.record(&me, &base, "2024-04-01", "2025-03-31").await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert_eq!(
        (first.body["status"].clone(), first.body["kept_by"].clone()),
        (json!("submitted"), json!("resident"))
    );
    let first = id(&first);
    let refusals = [
        (t.record(&me, &t.affiliated, "2025-03-31", "2025-06-30").await, 409, "period-overlaps"),
        (t.record(&me, &base, "2024-03-01", "2024-03-31").await, 409, "period-outside-program"),
        (t.record(&me, &base, "2026-04-01", "2027-04-01").await, 409, "period-outside-program"),
        (t.record(&me, "no-such-facility", "2025-04-01", "2025-06-30").await, 409, "facility-not-in-program"),
    ];
    for (answer, status, code) in refusals {
        answer.assert_problem(status, code);
    }
    let backwards = t.record(&me, &base, "2025-06-30", "2025-04-01").await;
    backwards.assert_problem(422, "validation-failed");
    assert_eq!(backwards.body["errors"][0]["code"], "period-ends-before-start");
    let garbled = t.record(&me, &base, "2025/04/31", "x").await;
    assert_eq!(garbled.body["errors"].as_array().unwrap().len(), 2, "{}", garbled.text);
    let second = id(&t.record(&me, &t.affiliated, "2025-04-01", "2026-03-31").await);

    // The director's queue holds both; another director's holds nothing and reaches nothing.
    let director = t.director_token().await;
    let queue = t.get(&director, "/api/v1/training-records?status=submitted").await;
    assert_eq!(queue.body["items"].as_array().unwrap().len(), 2, "{}", queue.text);
    assert_eq!(queue.body["items"][0]["resident_name"], "山田 花子");
    assert_eq!(queue.body["items"][1]["facility_name"], "城南病院");
    assert_eq!(queue.body["has_more"], false);
    // A page at a time with the cursor, never cut: one a page, then the next, then nothing new.
    let first_page = t.get(&director, "/api/v1/training-records?status=submitted&limit=1").await;
    assert_eq!(
        (first_page.body["items"].as_array().unwrap().len(), first_page.body["has_more"].clone()),
        (1, json!(true))
    );
    let cursor = first_page.body["next_cursor"].as_str().unwrap().to_string();
    let next_page =
        t.get(&director, &format!("/api/v1/training-records?status=submitted&limit=1&cursor={cursor}")).await;
    assert_eq!(next_page.body["items"][0]["id"], queue.body["items"][1]["id"], "{}", next_page.text);
    assert_eq!(next_page.body["has_more"], false);
    let cursor = next_page.body["next_cursor"].as_str().unwrap().to_string();
    let after = t.get(&director, &format!("/api/v1/training-records?status=submitted&cursor={cursor}")).await;
    assert_eq!((after.body["items"].clone(), after.body["next_cursor"].clone()), (json!([]), json!(cursor)));
    t.get(&director, "/api/v1/training-records?limit=501").await.assert_problem(400, "invalid-paging");
    t.get(&director, "/api/v1/training-records?cursor=nonsense")
        .await
        .assert_problem(422, "validation-failed");
    let stranger = t.b.app.staff("director").await;
    assert_eq!(t.get(&stranger.access, "/api/v1/training-records").await.body["items"], json!([]));
    t.act(&stranger.access, &format!("/api/v1/training-records/{first}/approval"), None)
        .await
        .assert_problem(404, "not-found");
    t.act(&me, &format!("/api/v1/training-records/{first}/approval"), None)
        .await
        .assert_problem(403, "forbidden");

    let approved = t.act(&director, &format!("/api/v1/training-records/{first}/approval"), None).await;
    assert_eq!(approved.body["status"], "approved", "{}", approved.text);
    t.act(&director, &format!("/api/v1/training-records/{first}/approval"), None)
        .await
        .assert_problem(409, "record-not-awaiting-approval");
    let path = format!("/api/v1/training-records/{first}");
    let body = json!({"facility_id": base, "from": "2024-04-01", "to": "2024-12-31"});
    t.b.app.request(Method::PUT, &path, Some(&me), Some(&body)).await.assert_problem(409, "record-approved");
    t.b.app.request(Method::DELETE, &path, Some(&me), None).await.assert_problem(409, "record-approved");

    let returns = format!("/api/v1/training-records/{second}/return");
    let blank = t.act(&director, &returns, Some(json!({"reason": "  "}))).await;
    assert_eq!(blank.body["errors"][0]["field"], "reason", "{}", blank.text);
    let returned = t.act(&director, &returns, Some(json!({"reason": "連携施設での期間は半年です。"}))).await;
    assert_eq!(
        (returned.body["status"].clone(), returned.body["return_reason"].clone()),
        (json!("returned"), json!("連携施設での期間は半年です。"))
    );
    let mail = t.b.app.mail.wait_for(&t.email, "差し戻されました").await;
    assert!(!mail.body.contains("半年"), "the reason stays on the page, not in mail");

    // The resident corrects it: it waits for the director again, without the old reason.
    let path = format!("/api/v1/training-records/{second}");
    let body = json!({"facility_id": t.affiliated, "from": "2025-04-01", "to": "2025-09-30"});
    let corrected = t.b.app.request(Method::PUT, &path, Some(&me), Some(&body)).await;
    assert_eq!(
        (
            corrected.body["status"].clone(),
            corrected.body["return_reason"].clone(),
            corrected.body["to"].clone()
        ),
        (json!("submitted"), Value::Null, json!("2025-09-30")),
        "{}",
        corrected.text
    );
    for (action, count) in [
        ("training-record.created", 2),
        ("training-record.approved", 1),
        ("training-record.returned", 1),
        ("training-record.updated", 1),
    ] {
        assert_eq!(t.audited(action).await, count, "{action}");
    }
}

#[tokio::test]
async fn completion_goes_through_director_society_and_board_to_the_certificate() {
    let t = training("pediatrics").await;
    let (client_id, secret, _) = society_client(&t.b.app, &t.b.admin, "pediatrics").await;
    let hook = json!({"url": "http://127.0.0.1:9/hooks", "events": ["completion.step-reached", "training-record.approved"]});
    let society = society_token(&t.b.app, &client_id, &secret).await;
    assert_eq!(t.b.app.post("/api/v1/society/webhook-endpoints", Some(&society), &hook).await.status, 201);
    let me = t.resident_token().await;
    let director = t.director_token().await;
    let admin = t.b.app.staff("admin").await;

    let period = id(&t.record(&me, &t.b.tokyo, "2024-04-01", "2027-03-31").await);
    t.act(&me, "/api/v1/completions", None).await.assert_problem(409, "records-not-approved");
    t.act(&director, &format!("/api/v1/training-records/{period}/approval"), None).await;
    assert_eq!(t.deliveries(WebhookEvent::TrainingRecordApproved).await.len(), 1);

    let filed = t.act(&me, "/api/v1/completions", None).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    assert_eq!(
        (filed.body["stage"].clone(), filed.body["waits_for"].clone()),
        (json!("director"), json!("director"))
    );
    let completion = id(&filed);
    t.b.app.mail.wait_for(&t.director.email, "確認待ちの研修修了申請").await;
    t.act(&me, "/api/v1/completions", None).await.assert_problem(409, "completion-already-filed");

    let approval = format!("/api/v1/completions/{completion}/approval");
    let returns = format!("/api/v1/completions/{completion}/return");
    t.act(&society, &approval, None).await.assert_problem(409, "not-your-step");
    t.act(&admin.access, &approval, None).await.assert_problem(409, "not-your-step");
    let stranger = t.b.app.staff("director").await;
    t.act(&stranger.access, &approval, None).await.assert_problem(404, "not-found");
    let (other_id, other_secret, _) = society_client(&t.b.app, &t.b.admin, "surgery").await;
    let other_society = society_token(&t.b.app, &other_id, &other_secret).await;
    t.act(&other_society, &approval, None).await.assert_problem(404, "not-found");

    // Each actor's queue is what waits for them.
    let queue = |token: String| {
        let t = &t;
        async move { t.get(&token, "/api/v1/completions").await.body["items"].as_array().unwrap().len() }
    };
    assert_eq!(
        (queue(director.clone()).await, queue(society.clone()).await, queue(admin.access.clone()).await),
        (1, 0, 0)
    );
    assert_eq!(t.act(&director, &approval, None).await.body["stage"], "society");
    assert_eq!((queue(director.clone()).await, queue(society.clone()).await), (0, 1));
    let returned = t.act(&society, &returns, Some(json!({"reason": "症例数の記載が不足しています。"}))).await;
    assert_eq!(returned.body["stage"], "returned", "{}", returned.text);
    t.b.app.mail.wait_for(&t.email, "研修修了申請が差し戻されました").await;

    // Filed again, it starts over with the director.
    assert_eq!(t.act(&me, "/api/v1/completions", None).await.body["stage"], "director");
    assert_eq!(t.act(&director, &approval, None).await.body["stage"], "society");
    assert_eq!(t.act(&society, &approval, None).await.body["stage"], "board");
    t.b.app.mail.wait_for(&admin.email, "確認待ちの研修修了申請").await;
    assert_eq!(queue(admin.access.clone()).await, 1);
    let certificate = format!("/api/v1/completions/{completion}/certificate");
    let fee = format!("/api/v1/completions/{completion}/fee-payment");
    t.act(&admin.access, &fee, None).await.assert_problem(409, "completion-not-approved");
    t.act(&director, &fee, None).await.assert_problem(403, "forbidden");
    assert_eq!(t.act(&admin.access, &approval, None).await.body["stage"], "approved");
    t.b.app.mail.wait_for(&t.email, "研修修了が承認されました").await;
    t.act(&admin.access, &certificate, None).await.assert_problem(409, "fee-not-paid");
    assert!(t.act(&admin.access, &fee, None).await.body["fee_paid_at"].is_string());
    t.act(&admin.access, &fee, None).await.assert_problem(409, "fee-already-recorded");
    let issued = t.act(&admin.access, &certificate, None).await;
    let number = issued.body["certificate_number"].as_str().expect("a certificate number").to_string();
    t.act(&admin.access, &certificate, None).await.assert_problem(409, "certificate-already-issued");
    let mail = t.b.app.mail.wait_for(&t.email, "認定証が発行されました").await;
    assert!(mail.body.contains(&number));
    assert_eq!(queue(admin.access.clone()).await, 0, "an issued certificate leaves the board's queue");

    // The resident's timeline tells every step, in order, with the return's reason.
    let mine = t.get(&me, "/api/v1/me/training").await;
    let events: Vec<(String, String)> = mine.body["completion"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["actor"].as_str().unwrap().to_string(), e["action"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("resident", "filed"),
        ("director", "approved"),
        ("society", "returned"),
        ("resident", "filed"),
        ("director", "approved"),
        ("society", "approved"),
        ("admin", "approved"),
        ("admin", "fee-paid"),
        ("admin", "certificate-issued"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(events, expected);
    assert_eq!(mine.body["completion"]["events"][2]["reason"], "症例数の記載が不足しています。");
    assert_eq!(t.audited("completion.approved").await, 4);
    assert_eq!(t.audited("completion.certificate-issued").await, 1);
    let stages: Vec<String> = t
        .deliveries(WebhookEvent::CompletionStepReached)
        .await
        .iter()
        .map(|p| p["data"]["stage"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stages.len(), 7, "each filing, approval and return reaches the society: {stages:?}");
    assert!(stages.contains(&"society".to_string()) && stages.contains(&"approved".to_string()));
}

#[tokio::test]
async fn the_societys_system_sends_the_records_of_data_linkage_specialties() {
    let t = training("internal-medicine").await;
    let me = t.resident_token().await;
    let mine = t.get(&me, "/api/v1/me/training").await;
    assert_eq!(mine.body["kept_by"], "society", "{}", mine.text);
    t.record(&me, &t.b.tokyo, "2024-04-01", "2025-03-31")
        .await
        .assert_problem(409, "records-kept-by-society");

    let (client_id, secret, _) = society_client(&t.b.app, &t.b.admin, "internal-medicine").await;
    let society = society_token(&t.b.app, &client_id, &secret).await;
    let sent = |resident: Option<&str>, from: &str, to: &str| {
        let mut body = json!({"facility_id": t.b.tokyo, "from": from, "to": to});
        if let Some(resident) = resident {
            body["resident_id"] = json!(resident);
        }
        let (t, society) = (&t, society.clone());
        async move { t.b.app.post("/api/v1/training-records", Some(&society), &body).await }
    };
    let unnamed = sent(None, "2024-04-01", "2025-03-31").await;
    assert_eq!(unnamed.body["errors"][0]["field"], "resident_id", "{}", unnamed.text);
    let record = sent(Some(&t.resident_id), "2024-04-01", "2025-03-31").await;
    assert_eq!(record.status, 201, "{}", record.text);
    assert_eq!(
        (record.body["status"].clone(), record.body["kept_by"].clone()),
        (json!("approved"), json!("society"))
    );
    let record = id(&record);
    sent(Some(&t.resident_id), "2025-01-01", "2025-06-30").await.assert_problem(409, "period-overlaps");

    // Another specialty's society reaches neither the resident nor the record.
    let (other_id, other_secret, _) = society_client(&t.b.app, &t.b.admin, "surgery").await;
    let other = society_token(&t.b.app, &other_id, &other_secret).await;
    let body = json!({"resident_id": t.resident_id, "facility_id": t.b.tokyo, "from": "2025-04-01", "to": "2025-06-30"});
    t.b.app.post("/api/v1/training-records", Some(&other), &body).await.assert_problem(404, "not-found");
    assert_eq!(t.get(&other, "/api/v1/training-records").await.body["items"], json!([]));

    // The society corrects what it sent; the resident cannot touch it, the officer sees nothing.
    let path = format!("/api/v1/training-records/{record}");
    let body = json!({"resident_id": t.resident_id, "facility_id": t.b.tokyo, "from": "2024-04-01", "to": "2025-09-30"});
    let corrected = t.b.app.request(Method::PUT, &path, Some(&society), Some(&body)).await;
    assert_eq!(
        (corrected.body["to"].clone(), corrected.body["status"].clone()),
        (json!("2025-09-30"), json!("approved"))
    );
    t.b.app.request(Method::DELETE, &path, Some(&me), None).await.assert_problem(404, "not-found");
    let officer = t.b.app.staff("consultation-officer").await;
    t.get(&officer.access, "/api/v1/training-records").await.assert_problem(403, "forbidden");

    // With the society's records approved, the resident files for completion.
    assert_eq!(t.act(&me, "/api/v1/completions", None).await.status, 201);
}
