//! The HTTP API: JSON in the shapes of SPEC.md (an event is a dossier event, a document is
//! what `crosscheck extract` prints), and the OpenAPI document generated from these very
//! handlers, so that the document and the routes cannot drift apart.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crosscheck_model::{Document, Event};
use crosscheck_store::SearchHit;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, Failure};
use crate::queries;
use crate::state::{blocking, AppState};
use crate::upload;

#[derive(OpenApi)]
#[openapi(info(
    title = "crosscheck",
    description = "Event dossiers from news coverage: every fact linked to the sentence it came from. \
                   JSON keys as SPEC.md gives them."
))]
struct ApiDoc;

/// The API's routes, each registered with its OpenAPI operation.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_events))
        .routes(routes!(get_event))
        .routes(routes!(get_document))
        .routes(routes!(search))
        .routes(routes!(post_documents))
        .routes(routes!(openapi))
}

/// Which events of the list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct Page {
    /// Events to skip (the most reported first).
    #[serde(default)]
    pub offset: usize,
    /// Events to return, at most 100.
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    20
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchQuery {
    /// Words that must all occur (accents and case are ignored).
    pub q: String,
    /// Results to return, at most 100.
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// A document matching a search.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResult {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The event the document was placed in.
    pub event: Option<String>,
    /// The matching passage.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub matches: Vec<(usize, usize)>,
    /// Relevance, higher is better.
    pub score: f64,
}

impl SearchResult {
    pub(crate) fn new(
        hit: SearchHit,
        event: Option<String>,
        snippet: String,
        matches: Vec<(usize, usize)>,
    ) -> Self {
        let doc = hit.document;
        SearchResult {
            id: doc.id,
            source: doc.source,
            title: doc.title,
            outlet: doc.outlet,
            published: doc.published,
            event,
            snippet,
            matches,
            score: hit.score,
        }
    }

    /// The snippet cut at its matches: unmatched, matched, unmatched, … (ranges that are
    /// not on character boundaries are left unmatched).
    pub(crate) fn parts(&self) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.matches {
            if let (Some(before), Some(matched)) =
                (self.snippet.get(at..start), self.snippet.get(start..end))
            {
                parts.extend([before, matched]);
                at = end;
            }
        }
        parts.push(self.snippet.get(at..).unwrap_or_default());
        parts
    }
}

/// One article to ingest (SPEC.md, Inputs): `text` or `html`, with what is known of it.
/// The body is read as `crosscheck ingest` reads a JSON file, record by record, so other
/// field names it knows (news-please's `maintext`, `date_publish`, `source_domain`) work
/// too, and a bad record is reported without failing the others. This type and
/// [`ArticleInputs`] describe that body for the OpenAPI document and for clients.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleInput {
    /// The input's own id; else one is made from the record's bytes.
    pub id: Option<String>,
    pub text: Option<String>,
    /// A whole web page: the article is found in it.
    pub html: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub language: Option<String>,
    pub authors: Option<Vec<String>>,
}

/// One article, or an array of them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ArticleInputs {
    One(ArticleInput),
    Many(Vec<ArticleInput>),
}

/// What ingesting did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct IngestReport {
    /// The documents read, in input order, each with the event it was placed in.
    pub documents: Vec<IngestedDocument>,
    /// Inputs and records that did not become documents, and why.
    pub errors: Vec<RecordError>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IngestedDocument {
    pub id: String,
    /// Where it was read from: `api#N` for the N-th record of a JSON request, or
    /// `upload/NAME[#N]` for an uploaded file.
    pub source: String,
    pub title: Option<String>,
    pub event: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordError {
    /// The input, with `#N` for its N-th record.
    pub source: String,
    pub reason: String,
}

/// A JSON answer for a JSON body, and the failure as JSON too.
type ApiResult<T> = Result<Json<T>, ApiError>;

/// The dossiers of the events, the most reported first.
#[utoipa::path(get, path = "/api/events", params(Page),
    responses((status = OK, description = "Dossier events (SPEC.md, Dossier)", body = Vec<Event>)))]
async fn list_events(
    State(state): State<Arc<AppState>>,
    Query(page): Query<Page>,
) -> ApiResult<Vec<Event>> {
    let (events, _) =
        blocking(&state, move |s| queries::events(s, page.offset, page.limit)).await?;
    Ok(Json(events))
}

/// One event's dossier.
#[utoipa::path(get, path = "/api/events/{id}", params(("id" = String, Path, description = "Event id")),
    responses((status = OK, body = Event), (status = NOT_FOUND, description = "No such event")))]
async fn get_event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Event> {
    let (event, _) = blocking(&state, move |s| queries::dossier(s, &id)).await?;
    Ok(Json(Event::clone(&event)))
}

/// One annotated document, as `crosscheck extract` prints it.
#[utoipa::path(get, path = "/api/documents/{id}", params(("id" = String, Path, description = "Document id")),
    responses((status = OK, body = Document), (status = NOT_FOUND, description = "No such document")))]
async fn get_document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Document> {
    let (doc, _) = blocking(&state, move |s| queries::document(s, &id)).await?;
    Ok(Json(doc))
}

/// Full-text search over titles and texts, best match first.
#[utoipa::path(get, path = "/api/search", params(SearchQuery),
    responses((status = OK, body = Vec<SearchResult>)))]
async fn search(
    State(state): State<Arc<AppState>>,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Vec<SearchResult>> {
    let results = blocking(&state, move |s| queries::search(s, &query.q, query.limit)).await?;
    Ok(Json(results))
}

/// Ingests articles as `crosscheck ingest` does: each is cleaned, annotated and placed in
/// its event. Answers 200 when any document was read, 422 when none was (the errors say
/// why, by record).
#[utoipa::path(post, path = "/api/documents", request_body = ArticleInputs,
    responses((status = OK, body = IngestReport),
              (status = UNPROCESSABLE_ENTITY, description = "No record held an article", body = IngestReport),
              (status = PAYLOAD_TOO_LARGE, description = "Over the body limit")))]
async fn post_documents(
    State(state): State<Arc<AppState>>,
    Json(body): Json<Value>,
) -> Result<Response, ApiError> {
    let records = match body {
        Value::Array(records) => records,
        Value::Object(_) => vec![body],
        _ => {
            return Err(
                Failure::bad_request("expected an article object, or an array of them").into(),
            )
        }
    };
    let report = upload::records(&state, records).await?;
    let status = if report.documents.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json",
    responses((status = OK, description = "The OpenAPI 3 document of this API", content_type = "application/json")))]
async fn openapi(State(state): State<Arc<AppState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.openapi.clone(),
    )
        .into_response()
}
