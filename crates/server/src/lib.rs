//! `crosscheck serve`: the web UI and the HTTP API over a store.
//!
//! [`router`] builds the whole application as one axum [`Router`]: server-rendered pages
//! (events, dossiers, documents with every extracted item highlighted, search, upload), the
//! JSON API with its OpenAPI document, and the protections every response gets. The pages
//! of dossiers and documents come from `crosscheck-render`, which the command line's
//! Markdown and HTML share.
//!
//! Every string of an article is untrusted: pages are built with maud, which escapes all
//! it interpolates, and served under a strict Content-Security-Policy: no script but the
//! server's own `/static/live.js` (the live pages, `live.rs`), nothing from elsewhere.

mod api;
mod error;
mod listing;
mod live;
mod pages;
mod queries;
mod security;
mod state;
mod upload;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::{middleware, Router};
use chrono::NaiveDate;
use crosscheck_ingest::Limits;
use crosscheck_pipeline::Filer;
use crosscheck_store::Store;
use tower_http::timeout::TimeoutLayer;

pub use api::{
    ArticleInput, ArticleInputs, IngestReport, IngestedDocument, RecordError, SearchResult,
};
pub use security::{token_problem, RateLimit};

/// How the server behaves: who may use it, how much it accepts, how it reads uploads.
#[derive(Debug, Clone)]
pub struct Config {
    /// When set, every request must carry it (`Authorization: Bearer`, or the `token`
    /// cookie that visiting any page with `?token=` sets).
    pub token: Option<String>,
    /// The largest request body, in bytes (an upload, a JSON batch).
    pub max_body: usize,
    pub rate: RateLimit,
    /// How long a request may take before it is answered 503.
    pub timeout: Duration,
    /// How uploaded articles are read, as `crosscheck ingest` reads files.
    pub reading: Reading,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            max_body: 20 << 20,
            rate: RateLimit::default(),
            timeout: Duration::from_secs(120),
            reading: Reading::default(),
        }
    }
}

/// The reading options of `crosscheck ingest`, for uploads.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    pub limits: Limits,
    /// The day dates without a year are read against; the day of each upload when unset
    /// (a server runs for days).
    pub reference_date: Option<NaiveDate>,
    /// Threads that clean and annotate an upload's articles.
    pub threads: usize,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            limits: Limits::default(),
            reference_date: None,
            threads: 1,
        }
    }
}

/// The application over `store`, placing uploads with `filer` (resumed from that store).
/// Serve it with `into_make_service_with_connect_info::<SocketAddr>()`: the rate limit is
/// kept per client address.
pub fn router(store: Box<dyn Store>, filer: Filer, config: Config) -> Router {
    let (api, openapi) = api::routes().split_for_parts();
    let limiter = Arc::new(security::Limiter::new(config.rate));
    let timeout = config.timeout;
    let max_body = config.max_body;
    let state = Arc::new(state::AppState::new(store, filer, config, &openapi));
    // Layers run outermost last-added first: headers on every answer (refusals included),
    // API errors in one JSON shape, then the rate limit (before authentication, so that tokens cannot be guessed at
    // speed), the timeout, authentication and the body limit.
    Router::new()
        .merge(pages::routes())
        .merge(api)
        .fallback(error::no_route)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            upload::one_of_few,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            security::authenticate,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn_with_state(
            limiter,
            security::rate_limit,
        ))
        .layer(middleware::from_fn(error::api_errors))
        .layer(middleware::from_fn(security::headers))
        .with_state(state)
}
