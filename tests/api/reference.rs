//! Reference data seeded by the migrations: 19 specialties and 47 prefectures with their flags.

use senkoi_tests::spawn_app;

#[tokio::test]
async fn the_19_specialties_are_seeded_in_the_boards_order_with_their_flags() {
    let app = spawn_app().await;
    let answer = app.get("/api/v1/specialties").await;
    assert_eq!(answer.status, 200);
    let items = answer.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 19);
    assert_eq!(answer.body["total"], 19);
    assert_eq!(items[0]["code"], "internal-medicine");
    assert_eq!(items[0]["name_ja"], "内科");
    assert_eq!(items[18]["code"], "general-medicine");
    let exempt: Vec<&str> =
        items.iter().filter(|s| s["ceiling_exempt"] == true).map(|s| s["code"].as_str().unwrap()).collect();
    assert_eq!(exempt, ["surgery", "obstetrics-gynecology", "pathology", "laboratory-medicine"]);
    let linked = items.iter().filter(|s| s["records_linked"] == true).count();
    assert_eq!(linked, 8, "the eight data-linkage specialties");
}

#[tokio::test]
async fn the_47_prefectures_are_seeded_with_the_five_ceiling_prefectures() {
    let app = spawn_app().await;
    let answer = app.get("/api/v1/prefectures").await;
    let items = answer.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 47);
    assert_eq!(items[0]["code"], "01");
    assert_eq!(items[12]["name_ja"], "東京都");
    let ceiling: Vec<&str> =
        items.iter().filter(|p| p["has_ceiling"] == true).map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(ceiling, ["13", "14", "23", "27", "40"]);
}

/// Clients show periods by the server's clock, which the tests move.
#[tokio::test]
async fn the_server_tells_its_clock() {
    let app = senkoi_tests::spawn_app().await;
    let at = senkoi_domain::time::noon_jst(2023, 11, 1);
    app.set_now(at);
    let answer = app.get("/api/v1/time").await;
    assert_eq!(answer.status, 200);
    let now: chrono::DateTime<chrono::Utc> = serde_json::from_value(answer.body["now"].clone()).unwrap();
    assert!(now >= at && now < at + chrono::Duration::minutes(1), "{now}");
}
