//! The pages of the web UI, rendered on the server. Each reads through [`queries`], as the
//! API does, and renders off the async threads.

use std::sync::Arc;

use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crosscheck_render::html;

use crate::error::PageError;
use crate::listing::{self, EventsView};
use crate::queries::{self, MAX_RESULTS};
use crate::state::{blocking, AppState};
use crate::upload;

/// Events a page of the list shows.
const EVENTS_PER_PAGE: usize = 20;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(events))
        .route("/events/{id}", get(event))
        .route("/documents/{id}", get(document))
        .route("/documents", post(upload))
        .route("/search", get(search))
        .route(html::STYLESHEET, get(stylesheet))
        .route(html::LIVE_SCRIPT, get(live_script))
        .route("/api/changes", get(crate::live::changes))
}

type Page = Result<Html<String>, PageError>;

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    offset: usize,
    /// The upload whose report to show (after its redirect).
    report: Option<u64>,
}

async fn events(State(state): State<Arc<AppState>>, Query(query): Query<ListQuery>) -> Page {
    let page = blocking(&state, move |s| {
        let (events, total) = queries::events(s, query.offset, EVENTS_PER_PAGE)?;
        Ok(listing::events(&EventsView {
            events,
            total,
            offset: query.offset,
            limit: EVENTS_PER_PAGE,
            report: query.report.and_then(|id| s.report(id)),
        }))
    })
    .await?;
    Ok(page)
}

async fn event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Page {
    let page = blocking(&state, move |s| {
        let (event, docs) = queries::dossier(s, &id)?;
        Ok(Html(html::event_page(&event, &docs)))
    })
    .await?;
    Ok(page)
}

async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Page {
    let page = blocking(&state, move |s| {
        let (doc, event) = queries::document(s, &id)?;
        Ok(Html(html::document(&doc, event.as_deref())))
    })
    .await?;
    Ok(page)
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

async fn search(State(state): State<Arc<AppState>>, Query(query): Query<SearchQuery>) -> Page {
    let page = blocking(&state, move |s| {
        let results = queries::search(s, &query.q, MAX_RESULTS)?;
        Ok(listing::search(&query.q, &results))
    })
    .await?;
    Ok(page)
}

/// Ingests the uploaded files, then shows the events list with what became of them (a
/// redirect, so that reloading the page does not upload again).
async fn upload(
    State(state): State<Arc<AppState>>,
    form: Multipart,
) -> Result<Redirect, PageError> {
    let report = upload::files(&state, form).await?;
    let id = state.keep_report(report);
    Ok(Redirect::to(&format!("/?report={id}")))
}

async fn live_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        html::LIVE_JS,
    )
        .into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        html::CSS,
    )
        .into_response()
}
