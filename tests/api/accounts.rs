//! Residents' accounts: registration through the mailed link, the own profile with its lock,
//! deletion, on SQLite and PostgreSQL, with the mail read from a real SMTP server.

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use senkoi_api::entities::{application, resident};
use senkoi_domain::UserId;
use senkoi_domain::round::{RoundKind, demo_schedule_2024};
use senkoi_domain::time::noon_jst;
use senkoi_tests::{RESIDENT_PASSWORD, TestApp, resident_form, spawn_app};
use serde_json::{Value, json};

fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .expect("errors[]")
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn registration_refuses_mobile_carrier_and_malformed_addresses_with_the_field_error() {
    let app = spawn_app().await;
    for (email, code) in
        [("taro@docomo.ne.jp", "mobile-carrier-email"), ("taro@", "invalid-email"), ("", "required")]
    {
        let answer = app.post("/api/v1/registrations", None, &json!({"email": email})).await;
        let body = answer.assert_problem(422, "validation-failed");
        assert_eq!(field_codes(body), [("email".to_string(), code.to_string())], "{email}");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("メール"), "a Japanese message");
    }
    assert!(app.mail.mails().is_empty(), "nothing was mailed");
}

#[tokio::test]
async fn registration_answers_202_for_a_known_address_too_and_mails_it_a_notice_instead_of_a_link() {
    let app = spawn_app().await;
    let taken = app.resident("taken@example.jp", "1234567").await;
    let again = app.post("/api/v1/registrations", None, &json!({"email": "taken@example.jp"})).await;
    let fresh = app.post("/api/v1/registrations", None, &json!({"email": "fresh@example.jp"})).await;
    assert_eq!((again.status.as_u16(), fresh.status.as_u16()), (202, 202));
    assert_eq!(again.body, fresh.body, "the answer does not tell the addresses apart");
    let notice = app.mail.wait_for("taken@example.jp", "登録済み").await;
    assert!(notice.body.contains(&taken.user_id) && !notice.body.contains("/register/"));
    let link = app.mail.wait_for("fresh@example.jp", "登録用URL").await;
    assert!(link.link("http://127.0.0.1/register/").is_some());
}

#[tokio::test]
async fn the_registration_link_is_good_for_24_hours_then_answers_410_expired() {
    let app = spawn_app().await;
    let start = noon_jst(2023, 10, 1);
    app.set_now(start);
    let token = app.registration_link("taro@example.jp").await;
    let link = app.get(&format!("/api/v1/registrations/{token}")).await;
    assert_eq!(link.status, 200, "{}", link.text);
    assert_eq!(link.body["email"], "taro@example.jp");
    let expires_at: DateTime<Utc> = serde_json::from_value(link.body["expires_at"].clone()).unwrap();
    assert!((expires_at - (start + Duration::hours(24))).num_seconds().abs() <= 5);

    app.set_now(start + Duration::hours(23) + Duration::minutes(59));
    assert_eq!(app.get(&format!("/api/v1/registrations/{token}")).await.status, 200);
    app.set_now(start + Duration::hours(24) + Duration::seconds(5));
    app.get(&format!("/api/v1/registrations/{token}")).await.assert_problem(410, "registration-link-expired");
    app.post(&format!("/api/v1/registrations/{token}/resident"), None, &resident_form("1234567"))
        .await
        .assert_problem(410, "registration-link-expired");
    assert_eq!(resident::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn the_registration_link_works_once() {
    let app = spawn_app().await;
    let token = app.registration_link("taro@example.jp").await;
    let path = format!("/api/v1/registrations/{token}/resident");
    assert_eq!(app.post(&path, None, &resident_form("1234567")).await.status, 201);
    app.get(&format!("/api/v1/registrations/{token}")).await.assert_problem(410, "registration-link-used");
    app.post(&path, None, &resident_form("7654321")).await.assert_problem(410, "registration-link-used");
    app.get("/api/v1/registrations/no-such-token").await.assert_problem(404, "not-found");
}

#[tokio::test]
async fn the_form_reports_every_failing_field_at_once_and_saves_nothing() {
    let app = spawn_app().await;
    let token = app.registration_link("taro@example.jp").await;
    let mut form = resident_form("12345");
    form["family_name_kana"] = json!("やまだ");
    form["postal_code"] = json!("12-345");
    form["gender"] = json!("other");
    form["track"] = json!("curriculum");
    form["regional_quota"] = json!(true);
    form["password"] = json!("abc");
    let answer = app.post(&format!("/api/v1/registrations/{token}/resident"), None, &form).await;
    let body = answer.assert_problem(422, "validation-failed");
    let expected = [
        ("family_name_kana", "not-katakana"),
        ("gender", "invalid-gender"),
        ("medical_registration_number", "invalid-medical-registration-number"),
        ("postal_code", "invalid-postal-code"),
        ("curriculum_reason", "required"),
        ("regional_quota_prefecture", "required"),
        ("password", "password-length"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
    assert_eq!(field_codes(body), expected);
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["message"].as_str().is_some_and(|m| !m.is_ascii()))
    );
    assert_eq!(resident::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(app.get(&format!("/api/v1/registrations/{token}")).await.status, 200, "the link is not spent");
}

#[tokio::test]
async fn a_six_digit_registration_number_is_padded_and_a_duplicate_among_live_accounts_is_409() {
    let app = spawn_app().await;
    let first = app.register_with("a@example.jp", &resident_form("123456")).await;
    assert_eq!(first["medical_registration_number"], "0123456");
    let token = app.registration_link("b@example.jp").await;
    app.post(&format!("/api/v1/registrations/{token}/resident"), None, &resident_form("0123456"))
        .await
        .assert_problem(409, "registration-number-taken");
    assert_eq!(resident::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn dates_and_codes_typed_on_a_phone_are_read_and_saved_in_their_usual_form() {
    let app = spawn_app().await;
    let mut form = resident_form("１２３４５６７");
    form["date_of_birth"] = "19980514".into();
    form["license_year_month"] = "２０２４／４".into();
    form["postal_code"] = "〒100 0005".into();
    form["clinical_training_completed_on"] = "2026年3月31日".into();
    let saved = app.register_with("phone@example.jp", &form).await;
    assert_eq!(saved["date_of_birth"], "1998-05-14", "{saved}");
    assert_eq!(saved["license_year_month"], "2024-04");
    assert_eq!(saved["postal_code"], "1000005");
    assert_eq!(saved["clinical_training_completed_on"], "2026-03-31");
    assert_eq!(saved["medical_registration_number"], "1234567");
}

#[tokio::test]
async fn the_user_id_is_answered_with_its_check_digit_and_mailed() {
    let app = spawn_app().await;
    let a = app.register_with("a@example.jp", &resident_form("1111111")).await;
    let b = app.register_with("b@example.jp", &resident_form("2222222")).await;
    let (a, b) = (a["user_id"].as_str().unwrap(), b["user_id"].as_str().unwrap());
    assert!(UserId::parse(a).is_ok() && UserId::parse(b).is_ok(), "{a} {b}");
    assert_ne!(a, b);
    let mail = app.mail.wait_for("a@example.jp", "登録完了").await;
    assert!(mail.body.contains(&format!("ユーザID: {a}")), "{}", mail.body);
}

#[tokio::test]
async fn me_answers_the_own_profile_with_years_since_licence_for_the_recruitment_year() {
    let app = spawn_app().await;
    app.set_now(noon_jst(2026, 11, 1));
    let resident = app.resident("me@example.jp", "1234567").await;
    let me = app.request(Method::GET, "/api/v1/me", Some(&resident.access), None).await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.body["user_id"], resident.user_id.as_str());
    assert_eq!(me.body["family_name_kana"], "ヤマダ");
    assert_eq!(me.body["postal_code"], "1000005");
    // Licensed 2024-04; in November 2026 the rounds are those of 2027.
    assert_eq!(me.body["years_since_license"], 3);
    assert_eq!(me.body["locked"], false);
    assert!(me.body.get("password").is_none() && me.body.get("password_hash").is_none());
    let admin = app.admin_token().await;
    app.request(Method::GET, "/api/v1/me", Some(&admin), None).await.assert_problem(403, "forbidden");
    app.get("/api/v1/me").await.assert_problem(401, "unauthenticated");
}

#[tokio::test]
async fn a_profile_change_is_parsed_whole_and_never_changes_the_specialty() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let token = Some(resident.access.as_str());
    let changed =
        app.request(Method::PATCH, "/api/v1/me", token, Some(&json!({"phone": "090-1111-2222"}))).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(
        (changed.body["phone"].as_str(), changed.body["address"].as_str()),
        (Some("090-1111-2222"), Some("千代田区丸の内1-1-1"))
    );
    let bad = app
        .request(
            Method::PATCH,
            "/api/v1/me",
            token,
            Some(&json!({"postal_code": "1", "given_name_kana": "hanako"})),
        )
        .await;
    let body = bad.assert_problem(422, "validation-failed");
    assert_eq!(field_codes(body).len(), 2);
    app.request(Method::PATCH, "/api/v1/me", token, Some(&json!({"specialty": "surgery"})))
        .await
        .assert_problem(422, "invalid-body");
    let me = app.request(Method::GET, "/api/v1/me", token, None).await;
    assert_eq!(
        (me.body["specialty"].as_str(), me.body["phone"].as_str()),
        (Some("internal-medicine"), Some("090-1111-2222"))
    );
}

/// A first round of 2024 (the demo schedule) and an application of `resident` to a program in it.
async fn apply_in_first_round(app: &TestApp, user_id: &str, status: &str) -> String {
    let admin = app.admin_token().await;
    let round = demo_schedule_2024().into_iter().find(|r| r.kind == RoundKind::First).unwrap();
    let body = json!({
        "year": 2024, "kind": "first",
        "application_starts_at": round.application.start, "application_ends_at": round.application.end,
        "adjustment_starts_at": round.adjustment.unwrap().start, "adjustment_ends_at": round.adjustment.unwrap().end,
        "confirmation_starts_at": round.confirmation.unwrap().start, "confirmation_ends_at": round.confirmation.unwrap().end,
        "results_at": round.results_at,
    });
    let round = app.post("/api/v1/rounds", Some(&admin), &body).await;
    assert_eq!(round.status, 201, "{}", round.text);
    let facility =
        app.post("/api/v1/facilities", Some(&admin), &json!({"name": "東京病院", "prefecture": "13"})).await;
    assert_eq!(facility.status, 201, "{}", facility.text);
    let program = json!({
        "name": "東京病院内科専門研修プログラム", "specialty": "internal-medicine", "year": 2024,
        "base_facility_id": facility.body["id"], "affiliated_facility_ids": [], "capacity": 5,
        "researcher_course": false, "contact": "内科 医局", "description": "",
    });
    let program = app.post("/api/v1/programs", Some(&admin), &program).await;
    assert_eq!(program.status, 201, "{}", program.text);
    let resident = resident::Entity::find()
        .filter(resident::Column::UserId.eq(user_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    let at = noon_jst(2023, 11, 2);
    application::ActiveModel {
        id: Set(id.clone()),
        resident_id: Set(resident.id),
        program_id: Set(program.body["id"].as_str().unwrap().into()),
        round_id: Set(round.body["id"].as_str().unwrap().into()),
        status: Set(senkoi_domain::ApplicationStatus::parse(status).unwrap()),
        decision: Set(None),
        receipt_number: Set(uuid::Uuid::new_v4().simple().to_string()[..16].to_string()),
        applied_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn the_profile_locks_once_an_application_reaches_its_adjustment_period() {
    let app = spawn_app().await;
    app.set_now(noon_jst(2023, 11, 2));
    let resident = app.resident("me@example.jp", "1234567").await;
    apply_in_first_round(&app, &resident.user_id, "applied").await;
    let change = json!({"address": "千代田区丸の内2-2-2"});
    let token = Some(resident.access.as_str());
    // Application period: the resident still edits.
    assert_eq!(app.request(Method::PATCH, "/api/v1/me", token, Some(&change)).await.status, 200);
    // Adjustment period (from 2023-11-16 noon JST): the director owns the profile.
    app.set_now(noon_jst(2023, 11, 16));
    let tokens = app.login(&resident.user_id, RESIDENT_PASSWORD).await;
    let token = tokens["access_token"].as_str();
    let refused =
        app.request(Method::PATCH, "/api/v1/me", token, Some(&json!({"address": "別の住所"}))).await;
    assert!(refused.assert_problem(409, "profile-locked")["detail"].as_str().unwrap().contains("統括責任者"));
    let me = app.request(Method::GET, "/api/v1/me", token, None).await;
    assert_eq!(
        (me.body["locked"].as_bool(), me.body["address"].as_str()),
        (Some(true), Some("千代田区丸の内2-2-2"))
    );
}

#[tokio::test]
async fn deletion_is_refused_while_an_application_is_live_then_keeps_history_and_frees_number_and_address() {
    let app = spawn_app().await;
    app.set_now(noon_jst(2023, 11, 2));
    let resident = app.resident("me@example.jp", "1234567").await;
    let application_id = apply_in_first_round(&app, &resident.user_id, "applied").await;
    let token = Some(resident.access.as_str());
    let refused = app.request(Method::DELETE, "/api/v1/me", token, None).await;
    refused.assert_problem(409, "application-live");

    let mut withdrawn: application::ActiveModel =
        application::Entity::find_by_id(application_id.clone()).one(&app.db).await.unwrap().unwrap().into();
    withdrawn.status = Set(senkoi_domain::ApplicationStatus::Withdrawn);
    withdrawn.update(&app.db).await.unwrap();
    let deleted = app.request(Method::DELETE, "/api/v1/me", token, None).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    app.mail.wait_for("me@example.jp", "削除").await;

    // The session ends, the application stays, and a new account may take number and address.
    app.request(Method::GET, "/api/v1/me", token, None).await.assert_problem(401, "invalid-token");
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": resident.refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    app.post("/api/v1/auth/login", None, &json!({"login": resident.user_id, "password": RESIDENT_PASSWORD}))
        .await
        .assert_problem(401, "invalid-credentials");
    assert!(application::Entity::find_by_id(application_id).one(&app.db).await.unwrap().is_some());
    let again = app.resident("me@example.jp", "1234567").await;
    assert_ne!(again.user_id, resident.user_id);
}
