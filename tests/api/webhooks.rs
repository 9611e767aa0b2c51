//! Societies' webhooks: endpoints registered by the society's own system, deliveries signed by
//! the Standard Webhooks scheme from the outbox, retried with backoff after a failure, logged and
//! replayable; targets inside the board's network refused unless the setting allows them.

use chrono::Duration;
use reqwest::Method;
use senkoi_api::webhooks::signature;
use senkoi_tests::receiver::{Received, Receiver};
use senkoi_tests::{TestApp, spawn_app_configured};
use serde_json::{Value, json};

use crate::board::board;
use crate::society_feeds::{society_client, society_token};

async fn register(app: &TestApp, token: &str, url: &str, events: &[&str]) -> senkoi_tests::Answer {
    app.post("/api/v1/society/webhook-endpoints", Some(token), &json!({"url": url, "events": events})).await
}

/// The receiver's request checked as a Standard Webhooks library would: answers its body.
fn verified(received: &Received, secret: &str) -> Value {
    let id = received.header("webhook-id").expect("webhook-id");
    let timestamp: i64 = received.header("webhook-timestamp").expect("webhook-timestamp").parse().unwrap();
    let header = received.header("webhook-signature").expect("webhook-signature");
    assert!(
        signature::verify(secret, id, timestamp, received.body.as_bytes(), header),
        "signed: {received:?}"
    );
    assert!(!signature::verify(secret, id, timestamp + 1, received.body.as_bytes(), header), "and only so");
    serde_json::from_str(&received.body).unwrap()
}

#[tokio::test]
async fn deliveries_are_signed_retried_after_a_failure_logged_and_replayed() {
    let b = board().await;
    let app = &b.app;
    let director = app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 2, &director).await;
    let (client_id, secret, client) = society_client(app, &b.admin, "internal-medicine").await;
    let (other_id, other_secret, _) = society_client(app, &b.admin, "pediatrics").await;
    app.set_now(b.first.application.start + Duration::hours(1));
    let society = society_token(app, &client_id, &secret).await;
    let other = society_token(app, &other_id, &other_secret).await;

    let receiver = Receiver::start(&[500]).await;
    let made =
        register(app, &society, &receiver.url("/hooks"), &["application.submitted", "application.withdrawn"])
            .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let endpoint = made.body["id"].as_str().unwrap().to_string();
    let whsec = made.body["secret"].as_str().unwrap().to_string();
    assert!(whsec.starts_with("whsec_"), "{whsec}");
    let listed = app.request(Method::GET, "/api/v1/society/webhook-endpoints", Some(&society), None).await;
    assert_eq!(listed.body[0]["events"], json!(["application.submitted", "application.withdrawn"]));
    assert!(!listed.text.contains(&whsec), "the secret is shown once");
    let elsewhere = Receiver::start(&[]).await;
    assert_eq!(register(app, &other, &elsewhere.url("/"), &["application.submitted"]).await.status, 201);

    let resident = app.resident("hook@example.jp", "0345678").await;
    let applied = app
        .post(
            "/api/v1/applications",
            Some(&resident.access),
            &json!({"program_id": program, "round_id": b.first_id}),
        )
        .await;
    let application = applied.body["id"].as_str().unwrap().to_string();

    // The first attempt fails (500); the retry comes after the backoff, with the same id.
    let first = receiver.wait_for(1).await;
    assert_eq!(first[0].answered, 500);
    let body = verified(&first[0], &whsec);
    assert_eq!(
        (body["type"].clone(), body["data"]["id"].clone()),
        (json!("application.submitted"), json!(application))
    );
    assert_eq!(body["data"]["status"], "applied");
    app.set_now(app.clock.now() + Duration::seconds(11));
    let both = receiver.wait_for(2).await;
    assert_eq!(both[1].answered, 200);
    assert_eq!(both[0].header("webhook-id"), both[1].header("webhook-id"), "a retry keeps its id");
    verified(&both[1], &whsec);
    assert!(elsewhere.received().is_empty(), "another specialty's society hears nothing");

    let society = society_token(app, &client_id, &secret).await;
    let log_path = format!("/api/v1/society/webhook-endpoints/{endpoint}/deliveries");
    let log = app.request(Method::GET, &log_path, Some(&society), None).await;
    assert_eq!(log.status, 200, "{}", log.text);
    let delivery = &log.body["items"][0];
    assert_eq!(
        (delivery["state"].clone(), delivery["event"].clone()),
        (json!("delivered"), json!("application.submitted"))
    );
    let attempts: Vec<Value> = delivery["attempts"].as_array().unwrap().clone();
    assert_eq!(attempts.iter().map(|a| a["status"].clone()).collect::<Vec<_>>(), [json!(500), json!(200)]);
    assert_eq!(delivery["payload"]["data"]["id"], json!(application));

    // Replay sends it again, with the same id.
    let delivery_id = delivery["id"].as_str().unwrap().to_string();
    let replay = format!("/api/v1/society/webhook-deliveries/{delivery_id}/replay");
    let replayed = app.post(&replay, Some(&society), &json!({})).await;
    assert_eq!(replayed.status, 202, "{}", replayed.text);
    let three = receiver.wait_for(3).await;
    assert_eq!(three[2].header("webhook-id"), Some(delivery_id.as_str()));
    verified(&three[2], &whsec);
    app.post(&replay, Some(&other), &json!({})).await.assert_problem(404, "not-found");
    app.request(Method::GET, &log_path, Some(&other), None).await.assert_problem(404, "not-found");

    // The board watches how the client's endpoints fare, without their secrets or payloads.
    let watch = format!("/api/v1/society-clients/{client}/webhook-endpoints");
    let admin = app.admin_token().await;
    let health = app.request(Method::GET, &watch, Some(&admin), None).await;
    assert_eq!(health.status, 200, "{}", health.text);
    assert_eq!(health.body[0]["id"], json!(endpoint));
    assert_eq!(
        (
            health.body[0]["delivered"].clone(),
            health.body[0]["pending"].clone(),
            health.body[0]["failed"].clone()
        ),
        (json!(1), json!(0), json!(0))
    );
    assert!(health.body[0]["last_delivered_at"].is_string());
    assert!(!health.text.contains(&whsec) && !health.text.contains(&application), "no secret, no payload");
    app.request(Method::GET, &watch, Some(&society), None).await.assert_problem(403, "forbidden");

    // Withdrawing tells too; a deleted endpoint hears nothing more.
    let withdrawn = app
        .post(&format!("/api/v1/applications/{application}/withdraw"), Some(&resident.access), &json!({}))
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    let four = receiver.wait_for(4).await;
    assert_eq!(verified(&four[3], &whsec)["type"], "application.withdrawn");
    let path = format!("/api/v1/society/webhook-endpoints/{endpoint}");
    app.request(Method::DELETE, &path, Some(&other), None).await.assert_problem(404, "not-found");
    assert_eq!(app.request(Method::DELETE, &path, Some(&society), None).await.status, 204);
    let again = app
        .post(
            "/api/v1/applications",
            Some(&resident.access),
            &json!({"program_id": program, "round_id": b.first_id}),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.text);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(receiver.received().len(), 4);
}

#[tokio::test]
async fn an_endpoint_must_be_public_https_with_known_events() {
    let app = spawn_app_configured(|s| s.webhooks_allow_local = false).await;
    let admin = app.admin_token().await;
    let (client_id, secret, _) = society_client(&app, &admin, "radiology").await;
    let society = society_token(&app, &client_id, &secret).await;
    for (url, code) in [
        ("http://society.example.jp/hooks", "webhook-url-not-https"),
        ("https://127.0.0.1:8443/hooks", "webhook-url-not-public"),
        ("https://localhost/hooks", "webhook-url-not-public"),
        ("https://10.1.2.3/hooks", "webhook-url-not-public"),
        ("https://169.254.169.254/latest/meta-data", "webhook-url-not-public"),
        ("https://[::1]/hooks", "webhook-url-not-public"),
        ("https://user:pw@society.example.jp/hooks", "invalid-webhook-url"),
    ] {
        let refused = register(&app, &society, url, &["results.released"]).await;
        let error = &refused.assert_problem(422, "validation-failed")["errors"][0];
        assert_eq!((error["field"].clone(), error["code"].clone()), (json!("url"), json!(code)), "{url}");
    }
    let unknown =
        register(&app, &society, "https://society.example.jp/hooks", &["application.created"]).await;
    assert_eq!(
        unknown.assert_problem(422, "validation-failed")["errors"][0]["code"],
        "unknown-webhook-event"
    );
    let none = register(&app, &society, "https://society.example.jp/hooks", &[]).await;
    assert_eq!(none.assert_problem(422, "validation-failed")["errors"][0]["field"], "events");
    let both = register(&app, &society, "http://10.0.0.1/", &[]).await;
    assert_eq!(
        both.assert_problem(422, "validation-failed")["errors"].as_array().unwrap().len(),
        2,
        "every field at once"
    );

    let made = register(&app, &society, "https://society.example.jp/hooks", &["results.released"]).await;
    assert_eq!(made.status, 201, "{}", made.text);
    for _ in 1..10 {
        assert_eq!(
            register(&app, &society, "https://society.example.jp/more", &["results.released"]).await.status,
            201
        );
    }
    register(&app, &society, "https://society.example.jp/more", &["results.released"])
        .await
        .assert_problem(409, "too-many-endpoints");
    let admin_try = register(&app, &admin, "https://society.example.jp/hooks", &["results.released"]).await;
    admin_try.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn results_released_reaches_every_subscribed_society_once() {
    let b = board().await;
    let app = &b.app;
    let (client_id, secret, _) = society_client(app, &b.admin, "anesthesiology").await;
    let society = society_token(app, &client_id, &secret).await;
    let receiver = Receiver::start(&[]).await;
    let made = register(app, &society, &receiver.url("/results"), &["results.released"]).await;
    let whsec = made.body["secret"].as_str().unwrap().to_string();
    let at = b.first.results_at + Duration::seconds(1);
    app.set_now(at);
    senkoi_api::notices::queue_due(&app.db, at, "http://127.0.0.1").await.unwrap();
    receiver.wait_for(1).await;
    senkoi_api::notices::queue_due(&app.db, at, "http://127.0.0.1").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    // Every round whose results are out by now (the researcher course's came earlier), once each.
    let bodies: Vec<Value> = receiver.received().iter().map(|r| verified(r, &whsec)).collect();
    let rounds: Vec<Value> = bodies.iter().map(|b| b["data"]["round_id"].clone()).collect();
    let unique: std::collections::BTreeSet<String> = rounds.iter().map(|r| r.to_string()).collect();
    assert_eq!(unique.len(), rounds.len(), "once each: {rounds:?}");
    let first = bodies
        .iter()
        .find(|body| body["data"]["round_id"] == json!(b.first_id))
        .expect("the first round's results");
    assert_eq!(
        (first["type"].clone(), first["data"]["specialty"].clone()),
        (json!("results.released"), json!("anesthesiology"))
    );
}

#[tokio::test]
async fn revoking_a_client_removes_its_endpoints_and_cancels_what_was_still_to_send() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use senkoi_api::entities::{webhook_delivery, webhook_endpoint};
    let app = spawn_app_configured(|_| {}).await;
    let admin = app.admin_token().await;
    let (client_id, secret, id) = society_client(&app, &admin, "urology").await;
    let society = society_token(&app, &client_id, &secret).await;
    let made = register(&app, &society, "http://127.0.0.1:9/hooks", &["application.submitted"]).await;
    assert_eq!(made.status, 201, "{}", made.text);
    let endpoint = made.body["id"].as_str().unwrap().to_string();
    let shown = made.body["secret"].as_str().unwrap().to_string();
    assert!(!app.stored_in_clear(&shown).await, "the signing secret is sealed at rest");
    due_at(&app, &endpoint, 1, app.clock.now() + Duration::hours(1)).await;

    let path = format!("/api/v1/society-clients/{id}");
    assert_eq!(app.request(Method::DELETE, &path, Some(&admin), None).await.status, 204);
    let pending = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(&endpoint))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((pending.next_attempt_at, pending.failed_at.is_some()), (None, true), "cancelled");
    let row = webhook_endpoint::Entity::find_by_id(endpoint).one(&app.db).await.unwrap().unwrap();
    assert!(row.deleted_at.is_some(), "the endpoint is removed");
    let listed = app.request(Method::GET, &format!("{path}/webhook-endpoints"), Some(&admin), None).await;
    assert_eq!(listed.body, json!([]), "{}", listed.text);
}

#[tokio::test]
async fn a_secret_kept_in_clear_before_sealing_is_sealed_at_start_and_still_signs() {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    use senkoi_api::entities::webhook_endpoint;
    let app = spawn_app_configured(|_| {}).await;
    let admin = app.admin_token().await;
    let (client_id, _, _) = society_client(&app, &admin, "urology").await;
    let client = senkoi_api::entities::society_client::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.client_id == client_id)
        .unwrap();
    let secret = signature::new_secret();
    webhook_endpoint::ActiveModel {
        id: Set("ep-old".into()),
        society_client_id: Set(client.id),
        url: Set("https://society.example.jp/hooks".into()),
        secret: Set(secret.clone()),
        description: Set(None),
        created_at: Set(app.clock.now()),
        deleted_at: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // An upgraded server starts on the database: the secret is sealed, and opens to the same one.
    app.another_process().await;
    let kept =
        webhook_endpoint::Entity::find_by_id("ep-old".to_string()).one(&app.db).await.unwrap().unwrap();
    assert!(!kept.secret.starts_with("whsec_") && !kept.secret.contains(&secret[6..]), "sealed at start");
    let sealing = senkoi_api::sealing::SealingKey::from_base64(&app.settings.consultation_key).unwrap();
    assert_eq!(signature::open(&sealing, "ep-old", &kept.secret).as_deref(), Some(secret.as_str()));
}

/// `count` deliveries due now to `endpoint`, as the outbox writes them.
async fn due(app: &TestApp, endpoint: &str, count: usize) {
    due_at(app, endpoint, count, app.clock.now()).await;
}

/// `count` deliveries to `endpoint` due `at`.
async fn due_at(app: &TestApp, endpoint: &str, count: usize, at: chrono::DateTime<chrono::Utc>) {
    use sea_orm::{ActiveModelTrait, Set};
    for n in 0..count {
        senkoi_api::entities::webhook_delivery::ActiveModel {
            id: Set(senkoi_api::webhooks::outbox::new_message_id()),
            endpoint_id: Set(endpoint.to_string()),
            event: Set(senkoi_domain::webhook::WebhookEvent::ApplicationSubmitted),
            payload: Set(format!("{{\"n\": {n}}}")),
            created_at: Set(app.clock.now()),
            attempts: Set(0),
            next_attempt_at: Set(Some(at)),
            delivered_at: Set(None),
            failed_at: Set(None),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}

/// A society with an endpoint at `url`: answers the endpoint's id.
async fn society_endpoint(app: &TestApp, admin: &str, specialty: &str, url: &str) -> String {
    let (client_id, secret, _) = society_client(app, admin, specialty).await;
    let society = society_token(app, &client_id, &secret).await;
    let made = register(app, &society, url, &["application.submitted"]).await;
    assert_eq!(made.status, 201, "{}", made.text);
    made.body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_slow_society_delays_no_other_societys_deliveries() {
    let app = spawn_app_configured(|_| {}).await;
    let admin = app.admin_token().await;
    let slow = Receiver::start_slow(&[], std::time::Duration::from_secs(14)).await;
    let fast = Receiver::start(&[]).await;
    let slow_endpoint = society_endpoint(&app, &admin, "urology", &slow.url("/slow")).await;
    let fast_endpoint = society_endpoint(&app, &admin, "dermatology", &fast.url("/fast")).await;
    due(&app, &slow_endpoint, 6).await;
    // The slow society's deliveries are under way first.
    slow.wait_for(1).await;
    due(&app, &fast_endpoint, 3).await;
    let started = std::time::Instant::now();
    fast.wait_for(3).await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the other society waited {:?}",
        started.elapsed()
    );
    let in_flight = slow.received().len();
    assert_eq!(
        in_flight,
        senkoi_api::webhooks::worker::PER_ENDPOINT,
        "the slow endpoint gets no more at once than its cap"
    );
}

#[tokio::test]
async fn an_endpoint_that_keeps_failing_has_its_circuit_opened() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use senkoi_api::entities::webhook_delivery;
    use senkoi_api::webhooks::worker::{BREAKER_FAILURES, PER_ENDPOINT};
    let app = spawn_app_configured(|_| {}).await;
    let admin = app.admin_token().await;
    let down = Receiver::start(&[503; 20]).await;
    let endpoint = society_endpoint(&app, &admin, "urology", &down.url("/down")).await;
    due(&app, &endpoint, 10).await;
    down.wait_for(BREAKER_FAILURES as usize).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let tried = down.received().len();
    let most = BREAKER_FAILURES as usize + PER_ENDPOINT - 1;
    assert!(
        (BREAKER_FAILURES as usize..=most).contains(&tried),
        "{tried} attempts before the circuit opened"
    );
    let untouched = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(&endpoint))
        .filter(webhook_delivery::Column::Attempts.eq(0))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(untouched.len(), 10 - tried, "the rest wait, their attempts not spent");
    assert!(untouched.iter().all(|d| d.next_attempt_at.is_some() && d.failed_at.is_none()));
}
