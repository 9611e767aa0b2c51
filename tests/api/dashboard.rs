//! The directors' dashboard: applicant lists (filters, order, CSV for Excel), the room left under
//! capacity and ceiling, the programs a director runs, and confirming results (募集実施確認) — each
//! reachable only by the program's own director (404 for any other) and, to read, by the board.

use chrono::Duration;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::audit_event;
use senkoi_domain::Specialty;
use serde_json::{Value, json};

use crate::board::board;

fn ids_of(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_director_lists_the_applicants_of_own_programs_with_their_profiles_filters_and_order() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let ids = b.applicants(&program, 3).await;
    b.profile(&ids[0], "ワタナベ", "2020-04", "城北病院臨床研修プログラム").await;
    b.profile(&ids[1], "アベ", "2022-04", "城北病院臨床研修プログラム").await;
    b.profile(&ids[2], "カトウ", "2018-04", "城北病院臨床研修プログラム").await;
    b.adjusting();
    b.decide(&mine, &ids[1], json!("rejected")).await;
    let list = |query: &str| b.get_as(&mine, format!("/api/v1/programs/{program}/applications{query}"));

    let all = list("").await;
    assert_eq!(all.status, 200, "{}", all.text);
    assert_eq!(all.body["total"], 3);
    assert_eq!(ids_of(&all.body), ids, "oldest first");
    let first = &all.body["items"][0];
    assert_eq!(first["profile"]["family_name_kana"], "ワタナベ");
    assert_eq!(first["years_since_license"], 4, "licensed 2020-04, recruitment year 2024");
    assert!(first["user_id"].as_str().unwrap().starts_with('S'));
    assert_eq!(list("?decided=false").await.body["total"], 2);
    let rejected = list("?status=rejected&per_page=1").await;
    assert_eq!((rejected.body["total"].clone(), ids_of(&rejected.body)), (json!(1), vec![ids[1].clone()]));

    let order = |indices: [usize; 3]| indices.map(|i| ids[i].clone()).to_vec();
    for (sort, expected) in [
        ("applied-at", order([0, 1, 2])),
        ("-applied-at", order([2, 1, 0])),
        ("kana", order([1, 2, 0])),
        ("-kana", order([0, 2, 1])),
        ("license", order([2, 0, 1])),
        ("-license", order([1, 0, 2])),
    ] {
        assert_eq!(ids_of(&list(&format!("?sort={sort}")).await.body), expected, "{sort}");
    }
    assert_eq!(ids_of(&list("?sort=kana&decided=false").await.body), vec![ids[2].clone(), ids[0].clone()]);
    // The list and its CSV read one query type: what the document's enums leave out, both refuse.
    let csv = |query: &str| b.get_as(&mine, format!("/api/v1/programs/{program}/applications.csv{query}"));
    for query in ["?sort=name", "?sort=", "?status=hired", "?status=", "?decided=maybe"] {
        list(query).await.assert_problem(400, "invalid-query");
        csv(query).await.assert_problem(400, "invalid-query");
    }
    assert_eq!(csv("?sort=-kana&status=applied").await.status, 200);

    b.get_as(&other, &format!("/api/v1/programs/{program}/applications"))
        .await
        .assert_problem(404, "not-found");
    let admin = b.app.staff("admin").await;
    assert_eq!(
        b.get_as(&admin, &format!("/api/v1/programs/{program}/applications")).await.body["total"],
        3,
        "the board sees every program's"
    );
}

#[tokio::test]
async fn the_applicant_list_exports_as_csv_that_excel_opens_and_that_never_runs_a_formula() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let ids = b.applicants(&program, 2).await;
    b.profile(&ids[0], "ワタナベ", "2020-04", "=HYPERLINK(\"http://evil.example\")").await;
    b.profile(&ids[1], "アベ", "2022-04", "城北病院臨床研修プログラム").await;
    b.adjusting();
    b.decide(&mine, &ids[0], json!("accepted")).await;

    let path = format!("/api/v1/programs/{program}/applications.csv?sort=kana");
    let answer = b.get_as(&mine, &path).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.content_type, "text/csv; charset=utf-8");
    assert!(answer.headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename="));
    let text = answer.text.as_str();
    assert!(text.starts_with('\u{FEFF}'), "UTF-8 with a byte order mark for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
    assert_eq!(lines.len(), 4, "a header, two rows and the last line's end: {lines:?}");
    assert!(
        lines[0].starts_with("受付番号,応募日時,ユーザID,氏名（姓）,氏名（名）,フリガナ（姓）"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains(",アベ,") && lines[1].ends_with(",応募中,未処理"), "{}", lines[1]);
    assert!(lines[2].contains(",ワタナベ,") && lines[2].ends_with(",採用,採用"), "{}", lines[2]);
    assert!(
        lines[2].contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "a formula is defused: {}",
        lines[2]
    );
    assert!(lines[2].contains(",プログラム制,"), "{}", lines[2]);

    b.get_as(&other, &path).await.assert_problem(404, "not-found");
    let resident = b.app.resident("csv@example.jp", "7777777").await;
    let refused = b.app.request(Method::GET, &path, Some(&resident.access), None).await;
    refused.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn the_room_left_under_capacity_and_ceiling_follows_each_decision() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    b.ceiling(Specialty::InternalMedicine, 3).await;
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let neighbour = b.program("城北 総合内科", "internal-medicine", 5, &other).await;
    let surgery = b.program("城北 外科", "surgery", 2, &mine).await;
    let ids = b.applicants(&program, 2).await;
    let theirs = b.applicants(&neighbour, 1).await;
    b.adjusting();
    let room = |id: &str| b.get_as(&mine, format!("/api/v1/programs/{id}/room"));

    let before = room(&program).await;
    assert_eq!(before.status, 200, "{}", before.text);
    assert_eq!(
        before.body,
        json!({"capacity": 5, "hired": 0, "remaining_capacity": 5, "ceiling": 3, "ceiling_hired": 0,
            "remaining_ceiling": 3, "remaining": 3})
    );
    b.decide(&mine, &ids[0], json!("accepted")).await;
    b.decide(&other, &theirs[0], json!("accepted")).await;
    let after = room(&program).await.body;
    assert_eq!(
        (
            after["hired"].clone(),
            after["ceiling_hired"].clone(),
            after["remaining_ceiling"].clone(),
            after["remaining"].clone()
        ),
        (json!(1), json!(2), json!(1), json!(1)),
        "another director's hire in the cell counts against the ceiling"
    );
    let exempt = room(&surgery).await.body;
    assert_eq!((exempt["ceiling"].clone(), exempt["remaining"].clone()), (Value::Null, json!(2)));

    let programs = b.get_as(&mine, "/api/v1/me/programs").await;
    assert_eq!(programs.status, 200, "{}", programs.text);
    let names: Vec<&str> =
        programs.body.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["城北 内科", "城北 外科"], "only the director's own, by name");
    let first = &programs.body[0];
    assert_eq!((first["prefecture"].clone(), first["room"]["remaining"].clone()), (json!("13"), json!(1)));
    assert_eq!(first["base_facility_name"], "城北大学病院");

    room(&neighbour).await.assert_problem(404, "not-found");
    let admin = b.app.staff("admin").await;
    b.get_as(&admin, "/api/v1/me/programs").await.assert_problem(403, "forbidden");
    assert_eq!(b.get_as(&admin, &format!("/api/v1/programs/{neighbour}/room")).await.body["hired"], 1);
}

#[tokio::test]
async fn a_director_confirms_a_rounds_results_once_inside_the_confirmation_period() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let late = b.program("城北 総合診療", "general-medicine", 5, &mine).await;
    let confirm = |director, round: &str| {
        let (app, path) = (&b.app, format!("/api/v1/programs/{program}/confirmations"));
        let body = json!({"round_id": round});
        async move {
            let director = app.sign_in_again(director).await;
            app.request(Method::POST, &path, Some(&director.access), Some(&body)).await
        }
    };
    b.adjusting();
    confirm(&mine, &b.first_id).await.assert_problem(409, "outside-confirmation-period");
    let period = b.first.confirmation.unwrap();
    b.app.set_now(period.start + Duration::hours(1));
    confirm(&other, &b.first_id).await.assert_problem(404, "not-found");
    confirm(&mine, "no-such-round").await.assert_problem(422, "validation-failed");

    let done = confirm(&mine, &b.first_id).await;
    assert_eq!(done.status, 201, "{}", done.text);
    assert_eq!(done.body["round_id"], b.first_id.as_str());
    confirm(&mine, &b.first_id).await.assert_problem(409, "already-confirmed");
    let listed = b.get_as(&mine, "/api/v1/me/programs").await;
    assert_eq!(listed.body[0]["confirmations"][0]["round_id"], b.first_id.as_str());
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("program.results-confirmed"))
        .filter(audit_event::Column::EntityId.eq(program.clone()))
        .all(&b.app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].actor_id.as_deref(), Some(mine.id.as_str()));
    assert!(audited[0].request_id.is_some(), "the request that made the change is recorded");
    let rounds = b.app.get("/api/v1/rounds?year=2024").await.body;
    let researcher =
        rounds["items"].as_array().unwrap().iter().find(|r| r["kind"] == "researcher-course").unwrap();
    confirm(&mine, researcher["id"].as_str().unwrap()).await.assert_problem(422, "validation-failed");
    b.app.set_now(period.end);
    let path = format!("/api/v1/programs/{late}/confirmations");
    let mine = b.app.sign_in_again(&mine).await;
    b.app
        .request(Method::POST, &path, Some(&mine.access), Some(&json!({"round_id": b.first_id})))
        .await
        .assert_problem(409, "outside-confirmation-period");
}

#[tokio::test]
async fn a_director_edits_the_locked_profile_of_a_live_applicant_only() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let id = b.applicants(&program, 1).await.remove(0);
    b.adjusting();
    let edit = |director, body: Value| {
        let (app, path) = (&b.app, format!("/api/v1/applications/{id}/profile"));
        async move {
            let director = app.sign_in_again(director).await;
            app.request(Method::PATCH, &path, Some(&director.access), Some(&body)).await
        }
    };
    let changed = edit(&mine, json!({"phone": "03-9999-0000", "address": "千代田区丸の内1-1"})).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(
        (changed.body["phone"].clone(), changed.body["locked"].clone()),
        (json!("03-9999-0000"), json!(true))
    );
    let listed = b.get_as(&mine, format!("/api/v1/programs/{program}/applications")).await;
    assert_eq!(listed.body["items"][0]["profile"]["address"], "千代田区丸の内1-1");
    let bad = edit(&mine, json!({"phone": "12"})).await;
    bad.assert_problem(422, "validation-failed");
    assert_eq!(bad.body["errors"][0]["field"], "phone");
    edit(&other, json!({"phone": "03-1111-1111"})).await.assert_problem(404, "not-found");
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("resident.profile-changed"))
        .filter(audit_event::Column::ActorId.eq(mine.id.clone()))
        .all(&b.app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1, "one change, by the director");

    b.decide(&mine, &id, json!("rejected")).await;
    edit(&mine, json!({"phone": "03-2222-2222"})).await.assert_problem(404, "not-found");
}

/// Every director endpoint answers 404 to a director through another's program or application,
/// as if it did not exist, and writes nothing.
#[tokio::test]
async fn every_director_endpoint_is_404_for_another_directors_program() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let id = b.applicants(&program, 1).await.remove(0);
    b.adjusting();
    assert_eq!(b.decide(&mine, &id, json!("accepted")).await.status, 200);
    let other = b.app.sign_in_again(&other).await;
    let calls = [
        (Method::GET, format!("/api/v1/programs/{program}/applications"), None),
        (Method::GET, format!("/api/v1/programs/{program}/applications.csv"), None),
        (Method::GET, format!("/api/v1/programs/{program}/room"), None),
        (
            Method::POST,
            format!("/api/v1/programs/{program}/confirmations"),
            Some(json!({"round_id": b.first_id})),
        ),
        (Method::PUT, format!("/api/v1/applications/{id}/decision"), Some(json!({"decision": "rejected"}))),
        (
            Method::PUT,
            "/api/v1/applications/decisions".to_string(),
            Some(json!({"decisions": [{"application_id": id, "decision": "rejected"}]})),
        ),
        (Method::POST, format!("/api/v1/applications/{id}/decline"), Some(json!({}))),
        (Method::PATCH, format!("/api/v1/applications/{id}/profile"), Some(json!({"phone": "03-1111-1111"}))),
    ];
    for (method, path, body) in calls {
        let answer = b.app.request(method.clone(), &path, Some(&other.access), body.as_ref()).await;
        assert_eq!(
            (answer.status.as_u16(), answer.body["code"].clone()),
            (404, json!("not-found")),
            "{method} {path}"
        );
    }
    let row =
        senkoi_api::entities::application::Entity::find_by_id(id).one(&b.app.db).await.unwrap().unwrap();
    assert_eq!(row.status, senkoi_domain::application::ApplicationStatus::Accepted, "nothing changed");
}
