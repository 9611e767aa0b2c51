//! Serving the built SPA at `/`, with every unknown non-API path answered by its `index.html`.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig, static_dir: Option<PathBuf>) {
    match static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            cfg.service(Files::new("/", dir).index_file("index.html").default_handler(fn_service(
                move |req: ServiceRequest| {
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        let file = NamedFile::open_async(&index).await?;
                        Ok(ServiceResponse::new(req.clone(), file.into_response(&req)))
                    }
                },
            )));
        }
        None => {
            cfg.default_service(web::to(not_built));
        }
    }
}

/// Without `SENKOI_STATIC_DIR` the API still runs; the page says how to get the SPA.
async fn not_built() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
        "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>Senkoi</title>\
         <p>画面（SPA）はビルドされていません。<code>cargo xtask run</code> で起動してください。</p>\
         <p>The SPA is not built: start with <code>cargo xtask run</code>. API: <a href=\"/api/docs/\">/api/docs/</a></p></html>",
    )
}
