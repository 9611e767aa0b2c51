//! A light first page: what every entry page a resident may land on costs over the wire with an
//! empty cache, as the browser's own resource timing counts it (the document, the shell, the
//! page's modules, styles and the API answers it needs).
//!
//! The target is 300 KB for each (issue 28). Measured on 7 December 2026 the home page meets it
//! (244 KB) and the others do not yet: /login and /register 320 KB (422 KB before their short
//! forms became a group of their own), /consultation 352 KB, a program 406 KB, /programs 416 KB —
//! the 218 KB shell plus the page group's wasm-split modules. The typed audit log, the English
//! announcements and the public figures with their map added 4–18 KB to each (the shell 222 KB):
//! home 251 KB, /login 331 KB, /consultation 368 KB, a program 425 KB, /programs 434 KB. Then the
//! signed-in resident's apply section left the catalogue for a module of its own (most first
//! visits are signed out): /programs 414 KB and a program 404 KB, at the price of one more
//! wasm-split chunk set elsewhere (/login 336 KB, /consultation 377 KB). Then the staff's pages
//! (the officer's inbox, the director's, the board's) became one group, so the code the groups
//! share is cut into fewer modules: /login 333 KB, /consultation 343 KB, /programs 400 KB, a
//! program 390 KB; home 252 KB. Then the long account forms joined the resident's pages (they
//! share the resident's form) and the staff's second factor the staff's group: home 250 KB,
//! /login 325 KB, /consultation 336 KB, a program 376 KB, /programs 386 KB. (Joining the entry
//! forms and the consultation desk as well made /login 348 KB: not every merge pays.)
//!
//! Then the API's answers went compressed (a page of programs 12 KB → 2 KB), and each group's
//! modules came in one file, its bundle (wasm-split cuts the shared code into a module per set of
//! groups sharing it; /programs fetched 29, compressed one by one, 127 KB, where the same modules
//! in one file are 88 KB): home 245 KB, /login 298 KB, /consultation 302 KB, /programs and a
//! program 334 KB. As a group more no longer costs requests, the catalogue's search, a program's
//! page and the schedule became a group each: a program 286 KB, /programs 301 KB, /login 302 KB,
//! /consultation 307 KB, home 249 KB (the shell names more modules). Until every page meets the
//! target, each is held to what it weighs now, so that none grows while the work goes on; lower a
//! page's allowance as it gets lighter, down to the target.

use senkoi_tests::spawn_app_serving;
use senkoi_tests::webdriver::Browser;

/// The target of a first visit, in bytes over the wire.
const TARGET: f64 = 300_000.0;

/// What each entry page may weigh today (its measure and 2 %), never above the target once met.
fn allowance(path: &str) -> f64 {
    match path {
        "/login" | "/register" => 306_000.0,
        "/programs" => 305_000.0,
        "/consultation" => 310_000.0,
        // Home and a program's page.
        _ => TARGET,
    }
}

/// Bytes over the wire of everything the page loaded so far, once nothing has been added for a
/// second (the page's modules and API calls have come).
async fn transferred(browser: &Browser) -> (f64, Vec<String>) {
    let script = "const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];\
                  return entries.map(e => [e.name, e.transferSize]);";
    let mut last = 0;
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
        let entries = browser.script(script).await;
        let entries = entries.as_array().cloned().unwrap_or_default();
        if entries.len() == last {
            let total = entries.iter().map(|e| e[1].as_f64().unwrap_or(0.0)).sum();
            let named = entries
                .iter()
                .map(|e| format!("{} {}", e[1].as_f64().unwrap_or(0.0), e[0].as_str().unwrap_or_default()))
                .collect();
            return (total, named);
        }
        last = entries.len();
    }
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn no_entry_page_grows_on_its_way_to_300_kb_with_an_empty_cache() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    app.set_now(senkoi_domain::time::noon_jst(2026, 12, 7));
    app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    let program = app.find_program("specialty=internal-medicine&prefecture=13", |_| true).await;
    let pages = [
        ("/", "[data-testid=nav-programs]"),
        ("/login", "[data-testid=submit-login]"),
        ("/register", "[data-testid=submit-register-email]"),
        ("/programs", "[data-testid=search-submit]"),
        (&*format!("/programs/{}", program["id"].as_str().unwrap()), "[data-testid=program-detail]"),
        ("/consultation", "[data-testid=send-consultation]"),
    ];
    let mut report = Vec::new();
    for (path, ready) in pages {
        // A browser of its own: an empty cache, as on a resident's first visit.
        let browser = Browser::start().await;
        browser.goto(&format!("{}{path}", app.address)).await;
        browser.wait_for(ready).await;
        let (bytes, entries) = transferred(&browser).await;
        report.push((path.to_string(), bytes, entries));
    }
    let over: Vec<String> = report
        .iter()
        .filter(|(path, bytes, _)| *bytes > allowance(path))
        .map(|(path, bytes, entries)| format!("{path}: {bytes} bytes\n  {}", entries.join("\n  ")))
        .collect();
    let measured: Vec<(&str, f64)> = report.iter().map(|(p, b, _)| (p.as_str(), *b)).collect();
    eprintln!("first visits (target {TARGET} bytes each): {measured:?}");
    for (path, bytes, entries) in &report {
        eprintln!("{path}: {bytes} bytes\n  {}", entries.join("\n  "));
    }
    assert!(over.is_empty(), "heavier than allowed on a first visit:\n{}", over.join("\n"));
}
