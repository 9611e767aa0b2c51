//! A light first page: what every entry page a resident may land on costs over the wire with an
//! empty cache, as the browser's own resource timing counts it (the document, the shell, the
//! page's modules, styles and the API answers it needs).
//!
//! The target is 300 KB for each (issue 28), and each meets it. Measured in Chromium on
//! 7 December 2026 with an empty cache: home 247 KB, /register 292 KB, /login 294 KB,
//! /consultation 295 KB, a program 284 KB, /programs 299 KB (the page most visits start on; the
//! one nearest the target).
//!
//! How they got there, from /programs 416 KB and /login 320 KB: the page groups are split points
//! cut out of the shell's wasm (218–224 KB), and wasm-split writes a module for every set of
//! groups that share code, which a page fetched one by one (29 for /programs, each compressed
//! alone and counted by the browser with its own overhead: 127 KB, where the same modules in one
//! file are 88 KB). So `cargo xtask build-spa` writes each group's modules into one file, its
//! bundle, and the link module takes them from it; with a group more costing no request, each
//! page where people land is a group of its own (the search, a program's page, signing in,
//! registering, the consultation desk) and loads its own code only. The signed-in resident's
//! apply section is a module of its own (most first visits are signed out). The API's JSON is
//! compressed (a page of programs 12 KB → 2 KB), the page modules are named by one hash of the
//! build (the link module, on every page, names them all), and the sources by paths relative to
//! the registry. What is left is mostly the framework's code (reactive_graph, tachys,
//! leptos_router, serde_json's deserializers): see the closing note.

use senkoi_tests::spawn_app_serving;
use senkoi_tests::webdriver::Browser;

/// The target of a first visit, in bytes over the wire.
const TARGET: f64 = 300_000.0;

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
async fn every_entry_page_is_under_300_kb_with_an_empty_cache() {
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
        .filter(|(_, bytes, _)| *bytes > TARGET)
        .map(|(path, bytes, entries)| format!("{path}: {bytes} bytes\n  {}", entries.join("\n  ")))
        .collect();
    let measured: Vec<(&str, f64)> = report.iter().map(|(p, b, _)| (p.as_str(), *b)).collect();
    eprintln!("first visits (target {TARGET} bytes each): {measured:?}");
    for (path, bytes, entries) in &report {
        eprintln!("{path}: {bytes} bytes\n  {}", entries.join("\n  "));
    }
    assert!(over.is_empty(), "heavier than allowed on a first visit:\n{}", over.join("\n"));
}
