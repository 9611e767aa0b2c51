//! Every error is problem+json with a stable code: unknown routes, wrong methods, malformed JSON,
//! wrong types, oversized bodies, bad paging — and nothing half-written.

use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use senkoi_tests::spawn_app;
use serde_json::json;

#[tokio::test]
async fn an_unknown_api_route_is_a_404_problem() {
    let app = spawn_app().await;
    app.get("/api/v1/no-such-thing").await.assert_problem(404, "not-found");
    app.get("/api/no-such-thing").await.assert_problem(404, "not-found");
    app.get("/api/v1/programs/00000000-0000-0000-0000-000000000000").await.assert_problem(404, "not-found");
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let app = spawn_app().await;
    app.request(Method::PUT, "/api/v1/specialties", None, None)
        .await
        .assert_problem(405, "method-not-allowed");
    app.request(Method::DELETE, "/api/health", None, None).await.assert_problem(405, "method-not-allowed");
}

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.post_raw("/api/v1/facilities", Some(&admin), "application/json", b"{\"name\": ".to_vec())
        .await
        .assert_problem(400, "malformed-json");
}

#[tokio::test]
async fn a_wrong_type_is_a_422_problem() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&json!({"year": "二〇二四"})))
        .await
        .assert_problem(422, "invalid-body");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415_problem() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.post_raw("/api/v1/facilities", Some(&admin), "text/plain", b"hello".to_vec())
        .await
        .assert_problem(415, "unsupported-media-type");
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let name = "病".repeat(200_000);
    let body = serde_json::to_vec(&json!({"name": name, "prefecture": "13"})).unwrap();
    app.post_raw("/api/v1/facilities", Some(&admin), "application/json", body)
        .await
        .assert_problem(413, "payload-too-large");
    assert_eq!(senkoi_api::entities::facility::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn bad_paging_is_a_400_problem() {
    let app = spawn_app().await;
    app.get("/api/v1/programs?per_page=201").await.assert_problem(400, "invalid-paging");
    app.get("/api/v1/programs?page=0").await.assert_problem(400, "invalid-paging");
    // A page so far out that its offset would overflow is refused, never a crash.
    for list in ["programs", "rounds", "facilities", "announcements"] {
        app.get(&format!("/api/v1/{list}?page=9223372036854775808"))
            .await
            .assert_problem(400, "invalid-paging");
        assert_eq!(app.get(&format!("/api/v1/{list}?page=1000000")).await.status, 200, "{list}");
    }
    app.get("/api/v1/facilities?prefecture=99").await.assert_problem(400, "invalid-query");
    app.get("/api/v1/programs?page=first").await.assert_problem(400, "invalid-query");
}

#[tokio::test]
async fn an_invalid_field_is_a_422_problem_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let answer = app
        .request(
            Method::POST,
            "/api/v1/facilities",
            Some(&admin),
            Some(&json!({"name": "病院", "prefecture": "48"})),
        )
        .await;
    let body = answer.assert_problem(422, "validation-failed");
    assert_eq!(body["errors"][0]["field"], "prefecture");
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| !m.is_ascii()), "a Japanese message");
}

#[tokio::test]
async fn a_body_of_another_shape_than_the_documents_is_a_422_problem_and_nothing_changes() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = json!({"name": "城北病院", "prefecture": "13"});
    let made = app.request(Method::POST, "/api/v1/facilities", Some(&admin), Some(&body)).await;
    assert_eq!(made.status, 201, "{}", made.text);
    let path = format!("/api/v1/facilities/{}", made.body["id"].as_str().unwrap());
    // serde alone reads a struct from an array of its fields in order; the document says object.
    for wrong in [json!(["城南病院", "14"]), json!([]), json!("城南病院"), json!(5), json!(null)] {
        let answer = app.request(Method::PATCH, &path, Some(&admin), Some(&wrong)).await;
        answer.assert_problem(422, "invalid-body");
    }
    let decisions = json!({"decisions": [["00000000-0000-0000-0000-000000000000", "accepted"]]});
    app.request(Method::PUT, "/api/v1/applications/decisions", Some(&admin), Some(&decisions))
        .await
        .assert_problem(422, "invalid-body");
    assert_eq!(app.get(&path).await.body, made.body, "the facility is as it was");
}
