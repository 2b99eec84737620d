//! Articles sent to the server (files from the upload form, records of a JSON request),
//! ingested through the same pipeline and filer as `crosscheck ingest`.
//!
//! What is sent is read from memory (the body limit bounds it), never written to a file: no
//! name from a request ever reaches the file system. The name a file was sent under is its
//! documents' `source` (`upload/NAME#N`) and names it in errors; its extension picks the
//! reader, as a file's does.

use std::io::Write;
use std::sync::Arc;

use axum::extract::multipart::{Field, Multipart, MultipartError};
use crosscheck_extract::Options;
use crosscheck_ingest::Source;
use crosscheck_model::Document;
use serde_json::Value;

use crate::api::{IngestReport, IngestedDocument, RecordError};
use crate::error::Failure;
use crate::state::{blocking, AppState};

/// What the upload form offers to pick: every extension `crosscheck ingest` reads.
pub const ACCEPTED: &[&str] = &[
    ".txt", ".json", ".jsonl", ".html", ".htm", ".rss", ".atom", ".xml", ".warc", ".gz",
];

/// The longest name of an uploaded file kept as its source.
const MAX_NAME: usize = 120;

/// Lets a request that sends articles (any write: the form, the API) in when an upload turn
/// is free, and holds the turn until it is answered: bodies are read inside.
pub async fn one_of_few(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) {
        return next.run(request).await;
    }
    match Arc::clone(&state.uploads).acquire_owned().await {
        Ok(_turn) => next.run(request).await,
        Err(e) => Failure::internal(e).answer(request.uri().path()),
    }
}

/// Ingests the records of a JSON request, as the lines of a JSON Lines file: the N-th record
/// is `api#N`.
pub async fn records(state: &Arc<AppState>, records: Vec<Value>) -> Result<IngestReport, Failure> {
    blocking(state, move |state| {
        let lines = json_lines(&records).map_err(Failure::internal)?;
        ingest(
            state,
            &[Source::Bytes {
                name: "api".to_string(),
                bytes: lines,
            }],
        )
    })
    .await
}

fn json_lines(records: &[Value]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for record in records {
        serde_json::to_writer(&mut out, record)?;
        out.write_all(b"\n")?;
    }
    Ok(out)
}

/// Ingests the files of an upload form.
pub async fn files(state: &Arc<AppState>, mut form: Multipart) -> Result<IngestReport, Failure> {
    let mut uploads = Vec::new();
    while let Some(field) = form.next_field().await.map_err(refused)? {
        let Some(name) = field
            .file_name()
            .map(display_name)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        uploads.push(Source::Bytes {
            name: format!("upload/{name}"),
            bytes: received(field).await?,
        });
    }
    if uploads.is_empty() {
        return Err(Failure::bad_request("no file was sent"));
    }
    blocking(state, move |state| ingest(state, &uploads)).await
}

/// One file of the form (the body limit bounds its size).
async fn received(mut field: Field<'_>) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(refused)? {
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A form the server cannot read, with its status (413 over the body limit).
fn refused(error: MultipartError) -> Failure {
    Failure::new(error.status(), error.body_text())
}

/// The name a file was sent under, as a source shows it: its last path component, without
/// control characters, not too long.
fn display_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    last.chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads, annotates and files the uploads, and reports on each record.
fn ingest(state: &AppState, uploads: &[Source]) -> Result<IngestReport, Failure> {
    let reading = state.config.reading;
    let options = Options {
        reference_date: reading
            .reference_date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let mut errors = Vec::new();
    let mut docs: Vec<Document> = Vec::new();
    let turn = state.reading_turn();
    crosscheck_pipeline::run(
        uploads,
        &reading.limits,
        &options,
        reading.threads,
        &mut |skip| {
            errors.push(RecordError {
                source: skip.source,
                reason: skip.reason,
            })
        },
        &mut |doc| {
            docs.push(doc);
            Ok(())
        },
    )
    .map_err(Failure::internal)?;
    drop(turn);
    let mut report = file(state, docs)?;
    report.errors = errors;
    Ok(report)
}

/// Places the documents in their events and stores them, in one hold of the filer.
fn file(state: &AppState, docs: Vec<Document>) -> Result<IngestReport, Failure> {
    state.write(|filer, store| {
        let read: Vec<(String, String, Option<String>)> = docs
            .iter()
            .map(|d| (d.id.clone(), d.source.clone(), d.title.clone()))
            .collect();
        for doc in docs {
            filer.file(store, doc)?;
        }
        let filing = filer.finish(store)?;
        let documents = read
            .into_iter()
            .map(|(id, source, title)| IngestedDocument {
                event: filing.events.get(&id).cloned().unwrap_or_default(),
                id,
                source,
                title,
            })
            .collect();
        Ok(IngestReport {
            documents,
            errors: Vec::new(),
            added: filing.counts.added,
            updated: filing.counts.updated,
            unchanged: filing.counts.unchanged,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_names_never_become_paths() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\a\\page.html"), "page.html");
        assert_eq!(display_name("a\u{0}b\nc.txt"), "abc.txt");
    }
}
