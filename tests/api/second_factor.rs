//! A second factor for staff (TOTP, RFC 6238): set up with any authenticator app, asked at every
//! sign-in, a code good once, one-time recovery codes; required of board admins and consultation
//! officers (nothing else opens before it), offered to directors; an admin resets another's.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::audit_event;
use senkoi_api::second_factor::Authenticator;
use senkoi_tests::{STAFF_PASSWORD, TestApp, spawn_app, spawn_app_configured};
use serde_json::{Value, json};

async fn sign_in(app: &TestApp, email: &str, code: Option<&str>) -> senkoi_tests::Answer {
    app.post("/api/v1/auth/login", None, &json!({"login": email, "password": STAFF_PASSWORD, "code": code}))
        .await
}

fn token(answer: &senkoi_tests::Answer) -> String {
    answer.body["access_token"].as_str().expect("an access token").to_string()
}

#[tokio::test]
async fn a_director_sets_up_a_second_factor_and_signs_in_with_its_codes_each_good_once() {
    let app = spawn_app().await;
    let director = app.staff("director").await;
    let mine = app.request(Method::GET, "/api/v1/me/second-factor", Some(&director.access), None).await;
    assert_eq!(
        (mine.body["enabled"].clone(), mine.body["required"].clone()),
        (json!(false), json!(false)),
        "offered to directors: {}",
        mine.text
    );
    app.request(
        Method::POST,
        "/api/v1/me/second-factor/confirm",
        Some(&director.access),
        Some(&json!({"code": "123456"})),
    )
    .await
    .assert_problem(409, "no-second-factor-pending");

    let begun = app.request(Method::POST, "/api/v1/me/second-factor", Some(&director.access), None).await;
    assert_eq!(begun.status, 200, "{}", begun.text);
    let secret = begun.body["secret"].as_str().unwrap().to_string();
    assert!(begun.body["otpauth_url"].as_str().unwrap().starts_with("otpauth://totp/Senkoi:"));
    assert!(begun.body["qr_svg"].as_str().unwrap().starts_with("<svg"));
    assert!(!app.stored_in_clear(&secret).await, "the secret is sealed at rest");
    let phone = Authenticator::from_base32(&secret, &director.email).unwrap();
    let now = || app.clock.now();
    let wrong = app
        .request(
            Method::POST,
            "/api/v1/me/second-factor/confirm",
            Some(&director.access),
            Some(&json!({"code": "000000"})),
        )
        .await;
    assert_eq!(
        wrong.assert_problem(422, "validation-failed")["errors"][0]["code"],
        "invalid-second-factor-code"
    );
    // The clock runs on: keep the instant whose code confirmed, so "used" is that very code even
    // when a 30-second step ends between here and its reuse.
    let confirmed_at = now();
    let confirm = json!({"code": phone.code_at(confirmed_at)});
    let confirmed = app
        .request(Method::POST, "/api/v1/me/second-factor/confirm", Some(&director.access), Some(&confirm))
        .await;
    let codes: Vec<String> = confirmed.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().into())
        .collect();
    assert_eq!(codes.len(), 10, "{}", confirmed.text);
    for code in &codes {
        assert!(!app.stored_in_clear(code).await && !app.stored_in_clear(&code.replace('-', "")).await);
    }

    sign_in(&app, &director.email, None).await.assert_problem(401, "second-factor-required");
    sign_in(&app, &director.email, Some("000000")).await.assert_problem(401, "invalid-second-factor");
    let used = phone.code_at(confirmed_at);
    sign_in(&app, &director.email, Some(&used)).await.assert_problem(401, "invalid-second-factor");
    let next = phone.code_at(now() + chrono::Duration::seconds(30));
    let session = sign_in(&app, &director.email, Some(&next)).await;
    assert_eq!(
        (session.status.as_u16(), session.body["second_factor_setup"].clone()),
        (200, json!(false)),
        "{}",
        session.text
    );
    sign_in(&app, &director.email, Some(&next)).await.assert_problem(401, "invalid-second-factor");
    // A recovery code, however typed, once.
    let typed = codes[0].to_uppercase().replace('-', " ");
    assert_eq!(sign_in(&app, &director.email, Some(&typed)).await.status, 200);
    sign_in(&app, &director.email, Some(&codes[0])).await.assert_problem(401, "invalid-second-factor");
    let mine = app.request(Method::GET, "/api/v1/me/second-factor", Some(&token(&session)), None).await;
    assert_eq!(
        (mine.body["enabled"].clone(), mine.body["recovery_codes_left"].clone()),
        (json!(true), json!(9))
    );
    app.request(Method::POST, "/api/v1/me/second-factor", Some(&token(&session)), None)
        .await
        .assert_problem(409, "second-factor-enabled");
    // A wrong code counts as a failed sign-in, password right or not.
    for _ in 0..4 {
        sign_in(&app, &director.email, Some("999999")).await.assert_problem(401, "invalid-second-factor");
    }
    let later = phone.code_at(now() + chrono::Duration::seconds(30));
    sign_in(&app, &director.email, Some(&later)).await.assert_problem(429, "too-many-attempts");
}

#[tokio::test]
async fn an_admin_reaches_nothing_but_the_set_up_until_it_is_done() {
    let app = spawn_app().await;
    let first = app.staff("admin").await;
    let body = json!({"email": "second@example.jp", "name": "二人目", "role": "admin"});
    assert_eq!(
        app.request(Method::POST, "/api/v1/staff", Some(&first.access), Some(&body)).await.status,
        201
    );
    let mail = app.mail.wait_for("second@example.jp", "機構 管理者アカウント").await;
    let link = mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    let confirm = json!({"token": link, "password": STAFF_PASSWORD});
    assert_eq!(app.post("/api/v1/auth/password-reset/confirm", None, &confirm).await.status, 204);

    let session = sign_in(&app, "second@example.jp", None).await;
    assert_eq!(session.body["second_factor_setup"], true, "{}", session.text);
    let access = token(&session);
    for path in ["/api/v1/staff", "/api/v1/audit-events", "/api/v1/programs"] {
        app.request(Method::GET, path, Some(&access), None)
            .await
            .assert_problem(403, "second-factor-setup-required");
    }
    let mine = app.request(Method::GET, "/api/v1/me/second-factor", Some(&access), None).await;
    assert_eq!((mine.body["required"].clone(), mine.body["enabled"].clone()), (json!(true), json!(false)));
    let enrolled = app.set_up_second_factor(&access, "second@example.jp").await;
    let phone = Authenticator::from_base32(&enrolled.secret, "second@example.jp").unwrap();
    let code = phone.code_at(app.clock.now() + chrono::Duration::seconds(30));
    let session = sign_in(&app, "second@example.jp", Some(&code)).await;
    assert_eq!(session.body["second_factor_setup"], false, "{}", session.text);
    assert_eq!(app.request(Method::GET, "/api/v1/staff", Some(&token(&session)), None).await.status, 200);
}

#[tokio::test]
async fn an_admin_resets_another_staff_members_second_factor_and_their_sessions_end() {
    let app = spawn_app().await;
    let admin = app.staff("admin").await;
    let officer = app.staff("consultation-officer").await;
    let session = sign_in(&app, &officer.email, Some(&app.second_factor_code(&officer).await)).await;
    let refresh = session.body["refresh_token"].as_str().unwrap().to_string();
    let staff =
        app.request(Method::GET, "/api/v1/staff?role=consultation-officer", Some(&admin.access), None).await;
    assert_eq!(staff.body["items"][0]["second_factor"], true, "{}", staff.text);

    let reset = app
        .request(
            Method::POST,
            &format!("/api/v1/staff/{}/second-factor/reset", officer.id),
            Some(&admin.access),
            None,
        )
        .await;
    assert_eq!(reset.body["second_factor"], false, "{}", reset.text);
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    // Signed in again with the password alone, the officer reaches only the set-up.
    let again = sign_in(&app, &officer.email, None).await;
    assert_eq!(again.body["second_factor_setup"], true, "{}", again.text);
    app.request(Method::GET, "/api/v1/consultations", Some(&token(&again)), None)
        .await
        .assert_problem(403, "second-factor-setup-required");

    app.request(
        Method::POST,
        &format!("/api/v1/staff/{}/second-factor/reset", admin.id),
        Some(&admin.access),
        None,
    )
    .await
    .assert_problem(409, "cannot-reset-own-second-factor");
    app.request(
        Method::POST,
        &format!("/api/v1/staff/{}/second-factor/reset", admin.id),
        Some(&officer.access),
        None,
    )
    .await
    .assert_problem(403, "second-factor-setup-required");
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("staff.second-factor-reset"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].actor_id.as_deref(), events[0].entity_id.as_deref()),
        (Some(admin.id.as_str()), Some(officer.id.as_str()))
    );
}

#[tokio::test]
async fn a_demo_server_offers_the_second_factor_and_requires_it_of_nobody() {
    let app = spawn_app_configured(|s| s.demo = true).await;
    let admin = app.staff("admin").await;
    assert!(admin.second_factor.is_none(), "no set-up was asked");
    assert_eq!(app.request(Method::GET, "/api/v1/staff", Some(&admin.access), None).await.status, 200);
    let mine = app.request(Method::GET, "/api/v1/me/second-factor", Some(&admin.access), None).await;
    assert_eq!(mine.body["required"], Value::Bool(false));
}
