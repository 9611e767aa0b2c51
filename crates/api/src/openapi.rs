//! The OpenAPI document, generated from the handlers the router serves, and the interactive docs
//! at `/api/docs/`.

use actix_web::web;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Senkoi API",
        description = "The national specialty board's system for specialty residents (専攻医): \
            programs, recruitment rounds, applications and decisions. Errors are \
            application/problem+json with a stable `code`.",
        license(name = "Apache-2.0")
    ),
    // A schema only a query parameter names is not collected from the paths: list it here.
    components(schemas(senkoi_domain::wire::ApplicantSort)),
    tags(
        (name = "system", description = "Health"),
        (name = "auth", description = "Signing in, refreshing, signing out"),
        (name = "accounts", description = "Residents' accounts: registration, reminders, the own profile"),
        (name = "reference", description = "Specialties (基本領域) and prefectures (都道府県)"),
        (name = "rounds", description = "Recruitment rounds (募集) and the master schedule"),
        (name = "announcements", description = "The board's information (インフォメーション)"),
        (name = "facilities", description = "Facilities (施設)"),
        (name = "programs", description = "Specialty training programs (専門研修プログラム)"),
        (name = "applications", description = "Applying (応募), withdrawing (取下げ) and the resident's own applications"),
        (name = "decisions", description = "Program directors' decisions (採否) and declines (辞退)"),
        (name = "directors", description = "Program directors (統括責任者): invitations and the programs they run"),
        (name = "staff", description = "The board's staff accounts (admins, consultation officers, program directors): \
            invitations by mail, disabling (sessions end at once) and enabling; the second factor (TOTP, RFC 6238), required \
            of admins and consultation officers and offered to directors, with one-time recovery codes"),
        (name = "societies", description = "Societies' systems: their clients, secrets and OAuth 2 client-credentials tokens; \
            the change feeds of their specialty (`?cursor=` from the last `next_cursor`); webhooks signed by the Standard \
            Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`), with a delivery log and replay. A \
            society's requests are throttled per client (429 with `Retry-After`)"),
        (name = "oversight", description = "The board's watch over running rounds: unconfirmed programs, unprocessed applications"),
        (name = "ceilings", description = "Ceilings (シーリング) per year × prefecture × specialty: set, import, suggest, what-if"),
        (name = "audit", description = "The board's audit log: who changed what, when, in a hash chain"),
        (name = "statistics", description = "Per-prefecture status (都道府県ごとの応募・採用状況) and annual hires (年度採用数)"),
        (name = "training", description = "Training records (研修実績): the resident's periods, approved or returned by the \
            director, or sent by the society's system for the data-linkage specialties; completion applications \
            (研修修了申請) from the resident through the director, the society and the board to the certificate"),
        (name = "consultations", description = "The consultation desk (専攻医相談窓口): confidential consultations, filed by \
            anyone, read and answered only by consultation officers, followed by the reporter with a private key"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
    }
}

/// Errors are documented with the media type they are sent with: `application/problem+json`.
struct ProblemJson;

impl Modify for ProblemJson {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let is_problem = |content: &RefOr<Content>| matches!(content, RefOr::T(Content { schema: Some(RefOr::Ref(r)), .. }) if r.ref_location.ends_with("/Problem"));
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                for response in operation.responses.responses.values_mut() {
                    let RefOr::T(response) = response else { continue };
                    if response.content.get("application/json").is_some_and(is_problem)
                        && let Some(body) = response.content.shift_remove("application/json")
                    {
                        response.content.insert("application/problem+json".into(), body);
                    }
                }
            }
        }
    }
}

/// What the framework itself answers, documented on every operation it can happen to, so that a
/// client generated from the document knows every status: a JSON body can be malformed (400),
/// too large (413), of another media type (415) or of the wrong shape (422); a query can be
/// refused (400); a path parameter that names nothing is 404; a bearer-secured operation answers
/// 401 without a valid token and 403 to the wrong role. Responses without a description get
/// the standard one for their status (a description is required by OpenAPI).
struct CommonResponses;

fn default_description(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "Done; no content",
        "400" => "`malformed-json`, `invalid-query` or `invalid-paging`: the request could not be read",
        "401" => {
            "`unauthenticated` (no bearer token) or `invalid-token` (forged or expired); `WWW-Authenticate: Bearer`"
        }
        "403" => "`forbidden`: the caller's role may not do this",
        "404" => "`not-found`: nothing with this id (or not the caller's)",
        "409" => "Refused by a rule of the process; `code` says which",
        "410" => "Gone: the mailed link expired or was used",
        "413" => "`payload-too-large`",
        "415" => "`unsupported-media-type`: send `application/json`",
        "422" => {
            "`validation-failed` (with `errors`) or `invalid-body` (a field missing or of the wrong type)"
        }
        "429" => "Too many requests; wait `Retry-After` seconds",
        "503" => "Unavailable for now; wait `Retry-After` seconds",
        _ => "See `code`",
    }
}

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = || {
            ResponseBuilder::new()
                .content(
                    "application/problem+json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations =
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                let body = match &operation.request_body {
                    Some(RefOr::T(body)) => Some(body.content.contains_key("application/json")),
                    _ => None,
                };
                let parameters = operation.parameters.iter().flatten();
                let query = parameters
                    .clone()
                    .any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query)));
                // An empty requirement among them makes the token optional: no 401 then.
                let secured = operation.security.as_ref().is_some_and(|requirements| {
                    !requirements.is_empty()
                        && !requirements
                            .iter()
                            .any(|r| r == &utoipa::openapi::security::SecurityRequirement::default())
                });
                let mut statuses = Vec::new();
                if body == Some(true) {
                    statuses.extend(["400", "413", "415", "422"]);
                } else if body == Some(false) {
                    statuses.push("413");
                }
                if query {
                    statuses.push("400");
                }
                if path.contains('{') {
                    statuses.push("404");
                }
                if secured {
                    // A society's token is throttled on every route it reaches.
                    statuses.extend(["401", "403", "429"]);
                }
                let responses = &mut operation.responses.responses;
                for status in statuses {
                    responses.entry(status.to_string()).or_insert_with(|| RefOr::T(problem()));
                }
                for (status, response) in responses.iter_mut() {
                    if let RefOr::T(response) = response
                        && response.description.is_empty()
                    {
                        response.description = default_description(status).to_string();
                    }
                }
            }
        }
    }
}

/// The document as served at `/api/openapi.json` and committed as `openapi/openapi.json`: the
/// operations of every endpoint the router serves ([`routes::endpoints`]), with the schemas they
/// refer to, then what every operation shares.
pub fn spec() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let components = doc.components.get_or_insert_with(Default::default);
    for endpoint in routes::endpoints() {
        let (paths, schemas) = endpoint.document();
        doc.paths.merge(paths);
        components.schemas.extend(schemas);
    }
    for modifier in [&BearerAuth as &dyn Modify, &ProblemJson, &CommonResponses] {
        modifier.modify(&mut doc);
    }
    doc
}

/// The committed form: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let mut json = spec().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", spec()));
}
