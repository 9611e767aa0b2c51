//! A board with a Tokyo facility and the 2024 schedule, where directors run programs with
//! applicants written straight into the database: the ground of the decision and dashboard tests.

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use senkoi_api::entities::{application, ceiling, program_director};
use senkoi_domain::Specialty;
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::time::noon_jst;
use senkoi_tests::{Staff, TestApp, insert_resident, spawn_app};
use serde_json::{Value, json};

pub struct Board {
    pub app: TestApp,
    pub admin: String,
    pub tokyo: String,
    pub first: RoundSchedule,
    pub first_id: String,
}

pub async fn board() -> Board {
    let app = spawn_app().await;
    app.set_now(noon_jst(2023, 8, 1));
    let admin = app.admin_token().await;
    let tokyo = app.facility(&admin, "城北大学病院", "13").await;
    let (first, first_id) = app
        .schedule_2024(&admin)
        .await
        .into_iter()
        .find(|(schedule, _)| schedule.kind == RoundKind::First)
        .expect("the 2024 schedule has a first round");
    Board { app, admin, tokyo, first, first_id }
}

impl Board {
    /// A 2024 program in Tokyo with `capacity`, directed by `director`.
    pub async fn program(&self, name: &str, specialty: &str, capacity: u32, director: &Staff) -> String {
        let body = json!({"name": name, "specialty": specialty, "year": 2024, "base_facility_id": self.tokyo,
            "capacity": capacity});
        let made = self.app.post("/api/v1/programs", Some(&self.admin), &body).await;
        assert_eq!(made.status, 201, "{}", made.text);
        let id = made.body["id"].as_str().unwrap().to_string();
        program_director::ActiveModel {
            program_id: Set(id.clone()),
            staff_user_id: Set(director.id.clone()),
        }
        .insert(&self.app.db)
        .await
        .unwrap();
        id
    }

    /// `count` applications to `program` in the first round, by residents written straight into
    /// the database.
    pub async fn applicants(&self, program: &str, count: usize) -> Vec<String> {
        let mut ids = Vec::new();
        for _ in 0..count {
            let n = uuid::Uuid::new_v4().as_u128();
            let number = format!("{:07}", n % 10_000_000);
            let resident = insert_resident(&self.app.db, &number, &format!("r{n}@example.jp")).await.unwrap();
            let id = uuid::Uuid::new_v4().to_string();
            let at = self.first.application.start + Duration::hours(1) + Duration::seconds(ids.len() as i64);
            application::ActiveModel {
                id: Set(id.clone()),
                resident_id: Set(resident.id),
                program_id: Set(program.to_string()),
                round_id: Set(self.first_id.clone()),
                status: Set(ApplicationStatus::Applied),
                decision: Set(None),
                applied_at: Set(at),
                receipt_number: Set(format!("T{}", &uuid::Uuid::new_v4().simple().to_string()[..15])),
                updated_at: Set(at),
            }
            .insert(&self.app.db)
            .await
            .unwrap();
            ids.push(id);
        }
        ids
    }

    pub async fn ceiling(&self, specialty: Specialty, value: i32) {
        ceiling::ActiveModel {
            year: Set(2024),
            prefecture: Set(senkoi_domain::prefecture::Prefecture::parse("13").unwrap()),
            specialty: Set(specialty),
            ceiling: Set(value),
            updated_at: Set(Utc::now()),
        }
        .insert(&self.app.db)
        .await
        .unwrap();
    }

    pub fn adjusting(&self) {
        self.app.set_now(self.first.adjustment.unwrap().start + Duration::hours(1));
    }

    /// One decision by `director`, signed in at the current clock.
    pub async fn decide(&self, director: &Staff, application: &str, decision: Value) -> senkoi_tests::Answer {
        let director = self.app.sign_in_again(director).await;
        let path = format!("/api/v1/applications/{application}/decision");
        self.app
            .request(Method::PUT, &path, Some(&director.access), Some(&json!({"decision": decision})))
            .await
    }

    pub async fn accepted(&self) -> u64 {
        application::Entity::find()
            .filter(application::Column::Status.eq(ApplicationStatus::Accepted))
            .count(&self.app.db)
            .await
            .unwrap()
    }
}

impl Board {
    /// Gives the resident of `application` these kana, licence month and clinical training, so
    /// that lists have something to sort by.
    pub async fn profile(&self, application: &str, kana: &str, license: &str, training: &str) {
        let row = application::Entity::find_by_id(application.to_string())
            .one(&self.app.db)
            .await
            .unwrap()
            .unwrap();
        let mut resident: senkoi_api::entities::resident::ActiveModel =
            senkoi_api::entities::resident::Entity::find_by_id(row.resident_id)
                .one(&self.app.db)
                .await
                .unwrap()
                .unwrap()
                .into();
        resident.family_name_kana = Set(kana.into());
        resident.license_year_month = Set(license.into());
        resident.clinical_training_program = Set(training.into());
        resident.update(&self.app.db).await.unwrap();
    }

    /// `director`'s GET of `path`, signed in at the current clock.
    pub async fn get_as(&self, director: &Staff, path: impl AsRef<str>) -> senkoi_tests::Answer {
        let director = self.app.sign_in_again(director).await;
        self.app.request(Method::GET, path.as_ref(), Some(&director.access), None).await
    }
}
