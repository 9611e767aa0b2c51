//! Serving the built SPA at `/`, with every unknown non-API path answered by its `index.html`.
//!
//! `cargo xtask build-spa` names the assets by their content (`boot-<16 hex>.js`) and writes
//! `.br` and `.gz` siblings of every file: a client that accepts brotli or gzip gets those
//! (`Content-Encoding`, and `Vary: Accept-Encoding` on every answer), the assets are cached for a
//! year, and `index.html`, which names them, is revalidated at each load.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpResponse, web};

/// For a file whose name carries its content hash: it never changes under that name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For `index.html` and any file without a hash in its name: revalidated at each use.
pub const NO_CACHE: &str = "no-cache";

pub fn configure(cfg: &mut web::ServiceConfig, static_dir: Option<PathBuf>) {
    match static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            let files = Files::new("/", dir).index_file("index.html").try_compressed().default_handler(
                fn_service(move |req: ServiceRequest| {
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        let mut res = NamedFile::open(&index)?.into_response(&req);
                        // Whatever its path looks like, a deep link answers the page itself.
                        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
                        Ok(ServiceResponse::new(req, res))
                    }
                }),
            );
            // After the API's routes, so the scope sees only the SPA's paths.
            cfg.service(web::scope("").wrap(from_fn(cache_headers)).service(files));
        }
        None => {
            cfg.default_service(web::to(not_built));
        }
    }
}

/// Cache-Control by name (hashed or not) unless the answer set its own, and `Vary: Accept-Encoding`
/// on every answer, compressed or not, so that no cache hands a compressed body to a client that
/// did not ask for it.
async fn cache_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let immutable = is_hashed(req.path());
    let mut res = next.call(req).await?;
    let status = res.status();
    if status.is_success() || status == actix_web::http::StatusCode::NOT_MODIFIED {
        let headers = res.headers_mut();
        if !headers.contains_key(header::CACHE_CONTROL) {
            let policy = if immutable { IMMUTABLE } else { NO_CACHE };
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        let varies = headers
            .get_all(header::VARY)
            .any(|v| v.to_str().is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    Ok(res)
}

/// Whether the path's file name carries a content hash as xtask writes it: `-` and 16 lowercase
/// hex digits before the extension (`/pkg/senkoi_frontend-0123456789abcdef.js`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.split_once('.') else { return false };
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// Without `SENKOI_STATIC_DIR` the API still runs; the page says how to get the SPA.
async fn not_built() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
        "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>Senkoi</title>\
         <p>画面（SPA）はビルドされていません。<code>cargo xtask run</code> で起動してください。</p>\
         <p>The SPA is not built: start with <code>cargo xtask run</code>. API: <a href=\"/api/docs/\">/api/docs/</a></p></html>",
    )
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(is_hashed("/pkg/senkoi_frontend-0123456789abcdef.js"));
        assert!(is_hashed("/pkg/senkoi_frontend_bg-0123456789abcdef.wasm"));
        assert!(is_hashed("/style-fedcba9876543210.css"));
        for path in
            ["/", "/index.html", "/style.css", "/programs/some-id", "/boot-123.js", "/x-0123456789ABCDEF.js"]
        {
            assert!(!is_hashed(path), "{path}");
        }
    }
}
