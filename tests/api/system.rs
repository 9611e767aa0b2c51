//! Health, sign-in, roles, and serving the SPA.

use reqwest::Method;
use senkoi_tests::{spawn_app, spawn_app_serving};
use serde_json::json;

#[tokio::test]
async fn health_answers_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let answer = app.get("/api/health").await;
    assert_eq!(answer.status, 200);
    // Alone, the health check is the one request in flight (every request is counted).
    assert_eq!(answer.body, json!({"status": "ok", "database": "ok", "in_flight": 1}));
}

#[tokio::test]
async fn every_answer_carries_its_request_id_even_an_error() {
    let app = spawn_app().await;
    for path in ["/api/health", "/api/v1/nothing-here"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert_eq!(id.len(), 36, "{path} answers with a request id, got {id:?}");
    }
}

#[tokio::test]
async fn a_refusal_is_one_access_line_not_an_error_event() {
    let recording = senkoi_tests::logs::Recording::start();
    let app = spawn_app().await;
    let marker = format!("no-such-specialty-{}", uuid::Uuid::new_v4().simple());
    let refused = app.get(&format!("/api/v1/statistics/prefectures?specialty={marker}")).await;
    refused.assert_problem(400, "invalid-query");
    let request_id = refused.headers["x-request-id"].to_str().unwrap().to_string();
    let logged = recording.text();
    let lines: Vec<&str> = logged.lines().filter(|line| line.contains(&request_id)).collect();
    assert!(lines.iter().any(|l| l.contains("answered") && l.contains("status=400")), "{lines:#?}");
    assert!(
        lines.iter().all(|l| !l.contains("WARN") && !l.contains("ERROR")),
        "a refusal the API answers as designed is no warning or error in the log (at noon, thousands): {lines:#?}"
    );
}

#[tokio::test]
async fn login_with_a_wrong_password_is_refused_the_same_as_an_unknown_login() {
    let app = spawn_app().await;
    app.admin_token().await;
    let unknown = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&json!({"login": "nobody@senkoi.test", "password": "whatever1"})),
        )
        .await;
    unknown.assert_problem(401, "invalid-credentials");
    let wrong = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&json!({"login": "ADMIN@senkoi.test", "password": "TestPassw0rd"})),
        )
        .await;
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
}

#[tokio::test]
async fn login_answers_tokens_and_the_role() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    assert_eq!(token.split('.').count(), 3, "a JWT");
    let director = app.staff_token("director").await;
    assert_ne!(token, director);
}

#[tokio::test]
async fn a_forged_or_missing_token_is_401_and_a_wrong_role_is_403() {
    let app = spawn_app().await;
    let body = json!({"name": "テスト病院", "prefecture": "13"});
    app.request(Method::POST, "/api/v1/facilities", None, Some(&body))
        .await
        .assert_problem(401, "unauthenticated");
    app.request(Method::POST, "/api/v1/facilities", Some("not.a.token"), Some(&body))
        .await
        .assert_problem(401, "invalid-token");
    let director = app.staff_token("director").await;
    app.request(Method::POST, "/api/v1/facilities", Some(&director), Some(&body))
        .await
        .assert_problem(403, "forbidden");
    let admin = app.admin_token().await;
    assert_eq!(app.request(Method::POST, "/api/v1/facilities", Some(&admin), Some(&body)).await.status, 201);
}

#[tokio::test]
async fn admin_writes_leave_an_audit_event() {
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app
        .request(
            Method::POST,
            "/api/v1/facilities",
            Some(&admin),
            Some(&json!({"name": "監査病院", "prefecture": "01"})),
        )
        .await;
    let events = senkoi_api::entities::audit_event::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action.code(), "facility.created");
    assert_eq!(events[0].entity_id.as_deref(), created.body["id"].as_str());
}

#[tokio::test]
async fn the_spa_is_served_at_the_root_with_index_html_for_its_routes() {
    let dir = std::env::temp_dir().join(format!("senkoi-spa-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>spa-index</title>").unwrap();
    std::fs::write(dir.join("style.css"), "body{}").unwrap();
    let app = spawn_app_serving(Some(dir.clone())).await;
    for path in ["/", "/programs", "/programs/some-id", "/schedule?year=2024"] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.text.contains("spa-index"), "{path} serves index.html");
    }
    assert_eq!(app.get("/style.css").await.text, "body{}");
    app.get("/api/v1/unknown").await.assert_problem(404, "not-found");
    std::fs::remove_dir_all(dir).ok();
}
