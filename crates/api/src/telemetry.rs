//! Logging: structured `tracing` output, filtered by `RUST_LOG` (default `info`).

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber for the binary.
pub fn init() {
    init_with_default("info,sqlx=warn,sea_orm=warn,actix_server=warn");
}

/// Installs the global subscriber once, with `default` unless `RUST_LOG` says otherwise; later
/// calls are no-ops (tests call it freely, with a quieter default).
pub fn init_with_default(default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // Colours only for a person at a terminal, never in files or CI logs.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi).try_init();
}

/// The span of each request, as tracing-actix-web's default but with the path's secrets hidden
/// (mailed-link tokens travel in paths) and without the client's address or user agent, which are
/// personal data the logs do not need.
pub struct RedactedRootSpan;

impl tracing_actix_web::RootSpanBuilder for RedactedRootSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let request_id = request
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %redact_target(request.path()),
            request_id = %request_id,
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        let status = match outcome {
            Ok(response) => response.status().as_u16(),
            Err(error) => error.as_response_error().status_code().as_u16(),
        };
        // The access log: one line a request, carrying the span's (redacted) fields.
        span.in_scope(|| tracing::info!(status, "answered"));
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Path segments after which the next segment is a secret token.
/// The API's and the SPA's (`/register/{token}` is the page a mailed link opens).
const TOKEN_BEARING_SEGMENTS: [&str; 5] =
    ["registrations", "legacy-migrations", "register", "reset-password", "migrate"];

/// The request path with every token segment replaced by `{token}`; the query is left out.
pub fn redact_target(path: &str) -> String {
    let mut previous = "";
    path.split('/')
        .map(|segment| {
            let shown = if TOKEN_BEARING_SEGMENTS.contains(&previous) && !segment.is_empty() {
                "{token}"
            } else {
                segment
            };
            previous = segment;
            shown
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::redact_target;

    #[test]
    fn tokens_in_paths_are_hidden() {
        let cases = [
            ("/api/v1/registrations/AbC-123", "/api/v1/registrations/{token}"),
            ("/api/v1/registrations/AbC-123/resident", "/api/v1/registrations/{token}/resident"),
            ("/api/v1/registrations", "/api/v1/registrations"),
            ("/api/v1/legacy-migrations/tok", "/api/v1/legacy-migrations/{token}"),
            ("/register/tok", "/register/{token}"),
            ("/register", "/register"),
            ("/reset-password/tok", "/reset-password/{token}"),
            ("/migrate/tok", "/migrate/{token}"),
            ("/api/v1/programs/42", "/api/v1/programs/42"),
        ];
        for (path, shown) in cases {
            assert_eq!(redact_target(path), shown, "{path}");
        }
    }
}
