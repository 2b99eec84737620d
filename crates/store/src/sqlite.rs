//! The embedded store: one SQLite file, write-ahead logged, with FTS5 full-text search.
//!
//! Writes go through one connection, in `BEGIN IMMEDIATE` transactions so that a writer in
//! another process (a second `ingest`, a server's uploads) waits for its turn instead of
//! failing; reads go through a small pool of read-only connections, so that a long read
//! never holds up the others. Searches run under a time budget.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crosscheck_model::Document;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::pool::{lock, Pool};
use crate::query::{loose_text, Query};
use crate::{
    DocumentSummary, EventSummary, Filed, Highlight, Placement, PutOutcome, SearchHit, Store,
    StoreError,
};

/// A migration's step of Rust, rewriting stored data.
type Rewrite = fn(&Connection) -> rusqlite::Result<()>;

/// Schema migrations, in order: the database's `user_version` counts those applied. Each is
/// SQL, then, where data must be rewritten, a step of Rust.
const MIGRATIONS: &[(&str, Option<Rewrite>)] = &[
    // 1: documents, their full JSON, and a full-text index over title and text.
    (
        "CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            published TEXT,
            language TEXT,
            text TEXT NOT NULL,
            json TEXT NOT NULL,
            stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content = 'documents', content_rowid = 'rowid',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;",
        None,
    ),
    // 2: the event each document was placed in, and the clusterer's profile of it.
    (
        "ALTER TABLE documents ADD COLUMN event TEXT;
        ALTER TABLE documents ADD COLUMN profile TEXT;
        CREATE INDEX documents_event ON documents(event);",
        None,
    ),
    // 3: search over loose words (transliterations meet, see `crosscheck_model::fold`)
    // instead of the words as written; the hash of each document as read, so that reading
    // it again changes nothing.
    (
        "DROP TRIGGER documents_ai;
        DROP TRIGGER documents_ad;
        DROP TRIGGER documents_au;
        DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_loose USING fts5(
            title, text, content = '', contentless_delete = 1
        );
        ALTER TABLE documents ADD COLUMN input_hash TEXT;",
        Some(index_all_loose),
    ),
];

/// Read connections kept open at most: more readers than this wait for one.
const MAX_READERS: usize = 8;
/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one search may run by default.
pub const SEARCH_BUDGET: Duration = Duration::from_secs(2);

pub struct SqliteStore {
    name: String,
    path: std::path::PathBuf,
    writer: Mutex<Connection>,
    readers: Pool<Connection>,
    search_budget: Duration,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` and brings its schema up to date. Several
    /// processes may do this at once: the migration runs in one exclusive transaction.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let name = path.display().to_string();
        let not_a_db = |e: rusqlite::Error| database_error(&name, e);
        let mut conn = Connection::open(path).map_err(not_a_db)?;
        // The busy timeout first: switching to WAL takes a lock another opener may hold.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(not_a_db)?;
        wal(&conn).map_err(not_a_db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(not_a_db)?;
        migrate(&mut conn, &name)?;
        Ok(SqliteStore {
            name,
            path: path.to_path_buf(),
            writer: Mutex::new(conn),
            readers: Pool::new(MAX_READERS),
            search_budget: SEARCH_BUDGET,
        })
    }

    /// The same store with another time budget for each search.
    pub fn with_search_budget(mut self, budget: Duration) -> Self {
        self.search_budget = budget;
        self
    }

    /// Runs `read` on an idle read connection (see [`Pool`]).
    fn read<T>(
        &self,
        read: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.readers.with(|| self.open_reader(), |_| true, read)
    }

    fn open_reader(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open(&self.path).map_err(|e| database_error(&self.name, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }
}

/// Switches to WAL. SQLite answers "database is locked" at once, without its busy handler,
/// when another process creating the same store holds the lock the switch needs: the switch
/// is tried again until the busy timeout has passed.
fn wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

/// A database error, said as "not a database" where the file is none.
fn database_error(name: &str, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::NotADatabase {
            path: name.to_string(),
            reason: e.to_string(),
        },
        _ => StoreError::Database(e),
    }
}

/// Brings the schema up to date in one exclusive transaction, reading its version inside
/// it: of two processes creating a store at once, the second finds it made.
fn migrate(conn: &mut Connection, name: &str) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Exclusive)
        .map_err(|e| database_error(name, e))?;
    let version: i64 = tx
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| database_error(name, e))?;
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(StoreError::NewerSchema {
            path: name.to_string(),
            found: version,
            supported,
        });
    }
    if version == supported {
        return Ok(());
    }
    for (sql, rewrite) in &MIGRATIONS[version as usize..] {
        tx.execute_batch(sql)?;
        if let Some(rewrite) = rewrite {
            rewrite(&tx)?;
        }
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}

/// Indexes the loose words of every stored document (migration 3).
fn index_all_loose(conn: &Connection) -> rusqlite::Result<()> {
    let mut select = conn.prepare("SELECT rowid, title, text FROM documents")?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let title: Option<String> = row.get(1)?;
        index_loose(
            conn,
            row.get(0)?,
            title.as_deref(),
            &row.get::<_, String>(2)?,
        )?;
    }
    Ok(())
}

/// Indexes one document's title and text by their loose words.
fn index_loose(
    conn: &Connection,
    rowid: i64,
    title: Option<&str>,
    text: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO documents_loose(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![
            rowid,
            title.map(loose_text).unwrap_or_default(),
            loose_text(text)
        ])?;
    Ok(())
}

fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: row.get(0)?,
        source: row.get(1)?,
        title: row.get(2)?,
        outlet: row.get(3)?,
        published: row.get(4)?,
    })
}

fn damaged(id: &str) -> impl Fn(serde_json::Error) -> StoreError + '_ {
    move |e| StoreError::DamagedRecord {
        id: id.to_string(),
        reason: e.to_string(),
    }
}

impl Store for SqliteStore {
    fn put_batch(&self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        {
            let mut find = tx.prepare_cached(
                "SELECT rowid, json, event, title, text FROM documents WHERE id = ?1",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO documents
                 (id, source, title, outlet, published, language, text, json, event, profile,
                  input_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE documents SET source = ?2, title = ?3, outlet = ?4, published = ?5,
                 language = ?6, text = ?7, json = ?8, event = ?9, profile = ?10,
                 input_hash = ?11 WHERE id = ?1",
            )?;
            let mut place = tx.prepare_cached(
                "UPDATE documents SET event = ?2, profile = ?3, input_hash = ?4 WHERE rowid = ?1",
            )?;
            let mut unindex = tx.prepare_cached("DELETE FROM documents_loose WHERE rowid = ?1")?;
            for filed in docs {
                let doc = &filed.document;
                let json = serde_json::to_string(doc).map_err(damaged(&doc.id))?;
                let event = filed.placement.as_ref().map(|p| p.event.as_str());
                let profile = filed.placement.as_ref().map(|p| p.profile.as_str());
                type Stored = (i64, String, Option<String>, Option<String>, String);
                let stored: Option<Stored> = find
                    .query_row([&doc.id], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .optional()?;
                let values = params![
                    doc.id,
                    doc.source,
                    doc.title,
                    doc.outlet,
                    doc.published,
                    doc.language,
                    doc.text,
                    json,
                    event,
                    profile,
                    filed.input_hash,
                ];
                outcomes.push(match stored {
                    Some((_, old, stored_event, _, _))
                        if old == json && stored_event.as_deref() == event =>
                    {
                        PutOutcome::Unchanged
                    }
                    // Placing a document stored unchanged a moment ago: its event alone.
                    Some((rowid, old, _, _, _)) if old == json => {
                        place.execute(params![rowid, event, profile, filed.input_hash])?;
                        PutOutcome::Updated
                    }
                    Some((rowid, _, _, title, text)) => {
                        update.execute(values)?;
                        // A document whose words are the same keeps its index.
                        if title != doc.title || text != doc.text {
                            unindex.execute([rowid])?;
                            index_loose(&tx, rowid, doc.title.as_deref(), &doc.text)?;
                        }
                        PutOutcome::Updated
                    }
                    None => {
                        insert.execute(values)?;
                        index_loose(&tx, tx.last_insert_rowid(), doc.title.as_deref(), &doc.text)?;
                        PutOutcome::Added
                    }
                });
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.read(|conn| {
            let event: Option<Option<String>> = conn
                .prepare_cached("SELECT event FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            Ok(event.flatten())
        })
    }

    fn input_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.read(|conn| {
            let hash: Option<Option<String>> = conn
                .prepare_cached("SELECT input_hash FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            Ok(hash.flatten())
        })
    }

    fn for_each_profile(
        &self,
        each: &mut dyn FnMut(&str, Option<Placement<'_>>),
    ) -> Result<(), StoreError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare("SELECT id, event, profile FROM documents ORDER BY rowid")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let event: Option<String> = row.get(1)?;
                let profile: Option<String> = row.get(2)?;
                let placed = match (event, profile) {
                    (Some(event), Some(profile)) => Some((event, profile)),
                    _ => None,
                };

                each(
                    &id,
                    placed
                        .as_ref()
                        .map(|(event, profile)| Placement { event, profile }),
                );
            }
            Ok(())
        })
    }

    fn events(&self) -> Result<Vec<EventSummary>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT event, count(*), min(rowid) FROM documents WHERE event IS NOT NULL
                 GROUP BY event ORDER BY min(rowid)",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(EventSummary {
                    id: r.get(0)?,
                    documents: r.get::<_, i64>(1)? as usize,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn event_documents(&self, event: &str) -> Result<Vec<Document>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn
                .prepare_cached("SELECT id, json FROM documents WHERE event = ?1 ORDER BY rowid")?;
            let rows = stmt.query_map([event], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut docs = Vec::new();
            for row in rows {
                let (id, json) = row?;
                docs.push(serde_json::from_str(&json).map_err(damaged(&id))?);
            }
            Ok(docs)
        })
    }

    fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.read(|conn| {
            let json: Option<String> = conn
                .prepare_cached("SELECT json FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            json.map(|json| serde_json::from_str(&json).map_err(damaged(id)))
                .transpose()
        })
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, source, title, outlet, published FROM documents
                 ORDER BY rowid LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(params![limit as i64, offset as i64], summary)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn count(&self) -> Result<usize, StoreError> {
        self.read(|conn| {
            let n: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            Ok(n as usize)
        })
    }

    fn search_query(
        &self,
        query: &Query,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let budget = self.search_budget;
        self.read(|conn| {
            let deadline = Instant::now() + budget;
            conn.progress_handler(1_000, Some(move || Instant::now() > deadline))?;
            let hits = search_loose(conn, query, limit, highlight);
            conn.progress_handler(0, None::<fn() -> bool>)?;
            hits.map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::OperationInterrupted) => StoreError::SearchTooCostly { budget },
                _ => StoreError::Database(e),
            })
        })
    }

    fn exclusively(
        &self,
        work: &mut dyn FnMut() -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // A lock on a file beside the database (as its `-wal` and `-shm` files are): the
        // operating system frees it when the process ends, however it ends.
        let mut path = self.path.clone().into_os_string();
        path.push("-filing");
        let failed = |e: std::io::Error| StoreError::Lock {
            path: self.name.clone(),
            reason: e.to_string(),
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(failed)?;
        file.lock().map_err(failed)?;
        let done = work();
        file.unlock().map_err(failed)?;
        done
    }
}

/// The documents whose loose words hold every term of `query`, best first (BM25, the title
/// weighing twice the text), each with the passage that matched.
fn search_loose(
    conn: &Connection,
    query: &Query,
    limit: usize,
    highlight: Highlight<'_>,
) -> rusqlite::Result<Vec<SearchHit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.source, d.title, d.outlet, d.published, d.text,
                bm25(documents_loose, 2.0, 1.0)
         FROM documents_loose JOIN documents d ON d.rowid = documents_loose.rowid
         WHERE documents_loose MATCH ?1
         ORDER BY bm25(documents_loose, 2.0, 1.0) LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query.to_fts5(), limit as i64], |row| {
        let text: String = row.get(5)?;
        Ok(SearchHit {
            document: summary(row)?,
            snippet: highlight.snippet(&text, query),
            // bm25() is lower for better matches.
            score: -row.get::<_, f64>(6)?,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{doc, filed, put, PLAIN};

    #[test]
    fn a_reopened_store_holds_what_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let store = SqliteStore::open(&path).unwrap();
        let a = doc(
            "a",
            "Concert hall attack",
            "Gunmen opened fire in Krasnogorsk.",
        );
        put(&store, std::slice::from_ref(&a));
        drop(store);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.count().unwrap(), 1);
        assert_eq!(store.get("a").unwrap(), Some(a));
    }

    #[test]
    fn a_search_over_its_budget_stops_while_other_reads_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("x.db")).unwrap();
        let docs: Vec<Document> = (0..400)
            .map(|i| {
                let text = (0..300)
                    .map(|w| format!("w{} ", (i * 7 + w) % 16))
                    .collect::<String>();
                doc(&format!("d{i}"), "T", &text)
            })
            .collect();
        put(&store, &docs);
        let store = store.with_search_budget(Duration::ZERO);
        let query: String = (0..16).map(|w| format!("w{w} ")).collect();
        std::thread::scope(|scope| {
            let slow = scope.spawn(|| store.search(&query, 10, PLAIN));
            assert_eq!(store.count().unwrap(), 400);
            assert!(matches!(
                slow.join().unwrap(),
                Err(StoreError::SearchTooCostly { .. })
            ));
        });
        // The connection is whole afterwards.
        assert_eq!(store.count().unwrap(), 400);
    }

    #[test]
    fn concurrent_writers_wait_for_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        // Stores created at once, by as many openers: one migrates, the others find it done.
        std::thread::scope(|scope| {
            let writers: Vec<_> = (0..4)
                .map(|w| {
                    let path = path.clone();
                    scope.spawn(move || {
                        let store = SqliteStore::open(&path).unwrap();
                        for batch in 0..20 {
                            let docs: Vec<Filed> = (0..20)
                                .map(|i| {
                                    let id = format!("w{w}-{batch}-{i}");
                                    filed(doc(&id, "T", "Some text of a document."), "ev")
                                })
                                .collect();
                            store.put_batch(&docs).unwrap();
                        }
                    })
                })
                .collect();
            for writer in writers {
                writer.join().unwrap();
            }
        });
        assert_eq!(
            SqliteStore::open(&path).unwrap().count().unwrap(),
            4 * 20 * 20
        );
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.db");
        std::fs::write(&path, vec![b'x'; 8192]).unwrap();
        match SqliteStore::open(&path) {
            Err(StoreError::NotADatabase { path: p, .. }) => assert!(p.ends_with("bad.db")),
            Err(other) => panic!("wrong error: {other}"),
            Ok(_) => panic!("opened a file that is no database"),
        }
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(SqliteStore::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            SqliteStore::open(&path),
            Err(StoreError::NewerSchema { found: 99, .. })
        ));
    }
}
