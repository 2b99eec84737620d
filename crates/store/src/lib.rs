//! Where documents are kept between runs.
//!
//! The pipeline only sees the [`Store`] trait; [`SqliteStore`] is the embedded default (one
//! file, no server), [`MemoryStore`] what a run with no store files into, and
//! [`PostgresStore`] the store several processes share when crosscheck scales out. All
//! three pass one test suite (`tests.rs`); [`open`] picks one by what names it.

mod memory;
mod pool;
mod postgres;
pub mod query;
mod sqlite;
pub mod testing;
#[cfg(test)]
mod tests;

use crosscheck_model::Document;

pub use memory::MemoryStore;
pub use postgres::PostgresStore;
pub use query::{Query, QueryError};
pub use sqlite::{SqliteStore, SEARCH_BUDGET};

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// A document with the same id was there and is now replaced (the cleaner improved).
    Updated,
    /// The same document was already stored: re-ingesting is idempotent.
    Unchanged,
}

/// A document and the event the clusterer placed it in, if it has been placed yet.
#[derive(Debug, Clone)]
pub struct Filed {
    pub document: Document,
    pub placement: Option<Placed>,
    /// A hash of the document as read and annotated, before it was filed: reading the same
    /// input again finds it unchanged (see [`input_hash`]).
    pub input_hash: String,
}

/// Where a document was placed: its event, and the clusterer's profile of it, kept so that
/// a later run can rebuild the open events without re-reading every text. The store keeps
/// the profile as data it does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub event: String,
    pub profile: String,
}

/// The hash [`Filed::input_hash`] holds: of a document's JSON before filing added anything
/// to it (its copy link, the years its event gave it).
pub fn input_hash(document: &Document) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(document).unwrap_or_default();
    let digest = Sha256::digest(&json);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a stored document was placed, as a clusterer resuming needs it.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub event: &'a str,
    pub profile: &'a str,
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

impl Highlight<'_> {
    /// The passage of `text` a hit shows for `query`, its matched words marked: the same
    /// width in every store.
    pub(crate) fn snippet(&self, text: &str, query: &Query) -> String {
        query::snippet(text, query, query::SNIPPET_WORDS, self.before, self.after)
    }
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
    #[error("search: {0}")]
    Query(QueryError),
    #[error("search: stopped after {} s; use fewer or rarer words", budget.as_secs_f64())]
    SearchTooCostly { budget: std::time::Duration },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{name}: cannot reach the PostgreSQL server ({reason})")]
    Unreachable { name: String, reason: String },
    #[error("database error: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("{path}: cannot take the filing lock ({reason})")]
    Lock { path: String, reason: String },
}

impl From<QueryError> for StoreError {
    /// Not a `#[from]`: the message already holds the query's error, which a chain of
    /// sources would print twice.
    fn from(error: QueryError) -> Self {
        StoreError::Query(error)
    }
}

/// Storage of documents and of the events they were placed in. A store is shared between
/// threads: reads may run at once, and writes wait for one another (in other processes
/// too), never fail because another is under way.
pub trait Store: Send + Sync {
    /// Stores documents with their events in one transaction: all of them, or none on error.
    fn put_batch(&self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError>;
    /// The event a stored document was placed in (`None` for a document not stored, or
    /// stored before events existed).
    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The [`input_hash`] a stored document was filed with (`None` for a document not
    /// stored, or stored before hashes were kept).
    fn input_hash(&self, id: &str) -> Result<Option<String>, StoreError>;
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
    /// Full-text search over titles and texts: every term of `query` (see [`Query`]) must
    /// match. A query that cannot be read, or that runs past the store's time budget, is an
    /// error that says why.
    fn search(
        &self,
        query: &str,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let query = Query::parse(query)?;
        if query.is_empty() {
            return Ok(Vec::new());
        }
        self.search_query(&query, limit, highlight)
    }
    /// [`Store::search`] for a query already read, with at least one term.
    fn search_query(
        &self,
        query: &Query,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError>;
    /// Runs `work` while no other caller of `exclusively` on the same store runs it, in this
    /// process or another: documents are placed in events by one filer at a time, so that
    /// processes sharing a store place them as one would.
    fn exclusively(
        &self,
        work: &mut dyn FnMut() -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// Whether `name` is a PostgreSQL URL rather than the path of an SQLite file.
pub fn is_postgres_url(name: &str) -> bool {
    name.starts_with("postgres://") || name.starts_with("postgresql://")
}

/// A store's name as messages give it: a file by its path, a database by its URL without
/// its password.
pub fn display_name(name: &str) -> String {
    if is_postgres_url(name) {
        postgres::redacted(name)
    } else {
        name.to_string()
    }
}

/// Opens the store `name` names: a PostgreSQL database by its URL, else an SQLite file.
pub fn open(name: &str) -> Result<Box<dyn Store>, StoreError> {
    Ok(if is_postgres_url(name) {
        Box::new(PostgresStore::open(name)?)
    } else {
        Box::new(SqliteStore::open(std::path::Path::new(name))?)
    })
}
