//! Answers that several routes give alike.

use actix_web::HttpResponse;
use senkoi_domain::wire::Accepted;

/// What 202 says, whatever happened behind it.
pub fn accepted() -> HttpResponse {
    HttpResponse::Accepted().json(Accepted {
        detail: "受け付けました。ご登録のメールアドレスに届くメールをご確認ください。".into(),
    })
}
