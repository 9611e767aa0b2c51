//! Societies' clients: the board registers one per specialty (the secret shown once, kept only
//! hashed), the society's system gets a scoped token by OAuth 2 client credentials with RFC 6749
//! errors, and secrets rotate without downtime.

use reqwest::Method;
use sea_orm::EntityTrait;
use senkoi_api::entities::{audit_event, society_client_secret};
use senkoi_tests::TestApp;
use serde_json::{Value, json};

/// `POST /auth/token` with `form` (and HTTP Basic credentials when given): status, headers, body.
async fn token(
    app: &TestApp,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = app.client.post(format!("{}/api/v1/auth/token", app.address)).form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.json().await.unwrap_or(Value::Null))
}

/// A client registered by `admin`: its id, `client_id` and first secret, and the whole answer.
async fn register(
    app: &TestApp,
    admin: &str,
    name: &str,
    specialty: &str,
) -> (String, String, String, Value) {
    let made = app
        .post("/api/v1/society-clients", Some(admin), &json!({"name": name, "specialty": specialty}))
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let field = |key: &str| made.body[key].as_str().unwrap().to_string();
    (field("id"), field("client_id"), field("client_secret"), made.body.clone())
}

fn credentials<'a>(id: &'a str, secret: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)]
}

#[tokio::test]
async fn a_society_gets_a_token_scoped_to_its_specialty_with_a_secret_shown_once() {
    let app = senkoi_tests::spawn_app().await;
    let admin = app.admin_token().await;
    let (id, client_id, secret, _) = register(&app, &admin, "日本小児科学会", "pediatrics").await;
    assert!(secret.len() >= 40, "{secret}");
    let listed = app.request(Method::GET, "/api/v1/society-clients", Some(&admin), None).await;
    assert_eq!(listed.body[0]["secrets"].as_array().unwrap().len(), 1);
    assert!(!listed.text.contains(&secret), "the secret is shown once");
    let stored = society_client_secret::Entity::find().all(&app.db).await.unwrap();
    assert!(
        stored.iter().all(|s| s.secret_hash != secret && !s.secret_hash.contains(&secret)),
        "kept only hashed"
    );
    let audited = audit_event::Entity::find().all(&app.db).await.unwrap();
    assert!(audited.iter().all(|e| !e.detail.contains(&secret)));

    let (status, headers, body) = token(&app, &credentials(&client_id, &secret), None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["token_type"].clone(), body["scope"].clone()),
        (json!("Bearer"), json!("specialty:pediatrics"))
    );
    assert_eq!(headers["cache-control"], "no-store");
    let access = body["access_token"].as_str().unwrap();
    let me = app.request(Method::GET, "/api/v1/me", Some(access), None).await;
    me.assert_problem(403, "forbidden");
    let (status, _, _) =
        token(&app, &[("grant_type", "client_credentials")], Some((&client_id, &secret))).await;
    assert_eq!(status, 200, "HTTP Basic works too");
    let scoped = [
        ("grant_type", "client_credentials"),
        ("client_id", &client_id),
        ("client_secret", &secret),
        ("scope", "specialty:pediatrics"),
    ];
    assert_eq!(token(&app, &scoped, None).await.0, 200);

    let director = app.staff("director").await;
    let refused = app
        .post(
            "/api/v1/society-clients",
            Some(&director.access),
            &json!({"name": "x", "specialty": "surgery"}),
        )
        .await;
    refused.assert_problem(403, "forbidden");
    let path = format!("/api/v1/society-clients/{id}");
    assert_eq!(app.request(Method::DELETE, &path, Some(&admin), None).await.status, 204);
    assert_eq!(
        token(&app, &credentials(&client_id, &secret), None).await.0,
        401,
        "a revoked client gets nothing"
    );
}

#[tokio::test]
async fn token_errors_are_rfc_6749_bodies() {
    let app = senkoi_tests::spawn_app().await;
    let admin = app.admin_token().await;
    let (_, client_id, secret, _) = register(&app, &admin, "日本外科学会", "surgery").await;

    let (status, headers, body) = token(&app, &credentials(&client_id, "scs_wrong"), None).await;
    assert_eq!((status, body["error"].clone()), (401, json!("invalid_client")));
    assert!(headers.contains_key("www-authenticate"));
    let (status, _, body) = token(&app, &credentials("soc_nobody", &secret), None).await;
    assert_eq!(
        (status, body["error"].clone()),
        (401, json!("invalid_client")),
        "the secret of another client id"
    );
    let (status, _, body) =
        token(&app, &[("client_id", client_id.as_str()), ("client_secret", secret.as_str())], None).await;
    assert_eq!((status, body["error"].clone()), (400, json!("invalid_request")));
    let (status, _, body) = token(&app, &[("grant_type", "password"), ("username", "a")], None).await;
    assert_eq!((status, body["error"].clone()), (400, json!("unsupported_grant_type")));
    let other_scope = [
        ("grant_type", "client_credentials"),
        ("client_id", &client_id),
        ("client_secret", &secret),
        ("scope", "specialty:pediatrics"),
    ];
    let (status, _, body) = token(&app, &other_scope, None).await;
    assert_eq!((status, body["error"].clone()), (400, json!("invalid_scope")));
    let json_body = app
        .post(
            "/api/v1/auth/token",
            None,
            &json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}),
        )
        .await;
    assert_eq!((json_body.status.as_u16(), json_body.body["error"].clone()), (400, json!("invalid_request")));
}

#[tokio::test]
async fn a_second_secret_works_before_the_first_is_revoked() {
    let app = senkoi_tests::spawn_app().await;
    let admin = app.admin_token().await;
    let (id, client_id, first, made) = register(&app, &admin, "日本内科学会", "internal-medicine").await;
    let first_id = made["secrets"][0]["id"].as_str().unwrap().to_string();
    let added = app.post(&format!("/api/v1/society-clients/{id}/secrets"), Some(&admin), &json!({})).await;
    assert_eq!(added.status, 201, "{}", added.text);
    let second = added.body["client_secret"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    let (status, _, by_first) = token(&app, &credentials(&client_id, &first), None).await;
    assert_eq!(status, 200);
    let (status, _, by_second) = token(&app, &credentials(&client_id, &second), None).await;
    assert_eq!(status, 200);
    let feed = |token: Value| {
        let app = &app;
        async move {
            let token = token["access_token"].as_str().unwrap().to_string();
            app.request(Method::GET, "/api/v1/society/programs", Some(&token), None).await
        }
    };
    assert_eq!(feed(by_first.clone()).await.status, 200);
    let path = format!("/api/v1/society-clients/{id}/secrets/{first_id}");
    assert_eq!(app.request(Method::DELETE, &path, Some(&admin), None).await.status, 204);
    // A token had with the revoked secret ends with it; one had with the other goes on.
    feed(by_first).await.assert_problem(401, "invalid-token");
    assert_eq!(feed(by_second).await.status, 200);
    assert_eq!(token(&app, &credentials(&client_id, &first), None).await.0, 401);
    assert_eq!(token(&app, &credentials(&client_id, &second), None).await.0, 200);
    app.request(Method::DELETE, &path, Some(&admin), None).await.assert_problem(404, "not-found");
}
