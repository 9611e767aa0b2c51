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
