//! Test support: `spawn_app()` runs the real application on a fresh database (SQLite, or a new
//! PostgreSQL database when `SENKOI_TEST_DATABASE_URL` names a server) and talks to it over HTTP.

pub mod webdriver;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set};
use senkoi_api::clock::Clock;
use senkoi_api::entities::staff_user;
use senkoi_api::settings::Settings;
use senkoi_api::startup::Application;
use serde_json::Value;

/// A running application and what a test needs to drive it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Clock,
    /// The application's database, for arranging facts and checking what was written.
    pub db: DatabaseConnection,
    /// Kept for its `Drop`, which removes the test's database.
    _database: TestDatabase,
}

/// An HTTP answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// Asserts that this is a problem+json with `status` and `code`, and answers its body.
    pub fn assert_problem(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "status of {}", self.text);
        assert!(
            self.content_type.starts_with("application/problem+json"),
            "content type {} for {}",
            self.content_type,
            self.text
        );
        assert_eq!(self.body["code"], code, "code of {}", self.text);
        assert_eq!(self.body["status"], status);
        assert!(
            self.body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "a detail for people: {}",
            self.text
        );
        &self.body
    }
}

/// The test's own database, removed when the test ends.
enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { server_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            TestDatabase::Postgres { server_url, name } => {
                let (url, sql) =
                    (server_url.clone(), format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
                // Drop runs outside async: a short-lived runtime on its own thread does the work.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    runtime.block_on(async {
                        let db = Database::connect(&url).await.ok()?;
                        db.execute_unprepared(&sql).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// A fresh database URL: a new PostgreSQL database, or a temporary SQLite file.
async fn fresh_database() -> (String, TestDatabase) {
    let name = format!("senkoi_test_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("SENKOI_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(server_url) => {
            let admin = Database::connect(&server_url).await.expect("SENKOI_TEST_DATABASE_URL is reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create the test database");
            admin.close().await.ok();
            let base = server_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&server_url);
            (format!("{base}/{name}"), TestDatabase::Postgres { server_url, name })
        }
        None => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}?mode=rwc", path.display()), TestDatabase::Sqlite(path))
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_serving(None).await
}

/// The application, serving the built SPA from `static_dir` when given.
pub async fn spawn_app_serving(static_dir: Option<PathBuf>) -> TestApp {
    senkoi_api::telemetry::init_with_default("error");
    let (database_url, database) = fresh_database().await;
    let settings = Settings {
        database_url: database_url.clone(),
        bind: "127.0.0.1:0".into(),
        public_url: "http://127.0.0.1".into(),
        jwt_secret: format!("test-secret-{}", uuid::Uuid::new_v4()),
        smtp_url: None,
        mail_dir: std::env::temp_dir().join("senkoi-test-mail"),
        mail_from: "noreply@senkoi.localhost".into(),
        static_dir,
        clock_start: None,
    };
    let clock = Clock::system();
    let app = Application::build(settings, clock.clone()).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let db = senkoi_api::db::connect(&database_url).await.expect("connect to the test database");
    TestApp { address, client: reqwest::Client::new(), clock, db, _database: database }
}

impl TestApp {
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        read(request.send().await.expect("the request is answered")).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.request(Method::GET, path, None, None).await
    }

    /// Sends `body` as it is, with the given content type.
    pub async fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        read(request.send().await.expect("the request is answered")).await
    }

    /// Creates a staff account directly in the database and signs it in; answers the access token.
    pub async fn staff_token(&self, role: &str) -> String {
        let email = format!("{role}-{}@senkoi.test", uuid::Uuid::new_v4().simple());
        let password = "TestPassw0rd";
        staff_user::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            email: Set(email.clone()),
            name: Set(format!("テスト {role}")),
            role: Set(role.into()),
            password_hash: Set(Some(senkoi_api::auth::hash_password(password).expect("hash"))),
            created_at: Set(Utc::now()),
            disabled_at: Set(None),
        }
        .insert(&self.db)
        .await
        .expect("insert a staff user");
        let answer = self
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(&serde_json::json!({"login": email, "password": password})),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "login: {}", answer.text);
        answer.body["access_token"].as_str().expect("an access token").to_string()
    }

    pub async fn admin_token(&self) -> String {
        self.staff_token("admin").await
    }

    /// The first program, over every page of the search `filters` (e.g. `specialty=pediatrics`),
    /// that `wanted` accepts; panics when there is none.
    pub async fn find_program(&self, filters: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        for page in 1.. {
            let answer = self.get(&format!("/api/v1/programs?{filters}&per_page=200&page={page}")).await;
            let items = answer.body["items"].as_array().cloned().unwrap_or_default();
            assert!(!items.is_empty(), "no program matching {filters} is as wanted");
            if let Some(found) = items.into_iter().find(|p| wanted(p)) {
                return found;
            }
        }
        unreachable!("pages are counted from 1 upwards")
    }

    /// Moves the application's clock.
    pub fn set_now(&self, at: DateTime<Utc>) {
        self.clock.set(at);
    }
}

async fn read(response: reqwest::Response) -> Answer {
    let status = response.status();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, content_type, body, text }
}
