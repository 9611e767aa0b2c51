//! The OpenAPI document, generated from the handlers, and the interactive docs at `/api/docs/`.

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
    paths(
        routes::health::health,
        routes::auth::login,
        routes::auth::refresh,
        routes::auth::logout,
        routes::reminders::request_reset,
        routes::reminders::check_reset,
        routes::reminders::confirm_reset,
        routes::reminders::remind_user_id,
        routes::registrations::request_link,
        routes::registrations::check_link,
        routes::registrations::register,
        routes::me::get_me,
        routes::me::update_me,
        routes::me::delete_me,
        routes::legacy::import_legacy_accounts,
        routes::legacy::purge_legacy_accounts,
        routes::legacy::request_migration,
        routes::legacy::check_migration_link,
        routes::legacy::complete_migration,
        routes::reference::list_specialties,
        routes::reference::list_prefectures,
        routes::reference::server_time,
        routes::rounds::list_rounds,
        routes::calendar::schedule_calendar,
        routes::rounds::get_round,
        routes::rounds::create_round,
        routes::rounds::update_round,
        routes::rounds::delete_round,
        routes::announcements::list_announcements,
        routes::announcements::create_announcement,
        routes::announcements::update_announcement,
        routes::announcements::withdraw_announcement,
        routes::facilities::list_facilities,
        routes::facilities::get_facility,
        routes::facilities::create_facility,
        routes::facilities::update_facility,
        routes::facilities::delete_facility,
        routes::programs::search_programs,
        routes::programs::get_program,
        routes::programs::create_program,
        routes::programs::update_program,
        routes::programs::delete_program,
        routes::applications::apply,
        routes::applications::withdraw,
        routes::applications::my_applications,
        routes::decisions::decide_one,
        routes::decisions::decide_many,
        routes::decisions::decline,
        routes::applicants::list_applicants,
        routes::applicants::export_applicants,
        routes::directing::my_programs,
        routes::directing::program_room,
        routes::directing::confirm,
        routes::directing::edit_applicant_profile,
        routes::audit_events::list_audit_events,
        routes::audit_events::list_audit_actors,
        routes::ceilings::list_ceilings,
        routes::ceilings::set_ceiling,
        routes::ceilings::import_ceilings,
        routes::ceilings::what_if,
        routes::directors::invite,
        routes::directors::list_directors,
        routes::directors::assign_programs,
        routes::staff::list_staff,
        routes::staff::invite_staff,
        routes::staff::disable_staff,
        routes::staff::enable_staff,
        routes::staff::reset_second_factor,
        routes::second_factor::my_second_factor,
        routes::second_factor::begin_second_factor,
        routes::second_factor::confirm_second_factor,
        routes::oversight::unconfirmed_programs,
        routes::oversight::unprocessed_applications,
        routes::statistics::board_prefecture_statistics,
        routes::oauth::token,
        routes::society_clients::create_client,
        routes::society_clients::list_clients,
        routes::society_clients::add_secret,
        routes::society_clients::revoke_secret,
        routes::society_clients::revoke_client,
        routes::society::feeds::program_feed,
        routes::society::feeds::application_feed,
        routes::society::feeds::resident_feed,
        routes::society_clients::client_endpoints,
        routes::society::webhooks::create_endpoint,
        routes::society::webhooks::list_endpoints,
        routes::society::webhooks::delete_endpoint,
        routes::society::webhooks::list_deliveries,
        routes::society::webhooks::replay,
        routes::society::sandbox::make_applications,
        routes::society::sandbox::clear,
        routes::statistics::prefecture_statistics,
        routes::statistics::annual_hires,
        routes::training::records::my_training,
        routes::training::records::list_training_records,
        routes::training::records::create_training_record,
        routes::training::records::update_training_record,
        routes::training::records::delete_training_record,
        routes::training::records::approve_training_record,
        routes::training::records::return_training_record,
        routes::training::completions::file_completion,
        routes::training::completions::completion_queue,
        routes::training::completions::get_completion,
        routes::training::completions::approve_completion,
        routes::training::completions::return_completion,
        routes::training::completions::record_certification_fee,
        routes::training::completions::issue_certificate,
        routes::consultations::file_consultation,
        routes::consultations::follow_consultation,
        routes::consultations::follow_up_consultation,
        routes::consultations::consultation_inbox,
        routes::consultations::read_consultation,
        routes::consultations::answer_consultation,
    ),
    // A schema only a query parameter names is not collected from the paths: list it here.
    components(schemas(senkoi_domain::wire::ApplicantSort)),
    modifiers(&BearerAuth, &ProblemJson, &CommonResponses),
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

/// The document as served at `/api/openapi.json` and committed as `openapi/openapi.json`.
pub fn spec() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
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
