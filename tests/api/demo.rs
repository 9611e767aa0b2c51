//! The demo data set: the 2024 schedule, a catalogue over all specialties, ceilings, and decided
//! first-round applications that respect capacity and ceilings.

use std::collections::{HashMap, HashSet};

use sea_orm::EntityTrait;
use senkoi_api::entities::{application, ceiling, facility, program};
use senkoi_domain::time::noon_jst;
use senkoi_tests::spawn_app;

#[tokio::test]
async fn the_demo_loads_the_2024_schedule_and_a_realistic_catalogue_once() {
    // As `cargo xtask run` serves it: a demo server, where the printed staff logins need no
    // second factor.
    let app = senkoi_tests::spawn_app_configured(|s| s.demo = true).await;
    let loaded = senkoi_api::demo::load(&app.db).await.expect("the demo loads");
    assert!(!loaded.already_there);
    assert!(loaded.programs >= 200, "{} programs", loaded.programs);

    let rounds = app.get("/api/v1/rounds?year=2024").await;
    let kinds: Vec<&str> =
        rounds.body["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["researcher-course", "first", "second", "final"]);
    assert_eq!(rounds.body["items"][1]["application_starts_at"], "2023-11-01T03:00:00Z");
    assert_eq!(rounds.body["items"][3]["results_at"], "2024-02-01T03:00:00Z");

    let programs = program::Entity::find().all(&app.db).await.unwrap();
    let specialties: HashSet<&str> = programs.iter().map(|p| p.specialty.code()).collect();
    assert_eq!(specialties.len(), 19, "every specialty has programs");
    let facilities = facility::Entity::find().all(&app.db).await.unwrap();
    let prefectures: HashSet<&str> = facilities.iter().map(|f| f.prefecture.as_str()).collect();
    assert!(prefectures.len() >= 35, "{} prefectures", prefectures.len());
    let ceilings = ceiling::Entity::find().all(&app.db).await.unwrap();
    let ceiling_prefectures: HashSet<&str> = ceilings.iter().map(|c| c.prefecture.as_str()).collect();
    assert_eq!(ceiling_prefectures, HashSet::from(["13", "14", "23", "27", "40"]));
    assert!(app.get("/api/v1/announcements").await.body["total"].as_u64().unwrap() >= 1);
    // The printed logins work: the officer's reaches the consultation desk.
    let officer = app.login(senkoi_api::demo::OFFICER_EMAIL, senkoi_api::demo::OFFICER_PASSWORD).await;
    let inbox = app
        .request(reqwest::Method::GET, "/api/v1/consultations", officer["access_token"].as_str(), None)
        .await;
    assert_eq!(inbox.status, 200, "{}", inbox.text);

    let again = senkoi_api::demo::load(&app.db).await.unwrap();
    assert!(again.already_there, "a second load changes nothing");
    assert_eq!(program::Entity::find().all(&app.db).await.unwrap().len(), programs.len());
}

#[tokio::test]
async fn demo_hires_respect_capacity_and_ceilings_and_the_api_counts_them_right() {
    let app = spawn_app().await;
    senkoi_api::demo::load(&app.db).await.unwrap();
    let programs: HashMap<String, program::Model> =
        program::Entity::find().all(&app.db).await.unwrap().into_iter().map(|p| (p.id.clone(), p)).collect();
    let prefecture_of: HashMap<String, String> = facility::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f.prefecture))
        .collect();
    let applications = application::Entity::find().all(&app.db).await.unwrap();
    let mut applicants: HashMap<&str, u32> = HashMap::new();
    let mut hires: HashMap<&str, u32> = HashMap::new();
    let mut ceiling_hires: HashMap<(String, String), u32> = HashMap::new();
    for a in &applications {
        if a.status != senkoi_domain::ApplicationStatus::Withdrawn {
            *applicants.entry(&a.program_id).or_default() += 1;
        }
        if a.status == senkoi_domain::ApplicationStatus::Accepted {
            *hires.entry(&a.program_id).or_default() += 1;
            let p = &programs[&a.program_id];
            *ceiling_hires
                .entry((prefecture_of[&p.base_facility_id].clone(), p.specialty.code().to_string()))
                .or_default() += 1;
        }
    }
    for (id, hired) in &hires {
        assert!(*hired as i32 <= programs[*id].capacity, "a program never hires more than its capacity");
    }
    for c in ceiling::Entity::find().all(&app.db).await.unwrap() {
        let hired =
            ceiling_hires.get(&(c.prefecture.clone(), c.specialty.code().to_string())).copied().unwrap_or(0);
        assert!(
            hired as i32 <= c.ceiling,
            "{} {} hires {hired} over ceiling {}",
            c.prefecture,
            c.specialty,
            c.ceiling
        );
    }
    let over_capacity = programs
        .values()
        .filter(|p| applicants.get(p.id.as_str()).copied().unwrap_or(0) as i32 > p.capacity)
        .count();
    assert!(over_capacity > 0, "some programs have more applicants than places, as in real life");

    // The API's counts of the first round (its results are out), over every page of the search,
    // agree with the rows.
    let first = first_round(&app).await;
    let mut seen = 0;
    for page in 1.. {
        let answer = app.get(&format!("/api/v1/programs?round={first}&per_page=200&page={page}")).await;
        let items = answer.body["items"].as_array().unwrap().clone();
        if items.is_empty() {
            break;
        }
        for item in &items {
            let id = item["id"].as_str().unwrap();
            assert_eq!(
                item["applicant_count"],
                applicants.get(id).copied().unwrap_or(0),
                "applicants of {id}"
            );
            assert_eq!(item["hired_count"], hires.get(id).copied().unwrap_or(0), "hires of {id}");
        }
        seen += items.len();
    }
    assert_eq!(seen, programs.values().filter(|p| !p.researcher_course).count());
}

/// The id of the demo's first round (2024), whose applications the demo decided.
async fn first_round(app: &senkoi_tests::TestApp) -> String {
    let rounds = app.get("/api/v1/rounds?year=2024").await;
    let first = rounds.body["items"].as_array().unwrap().iter().find(|r| r["kind"] == "first").unwrap();
    first["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn searching_by_round_finds_the_programs_that_recruit_in_it() {
    let app = spawn_app().await;
    senkoi_api::demo::load(&app.db).await.unwrap();
    let rounds = app.get("/api/v1/rounds?year=2024").await.body["items"].as_array().unwrap().clone();
    let round =
        |kind: &str| rounds.iter().find(|r| r["kind"] == kind).unwrap()["id"].as_str().unwrap().to_string();
    let researcher =
        app.get(&format!("/api/v1/programs?round={}&per_page=200", round("researcher-course"))).await;
    let first = app.get(&format!("/api/v1/programs?round={}&per_page=200", round("first"))).await;
    let all = app.get("/api/v1/programs").await.body["total"].as_u64().unwrap();
    let researcher_total = researcher.body["total"].as_u64().unwrap();
    assert!(researcher_total > 0);
    assert!(researcher.body["items"].as_array().unwrap().iter().all(|p| p["researcher_course"] == true));
    assert_eq!(
        first.body["total"].as_u64().unwrap() + researcher_total,
        all,
        "the two kinds part the catalogue"
    );
    app.get("/api/v1/programs?round=no-such-round").await.assert_problem(400, "invalid-query");
}

#[tokio::test]
async fn the_board_cannot_lower_a_capacity_below_the_programs_hires() {
    let app = spawn_app().await;
    senkoi_api::demo::load(&app.db).await.unwrap();
    let admin = app.admin_token().await;
    let hired = app
        .find_program(&format!("specialty=internal-medicine&round={}", first_round(&app).await), |p| {
            p["hired_count"].as_u64() > Some(1)
        })
        .await;
    let hires = hired["hired_count"].as_u64().unwrap();
    let path = format!("/api/v1/programs/{}", hired["id"].as_str().unwrap());
    let refused = app
        .request(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(&serde_json::json!({"capacity": hires - 1})),
        )
        .await;
    refused.assert_problem(409, "capacity-below-hires");
    assert!(refused.body["detail"].as_str().unwrap().contains(&hires.to_string()), "the figure is given");
    assert_eq!(app.get(&path).await.body["capacity"], hired["capacity"], "nothing changed");
    let lowered = app
        .request(reqwest::Method::PATCH, &path, Some(&admin), Some(&serde_json::json!({"capacity": hires})))
        .await;
    assert_eq!(lowered.status, 200, "{}", lowered.text);
}

#[tokio::test]
async fn a_program_with_applicants_keeps_its_specialty_and_year() {
    let app = spawn_app().await;
    senkoi_api::demo::load(&app.db).await.unwrap();
    let admin = app.admin_token().await;
    let applied = app
        .find_program(&format!("specialty=internal-medicine&round={}", first_round(&app).await), |p| {
            p["applicant_count"].as_u64() > Some(0)
        })
        .await;
    let path = format!("/api/v1/programs/{}", applied["id"].as_str().unwrap());
    for change in [serde_json::json!({"specialty": "pediatrics"}), serde_json::json!({"year": 2025})] {
        app.request(reqwest::Method::PATCH, &path, Some(&admin), Some(&change))
            .await
            .assert_problem(409, "program-has-applications");
    }
    app.request(reqwest::Method::DELETE, &path, Some(&admin), None)
        .await
        .assert_problem(409, "program-has-applications");
    let renamed = app
        .request(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(&serde_json::json!({"description": "新しい説明"})),
        )
        .await;
    assert_eq!(renamed.body["description"], "新しい説明");
}

#[tokio::test]
async fn announcements_appear_from_their_publication_instant_on_the_servers_clock() {
    let app = spawn_app().await;
    senkoi_api::demo::load(&app.db).await.unwrap();
    app.set_now(noon_jst(2023, 9, 15));
    let early = app.get("/api/v1/announcements").await;
    assert_eq!(early.body["total"], 1, "only what was published by 15 September 2023");
    app.set_now(noon_jst(2023, 10, 2));
    let later = app.get("/api/v1/announcements").await;
    assert_eq!(later.body["total"], 3);
    assert_eq!(later.body["items"][0]["published_at"], "2023-10-02T03:00:00Z", "newest first");
}
