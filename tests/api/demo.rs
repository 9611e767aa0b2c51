//! The demo data set: the current year's schedule placed at the server's clock, a catalogue over all
//! specialties, ceilings, decided first-round applications that respect capacity and ceilings, and
//! the printed people reaching their journeys: applying, deciding up to the ceiling, training.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::{application, ceiling, facility, program, resident, round};
use senkoi_domain::demo::DemoPhase;
use senkoi_domain::time::noon_jst;
use senkoi_tests::spawn_app;

/// 10:00 JST on 7 December 2026: inside the real second round of 2027 (1–14 December).
fn december_7_2026() -> chrono::DateTime<chrono::Utc> {
    noon_jst(2026, 12, 7) - chrono::Duration::hours(2)
}

#[tokio::test]
async fn the_demo_loads_the_current_years_schedule_and_a_realistic_catalogue_once() {
    // As `cargo xtask run` serves it: a demo server, where the printed staff logins need no
    // second factor.
    let app = senkoi_tests::spawn_app_configured(|s| s.demo = true).await;
    app.set_now(december_7_2026());
    let loaded = senkoi_api::demo::load(&app.db, app.clock.now(), DemoPhase::Application).await.unwrap();
    assert!(!loaded.already_there);
    assert!(loaded.programs >= 200, "{} programs", loaded.programs);

    // The year running at the server's clock, on the seeds' days: nothing moved on this date.
    let rounds = app.get("/api/v1/rounds?year=2027").await;
    let kinds: Vec<&str> =
        rounds.body["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["researcher-course", "first", "second", "final"]);
    assert_eq!(rounds.body["items"][1]["application_starts_at"], "2026-11-01T03:00:00Z");
    assert_eq!(rounds.body["items"][2]["application_starts_at"], "2026-12-01T03:00:00Z");
    assert_eq!(rounds.body["items"][3]["results_at"], "2027-02-01T03:00:00Z");
    for year in [2025, 2026] {
        let before = app.get(&format!("/api/v1/rounds?year={year}")).await;
        assert_eq!(before.body["total"], 4, "the years before, decided: {year}");
    }
    // Nothing of the past is mailed: the notices of every instant before now count as sent.
    for r in round::Entity::find().all(&app.db).await.unwrap() {
        assert_eq!(
            r.opening_mailed_at.is_some(),
            r.application_starts_at <= app.clock.now(),
            "{} {}",
            r.year,
            r.kind
        );
        assert_eq!(r.results_mailed_at.is_some(), r.results_at <= app.clock.now(), "{} {}", r.year, r.kind);
    }

    let programs = program::Entity::find().all(&app.db).await.unwrap();
    let specialties: HashSet<&str> = programs.iter().map(|p| p.specialty.code()).collect();
    assert_eq!(specialties.len(), 19, "every specialty has programs");
    let facilities = facility::Entity::find().all(&app.db).await.unwrap();
    let prefectures: HashSet<String> = facilities.iter().map(|f| f.prefecture.code()).collect();
    assert!(prefectures.len() >= 35, "{} prefectures", prefectures.len());
    let ceilings = ceiling::Entity::find().all(&app.db).await.unwrap();
    let ceiling_prefectures: HashSet<String> = ceilings.iter().map(|c| c.prefecture.code()).collect();
    assert_eq!(ceiling_prefectures, HashSet::from(["13", "14", "23", "27", "40"].map(String::from)));
    assert!(ceilings.iter().all(|c| c.year == 2027));
    let announcements = app.get("/api/v1/announcements").await;
    assert_eq!(announcements.body["total"], 3);
    assert_eq!(announcements.body["items"][0]["title"], "2027年度専攻医募集スケジュールを掲載しました");
    assert!(
        announcements.body["items"][0]["body"]
            .as_str()
            .unwrap()
            .contains("2026年11月1日(日)正午から2026年11月14日(土)正午まで"),
        "{}",
        announcements.text
    );
    // The printed logins work: the officer's reaches the consultation desk.
    let officer = app.login(senkoi_api::demo::OFFICER_EMAIL, senkoi_api::demo::OFFICER_PASSWORD).await;
    let inbox = app
        .request(reqwest::Method::GET, "/api/v1/consultations", officer["access_token"].as_str(), None)
        .await;
    assert_eq!(inbox.status, 200, "{}", inbox.text);
    // Every demo resident has an address that is never delivered (kept apart in the mail folder).
    for r in resident::Entity::find().all(&app.db).await.unwrap() {
        assert!(senkoi_api::mail::worker::never_delivered(&r.email), "{}", r.email);
    }

    let again = senkoi_api::demo::load(&app.db, app.clock.now(), DemoPhase::Results).await.unwrap();
    assert!(again.already_there, "a second load changes nothing");
    assert_eq!(program::Entity::find().all(&app.db).await.unwrap().len(), programs.len());
}

/// The printed resident of the applying journey, signed in.
async fn printed(app: &senkoi_tests::TestApp, email: &str) -> String {
    let user_id = resident::Entity::find()
        .filter(resident::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the printed resident")
        .user_id;
    app.login(&user_id, senkoi_api::demo::RESIDENT_PASSWORD).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn on_any_day_the_printed_applicant_applies_in_the_open_round() {
    let app = senkoi_tests::spawn_app_configured(|s| s.demo = true).await;
    // A June day: the schedule is moved so that the second round takes applications now.
    app.set_now(noon_jst(2027, 6, 10) + chrono::Duration::hours(3));
    let year = app.load_demo(DemoPhase::Application).await;
    assert_eq!(year, 2028);
    let second = app.round_id(year, "second").await;
    let token = printed(&app, senkoi_api::demo::APPLICANT_EMAIL).await;
    let mine = app.request(reqwest::Method::GET, "/api/v1/me/applications", Some(&token), None).await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert!(mine.text.contains("rejected"), "refused in the first round, with its history: {}", mine.text);
    let program = app.find_program("specialty=internal-medicine&prefecture=13", |_| true).await;
    let applied = app
        .post(
            "/api/v1/applications",
            Some(&token),
            &serde_json::json!({"program_id": program["id"], "round_id": second}),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.text);
}

#[tokio::test]
async fn in_the_adjustment_the_demo_director_meets_the_ceiling() {
    let app = senkoi_tests::spawn_app_configured(|s| s.demo = true).await;
    app.set_now(december_7_2026());
    let year = app.load_demo(DemoPhase::Adjustment).await;
    let second = app.round_id(year, "second").await;
    let director = app.login(senkoi_api::demo::DIRECTOR_EMAIL, senkoi_api::demo::DIRECTOR_PASSWORD).await;
    let token = director["access_token"].as_str().unwrap();
    let mine = app.request(reqwest::Method::GET, "/api/v1/me/programs", Some(token), None).await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    // The dashboard says, per program, what still waits and by when.
    let adjustment_ends = app.get(&format!("/api/v1/rounds?year={year}")).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "second")
        .unwrap()["adjustment_ends_at"]
        .clone();
    for program in mine.body.as_array().unwrap().iter().filter(|p| p["specialty"] == "internal-medicine") {
        let current = &program["current"];
        assert_eq!(current["round_id"], second.as_str(), "{program}");
        assert_eq!(current["undecided"], 3);
        assert_eq!(current["period"], "adjustment");
        assert_eq!(current["period_ends_at"], adjustment_ends);
    }
    let mut refused = None;
    let mut accepted = 0;
    for program in mine.body.as_array().unwrap().iter().filter(|p| p["specialty"] == "internal-medicine") {
        let path =
            format!("/api/v1/programs/{}/applications?round={second}", program["id"].as_str().unwrap());
        let applicants = app.request(reqwest::Method::GET, &path, Some(token), None).await;
        assert_eq!(applicants.status, 200, "{}", applicants.text);
        for applicant in applicants.body["items"].as_array().unwrap() {
            let path = format!("/api/v1/applications/{}/decision", applicant["id"].as_str().unwrap());
            let answer = app
                .request(
                    reqwest::Method::PUT,
                    &path,
                    Some(token),
                    Some(&serde_json::json!({"decision": "accepted"})),
                )
                .await;
            if answer.status == 200 {
                accepted += 1;
            } else {
                refused = Some(answer);
            }
        }
    }
    assert_eq!(accepted, 2, "two places were left under the Tokyo ceiling");
    let after = app.request(reqwest::Method::GET, "/api/v1/me/programs", Some(token), None).await;
    let undecided: u64 =
        after.body.as_array().unwrap().iter().filter_map(|p| p["current"]["undecided"].as_u64()).sum();
    assert_eq!(undecided, 9 - 2, "the two accepted no longer wait");
    refused.expect("the third acceptance is refused").assert_problem(409, "ceiling-exceeded");
}

#[tokio::test]
async fn the_printed_trainee_has_records_the_demo_director_approves_then_completion() {
    let app = senkoi_tests::spawn_app_configured(|s| s.demo = true).await;
    app.set_now(december_7_2026());
    app.load_demo(DemoPhase::Application).await;
    let trainee = printed(&app, senkoi_api::demo::TRAINEE_EMAIL).await;
    let training = app.request(reqwest::Method::GET, "/api/v1/me/training", Some(&trainee), None).await;
    assert_eq!(training.status, 200, "{}", training.text);
    assert_eq!(training.body["kept_by"], "resident", "the resident enters the records: {}", training.text);
    let statuses: Vec<&str> =
        training.body["records"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["approved", "submitted"]);
    app.post("/api/v1/completions", Some(&trainee), &serde_json::json!({}))
        .await
        .assert_problem(409, "records-not-approved");

    let director = app.login(senkoi_api::demo::DIRECTOR_EMAIL, senkoi_api::demo::DIRECTOR_PASSWORD).await;
    let director = director["access_token"].as_str().unwrap();
    let submitted = training.body["records"][1]["id"].as_str().unwrap();
    let approved = app
        .post(
            &format!("/api/v1/training-records/{submitted}/approval"),
            Some(director),
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.text);
    let filed = app.post("/api/v1/completions", Some(&trainee), &serde_json::json!({})).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let path = format!("/api/v1/completions/{}/approval", filed.body["id"].as_str().unwrap());
    let passed = app.post(&path, Some(director), &serde_json::json!({})).await;
    assert_eq!(passed.status, 200, "{}", passed.text);
    assert_eq!(passed.body["stage"], "society");
}

#[tokio::test]
async fn demo_hires_respect_capacity_and_ceilings_and_the_api_counts_them_right() {
    let app = spawn_app().await;
    app.load_demo(DemoPhase::Application).await;
    let programs: HashMap<String, program::Model> =
        program::Entity::find().all(&app.db).await.unwrap().into_iter().map(|p| (p.id.clone(), p)).collect();
    let prefecture_of: HashMap<String, String> = facility::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f.prefecture.code()))
        .collect();
    let first = first_round(&app).await;
    let applications: Vec<application::Model> = application::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.round_id == first)
        .collect();
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
            ceiling_hires.get(&(c.prefecture.code(), c.specialty.code().to_string())).copied().unwrap_or(0);
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
    let year = senkoi_domain::resident::recruitment_year_at(app.clock.now());
    assert_eq!(seen, programs.values().filter(|p| !p.researcher_course && p.year == year).count());
}

/// The id of the demo's first round of the current year, whose applications the demo decided.
async fn first_round(app: &senkoi_tests::TestApp) -> String {
    let year = senkoi_domain::resident::recruitment_year_at(app.clock.now());
    app.round_id(year, "first").await
}

#[tokio::test]
async fn searching_by_round_finds_the_programs_that_recruit_in_it() {
    let app = spawn_app().await;
    app.load_demo(DemoPhase::Application).await;
    let year = senkoi_domain::resident::recruitment_year_at(app.clock.now());
    let rounds =
        app.get(&format!("/api/v1/rounds?year={year}")).await.body["items"].as_array().unwrap().clone();
    let round =
        |kind: &str| rounds.iter().find(|r| r["kind"] == kind).unwrap()["id"].as_str().unwrap().to_string();
    let researcher =
        app.get(&format!("/api/v1/programs?round={}&per_page=200", round("researcher-course"))).await;
    let first = app.get(&format!("/api/v1/programs?round={}&per_page=200", round("first"))).await;
    let all = app.get(&format!("/api/v1/programs?year={year}")).await.body["total"].as_u64().unwrap();
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
    app.load_demo(DemoPhase::Application).await;
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
    app.load_demo(DemoPhase::Application).await;
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
    app.set_now(december_7_2026());
    app.load_demo(DemoPhase::Application).await;
    // Published from the researcher course's opening (1 September 2026) on.
    app.set_now(noon_jst(2026, 9, 15));
    let early = app.get("/api/v1/announcements").await;
    assert_eq!(early.body["total"], 1, "only what was published by 15 September: {}", early.text);
    app.set_now(noon_jst(2026, 10, 2));
    let later = app.get("/api/v1/announcements").await;
    assert_eq!(later.body["total"], 3);
    assert_eq!(later.body["items"][0]["published_at"], "2026-10-02T03:00:00Z", "newest first");
}

#[tokio::test]
async fn after_the_results_a_programs_page_shows_the_round_just_decided_beside_the_next() {
    let app = spawn_app().await;
    app.set_now(december_7_2026());
    let year = app.load_demo(DemoPhase::Application).await;
    let (first, second) = (app.round_id(year, "first").await, app.round_id(year, "second").await);
    let filled = app
        .find_program(&format!("specialty=pediatrics&round={first}"), |p| p["hired_count"].as_u64() > Some(0))
        .await;
    let page = app.get(&format!("/api/v1/programs/{}", filled["id"].as_str().unwrap())).await;
    assert_eq!(page.body["counts_round_id"], second.as_str(), "the counts are the open round's");
    assert_eq!(page.body["counts_round_kind"], "second", "and say which round they are");
    assert_eq!(page.body["hired_count"], serde_json::Value::Null, "its hires are not out");
    let decided = &page.body["last_results"];
    assert_eq!(decided["round_id"], first.as_str(), "{}", page.text);
    assert_eq!(decided["round_kind"], "first");
    assert_eq!(decided["round_year"], year);
    assert_eq!(decided["hired_count"], filled["hired_count"]);
    assert_eq!(decided["applicant_count"], filled["applicant_count"]);
    // Asked for a round, the answer is that round's alone.
    let asked = app.get(&format!("/api/v1/programs?round={first}&specialty=pediatrics")).await;
    assert!(asked.body["items"].as_array().unwrap().iter().all(|p| p["last_results"].is_null()));
    // Before the first results there is nothing decided to show.
    app.set_now(noon_jst(2026, 11, 20));
    let before = app.get(&format!("/api/v1/programs/{}", filled["id"].as_str().unwrap())).await;
    assert_eq!(before.body["counts_round_id"], first.as_str());
    assert_eq!(before.body["counts_round_kind"], "first");
    assert!(before.body["last_results"].is_null(), "{}", before.text);
}
