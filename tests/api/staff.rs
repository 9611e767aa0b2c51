//! Staff accounts made, guarded and ended properly: an admin invites every staff role by mail,
//! the invited sets a password by the staff rule, an admin disables an account (its sessions and
//! tokens end at once, it cannot sign in or reset its password) and enables it again, each
//! audited with who did it; only admins reach any of it.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::audit_event;
use senkoi_tests::{TestApp, spawn_app};
use serde_json::{Value, json};

use crate::society_feeds::{society_client, society_token};

/// A staff password by the staff rule.
const GOOD: &str = "hoshi-no-kirei-na yoru 7";

/// Invites `email` as `role`; answers the account.
async fn invite(app: &TestApp, admin: &str, email: &str, role: &str) -> Value {
    let body = json!({"email": email, "name": format!("テスト {role}"), "role": role});
    let answer = app.request(Method::POST, "/api/v1/staff", Some(admin), Some(&body)).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.body
}

/// The token of the invitation mailed to `email`.
async fn invitation_token(app: &TestApp, email: &str, subject: &str) -> String {
    let mail = app.mail.wait_for(email, subject).await;
    mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string()
}

async fn set_password(app: &TestApp, token: &str, password: &str) -> senkoi_tests::Answer {
    app.post("/api/v1/auth/password-reset/confirm", None, &json!({"token": token, "password": password}))
        .await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> senkoi_tests::Answer {
    app.post("/api/v1/auth/login", None, &json!({"login": email, "password": password})).await
}

#[tokio::test]
async fn an_admin_invites_a_consultation_officer_who_sets_a_strong_password_and_reads_the_desk() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let officer = invite(&app, &admin, "Officer@Example.jp", "consultation-officer").await;
    assert_eq!(
        (officer["email"].clone(), officer["role"].clone(), officer["active"].clone()),
        (json!("officer@example.jp"), json!("consultation-officer"), json!(false))
    );
    assert_eq!(officer["disabled_at"], Value::Null);
    let token = invitation_token(&app, "officer@example.jp", "相談窓口担当者アカウント").await;

    let link = app.get(&format!("/api/v1/auth/password-reset/{token}")).await;
    assert_eq!(link.body["staff"], true, "{}", link.text);
    for (weak, code) in [
        ("Officer2024", "staff-password-length"),
        ("password1234", "password-too-weak"),
        ("1qaz2wsx3edc", "password-too-weak"),
        ("abcdefghijklmnop", "password-too-weak"),
    ] {
        let refused = set_password(&app, &token, weak).await;
        assert_eq!(refused.assert_problem(422, "validation-failed")["errors"][0]["code"], code, "{weak}");
    }
    assert_eq!(set_password(&app, &token, GOOD).await.status, 204);
    let session = sign_in(&app, "officer@example.jp", GOOD).await;
    assert_eq!(session.body["role"], "consultation-officer", "{}", session.text);
    // An officer must set up a second factor before the desk opens.
    assert_eq!(session.body["second_factor_setup"], true);
    let access = session.body["access_token"].as_str().unwrap();
    app.request(Method::GET, "/api/v1/consultations", Some(access), None)
        .await
        .assert_problem(403, "second-factor-setup-required");
    let enrolled = app.set_up_second_factor(access, "officer@example.jp").await;
    let phone = senkoi_api::second_factor::Authenticator::from_base32(&enrolled.secret, "officer@example.jp")
        .unwrap();
    let code = phone.code_at(app.clock.now() + chrono::Duration::seconds(30));
    let body = json!({"login": "officer@example.jp", "password": GOOD, "code": code});
    let session = app.post("/api/v1/auth/login", None, &body).await;
    let access = session.body["access_token"].as_str().unwrap();
    assert_eq!(app.request(Method::GET, "/api/v1/consultations", Some(access), None).await.status, 200);

    // A resident's reset link keeps the residents' rule.
    let resident = app.resident("r@example.jp", "1234567").await;
    app.post("/api/v1/auth/password-reset", None, &json!({"login": resident.user_id})).await;
    let mail = app.mail.wait_for("r@example.jp", "パスワード再設定").await;
    let token =
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    assert_eq!(app.get(&format!("/api/v1/auth/password-reset/{token}")).await.body["staff"], false);
    assert_eq!(set_password(&app, &token, "Resident2025").await.status, 204);

    // Further admins and directors the same way; one address, one account.
    invite(&app, &admin, "second-admin@example.jp", "admin").await;
    invitation_token(&app, "second-admin@example.jp", "機構 管理者アカウント").await;
    invite(&app, &admin, "director@example.jp", "director").await;
    let taken = json!({"email": "OFFICER@example.jp", "name": "二重", "role": "admin"});
    app.request(Method::POST, "/api/v1/staff", Some(&admin), Some(&taken))
        .await
        .assert_problem(409, "already-exists");
    for role in ["resident", "society", "boss"] {
        let body = json!({"email": format!("{role}@example.jp"), "name": "x", "role": role});
        let refused = app.request(Method::POST, "/api/v1/staff", Some(&admin), Some(&body)).await;
        let errors = refused.assert_problem(422, "validation-failed")["errors"].clone();
        assert_eq!(
            (errors[0]["field"].clone(), errors[0]["code"].clone()),
            (json!("role"), json!("unknown-role"))
        );
    }

    let officers =
        app.request(Method::GET, "/api/v1/staff?role=consultation-officer", Some(&admin), None).await;
    assert_eq!(officers.body["total"], 1, "{}", officers.text);
    assert_eq!(officers.body["items"][0]["active"], true);
    let all = app.request(Method::GET, "/api/v1/staff", Some(&admin), None).await;
    assert_eq!(all.body["total"], 4, "the signed-in admin, the second admin, the officer, the director");
    app.request(Method::GET, "/api/v1/staff?role=resident", Some(&admin), None)
        .await
        .assert_problem(400, "invalid-query");
}

#[tokio::test]
async fn a_disabled_account_is_shut_out_at_once_and_comes_back_when_enabled() {
    let app = spawn_app().await;
    let admin = app.staff("admin").await;
    invite(&app, &admin.access, "director@example.jp", "director").await;
    let token = invitation_token(&app, "director@example.jp", "統括責任者アカウント").await;
    assert_eq!(set_password(&app, &token, GOOD).await.status, 204);
    let session = sign_in(&app, "director@example.jp", GOOD).await;
    let access = session.body["access_token"].as_str().unwrap().to_string();
    let refresh = session.body["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(app.request(Method::GET, "/api/v1/me/programs", Some(&access), None).await.status, 200);
    let id = app.request(Method::GET, "/api/v1/staff?role=director", Some(&admin.access), None).await.body["items"][0]
        ["id"]
        .as_str()
        .unwrap()
        .to_string();

    let disabled =
        app.request(Method::POST, &format!("/api/v1/staff/{id}/disable"), Some(&admin.access), None).await;
    assert!(disabled.body["disabled_at"].is_string(), "{}", disabled.text);
    // The access token has not expired, and is refused all the same; so is the session.
    app.request(Method::GET, "/api/v1/me/programs", Some(&access), None)
        .await
        .assert_problem(401, "invalid-token");
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": refresh}))
        .await
        .assert_problem(401, "invalid-refresh-token");
    sign_in(&app, "director@example.jp", GOOD).await.assert_problem(401, "invalid-credentials");
    let before = app.mail.mails_to("director@example.jp").len();
    assert_eq!(
        app.post("/api/v1/auth/password-reset", None, &json!({"login": "director@example.jp"})).await.status,
        202
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mail.mails_to("director@example.jp").len(), before, "no reset for a disabled account");

    let own = app
        .request(Method::POST, &format!("/api/v1/staff/{}/disable", admin.id), Some(&admin.access), None)
        .await;
    own.assert_problem(409, "cannot-disable-self");
    let enabled =
        app.request(Method::POST, &format!("/api/v1/staff/{id}/enable"), Some(&admin.access), None).await;
    assert_eq!(enabled.body["disabled_at"], Value::Null, "{}", enabled.text);
    assert_eq!(sign_in(&app, "director@example.jp", GOOD).await.status, 200);
    app.request(Method::POST, "/api/v1/staff/nobody/disable", Some(&admin.access), None)
        .await
        .assert_problem(404, "not-found");

    let events =
        audit_event::Entity::find().filter(audit_event::Column::EntityId.eq(&id)).all(&app.db).await.unwrap();
    let actions: Vec<(&str, Option<&str>)> =
        events.iter().map(|e| (e.action.code(), e.actor_id.as_deref())).collect();
    assert_eq!(
        actions,
        [
            ("staff.invited", Some(admin.id.as_str())),
            ("staff.disabled", Some(admin.id.as_str())),
            ("staff.enabled", Some(admin.id.as_str()))
        ]
    );
}

#[tokio::test]
async fn only_an_admin_reaches_the_staff_accounts() {
    let app = spawn_app().await;
    let admin = app.staff("admin").await;
    let officer = app.staff("consultation-officer").await;
    let director = app.staff("director").await;
    let resident = app.resident("res@example.jp", "1234567").await;
    let (client_id, secret, _) = society_client(&app, &admin.access, "urology").await;
    let society = society_token(&app, &client_id, &secret).await;
    let invitation = json!({"email": "new@example.jp", "name": "新任", "role": "consultation-officer"});
    let target = officer.id.clone();
    let table: [(Method, String, Option<Value>, u16); 5] = [
        (Method::GET, "/api/v1/staff".into(), None, 200),
        (Method::POST, "/api/v1/staff".into(), Some(invitation), 201),
        (Method::POST, format!("/api/v1/staff/{target}/second-factor/reset"), None, 200),
        (Method::POST, format!("/api/v1/staff/{target}/enable"), None, 200),
        (Method::POST, format!("/api/v1/staff/{target}/disable"), None, 200),
    ];
    for (method, path, body, allowed) in &table {
        let callers: [(&str, Option<&str>, u16); 6] = [
            ("nobody", None, 401),
            ("resident", Some(&resident.access), 403),
            ("director", Some(&director.access), 403),
            ("officer", Some(&officer.access), 403),
            ("society", Some(&society), 403),
            ("admin", Some(&admin.access), *allowed),
        ];
        for (who, token, expected) in callers {
            let answer = app.request(method.clone(), path, token, body.as_ref()).await;
            assert_eq!(answer.status.as_u16(), expected, "{who}: {method} {path}: {}", answer.text);
        }
    }
}
