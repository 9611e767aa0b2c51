//! Announcements (インフォメーション) with audiences: the board writes them; everyone reads those
//! for all, residents and directors also theirs, each from its publication instant.

use chrono::Duration;
use reqwest::Method;
use senkoi_tests::spawn_app;
use serde_json::json;

fn titles(body: &serde_json::Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn each_reader_sees_the_announcements_for_everyone_and_for_their_role() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for (title, audience) in [("全員へ", "all"), ("専攻医へ", "residents"), ("統括責任者へ", "directors")]
    {
        let body = json!({"title": title, "body": "本文\n二行目", "audience": audience});
        let created = app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&body)).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.body["audience"], audience);
    }
    let resident = app.resident("reader@example.jp", "1234567").await;
    let director = app.staff_token("director").await;
    let read = |token: Option<String>| {
        let app = &app;
        async move {
            titles(&app.request(Method::GET, "/api/v1/announcements", token.as_deref(), None).await.body)
        }
    };
    let mut everyone = read(None).await;
    everyone.sort();
    assert_eq!(everyone, ["全員へ"]);
    let mut residents = read(Some(resident.access.clone())).await;
    residents.sort();
    assert_eq!(residents, ["全員へ", "専攻医へ"]);
    let mut directors = read(Some(director)).await;
    directors.sort();
    assert_eq!(directors, ["全員へ", "統括責任者へ"]);
    assert_eq!(read(Some(admin)).await.len(), 3, "the board reads every one");
    assert_eq!(read(Some("not-a-token".into())).await, ["全員へ"], "a bad token reads as anyone");
}

#[tokio::test]
async fn only_the_board_writes_announcements_and_each_field_is_checked() {
    let app = spawn_app().await;
    let resident = app.resident("writer@example.jp", "1234567").await;
    let body = json!({"title": "お知らせ", "body": "本文", "audience": "all"});
    app.request(Method::POST, "/api/v1/announcements", Some(&resident.access), Some(&body))
        .await
        .assert_problem(403, "forbidden");
    let admin = app.admin_token().await;
    let bad = json!({"title": "件名\n改行", "body": "", "audience": "all"});
    let refused = app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&bad)).await;
    let errors = refused.assert_problem(422, "validation-failed")["errors"].clone();
    assert_eq!(errors[0]["code"], "invalid-title");
    assert_eq!(errors[1]["code"], "invalid-body-text");
    let unknown = json!({"title": "件名", "body": "本文", "audience": "everyone"});
    app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&unknown))
        .await
        .assert_problem(422, "invalid-body");
}

#[tokio::test]
async fn a_scheduled_announcement_appears_at_its_instant_and_the_board_sees_it_before() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let at = chrono::Utc::now() + Duration::days(2);
    let body =
        json!({"title": "募集開始のお知らせ", "body": "本文", "audience": "residents", "published_at": at});
    let created = app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let resident = app.resident("soon@example.jp", "1234567").await;
    let read = app.request(Method::GET, "/api/v1/announcements", Some(&resident.access), None).await;
    assert!(titles(&read.body).is_empty(), "not yet");
    let board = app.request(Method::GET, "/api/v1/announcements", Some(&admin), None).await;
    assert_eq!(titles(&board.body), ["募集開始のお知らせ"], "the board sees what it scheduled");
    app.set_now(at + Duration::seconds(1));
    let tokens = app.login(&resident.user_id, senkoi_tests::RESIDENT_PASSWORD).await;
    let read = app.request(Method::GET, "/api/v1/announcements", tokens["access_token"].as_str(), None).await;
    assert_eq!(titles(&read.body), ["募集開始のお知らせ"]);
}

#[tokio::test]
async fn the_board_edits_an_announcement_with_its_english_text_and_withdraws_it_from_every_reader() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    // English is a title and a body together, or nothing.
    let half = json!({"title": "2次募集", "body": "本文", "title_en": "Second round", "audience": "all"});
    let refused = app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&half)).await;
    let errors = refused.assert_problem(422, "validation-failed")["errors"].clone();
    assert_eq!(
        (errors[0]["field"].clone(), errors[0]["code"].clone()),
        (json!("body_en"), json!("english-incomplete"))
    );
    assert!(errors[0]["message"].as_str().unwrap().contains("英語の本文"), "{errors}");
    let body = json!({"title": "2次募集", "body": "12月1日から", "audience": "all"});
    let created = app.request(Method::POST, "/api/v1/announcements", Some(&admin), Some(&body)).await;
    assert_eq!(
        (created.status.as_u16(), created.body["title_en"].clone()),
        (201, json!(null)),
        "{}",
        created.text
    );
    let id = created.body["id"].as_str().unwrap().to_string();

    let edited = json!({
        "title": "2次募集のお知らせ", "body": "12月1日正午から", "audience": "all",
        "title_en": " Second round ", "body_en": "From noon on 1 December."
    });
    let path = format!("/api/v1/announcements/{id}");
    let saved = app.request(Method::PUT, &path, Some(&admin), Some(&edited)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(
        (saved.body["title"].clone(), saved.body["title_en"].clone(), saved.body["body_en"].clone()),
        (json!("2次募集のお知らせ"), json!("Second round"), json!("From noon on 1 December."))
    );
    assert!(saved.body["updated_at"].is_string());
    assert_eq!(saved.body["published_at"], created.body["published_at"], "kept when not given");
    let read = app.request(Method::GET, "/api/v1/announcements", None, None).await;
    assert_eq!(read.body["items"][0]["title_en"], "Second round", "everyone reads the edit at once");
    let mut bad = edited.clone();
    bad["body_en"] = json!("");
    app.request(Method::PUT, &path, Some(&admin), Some(&bad)).await.assert_problem(422, "validation-failed");
    let resident = app.resident("reader@example.jp", "1234567").await;
    app.request(Method::PUT, &path, Some(&resident.access), Some(&edited))
        .await
        .assert_problem(403, "forbidden");
    app.request(Method::PUT, "/api/v1/announcements/nothing", Some(&admin), Some(&edited))
        .await
        .assert_problem(404, "not-found");

    // Withdrawn: gone for every reader, kept for the board with its instant; then unchangeable.
    let withdraw = format!("/api/v1/announcements/{id}/withdraw");
    app.request(Method::POST, &withdraw, Some(&resident.access), None).await.assert_problem(403, "forbidden");
    let withdrawn = app.request(Method::POST, &withdraw, Some(&admin), None).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    assert!(withdrawn.body["withdrawn_at"].is_string());
    for token in [None, Some(resident.access.as_str())] {
        let read = app.request(Method::GET, "/api/v1/announcements", token, None).await;
        assert!(titles(&read.body).is_empty(), "{}", read.text);
    }
    let board = app.request(Method::GET, "/api/v1/announcements", Some(&admin), None).await;
    assert_eq!(board.body["items"][0]["withdrawn_at"], withdrawn.body["withdrawn_at"]);
    app.request(Method::POST, &withdraw, Some(&admin), None)
        .await
        .assert_problem(409, "announcement-withdrawn");
    app.request(Method::PUT, &path, Some(&admin), Some(&edited))
        .await
        .assert_problem(409, "announcement-withdrawn");

    // The audit names the texts changed, never their words.
    let events =
        app.request(Method::GET, "/api/v1/audit-events?entity=announcement", Some(&admin), None).await;
    let actions: Vec<&str> =
        events.body["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["announcement.withdrawn", "announcement.updated", "announcement.created"]);
    let update = &events.body["items"][1];
    assert_eq!(update["detail"]["texts_changed"], json!(["title", "body", "title_en", "body_en"]));
    assert!(!update["detail"].to_string().contains("December"), "{}", update["detail"]);
    assert_eq!(update["subject"], json!({"named": "2次募集のお知らせ"}));
}
