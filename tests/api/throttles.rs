//! Who is asking, and throttles that hold in production: the client's address read from trusted
//! proxies only (right-most untrusted hop, IPv6 per /64), throttles by purpose (a sign-in per
//! account and source, mail per recipient and per source), kept in the database so that two
//! server processes (or one restarted) count together; a newer mailed link ends the older ones;
//! the consultation desk's follow-ups, officers' notices and inbox.

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use senkoi_api::client::{ForwardedHeader, TrustedProxies};
use senkoi_api::entities::mail_outbox;
use senkoi_tests::{Answer, RESIDENT_PASSWORD, TestApp, spawn_app_configured};
use serde_json::{Value, json};

/// A POST to `address` (a server of the app) carrying the forwarding header `header: value`.
async fn post_via(app: &TestApp, address: &str, path: &str, header: (&str, &str), body: &Value) -> Answer {
    let response = app
        .client
        .post(format!("{address}{path}"))
        .header(header.0, header.1)
        .json(body)
        .send()
        .await
        .expect("the request is answered");
    senkoi_tests::read(response).await
}

fn behind(list: &str, header: ForwardedHeader) -> TrustedProxies {
    TrustedProxies::parse(list, header).unwrap()
}

async fn wrong_login(app: &TestApp, header: (&str, &str), login: &str) -> Answer {
    post_via(
        app,
        &app.address,
        "/api/v1/auth/login",
        header,
        &json!({"login": login, "password": "Wrong2024"}),
    )
    .await
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_counted_apart() {
    let app = spawn_app_configured(|s| {
        s.trusted_proxies = behind("127.0.0.1/32", ForwardedHeader::Forwarded);
        s.login_failures_per_source = 3;
    })
    .await;
    // The client wrote the first element itself; the proxy appended the address it saw.
    let one = ("forwarded", "for=192.0.2.1, for=198.51.100.7;proto=https");
    for n in 0..3 {
        wrong_login(&app, one, &format!("nobody{n}@example.jp"))
            .await
            .assert_problem(401, "invalid-credentials");
    }
    wrong_login(&app, one, "someone@example.jp").await.assert_problem(429, "too-many-attempts");
    // Another client behind the same proxy is not stopped, whatever it claims to the left.
    let other = ("forwarded", "for=198.51.100.7, for=198.51.100.8");
    wrong_login(&app, other, "someone@example.jp").await.assert_problem(401, "invalid-credentials");
    // IPv6 is counted per /64: two addresses of one block are one source.
    let v6 = |host: &'static str| ("forwarded", host);
    for _ in 0..3 {
        wrong_login(&app, v6("for=\"[2001:db8:1:2::1]:4711\""), "x@example.jp")
            .await
            .assert_problem(401, "invalid-credentials");
    }
    wrong_login(&app, v6("for=\"[2001:db8:1:2:ffff::9]\""), "x@example.jp")
        .await
        .assert_problem(429, "too-many-attempts");
    wrong_login(&app, v6("for=\"[2001:db8:1:3::1]\""), "x@example.jp")
        .await
        .assert_problem(401, "invalid-credentials");
}

#[tokio::test]
async fn an_untrusted_peer_cannot_pick_its_address() {
    let app = spawn_app_configured(|s| {
        s.trusted_proxies = behind("10.0.0.0/8", ForwardedHeader::XForwardedFor);
        s.login_failures_per_source = 3;
    })
    .await;
    for n in 0..3 {
        let header = format!("198.51.100.{n}");
        let answer = wrong_login(&app, ("x-forwarded-for", &header), "a@example.jp").await;
        answer.assert_problem(401, "invalid-credentials");
    }
    // A new address in the header every time: still the same peer, which is counted.
    wrong_login(&app, ("x-forwarded-for", "198.51.100.99"), "a@example.jp")
        .await
        .assert_problem(429, "too-many-attempts");
}

#[tokio::test]
async fn a_trusted_proxy_s_other_header_is_not_read() {
    // The proxy writes X-Forwarded-For; a Forwarded header can only be the client's own.
    let app = spawn_app_configured(|s| {
        s.trusted_proxies = behind("127.0.0.1", ForwardedHeader::XForwardedFor);
        s.login_failures_per_source = 2;
    })
    .await;
    for n in 0..2 {
        let claimed = format!("for=203.0.113.{n}");
        wrong_login(&app, ("forwarded", &claimed), "b@example.jp")
            .await
            .assert_problem(401, "invalid-credentials");
    }
    wrong_login(&app, ("forwarded", "for=203.0.113.77"), "b@example.jp")
        .await
        .assert_problem(429, "too-many-attempts");
    wrong_login(&app, ("x-forwarded-for", "203.0.113.1, 198.51.100.5"), "b@example.jp")
        .await
        .assert_problem(401, "invalid-credentials");
}

#[tokio::test]
async fn guessing_from_elsewhere_does_not_lock_the_holder_out() {
    let app =
        spawn_app_configured(|s| s.trusted_proxies = behind("127.0.0.1", ForwardedHeader::XForwardedFor))
            .await;
    let resident = app.resident("holder@example.jp", "1234567").await;
    let attacker = ("x-forwarded-for", "203.0.113.66");
    for _ in 0..5 {
        wrong_login(&app, attacker, &resident.user_id).await.assert_problem(401, "invalid-credentials");
    }
    let right = json!({"login": resident.user_id, "password": RESIDENT_PASSWORD});
    let stopped = post_via(&app, &app.address, "/api/v1/auth/login", attacker, &right).await;
    stopped.assert_problem(429, "too-many-attempts");
    let wait: i64 = stopped.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    // The holder, at the hospital, signs in; so does the attacker's own address after the window.
    let holder =
        post_via(&app, &app.address, "/api/v1/auth/login", ("x-forwarded-for", "198.51.100.20"), &right)
            .await;
    assert_eq!(holder.status, 200, "{}", holder.text);
    app.set_now(Utc::now() + Duration::minutes(16));
    assert_eq!(post_via(&app, &app.address, "/api/v1/auth/login", attacker, &right).await.status, 200);
}

#[tokio::test]
async fn throttles_are_shared_by_every_process_and_outlive_a_restart() {
    let app = spawn_app_configured(|s| s.login_failures_per_source = 4).await;
    let second = app.another_process().await;
    let none = ("x-unused", "-");
    for address in [&app.address, &second, &app.address, &second] {
        let answer = post_via(
            &app,
            address,
            "/api/v1/auth/login",
            none,
            &json!({"login": "z@example.jp", "password": "Wrong2024"}),
        )
        .await;
        answer.assert_problem(401, "invalid-credentials");
    }
    for address in [&app.address, &second] {
        let answer = post_via(
            &app,
            address,
            "/api/v1/auth/login",
            none,
            &json!({"login": "y@example.jp", "password": "Wrong2024"}),
        )
        .await;
        answer.assert_problem(429, "too-many-attempts");
    }
    // A process started afterwards (a restart) knows the count too.
    let restarted = app.another_process().await;
    let answer = post_via(
        &app,
        &restarted,
        "/api/v1/auth/login",
        none,
        &json!({"login": "y@example.jp", "password": "Wrong2024"}),
    )
    .await;
    answer.assert_problem(429, "too-many-attempts");
}

/// Mails queued for `address` so far.
async fn queued_to(app: &TestApp, address: &str) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_mailbox_gets_a_few_mails_an_hour_whoever_asks() {
    let app =
        spawn_app_configured(|s| s.trusted_proxies = behind("127.0.0.1", ForwardedHeader::XForwardedFor))
            .await;
    let victim = "victim@example.jp";
    for n in 0..7 {
        let source = format!("203.0.113.{n}");
        let answer = post_via(
            &app,
            &app.address,
            "/api/v1/registrations",
            ("x-forwarded-for", &source),
            &json!({"email": victim}),
        )
        .await;
        assert_eq!(answer.status, 202, "the same answer, mailed or not: {}", answer.text);
    }
    assert_eq!(queued_to(&app, victim).await, 5, "five mails an hour to one address");
    app.mail.wait_for_nth(victim, "登録用URL", 5).await;
    // Other addresses from the same sources are mailed; the victim's count starts again later.
    let other = post_via(
        &app,
        &app.address,
        "/api/v1/registrations",
        ("x-forwarded-for", "203.0.113.1"),
        &json!({"email": "other@example.jp"}),
    )
    .await;
    assert_eq!(other.status, 202);
    assert_eq!(queued_to(&app, "other@example.jp").await, 1);
    app.set_now(Utc::now() + Duration::minutes(61));
    assert_eq!(app.post("/api/v1/registrations", None, &json!({"email": victim})).await.status, 202);
    assert_eq!(queued_to(&app, victim).await, 6);
}

#[tokio::test]
async fn a_hospital_network_registers_together_until_its_ceiling() {
    let app = spawn_app_configured(|s| {
        s.trusted_proxies = behind("127.0.0.1", ForwardedHeader::XForwardedFor);
        s.mail_requests_per_source = 12;
    })
    .await;
    let hospital = ("x-forwarded-for", "198.51.100.40");
    for n in 0..12 {
        let body = json!({"email": format!("resident{n}@hospital.example.jp")});
        let answer = post_via(&app, &app.address, "/api/v1/registrations", hospital, &body).await;
        assert_eq!(answer.status, 202, "{}", answer.text);
    }
    for n in 0..12 {
        assert_eq!(
            queued_to(&app, &format!("resident{n}@hospital.example.jp")).await,
            1,
            "every resident's link"
        );
    }
    let body = json!({"email": "late@hospital.example.jp"});
    let refused = post_via(&app, &app.address, "/api/v1/registrations", hospital, &body).await;
    refused.assert_problem(429, "too-many-requests");
    let elsewhere =
        post_via(&app, &app.address, "/api/v1/registrations", ("x-forwarded-for", "198.51.100.41"), &body)
            .await;
    assert_eq!(elsewhere.status, 202);
}

#[tokio::test]
async fn a_newer_reset_link_ends_the_older_ones() {
    let app = spawn_app_configured(|_| {}).await;
    let resident = app.resident("reset@example.jp", "1234567").await;
    let link_of = |mail: senkoi_tests::smtp::ReceivedMail| {
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string()
    };
    let ask = json!({"login": resident.user_id});
    assert_eq!(app.post("/api/v1/auth/password-reset", None, &ask).await.status, 202);
    let first = link_of(app.mail.wait_for("reset@example.jp", "パスワード再設定").await);
    assert_eq!(
        app.post("/api/v1/auth/password-reset", None, &json!({"login": "reset@example.jp"})).await.status,
        202
    );
    let second = link_of(app.mail.wait_for_nth("reset@example.jp", "パスワード再設定", 2).await);
    let confirm = |token: &str, password: &str| json!({"token": token, "password": password});
    let old = app.post("/api/v1/auth/password-reset/confirm", None, &confirm(&first, "Older2025x")).await;
    old.assert_problem(410, "link-superseded");
    let done = app.post("/api/v1/auth/password-reset/confirm", None, &confirm(&second, "Newer2025x")).await;
    assert_eq!(done.status, 204, "{}", done.text);
    app.login(&resident.user_id, "Newer2025x").await;

    // Registration links too: only the newest mail's link opens the form.
    let first = app.registration_link("twice@example.jp").await;
    let second = app.registration_link("twice@example.jp").await;
    app.get(&format!("/api/v1/registrations/{first}")).await.assert_problem(410, "link-superseded");
    assert_eq!(app.get(&format!("/api/v1/registrations/{second}")).await.status, 200);
}

#[tokio::test]
async fn follow_ups_are_limited_per_consultation_and_officers_told_once_in_a_while() {
    let app = spawn_app_configured(|_| {}).await;
    let officer = app.staff("consultation-officer").await;
    let file = |n: u32| json!({"category": "harassment", "body": format!("相談 {n}")});
    let filed = app.post("/api/v1/consultations", None, &file(1)).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let key = filed.body["follow_token"].as_str().unwrap().to_string();
    let notices = || async { queued_to(&app, &officer.email).await };
    assert_eq!(notices().await, 1);
    let follow = |n: u32| json!({"follow_token": key, "body": format!("追記 {n}")});
    for n in 0..10 {
        let more = app.post("/api/v1/consultations/follow/messages", None, &follow(n)).await;
        assert_eq!(more.status, 200, "{}", more.text);
    }
    assert_eq!(notices().await, 1, "the messages of a few minutes are one notice");
    let refused = app.post("/api/v1/consultations/follow/messages", None, &follow(10)).await;
    refused.assert_problem(429, "too-many-requests");
    let followed = app.post("/api/v1/consultations/follow", None, &json!({"follow_token": key})).await;
    assert_eq!(followed.body["messages"].as_array().unwrap().len(), 11, "the refused message is not kept");

    app.set_now(Utc::now() + Duration::minutes(61));
    let later = app.post("/api/v1/consultations/follow/messages", None, &follow(11)).await;
    assert_eq!(later.status, 200, "{}", later.text);
    assert_eq!(notices().await, 2, "a later message is told again");

    // The inbox is paged, however many consultations there are.
    let officer = app.sign_in_again(&officer).await;
    for n in 2..=3 {
        assert_eq!(app.post("/api/v1/consultations", None, &file(n)).await.status, 201);
    }
    let page = |n: u32| format!("/api/v1/consultations?per_page=2&page={n}");
    let first = app.request(Method::GET, &page(1), Some(&officer.access), None).await;
    assert_eq!(
        (first.body["total"].clone(), first.body["items"].as_array().unwrap().len()),
        (json!(3), 2),
        "{}",
        first.text
    );
    let second = app.request(Method::GET, &page(2), Some(&officer.access), None).await;
    assert_eq!(second.body["items"].as_array().unwrap().len(), 1);
    let ids: Vec<&Value> = [&first.body["items"][0], &first.body["items"][1], &second.body["items"][0]]
        .iter()
        .map(|item| &item["id"])
        .collect();
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "no consultation twice: {ids:?}");
    let bad =
        app.request(Method::GET, "/api/v1/consultations?per_page=500", Some(&officer.access), None).await;
    bad.assert_problem(400, "invalid-paging");
}
