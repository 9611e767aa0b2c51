//! The consultation desk (専攻医相談窓口): anyone files; only consultation officers read and answer
//! (every other role, the board's admin included, finds nothing); the reporter follows with a
//! private key; the words are never in the database in clear, in the logs, in the audit log or
//! in mail.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::audit_event;
use senkoi_tests::logs::Recording;
use senkoi_tests::spawn_app;
use serde_json::json;

use crate::society_feeds::{society_client, society_token};

#[tokio::test]
async fn only_officers_read_a_consultation_and_its_words_are_kept_nowhere_in_clear() {
    let recording = Recording::start();
    let app = spawn_app().await;
    let officer = app.staff("consultation-officer").await;
    let admin = app.staff("admin").await;
    // A marker no other test writes: the names the seed promises never leak.
    let marker = format!("城北第一病院の鈴木部長{}", uuid::Uuid::new_v4().simple());
    let words = format!("{marker}から毎日のように叱責を受けています。");

    let bad = app.post("/api/v1/consultations", None, &json!({"category": "bullying", "body": " "})).await;
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["category", "body"], "{}", bad.text);
    let filed =
        app.post("/api/v1/consultations", None, &json!({"category": "harassment", "body": words})).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let id = filed.body["id"].as_str().unwrap().to_string();
    let key = filed.body["follow_token"].as_str().unwrap().to_string();
    assert!(filed.body["follow_url"].as_str().unwrap().ends_with(&format!("/consultation/follow#{key}")));

    // The officer hears that something arrived, and nothing more.
    let mail = app.mail.wait_for(&officer.email, "新しい相談").await;
    assert!(!mail.raw.contains(&marker) && !mail.raw.contains("鈴木"), "{}", mail.raw);

    // Nobody but an officer finds the desk's consultations.
    let (client_id, secret, _) = society_client(&app, &admin.access, "internal-medicine").await;
    let society = society_token(&app, &client_id, &secret).await;
    let resident = app.resident("reporter@example.jp", "1234567").await;
    let director = app.staff("director").await;
    for token in [&admin.access, &director.access, &resident.access, &society] {
        for path in ["/api/v1/consultations".to_string(), format!("/api/v1/consultations/{id}")] {
            app.request(Method::GET, &path, Some(token), None).await.assert_problem(404, "not-found");
        }
        let answer = app
            .request(
                Method::POST,
                &format!("/api/v1/consultations/{id}/messages"),
                Some(token),
                Some(&json!({"body": "x"})),
            )
            .await;
        answer.assert_problem(404, "not-found");
    }

    let inbox = app.request(Method::GET, "/api/v1/consultations", Some(&officer.access), None).await;
    assert_eq!(inbox.body["items"][0]["id"], id.as_str(), "{}", inbox.text);
    assert_eq!(
        (inbox.body["items"][0]["status"].clone(), inbox.body["items"][0]["message_count"].clone()),
        (json!("open"), json!(1))
    );
    assert!(!inbox.text.contains(&marker), "the inbox lists, it does not read");
    let read =
        app.request(Method::GET, &format!("/api/v1/consultations/{id}"), Some(&officer.access), None).await;
    assert_eq!(read.body["messages"][0]["body"], words.as_str(), "{}", read.text);
    let reads = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("consultation.read"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(reads.len(), 1);
    assert_eq!(
        (reads[0].actor_id.as_deref(), reads[0].entity_id.as_deref()),
        (Some(officer.id.as_str()), Some(id.as_str()))
    );

    let answer = app
        .request(
            Method::POST,
            &format!("/api/v1/consultations/{id}/messages"),
            Some(&officer.access),
            Some(&json!({"body": "ご相談ありがとうございます。委員会で確認します。"})),
        )
        .await;
    assert_eq!(answer.body["status"], "answered", "{}", answer.text);

    // The reporter follows with the key, and only with it.
    let followed = app.post("/api/v1/consultations/follow", None, &json!({"follow_token": key})).await;
    assert_eq!(followed.body["messages"][1]["author"], "officer", "{}", followed.text);
    assert_eq!(followed.body["messages"][1]["body"], "ご相談ありがとうございます。委員会で確認します。");
    app.post("/api/v1/consultations/follow", None, &json!({"follow_token": "guessed"}))
        .await
        .assert_problem(404, "not-found");
    // Past the few minutes in which the officers' notices about one consultation are one.
    app.set_now(chrono::Utc::now() + chrono::Duration::minutes(6));
    let more = app
        .post(
            "/api/v1/consultations/follow/messages",
            None,
            &json!({"follow_token": key, "body": format!("追記：{marker}")}),
        )
        .await;
    assert_eq!(
        (more.body["status"].clone(), more.body["messages"].as_array().unwrap().len()),
        (json!("open"), 3)
    );
    app.mail.wait_for_nth(&officer.email, "新しい相談", 2).await;

    // Nowhere in clear: not in any table (messages, audit details, the mail outbox), not in a log.
    assert!(!app.stored_in_clear(&marker).await, "the words are stored in clear");
    assert!(!app.stored_in_clear("鈴木部長").await);
    assert!(!app.stored_in_clear(&key).await, "the follow key is kept only as its hash");
    let logged = recording.text();
    assert!(logged.contains("consultations"), "the recording saw the requests");
    assert!(!logged.contains(&marker) && !logged.contains(&key), "a log holds the words or the key");
    for event in audit_event::Entity::find().all(&app.db).await.unwrap() {
        assert!(!event.detail.contains("鈴木") && !event.detail.contains(&key), "{}", event.detail);
    }
}
