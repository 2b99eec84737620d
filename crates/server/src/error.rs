//! Failures as answers: JSON for the API, a page for a browser. Internal errors are logged
//! in full and answered without detail (they may name files of the server).

use std::fmt::Display;

use axum::extract::Request;
use axum::http::{header, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use crosscheck_store::StoreError;
use serde_json::json;

#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::NOT_FOUND, message)
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(error: impl Display) -> Self {
        tracing::error!("{error}");
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }

    /// Answered as JSON under `/api/`, as a page elsewhere.
    pub fn answer(self, path: &str) -> Response {
        if path.starts_with("/api/") {
            ApiError(self).into_response()
        } else {
            PageError(self).into_response()
        }
    }
}

impl From<StoreError> for Failure {
    /// A query the user can fix is theirs (400); one that ran past its budget is the
    /// server's limit (503); the rest is internal.
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Query(_) => Failure::bad_request(error.to_string()),
            StoreError::SearchTooCostly { .. } => {
                Failure::new(StatusCode::SERVICE_UNAVAILABLE, error.to_string())
            }
            other => Failure::internal(other),
        }
    }
}

/// A failure answered as `{"error": message}`.
pub struct ApiError(pub Failure);

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        ApiError(failure)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0.status, Json(json!({ "error": self.0.message }))).into_response()
    }
}

/// A failure answered as a page.
pub struct PageError(pub Failure);

impl From<Failure> for PageError {
    fn from(failure: Failure) -> Self {
        PageError(failure)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = crate::listing::failure(self.0.status, &self.0.message);
        (self.0.status, page).into_response()
    }
}

/// The longest error body turned into the API's JSON shape; what axum's extractors answer
/// (a malformed body, a missing parameter) is a line or two.
const MAX_ERROR_BODY: usize = 4_096;

/// Gives every API error one shape, `{"error": message}`, whoever answered it: a handler,
/// an extractor refusing a malformed body or query, a limit or a timeout.
pub async fn api_errors(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
        Ok(bytes) if !bytes.is_empty() => String::from_utf8_lossy(&bytes).trim().to_string(),
        _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut answer = ApiError(Failure::new(status, text)).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

/// What a path no route serves gets.
pub async fn no_route(uri: Uri) -> Response {
    Failure::not_found("no such page").answer(uri.path())
}
