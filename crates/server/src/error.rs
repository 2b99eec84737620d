//! Failures as answers: JSON for the API, a page for a browser. Internal errors are logged
//! in full and answered without detail (they may name files of the server).

use std::fmt::Display;

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crosscheck_store::StoreError;
use serde_json::json;

use crate::html;

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
    fn from(error: StoreError) -> Self {
        Failure::internal(error)
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
        let page = html::failure(self.0.status, &self.0.message);
        (self.0.status, page).into_response()
    }
}

/// What a path no route serves gets.
pub async fn no_route(uri: Uri) -> Response {
    Failure::not_found("no such page").answer(uri.path())
}
