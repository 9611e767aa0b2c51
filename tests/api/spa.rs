//! The SPA over the wire: precompressed files by `Accept-Encoding`, content-hashed assets cached
//! for a year, the page itself revalidated, and a first load that does not grow.

use std::path::{Path, PathBuf};

use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY,
};
use senkoi_tests::{TestApp, spawn_app_serving};

/// The most the first load may transfer, in bytes (brotli, as served): issue 15's target. The
/// shell and home are in the main wasm; the other pages load with their first visit (229,530
/// bytes when this was set; 540,621 as one wasm before the split).
const FIRST_LOAD_LIMIT: usize = 300_000;
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const HASHED_JS: &str = "pkg/senkoi_frontend-0123456789abcdef.js";

/// An answer's bytes exactly as sent (the test client decompresses nothing).
struct Raw {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: reqwest::header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    fn varies_by_encoding(&self) -> bool {
        self.headers
            .get_all(VARY)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.to_lowercase().contains("accept-encoding")))
    }
}

async fn fetch(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> Raw {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(encodings) = accept_encoding {
        request = request.header(ACCEPT_ENCODING, encodings);
    }
    let answer = request.send().await.expect("the request is answered");
    let (status, headers) = (answer.status().as_u16(), answer.headers().clone());
    Raw { status, headers, body: answer.bytes().await.expect("the body").to_vec() }
}

/// A built SPA in miniature: each file with brotli and gzip siblings whose bodies name themselves.
fn fixture() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("senkoi-spa-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    for name in ["index.html", HASHED_JS] {
        std::fs::write(dir.join(name), format!("plain {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.br")), format!("br {name}")).unwrap();
        std::fs::write(dir.join(format!("{name}.gz")), format!("gzip {name}")).unwrap();
    }
    dir
}

#[tokio::test]
async fn the_spa_is_sent_compressed_as_the_client_accepts_and_cached_by_name() {
    let dir = fixture();
    let app = spawn_app_serving(Some(dir.clone())).await;
    let js = format!("/{HASHED_JS}");
    let cases = [
        (Some("gzip, deflate, br, zstd"), "br"),
        (Some("br"), "br"),
        (Some("gzip"), "gzip"),
        (Some("br;q=0, gzip"), "gzip"),
        (Some("identity"), ""),
        (None, ""),
    ];
    for (accept, encoding) in cases {
        let answer = fetch(&app, &js, accept).await;
        assert_eq!(answer.status, 200, "{accept:?}");
        assert_eq!(answer.header(CONTENT_ENCODING), encoding, "Content-Encoding for {accept:?}");
        let expected = if encoding.is_empty() { "plain".to_string() } else { encoding.to_string() };
        assert_eq!(String::from_utf8_lossy(&answer.body), format!("{expected} {HASHED_JS}"), "{accept:?}");
        assert!(
            answer.header(CONTENT_TYPE).contains("javascript"),
            "the type of the original file for {accept:?}"
        );
        assert!(answer.varies_by_encoding(), "Vary: Accept-Encoding for {accept:?}");
        assert_eq!(answer.header(CACHE_CONTROL), IMMUTABLE, "a hashed name is cached for good");
        assert!(answer.header(CONTENT_SECURITY_POLICY).contains("'wasm-unsafe-eval'"));
    }

    // The page itself, at / and by name, compressed too, but revalidated at each load.
    for path in ["/", "/index.html"] {
        let answer = fetch(&app, path, Some("gzip, br")).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.header(CONTENT_ENCODING), "br", "{path}");
        assert_eq!(answer.body, b"br index.html", "{path}");
        assert!(answer.header(CONTENT_TYPE).starts_with("text/html"), "{path}");
        assert_eq!(answer.header(CACHE_CONTROL), "no-cache", "{path}");
        assert!(answer.varies_by_encoding(), "{path}");
    }
    // A deep link is the page, never cached as if it were an asset, whatever its name looks like.
    for path in ["/programs/some-id", "/me/x-0123456789abcdef.js", "/pkg/senkoi_frontend-fedcba9876543210.js"]
    {
        let answer = fetch(&app, path, None).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.body, b"plain index.html", "{path}");
        assert_eq!(answer.header(CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(answer.header(CONTENT_ENCODING), "", "{path}");
    }
    // The API keeps its own policy.
    let api = fetch(&app, "/api/v1/specialties", Some("br")).await;
    assert_eq!(api.header(CACHE_CONTROL), "no-store");
    std::fs::remove_dir_all(dir).ok();
}

/// The API's answers are compressed as the client accepts, and decompress to the very JSON sent
/// to a client that accepts none.
#[tokio::test]
async fn the_api_answers_compressed_as_the_client_accepts() {
    use std::io::Read;
    let app = spawn_app_serving(None).await;
    let path = "/api/v1/prefectures?per_page=200";
    let plain = fetch(&app, path, None).await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header(CONTENT_ENCODING), "");
    let json: serde_json::Value = serde_json::from_slice(&plain.body).expect("plain JSON");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(47), "{json}");

    let br = fetch(&app, path, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header(CONTENT_ENCODING), "br");
    assert!(br.varies_by_encoding(), "Vary: Accept-Encoding");
    assert!(
        br.body.len() * 2 < plain.body.len(),
        "{} bytes in brotli of {}",
        br.body.len(),
        plain.body.len()
    );
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &br.body[..], &mut decoded).expect("brotli");
    assert_eq!(decoded, plain.body);

    let gzip = fetch(&app, path, Some("gzip")).await;
    assert_eq!(gzip.header(CONTENT_ENCODING), "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gzip.body[..]).read_to_end(&mut decoded).expect("gzip");
    assert_eq!(decoded, plain.body);

    // A problem is compressed alike and still reads as one.
    let problem = fetch(&app, "/api/v1/programs/not-a-uuid", Some("br")).await;
    assert_eq!(problem.status, 404);
    assert!(problem.header(CONTENT_TYPE).starts_with("application/problem+json"));
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &problem.body[..], &mut decoded).expect("brotli");
    let problem: serde_json::Value = serde_json::from_slice(&decoded).expect("a problem");
    assert_eq!(problem["status"], 404, "{problem}");
}

/// The quoted absolute paths in `text` that start with `prefix` (`/pkg/`, or `/` in attributes).
fn references(text: &str, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for quote in ['"', '\'', '`'] {
        let opening = format!("{quote}{prefix}");
        for (at, _) in text.match_indices(&opening) {
            let rest = &text[at + 1..];
            let path = &rest[..rest.find(quote).unwrap_or(rest.len())];
            if !path.contains(char::is_whitespace) && !found.iter().any(|f| f == path) {
                found.push(path.to_string());
            }
        }
    }
    found
}

/// The modules a script imports (`import … from "…"`).
fn imports(script: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (at, _) in script.match_indices(" from ") {
        let rest = &script[at + 6..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        let path = rest[1..].split(quote).next().unwrap_or_default();
        if !found.iter().any(|f| f == path) {
            found.push(path.to_string());
        }
    }
    found
}

/// A content-named file as the server sends it: brotli to a client that accepts it, cached for a
/// year; answers its plain bytes.
async fn served_as_asset(app: &TestApp, path: &str) -> Vec<u8> {
    let answer = fetch(app, path, Some("gzip, deflate, br")).await;
    assert_eq!(answer.status, 200, "{path}");
    assert_eq!(answer.header(CONTENT_ENCODING), "br", "{path} is sent with brotli");
    assert_eq!(answer.header(CACHE_CONTROL), IMMUTABLE, "{path} has a hashed name, cached for good");
    fetch(app, path, None).await.body
}

/// A page's module: wasm, without names or other custom sections.
fn assert_bare_wasm(module: &[u8], what: &str) {
    assert!(module.starts_with(b"\0asm"), "{what} is wasm");
    assert_eq!(custom_sections(module), 0, "{what} carries no names or other custom sections");
}

/// How many custom sections (names, producers, …) a wasm module holds, read from its sections.
fn custom_sections(wasm: &[u8]) -> usize {
    let mut at = 8;
    let mut custom = 0;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let (mut size, mut shift) = (0usize, 0);
        loop {
            let byte = wasm[at];
            at += 1;
            size |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte < 0x80 {
                break;
            }
        }
        custom += usize::from(id == 0);
        at += size;
    }
    assert_eq!(at, wasm.len(), "the sections end where the module does");
    custom
}

/// `./name` references of a file in `/pkg/`, as the paths they resolve to.
fn in_pkg(relative: Vec<String>) -> Vec<String> {
    relative.into_iter().map(|r| format!("/pkg/{}", r.trim_start_matches("./"))).collect()
}

#[tokio::test]
#[ignore = "needs the built SPA (SENKOI_TEST_SPA_DIR): run by `cargo xtask test`"]
async fn the_first_load_stays_within_its_limit_over_the_wire() {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.clone().into())).await;
    let plain = |path: &str| {
        let file = Path::new(&spa).join(path.trim_start_matches('/'));
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    };
    // What the page loads, then what its boot script loads (the bindings and the wasm).
    let index = plain("/index.html");
    let assets = references(&index, "/");
    let boot = assets.iter().find(|a| a.ends_with(".js")).expect("index.html loads a boot script");
    assert!(assets.iter().any(|a| a.ends_with(".css")), "index.html loads the style sheet: {assets:?}");
    let pkg = references(&plain(boot), "/pkg/");
    assert!(
        pkg.iter().any(|p| p.ends_with(".js")) && pkg.iter().any(|p| p.ends_with(".wasm")),
        "the boot script loads the bindings and the wasm by name: {pkg:?}"
    );
    let bindings = pkg.iter().find(|p| p.ends_with(".js")).unwrap().clone();
    let bindings_text = plain(&bindings);
    assert!(!bindings_text.contains("snippets/"), "the bindings import no snippets");
    // The bindings import the module that loads the pages' wasm (wasm-split's link module), and
    // it imports them back; the pages' modules it names are fetched on a page's first visit.
    let link = in_pkg(imports(&bindings_text));
    assert_eq!(link.len(), 1, "the bindings import the link module alone: {link:?}");
    let link_text = plain(&link[0]);
    assert_eq!(
        in_pkg(imports(&link_text)),
        std::slice::from_ref(&bindings),
        "the link module imports the bindings"
    );
    let pages: Vec<String> =
        in_pkg(references(&link_text, "./")).into_iter().filter(|p| p.ends_with(".wasm")).collect();
    assert!(pages.len() >= 6, "the link module names the pages' modules: {pages:?}");
    for page in &pages {
        assert_bare_wasm(&served_as_asset(&app, page).await, page);
    }
    // Each group's modules come in one file too, its bundle, which a first visit fetches instead.
    let bundles: Vec<String> =
        in_pkg(references(&link_text, "./")).into_iter().filter(|p| p.ends_with(".bin")).collect();
    assert!(bundles.len() >= 6, "the link module names the groups' bundles: {bundles:?}");
    for bundle in &bundles {
        // Its index ("stem length" lines, their size first), then each module it names, in order.
        let plain = served_as_asset(&app, bundle).await;
        let size = u32::from_le_bytes(plain[..4].try_into().unwrap()) as usize;
        let index = std::str::from_utf8(&plain[4..4 + size]).expect("the index is text");
        let mut at = 4 + size;
        for line in index.lines() {
            let (stem, length) = line.split_once(' ').expect("a stem and a length");
            let module = &plain[at..at + length.parse::<usize>().expect("a length")];
            assert_bare_wasm(module, &format!("{bundle}: {stem}"));
            at += module.len();
        }
        assert!(index.lines().count() >= 2 && at == plain.len(), "{bundle} holds its modules and no more");
    }
    let pkg: Vec<String> = pkg.into_iter().chain(link).collect();

    let index_answer = fetch(&app, "/", Some("gzip, deflate, br")).await;
    assert_eq!(index_answer.header(CONTENT_ENCODING), "br");
    assert_eq!(index_answer.header(CACHE_CONTROL), "no-cache");
    let mut total = index_answer.body.len();
    let mut lines = vec![format!("/ {}", index_answer.body.len())];
    for path in assets.iter().chain(&pkg) {
        let answer = fetch(&app, path, Some("gzip, deflate, br")).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.header(CONTENT_ENCODING), "br", "{path} is sent with brotli");
        assert_eq!(answer.header(CACHE_CONTROL), IMMUTABLE, "{path} has a hashed name, cached for good");
        assert!(answer.varies_by_encoding(), "{path}");
        let raw = fetch(&app, path, None).await;
        assert_eq!(raw.header(CONTENT_ENCODING), "", "{path} is plain to a client that accepts nothing");
        assert!(raw.body.len() > answer.body.len(), "{path} is smaller compressed");
        total += answer.body.len();
        lines.push(format!("{path} {}", answer.body.len()));
    }
    assert!(
        total < FIRST_LOAD_LIMIT,
        "the first load is {total} bytes over the wire, over its limit of {FIRST_LOAD_LIMIT}: {lines:?}"
    );
}
