//! Rules the schema itself enforces, on SQLite and PostgreSQL alike: one live application per
//! resident per round, and one live account per medical registration number and per address; and
//! a stored count or limit out of range reads as an error, never as 0.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use senkoi_api::entities::{application, resident};
use senkoi_tests::{TestApp, spawn_app};

async fn resident(app: &TestApp, registration_number: &str) -> resident::Model {
    try_resident(app, registration_number).await.expect("insert a resident")
}

async fn try_resident(app: &TestApp, registration_number: &str) -> Result<resident::Model, sea_orm::DbErr> {
    let email = format!("r-{}@example.jp", uuid::Uuid::new_v4().simple());
    try_resident_at(app, registration_number, &email).await
}

async fn try_resident_at(
    app: &TestApp,
    registration_number: &str,
    email: &str,
) -> Result<resident::Model, sea_orm::DbErr> {
    senkoi_tests::insert_resident(&app.db, registration_number, email).await
}

/// A program and a round from the demo data, to apply to.
async fn program_and_round(app: &TestApp) -> (String, String) {
    let year = app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    let programs = app.get("/api/v1/programs?specialty=internal-medicine&per_page=1").await;
    let second = app.round_id(year, "second").await;
    (programs.body["items"][0]["id"].as_str().unwrap().into(), second)
}

async fn apply(
    app: &TestApp,
    resident: &str,
    program: &str,
    round: &str,
    status: &str,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    application::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        resident_id: Set(resident.into()),
        program_id: Set(program.into()),
        round_id: Set(round.into()),
        status: Set(senkoi_domain::ApplicationStatus::parse(status).unwrap()),
        decision: Set(None),
        receipt_number: Set(uuid::Uuid::new_v4().simple().to_string()[..16].to_string()),
        applied_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .map(|_| ())
}

#[tokio::test]
async fn the_database_refuses_a_second_live_application_in_a_round() {
    let app = spawn_app().await;
    let (program, round) = program_and_round(&app).await;
    let r = resident(&app, "0123456").await;
    apply(&app, &r.id, &program, &round, "applied").await.unwrap();
    let refused =
        apply(&app, &r.id, &program, &round, "applied").await.expect_err("one live application per round");
    assert!(refused.to_string().to_lowercase().contains("unique"), "refused by the unique index: {refused}");
}

/// The unique index spells the live statuses as SQL literals in a migration; the domain says which
/// are live (`ApplicationStatus::is_live`). Every pair of statuses, one application after the
/// other in a round: the second is refused exactly when both are live, so the two cannot drift.
#[tokio::test]
async fn the_unique_index_holds_exactly_the_domains_live_statuses() {
    use senkoi_domain::ApplicationStatus;
    let app = spawn_app().await;
    let (program, round) = program_and_round(&app).await;
    for (i, first) in ApplicationStatus::ALL.into_iter().enumerate() {
        for (j, second) in ApplicationStatus::ALL.into_iter().enumerate() {
            let r = resident(&app, &format!("07{i}{j}000")).await;
            apply(&app, &r.id, &program, &round, first.code()).await.expect("a first application");
            let answer = apply(&app, &r.id, &program, &round, second.code()).await;
            assert_eq!(
                answer.is_err(),
                first.is_live() && second.is_live(),
                "{first} then {second}: {answer:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_withdrawn_application_does_not_block_applying_again_in_the_round() {
    let app = spawn_app().await;
    let (program, round) = program_and_round(&app).await;
    let r = resident(&app, "0123457").await;
    apply(&app, &r.id, &program, &round, "withdrawn").await.unwrap();
    apply(&app, &r.id, &program, &round, "applied").await.expect("withdrawn frees the round");
}

#[tokio::test]
async fn a_medical_registration_number_belongs_to_one_live_account() {
    let app = spawn_app().await;
    let first = resident(&app, "0999999").await;
    let refused =
        try_resident(&app, "0999999").await.expect_err("a second live account with the same number");
    assert!(refused.to_string().contains("registration_number"), "refused by the number's index: {refused}");
    assert!(matches!(
        senkoi_api::store::residents::duplicate_account(refused),
        senkoi_api::error::ApiError::Plain { code: "registration-number-taken", .. }
    ));
    let mut deleted: resident::ActiveModel = first.into();
    deleted.deleted_at = Set(Some(Utc::now()));
    deleted.update(&app.db).await.unwrap();
    resident(&app, "0999999").await;
    assert_eq!(resident::Entity::find().all(&app.db).await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_address_belongs_to_one_live_account() {
    let app = spawn_app().await;
    let first = try_resident_at(&app, "0111111", "same@example.jp").await.unwrap();
    let refused =
        try_resident_at(&app, "0222222", "same@example.jp").await.expect_err("one live account per address");
    assert!(refused.to_string().contains("email"), "refused by the email index: {refused}");
    assert!(matches!(
        senkoi_api::store::residents::duplicate_account(refused),
        senkoi_api::error::ApiError::Plain { code: "email-taken", .. }
    ));
    let mut deleted: resident::ActiveModel = first.into();
    deleted.deleted_at = Set(Some(Utc::now()));
    deleted.update(&app.db).await.unwrap();
    try_resident_at(&app, "0222222", "same@example.jp").await.expect("a deleted account frees its address");
}

/// A count or limit the schema leaves unchecked but every writer keeps from 0 up: read back broken,
/// it is the server's error, never a 0 that would show a program as full or let a decision pass.
#[tokio::test]
async fn a_stored_limit_out_of_range_is_an_internal_error_not_a_zero() {
    use sea_orm::{ColumnTrait, QueryFilter};
    use senkoi_api::entities::program;
    let app = spawn_app().await;
    let (program_id, _) = program_and_round(&app).await;
    let path = format!("/api/v1/programs/{program_id}");
    assert_eq!(app.get(&path).await.status, 200);
    program::Entity::update_many()
        .col_expr(program::Column::Capacity, sea_orm::sea_query::Expr::value(-1))
        .filter(program::Column::Id.eq(&program_id))
        .exec(&app.db)
        .await
        .unwrap();
    app.get(&path).await.assert_problem(500, "internal-error");
}
