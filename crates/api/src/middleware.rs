//! Response middleware: the request id on every answer, and the security headers.

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing_actix_web::RequestId;

/// Answers every request with the id its log lines carry (`x-request-id`), so that a person
/// reporting a problem can quote it.
pub async fn echo_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}

/// The policy for the SPA and the API: scripts and styles only from this origin (wasm needs
/// `wasm-unsafe-eval`), no framing, no plugins.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Swagger UI's page starts itself with inline script and styles.
const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browsers keep to HTTPS for this host for a year once they have seen it over HTTPS.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// How the deployment is reached, as the security headers need to know it (app data).
#[derive(Clone, Copy, Debug)]
pub struct Transport {
    /// `SENKOI_PUBLIC_URL` is `https://`: every answer carries HSTS.
    pub https: bool,
}

impl Transport {
    pub fn of_public_url(public_url: &str) -> Transport {
        Transport { https: public_url.trim().to_ascii_lowercase().starts_with("https://") }
    }
}

/// Whether `path` is the interactive API documentation's, the one place with a looser policy.
fn is_docs(path: &str) -> bool {
    path == "/api/docs" || path.starts_with("/api/docs/")
}

/// Security headers on every answer, errors included.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let docs = is_docs(req.path());
    let api = req.path().starts_with("/api/");
    let https = req.app_data::<actix_web::web::Data<Transport>>().is_some_and(|t| t.https);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    if https {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(STRICT_TRANSPORT_SECURITY));
    }
    let policy = if docs { DOCS_CONTENT_SECURITY_POLICY } else { CONTENT_SECURITY_POLICY };
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    // Personal data must not linger in shared caches or the browser's history.
    if api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_docs_pages_are_the_docs() {
        for (path, docs) in [
            ("/api/docs", true),
            ("/api/docs/", true),
            ("/api/docs/swagger-ui.css", true),
            ("/api/docsx", false),
            ("/api/v1/docs", false),
            ("/docs", false),
        ] {
            assert_eq!(is_docs(path), docs, "{path}");
        }
    }

    #[test]
    fn hsts_is_sent_for_an_https_deployment_only() {
        assert!(Transport::of_public_url("https://senkoi.example.jp").https);
        assert!(Transport::of_public_url(" HTTPS://senkoi.example.jp").https);
        assert!(!Transport::of_public_url("http://127.0.0.1:8080").https);
    }
}
