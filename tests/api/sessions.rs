//! Sessions and the front door: login by user ID or email, refresh rotation with reuse detection,
//! logout, the access token's checks, throttling, reminders and resets, security headers.

use chrono::Duration;
use reqwest::Method;
use senkoi_tests::{RESIDENT_PASSWORD, spawn_app, spawn_app_configured};
use serde_json::json;

#[tokio::test]
async fn a_resident_signs_in_with_the_user_id_and_staff_with_their_email() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let tokens = app.login(&resident.user_id.to_lowercase(), RESIDENT_PASSWORD).await;
    assert_eq!((tokens["role"].as_str(), tokens["token_type"].as_str()), (Some("resident"), Some("Bearer")));
    assert_eq!(tokens["expires_in"], 900);
    // An email is a staff login, never a resident's.
    app.post("/api/v1/auth/login", None, &json!({"login": "me@example.jp", "password": RESIDENT_PASSWORD}))
        .await
        .assert_problem(401, "invalid-credentials");
    let admin = app.admin_token().await;
    assert_eq!(app.request(Method::GET, "/api/v1/rounds", Some(&admin), None).await.status, 200);
}

#[tokio::test]
async fn a_wrong_password_for_a_known_account_is_answered_exactly_as_an_unknown_account() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let known = app
        .post("/api/v1/auth/login", None, &json!({"login": resident.user_id, "password": "Wrong2024"}))
        .await;
    let unknown =
        app.post("/api/v1/auth/login", None, &json!({"login": "S0000000000", "password": "Wrong2024"})).await;
    assert_eq!(known.status, 401, "{}", known.text);
    assert_eq!(unknown.status, 401, "{}", unknown.text);
    known.assert_problem(401, "invalid-credentials");
    assert_eq!(known.body, unknown.body, "same problem, word for word");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_revokes_the_whole_session() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let first = app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": resident.refresh})).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let second_refresh = first.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(second_refresh, resident.refresh);
    let me = app.request(Method::GET, "/api/v1/me", first.body["access_token"].as_str(), None).await;
    assert_eq!(me.status, 200);
    // The first token again: a replay. It fails, and so does the token that replaced it.
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": resident.refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": second_refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    // Another session of the same resident is untouched.
    let other = app.login(&resident.user_id, RESIDENT_PASSWORD).await;
    let refreshed =
        app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": other["refresh_token"]})).await;
    assert_eq!(refreshed.status, 200);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let out = app.post("/api/v1/auth/logout", None, &json!({"refresh_token": resident.refresh})).await;
    assert_eq!(out.status, 204);
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": resident.refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
}

#[tokio::test]
async fn an_access_token_expires_by_the_application_clock_and_401_says_bearer() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let response = app.client.get(format!("{}/api/v1/me", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");

    app.set_now(chrono::Utc::now() + Duration::minutes(16));
    let response = app
        .client
        .get(format!("{}/api/v1/me", app.address))
        .bearer_auth(&resident.access)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer error=\"invalid_token\"");
    let forged = format!("{}x", &resident.access[..resident.access.len() - 1]);
    app.set_now(chrono::Utc::now());
    app.request(Method::GET, "/api/v1/me", Some(&forged), None).await.assert_problem(401, "invalid-token");
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account_without_telling_whether_it_exists() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    for login in [resident.user_id.as_str(), "S0000000000"] {
        for _ in 0..5 {
            let wrong =
                app.post("/api/v1/auth/login", None, &json!({"login": login, "password": "Wrong2024"})).await;
            wrong.assert_problem(401, "invalid-credentials");
        }
    }
    for login in [resident.user_id.as_str(), "S0000000000"] {
        let response = app
            .client
            .post(format!("{}/api/v1/auth/login", app.address))
            .json(&json!({"login": login, "password": RESIDENT_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 429, "{login}: even the right password waits");
        let wait: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=900).contains(&wait), "{wait}");
    }
    app.set_now(chrono::Utc::now() + Duration::minutes(16));
    app.login(&resident.user_id, RESIDENT_PASSWORD).await;
}

#[tokio::test]
async fn failed_logins_are_throttled_per_client_address_across_accounts() {
    let app = spawn_app_configured(|s| s.login_failures_per_source = 20).await;
    for n in 0..20 {
        let login = format!("nobody{n}@example.jp");
        app.post("/api/v1/auth/login", None, &json!({"login": login, "password": "Wrong2024"}))
            .await
            .assert_problem(401, "invalid-credentials");
    }
    app.post("/api/v1/auth/login", None, &json!({"login": "someone@example.jp", "password": "Wrong2024"}))
        .await
        .assert_problem(429, "too-many-attempts");
}

#[tokio::test]
async fn requests_that_send_mail_are_throttled_per_client_address() {
    let app = spawn_app_configured(|s| s.mail_requests_per_source = 10).await;
    let paths = ["/api/v1/registrations", "/api/v1/auth/user-id-reminder"];
    for n in 0..10 {
        let answer = app.post(paths[n % 2], None, &json!({"email": format!("p{n}@example.jp")})).await;
        assert_eq!(answer.status, 202, "{}", answer.text);
    }
    let answer = app.post("/api/v1/auth/password-reset", None, &json!({"login": "p@example.jp"})).await;
    answer.assert_problem(429, "too-many-requests");
}

#[tokio::test]
async fn a_password_reset_link_works_once_within_an_hour_and_ends_every_session() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let app = &app;
    let ask = |login: String| async move {
        app.post("/api/v1/auth/password-reset", None, &json!({"login": login})).await
    };
    assert_eq!(ask(resident.user_id.clone()).await.status, 202);
    assert_eq!(ask("S0000000000".into()).await.status, 202, "unknown: the same answer");
    let mail = app.mail.wait_for("me@example.jp", "パスワード再設定").await;
    let token =
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();

    let confirm = |password: &str| json!({"token": token, "password": password});
    app.post("/api/v1/auth/password-reset/confirm", None, &confirm("abc"))
        .await
        .assert_problem(422, "validation-failed");
    let done = app.post("/api/v1/auth/password-reset/confirm", None, &confirm("NewPass2025")).await;
    assert_eq!(done.status, 204, "{}", done.text);
    app.post("/api/v1/auth/password-reset/confirm", None, &confirm("Other2025"))
        .await
        .assert_problem(410, "link-used");
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": resident.refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    app.post("/api/v1/auth/login", None, &json!({"login": resident.user_id, "password": RESIDENT_PASSWORD}))
        .await
        .assert_problem(401, "invalid-credentials");
    app.login(&resident.user_id, "NewPass2025").await;
    app.mail.wait_for("me@example.jp", "パスワードを変更").await;

    // A second link, used too late.
    assert_eq!(ask("me@example.jp".into()).await.status, 202);
    let mail = app.mail.wait_for_nth("me@example.jp", "パスワード再設定", 2).await;
    let late = mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    app.set_now(chrono::Utc::now() + Duration::minutes(61));
    app.post("/api/v1/auth/password-reset/confirm", None, &json!({"token": late, "password": "Later2025"}))
        .await
        .assert_problem(410, "link-expired");
}

#[tokio::test]
async fn staff_reset_their_password_through_the_same_link() {
    let app = spawn_app().await;
    let admin = app.staff("admin").await;
    let email = admin.email.clone();
    assert_eq!(
        app.post("/api/v1/auth/password-reset", None, &json!({"login": email.to_uppercase()})).await.status,
        202
    );
    let mail = app.mail.wait_for(&email, "パスワード再設定").await;
    let token =
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    let done = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "board-2025 reset here"}),
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.text);
    // The password is new; the second factor is the one the admin had.
    let code = app.second_factor_code(&admin).await;
    let body = json!({"login": email, "password": "board-2025 reset here", "code": code});
    assert_eq!(app.post("/api/v1/auth/login", None, &body).await.body["role"], "admin");
}

#[tokio::test]
async fn a_forgotten_user_id_is_mailed_to_the_registered_address_only() {
    let app = spawn_app().await;
    let resident = app.resident("me@example.jp", "1234567").await;
    let known = app.post("/api/v1/auth/user-id-reminder", None, &json!({"email": "me@example.jp"})).await;
    let unknown = app.post("/api/v1/auth/user-id-reminder", None, &json!({"email": "who@example.jp"})).await;
    assert_eq!((known.status.as_u16(), unknown.status.as_u16()), (202, 202));
    assert_eq!(known.body, unknown.body);
    let mail = app.mail.wait_for("me@example.jp", "ユーザIDのお知らせ").await;
    assert!(mail.body.contains(&resident.user_id));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(app.mail.mails_to("who@example.jp").is_empty());
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/api/health", "/api/v1/nothing-here", "/api/v1/me", "/"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
    let me = app.client.get(format!("{}/api/v1/me", app.address)).send().await.unwrap();
    assert_eq!(me.headers()["cache-control"], "no-store");
    assert!(me.headers().get("strict-transport-security").is_none(), "not over plain HTTP");
    let docs = app.client.get(format!("{}/api/docs/", app.address)).send().await.unwrap();
    let csp = docs.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("'unsafe-inline'"), "the docs' own policy: {csp}");
}

#[tokio::test]
async fn an_https_deployment_answers_with_hsts_and_keeps_the_docs_policy_to_the_docs() {
    let app = spawn_app_configured(|s| s.public_url = "https://senkoi.example.jp".into()).await;
    for path in ["/api/health", "/api/v1/nothing-here", "/", "/api/docs/", "/api/docsx"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        let headers = response.headers();
        assert_eq!(headers["strict-transport-security"], "max-age=31536000", "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert_eq!(csp.contains("'unsafe-inline'"), path == "/api/docs/", "{path}: {csp}");
    }
}
