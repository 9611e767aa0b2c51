//! The board's watch over a running round: the per-prefecture status as it stands (before any
//! result notification), the programs that have not confirmed, the applications still
//! unprocessed — for the board only.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;

use crate::board::board;

#[tokio::test]
async fn the_board_watches_live_counts_unconfirmed_programs_and_unprocessed_applications() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let a = b.program("城北 内科 A", "internal-medicine", 5, &director).await;
    let c = b.program("城北 内科 B", "internal-medicine", 5, &director).await;
    let (ours, theirs) = (b.applicants(&a, 2).await, b.applicants(&c, 1).await);
    b.adjusting();
    b.decide(&director, &ours[0], json!("accepted")).await;
    b.decide(&director, &ours[1], json!("on-hold")).await;

    let admin = b.app.staff("admin").await;
    let live = b.get_as(&admin, "/api/v1/board/prefectures?specialty=internal-medicine&year=2024").await;
    assert_eq!(live.status, 200, "{}", live.text);
    let tokyo = live.body.as_array().unwrap().iter().find(|r| r["prefecture"] == "13").unwrap().clone();
    assert_eq!(
        (
            tokyo["applicants"].clone(),
            tokyo["hired"].clone(),
            tokyo["unprocessed"].clone(),
            tokyo["capacity"].clone()
        ),
        (json!(3), json!(1), json!(2), json!(10)),
        "the board sees decisions as they stand"
    );
    let public = b.app.get("/api/v1/statistics/prefectures?specialty=internal-medicine&year=2024").await;
    let tokyo = public.body.as_array().unwrap().iter().find(|r| r["prefecture"] == "13").unwrap().clone();
    assert_eq!(tokyo["hired"], 0, "the public sees none before the result notification");

    let unprocessed =
        b.get_as(&admin, format!("/api/v1/board/rounds/{}/unprocessed-applications", b.first_id)).await;
    assert_eq!(unprocessed.status, 200, "{}", unprocessed.text);
    let found: Vec<(String, String)> = unprocessed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap().to_string(), x["status"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        found,
        [(theirs[0].clone(), "applied".into()), (ours[1].clone(), "on-hold".into())],
        "oldest first"
    );
    assert_eq!(unprocessed.body["items"][0]["program_name"], "城北 内科 B");

    b.app.set_now(b.first.confirmation.unwrap().start + Duration::hours(1));
    let director = b.app.sign_in_again(&director).await;
    let path = format!("/api/v1/programs/{a}/confirmations");
    let confirmed = b.app.post(&path, Some(&director.access), &json!({"round_id": b.first_id})).await;
    assert_eq!(confirmed.status, 201, "{}", confirmed.text);
    let unconfirmed =
        b.get_as(&admin, format!("/api/v1/board/rounds/{}/unconfirmed-programs", b.first_id)).await;
    assert_eq!(unconfirmed.status, 200, "{}", unconfirmed.text);
    assert_eq!(unconfirmed.body["total"], 1);
    let left = &unconfirmed.body["items"][0];
    assert_eq!((left["id"].clone(), left["prefecture"].clone()), (json!(c), json!("13")));
    assert_eq!(left["directors"], json!(["テスト director"]));

    for path in [
        "/api/v1/board/prefectures?specialty=internal-medicine".to_string(),
        format!("/api/v1/board/rounds/{}/unconfirmed-programs", b.first_id),
        format!("/api/v1/board/rounds/{}/unprocessed-applications", b.first_id),
    ] {
        let refused = b.app.request(Method::GET, &path, Some(&director.access), None).await;
        refused.assert_problem(403, "forbidden");
    }
    let admin = b.app.sign_in_again(&admin).await;
    let missing = b
        .app
        .request(Method::GET, "/api/v1/board/rounds/nope/unconfirmed-programs", Some(&admin.access), None)
        .await;
    missing.assert_problem(404, "not-found");
}
