//! Test support: `spawn_app()` runs the real application on a fresh database (SQLite, or a new
//! PostgreSQL database when `SENKOI_TEST_DATABASE_URL` names a server) and talks to it over HTTP.

pub mod axe;
pub mod logs;
pub mod receiver;
pub mod smtp;
pub mod webdriver;

/// The `tests/` directory of the checkout under test. Read at run time (`cargo test` sets
/// `CARGO_MANIFEST_DIR`): cargo may reuse a test binary built in another clone that shares the
/// target directory, and the path compiled into it names that clone.
pub fn tests_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, Set};
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
    /// The SMTP server on loopback that the application mails through.
    pub mail: smtp::SmtpServer,
    /// The settings the application was built with.
    pub settings: Settings,
    /// Kept for its `Drop`, which removes the test's database.
    _database: TestDatabase,
}

/// An HTTP answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
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
    spawn_app_configured(|settings| settings.static_dir = static_dir).await
}

/// The application with its test settings changed by `configure` first.
pub async fn spawn_app_configured(configure: impl FnOnce(&mut Settings)) -> TestApp {
    logs::init();
    let (database_url, database) = fresh_database().await;
    let mail = smtp::SmtpServer::start().await;
    let mut settings = Settings {
        database_url: database_url.clone(),
        bind: "127.0.0.1:0".into(),
        public_url: "http://127.0.0.1".into(),
        jwt_secret: format!("test-secret-{}", uuid::Uuid::new_v4()),
        smtp_url: Some(mail.url()),
        mail_dir: std::env::temp_dir().join("senkoi-test-mail"),
        mail_from: "noreply@senkoi.localhost".into(),
        static_dir: None,
        clock_start: None,
        society_requests_per_minute: senkoi_api::settings::SOCIETY_REQUESTS_PER_MINUTE,
        webhooks_allow_local: true,
        demo: false,
        consultation_key: "dGVzdC1jb25zdWx0YXRpb24ta2V5LTMyLWJ5dGVzISE=".into(),
        // Every request counts the statistics anew (the window has its own test).
        statistics_max_age: 0,
        trusted_proxies: Default::default(),
        login_failures_per_source: senkoi_api::throttle::LOGIN_FAILURES_PER_SOURCE,
        mail_requests_per_source: senkoi_api::throttle::MAIL_REQUESTS_PER_SOURCE,
    };
    configure(&mut settings);
    let clock = Clock::system();
    let app = Application::build(settings.clone(), clock.clone()).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let db = senkoi_api::db::connect(&database_url).await.expect("connect to the test database");
    // Idle connections are dropped well before the server's keep-alive (5 s) closes them, so a
    // request after a pause never goes out on a connection the server is closing.
    let client = reqwest::Client::builder()
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .expect("the test client");
    TestApp { address, client, clock, db, mail, settings, _database: database }
}

impl TestApp {
    /// Another server process of the same deployment: the same settings, database and clock, on
    /// its own port (as a second API process behind the proxy, or this one restarted). Answers
    /// its address.
    pub async fn another_process(&self) -> String {
        let app = Application::build(self.settings.clone(), self.clock.clone())
            .await
            .expect("the second process starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

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

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.request(Method::POST, path, token, Some(body)).await
    }

    /// Registration step 1 for `email`: answers the token of the mailed link.
    pub async fn registration_link(&self, email: &str) -> String {
        const SUBJECT: &str = "登録用URL";
        let earlier = self.mail.mails_to(email).iter().filter(|m| m.subject.contains(SUBJECT)).count();
        let answer = self.post("/api/v1/registrations", None, &serde_json::json!({"email": email})).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "registration: {}", answer.text);
        let mail = self.mail.wait_for_nth(email, SUBJECT, earlier + 1).await;
        let link = mail.link("http://127.0.0.1/register/").expect("the mail carries the link");
        link.rsplit('/').next().expect("a token").to_string()
    }

    /// A whole registration through the mailed link with `form` (see [`resident_form`]); answers
    /// the new account as registration answered it.
    pub async fn register_with(&self, email: &str, form: &Value) -> Value {
        let token = self.registration_link(email).await;
        let answer = self.post(&format!("/api/v1/registrations/{token}/resident"), None, form).await;
        assert_eq!(answer.status, StatusCode::CREATED, "register: {}", answer.text);
        answer.body
    }

    /// Signs in `login` with `password`; answers the token pair.
    pub async fn login(&self, login: &str, password: &str) -> Value {
        let answer = self
            .post("/api/v1/auth/login", None, &serde_json::json!({"login": login, "password": password}))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "login: {}", answer.text);
        answer.body
    }

    /// A registered, signed-in resident with a valid form and registration number `number`.
    pub async fn resident(&self, email: &str, number: &str) -> Resident {
        let form = resident_form(number);
        let registered = self.register_with(email, &form).await;
        let user_id = registered["user_id"].as_str().expect("a user ID").to_string();
        let tokens = self.login(&user_id, RESIDENT_PASSWORD).await;
        Resident {
            user_id,
            email: email.to_string(),
            access: tokens["access_token"].as_str().expect("an access token").to_string(),
            refresh: tokens["refresh_token"].as_str().expect("a refresh token").to_string(),
        }
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
        self.staff(role).await.access
    }

    /// Creates a staff account directly in the database and signs it in. A board admin or a
    /// consultation officer has a second factor set up (as they must; written directly, so that
    /// no audit event of the set-up is there) and signs in with its code.
    pub async fn staff(&self, role: &str) -> Staff {
        let email = format!("{role}-{}@senkoi.test", uuid::Uuid::new_v4().simple());
        let id = uuid::Uuid::new_v4().to_string();
        let role = senkoi_api::auth::Role::parse(role).expect("a known role");
        let needs = senkoi_domain::staff::second_factor_required(role) && !self.settings.demo;
        let secret = needs.then(|| {
            let app = senkoi_api::second_factor::Authenticator::new(
                senkoi_api::second_factor::Authenticator::new_secret(),
                &email,
            );
            app.expect("a secret").secret_base32()
        });
        let sealing =
            senkoi_api::sealing::SealingKey::from_base64(&self.settings.consultation_key).expect("the key");
        staff_user::ActiveModel {
            id: Set(id.clone()),
            email: Set(email.clone()),
            name: Set(format!("テスト {}", role.as_str())),
            role: Set(role),
            password_hash: Set(Some(senkoi_api::auth::hash_password(STAFF_PASSWORD).expect("hash"))),
            created_at: Set(Utc::now()),
            disabled_at: Set(None),
            totp_secret_sealed: Set(secret
                .as_deref()
                .map(|s| senkoi_api::store::second_factor::seal_secret(&sealing, &id, s))),
            totp_enabled_at: Set(secret.as_ref().map(|_| Utc::now())),
            totp_last_step: Set(None),
        }
        .insert(&self.db)
        .await
        .expect("insert a staff user");
        let mut second_factor = None;
        if let Some(secret) = secret {
            let codes = senkoi_api::second_factor::new_recovery_codes();
            for code in &codes {
                senkoi_api::entities::recovery_code::ActiveModel {
                    code_hash: Set(senkoi_api::ids::token_hash(&senkoi_api::second_factor::recovery_key(
                        code,
                    ))),
                    staff_user_id: Set(id.clone()),
                    created_at: Set(Utc::now()),
                    used_at: Set(None),
                }
                .insert(&self.db)
                .await
                .expect("insert a recovery code");
            }
            second_factor = Some(SecondFactor {
                secret,
                recovery_codes: std::sync::Arc::new(std::sync::Mutex::new(codes)),
            });
        }
        let mut staff = Staff { id, email, access: String::new(), second_factor };
        let code = match staff.second_factor {
            Some(_) => Some(self.second_factor_code(&staff).await),
            None => None,
        };
        let session = self.sign_in_staff(&staff.email, code.as_deref()).await;
        staff.access = session["access_token"].as_str().expect("an access token").to_string();
        staff
    }

    /// Signs `staff` in at the SPA's /login as a person would: the password, then, when the page
    /// asks for it, the second factor's code; waits for `lands_on`.
    pub async fn sign_in_in_browser(&self, browser: &webdriver::Browser, staff: &Staff, lands_on: &str) {
        browser.goto(&format!("{}/login", self.address)).await;
        browser.type_into("[data-testid=field-login]", &staff.email).await;
        browser.type_into("[data-testid=field-password]", STAFF_PASSWORD).await;
        browser.click("[data-testid=submit-login]").await;
        if staff.second_factor.is_some() {
            browser.wait_for("[data-testid=login-code-lead]").await;
            let code = self.second_factor_code(staff).await;
            browser.type_into("[data-testid=field-code]", &code).await;
            browser.click("[data-testid=submit-login]").await;
        }
        browser.wait_for(lands_on).await;
    }

    /// Signs a staff member in with the test password (and `code`); answers the token pair.
    async fn sign_in_staff(&self, email: &str, code: Option<&str>) -> Value {
        let body = serde_json::json!({"login": email, "password": STAFF_PASSWORD, "code": code});
        let answer = self.request(Method::POST, "/api/v1/auth/login", None, Some(&body)).await;
        assert_eq!(answer.status, StatusCode::OK, "login: {}", answer.text);
        answer.body
    }

    /// Sets up a second factor through the API with the session `access`, as the SPA's page does.
    pub async fn set_up_second_factor(&self, access: &str, email: &str) -> SecondFactor {
        let begun = self.request(Method::POST, "/api/v1/me/second-factor", Some(access), None).await;
        assert_eq!(begun.status, StatusCode::OK, "begin: {}", begun.text);
        let secret = begun.body["secret"].as_str().expect("a secret").to_string();
        let app = senkoi_api::second_factor::Authenticator::from_base32(&secret, email).expect("a secret");
        let code = app.code_at(self.clock.now());
        let body = serde_json::json!({"code": code});
        let confirmed =
            self.request(Method::POST, "/api/v1/me/second-factor/confirm", Some(access), Some(&body)).await;
        assert_eq!(confirmed.status, StatusCode::OK, "confirm: {}", confirmed.text);
        let codes = confirmed.body["recovery_codes"].as_array().expect("recovery codes");
        let codes = codes.iter().map(|c| c.as_str().unwrap().to_string()).collect();
        SecondFactor { secret, recovery_codes: std::sync::Arc::new(std::sync::Mutex::new(codes)) }
    }

    /// A second-factor code `staff` has not used: the app's code of a step later than the last
    /// one accepted, within a step of now; else (all used this half minute) a recovery code.
    pub async fn second_factor_code(&self, staff: &Staff) -> String {
        let second_factor = staff.second_factor.as_ref().expect("a staff member with a second factor");
        let app = senkoi_api::second_factor::Authenticator::from_base32(&second_factor.secret, &staff.email)
            .expect("a secret");
        let row = staff_user::Entity::find_by_id(staff.id.clone()).one(&self.db).await.unwrap().unwrap();
        let now_step = self.clock.now().timestamp().div_euclid(30);
        let step = row.totp_last_step.map_or(now_step, |last| (last + 1).max(now_step - 1));
        if step <= now_step + 1 {
            return app.code_at(DateTime::from_timestamp(step * 30, 0).unwrap());
        }
        second_factor.recovery_codes.lock().unwrap().pop().expect("a recovery code left")
    }

    /// `staff` signed in again now: after the test clock moves, the old token has expired.
    pub async fn sign_in_again(&self, staff: &Staff) -> Staff {
        let code = match staff.second_factor {
            Some(_) => Some(self.second_factor_code(staff).await),
            None => None,
        };
        let session = self.sign_in_staff(&staff.email, code.as_deref()).await;
        let access = session["access_token"].as_str().expect("an access token").to_string();
        Staff { access, ..staff.clone() }
    }

    pub async fn admin_token(&self) -> String {
        self.staff_token("admin").await
    }

    /// A facility the board (`admin`'s token) registers through the API: its id.
    pub async fn facility(&self, admin: &str, name: &str, prefecture: &str) -> String {
        let body = serde_json::json!({"name": name, "prefecture": prefecture});
        let made = self.post("/api/v1/facilities", Some(admin), &body).await;
        assert_eq!(made.status, 201, "{}", made.text);
        made.body["id"].as_str().expect("the facility's id").to_string()
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

    /// Adds the board's 2024 schedule (seed 000) through the admin API; answers each round's
    /// schedule and id, in the order of the year.
    pub async fn schedule_2024(&self, admin: &str) -> Vec<(senkoi_domain::round::RoundSchedule, String)> {
        let mut rounds = Vec::new();
        for s in senkoi_domain::round::demo_schedule_2024() {
            let body = serde_json::json!({
                "year": s.year, "kind": s.kind.code(),
                "application_starts_at": s.application.start, "application_ends_at": s.application.end,
                "adjustment_starts_at": s.adjustment.map(|w| w.start),
                "adjustment_ends_at": s.adjustment.map(|w| w.end),
                "confirmation_starts_at": s.confirmation.map(|w| w.start),
                "confirmation_ends_at": s.confirmation.map(|w| w.end),
                "results_at": s.results_at,
            });
            let made = self.post("/api/v1/rounds", Some(admin), &body).await;
            assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
            rounds.push((s, made.body["id"].as_str().expect("the round's id").to_string()));
        }
        rounds
    }

    /// Whether `needle` is stored anywhere in the database in clear: in any column of any row of
    /// any table (PostgreSQL), or anywhere in the database's files (SQLite, with its WAL).
    pub async fn stored_in_clear(&self, needle: &str) -> bool {
        match &self._database {
            TestDatabase::Sqlite(path) => {
                let wal = PathBuf::from(format!("{}-wal", path.display()));
                [path.clone(), wal]
                    .iter()
                    .filter_map(|p| std::fs::read(p).ok())
                    .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            }
            TestDatabase::Postgres { .. } => {
                use sea_orm::{DbBackend, Statement};
                let tables = self
                    .db
                    .query_all_raw(Statement::from_string(
                        DbBackend::Postgres,
                        "SELECT table_name::text AS name FROM information_schema.tables \
                         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                    ))
                    .await
                    .expect("list the tables");
                for table in tables {
                    let name: String = table.try_get("", "name").expect("a table name");
                    let found = self
                        .db
                        .query_one_raw(Statement::from_sql_and_values(
                            DbBackend::Postgres,
                            format!("SELECT count(*) AS n FROM \"{name}\" t WHERE strpos(t::text, $1) > 0"),
                            [needle.into()],
                        ))
                        .await
                        .expect("search the table")
                        .and_then(|row| row.try_get::<i64>("", "n").ok())
                        .unwrap_or(0);
                    if found > 0 {
                        return true;
                    }
                }
                false
            }
        }
    }

    /// Moves the application's clock.
    pub fn set_now(&self, at: DateTime<Utc>) {
        self.clock.set(at);
    }

    /// Loads the demo placed at the application's clock, in `phase` of its second round; answers
    /// the recruitment year it stands in.
    pub async fn load_demo(&self, phase: senkoi_domain::demo::DemoPhase) -> i32 {
        let now = self.clock.now();
        senkoi_api::demo::load(&self.db, now, phase).await.expect("the demo loads");
        senkoi_domain::resident::recruitment_year_at(now)
    }

    /// The id of the `kind` round of `year`, as the API lists it.
    pub async fn round_id(&self, year: i32, kind: &str) -> String {
        let rounds = self.get(&format!("/api/v1/rounds?year={year}")).await;
        let round = rounds.body["items"].as_array().unwrap().iter().find(|r| r["kind"] == kind).cloned();
        round.unwrap_or_else(|| panic!("no {kind} round of {year}: {}", rounds.text))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// Reads an HTTP answer whole.
pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, content_type, headers, body, text }
}

/// The password of staff made by [`TestApp::staff`].
pub const STAFF_PASSWORD: &str = "TestPassw0rd";

/// A staff member made by [`TestApp::staff`].
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub email: String,
    pub access: String,
    /// The second factor's secret (base32) and recovery codes, for the roles that must have one.
    pub second_factor: Option<SecondFactor>,
}

/// A test staff member's authenticator app and the recovery codes not used yet.
#[derive(Clone, Debug)]
pub struct SecondFactor {
    pub secret: String,
    pub recovery_codes: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

/// The password of residents made by [`TestApp::resident`].
pub const RESIDENT_PASSWORD: &str = "Kenshu2024";

/// A resident made by [`TestApp::resident`].
pub struct Resident {
    pub user_id: String,
    pub email: String,
    pub access: String,
    pub refresh: String,
}

/// A valid registration form with the registration number `number` and [`RESIDENT_PASSWORD`].
pub fn resident_form(number: &str) -> Value {
    serde_json::json!({
        "family_name": "山田", "given_name": "花子",
        "family_name_kana": "ヤマダ", "given_name_kana": "ハナコ",
        "date_of_birth": "1998-05-14", "gender": "female",
        "medical_registration_number": number, "license_year_month": "2024-04",
        "postal_code": "100-0005", "prefecture": "13", "address": "千代田区丸の内1-1-1",
        "phone": "03-1234-5678",
        "clinical_training_program": "東京病院臨床研修プログラム",
        "clinical_training_completed_on": "2026-03-31",
        "specialty": "internal-medicine", "track": "program",
        "regional_quota": false, "regional_quota_consent": false,
        "password": RESIDENT_PASSWORD,
    })
}

/// A live internal-medicine resident (registered in Tokyo) written straight into the database,
/// for tests that need many: no password to sign in with.
pub async fn insert_resident(
    db: &sea_orm::DatabaseConnection,
    registration_number: &str,
    email: &str,
) -> Result<senkoi_api::entities::resident::Model, sea_orm::DbErr> {
    let now = Utc::now();
    senkoi_api::entities::resident::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        user_id: Set(format!("S{}", &uuid::Uuid::new_v4().simple().to_string()[..10])),
        email: Set(email.into()),
        password_hash: Set("not-a-real-hash".into()),
        family_name: Set("山田".into()),
        given_name: Set("太郎".into()),
        family_name_kana: Set("ヤマダ".into()),
        given_name_kana: Set("タロウ".into()),
        date_of_birth: Set(chrono::NaiveDate::from_ymd_opt(1998, 4, 1).unwrap()),
        gender: Set("male".into()),
        medical_registration_number: Set(registration_number.into()),
        license_year_month: Set("2022-04".into()),
        postal_code: Set("1000001".into()),
        prefecture: Set("13".into()),
        address: Set("千代田区千代田1-1".into()),
        phone: Set("03-0000-0000".into()),
        clinical_training_program: Set("なし".into()),
        clinical_training_completed_on: Set(None),
        specialty: Set(senkoi_domain::Specialty::InternalMedicine),
        track: Set("program".into()),
        curriculum_reason: Set(None),
        curriculum_reason_detail: Set(None),
        regional_quota: Set(false),
        regional_quota_prefecture: Set(None),
        regional_quota_consent: Set(false),
        legacy_user_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
    }
    .insert(db)
    .await
}
