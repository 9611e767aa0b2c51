//! Legacy migration: the board imports the old system's accounts from CSV; a resident moves one
//! over with legacy user ID, address and date of birth and a mailed link.

use sea_orm::{EntityTrait, PaginatorTrait};
use senkoi_api::entities::legacy_account;
use senkoi_tests::{TestApp, spawn_app};
use serde_json::json;

const HEADER: &str = "legacy_user_id,email,date_of_birth,name,medical_registration_number,specialty,\
family_name_kana,given_name_kana,gender,license_year_month,postal_code,prefecture,address,phone,\
clinical_training_program,clinical_training_completed_on,track";

async fn import(app: &TestApp, token: Option<&str>, csv: &str) -> senkoi_tests::Answer {
    let token = match token {
        Some(t) => t.to_string(),
        None => app.admin_token().await,
    };
    app.post_raw("/api/v1/legacy-accounts/import", Some(&token), "text/csv", csv.as_bytes().to_vec()).await
}

fn complete_row(id: &str, email: &str, number: &str) -> String {
    format!(
        "{id},{email},1990-01-02,山田 太郎,{number},surgery,ヤマダ,タロウ,male,2016-04,1000005,13,千代田区1-1,03-1111-2222,旧病院プログラム,2018-03-31,program"
    )
}

#[tokio::test]
async fn a_file_with_a_bad_row_is_refused_by_line_and_nothing_is_imported() {
    let app = spawn_app().await;
    let csv = format!(
        "{HEADER}\n{}\nOLD-2,not-an-address,1990-01-02,佐藤 花子,7654321,surgery,,,,,,,,,,,\n",
        complete_row("OLD-1", "a@example.jp", "1234567")
    );
    let answer = import(&app, None, &csv).await;
    let body = answer.assert_problem(422, "validation-failed");
    assert_eq!(body["errors"][0]["line"], 3);
    assert_eq!(body["errors"][0]["code"], "invalid-email");
    assert_eq!(legacy_account::Entity::find().count(&app.db).await.unwrap(), 0);
    let director = app.staff_token("director").await;
    import(&app, Some(&director), &csv).await.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn a_complete_old_account_moves_over_with_the_password_alone() {
    let app = spawn_app().await;
    let csv = format!("{HEADER}\n{}\n", complete_row("OLD-1", "old@example.jp", "123456"));
    let report = import(&app, None, &csv).await;
    assert_eq!(report.status, 200, "{}", report.text);
    assert_eq!(report.body, json!({"imported": 1, "replaced": 0, "already_migrated": 0}));

    // Wrong date of birth: the same answer, and no mail.
    let wrong = json!({"legacy_user_id": "OLD-1", "email": "old@example.jp", "date_of_birth": "1990-01-03"});
    let right = json!({"legacy_user_id": "OLD-1", "email": "OLD@example.jp", "date_of_birth": "1990-01-02"});
    let (a, b) = (
        app.post("/api/v1/legacy-migrations", None, &wrong).await,
        app.post("/api/v1/legacy-migrations", None, &right).await,
    );
    assert_eq!((a.status.as_u16(), b.status.as_u16()), (202, 202));
    assert_eq!(a.body, b.body);
    let mail = app.mail.wait_for("old@example.jp", "アカウント移行").await;
    assert_eq!(app.mail.mails_to("old@example.jp").len(), 1, "only the match was mailed");
    let token = mail.link("http://127.0.0.1/migrate/").unwrap().rsplit('/').next().unwrap().to_string();

    let view = app.get(&format!("/api/v1/legacy-migrations/{token}")).await;
    assert_eq!(view.status, 200, "{}", view.text);
    assert_eq!(
        (view.body["missing"].clone(), view.body["profile"]["medical_registration_number"].clone()),
        (json!([]), json!("0123456"))
    );
    let done = app
        .post(&format!("/api/v1/legacy-migrations/{token}"), None, &json!({"password": "Moved2025"}))
        .await;
    assert_eq!(done.status, 201, "{}", done.text);
    let user_id = done.body["user_id"].as_str().unwrap().to_string();
    assert_eq!(
        (done.body["family_name"].as_str(), done.body["specialty"].as_str()),
        (Some("山田"), Some("surgery"))
    );
    app.login(&user_id, "Moved2025").await;
    app.mail.wait_for("old@example.jp", "登録完了").await;
    app.post(&format!("/api/v1/legacy-migrations/{token}"), None, &json!({"password": "Again2025"}))
        .await
        .assert_problem(410, "link-used");
    // A second import leaves the moved account alone.
    assert_eq!(
        import(&app, None, &csv).await.body,
        json!({"imported": 0, "replaced": 0, "already_migrated": 1})
    );
}

#[tokio::test]
async fn an_old_account_without_the_whole_profile_asks_for_the_missing_fields() {
    let app = spawn_app().await;
    let csv = "legacy_user_id,email,date_of_birth,name,medical_registration_number,specialty\n\
               OLD-9,min@example.jp,1989-12-31,鈴木 一郎,2345678,pediatrics\n";
    assert_eq!(import(&app, None, csv).await.status, 200);
    let request =
        json!({"legacy_user_id": "OLD-9", "email": "min@example.jp", "date_of_birth": "1989-12-31"});
    app.post("/api/v1/legacy-migrations", None, &request).await;
    let mail = app.mail.wait_for("min@example.jp", "アカウント移行").await;
    let token = mail.link("http://127.0.0.1/migrate/").unwrap().rsplit('/').next().unwrap().to_string();
    let view = app.get(&format!("/api/v1/legacy-migrations/{token}")).await;
    let missing: Vec<&str> =
        view.body["missing"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(
        missing.contains(&"family_name_kana")
            && missing.contains(&"postal_code")
            && !missing.contains(&"family_name"),
        "{missing:?}"
    );
    let path = format!("/api/v1/legacy-migrations/{token}");
    let refused = app.post(&path, None, &json!({"password": "Moved2025"})).await;
    let fields: Vec<&str> = refused.assert_problem(422, "validation-failed")["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, missing, "the same fields, so the page can ask for them");
    let profile = json!({
        "family_name_kana": "スズキ", "given_name_kana": "イチロウ", "gender": "male",
        "license_year_month": "2015-04", "postal_code": "060-0001", "prefecture": "01",
        "address": "札幌市中央区1-1", "phone": "011-111-2222",
        "clinical_training_program": "なし",
    });
    let done = app.post(&path, None, &json!({"password": "Moved2025", "profile": profile})).await;
    assert_eq!(done.status, 201, "{}", done.text);
    assert_eq!(done.body["medical_registration_number"], "2345678");
}

#[tokio::test]
async fn the_board_purges_the_old_accounts_never_moved_and_keeps_the_moved_ones() {
    use reqwest::Method;
    use sea_orm::{ColumnTrait, QueryFilter};
    let app = spawn_app().await;
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        complete_row("OLD-1", "moved@example.jp", "123456"),
        complete_row("OLD-2", "never@example.jp", "234567")
    );
    assert_eq!(import(&app, None, &csv).await.status, 200);
    let ask = json!({"legacy_user_id": "OLD-1", "email": "moved@example.jp", "date_of_birth": "1990-01-02"});
    app.post("/api/v1/legacy-migrations", None, &ask).await;
    let mail = app.mail.wait_for("moved@example.jp", "アカウント移行").await;
    let token = mail.link("http://127.0.0.1/migrate/").unwrap().rsplit('/').next().unwrap().to_string();
    let moved = app
        .post(&format!("/api/v1/legacy-migrations/{token}"), None, &json!({"password": "Moved2025"}))
        .await;
    assert_eq!(moved.status, 201, "{}", moved.text);

    let director = app.staff_token("director").await;
    app.request(Method::POST, "/api/v1/legacy-accounts/purge", Some(&director), None)
        .await
        .assert_problem(403, "forbidden");
    let admin = app.admin_token().await;
    let purged = app.request(Method::POST, "/api/v1/legacy-accounts/purge", Some(&admin), None).await;
    assert_eq!(purged.body, json!({"purged": 1}), "{}", purged.text);
    let left = legacy_account::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(left.iter().map(|l| l.legacy_user_id.as_str()).collect::<Vec<_>>(), ["OLD-1"]);
    let never =
        json!({"legacy_user_id": "OLD-2", "email": "never@example.jp", "date_of_birth": "1990-01-02"});
    assert_eq!(app.post("/api/v1/legacy-migrations", None, &never).await.status, 202, "the same answer");
    let events = senkoi_api::entities::audit_event::Entity::find()
        .filter(senkoi_api::entities::audit_event::Column::Action.eq("legacy-accounts.purged"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(events, 1);
}
