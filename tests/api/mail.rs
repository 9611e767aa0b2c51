//! Mail through the outbox: real SMTP on loopback, retries while the server is down, the headers
//! of a proper mail, and `.eml` files when no SMTP server is configured.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use senkoi_api::entities::mail_outbox;
use senkoi_tests::{spawn_app, spawn_app_configured};
use serde_json::json;

#[tokio::test]
async fn mail_queued_while_the_smtp_server_is_down_arrives_after_it_is_back() {
    let app = spawn_app().await;
    app.mail.stop();
    let answer = app.post("/api/v1/registrations", None, &json!({"email": "late@example.jp"})).await;
    assert_eq!(answer.status, 202, "the request does not wait for mail");
    // Let the worker fail at least once.
    let mut failed = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
        if row.attempts >= 1 && row.last_error.is_some() {
            failed = true;
            break;
        }
    }
    assert!(failed, "the first attempt failed and was recorded");
    app.mail.restart().await;
    let mail = app.mail.wait_for("late@example.jp", "登録用URL").await;
    assert!(mail.link("http://127.0.0.1/register/").is_some());
    // The worker records the send just after the server took the mail.
    let mut row = None;
    for _ in 0..50 {
        let found = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq("late@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if found.sent_at.is_some() {
            row = Some(found);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let row = row.expect("the send is recorded");
    assert!(row.attempts >= 2 && row.last_error.is_none(), "{row:?}");
    assert_eq!(row.body, "", "a sent body (it may hold a live link) is not kept");
    assert_eq!(app.mail.mails_to("late@example.jp").len(), 1, "sent once");
}

#[tokio::test]
async fn a_mail_has_a_date_a_message_id_and_utf8_headers_and_body() {
    let app = spawn_app().await;
    app.post("/api/v1/registrations", None, &json!({"email": "taro@example.jp"})).await;
    let mail = app.mail.wait_for("taro@example.jp", "登録用URL").await;
    assert_eq!(mail.subject, "【専攻医登録】登録用URLのお知らせ / Your registration link");
    let date = mail.header("Date").expect("a Date header");
    assert!(chrono::DateTime::parse_from_rfc2822(date).is_ok(), "{date}");
    let id = mail.header("Message-ID").expect("a Message-ID");
    assert!(id.starts_with('<') && id.ends_with("@senkoi.localhost>"), "{id}");
    assert!(mail.header("Content-Type").unwrap().to_ascii_lowercase().contains("charset=utf-8"));
    assert!(mail.header("From").unwrap().contains("noreply@senkoi.localhost"));
    assert!(mail.body.contains("有効期限") && mail.body.contains("English:"));
    assert!(
        mail.raw.lines().filter(|l| l.starts_with("Subject:")).all(|l| l.is_ascii()),
        "the header is encoded"
    );
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_eml_files() {
    let dir = std::env::temp_dir().join(format!("senkoi-mail-{}", uuid::Uuid::new_v4().simple()));
    let mail_dir = dir.clone();
    let app = spawn_app_configured(move |settings| {
        settings.smtp_url = None;
        settings.mail_dir = mail_dir;
    })
    .await;
    app.post("/api/v1/registrations", None, &json!({"email": "file@example.jp"})).await;
    let mut files = Vec::new();
    for _ in 0..100 {
        files = std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        if !files.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The .txt copy is written after the .eml: wait for both.
    for _ in 0..50 {
        files = std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        if files.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    files.sort();
    assert_eq!(files.len(), 2, "one .eml file and its plain copy: {files:?}");
    assert!(
        files[0].extension().is_some_and(|e| e == "eml") && files[1].extension().is_some_and(|e| e == "txt")
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("To: file@example.jp") && text.contains("Message-ID:"), "{text}");
    let plain = std::fs::read_to_string(&files[1]).unwrap();
    assert!(plain.contains("http://127.0.0.1/register/") && plain.contains("登録用URL"), "{plain}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(app.mail.mails().is_empty());
}

#[tokio::test]
async fn the_server_refuses_a_short_or_published_jwt_secret() {
    for (secret, says) in
        [("short-secret", "at least 32"), ("change-me-in-production-please-0123456789", "published")]
    {
        let mut settings = senkoi_api::settings::Settings {
            database_url: "sqlite::memory:".into(),
            bind: "127.0.0.1:0".into(),
            public_url: "http://127.0.0.1".into(),
            jwt_secret: secret.into(),
            smtp_url: None,
            mail_dir: std::env::temp_dir(),
            mail_from: "noreply@senkoi.localhost".into(),
            static_dir: None,
            clock_start: None,
            society_requests_per_minute: senkoi_api::settings::SOCIETY_REQUESTS_PER_MINUTE,
            webhooks_allow_local: false,
            demo: false,
            consultation_key: "dGVzdC1jb25zdWx0YXRpb24ta2V5LTMyLWJ5dGVzISE=".into(),
            statistics_max_age: 0,
            trusted_proxies: Default::default(),
            login_failures_per_source: senkoi_api::throttle::LOGIN_FAILURES_PER_SOURCE,
            mail_requests_per_source: senkoi_api::throttle::MAIL_REQUESTS_PER_SOURCE,
        };
        let refused =
            senkoi_api::startup::Application::build(settings.clone(), senkoi_api::clock::Clock::system())
                .await;
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("SENKOI_JWT_SECRET") && message.contains(says), "{secret}: {message}");
        settings.jwt_secret = "a".repeat(32) + "-long-enough-and-random";
        assert!(settings.check().is_ok());
        settings.consultation_key = "c2hvcnQ=".into();
        let refused = settings.check().unwrap_err();
        assert!(refused.contains("SENKOI_CONSULTATION_KEY") && refused.contains("5 bytes"), "{refused}");
    }
}
