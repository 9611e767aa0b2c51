//! Directors for the board: an invitation by mail whose link sets the first password, the
//! programs a director runs (which decide what the director sees), and the refusals.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::audit_event;
use serde_json::json;

use crate::board::board;

#[tokio::test]
async fn an_invited_director_sets_a_password_through_the_mailed_link_and_runs_the_assigned_programs() {
    let b = board().await;
    let nobody = b.app.staff("director").await;
    let first = b.program("城北 内科", "internal-medicine", 5, &nobody).await;
    let second = b.program("城北 小児科", "pediatrics", 5, &nobody).await;
    let admin = b.app.staff("admin").await;
    let invite = |body: serde_json::Value| {
        let (app, token) = (&b.app, admin.access.clone());
        async move { app.post("/api/v1/directors", Some(&token), &body).await }
    };
    let made =
        invite(json!({"email": "Kantoku@Example.JP", "name": "城北 太郎", "program_ids": [first]})).await;
    assert_eq!(made.status, 201, "{}", made.text);
    assert_eq!(
        (made.body["email"].clone(), made.body["program_ids"].clone(), made.body["active"].clone()),
        (json!("kantoku@example.jp"), json!([first]), json!(false))
    );
    let id = made.body["id"].as_str().unwrap().to_string();

    let mail = b.app.mail.wait_for("kantoku@example.jp", "統括責任者アカウント").await;
    assert!(mail.body.contains("城北 太郎 様"), "{}", mail.body);
    let link = mail.link("http://").expect("a link to set the password");
    let token = link.rsplit('/').next().unwrap();
    assert!(link.contains("/reset-password/"), "{link}");
    let early = b
        .app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&json!({"login": "kantoku@example.jp", "password": "Kantoku-2024-sensei"})),
        )
        .await;
    assert_eq!(early.status, 401, "no password before the link: {}", early.text);
    let set = b
        .app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "Kantoku-2024-sensei"}),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);
    let session = b.app.login("kantoku@example.jp", "Kantoku-2024-sensei").await;
    assert_eq!(session["role"], "director");
    let access = session["access_token"].as_str().unwrap().to_string();
    let mine = b.app.request(Method::GET, "/api/v1/me/programs", Some(&access), None).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1, "{}", mine.text);
    assert_eq!(mine.body[0]["id"], first.as_str());

    let assign = |programs: serde_json::Value| {
        let (app, token, path) = (&b.app, admin.access.clone(), format!("/api/v1/directors/{id}/programs"));
        async move { app.request(Method::PUT, &path, Some(&token), Some(&json!({"program_ids": programs}))).await }
    };
    let moved = assign(json!([second])).await;
    assert_eq!(
        (moved.status.as_u16(), moved.body["program_ids"].clone()),
        (200, json!([second])),
        "{}",
        moved.text
    );
    let gone = b
        .app
        .request(Method::GET, &format!("/api/v1/programs/{first}/applications"), Some(&access), None)
        .await;
    gone.assert_problem(404, "not-found");
    let now_mine =
        b.app.request(Method::GET, &format!("/api/v1/programs/{second}/room"), Some(&access), None).await;
    assert_eq!(now_mine.status, 200, "{}", now_mine.text);
    assign(json!(["no-such-program"])).await.assert_problem(422, "validation-failed");
    let path = format!("/api/v1/directors/{}/programs", admin.id);
    let not_director =
        b.app.request(Method::PUT, &path, Some(&admin.access), Some(&json!({"program_ids": []}))).await;
    not_director.assert_problem(404, "not-found");

    let listed =
        b.app.request(Method::GET, "/api/v1/directors?per_page=200", Some(&admin.access), None).await;
    let entry =
        listed.body["items"].as_array().unwrap().iter().find(|d| d["id"] == id.as_str()).unwrap().clone();
    assert_eq!((entry["active"].clone(), entry["program_ids"].clone()), (json!(true), json!([second])));
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.eq(id.clone()))
        .all(&b.app.db)
        .await
        .unwrap();
    let actions: Vec<&str> = audited.iter().map(|e| e.action.code()).collect();
    assert!(
        actions.contains(&"director.invited") && actions.contains(&"director.programs-assigned"),
        "{actions:?}"
    );
    let assigned = audited.iter().find(|e| e.action.code() == "director.programs-assigned").unwrap();
    assert!(assigned.detail.contains(&format!("\"before\":[\"{first}\"]")), "{}", assigned.detail);
}

#[tokio::test]
async fn invitations_are_refused_clearly_and_only_the_board_invites() {
    let b = board().await;
    let admin = b.app.staff("admin").await;
    let invite = |token: String, body: serde_json::Value| {
        let app = &b.app;
        async move { app.post("/api/v1/directors", Some(&token), &body).await }
    };
    let bad =
        invite(admin.access.clone(), json!({"email": "not-an-address", "name": " ", "program_ids": []}))
            .await;
    bad.assert_problem(422, "validation-failed");
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "name"]);
    let unknown = invite(
        admin.access.clone(),
        json!({"email": "a@example.jp", "name": "山田", "program_ids": ["nope"]}),
    )
    .await;
    unknown.assert_problem(422, "validation-failed");
    assert_eq!(unknown.body["errors"][0]["code"], "unknown-program");
    let taken =
        invite(admin.access.clone(), json!({"email": admin.email.to_uppercase(), "name": "山田"})).await;
    taken.assert_problem(409, "already-exists");
    let director = b.app.staff("director").await;
    invite(director.access, json!({"email": "b@example.jp", "name": "山田"}))
        .await
        .assert_problem(403, "forbidden");
    let list = b.app.request(Method::GET, "/api/v1/directors", Some(&director_token(&b).await), None).await;
    list.assert_problem(403, "forbidden");
}

async fn director_token(b: &crate::board::Board) -> String {
    b.app.staff("director").await.access
}
