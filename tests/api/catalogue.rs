//! Facilities and programs: the board keeps the catalogue; everyone searches it.

use reqwest::Method;
use senkoi_tests::{TestApp, spawn_app};
use serde_json::{Value, json};

async fn facility(app: &TestApp, admin: &str, name: &str, prefecture: &str) -> String {
    let answer = app
        .request(
            Method::POST,
            "/api/v1/facilities",
            Some(admin),
            Some(&json!({"name": name, "prefecture": prefecture})),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.body["id"].as_str().unwrap().to_string()
}

async fn program(app: &TestApp, admin: &str, body: Value) -> Value {
    let answer = app.request(Method::POST, "/api/v1/programs", Some(admin), Some(&body)).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.body
}

/// Three facilities in two prefectures and four programs.
async fn small_catalogue(app: &TestApp) -> (String, Vec<Value>) {
    let admin = app.admin_token().await;
    let tokyo = facility(app, &admin, "城北大学医学部附属病院", "13").await;
    let tokyo2 = facility(app, &admin, "東都医療センター", "13").await;
    let osaka = facility(app, &admin, "浪速市民病院", "27").await;
    let mut programs = Vec::new();
    for (name, specialty, base, capacity) in [
        ("城北大学 内科専門研修プログラム", "internal-medicine", &tokyo, 10),
        ("城北大学 外科専門研修プログラム", "surgery", &tokyo, 5),
        ("東都医療センター 内科専門研修プログラム", "internal-medicine", &tokyo2, 4),
        ("浪速市民病院 内科専門研修プログラム", "internal-medicine", &osaka, 6),
    ] {
        programs.push(
            program(
                app,
                &admin,
                json!({
                    "name": name, "specialty": specialty, "year": 2024, "base_facility_id": base,
                    "affiliated_facility_ids": [osaka.clone()], "capacity": capacity,
                    "contact": "内科医局 03-0000-0000", "description": "説明"
                }),
            )
            .await,
        );
    }
    (admin, programs)
}

fn names(answer: &Value) -> Vec<String> {
    answer["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn search_combines_its_filters_with_and() {
    let app = spawn_app().await;
    small_catalogue(&app).await;
    let all = app.get("/api/v1/programs").await;
    assert_eq!(all.body["total"], 4);
    let tokyo_internal = app.get("/api/v1/programs?specialty=internal-medicine&prefecture=13").await;
    assert_eq!(
        names(&tokyo_internal.body),
        ["城北大学 内科専門研修プログラム", "東都医療センター 内科専門研修プログラム"]
    );
    let by_facility = app.get("/api/v1/programs?facility=%E5%9F%8E%E5%8C%97&specialty=surgery").await; // 城北
    assert_eq!(names(&by_facility.body), ["城北大学 外科専門研修プログラム"]);
    let by_name = app.get("/api/v1/programs?name=%E6%B5%AA%E9%80%9F").await; // 浪速
    assert_eq!(by_name.body["total"], 1);
    let nothing = app.get("/api/v1/programs?prefecture=27&specialty=surgery").await;
    assert_eq!(nothing.body["total"], 0);
    assert_eq!(nothing.body["items"], json!([]));
}

#[tokio::test]
async fn search_takes_wildcards_literally() {
    let app = spawn_app().await;
    small_catalogue(&app).await;
    assert_eq!(app.get("/api/v1/programs?name=%25").await.body["total"], 0);
    assert_eq!(app.get("/api/v1/programs?facility=_").await.body["total"], 0);
    // The board's facility search too: `%` and `_` are the characters, not any text.
    let admin = app.admin_token().await;
    facility(&app, &admin, "第100%記念病院", "13").await;
    facility(&app, &admin, "第1000記念病院", "13").await;
    let names = |path: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let answer = app.request(Method::GET, path, Some(&admin), None).await;
            assert_eq!(answer.status, 200, "{}", answer.text);
            let items = answer.body["items"].as_array().unwrap().clone();
            items.iter().map(|f| f["name"].as_str().unwrap().to_string()).collect::<Vec<_>>()
        }
    };
    assert_eq!(names("/api/v1/facilities?name=100%25").await, ["第100%記念病院"]);
    assert_eq!(names("/api/v1/facilities?name=%25").await, ["第100%記念病院"]);
    assert_eq!(names("/api/v1/facilities?name=_").await, Vec::<String>::new());
}

#[tokio::test]
async fn search_refuses_an_unknown_specialty_or_prefecture() {
    let app = spawn_app().await;
    app.get("/api/v1/programs?specialty=cardiology").await.assert_problem(400, "invalid-query");
    app.get("/api/v1/programs?prefecture=99").await.assert_problem(400, "invalid-query");
}

#[tokio::test]
async fn search_pages_through_the_results() {
    let app = spawn_app().await;
    small_catalogue(&app).await;
    let first = app.get("/api/v1/programs?per_page=3&page=1").await;
    let second = app.get("/api/v1/programs?per_page=3&page=2").await;
    assert_eq!((first.body["total"].clone(), first.body["per_page"].clone()), (json!(4), json!(3)));
    assert_eq!(names(&first.body).len(), 3);
    assert_eq!(names(&second.body).len(), 1);
    let mut every = names(&first.body);
    every.extend(names(&second.body));
    every.sort();
    every.dedup();
    assert_eq!(every.len(), 4, "pages neither repeat nor skip");
}

#[tokio::test]
async fn the_detail_shows_capacity_facilities_and_contact() {
    let app = spawn_app().await;
    let (_, programs) = small_catalogue(&app).await;
    let id = programs[0]["id"].as_str().unwrap();
    let detail = app.get(&format!("/api/v1/programs/{id}")).await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.body["capacity"], 10);
    assert_eq!(detail.body["applicant_count"], 0);
    assert_eq!(detail.body["hired_count"], Value::Null, "no round of its year: nothing is counted");
    assert_eq!(detail.body["counts_round_id"], Value::Null);
    assert_eq!(detail.body["prefecture"], "13");
    assert_eq!(detail.body["base_facility_name"], "城北大学医学部附属病院");
    assert_eq!(detail.body["affiliated_facilities"][0]["name"], "浪速市民病院");
    assert_eq!(detail.body["contact"], "内科医局 03-0000-0000");
}

#[tokio::test]
async fn a_program_with_an_unknown_base_facility_or_zero_capacity_is_refused_field_by_field() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let answer = app
        .request(
            Method::POST,
            "/api/v1/programs",
            Some(&admin),
            Some(&json!({
                "name": "", "specialty": "cardiology", "year": 2024, "base_facility_id": "nope", "capacity": 0
            })),
        )
        .await;
    let body = answer.assert_problem(422, "validation-failed");
    let mut fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["base_facility_id", "capacity", "name", "specialty"]);
}

#[tokio::test]
async fn the_board_changes_and_removes_a_program() {
    let app = spawn_app().await;
    let (admin, programs) = small_catalogue(&app).await;
    let path = format!("/api/v1/programs/{}", programs[1]["id"].as_str().unwrap());
    let changed = app
        .request(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(&json!({"capacity": 8, "affiliated_facility_ids": []})),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.body["capacity"], 8);
    assert_eq!(changed.body["affiliated_facilities"], json!([]));
    assert_eq!(changed.body["name"], programs[1]["name"], "absent fields keep their value");
    assert_eq!(app.request(Method::DELETE, &path, Some(&admin), None).await.status, 204);
    app.get(&path).await.assert_problem(404, "not-found");
}

#[tokio::test]
async fn a_facility_used_by_a_program_cannot_be_removed() {
    let app = spawn_app().await;
    let (admin, programs) = small_catalogue(&app).await;
    let base = programs[0]["base_facility_id"].as_str().unwrap();
    app.request(Method::DELETE, &format!("/api/v1/facilities/{base}"), Some(&admin), None)
        .await
        .assert_problem(409, "facility-in-use");
    assert_eq!(app.get(&format!("/api/v1/facilities/{base}")).await.status, 200);
}

/// The facility's and the program's field rules are the domain's: every refusal at once, with
/// the domain's codes and messages.
#[tokio::test]
async fn catalogue_fields_are_refused_together_by_the_domains_rules() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let facility = app
        .request(
            Method::POST,
            "/api/v1/facilities",
            Some(&admin),
            Some(&json!({"name": "東京\n病院", "prefecture": "48"})),
        )
        .await;
    facility.assert_problem(422, "validation-failed");
    let codes: Vec<(&str, &str)> = facility.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("name", "invalid-name"), ("prefecture", "invalid-prefecture")]);
    assert_eq!(
        facility.body["errors"][0]["message"],
        "名称は200文字以内で、改行を含めずに入力してください。"
    );

    let tokyo = app
        .request(
            Method::POST,
            "/api/v1/facilities",
            Some(&admin),
            Some(&json!({"name": "東京病院", "prefecture": "13"})),
        )
        .await;
    let body = json!({"name": "内科", "specialty": "internal-medicine", "year": 1999,
        "base_facility_id": tokyo.body["id"], "capacity": 0});
    let program = app.request(Method::POST, "/api/v1/programs", Some(&admin), Some(&body)).await;
    program.assert_problem(422, "validation-failed");
    let errors = &program.body["errors"];
    assert_eq!(
        (errors[0]["code"].clone(), errors[1]["code"].clone()),
        (json!("invalid-year"), json!("invalid-capacity"))
    );
    assert_eq!(errors[1]["message"], "定員は1〜1000名で入力してください。");
}
