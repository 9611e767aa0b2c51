//! The audit log: every change is recorded with who, what and the request, the board reads it
//! newest first with filters, nobody edits it through the API, and the sealed hash chain shows
//! any tampering in the database — also while changes are written concurrently.

use reqwest::Method;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use senkoi_api::audit::chain::{SEALS_PER_STATEMENT, seal, verify};
use senkoi_api::entities::audit_event;
use senkoi_domain::audit::AuditAction;
use serde_json::json;

use crate::board::board;

#[tokio::test]
async fn the_board_reads_who_changed_what_newest_first_with_filters_and_nobody_else_does() {
    let b = board().await;
    let director = b.app.staff("director").await;
    b.app.resident("kimura@example.jp", "7654321").await;
    let program = b.program("城北 内科", "internal-medicine", 5, &director).await;
    let id = b.applicants(&program, 1).await.remove(0);
    b.adjusting();
    // The researcher-course round's results fell due on the way here: record their release now,
    // as the background pass would at any moment, so that nothing lands after the decision.
    senkoi_api::notices::queue_due(&b.app.db, b.app.clock.now(), "http://127.0.0.1").await.unwrap();
    let decided = b.decide(&director, &id, json!("accepted")).await;
    assert_eq!(decided.status, 200);
    let request_id = decided.headers["x-request-id"].to_str().unwrap().to_string();

    let admin = b.app.staff("admin").await;
    // One session for every read: the clock stands still from here.
    let (app, token) = (&b.app, admin.access.clone());
    let read = |query: &str| {
        let (path, token) = (format!("/api/v1/audit-events{query}"), token.clone());
        async move { app.request(Method::GET, &path, Some(&token), None).await }
    };
    let all = read("").await;
    assert_eq!(all.status, 200, "{}", all.text);
    let items = all.body["items"].as_array().unwrap();
    assert!(items.len() >= 3, "the facility, the program and the decision: {}", all.text);
    let newest = &items[0];
    assert_eq!(newest["action"], "application.decided");
    assert_eq!(
        (newest["actor_kind"].clone(), newest["actor_id"].clone()),
        (json!("director"), json!(director.id))
    );
    assert_eq!(newest["request_id"], request_id.as_str(), "the request that made the change");
    assert_eq!(newest["detail"]["before"]["status"], "applied");
    assert_eq!(newest["detail"]["after"], json!({"status": "accepted", "decision": "accepted"}));
    // Who did what to what, by name where the log may give one (never a resident's).
    assert_eq!(
        (newest["actor_name"].clone(), newest["subject"].clone()),
        (json!(director.email), json!({"application-to": "城北 内科"}))
    );
    let created = items.iter().find(|e| e["action"] == "program.created").expect("the program's creation");
    assert_eq!(created["subject"], json!({"named": "城北 内科"}));
    let released = items.iter().find(|e| e["action"] == "round.results-released").expect("a release");
    assert_eq!(
        (released["actor_kind"].clone(), released["actor_name"].clone()),
        (json!("system"), json!(null))
    );
    assert_eq!(released["subject"]["round"]["kind"], "researcher-course");

    let of_application = read(&format!("?entity=application&entity_id={id}")).await;
    assert_eq!(of_application.body["total"], 1);
    let by_director = read(&format!("?actor_id={}", director.id)).await;
    assert_eq!(by_director.body["total"], 1);
    let programs = read("?action=program.created&per_page=1").await;
    assert_eq!(
        (programs.body["total"].clone(), programs.body["items"][0]["entity_id"].clone()),
        (json!(1), json!(program))
    );
    let at = newest["at"].as_str().unwrap().to_string();
    let from = read(&format!("?from={}", at.replace('+', "%2B"))).await;
    assert_eq!(from.body["items"][0]["id"], newest["id"]);
    let before = read(&format!("?to={}&action=application.decided", at.replace('+', "%2B"))).await;
    assert_eq!(before.body["total"], 0, "`to` excludes its instant");
    read("?from=yesterday").await.assert_problem(400, "invalid-query");
    read("?action=application.hired").await.assert_problem(400, "invalid-query");
    read("?entity=applications").await.assert_problem(400, "invalid-query");
    let by_residents = read("?actor_kind=resident").await;
    assert_eq!(by_residents.body["total"], 1, "{}", by_residents.text);
    let registered = &by_residents.body["items"][0];
    assert_eq!(
        (registered["action"].clone(), registered["actor_id"].is_string(), registered["actor_name"].clone()),
        (json!("resident.registered"), true, json!(null)),
        "a resident is named by their kind alone"
    );
    // The filter offers the staff who acted, by name, admins first.
    let actors = read("/actors").await;
    assert_eq!(actors.status, 200, "{}", actors.text);
    let listed: Vec<(String, String)> = actors
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["kind"].as_str().unwrap().to_string(), a["name"].as_str().unwrap().to_string()))
        .collect();
    assert!(listed.contains(&("director".into(), director.email.clone())), "{listed:?}");
    assert!(listed.iter().all(|(kind, _)| kind != "resident" && kind != "system"), "{listed:?}");
    b.get_as(&director, "/api/v1/audit-events/actors").await.assert_problem(403, "forbidden");

    b.get_as(&director, "/api/v1/audit-events").await.assert_problem(403, "forbidden");
    b.app.get("/api/v1/audit-events").await.assert_problem(401, "unauthenticated");
    let admin = b.app.sign_in_again(&admin).await;
    let event = newest["id"].as_str().unwrap();
    for method in [Method::PUT, Method::PATCH, Method::DELETE] {
        let path = format!("/api/v1/audit-events/{event}");
        let answer =
            b.app.request(method.clone(), &path, Some(&admin.access), Some(&json!({"action": "x"}))).await;
        assert_eq!(answer.status, 404, "{method} {}", answer.text);
    }
    let answer = b.app.request(Method::DELETE, "/api/v1/audit-events", Some(&admin.access), None).await;
    assert!(answer.status == 404 || answer.status == 405, "{}", answer.text);
    let still = audit_event::Entity::find_by_id(event.to_string()).one(&b.app.db).await.unwrap().unwrap();
    assert_eq!(still.action, AuditAction::ApplicationDecided);
}

#[tokio::test]
async fn the_sealed_chain_holds_and_tampering_is_found_at_its_first_broken_link() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 50, &director).await;
    let ids = b.applicants(&program, 20).await;
    b.adjusting();
    // The researcher-course round's release falls due here: record it now, before the count.
    senkoi_api::notices::queue_due(&b.app.db, b.app.clock.now(), "http://127.0.0.1").await.unwrap();
    let director = b.app.sign_in_again(&director).await;
    // Decisions written while sealers run: every event is sealed once, in one chain.
    let decisions =
        futures::future::join_all(ids.iter().map(|id| {
            let path = format!("/api/v1/applications/{id}/decision");
            let (app, token) = (&b.app, &director.access);
            async move {
                app.request(Method::PUT, &path, Some(token), Some(&json!({"decision": "accepted"}))).await
            }
        }));
    let sealers = futures::future::join_all((0..4).map(|_| seal(&b.app.db)));
    let (answers, sealed) = futures::join!(decisions, sealers);
    assert!(answers.iter().all(|a| a.status == 200));
    assert!(sealed.iter().all(Result::is_ok), "{sealed:?}");
    seal(&b.app.db).await.unwrap();
    let total = audit_event::Entity::find().all(&b.app.db).await.unwrap().len() as u64;
    let found = verify(&b.app.db).await.unwrap();
    assert_eq!((found.verified, found.unsealed, found.broken.clone()), (total, 0, None), "{found:?}");
    let admin = b.app.staff("admin").await;
    let listed = b.get_as(&admin, "/api/v1/audit-events?per_page=1").await;
    assert!(listed.body["items"][0]["hash"].as_str().is_some_and(|h| h.len() == 64), "{}", listed.text);

    let db = &b.app.db;
    let seventh =
        audit_event::Entity::find().filter(audit_event::Column::Seq.eq(7)).one(db).await.unwrap().unwrap();
    db.execute_unprepared(&format!(
        "UPDATE audit_events SET actor_id = 'someone-else' WHERE id = '{}'",
        seventh.id
    ))
    .await
    .unwrap();
    let edited = verify(db).await.unwrap().broken.expect("an edited event breaks the chain");
    assert_eq!((edited.seq, edited.reason, edited.event_id), (7, "hash-mismatch", Some(seventh.id.clone())));

    db.execute_unprepared(&format!("DELETE FROM audit_events WHERE id = '{}'", seventh.id)).await.unwrap();
    let deleted = verify(db).await.unwrap().broken.expect("a deleted event breaks the chain");
    assert_eq!((deleted.seq, deleted.reason), (7, "missing"));
}

#[tokio::test]
async fn a_burst_of_events_is_sealed_in_one_pass_of_several_statements_into_a_chain_that_holds() {
    let app = senkoi_tests::spawn_app().await;
    seal(&app.db).await.unwrap();
    let before = verify(&app.db).await.unwrap().verified;
    let burst = 2 * SEALS_PER_STATEMENT as u64 + 5;
    let now = app.clock.now();
    // In one transaction: the server's own sealer, which may pass meanwhile, sees all or none.
    let tx = app.db.begin().await.unwrap();
    for i in 0..burst {
        let id = format!("burst-{i:03}");
        senkoi_api::audit::record(&tx, now, None, AuditAction::ApplicationDecided, &id, json!({"i": i}))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let sealed = seal(&app.db).await.unwrap();
    assert!(
        sealed == burst || sealed == 0,
        "one pass seals the whole burst (here or in the server): {sealed}"
    );
    let found = verify(&app.db).await.unwrap();
    assert_eq!((found.verified, found.unsealed, found.broken), (before + burst, 0, None));
}

#[tokio::test]
async fn a_change_to_the_catalogue_or_the_schedule_is_audited_as_before_and_after_of_what_changed() {
    let b = board().await;
    let director = b.app.staff("director").await;
    let program = b.program("城北 内科", "internal-medicine", 5, &director).await;
    let admin = b.app.staff("admin").await;
    let patch = |path: String, body: serde_json::Value| {
        let (app, token) = (&b.app, admin.access.clone());
        async move { app.request(Method::PATCH, &path, Some(&token), Some(&body)).await }
    };
    assert_eq!(patch(format!("/api/v1/programs/{program}"), json!({"capacity": 7})).await.status, 200);
    let later = b.first.results_at + chrono::Duration::hours(1);
    let moved = patch(format!("/api/v1/rounds/{}", b.first_id), json!({"results_at": later})).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(
        patch(format!("/api/v1/facilities/{}", b.tokyo), json!({"name": "城北病院"})).await.status,
        200
    );

    let db = &b.app.db;
    let detail = |action: &'static str| async move {
        let event = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(action))
            .one(db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no {action}"));
        serde_json::from_str::<serde_json::Value>(&event.detail).unwrap()
    };
    assert_eq!(detail("program.updated").await, json!({"before": {"capacity": 5}, "after": {"capacity": 7}}));
    let round = detail("round.updated").await;
    assert_eq!(round["before"].as_object().unwrap().keys().collect::<Vec<_>>(), ["results_at"], "{round}");
    assert_eq!(
        detail("facility.updated").await,
        json!({"before": {"name": "城北大学病院"}, "after": {"name": "城北病院"}})
    );
}
