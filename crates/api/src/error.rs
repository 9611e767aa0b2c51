//! Errors at the HTTP boundary: every failure leaves as `application/problem+json` with a stable code.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use sea_orm::SqlErr;
use senkoi_domain::DomainError;

pub use senkoi_domain::wire::{FieldError, Figures, Problem};

/// What people are told when the fault is ours; the cause goes to the log only.
const INTERNAL_ERROR_DETAIL: &str = "システムエラーが発生しました。しばらくしてから再度お試しください。";

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Domain(#[from] DomainError),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("{code}")]
    Plain { status: StatusCode, code: &'static str, detail: String },
    /// Come back later: 429 or 503 with `Retry-After` in seconds.
    #[error("{code}, retry after {retry_after}s")]
    Later { status: StatusCode, code: &'static str, detail: String, retry_after: u64 },
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn not_found() -> ApiError {
        ApiError::plain(StatusCode::NOT_FOUND, "not-found", "指定されたものは見つかりません。")
    }
    pub fn unauthorized() -> ApiError {
        ApiError::plain(StatusCode::UNAUTHORIZED, "unauthenticated", "ログインが必要です。")
    }
    /// A bearer token that is malformed, forged or expired.
    pub fn invalid_token() -> ApiError {
        ApiError::plain(
            StatusCode::UNAUTHORIZED,
            "invalid-token",
            "ログインの有効期限が切れました。もう一度ログインしてください。",
        )
    }
    /// Too many requests of one kind from one address or for one account.
    pub fn too_many(code: &'static str, retry_after: u64) -> ApiError {
        ApiError::Later {
            status: StatusCode::TOO_MANY_REQUESTS,
            code,
            detail: "短時間に操作が繰り返されました。しばらく待ってから再度お試しください。".into(),
            retry_after,
        }
    }
    /// The server is saturated (the password hashing pool is full).
    pub fn busy() -> ApiError {
        ApiError::Later {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            detail: "ただいま混み合っています。しばらく待ってから再度お試しください。".into(),
            retry_after: 1,
        }
    }
    pub fn forbidden() -> ApiError {
        ApiError::plain(StatusCode::FORBIDDEN, "forbidden", "この操作を行う権限がありません。")
    }
    pub fn payload_too_large() -> ApiError {
        ApiError::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "送信されたデータが大きすぎます。",
        )
    }
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::plain(StatusCode::BAD_REQUEST, code, detail)
    }
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::plain(StatusCode::CONFLICT, code, detail)
    }
    pub fn plain(status: StatusCode, code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::Plain { status, code, detail: detail.into() }
    }
    /// One invalid field, answered as 422.
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
            line: None,
        }])
    }

    /// 422 `required` for a field that is present but empty, `too-long` past `max` characters
    /// (what the schema says with `minLength: 1` and `maxLength`).
    pub fn require_text<'a>(field: &str, value: &'a str, max: usize) -> Result<&'a str, ApiError> {
        match value.trim() {
            "" => Err(ApiError::invalid(field, "required", "入力してください。")),
            text if text.chars().count() > max => Err(ApiError::invalid(field, "too-long", "長すぎます。")),
            text => Ok(text),
        }
    }

    /// Every refusal of a form's fields at once, answered as 422.
    /// 422 `invalid-body`: a JSON body of another shape than the operation's (a field missing or of
    /// the wrong type, an array for an object).
    pub fn invalid_body(e: impl std::fmt::Display) -> ApiError {
        ApiError::plain(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
            format!("送信されたデータの項目または型が正しくありません: {e}"),
        )
    }

    pub fn refusals(errors: impl IntoIterator<Item = DomainError>) -> ApiError {
        ApiError::Validation(errors.into_iter().map(FieldError::from).collect())
    }
}

impl ApiError {
    /// The one place where an error becomes a status and a problem: a domain refusal of
    /// malformed input is 422, a refusal by a rule 409.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Domain(error) if error.is_validation() => {
                let refused =
                    problem(StatusCode::UNPROCESSABLE_ENTITY, "validation-failed", &error.message_ja());
                with_errors(refused, vec![FieldError::from(error.clone())])
            }
            ApiError::Domain(error) => {
                let mut p = problem(rule_status(error), error.code(), &error.message_ja());
                p.figures = Figures::of(error);
                p
            }
            ApiError::Validation(errors) => with_errors(
                problem(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation-failed",
                    "入力内容に誤りがあります。各項目をご確認ください。",
                ),
                errors.clone(),
            ),
            ApiError::Plain { status, code, detail } | ApiError::Later { status, code, detail, .. } => {
                problem(*status, code, detail)
            }
            ApiError::Database(e) => match e.sql_err() {
                // A unique or reference rule of the database refused a write that the checks
                // before it could not see (a race): the state changed under the request, so it
                // is a conflict, never a server error. Handlers that know the rule answer with
                // its own code first.
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    problem(StatusCode::CONFLICT, "already-exists", ALREADY_EXISTS_DETAIL)
                }
                Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                    problem(StatusCode::CONFLICT, "still-referenced", STILL_REFERENCED_DETAIL)
                }
                _ => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal-error", INTERNAL_ERROR_DETAIL),
            },
            ApiError::Internal(_) => {
                problem(StatusCode::INTERNAL_SERVER_ERROR, "internal-error", INTERNAL_ERROR_DETAIL)
            }
        }
    }
}

const ALREADY_EXISTS_DETAIL: &str =
    "同じ内容がすでに登録されています。画面を更新して、現在の内容をご確認ください。";
const STILL_REFERENCED_DETAIL: &str =
    "ほかのデータから参照されているため、この操作はできません。画面を更新してご確認ください。";

/// The status of a refusal by a rule: a mailed link that can no longer be used is gone (410);
/// every other rule refusal is a conflict with the state of things (409).
fn rule_status(error: &DomainError) -> StatusCode {
    match error {
        DomainError::RegistrationLinkExpired
        | DomainError::RegistrationLinkUsed
        | DomainError::LinkExpired
        | DomainError::LinkUsed
        | DomainError::LinkSuperseded => StatusCode::GONE,
        _ => StatusCode::CONFLICT,
    }
}

/// A problem for `status` with the standard title.
pub fn problem(status: StatusCode, code: &str, detail: &str) -> Problem {
    Problem::new(status.as_u16(), status.canonical_reason().unwrap_or("Error"), code, detail)
}

/// A problem with its refused fields.
fn with_errors(mut problem: Problem, errors: Vec<FieldError>) -> Problem {
    problem.errors = errors;
    problem
}

/// A problem as the answer that carries it.
pub trait ProblemResponse {
    fn response(&self) -> HttpResponse;
}

impl ProblemResponse for Problem {
    fn response(&self) -> HttpResponse {
        HttpResponse::build(StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
            .content_type("application/problem+json")
            .json(self)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Database(e) if e.sql_err().is_some() => {
                tracing::warn!(error = %e, "refused by the database")
            }
            ApiError::Database(e) => tracing::error!(error = %e, "database error"),
            ApiError::Internal(e) => tracing::error!(error = %e, "internal error"),
            _ => {}
        }
        let mut response = self.problem().response();
        let unauthorized = response.status() == StatusCode::UNAUTHORIZED;
        let headers = response.headers_mut();
        if let ApiError::Later { retry_after, .. } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        if unauthorized {
            let challenge = match self {
                ApiError::Plain { code: "invalid-token", .. } => "Bearer error=\"invalid_token\"",
                _ => "Bearer",
            };
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response
    }
}

/// What a request body or query that could not be read gets: 400, 413 or 415, never text/plain.
pub fn json_error(
    err: actix_web::error::JsonPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let error = match &err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => ApiError::payload_too_large(),
        E::ContentType => ApiError::plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Content-Type は application/json を指定してください。",
        ),
        E::Deserialize(e) if e.is_data() => ApiError::invalid_body(e),
        _ => ApiError::bad_request("malformed-json", "送信されたデータが JSON として読み取れません。"),
    };
    actix_web::error::InternalError::from_response(err, error.problem().response()).into()
}

pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    let response = ApiError::bad_request("invalid-query", format!("検索条件が正しくありません: {err}"))
        .problem()
        .response();
    actix_web::error::InternalError::from_response(err, response).into()
}

pub fn path_error(err: actix_web::error::PathError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    let response = ApiError::not_found().problem().response();
    actix_web::error::InternalError::from_response(err, response).into()
}

/// The safety net: any error response that is not already a problem (unknown route, wrong method,
/// a framework refusal) is rewritten as one, so no client ever sees a text/plain error.
pub fn problem_safety_net<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // A handler's own JSON error (problem+json, or RFC 6749's bodies at `/auth/token`) stands.
    let is_ours = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes().starts_with(b"application/problem+json") || v.as_bytes().starts_with(b"application/json")
    });
    if is_ours {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let replacement = match status {
        StatusCode::NOT_FOUND => ApiError::not_found().problem(),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large().problem(),
        StatusCode::METHOD_NOT_ALLOWED => {
            problem(status, "method-not-allowed", "このURLではその操作はできません。")
        }
        s if s.is_server_error() => problem(status, "internal-error", INTERNAL_ERROR_DETAIL),
        _ => problem(status, "bad-request", "リクエストが正しくありません。"),
    };
    let body = serde_json::to_string(&replacement).unwrap_or_default();
    let (req, mut res) = res.into_parts();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    let res = ServiceResponse::new(req, res.set_body(body)).map_into_boxed_body().map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}
