//! The master schedule: the board keeps rounds whose periods follow each other; everyone reads them.

use reqwest::Method;
use senkoi_tests::spawn_app;
use serde_json::{Value, json};

/// The 2024 first round of seed 000, as the board would type it (JST offsets).
fn first_round_2024() -> Value {
    json!({
        "year": 2024, "kind": "first",
        "application_starts_at": "2023-11-01T12:00:00+09:00",
        "application_ends_at": "2023-11-14T12:00:00+09:00",
        "adjustment_starts_at": "2023-11-16T12:00:00+09:00",
        "adjustment_ends_at": "2023-11-24T12:00:00+09:00",
        "confirmation_starts_at": "2023-11-24T12:00:00+09:00",
        "confirmation_ends_at": "2023-11-29T12:00:00+09:00",
        "results_at": "2023-11-29T12:00:00+09:00"
    })
}

#[tokio::test]
async fn the_board_adds_a_round_and_everyone_reads_it_in_utc() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024())).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let listed = app.get("/api/v1/rounds?year=2024").await;
    assert_eq!(listed.body["total"], 1);
    let round = &listed.body["items"][0];
    assert_eq!(round["kind"], "first");
    // Noon in Japan is 03:00 UTC.
    assert_eq!(round["application_starts_at"], "2023-11-01T03:00:00Z");
    assert_eq!(round["results_at"], "2023-11-29T03:00:00Z");
    assert_eq!(app.get("/api/v1/rounds?year=2025").await.body["total"], 0);
    let one = app.get(&format!("/api/v1/rounds/{}", created.body["id"].as_str().unwrap())).await;
    assert_eq!(one.body, *round);
}

#[tokio::test]
async fn a_round_whose_adjustment_starts_before_applications_close_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mut round = first_round_2024();
    round["adjustment_starts_at"] = json!("2023-11-10T12:00:00+09:00");
    let answer = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&round)).await;
    answer.assert_problem(422, "validation-failed");
    assert_eq!(app.get("/api/v1/rounds").await.body["total"], 0, "nothing was written");
}

#[tokio::test]
async fn a_regular_round_without_an_adjustment_period_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mut round = first_round_2024();
    round.as_object_mut().unwrap().remove("adjustment_starts_at");
    round.as_object_mut().unwrap().remove("adjustment_ends_at");
    app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&round))
        .await
        .assert_problem(422, "validation-failed");
}

#[tokio::test]
async fn a_second_round_of_the_same_kind_in_a_year_is_a_conflict() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    assert_eq!(
        app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024())).await.status,
        201
    );
    app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024()))
        .await
        .assert_problem(409, "round-exists");
}

#[tokio::test]
async fn the_board_moves_a_deadline_and_the_whole_schedule_is_checked_again() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024())).await;
    let path = format!("/api/v1/rounds/{}", created.body["id"].as_str().unwrap());
    let moved = app
        .request(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(&json!({"application_ends_at": "2023-11-15T12:00:00+09:00"})),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.body["application_ends_at"], "2023-11-15T03:00:00Z");
    app.request(
        Method::PATCH,
        &path,
        Some(&admin),
        Some(&json!({"application_ends_at": "2023-11-20T12:00:00+09:00"})),
    )
    .await
    .assert_problem(422, "validation-failed");
    assert_eq!(
        app.get(&path).await.body["application_ends_at"],
        "2023-11-15T03:00:00Z",
        "the refused change left no trace"
    );
}

#[tokio::test]
async fn a_director_cannot_change_the_schedule() {
    let app = spawn_app().await;
    let director = app.staff_token("director").await;
    app.request(Method::POST, "/api/v1/rounds", Some(&director), Some(&first_round_2024()))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn the_board_deletes_a_round_without_applications() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024())).await;
    let path = format!("/api/v1/rounds/{}", created.body["id"].as_str().unwrap());
    assert_eq!(app.request(Method::DELETE, &path, Some(&admin), None).await.status, 204);
    app.get(&path).await.assert_problem(404, "not-found");
}

#[tokio::test]
async fn a_year_written_as_a_whole_float_is_the_integer_the_schema_says_it_is() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mut round = first_round_2024();
    round["year"] = json!(2024.0);
    let created = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&round)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["year"], 2024);
    round["year"] = json!(2024.5);
    app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&round))
        .await
        .assert_problem(422, "invalid-body");
}

#[tokio::test]
async fn the_master_schedule_is_a_calendar_feed_with_every_instant_in_japan_time() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&first_round_2024())).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let response =
        app.client.get(format!("{}/api/v1/rounds.ics?year=2024", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let text = response.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"), "{text}");
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "lines are folded");
    let unfolded = text.replace("\r\n ", "");
    // Applications 2023-11-01 noon → 11-14 noon; adjustment; confirmation; the results at 11-29 noon.
    for line in [
        "DTSTART;TZID=Asia/Tokyo:20231101T120000",
        "DTEND;TZID=Asia/Tokyo:20231114T120000",
        "DTSTART;TZID=Asia/Tokyo:20231116T120000",
        "DTSTART;TZID=Asia/Tokyo:20231124T120000",
        "DTSTART;TZID=Asia/Tokyo:20231129T120000",
        "TZID:Asia/Tokyo",
    ] {
        assert!(unfolded.contains(&format!("{line}\r\n")), "{line} in {unfolded}");
    }
    assert_eq!(
        unfolded.matches("BEGIN:VEVENT").count(),
        4,
        "applications, adjustment, confirmation, results"
    );
    assert!(unfolded.contains("2024年度 1次募集 応募期間"), "{unfolded}");
    let other_year = app.get("/api/v1/rounds.ics?year=2025").await;
    assert_eq!(other_year.text.matches("BEGIN:VEVENT").count(), 0);
    app.get("/api/v1/rounds.ics?year=abc").await.assert_problem(400, "invalid-query");
}

/// A unique rule reached by a race answers 409 with a code, never 500: on PostgreSQL the second
/// of two simultaneous writes passes the check and meets the unique index.
#[tokio::test]
async fn simultaneous_identical_rounds_give_one_201_and_the_rest_409_never_500() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = first_round_2024();
    let answers = futures::future::join_all(
        (0..10).map(|_| app.request(Method::POST, "/api/v1/rounds", Some(&admin), Some(&body))),
    )
    .await;
    let created = answers.iter().filter(|a| a.status == 201).count();
    assert_eq!(created, 1);
    for answer in answers.iter().filter(|a| a.status != 201) {
        assert_eq!(answer.status, 409, "{}", answer.text);
        let code = answer.body["code"].as_str().unwrap();
        assert!(["round-exists", "already-exists"].contains(&code), "{code}");
    }
    assert_eq!(app.get("/api/v1/rounds?year=2024").await.body["total"], 1);
}
