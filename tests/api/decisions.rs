//! Directors' decisions: only in the adjustment period, only on their own programs, never past a
//! program's capacity or a cell's ceiling — one at a time, in bulk, and under concurrency.

use chrono::Duration;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use senkoi_api::entities::{application_event, audit_event};
use senkoi_api::stored::ApplicationAction;
use senkoi_domain::Specialty;
use serde_json::{Value, json};

use crate::board::board;

#[tokio::test]
async fn a_director_decides_only_in_the_adjustment_period_and_only_on_own_programs() {
    let b = board().await;
    let (mine, other) = (b.app.staff("director").await, b.app.staff("director").await);
    let program = b.program("城北 内科", "internal-medicine", 5, &mine).await;
    let id = b.applicants(&program, 1).await.remove(0);

    b.app.set_now(b.first.application.end - Duration::minutes(1));
    b.decide(&mine, &id, json!("accepted")).await.assert_problem(409, "outside-adjustment-period");
    b.adjusting();
    b.decide(&other, &id, json!("accepted")).await.assert_problem(404, "not-found");
    b.decide(&mine, "no-such-application", json!("accepted")).await.assert_problem(404, "not-found");
    let admin = b.app.staff("admin").await;
    b.decide(&admin, &id, json!("accepted")).await.assert_problem(403, "forbidden");

    let accepted = b.decide(&mine, &id, json!("accepted")).await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    assert_eq!(
        (accepted.body["status"].clone(), accepted.body["decision"].clone()),
        (json!("accepted"), json!("accepted"))
    );
    let back = b.decide(&mine, &id, Value::Null).await;
    assert_eq!((back.body["status"].clone(), back.body["decision"].clone()), (json!("applied"), Value::Null));
    assert_eq!(b.decide(&mine, &id, json!("on-hold")).await.body["status"], "on-hold");

    b.app.set_now(b.first.adjustment.unwrap().end);
    b.decide(&mine, &id, json!("rejected")).await.assert_problem(409, "outside-adjustment-period");
}

#[tokio::test]
async fn an_acceptance_past_capacity_is_refused_with_the_figures_and_a_decline_frees_the_place() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 1, &director).await;
    let ids = b.applicants(&program, 2).await;
    b.adjusting();
    let director = b.app.sign_in_again(&director).await;
    assert_eq!(b.decide(&director, &ids[0], json!("accepted")).await.status, 200);
    assert_eq!(
        b.decide(&director, &ids[0], json!("accepted")).await.status,
        200,
        "accepting again takes no second place"
    );
    let refused = b.decide(&director, &ids[1], json!("accepted")).await;
    refused.assert_problem(409, "capacity-exceeded");
    assert_eq!(refused.body["figures"], json!({"limit": 1, "capacity": 1, "hired": 1, "requested": 1}));
    assert!(refused.body["detail"].as_str().unwrap().contains("定員（1名）"));

    let declined = b
        .app
        .post(&format!("/api/v1/applications/{}/decline", ids[0]), Some(&director.access), &json!({}))
        .await;
    assert_eq!(declined.body["status"], "declined", "{}", declined.text);
    let again = b
        .app
        .post(&format!("/api/v1/applications/{}/decline", ids[0]), Some(&director.access), &json!({}))
        .await;
    again.assert_problem(409, "not-declinable");
    assert_eq!(
        b.decide(&director, &ids[1], json!("accepted")).await.status,
        200,
        "the declined place is free"
    );
    assert_eq!(b.accepted().await, 1);
}

#[tokio::test]
async fn a_ceiling_counts_every_program_of_the_prefecture_and_specialty_but_not_exempt_ones() {
    let b = board().await;
    let director = b.app.staff("director").await;
    b.ceiling(Specialty::InternalMedicine, 1).await;
    b.ceiling(Specialty::Surgery, 1).await;
    let (a, c) = (
        b.program("城北 内科", "internal-medicine", 5, &director).await,
        b.program("城北 総合内科", "internal-medicine", 5, &director).await,
    );
    let surgery = b.program("城北 外科", "surgery", 5, &director).await;
    let (first, second) = (b.applicants(&a, 1).await.remove(0), b.applicants(&c, 1).await.remove(0));
    let cut = b.applicants(&surgery, 2).await;
    b.adjusting();
    assert_eq!(b.decide(&director, &first, json!("accepted")).await.status, 200);
    let refused = b.decide(&director, &second, json!("accepted")).await;
    refused.assert_problem(409, "ceiling-exceeded");
    assert_eq!(refused.body["figures"], json!({"limit": 1, "ceiling": 1, "hired": 1, "requested": 1}));
    for id in &cut {
        assert_eq!(
            b.decide(&director, id, json!("accepted")).await.status,
            200,
            "surgery is exempt from ceilings"
        );
    }
}

#[tokio::test]
async fn bulk_decisions_are_all_or_nothing_and_counted_together() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 2, &director).await;
    let ids = b.applicants(&program, 3).await;
    b.adjusting();
    let director = b.app.sign_in_again(&director).await;
    let bulk = |decisions: Vec<(&String, &str)>| {
        let body = json!({"decisions": decisions.iter().map(|(id, d)| json!({"application_id": id, "decision": d})).collect::<Vec<_>>()});
        let (app, token) = (&b.app, &director.access);
        async move { app.request(Method::PUT, "/api/v1/applications/decisions", Some(token), Some(&body)).await }
    };
    let refused = bulk(ids.iter().map(|id| (id, "accepted")).collect()).await;
    refused.assert_problem(409, "capacity-exceeded");
    assert_eq!(refused.body["figures"]["requested"], 3);
    assert_eq!(b.accepted().await, 0, "nothing was written");
    let done = bulk(vec![(&ids[0], "accepted"), (&ids[1], "accepted"), (&ids[2], "rejected")]).await;
    assert_eq!(done.status, 200, "{}", done.text);
    assert_eq!(done.body.as_array().unwrap().len(), 3);
    // Swapping one hire for another in one request fits: the freed place counts.
    let swap = bulk(vec![(&ids[0], "rejected"), (&ids[2], "accepted")]).await;
    assert_eq!(swap.status, 200, "{}", swap.text);
    assert_eq!(b.accepted().await, 2);
    bulk(vec![(&ids[0], "accepted"), (&ids[0], "rejected")]).await.assert_problem(422, "validation-failed");
}

/// A bulk decision holds each application's history line and audit event until its end, and
/// writes them together (on PostgreSQL a statement for every `PARTS_PER_STATEMENT` rows): with
/// more rows than one statement takes, every one of them lands, once.
#[tokio::test]
async fn a_bulk_decision_writes_every_history_line_and_audit_event_even_past_one_statement() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 40, &director).await;
    let many = senkoi_api::inserts::PARTS_PER_STATEMENT;
    let ids = b.applicants(&program, many).await;
    b.adjusting();
    let director = b.app.sign_in_again(&director).await;
    let body = json!({"decisions": ids.iter().map(|id| json!({"application_id": id, "decision": "rejected"})).collect::<Vec<_>>()});
    let done = b
        .app
        .request(Method::PUT, "/api/v1/applications/decisions", Some(&director.access), Some(&body))
        .await;
    assert_eq!(done.status, 200, "{}", done.text);
    for id in &ids {
        let lines = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(id.as_str()))
            .all(&b.app.db)
            .await
            .unwrap();
        let actions: Vec<ApplicationAction> = lines.iter().map(|l| l.action).collect();
        assert_eq!(actions, [ApplicationAction::Decided], "the decision's line of {id}, once");
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::EntityId.eq(id.as_str()))
            .filter(audit_event::Column::Action.eq("application.decided"))
            .count(&b.app.db)
            .await
            .unwrap();
        assert_eq!(audited, 1, "one audit event of the decision of {id}");
    }
}

/// 100 simultaneous acceptances from five directors across five programs of one prefecture,
/// with 10 places left under the ceiling: exactly 10 land, the rest are refused with the figures.
#[tokio::test]
async fn a_hundred_simultaneous_acceptances_under_a_ceiling_of_ten_land_exactly_ten() {
    let b = board().await;
    b.ceiling(Specialty::InternalMedicine, 10).await;
    let mut programs = Vec::new();
    for n in 0..5 {
        let director = b.app.staff("director").await;
        let program = b.program(&format!("城北 内科 {n}"), "internal-medicine", 50, &director).await;
        programs.push((director, b.applicants(&program, 20).await));
    }
    b.adjusting();
    let mut work = Vec::new();
    for (director, ids) in programs {
        let director = b.app.sign_in_again(&director).await;
        work.extend(ids.into_iter().map(|id| (director.access.clone(), id)));
    }
    let answers =
        futures::future::join_all(work.iter().map(|(token, id)| {
            let path = format!("/api/v1/applications/{id}/decision");
            let app = &b.app;
            async move {
                app.request(Method::PUT, &path, Some(token), Some(&json!({"decision": "accepted"}))).await
            }
        }))
        .await;
    let landed = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!(
        landed,
        10,
        "{:?}",
        answers.iter().filter(|a| a.status != 200 && a.status != 409).map(|a| &a.text).collect::<Vec<_>>()
    );
    for refused in answers.iter().filter(|a| a.status != 200) {
        refused.assert_problem(409, "ceiling-exceeded");
        assert_eq!(refused.body["figures"]["limit"], 10);
        assert_eq!(refused.body["figures"]["hired"], 10);
    }
    assert_eq!(b.accepted().await, 10);
}

#[tokio::test]
async fn a_capacity_lowered_while_a_director_accepts_never_leaves_more_hires_than_places() {
    let b = board().await;
    let director = b.app.staff("director").await;
    // Four races, each on a program of its own: a lost one shows more hires than places.
    let mut races = Vec::new();
    for n in 0..4 {
        let program = b.program(&format!("城北 内科 {n}"), "internal-medicine", 20, &director).await;
        races.push((program.clone(), b.applicants(&program, 20).await));
    }
    b.adjusting();
    let director = b.app.sign_in_again(&director).await;
    let admin = b.app.staff("admin").await;
    let mut hired_before = 0;
    for (program, ids) in races {
        let accept = |id: String| {
            let (app, token) = (&b.app, director.access.clone());
            async move {
                let path = format!("/api/v1/applications/{id}/decision");
                app.request(Method::PUT, &path, Some(&token), Some(&json!({"decision": "accepted"}))).await
            }
        };
        let lower = |capacity: u32| {
            let (app, token, path) = (&b.app, admin.access.clone(), format!("/api/v1/programs/{program}"));
            async move {
                app.request(Method::PATCH, &path, Some(&token), Some(&json!({"capacity": capacity}))).await
            }
        };
        // The acceptances and the board's changes of the capacity race; whatever order they land
        // in, the hires never pass the capacity that stands at the end.
        let (accepted, lowered) = futures::future::join(
            futures::future::join_all(ids.into_iter().map(accept)),
            futures::future::join_all([14, 12, 10, 8, 6].map(lower)),
        )
        .await;
        for answer in accepted.iter().filter(|a| a.status != 200) {
            answer.assert_problem(409, "capacity-exceeded");
        }
        for answer in lowered.iter().filter(|a| a.status != 200) {
            answer.assert_problem(409, "capacity-below-hires");
        }
        let capacity =
            b.app.get(&format!("/api/v1/programs/{program}")).await.body["capacity"].as_u64().unwrap();
        let hired = b.accepted().await - hired_before;
        hired_before += hired;
        assert!(hired <= capacity, "{hired} hires under a capacity of {capacity}");
        assert_eq!(hired as usize, accepted.iter().filter(|a| a.status == 200).count());
    }
}
