//! Applying, withdrawing and what residents and the public may see of decisions, per round.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use senkoi_api::auth::{AuthUser, Role};
use senkoi_api::entities::{application, application_event, ceiling, mail_outbox, program, resident, round};
use senkoi_api::error::ApiError;
use senkoi_api::store::applications::{
    NewApplication, new_application, no_free_receipt, receipt_draws, write_new,
};
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::noon_jst;
use senkoi_tests::{RESIDENT_PASSWORD, Resident, TestApp, spawn_app, spawn_app_configured};
use serde_json::{Value, json};

const SECOND: Duration = Duration::seconds(1);

/// A catalogue of 2024 with the 2024 schedule, the clock before any round.
struct World {
    app: TestApp,
    rounds: HashMap<RoundKind, RoundSchedule>,
    round_ids: HashMap<RoundKind, String>,
    /// Internal medicine in Tokyo, 2024, capacity 1.
    internal: String,
    /// Another internal-medicine program in Tokyo, 2024.
    internal_2: String,
    /// Surgery in Tokyo, 2024.
    surgery: String,
    /// Internal medicine, researcher course, 2024.
    researcher: String,
    /// Internal medicine in Tokyo, 2025.
    next_year: String,
}

async fn world() -> World {
    world_with(spawn_app().await).await
}

/// The same catalogue on `app`.
async fn world_with(app: TestApp) -> World {
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.admin_token().await;
    let tokyo = app.facility(&admin, "城北大学病院", "13").await;
    let program = |name: &str, specialty: &str, year: i32, researcher: bool| {
        let body = json!({"name": name, "specialty": specialty, "year": year, "base_facility_id": tokyo,
            "capacity": 1, "researcher_course": researcher});
        let (app, admin) = (&app, &admin);
        async move {
            let made = app.post("/api/v1/programs", Some(admin), &body).await;
            assert_eq!(made.status, 201, "{}", made.text);
            made.body["id"].as_str().unwrap().to_string()
        }
    };
    let internal = program("城北 内科", "internal-medicine", 2024, false).await;
    let internal_2 = program("城北 総合内科", "internal-medicine", 2024, false).await;
    let surgery = program("城北 外科", "surgery", 2024, false).await;
    let researcher = program("城北 内科 臨床研究医コース", "internal-medicine", 2024, true).await;
    let next_year = program("城北 内科 2025", "internal-medicine", 2025, false).await;
    let (mut rounds, mut round_ids) = (HashMap::new(), HashMap::new());
    for (schedule, id) in app.schedule_2024(&admin).await {
        round_ids.insert(schedule.kind, id);
        rounds.insert(schedule.kind, schedule);
    }
    World { app, rounds, round_ids, internal, internal_2, surgery, researcher, next_year }
}

impl World {
    fn round(&self, kind: RoundKind) -> &RoundSchedule {
        &self.rounds[&kind]
    }

    fn id(&self, kind: RoundKind) -> &str {
        &self.round_ids[&kind]
    }

    /// A moment inside the round's application period.
    fn applying(&self, kind: RoundKind) -> DateTime<Utc> {
        self.round(kind).application.start + Duration::hours(1)
    }

    /// A fresh access token: the clock moves by months here, past any token's life.
    async fn token(&self, resident: &Resident) -> String {
        let session = self.app.login(&resident.user_id, RESIDENT_PASSWORD).await;
        session["access_token"].as_str().unwrap().to_string()
    }

    async fn apply(&self, resident: &Resident, program: &str, kind: RoundKind) -> senkoi_tests::Answer {
        let body = json!({"program_id": program, "round_id": self.id(kind)});
        self.app.post("/api/v1/applications", Some(&self.token(resident).await), &body).await
    }

    async fn withdraw(&self, resident: &Resident, application: &str) -> senkoi_tests::Answer {
        let path = format!("/api/v1/applications/{application}/withdraw");
        self.app.post(&path, Some(&self.token(resident).await), &json!({})).await
    }

    async fn mine(&self, resident: &Resident) -> Value {
        let token = self.token(resident).await;
        let answer = self.app.request(Method::GET, "/api/v1/me/applications", Some(&token), None).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        answer.body
    }

    /// Records a director's decision directly (the directors' endpoints are another issue's).
    async fn decide(&self, application: &str, decision: Option<Decision>) {
        let row = application::Entity::find_by_id(application.to_string())
            .one(&self.app.db)
            .await
            .unwrap()
            .unwrap();
        let mut row: application::ActiveModel = row.into();
        row.status = Set(decision.map_or(ApplicationStatus::Applied, Decision::status));
        row.decision = Set(decision);
        row.update(&self.app.db).await.unwrap();
    }

    /// A resident registered (for recruitment year 2024) with registration number `number`.
    async fn resident(&self, name: &str, number: &str) -> Resident {
        self.app.resident(&format!("{name}@example.jp"), number).await
    }
}

#[tokio::test]
async fn applying_answers_201_with_a_receipt_that_is_mailed_and_shown_on_my_page() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000001").await;
    let at = w.applying(RoundKind::First);
    w.app.set_now(at);
    let answer = w.apply(&hanako, &w.internal, RoundKind::First).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    let receipt = answer.body["receipt_number"].as_str().unwrap().to_string();
    assert!(receipt.starts_with("2024-1-") && receipt.len() == "2024-1-0123456786".len(), "{receipt}");
    assert_eq!(answer.body["status"], "applied");
    assert_eq!(answer.body["program_name"], "城北 内科");
    let applied_at: DateTime<Utc> = serde_json::from_value(answer.body["applied_at"].clone()).unwrap();
    assert!(applied_at >= at && applied_at < at + Duration::minutes(1), "the server's instant: {applied_at}");
    assert_eq!(answer.body["withdrawable"], true);

    let mail = w.app.mail.wait_for(&hanako.email, "応募を受け付けました").await;
    assert!(
        mail.body.contains(&receipt)
            && mail.body.contains("城北 内科")
            && mail.body.contains("2024年度 1次募集")
    );
    let mine = w.mine(&hanako).await;
    assert_eq!(mine["current"]["receipt_number"], receipt.as_str());
    assert_eq!(mine["history"].as_array().unwrap().len(), 1);
}

/// Writes `resident`'s application as [`apply`](senkoi_api::routes::applications::apply) does,
/// less its checks and mail: in a fresh write transaction for each receipt number `draw` gives,
/// until one is free or the draws run out. The history line and audit event must land with the
/// application or not at all.
async fn apply_drawing(
    db: &sea_orm::DatabaseConnection,
    resident: &resident::Model,
    program: &program::Model,
    round: &round::Model,
    now: DateTime<Utc>,
    draw: impl FnMut() -> u64,
) -> Result<application::Model, ApiError> {
    let actor = AuthUser { id: resident.id.clone(), role: Role::Resident, request_id: None, scope: None };
    for draw in receipt_draws(draw) {
        let tx = senkoi_api::db::begin_write(db).await?;
        let (row, rows) = new_application(&actor, resident, program, round, &[], draw, now)?;
        if write_new(tx, rows).await? == NewApplication::Written {
            return Ok(row);
        }
    }
    Err(no_free_receipt())
}

#[tokio::test]
async fn a_receipt_number_already_held_is_drawn_again_and_a_second_live_application_still_refused() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000001").await;
    let jiro = w.resident("jiro", "1000002").await;
    w.app.set_now(w.applying(RoundKind::First));
    let answer = w.apply(&hanako, &w.internal, RoundKind::First).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    let held = answer.body["receipt_number"].as_str().unwrap().to_string();
    // `2024-1-` then the nine drawn digits and the check digit.
    let held_draw: u64 = held[7..16].parse().unwrap();
    let round =
        round::Entity::find_by_id(w.id(RoundKind::First).to_string()).one(&w.app.db).await.unwrap().unwrap();
    let program = program::Entity::find_by_id(w.internal_2.clone()).one(&w.app.db).await.unwrap().unwrap();
    let db = &w.app.db;
    let account = |user_id: String| async move {
        resident::Entity::find().filter(resident::Column::UserId.eq(user_id)).one(db).await.unwrap().unwrap()
    };
    let jiro = account(jiro.user_id.clone()).await;
    let now = w.applying(RoundKind::First);
    let apply = |resident: resident::Model, draw: Box<dyn FnMut() -> u64>| {
        let (program, round) = (program.clone(), round.clone());
        async move { apply_drawing(db, &resident, &program, &round, now, draw).await }
    };
    let draws = |seq: Vec<u64>| -> Box<dyn FnMut() -> u64> {
        let mut seq = seq.into_iter();
        Box::new(move || seq.next().expect("no more draws"))
    };
    let history = || application_event::Entity::find().all(&w.app.db);
    let lines_before = history().await.unwrap().len();

    // Hanako's number comes up twice; the third draw is free.
    let jiros = apply(jiro.clone(), draws(vec![held_draw, held_draw, 42])).await.unwrap();
    assert_eq!(jiros.receipt_number, senkoi_domain::application::receipt_number(2024, RoundKind::First, 42));
    let stored =
        application::Entity::find().filter(application::Column::ReceiptNumber.eq(&held)).all(&w.app.db);
    assert_eq!(stored.await.unwrap().len(), 1, "hanako's receipt is hers alone");
    assert_eq!(
        history().await.unwrap().len(),
        lines_before + 1,
        "one history line, of the write that landed"
    );

    // A second live application of jiro's in the round is refused by its own index, not redrawn.
    let again = apply(jiro.clone(), draws(vec![43])).await.unwrap_err();
    assert!(
        matches!(again, ApiError::Domain(senkoi_domain::DomainError::AlreadyAppliedInRound)),
        "{again:?}"
    );
    // A number that never comes free ends in an error after a bounded number of draws
    // (saburo, with no application yet, breaks no other rule).
    let saburo = account(w.resident("saburo", "1000003").await.user_id).await;
    let exhausted = apply(saburo, Box::new(move || held_draw)).await.unwrap_err();
    assert!(matches!(exhausted, ApiError::Internal(_)), "{exhausted:?}");
    let count = application::Entity::find().all(&w.app.db).await.unwrap().len();
    assert_eq!(count, 2, "nothing was written by the refused inserts");
    assert_eq!(history().await.unwrap().len(), lines_before + 1, "nor any history line of theirs");
}

#[tokio::test]
async fn applying_is_refused_outside_the_application_period_by_the_servers_clock() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000002").await;
    let first = w.round(RoundKind::First).clone();
    // The exact instants are the domain's tests; here the server's clock decides, with a margin
    // for the time a request takes on a busy machine (the test clock runs on from where it is set).
    for at in [first.application.start - SECOND * 10, first.application.end, first.results_at] {
        w.app.set_now(at - Duration::minutes(1));
        let token = w.token(&hanako).await;
        w.app.set_now(at);
        let body = json!({"program_id": w.internal, "round_id": w.id(RoundKind::First)});
        let answer = w.app.post("/api/v1/applications", Some(&token), &body).await;
        answer.assert_problem(409, "outside-application-period");
    }
    w.app.set_now(first.application.start);
    assert_eq!(w.apply(&hanako, &w.internal, RoundKind::First).await.status, 201, "the start is inside");
}

#[tokio::test]
async fn each_refusal_to_apply_has_its_code_and_japanese_message() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000003").await;
    w.app.set_now(w.applying(RoundKind::First));
    let mismatch = w.apply(&hanako, &w.surgery, RoundKind::First).await;
    mismatch.assert_problem(409, "specialty-mismatch");
    assert!(mismatch.body["detail"].as_str().unwrap().chars().any(|c| ('\u{3040}'..'\u{30ff}').contains(&c)));
    w.apply(&hanako, &w.researcher, RoundKind::First).await.assert_problem(409, "program-not-recruiting");
    w.apply(&hanako, &w.next_year, RoundKind::First).await.assert_problem(409, "program-not-recruiting");
    assert_eq!(w.apply(&hanako, &w.internal, RoundKind::First).await.status, 201);
    let again = w.apply(&hanako, &w.internal_2, RoundKind::First).await;
    again.assert_problem(409, "already-applied-in-round");

    let unknown = w
        .app
        .post(
            "/api/v1/applications",
            Some(&w.token(&hanako).await),
            &json!({"program_id": "nope", "round_id": w.id(RoundKind::First)}),
        )
        .await;
    unknown.assert_problem(422, "validation-failed");
    assert_eq!(unknown.body["errors"][0]["code"], "unknown-program");
    // The program and the round are read together; each missing one is still named, the
    // program's first.
    let token = w.token(&hanako).await;
    let refused = |program: Value, round: Value| {
        let (app, token) = (&w.app, &token);
        async move {
            let answer = app
                .post("/api/v1/applications", Some(token), &json!({"program_id": program, "round_id": round}))
                .await;
            answer.assert_problem(422, "validation-failed");
            let error = &answer.body["errors"][0];
            (error["field"].as_str().unwrap().to_string(), error["code"].as_str().unwrap().to_string())
        }
    };
    let program = json!(w.internal_2);
    let unknown_round = refused(program.clone(), json!("nope")).await;
    assert_eq!(unknown_round, ("round_id".to_string(), "unknown-round".to_string()));
    let both = refused(json!("nope"), json!("nope")).await;
    assert_eq!(both, ("program_id".to_string(), "unknown-program".to_string()));
    let blank = refused(json!(" "), json!("nope")).await;
    assert_eq!(blank, ("program_id".to_string(), "required".to_string()));
    let blank_round = refused(program, json!("")).await;
    assert_eq!(blank_round, ("round_id".to_string(), "required".to_string()));
    let director = w.app.staff_token("director").await;
    let body = json!({"program_id": w.internal, "round_id": w.id(RoundKind::First)});
    w.app.post("/api/v1/applications", Some(&director), &body).await.assert_problem(403, "forbidden");
    assert_eq!(w.app.post("/api/v1/applications", None, &body).await.status, 401);
}

#[tokio::test]
async fn a_withdrawal_only_in_the_application_period_and_then_the_resident_may_apply_again() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000004").await;
    w.app.set_now(w.applying(RoundKind::First));
    let first = w.apply(&hanako, &w.internal, RoundKind::First).await;
    let withdrawn = w.withdraw(&hanako, first.body["id"].as_str().unwrap()).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    assert_eq!(withdrawn.body["status"], "withdrawn");
    w.app.mail.wait_for(&hanako.email, "応募を取り下げました").await;
    w.withdraw(&hanako, first.body["id"].as_str().unwrap()).await.assert_problem(409, "invalid-transition");

    let second = w.apply(&hanako, &w.internal_2, RoundKind::First).await;
    assert_eq!(second.status, 201, "{}", second.text);
    w.app.set_now(w.round(RoundKind::First).application.end);
    let closed = w.withdraw(&hanako, second.body["id"].as_str().unwrap()).await;
    closed.assert_problem(409, "withdrawal-closed");
    assert_eq!(closed.body["detail"], "採用期間中は応募の取り下げはできません。");

    let others = w.resident("taro", "1000005").await;
    w.withdraw(&others, second.body["id"].as_str().unwrap()).await.assert_problem(404, "not-found");
    let mine = w.mine(&hanako).await;
    let statuses: Vec<&str> =
        mine["history"].as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["applied", "withdrawn"], "newest first");
    assert_eq!(mine["current"]["id"], second.body["id"]);
    assert_eq!(mine["current"]["withdrawable"], false);
}

#[tokio::test]
async fn a_decision_reads_applied_until_the_rounds_results_and_unprocessed_reads_on_hold() {
    let w = world().await;
    let (hanako, taro) = (w.resident("hanako", "1000006").await, w.resident("taro", "1000007").await);
    w.app.set_now(w.applying(RoundKind::First));
    let rejected =
        w.apply(&hanako, &w.internal, RoundKind::First).await.body["id"].as_str().unwrap().to_string();
    w.apply(&taro, &w.internal, RoundKind::First).await;
    let first = w.round(RoundKind::First).clone();
    w.app.set_now(first.adjustment.unwrap().start + SECOND);
    w.decide(&rejected, Some(Decision::Rejected)).await;
    for at in [first.adjustment.unwrap().start + SECOND, first.results_at - Duration::minutes(1)] {
        w.app.set_now(at);
        assert_eq!(w.mine(&hanako).await["current"]["status"], "applied", "before the results at {at}");
    }
    w.app.set_now(first.results_at);
    assert_eq!(w.mine(&hanako).await["current"]["status"], "rejected");
    assert_eq!(w.mine(&taro).await["current"]["status"], "on-hold", "never decided");
}

#[tokio::test]
async fn who_may_apply_in_a_later_round() {
    let w = world().await;
    let rejected = w.resident("rejected", "1000008").await;
    let hired = w.resident("hired", "1000009").await;
    let course = w.resident("course", "1000010").await;
    let course_hired = w.resident("coursehired", "1000011").await;

    w.app.set_now(w.applying(RoundKind::ResearcherCourse));
    w.apply(&course, &w.researcher, RoundKind::ResearcherCourse).await;
    let chosen = w.apply(&course_hired, &w.researcher, RoundKind::ResearcherCourse).await;
    w.decide(chosen.body["id"].as_str().unwrap(), Some(Decision::Accepted)).await;

    w.app.set_now(w.applying(RoundKind::First));
    w.apply(&course_hired, &w.internal, RoundKind::First).await.assert_problem(409, "not-eligible");
    assert_eq!(w.apply(&course, &w.internal, RoundKind::First).await.status, 201, "not hired in the course");
    let no = w.apply(&rejected, &w.internal_2, RoundKind::First).await;
    w.decide(no.body["id"].as_str().unwrap(), Some(Decision::Rejected)).await;
    let yes = w.apply(&hired, &w.internal_2, RoundKind::First).await;
    w.decide(yes.body["id"].as_str().unwrap(), Some(Decision::Accepted)).await;

    w.app.set_now(w.applying(RoundKind::Second));
    assert_eq!(
        w.apply(&rejected, &w.internal, RoundKind::Second).await.status,
        201,
        "rejected may apply again"
    );
    w.apply(&hired, &w.internal, RoundKind::Second).await.assert_problem(409, "not-eligible");
    let never = w.resident("never", "1000012").await;
    assert_eq!(w.apply(&never, &w.internal, RoundKind::Second).await.status, 201, "never applied");
}

#[tokio::test]
async fn twenty_simultaneous_applications_by_one_resident_give_one_201_and_nineteen_409() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000013").await;
    w.app.set_now(w.applying(RoundKind::First));
    let programs = [&w.internal, &w.internal_2];
    let token = w.token(&hanako).await;
    let answers = futures::future::join_all((0..20).map(|i| {
        let body = json!({"program_id": programs[i % 2], "round_id": w.id(RoundKind::First)});
        let (app, token) = (&w.app, &token);
        async move { app.post("/api/v1/applications", Some(token), &body).await }
    }))
    .await;
    let created = answers.iter().filter(|a| a.status == 201).count();
    let refused: Vec<&str> =
        answers.iter().filter(|a| a.status == 409).map(|a| a.body["code"].as_str().unwrap()).collect();
    assert_eq!(created, 1, "{:?}", answers.iter().map(|a| &a.text).collect::<Vec<_>>());
    assert_eq!(refused, vec!["already-applied-in-round"; 19]);
    let live = application::Entity::find().all(&w.app.db).await.unwrap();
    assert_eq!(live.len(), 1);
}

#[tokio::test]
async fn search_and_detail_count_one_round_and_hide_hires_until_its_results() {
    let w = world().await;
    let (hanako, taro) = (w.resident("hanako", "1000014").await, w.resident("taro", "1000015").await);
    w.app.set_now(w.applying(RoundKind::First));
    let accepted = w.apply(&hanako, &w.internal, RoundKind::First).await;
    w.apply(&taro, &w.internal, RoundKind::First).await;
    let first = w.round(RoundKind::First).clone();
    w.app.set_now(first.adjustment.unwrap().start + SECOND);
    w.decide(accepted.body["id"].as_str().unwrap(), Some(Decision::Accepted)).await;

    let detail = |query: String| {
        let app = &w.app;
        let path = format!("/api/v1/programs/{}{query}", w.internal);
        async move { app.get(&path).await.body }
    };
    let searched = || async {
        w.app.find_program("specialty=internal-medicine&year=2024", |p| p["id"] == w.internal.as_str()).await
    };
    for shown in [detail(String::new()).await, searched().await] {
        assert_eq!(shown["counts_round_id"], w.id(RoundKind::First));
        assert_eq!(shown["applicant_count"], 2);
        assert_eq!(shown["hired_count"], Value::Null, "no decision is public before the results");
    }
    w.app.set_now(first.results_at - SECOND * 10);
    assert_eq!(detail(String::new()).await["hired_count"], Value::Null);

    w.app.set_now(first.results_at);
    // The first round is over: by default the program now shows the second round.
    for shown in [detail(String::new()).await, searched().await] {
        assert_eq!(shown["counts_round_id"], w.id(RoundKind::Second));
        assert_eq!(shown["applicant_count"], 0);
        assert_eq!(shown["hired_count"], Value::Null);
    }
    let asked = detail(format!("?round={}", w.id(RoundKind::First))).await;
    assert_eq!((asked["applicant_count"].clone(), asked["hired_count"].clone()), (json!(2), json!(1)));
    let in_round = w
        .app
        .find_program(&format!("round={}", w.id(RoundKind::First)), |p| p["id"] == w.internal.as_str())
        .await;
    assert_eq!(in_round["hired_count"], 1);
    assert_eq!(w.app.get(&format!("/api/v1/programs/{}?round=nope", w.internal)).await.status, 400);
}

fn row<'a>(statistics: &'a Value, prefecture: &str) -> &'a Value {
    statistics.as_array().unwrap().iter().find(|r| r["prefecture"] == prefecture).unwrap()
}

#[tokio::test]
async fn prefecture_statistics_and_annual_hires_show_decisions_only_from_the_results() {
    let w = world().await;
    ceiling::ActiveModel {
        year: Set(2024),
        prefecture: Set(senkoi_domain::prefecture::Prefecture::parse("13").unwrap()),
        specialty: Set(senkoi_domain::Specialty::InternalMedicine),
        ceiling: Set(40),
        updated_at: Set(Utc::now()),
    }
    .insert(&w.app.db)
    .await
    .unwrap();
    let people = [
        w.resident("a", "1000016").await,
        w.resident("b", "1000017").await,
        w.resident("c", "1000018").await,
        w.resident("d", "1000019").await,
    ];
    w.app.set_now(w.applying(RoundKind::First));
    let mut ids = Vec::new();
    for (person, program) in people.iter().zip([&w.internal, &w.internal_2, &w.internal, &w.internal_2]) {
        ids.push(w.apply(person, program, RoundKind::First).await.body["id"].as_str().unwrap().to_string());
    }
    w.withdraw(&people[3], &ids[3]).await;
    let first = w.round(RoundKind::First).clone();
    w.app.set_now(first.adjustment.unwrap().start + SECOND);
    w.decide(&ids[0], Some(Decision::Accepted)).await;
    w.decide(&ids[1], Some(Decision::Rejected)).await;

    let statistics = || async {
        let answer = w.app.get("/api/v1/statistics/prefectures?specialty=internal-medicine&year=2024").await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        answer.body
    };
    let before = statistics().await;
    assert_eq!(before.as_array().unwrap().len(), 47);
    let tokyo = row(&before, "13");
    assert_eq!(tokyo["capacity"], 3, "internal medicine of 2024: two programs and the researcher course");
    assert_eq!(tokyo["applicants"], 3, "the withdrawn one is not counted");
    assert_eq!(
        (tokyo["hired"].clone(), tokyo["rejected"].clone(), tokyo["unprocessed"].clone()),
        (json!(0), json!(0), json!(0))
    );
    assert_eq!(tokyo["ceiling"], 40);
    assert_eq!(row(&before, "01")["ceiling"], Value::Null);
    let hires = w.app.get("/api/v1/statistics/annual-hires?year=2024").await;
    assert_eq!(hires.body, json!([]), "nothing is public before the results");

    w.app.set_now(first.results_at);
    let after = statistics().await;
    let tokyo = row(&after, "13");
    assert_eq!(
        (tokyo["hired"].clone(), tokyo["rejected"].clone(), tokyo["unprocessed"].clone()),
        (json!(1), json!(1), json!(1))
    );
    let hires = w.app.get("/api/v1/statistics/annual-hires?year=2024").await;
    assert_eq!(
        hires.body,
        json!([{"year": 2024, "specialty": "internal-medicine", "prefecture": "13", "hired": 1}])
    );

    let surgery = w.app.get("/api/v1/statistics/prefectures?specialty=surgery&year=2024").await;
    assert_eq!(row(&surgery.body, "13")["ceiling"], Value::Null, "surgery is exempt");
    let bad = w.app.get("/api/v1/statistics/prefectures?specialty=dentistry&year=2024").await;
    bad.assert_problem(400, "invalid-query");
}

/// The seconds a public answer may be kept (`Cache-Control: public, max-age=N`).
fn max_age(answer: &senkoi_tests::Answer) -> i64 {
    let value = answer.headers["cache-control"].to_str().unwrap().to_string();
    value.strip_prefix("public, max-age=").expect(&value).parse::<i64>().unwrap()
}

#[tokio::test]
async fn public_statistics_are_counted_again_once_their_window_has_passed_the_boards_at_every_request() {
    let w = world_with(spawn_app_configured(|settings| settings.statistics_max_age = 60).await).await;
    let hanako = w.resident("hanako", "1000026").await;
    let start = w.applying(RoundKind::First);
    w.app.set_now(start);
    let public = "/api/v1/statistics/prefectures?specialty=internal-medicine&year=2024";
    let applicants = |answer: &senkoi_tests::Answer| row(&answer.body, "13")["applicants"].clone();

    let first = w.app.get(public).await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(applicants(&first), 0);
    assert_eq!(max_age(&first), 60);
    let hires = w.app.get("/api/v1/statistics/annual-hires?year=2024").await;
    assert_eq!(hires.headers["cache-control"], "public, max-age=60");
    assert_eq!(w.apply(&hanako, &w.internal, RoundKind::First).await.status, 201);

    w.app.set_now(start + Duration::seconds(30));
    let within = w.app.get(public).await;
    assert_eq!(applicants(&within), 0, "the figures counted 30 s ago stand");
    assert!((28..=30).contains(&max_age(&within)), "{}", max_age(&within));
    let other = w.app.get("/api/v1/statistics/prefectures?specialty=surgery&year=2024").await;
    assert_eq!(max_age(&other), 60, "each specialty is counted on its own");
    let admin = w.app.admin_token().await;
    let board = w
        .app
        .request(
            Method::GET,
            "/api/v1/board/prefectures?specialty=internal-medicine&year=2024",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(applicants(&board), 1, "the board's figures are counted at each request");
    assert_eq!(board.headers["cache-control"], "no-store");

    w.app.set_now(start + Duration::seconds(61));
    let after = w.app.get(public).await;
    assert_eq!(applicants(&after), 1, "counted again after the window");
    assert_eq!(max_age(&after), 60);
}

#[tokio::test]
async fn public_figures_counted_before_a_result_notification_are_not_given_after_it() {
    let w = world_with(spawn_app_configured(|settings| settings.statistics_max_age = 60).await).await;
    let hanako = w.resident("hanako", "1000027").await;
    w.app.set_now(w.applying(RoundKind::First));
    let id = w.apply(&hanako, &w.internal, RoundKind::First).await.body["id"].as_str().unwrap().to_string();
    let first = w.round(RoundKind::First).clone();
    w.app.set_now(first.adjustment.unwrap().start + SECOND);
    w.decide(&id, Some(Decision::Accepted)).await;
    let public = "/api/v1/statistics/prefectures?specialty=internal-medicine&year=2024";
    let hires = "/api/v1/statistics/annual-hires?year=2024";

    // Two seconds before the notice: no decision shows, and no cache may keep that past noon.
    w.app.set_now(first.results_at - Duration::seconds(2));
    let before = w.app.get(public).await;
    assert_eq!(row(&before.body, "13")["hired"], 0, "{}", before.text);
    assert!(max_age(&before) <= 2, "{}", max_age(&before));
    let before_hires = w.app.get(hires).await;
    assert_eq!(before_hires.body, json!([]));
    assert!(max_age(&before_hires) <= 2);

    // At the notice the figures are counted anew, though the 60 s window has not passed.
    w.app.set_now(first.results_at);
    let after = w.app.get(public).await;
    assert_eq!(row(&after.body, "13")["hired"], 1, "{}", after.text);
    assert_eq!(w.app.get(hires).await.body[0]["hired"], 1);
}

#[tokio::test]
async fn the_results_mail_goes_once_at_results_at_even_after_the_server_missed_the_instant() {
    let w = world().await;
    let (hanako, taro) = (w.resident("hanako", "1000020").await, w.resident("taro", "1000021").await);
    w.app.set_now(w.applying(RoundKind::First));
    w.apply(&hanako, &w.internal, RoundKind::First).await;
    let gone = w.apply(&taro, &w.internal, RoundKind::First).await;
    w.withdraw(&taro, gone.body["id"].as_str().unwrap()).await;
    let first = w.round(RoundKind::First).clone();
    // The test clock runs on from where it is set: a minute before, for the 1.5 s of waiting.
    w.app.set_now(first.results_at - Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let subject = "採用結果を公開しました";
    assert!(w.app.mail.mails_to(&hanako.email).iter().all(|m| !m.subject.contains(subject)), "not before");
    // The clock jumps an hour past the instant, as after a server that was down at noon.
    w.app.set_now(first.results_at + Duration::hours(1));
    let mail = w.app.mail.wait_for(&hanako.email, subject).await;
    assert!(mail.subject.contains("2024年度 1次募集"));
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let results =
        |to: &str| w.app.mail.mails_to(to).into_iter().filter(|m| m.subject.contains(subject)).count();
    assert_eq!(results(&hanako.email), 1, "once");
    assert_eq!(results(&taro.email), 0, "not to a withdrawn applicant");
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Subject.contains(subject))
        .all(&w.app.db)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
}

#[tokio::test]
async fn a_round_opening_is_mailed_to_the_residents_registered_for_its_year() {
    let w = world().await;
    w.app.set_now(noon_jst(2023, 10, 1));
    let hanako = w.resident("hanako", "1000022").await;
    let later = w.resident("later", "1000023").await;
    // Later registered in April 2024, for 2025. Written here rather than by moving the clock
    // there: the notice task, polling meanwhile, would find the round opened months ago and
    // mark its notice stale before the clock came back.
    let row = resident::Entity::find()
        .filter(resident::Column::Email.eq(&later.email))
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: resident::ActiveModel = row.into();
    row.created_at = Set(noon_jst(2024, 4, 2));
    row.update(&w.app.db).await.unwrap();
    w.app.set_now(w.round(RoundKind::First).application.start + Duration::minutes(5));
    let subject = "応募受付を開始しました";
    let mail = w.app.mail.wait_for(&hanako.email, subject).await;
    assert!(mail.subject.contains("2024年度 1次募集") && mail.body.contains("2023年11月14日 12:00 (JST)"));
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let opening =
        |to: &str| w.app.mail.mails_to(to).into_iter().filter(|m| m.subject.contains(subject)).count();
    assert_eq!(opening(&hanako.email), 1, "once");
    assert_eq!(opening(&later.email), 0, "registered for 2025");
}

#[tokio::test]
async fn a_decision_never_shows_in_any_mail_before_the_results() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000024").await;
    w.app.set_now(w.applying(RoundKind::First));
    let id = w.apply(&hanako, &w.internal, RoundKind::First).await.body["id"].as_str().unwrap().to_string();
    w.app.set_now(w.round(RoundKind::First).adjustment.unwrap().start + SECOND);
    w.decide(&id, Some(Decision::Accepted)).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let rows = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(&hanako.email))
        .all(&w.app.db)
        .await
        .unwrap();
    for mail in w.app.mail.mails_to(&hanako.email) {
        for word in ["採用が決定", "不採用", "保留", "accepted", "rejected"] {
            assert!(!mail.body.contains(word), "{word} in {}", mail.subject);
        }
    }
    assert!(!rows.is_empty());
}

/// Deleting the account is judged on what the resident sees: before the results a rejection
/// still reads 応募中, so the refusal tells nothing; from the results it no longer holds them.
#[tokio::test]
async fn deleting_the_account_never_tells_a_decision_before_the_results() {
    let w = world().await;
    let hanako = w.resident("hanako", "1000025").await;
    w.app.set_now(w.applying(RoundKind::First));
    let id = w.apply(&hanako, &w.internal, RoundKind::First).await.body["id"].as_str().unwrap().to_string();
    let first = w.round(RoundKind::First).clone();
    w.app.set_now(first.adjustment.unwrap().start + SECOND);
    w.decide(&id, Some(Decision::Rejected)).await;
    let delete = |token: String| {
        let app = &w.app;
        async move { app.request(Method::DELETE, "/api/v1/me", Some(&token), None).await }
    };
    w.app.set_now(first.results_at - Duration::minutes(1));
    delete(w.token(&hanako).await).await.assert_problem(409, "application-live");
    w.app.set_now(first.results_at);
    assert_eq!(delete(w.token(&hanako).await).await.status, 204);

    // The application stays for the statistics; the person's details are gone, and the board
    // sees the applicant as 退会済み.
    let stored = resident::Entity::find()
        .filter(resident::Column::UserId.eq(hanako.user_id.as_str()))
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.deleted_at.is_some());
    for (field, value) in [
        ("email", &stored.email),
        ("family_name", &stored.family_name),
        ("given_name", &stored.given_name),
        ("family_name_kana", &stored.family_name_kana),
        ("medical_registration_number", &stored.medical_registration_number),
        ("address", &stored.address),
        ("phone", &stored.phone),
        ("postal_code", &stored.postal_code),
    ] {
        assert_eq!(value, "", "{field} is erased");
    }
    assert_eq!(
        stored.date_of_birth,
        chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
        "no date of birth kept"
    );
    assert_eq!(
        stored.specialty,
        senkoi_domain::Specialty::InternalMedicine,
        "what the statistics count stays"
    );
    let admin = w.app.staff("admin").await;
    let listed = w
        .app
        .request(
            Method::GET,
            &format!("/api/v1/programs/{}/applications", w.internal),
            Some(&admin.access),
            None,
        )
        .await;
    let row =
        listed.body["items"].as_array().unwrap().iter().find(|a| a["id"] == id.as_str()).unwrap().clone();
    assert_eq!(
        (row["deleted"].clone(), row["profile"]["family_name"].clone()),
        (json!(true), json!("")),
        "{row}"
    );
    let csv = w
        .app
        .request(
            Method::GET,
            &format!("/api/v1/programs/{}/applications.csv", w.internal),
            Some(&admin.access),
            None,
        )
        .await;
    assert!(
        csv.text.contains("退会済み") && !csv.text.contains("ヤマダ") && !csv.text.contains("花子"),
        "{}",
        csv.text
    );
}
