//! The societies' sandbox on a demo server: a society makes test applications in its specialty,
//! sees them in its feed and at its webhooks, and clears them; on any other server it is 404.
//! The demo's own society client works as the README's walk-through says.

use reqwest::Method;
use senkoi_tests::receiver::Receiver;
use senkoi_tests::{TestApp, spawn_app, spawn_app_configured};
use serde_json::{Value, json};

use crate::society_feeds::{seal, society_client, society_token};

/// A demo server with two internal-medicine programs of 2024 and the 2024 schedule; answers the
/// app, the admin's token and the first round's id.
async fn demo_server() -> (TestApp, String, String) {
    let app = spawn_app_configured(|s| s.demo = true).await;
    // Inside the first round's application period.
    app.set_now(senkoi_domain::time::noon_jst(2023, 11, 5));
    let admin = app.admin_token().await;
    let facility = app.facility(&admin, "城南病院", "27").await;
    for name in ["城南 内科 A", "城南 内科 B"] {
        let body = json!({"name": name, "specialty": "internal-medicine", "year": 2024, "base_facility_id": facility, "capacity": 2});
        assert_eq!(app.post("/api/v1/programs", Some(&admin), &body).await.status, 201);
    }
    let rounds = app.schedule_2024(&admin).await;
    let first = rounds.iter().find(|(s, _)| s.kind == senkoi_domain::RoundKind::First).unwrap().1.clone();
    (app, admin, first)
}

#[tokio::test]
async fn a_society_tries_its_integration_with_test_applications_and_clears_them() {
    let (app, admin, first) = demo_server().await;
    let (client_id, secret, _) = society_client(&app, &admin, "internal-medicine").await;
    let society = society_token(&app, &client_id, &secret).await;
    let receiver = Receiver::start(&[]).await;
    let hook = json!({"url": receiver.url("/sandbox"), "events": ["application.submitted"]});
    assert_eq!(app.post("/api/v1/society/webhook-endpoints", Some(&society), &hook).await.status, 201);

    let made = app
        .post("/api/v1/society/sandbox/applications", Some(&society), &json!({"round_id": first, "count": 3}))
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let applications = made.body["applications"].as_array().unwrap();
    assert_eq!(applications.len(), 3);
    let programs: std::collections::HashSet<&str> =
        applications.iter().map(|a| a["program_id"].as_str().unwrap()).collect();
    assert_eq!(programs.len(), 2, "to the programs in turn");
    assert!(applications.iter().all(|a| a["status"] == "applied" && a["round_id"] == json!(first)));
    seal(&app).await;
    let feed = app.request(Method::GET, "/api/v1/society/applications", Some(&society), None).await;
    assert_eq!(feed.body["items"].as_array().unwrap().len(), 3, "{}", feed.text);
    assert_eq!(receiver.wait_for(3).await.len(), 3, "and at the webhooks");

    let (other_id, other_secret, _) = society_client(&app, &admin, "urology").await;
    let other = society_token(&app, &other_id, &other_secret).await;
    let none = app
        .post("/api/v1/society/sandbox/applications", Some(&other), &json!({"round_id": first, "count": 1}))
        .await;
    none.assert_problem(409, "program-not-recruiting");
    let cleared_by_other =
        app.request(Method::DELETE, "/api/v1/society/sandbox/applications", Some(&other), None).await;
    assert_eq!(cleared_by_other.body, json!({"applications": 0, "residents": 0}), "only its own");
    for (body, field) in [
        (json!({"round_id": first, "count": 0}), "count"),
        (json!({"round_id": "nope", "count": 1}), "round_id"),
    ] {
        let refused = app.post("/api/v1/society/sandbox/applications", Some(&society), &body).await;
        assert_eq!(refused.assert_problem(422, "validation-failed")["errors"][0]["field"], field);
    }

    let cleared =
        app.request(Method::DELETE, "/api/v1/society/sandbox/applications", Some(&society), None).await;
    assert_eq!(cleared.body, json!({"applications": 3, "residents": 3}), "{}", cleared.text);
    let program = applications[0]["program_id"].as_str().unwrap();
    let detail = app.get(&format!("/api/v1/programs/{program}?round={first}")).await;
    assert_eq!(detail.body["applicant_count"], 0, "nothing is left of them");
}

#[tokio::test]
async fn the_sandbox_is_not_there_on_a_server_that_is_not_a_demo() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (client_id, secret, _) = society_client(&app, &admin, "internal-medicine").await;
    let society = society_token(&app, &client_id, &secret).await;
    let body = json!({"round_id": "x", "count": 1});
    app.post("/api/v1/society/sandbox/applications", Some(&society), &body)
        .await
        .assert_problem(404, "not-found");
    app.request(Method::DELETE, "/api/v1/society/sandbox/applications", Some(&society), None)
        .await
        .assert_problem(404, "not-found");
}

#[tokio::test]
async fn the_demo_society_signs_in_with_its_published_credentials() {
    let app = spawn_app().await;
    app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    let token =
        society_token(&app, senkoi_api::demo::SOCIETY_CLIENT_ID, senkoi_api::demo::SOCIETY_CLIENT_SECRET)
            .await;
    seal(&app).await;
    let programs = app.request(Method::GET, "/api/v1/society/programs?limit=500", Some(&token), None).await;
    let items: Vec<Value> = programs.body["items"].as_array().unwrap().clone();
    assert!(!items.is_empty(), "{}", programs.text);
    assert!(items.iter().all(|p| p["program"]["specialty"] == "internal-medicine"));
}
