//! The embedded store: one SQLite file, write-ahead logged, with FTS5 full-text search.

use std::path::Path;

use crosscheck_model::Document;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use crate::{
    DocumentSummary, EventSummary, Filed, Highlight, Placement, PutOutcome, SearchHit, Store,
    StoreError,
};

/// Schema migrations, in order: the database's `user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their full JSON, and a full-text index over title and text.
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
    // 2: the event each document was placed in, and the clusterer's profile of it.
    "ALTER TABLE documents ADD COLUMN event TEXT;
    ALTER TABLE documents ADD COLUMN profile TEXT;
    CREATE INDEX documents_event ON documents(event);",
];

pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let name = path.display().to_string();
        let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::NotADatabase {
                    path: name.clone(),
                    reason: e.to_string(),
                }
            }
            _ => StoreError::Database(e),
        };
        let conn = Connection::open(path).map_err(not_a_db)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_a_db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(not_a_db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut store = SqliteStore { conn };
        store.migrate(&name).map_err(|e| match e {
            StoreError::Database(e) => not_a_db(e),
            other => other,
        })?;
        Ok(store)
    }

    fn migrate(&mut self, name: &str) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::NewerSchema {
                path: name.to_string(),
                found: version,
                supported,
            });
        }
        let tx = self.conn.transaction()?;
        for migration in &MIGRATIONS[version as usize..] {
            tx.execute_batch(migration)?;
        }
        tx.pragma_update(None, "user_version", supported)?;
        tx.commit()?;
        Ok(())
    }
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

/// Every word of a user's query as an FTS5 string, so that punctuation in it is never read
/// as query syntax; FTS5's operator words are dropped (all words must match anyway).
fn fts_query(query: &str) -> String {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "NOT" | "NEAR"))
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store for SqliteStore {
    fn put_batch(&mut self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        {
            let mut find = tx.prepare_cached("SELECT json, event FROM documents WHERE id = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO documents
                 (id, source, title, outlet, published, language, text, json, event, profile)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE documents SET source = ?2, title = ?3, outlet = ?4, published = ?5,
                 language = ?6, text = ?7, json = ?8, event = ?9, profile = ?10 WHERE id = ?1",
            )?;
            for filed in docs {
                let doc = &filed.document;
                let damaged = |e: serde_json::Error| StoreError::DamagedRecord {
                    id: doc.id.clone(),
                    reason: e.to_string(),
                };
                let json = serde_json::to_string(doc).map_err(damaged)?;
                let profile = serde_json::to_string(&filed.profile).map_err(damaged)?;
                let stored: Option<(String, Option<String>)> = find
                    .query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?)))
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
                    filed.event,
                    profile
                ];
                outcomes.push(match stored {
                    Some((old, event)) if old == json && event.as_deref() == Some(&filed.event) => {
                        PutOutcome::Unchanged
                    }
                    Some(_) => {
                        update.execute(values)?;
                        PutOutcome::Updated
                    }
                    None => {
                        insert.execute(values)?;
                        PutOutcome::Added
                    }
                });
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        let event: Option<Option<String>> = self
            .conn
            .query_row("SELECT event FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(event.flatten())
    }

    fn for_each_profile(
        &self,
        each: &mut dyn FnMut(&str, Option<Placement<'_>>),
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, event, profile FROM documents ORDER BY rowid")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let event: Option<String> = row.get(1)?;
            let profile: Option<String> = row.get(2)?;
            let placed = match (event, profile) {
                (Some(event), Some(profile)) => {
                    let profile =
                        serde_json::from_str(&profile).map_err(|e| StoreError::DamagedRecord {
                            id: id.clone(),
                            reason: format!("event profile: {e}"),
                        })?;
                    Some((event, profile))
                }
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
    }

    fn events(&self) -> Result<Vec<EventSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
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
    }

    fn event_documents(&self, event: &str) -> Result<Vec<Document>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, json FROM documents WHERE event = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([event], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut docs = Vec::new();
        for row in rows {
            let (id, json) = row?;
            docs.push(
                serde_json::from_str(&json).map_err(|e| StoreError::DamagedRecord {
                    id,
                    reason: e.to_string(),
                })?,
            );
        }
        Ok(docs)
    }

    fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        json.map(|json| {
            serde_json::from_str(&json).map_err(|e| StoreError::DamagedRecord {
                id: id.to_string(),
                reason: e.to_string(),
            })
        })
        .transpose()
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, source, title, outlet, published FROM documents ORDER BY rowid LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn search(
        &self,
        query: &str,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let fts = fts_query(query);
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.source, d.title, d.outlet, d.published,
                    snippet(documents_fts, 1, ?2, ?3, '…', 16), bm25(documents_fts, 2.0, 1.0)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1
             ORDER BY bm25(documents_fts, 2.0, 1.0) LIMIT ?4",
        )?;
        let rows = stmt.query_map(
            params![fts, highlight.before, highlight.after, limit as i64],
            |row| {
                Ok(SearchHit {
                    document: summary(row)?,
                    snippet: row.get(5)?,
                    // bm25() is lower for better matches.
                    score: -row.get::<_, f64>(6)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_events::Profile;

    fn doc(id: &str, title: &str, text: &str) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), text.into());
        d.title = Some(title.into());
        d
    }

    fn filed(document: Document, event: &str) -> Filed {
        Filed {
            profile: Profile::of(&document),
            event: event.into(),
            document,
        }
    }

    fn put(store: &mut SqliteStore, docs: &[Document]) -> Vec<PutOutcome> {
        let filed: Vec<Filed> = docs.iter().map(|d| filed(d.clone(), "ev-1")).collect();
        store.put_batch(&filed).unwrap()
    }

    const PLAIN: Highlight<'static> = Highlight {
        before: "[",
        after: "]",
    };

    #[test]
    fn stores_idempotently_and_updates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let mut store = SqliteStore::open(&path).unwrap();
        let a = doc(
            "a",
            "Concert hall attack",
            "Gunmen opened fire in Krasnogorsk.",
        );
        assert_eq!(
            put(&mut store, std::slice::from_ref(&a)),
            [PutOutcome::Added]
        );
        assert_eq!(
            put(&mut store, std::slice::from_ref(&a)),
            [PutOutcome::Unchanged]
        );
        let mut changed = a.clone();
        changed.text = "Gunmen opened fire in Krasnogorsk, near Moscow.".into();
        assert_eq!(put(&mut store, &[changed.clone()]), [PutOutcome::Updated]);
        drop(store);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.count().unwrap(), 1);
        assert_eq!(store.get("a").unwrap(), Some(changed));
        assert_eq!(store.get("nope").unwrap(), None);
    }

    #[test]
    fn searches_ranked_with_snippets() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("x.db")).unwrap();
        put(
            &mut store,
            &[
                doc(
                    "a",
                    "Flood in Kerala",
                    "Rains displaced thousands in Kerala.",
                ),
                doc(
                    "b",
                    "Concert hall attack",
                    "Gunmen opened fire at Crocus City Hall in Krasnogorsk.",
                ),
                doc(
                    "c",
                    "Krasnogorsk",
                    "Krasnogorsk mourns; Krasnogorsk grieves.",
                ),
            ],
        );
        let hits = store.search("krasnogorsk", 10, PLAIN).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].document.id, "c");
        assert!(
            hits[1].snippet.contains("[Krasnogorsk]"),
            "{}",
            hits[1].snippet
        );
        // Query syntax in user input is taken as words, never as an error.
        assert_eq!(
            store
                .search("\"crocus\" AND (hall", 10, PLAIN)
                .unwrap()
                .len(),
            1
        );
        assert!(store.search("***", 10, PLAIN).unwrap().is_empty());
        // Accents are folded.
        assert_eq!(store.search("krásnogorsk", 10, PLAIN).unwrap().len(), 2);
    }

    #[test]
    fn lists_in_storage_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("x.db")).unwrap();
        put(&mut store, &[doc("z", "Z", "z"), doc("a", "A", "a")]);
        let ids: Vec<String> = store
            .list(10, 0)
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["z", "a"]);
        assert_eq!(store.list(10, 1).unwrap().len(), 1);
    }

    #[test]
    fn keeps_events_and_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("x.db")).unwrap();
        let (a, b, c) = (doc("a", "A", "a"), doc("b", "B", "b"), doc("c", "C", "c"));
        let batch = [filed(a.clone(), "ev-1"), filed(b, "ev-2"), filed(c, "ev-1")];
        store.put_batch(&batch).unwrap();
        assert_eq!(store.event_of("b").unwrap().as_deref(), Some("ev-2"));
        assert_eq!(store.event_of("nope").unwrap(), None);
        let events = store.events().unwrap();
        let listed: Vec<(&str, usize)> = events
            .iter()
            .map(|e| (e.id.as_str(), e.documents))
            .collect();
        assert_eq!(listed, [("ev-1", 2), ("ev-2", 1)]);
        let ids: Vec<String> = store
            .event_documents("ev-1")
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, ["a", "c"]);
        let mut seen = Vec::new();
        store
            .for_each_profile(&mut |id, placed| {
                let placed = placed.unwrap();
                seen.push((
                    id.to_string(),
                    placed.event.to_string(),
                    placed.profile.clone(),
                ));
            })
            .unwrap();
        assert_eq!(seen.len(), 3);
        assert_eq!(
            seen[0],
            ("a".to_string(), "ev-1".to_string(), Profile::of(&a))
        );
        // Moving a document to another event is an update, not a no-op.
        assert_eq!(
            store.put_batch(&[filed(a, "ev-2")]).unwrap(),
            [PutOutcome::Updated]
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
