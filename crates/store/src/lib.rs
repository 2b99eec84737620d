//! Where documents are kept between runs.
//!
//! The pipeline only sees the [`Store`] trait; [`SqliteStore`] is the embedded default (one
//! file, no server). A PostgreSQL backend implements the same trait when crosscheck scales
//! out.

mod sqlite;

use crosscheck_events::Profile;
use crosscheck_model::Document;

pub use sqlite::SqliteStore;

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// A document with the same id was there and is now replaced (the cleaner improved).
    Updated,
    /// The same document was already stored: re-ingesting is idempotent.
    Unchanged,
}

/// A document and the event the clusterer placed it in.
#[derive(Debug, Clone)]
pub struct Filed {
    pub document: Document,
    pub event: String,
    /// The clusterer's profile of the document, kept so that a later run can rebuild the
    /// open events without re-reading every text.
    pub profile: Profile,
}

/// Where a stored document was placed, as a clusterer resuming needs it.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub event: &'a str,
    pub profile: &'a Profile,
}

/// An event as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSummary {
    pub id: String,
    pub documents: usize,
}

/// The line a listing shows for a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// A document matching a search, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub document: DocumentSummary,
    /// The matching passage, with the matched words between the caller's markers.
    pub snippet: String,
    /// Relevance, higher is better.
    pub score: f64,
}

/// How matched words are marked in search snippets (ANSI bold on a terminal, say).
#[derive(Debug, Clone, Copy)]
pub struct Highlight<'a> {
    pub before: &'a str,
    pub after: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a crosscheck database, or a damaged one ({reason})")]
    NotADatabase { path: String, reason: String },
    #[error("{path}: database schema version {found} is newer than this crosscheck supports ({supported}); upgrade crosscheck")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("stored document {id} is damaged: {reason}")]
    DamagedRecord { id: String, reason: String },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

/// Storage of documents and of the events they were placed in.
pub trait Store {
    /// Stores documents with their events in one transaction: all of them, or none on error.
    fn put_batch(&mut self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError>;
    /// The event a stored document was placed in (`None` for a document not stored, or
    /// stored before events existed).
    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// Every stored document's id with its event and profile (where it has them), in
    /// storage order: what a clusterer needs to resume.
    fn for_each_profile(
        &self,
        each: &mut dyn FnMut(&str, Option<Placement<'_>>),
    ) -> Result<(), StoreError>;
    /// The events, in the order they were founded.
    fn events(&self) -> Result<Vec<EventSummary>, StoreError>;
    /// The documents of one event, in storage order.
    fn event_documents(&self, event: &str) -> Result<Vec<Document>, StoreError>;
    fn get(&self, id: &str) -> Result<Option<Document>, StoreError>;
    /// Documents in the order they were first stored.
    fn list(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>, StoreError>;
    fn count(&self) -> Result<usize, StoreError>;
    /// Full-text search over titles and texts; every word of `query` must match.
    fn search(
        &self,
        query: &str,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError>;
}
