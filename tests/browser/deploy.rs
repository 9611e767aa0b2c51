//! A tab left open across a deploy: the pages' modules of its build are gone from the server, and
//! the first visit to one of those pages opens it from the new build instead of stopping the SPA.

use std::path::{Path, PathBuf};

use senkoi_tests::spawn_app_serving;
use senkoi_tests::webdriver::Browser;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the built SPA (SENKOI_TEST_SPA_DIR) in a directory of its own, to change freely.
fn copy_of_the_built_spa(kind: &str) -> PathBuf {
    let built = PathBuf::from(
        std::env::var("SENKOI_TEST_SPA_DIR")
            .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)"),
    );
    let site = std::env::temp_dir().join(format!("senkoi-{kind}-{}", uuid::Uuid::new_v4()));
    copy_dir(&built, &site);
    site
}

/// The boot file `index.html` names (`/boot-<hash>.js`).
fn boot_of(site: &Path) -> String {
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let start = index.find("/boot").expect("index.html names its boot file");
    let end = start + index[start..].find('"').unwrap();
    index[start..end].to_string()
}

/// Deploys "the next build" into `site`: the same files under `/pkg2/`, a new boot file that
/// loads them, an index.html naming it, and the old build's page modules and the bundles that
/// carry them removed, as a deploy that replaces the site's files leaves it.
fn deploy_next_build(site: &Path) {
    copy_dir(&site.join("pkg"), &site.join("pkg2"));
    let old_boot = boot_of(site);
    let boot = std::fs::read_to_string(site.join(old_boot.trim_start_matches('/'))).unwrap();
    assert!(boot.contains("/pkg/"), "the boot file loads the bindings from /pkg/");
    std::fs::write(site.join("boot-next.js"), boot.replace("/pkg/", "/pkg2/")).unwrap();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    std::fs::write(site.join("index.html"), index.replace(&old_boot, "/boot-next.js")).unwrap();
    for sibling in ["index.html.br", "index.html.gz"] {
        std::fs::remove_file(site.join(sibling)).unwrap();
    }
    let mut removed = 0;
    for entry in std::fs::read_dir(site.join("pkg")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["chunk_", "split_", "bundle_"].iter().any(|kind| name.starts_with(kind)) {
            std::fs::remove_file(entry.path()).unwrap();
            removed += 1;
        }
    }
    assert!(removed > 0, "the old build had page modules");
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_tab_open_across_a_deploy_opens_its_next_page_from_the_new_build() {
    let site = copy_of_the_built_spa("deploy");
    let app = spawn_app_serving(Some(site.clone())).await;
    app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    let browser = Browser::start().await;
    browser.goto(&format!("{}/", app.address)).await;
    browser.wait_for("[data-testid=nav-schedule]").await;
    let first = browser.script("return document.querySelector('script[type=module]').src").await;
    assert!(first.as_str().is_some_and(|src| src.contains("/boot-")), "{first}");

    deploy_next_build(&site);
    browser.click("[data-testid=nav-schedule]").await;
    let schedule = browser.wait_for_text("[data-testid=schedule-table]", |t| t.contains("JST")).await;
    assert!(schedule.contains("12:00"), "the schedule, from the new build: {schedule}");
    assert!(browser.current_url().await.ends_with("/schedule"), "at the page the link asked for");
    let now = browser.script("return document.querySelector('script[type=module]').src").await;
    assert!(now.as_str().is_some_and(|src| src.ends_with("/boot-next.js")), "the new build runs: {now}");

    // The new build's own pages load as usual.
    browser.click("[data-testid=nav-programs]").await;
    browser.wait_for("[data-testid=search-submit]").await;
    std::fs::remove_dir_all(&site).ok();
}

/// A page group's modules come in one file, its bundle; where the bundle cannot be had (a proxy
/// that drops it, a half-copied deploy), the page loads its modules one by one instead, and a
/// module taken from a bundle is never fetched again.
#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_page_whose_bundle_is_missing_loads_its_modules_one_by_one() {
    let site = copy_of_the_built_spa("bundles");
    let mut removed = 0;
    for entry in std::fs::read_dir(site.join("pkg")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("bundle_search_pages") {
            std::fs::remove_file(entry.path()).unwrap();
            removed += 1;
        }
    }
    assert_eq!(removed, 3, "the search's bundle, with its brotli and gzip siblings");
    let app = spawn_app_serving(Some(site.clone())).await;
    app.load_demo(senkoi_domain::demo::DemoPhase::Application).await;
    let browser = Browser::start().await;
    let fetched = "return performance.getEntriesByType('resource').map(e => e.name.split('/').pop());";

    // The search, without its bundle: its modules, each alone.
    browser.goto(&format!("{}/programs", app.address)).await;
    browser.wait_for("[data-testid=program-row]").await;
    let files = browser.script(fetched).await;
    let files: Vec<&str> = files.as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
    assert!(
        files.iter().any(|f| f.starts_with("bundle_search_pages")),
        "the bundle was asked for: {files:?}"
    );
    assert!(files.iter().any(|f| f.starts_with("split_search_pages")), "then the module alone: {files:?}");

    // A program's page, with its bundle: one file, and no module fetched alone.
    browser.click("[data-testid=program-link]").await;
    browser.wait_for("[data-testid=program-detail]").await;
    let after = browser.script(fetched).await;
    let after: Vec<&str> = after.as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
    let new = &after[files.len()..];
    assert!(new.iter().any(|f| f.starts_with("bundle_program_pages")), "the page's bundle: {new:?}");
    assert!(!new.iter().any(|f| f.ends_with(".wasm")), "no module fetched alone: {new:?}");
    std::fs::remove_dir_all(&site).ok();
}
