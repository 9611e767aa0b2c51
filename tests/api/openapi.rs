//! The published contract: the committed spec is what the code generates, and it is served with docs.

use senkoi_tests::spawn_app;

#[test]
fn the_committed_openapi_json_is_what_the_code_generates() {
    let path = senkoi_tests::tests_dir().join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = senkoi_api::openapi::spec_json();
    if let Some(diff) = difference(&committed, &generated) {
        panic!(
            "openapi/openapi.json is stale: run `cargo xtask openapi`, read the change and commit it.\n{diff}"
        );
    }
}

/// What changed from `committed` to `generated`, line by line with three lines around each
/// change; `None` when they are the same.
fn difference(committed: &str, generated: &str) -> Option<String> {
    (committed != generated).then(|| {
        let diff = similar::TextDiff::from_lines(committed, generated);
        diff.unified_diff().context_radius(3).header("committed", "generated").to_string()
    })
}

#[test]
fn a_stale_document_shows_what_changed_line_by_line() {
    let committed = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
    let generated = "{\n  \"a\": 1,\n  \"b\": 3\n}\n";
    assert_eq!(difference(committed, committed), None);
    let shown = difference(committed, generated).expect("a change");
    assert!(shown.contains("--- committed\n+++ generated\n"), "{shown}");
    assert!(shown.contains("-  \"b\": 2\n+  \"b\": 3\n"), "{shown}");
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

fn committed_spec() -> serde_json::Value {
    serde_json::from_str(&senkoi_api::openapi::spec_json()).expect("the spec is JSON")
}

/// The OpenAPI 3.1 schema (2022-10-07) as published by the OpenAPI Initiative (Apache-2.0).
fn openapi_3_1_schema() -> serde_json::Value {
    let path = senkoi_tests::tests_dir().join("api/fixtures/openapi-3.1-schema-2022-10-07.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture")).expect("JSON")
}

#[test]
fn the_document_validates_against_the_openapi_3_1_schema() {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&openapi_3_1_schema())
        .expect("the OpenAPI schema compiles");
    let spec = committed_spec();
    let errors: Vec<String> =
        validator.iter_errors(&spec).map(|e| format!("{} at {}", e, e.instance_path())).take(10).collect();
    assert!(errors.is_empty(), "the spec is not valid OpenAPI 3.1:\n{}", errors.join("\n"));
    // And the schema does catch what made the document invalid before: a response without a description.
    let mut broken = spec.clone();
    broken["paths"]["/api/health"]["get"]["responses"]["200"].as_object_mut().unwrap().remove("description");
    assert!(!validator.is_valid(&broken), "the validator refuses a response without a description");
}

#[test]
fn operation_ids_are_unique_and_every_response_says_what_it_means() {
    let spec = committed_spec();
    let mut ids = std::collections::HashSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(ids.insert(id.to_string()), "{method} {path}: operationId {id} is used twice");
            for (status, response) in operation["responses"].as_object().unwrap() {
                let description = response["description"].as_str().unwrap_or_default();
                assert!(!description.is_empty(), "{method} {path} {status} has no description");
            }
        }
    }
}

#[test]
fn every_reference_names_a_schema_of_the_document() {
    fn refs<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(target)) = map.get("$ref") {
                    found.push(target);
                }
                map.values().for_each(|v| refs(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }
    let spec = committed_spec();
    let mut found = Vec::new();
    refs(&spec, &mut found);
    assert!(found.len() > 100, "the document refers to its schemas");
    for target in found {
        let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("{target} is not local"));
        assert!(spec.pointer(pointer).is_some(), "{target} names nothing in the document");
    }
}

/// One request of the probe: bearer token, content type, body, query string.
type Probe<'a> = (Option<&'a str>, Option<&'a str>, Vec<u8>, &'a str);

/// Every operation of the spec, with its path's parameters filled in.
fn operations(spec: &serde_json::Value) -> Vec<(reqwest::Method, String, serde_json::Value)> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        let filled: String = path
            .split('/')
            .map(
                |segment| {
                    if segment.starts_with('{') { "00000000-0000-4000-8000-000000000000" } else { segment }
                },
            )
            .collect::<Vec<_>>()
            .join("/");
        for (method, operation) in item.as_object().unwrap() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            found.push((method, filled.clone(), operation.clone()));
        }
    }
    found
}

#[tokio::test]
async fn every_status_answered_to_a_malformed_or_unauthorised_request_is_documented() {
    let app = spawn_app().await;
    let spec = committed_spec();
    let admin = app.admin_token().await;
    let resident = app.resident("probe@example.jp", "1234567").await;
    let mut undocumented = Vec::new();
    for (method, path, operation) in operations(&spec) {
        let documented = operation["responses"].as_object().unwrap();
        let has_body = operation.get("requestBody").is_some();
        let has_query =
            operation["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
        let mut probes: Vec<Probe> = vec![
            (None, None, Vec::new(), ""),
            (Some("not-a-token"), None, Vec::new(), ""),
            (Some(resident.access.as_str()), None, Vec::new(), ""),
        ];
        if has_body {
            for token in [None, Some(admin.as_str()), Some(resident.access.as_str())] {
                probes.push((token, Some("application/json"), b"{".to_vec(), ""));
                probes.push((token, Some("application/json"), b"{}".to_vec(), ""));
                probes.push((token, Some("application/json"), b"[1, 2]".to_vec(), ""));
                probes.push((token, Some("text/plain"), b"hello".to_vec(), ""));
            }
        }
        if has_query {
            probes.push((Some(admin.as_str()), None, Vec::new(), "?page=0"));
            probes.push((Some(admin.as_str()), None, Vec::new(), "?per_page=201&year=abc"));
        }
        for (token, content_type, body, query) in probes {
            let mut request = app.client.request(method.clone(), format!("{}{path}{query}", app.address));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type).body(body.clone());
            }
            let response = request.send().await.expect("answered");
            let status = response.status();
            // Errors are problem+json; the OAuth token endpoint answers RFC 6749's JSON bodies.
            let error_type: &[u8] = if path == "/api/v1/auth/token" && status != 429 {
                b"application/json"
            } else {
                b"application/problem+json"
            };
            let is_problem =
                response.headers().get("content-type").is_some_and(|v| v.as_bytes().starts_with(error_type));
            if !documented.contains_key(status.as_str()) {
                undocumented.push(format!(
                    "{method} {path}{query} ({content_type:?}, token {}) → {status}",
                    token.is_some()
                ));
            }
            assert!(status.is_success() || is_problem, "{method} {path}: an error that is not problem+json");
            assert!(!status.is_server_error(), "{method} {path}{query}: {status}");
        }
    }
    assert!(undocumented.is_empty(), "answers the spec does not list:\n{}", undocumented.join("\n"));
}
