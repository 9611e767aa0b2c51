//! The published contract: the committed spec is what the code generates, and it is served with docs.

use senkoi_tests::spawn_app;

#[test]
fn the_committed_openapi_json_is_what_the_code_generates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = senkoi_api::openapi::spec_json();
    assert!(committed == generated, "openapi/openapi.json is stale: run `cargo xtask openapi` and commit it");
}

#[tokio::test]
async fn the_spec_and_the_docs_are_served_without_the_internet() {
    let app = spawn_app().await;
    let spec = app.get("/api/openapi.json").await;
    assert_eq!(spec.status, 200);
    let expected: serde_json::Value = serde_json::from_str(&senkoi_api::openapi::spec_json()).unwrap();
    assert_eq!(spec.body, expected);
    for path in ["/api/v1/programs", "/api/v1/rounds", "/api/v1/auth/login", "/api/health"] {
        assert!(spec.body["paths"][path].is_object(), "{path} is documented");
    }
    let refusal = &spec.body["paths"]["/api/v1/programs"]["get"]["responses"]["400"]["content"];
    assert!(
        refusal["application/problem+json"].is_object(),
        "errors are documented as problem+json: {refusal}"
    );
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status, 200);
    assert!(docs.text.contains("swagger-ui"), "the docs page is vendored");
    let bundle = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status, 200, "the docs' script is served locally");
}
