//! What a society's system reaches with its token: its specialty's programs (which it may also
//! create, change and delete, as the board can), applications with the published results, and
//! residents, read through change feeds that never miss or repeat a change; nothing of another
//! specialty; throttled per client and refused at once when revoked.

use chrono::Duration;
use reqwest::Method;
use senkoi_tests::{TestApp, spawn_app_configured};
use serde_json::{Value, json};

use crate::board::{Board, board};

/// A society client of `specialty` registered by the board: (`client_id`, secret, its id).
pub async fn society_client(app: &TestApp, admin: &str, specialty: &str) -> (String, String, String) {
    let made = app
        .post(
            "/api/v1/society-clients",
            Some(admin),
            &json!({"name": format!("{specialty} 学会"), "specialty": specialty}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let field = |key: &str| made.body[key].as_str().unwrap().to_string();
    (field("client_id"), field("client_secret"), field("id"))
}

/// A token for the client at the application's current clock.
pub async fn society_token(app: &TestApp, client_id: &str, secret: &str) -> String {
    let form = [("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret)];
    let response =
        app.client.post(format!("{}/api/v1/auth/token", app.address)).form(&form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

/// Seals the audit chain, as the background pass does every two seconds: the feeds show a change
/// once it has its place.
pub async fn seal(app: &TestApp) {
    senkoi_api::audit::chain::seal(&app.db).await.expect("seal the audit chain");
}

async fn feed(app: &TestApp, token: &str, path: &str) -> senkoi_tests::Answer {
    app.request(Method::GET, path, Some(token), None).await
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_society_reaches_only_its_own_specialty() {
    let Board { app, admin, tokyo, .. } = board().await;
    let (client_id, secret, _) = society_client(&app, &admin, "internal-medicine").await;
    let society = society_token(&app, &client_id, &secret).await;
    let program = |name: &str, specialty: &str| json!({"name": name, "specialty": specialty, "year": 2024, "base_facility_id": tokyo, "capacity": 3});
    let pediatric = app.post("/api/v1/programs", Some(&admin), &program("城北 小児科", "pediatrics")).await;
    let pediatric = pediatric.body["id"].as_str().unwrap().to_string();

    let own = app
        .post("/api/v1/programs", Some(&society), &program("城北 内科 学会登録", "internal-medicine"))
        .await;
    assert_eq!(own.status, 201, "{}", own.text);
    let own = own.body["id"].as_str().unwrap().to_string();
    app.post("/api/v1/programs", Some(&society), &program("城北 小児科 2", "pediatrics"))
        .await
        .assert_problem(404, "not-found");
    let path = |id: &str| format!("/api/v1/programs/{id}");
    let changed =
        app.request(Method::PATCH, &path(&own), Some(&society), Some(&json!({"capacity": 5}))).await;
    assert_eq!(
        (changed.status.as_u16(), changed.body["capacity"].clone()),
        (200, json!(5)),
        "{}",
        changed.text
    );
    app.request(Method::PATCH, &path(&own), Some(&society), Some(&json!({"specialty": "pediatrics"})))
        .await
        .assert_problem(404, "not-found");
    app.request(Method::PATCH, &path(&pediatric), Some(&society), Some(&json!({"capacity": 9})))
        .await
        .assert_problem(404, "not-found");
    app.request(Method::DELETE, &path(&pediatric), Some(&society), None)
        .await
        .assert_problem(404, "not-found");
    let untouched = app.get(&path(&pediatric)).await;
    assert_eq!(untouched.body["capacity"], 3, "nothing of another specialty changed");
    assert_eq!(app.get(&path(&own)).await.body["specialty"], "internal-medicine");

    seal(&app).await;
    let programs = feed(&app, &society, "/api/v1/society/programs").await;
    assert_eq!(programs.status, 200, "{}", programs.text);
    assert_eq!(ids(&programs.body), std::slice::from_ref(&own), "only its own specialty");
    assert_eq!(programs.body["items"][0]["program"]["capacity"], 5);

    // Nobody else reads the feeds; a society reads nothing meant for people or the board.
    for token in [admin.as_str(), app.staff_token("director").await.as_str()] {
        feed(&app, token, "/api/v1/society/applications").await.assert_problem(403, "forbidden");
    }
    feed(&app, &society, "/api/v1/ceilings?year=2024").await.assert_problem(403, "forbidden");
    app.get("/api/v1/society/residents").await.assert_problem(401, "unauthenticated");

    // A deletion comes through the feed too.
    assert_eq!(app.request(Method::DELETE, &path(&own), Some(&society), None).await.status, 204);
    seal(&app).await;
    let cursor = programs.body["next_cursor"].as_str().unwrap();
    let after = feed(&app, &society, &format!("/api/v1/society/programs?cursor={cursor}")).await;
    assert_eq!(ids(&after.body), std::slice::from_ref(&own));
    assert_eq!(
        (after.body["items"][0]["deleted"].clone(), after.body["items"][0]["program"].clone()),
        (json!(true), Value::Null)
    );
}

#[tokio::test]
async fn the_feeds_give_each_change_once_and_decisions_only_with_the_results() {
    let b = board().await;
    let app = &b.app;
    let director = app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 2, &director).await;
    let (client_id, secret, _) = society_client(app, &b.admin, "internal-medicine").await;
    let (other_id, other_secret, _) = society_client(app, &b.admin, "pediatrics").await;

    app.set_now(b.first.application.start + Duration::hours(1));
    let resident = app.resident("feed@example.jp", "0234567").await;
    let applied = app
        .post(
            "/api/v1/applications",
            Some(&resident.access),
            &json!({"program_id": program, "round_id": b.first_id}),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.text);
    let application = applied.body["id"].as_str().unwrap().to_string();
    let society = society_token(app, &client_id, &secret).await;
    let first = feed(app, &society, "/api/v1/society/applications").await;
    assert!(ids(&first.body).is_empty(), "a change waits for its place in the chain: {}", first.text);
    seal(app).await;
    let first = feed(app, &society, "/api/v1/society/applications").await;
    assert_eq!(ids(&first.body), std::slice::from_ref(&application), "{}", first.text);
    let item = &first.body["items"][0];
    assert_eq!((item["status"].clone(), item["results_published"].clone()), (json!("applied"), json!(false)));
    assert_eq!(item["user_id"], resident.user_id);
    assert_eq!(first.body["has_more"], false);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let again = feed(app, &society, &format!("/api/v1/society/applications?cursor={cursor}")).await;
    assert!(ids(&again.body).is_empty(), "nothing twice");
    assert_eq!(again.body["next_cursor"], cursor.as_str(), "the cursor stays where nothing changed");

    let residents = feed(app, &society, "/api/v1/society/residents").await;
    let registered = &residents.body["items"][0];
    assert_eq!(
        (registered["user_id"].clone(), registered["deleted"].clone()),
        (json!(resident.user_id), json!(false))
    );
    assert_eq!(registered["profile"]["medical_registration_number"], "0234567");
    for private in ["email", "phone", "address", "postal_code"] {
        assert!(
            registered["profile"].get(private).is_none() && registered.get(private).is_none(),
            "{private}"
        );
    }
    // The stored codes go out through the domain's parse: a broken one is the server's error,
    // never passed on to the society as it is.
    assert_eq!(registered["profile"]["gender"], "female", "{}", residents.text);
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        use senkoi_api::entities::resident as row;
        let broken = row::Entity::update_many()
            .col_expr(row::Column::Gender, Expr::value("other"))
            .filter(row::Column::UserId.eq(resident.user_id.as_str()));
        broken.exec(&app.db).await.unwrap();
        feed(app, &society, "/api/v1/society/residents").await.assert_problem(500, "internal-error");
        let mended = row::Entity::update_many()
            .col_expr(row::Column::Gender, Expr::value("female"))
            .filter(row::Column::UserId.eq(resident.user_id.as_str()));
        mended.exec(&app.db).await.unwrap();
    }
    let other = society_token(app, &other_id, &other_secret).await;
    for path in ["/api/v1/society/applications", "/api/v1/society/residents", "/api/v1/society/programs"] {
        let answer = feed(app, &other, path).await;
        assert!(ids(&answer.body).is_empty(), "another specialty sees nothing: {path} {}", answer.text);
    }

    // A decision is not public before the results: the feed does not move.
    b.adjusting();
    assert_eq!(b.decide(&director, &application, json!("accepted")).await.status, 200);
    seal(app).await;
    let society = society_token(app, &client_id, &secret).await;
    let during = feed(app, &society, &format!("/api/v1/society/applications?cursor={cursor}")).await;
    assert!(ids(&during.body).is_empty(), "a decision waits for the results: {}", during.text);
    let whole = feed(app, &society, "/api/v1/society/applications").await;
    assert_eq!(whole.body["items"][0]["status"], "applied", "and reads as applied until then");
    let since = (b.first.adjustment.unwrap().start).to_rfc3339();
    let url = format!("/api/v1/society/applications?updated_since={}", urlencode(&since));
    assert!(
        ids(&feed(app, &society, &url).await.body).is_empty(),
        "updated_since does not tell of a decision either"
    );

    // At the result notification the application comes again, with its decision.
    let results_at = b.first.results_at;
    app.set_now(results_at + Duration::seconds(1));
    senkoi_api::notices::queue_due(&app.db, results_at + Duration::seconds(1), "http://127.0.0.1")
        .await
        .unwrap();
    seal(app).await;
    let society = society_token(app, &client_id, &secret).await;
    let published = feed(app, &society, &format!("/api/v1/society/applications?cursor={cursor}")).await;
    assert_eq!(ids(&published.body), std::slice::from_ref(&application), "{}", published.text);
    let item = &published.body["items"][0];
    assert_eq!((item["status"].clone(), item["results_published"].clone()), (json!("accepted"), json!(true)));
    let next = published.body["next_cursor"].as_str().unwrap();
    assert!(
        ids(&feed(app, &society, &format!("/api/v1/society/applications?cursor={next}")).await.body)
            .is_empty()
    );
}

fn urlencode(text: &str) -> String {
    text.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn a_feed_pages_with_its_cursor_and_refuses_a_bad_one() {
    let Board { app, admin, tokyo, .. } = board().await;
    let (client_id, secret, _) = society_client(&app, &admin, "surgery").await;
    let society = society_token(&app, &client_id, &secret).await;
    // The first poll of a specialty with nothing yet: its next_cursor is taken back as it was.
    for path in ["/api/v1/society/programs", "/api/v1/society/applications", "/api/v1/society/residents"] {
        let empty = feed(&app, &society, path).await;
        assert_eq!(empty.body["items"], json!([]), "{path}: {}", empty.text);
        let cursor = empty.body["next_cursor"].as_str().unwrap().to_string();
        let again = feed(&app, &society, &format!("{path}?cursor={cursor}")).await;
        assert_eq!(
            (again.status.as_u16(), again.body["next_cursor"].clone()),
            (200, json!(cursor)),
            "{path}"
        );
    }
    let mut made = Vec::new();
    for n in 0..5 {
        let body = json!({"name": format!("外科 {n}"), "specialty": "surgery", "year": 2024, "base_facility_id": tokyo, "capacity": 2});
        made.push(
            app.post("/api/v1/programs", Some(&society), &body).await.body["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    seal(&app).await;
    let (mut seen, mut cursor, mut pages) = (Vec::new(), String::new(), 0);
    loop {
        let query =
            if cursor.is_empty() { "limit=2".to_string() } else { format!("limit=2&cursor={cursor}") };
        let page = feed(&app, &society, &format!("/api/v1/society/programs?{query}")).await;
        assert_eq!(page.status, 200, "{}", page.text);
        seen.extend(ids(&page.body));
        cursor = page.body["next_cursor"].as_str().unwrap().to_string();
        pages += 1;
        if page.body["has_more"] == false {
            break;
        }
    }
    assert_eq!((seen.clone(), pages), (made.clone(), 3), "in the order of their changes, each once");

    // A change to the first moves it after the others.
    let first = format!("/api/v1/programs/{}", made[0]);
    assert_eq!(
        app.request(Method::PATCH, &first, Some(&society), Some(&json!({"capacity": 4}))).await.status,
        200
    );
    seal(&app).await;
    let changed = feed(&app, &society, &format!("/api/v1/society/programs?cursor={cursor}")).await;
    assert_eq!(ids(&changed.body), [made[0].clone()]);

    let bad = feed(&app, &society, "/api/v1/society/programs?cursor=not-a-cursor").await;
    assert_eq!(bad.assert_problem(422, "validation-failed")["errors"][0]["code"], "invalid-cursor");
    feed(&app, &society, "/api/v1/society/programs?limit=0").await.assert_problem(400, "invalid-paging");
    feed(&app, &society, "/api/v1/society/programs?limit=501").await.assert_problem(400, "invalid-paging");
}

#[tokio::test]
async fn a_society_is_throttled_per_client_and_refused_at_once_when_revoked() {
    let app = spawn_app_configured(|s| s.society_requests_per_minute = 3).await;
    let admin = app.admin_token().await;
    let (client_id, secret, id) = society_client(&app, &admin, "urology").await;
    let (other_id, other_secret, _) = society_client(&app, &admin, "dermatology").await;
    let society = society_token(&app, &client_id, &secret).await;
    let other = society_token(&app, &other_id, &other_secret).await;
    for _ in 0..3 {
        assert_eq!(feed(&app, &society, "/api/v1/society/programs").await.status, 200);
    }
    let refused = feed(&app, &society, "/api/v1/society/programs").await;
    refused.assert_problem(429, "too-many-requests");
    let wait: u64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body = json!({"name": "泌尿器", "specialty": "urology", "year": 2024, "base_facility_id": "x", "capacity": 1});
    app.post("/api/v1/programs", Some(&society), &body).await.assert_problem(429, "too-many-requests");
    assert_eq!(
        feed(&app, &other, "/api/v1/society/programs").await.status,
        200,
        "each client counts for itself"
    );
    assert_eq!(app.request(Method::GET, "/api/v1/society-clients", Some(&admin), None).await.status, 200);

    assert_eq!(
        app.request(Method::DELETE, &format!("/api/v1/society-clients/{id}"), Some(&admin), None)
            .await
            .status,
        204
    );
    app.set_now(app.clock.now() + Duration::minutes(1));
    feed(&app, &society, "/api/v1/society/programs").await.assert_problem(401, "invalid-token");
}
