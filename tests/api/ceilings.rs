//! Ceilings for the board: every cell of a year with its hires and the suggestion (the mean of
//! the last five years' hires), set one never below the hires, import many from CSV all or
//! nothing with bad rows by line, and a what-if that saves nothing.

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use senkoi_api::entities::{application, audit_event};
use senkoi_domain::application::{ApplicationStatus, Decision};
use senkoi_domain::round::{RoundKind, demo_schedule_2024};
use senkoi_tests::insert_resident;
use serde_json::{Value, json};

use crate::board::{Board, board};

/// A first round of `year` (the 2024 dates moved by whole years) and a Tokyo internal-medicine
/// program of that year with `hired` acceptances and one decline, written into the database.
async fn past_year(b: &Board, year: i32, hired: usize) {
    let admin = b.app.admin_token().await;
    let first = demo_schedule_2024().into_iter().find(|s| s.kind == RoundKind::First).unwrap();
    let shift = Duration::days(365 * i64::from(year - 2024));
    let body = json!({"year": year, "kind": "first",
        "application_starts_at": first.application.start + shift, "application_ends_at": first.application.end + shift,
        "adjustment_starts_at": first.adjustment.unwrap().start + shift, "adjustment_ends_at": first.adjustment.unwrap().end + shift,
        "confirmation_starts_at": first.confirmation.unwrap().start + shift, "confirmation_ends_at": first.confirmation.unwrap().end + shift,
        "results_at": first.results_at + shift});
    let round = b.app.post("/api/v1/rounds", Some(&admin), &body).await;
    assert_eq!(round.status, 201, "{}", round.text);
    let program = json!({"name": format!("城北 内科 {year}"), "specialty": "internal-medicine", "year": year,
        "base_facility_id": b.tokyo, "capacity": 100});
    let program = b.app.post("/api/v1/programs", Some(&admin), &program).await;
    for n in 0..=hired {
        let status = if n < hired { ApplicationStatus::Accepted } else { ApplicationStatus::Declined };
        let number = format!("{:07}", (year as usize) * 1000 + n);
        let resident = insert_resident(&b.app.db, &number, &format!("p{year}-{n}@example.jp")).await.unwrap();
        application::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            resident_id: Set(resident.id),
            program_id: Set(program.body["id"].as_str().unwrap().to_string()),
            round_id: Set(round.body["id"].as_str().unwrap().to_string()),
            status: Set(status),
            decision: Set(Some(Decision::Accepted)),
            applied_at: Set(Utc::now()),
            receipt_number: Set(format!("P{}", &uuid::Uuid::new_v4().simple().to_string()[..15])),
            updated_at: Set(Utc::now()),
        }
        .insert(&b.app.db)
        .await
        .unwrap();
    }
}

fn cell<'a>(list: &'a Value, prefecture: &str, specialty: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["prefecture"] == prefecture && c["specialty"] == specialty)
        .unwrap()
}

/// A 2024 Tokyo internal-medicine program with one hire, made by a director in the adjustment period.
async fn one_hire_in_2024(b: &Board) {
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 5, &director).await;
    let id = b.applicants(&program, 1).await.remove(0);
    b.adjusting();
    assert_eq!(b.decide(&director, &id, json!("accepted")).await.status, 200);
}

#[tokio::test]
async fn the_board_sees_every_ceiling_cell_with_its_suggestion_and_sets_one_never_below_the_hires() {
    let b = board().await;
    past_year(&b, 2022, 10).await;
    past_year(&b, 2023, 13).await;
    let admin = b.app.staff("admin").await;
    let list = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(list.status, 200, "{}", list.text);
    assert_eq!(list.body.as_array().unwrap().len(), 75, "5 prefectures × 15 specialties that are not exempt");
    let tokyo = cell(&list.body, "13", "internal-medicine");
    assert_eq!(
        (
            tokyo["ceiling"].clone(),
            tokyo["hired"].clone(),
            tokyo["suggested"].clone(),
            tokyo["suggested_from_years"].clone()
        ),
        (Value::Null, json!(0), json!(12), json!([2022, 2023])),
        "the mean of 10 and 13 hires (declines do not count), rounded half up"
    );
    assert_eq!(cell(&list.body, "14", "internal-medicine")["suggested"], 0);
    assert!(list.body.as_array().unwrap().iter().all(|c| c["specialty"] != "surgery"), "surgery is exempt");

    one_hire_in_2024(&b).await;
    let admin = b.app.sign_in_again(&admin).await;
    let put = |path: &str, body: Value| {
        let (app, token, path) = (&b.app, admin.access.clone(), format!("/api/v1/ceilings/{path}"));
        async move { app.request(Method::PUT, &path, Some(&token), Some(&body)).await }
    };
    let set = put("2024/13/internal-medicine", json!({"ceiling": 1})).await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!((set.body["ceiling"].clone(), set.body["hired"].clone()), (json!(1), json!(1)));
    let below = put("2024/13/internal-medicine", json!({"ceiling": 0})).await;
    below.assert_problem(409, "ceiling-below-hires");
    assert_eq!(below.body["figures"], json!({"limit": 0, "ceiling": 0, "hired": 1}));
    put("2024/01/internal-medicine", json!({"ceiling": 5})).await.assert_problem(404, "not-found");
    put("2024/13/surgery", json!({"ceiling": 5})).await.assert_problem(404, "not-found");
    put("2024/13/internal-medicine", json!({"ceiling": 10001}))
        .await
        .assert_problem(422, "validation-failed");
    let director = b.app.staff("director").await;
    let refused = b
        .app
        .request(
            Method::PUT,
            "/api/v1/ceilings/2024/13/internal-medicine",
            Some(&director.access),
            Some(&json!({"ceiling": 9})),
        )
        .await;
    refused.assert_problem(403, "forbidden");
    let after = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(cell(&after.body, "13", "internal-medicine")["ceiling"], 1, "refusals changed nothing");
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("ceiling.set"))
        .all(&b.app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert!(
        audited[0].detail.contains("\"before\":null") && audited[0].detail.contains("\"after\":1"),
        "{}",
        audited[0].detail
    );
}

#[tokio::test]
async fn a_ceiling_import_saves_every_row_or_none_and_reports_bad_rows_by_line() {
    let b = board().await;
    one_hire_in_2024(&b).await;
    let admin = b.app.staff("admin").await;
    let import = |csv: &'static str| {
        let (app, token) = (&b.app, admin.access.clone());
        async move {
            let response = app
                .client
                .post(format!("{}/api/v1/ceilings/import", app.address))
                .bearer_auth(token)
                .header("content-type", "text/csv")
                .body(csv)
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (status, bad) = import(
        "\u{FEFF}year,prefecture,specialty,ceiling\n\
         2024,13,internal-medicine,40\n\
         2024,99,pediatrics,10\n\
         2024,13,surgery,10\n\
         2024,14,pediatrics,abc\n\
         2024,13,internal-medicine,41\n",
    )
    .await;
    assert_eq!(status, 422, "{bad}");
    let found: Vec<(u64, &str)> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "invalid-prefecture"),
            (4, "ceiling-not-applicable"),
            (5, "invalid-ceiling"),
            (6, "duplicate-cell")
        ]
    );
    let list = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(cell(&list.body, "13", "internal-medicine")["ceiling"], Value::Null, "nothing was saved");

    let (status, below) =
        import("year,prefecture,specialty,ceiling\n2024,14,pediatrics,7\n2024,13,internal-medicine,0\n")
            .await;
    assert_eq!(status, 422, "{below}");
    assert_eq!(
        (below["errors"][0]["line"].clone(), below["errors"][0]["code"].clone()),
        (json!(3), json!("ceiling-below-hires"))
    );
    let list = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(
        cell(&list.body, "14", "pediatrics")["ceiling"],
        Value::Null,
        "the good row before it was not saved either"
    );

    let (status, done) =
        import("year,prefecture,specialty,ceiling\n2024,14,pediatrics,7\n2024,13,internal-medicine,40\n")
            .await;
    assert_eq!((status.as_u16(), done["imported"].clone()), (200, json!(2)), "{done}");
    let list = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(
        (
            cell(&list.body, "14", "pediatrics")["ceiling"].clone(),
            cell(&list.body, "13", "internal-medicine")["ceiling"].clone()
        ),
        (json!(7), json!(40))
    );
}

#[tokio::test]
async fn what_if_counts_the_hires_beyond_proposed_ceilings_and_saves_nothing() {
    let b = board().await;
    one_hire_in_2024(&b).await;
    let admin = b.app.staff("admin").await;
    let ask = |ceilings: Value| {
        let (app, token) = (&b.app, admin.access.clone());
        async move {
            app.post("/api/v1/ceilings/what-if", Some(&token), &json!({"year": 2024, "ceilings": ceilings}))
                .await
        }
    };
    let answer = ask(json!([
        {"prefecture": "13", "specialty": "internal-medicine", "ceiling": 0},
        {"prefecture": "14", "specialty": "pediatrics", "ceiling": 5},
    ]))
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(
        answer.body,
        json!([
            {"prefecture": "13", "specialty": "internal-medicine", "proposed": 0, "current": null, "hired": 1, "excess": 1},
            {"prefecture": "14", "specialty": "pediatrics", "proposed": 5, "current": null, "hired": 0, "excess": 0},
        ])
    );
    ask(json!([{"prefecture": "13", "specialty": "surgery", "ceiling": 1}]))
        .await
        .assert_problem(422, "validation-failed");
    let list = b.get_as(&admin, "/api/v1/ceilings?year=2024").await;
    assert_eq!(cell(&list.body, "13", "internal-medicine")["ceiling"], Value::Null);
}

#[tokio::test]
async fn a_catalogue_change_never_moves_hires_past_a_ceiling_or_a_capacity_below_its_hires() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 5, &director).await;
    let ids = b.applicants(&program, 2).await;
    b.adjusting();
    for id in &ids {
        assert_eq!(b.decide(&director, id, json!("accepted")).await.status, 200);
    }
    let admin = b.app.staff("admin").await;
    let send = |method: Method, path: String, body: Value| {
        let (app, token) = (&b.app, admin.access.clone());
        async move { app.request(method, &path, Some(&token), Some(&body)).await }
    };
    let yokohama =
        send(Method::POST, "/api/v1/facilities".into(), json!({"name": "横浜病院", "prefecture": "14"}))
            .await;
    let yokohama = yokohama.body["id"].as_str().unwrap().to_string();
    let set =
        send(Method::PUT, "/api/v1/ceilings/2024/14/internal-medicine".into(), json!({"ceiling": 1})).await;
    assert_eq!(set.status, 200, "{}", set.text);

    let moved =
        send(Method::PATCH, format!("/api/v1/programs/{program}"), json!({"base_facility_id": yokohama}))
            .await;
    moved.assert_problem(409, "ceiling-exceeded");
    assert_eq!(moved.body["figures"], json!({"limit": 1, "ceiling": 1, "hired": 0, "requested": 2}));
    let shrunk = send(Method::PATCH, format!("/api/v1/programs/{program}"), json!({"capacity": 1})).await;
    shrunk.assert_problem(409, "capacity-below-hires");
    assert_eq!(shrunk.body["figures"], json!({"limit": 1, "capacity": 1, "hired": 2}));
    let relocated =
        send(Method::PATCH, format!("/api/v1/facilities/{}", b.tokyo), json!({"prefecture": "14"})).await;
    relocated.assert_problem(409, "ceiling-exceeded");
    let renamed =
        send(Method::PATCH, format!("/api/v1/facilities/{}", b.tokyo), json!({"name": "城北大学附属病院"}))
            .await;
    assert_eq!(renamed.status, 200, "a change that moves nobody passes: {}", renamed.text);

    let raised =
        send(Method::PUT, "/api/v1/ceilings/2024/14/internal-medicine".into(), json!({"ceiling": 2})).await;
    assert_eq!(raised.status, 200);
    let relocated =
        send(Method::PATCH, format!("/api/v1/facilities/{}", b.tokyo), json!({"prefecture": "14"})).await;
    assert_eq!(relocated.status, 200, "{}", relocated.text);
    let room = b.get_as(&director, format!("/api/v1/programs/{program}/room")).await;
    assert_eq!((room.body["ceiling"].clone(), room.body["remaining_ceiling"].clone()), (json!(2), json!(0)));
}
