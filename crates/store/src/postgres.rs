//! The shared store: PostgreSQL, for several processes (workers, servers, a team) at once.
//!
//! The same contract as the embedded store, and the same test suite: writes are serialized
//! by an advisory lock (a writer in another process waits for its turn, as SQLite's do);
//! the schema is migrated under another, so that processes starting at once on an empty
//! database migrate it once; full-text search runs over a `tsvector` of the same loose
//! words the SQLite index holds (see [`crosscheck_model::fold`]), so accents, case and the
//! usual transliteration differences match alike in every store, and each search runs under
//! a statement timeout. The vector is built from the words directly (the tsvector literal),
//! never by PostgreSQL's text-search parser, whose idea of a letter depends on the server's
//! locale: Cyrillic words are indexed whatever the cluster was created with.

use std::fmt::Write as _;
use std::str::FromStr;
use std::time::Duration;

use crosscheck_model::fold::{folded_words, loose_word};
use crosscheck_model::Document;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls, Row, Statement, Transaction};

use crate::pool::Pool;
use crate::query::{Query, Term};
use crate::{
    DocumentSummary, EventSummary, Filed, Highlight, Placement, PutOutcome, SearchHit, Store,
    StoreError, SEARCH_BUDGET,
};

/// Schema migrations, in order: `crosscheck_schema.version` counts those applied.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their full JSON, their event and profile, and the search vector.
    "CREATE TABLE documents (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        json TEXT NOT NULL,
        event TEXT,
        profile TEXT,
        input_hash TEXT,
        loose TSVECTOR NOT NULL,
        stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_event ON documents (event, seq);
    CREATE INDEX documents_loose ON documents USING GIN (loose);",
];

/// Advisory lock keys (one namespace per database): the schema's migration, the writes, and
/// the placing of documents in events.
const MIGRATE_LOCK: i64 = 0x6363_0001;
const WRITE_LOCK: i64 = 0x6363_0002;
const FILING_LOCK: i64 = 0x6363_0003;

/// Connections kept open at most by one process.
const MAX_CONNECTIONS: usize = 8;
/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The rows a scan over every document fetches at a time.
const SCAN_ROWS: i32 = 1_000;

/// The most bytes of a search vector: PostgreSQL refuses one over 1 MB. A document whose
/// words would make more is indexed by its first words (its title always).
const MAX_VECTOR_BYTES: usize = 900_000;
/// The last position a vector records (PostgreSQL's own limit); words after it share it.
const MAX_POSITION: usize = 16_383;
/// The positions recorded per word (PostgreSQL's own limit).
const MAX_POSITIONS_PER_WORD: usize = 256;
/// The longest word PostgreSQL indexes, in bytes.
const MAX_LEXEME_BYTES: usize = 2_046;

pub struct PostgresStore {
    /// The server and database, without a password: what messages name.
    name: String,
    config: Config,
    pool: Pool<Conn>,
    search_budget: Duration,
}

impl PostgresStore {
    /// Connects to the database `url` names (`postgres://user@host:port/db`) and brings its
    /// schema up to date; several processes may do this at once.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let mut config = Config::from_str(url).map_err(|e| StoreError::Unreachable {
            name: redacted(url),
            reason: e.to_string(),
        })?;
        config.connect_timeout(CONNECT_TIMEOUT);
        let store = PostgresStore {
            name: name_of(&config),
            config,
            pool: Pool::new(MAX_CONNECTIONS),
            search_budget: SEARCH_BUDGET,
        };
        store.with(|conn| migrate(&mut conn.client, &store.name))?;
        Ok(store)
    }

    /// The same store with another time budget for each search.
    pub fn with_search_budget(mut self, budget: Duration) -> Self {
        self.search_budget = budget;
        self
    }

    /// Runs `work` on a pooled connection; a connection the server closed (it restarted) is
    /// replaced by a new one.
    fn with<T>(
        &self,
        work: impl FnOnce(&mut Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.pool.with(
            || {
                self.config
                    .connect(NoTls)
                    .map(Conn::new)
                    .map_err(|e| StoreError::Unreachable {
                        name: self.name.clone(),
                        reason: with_causes(&e),
                    })
            },
            |conn| !conn.client.is_closed(),
            work,
        )
    }
}

/// An error with what caused it ("error connecting to server: Connection refused").
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut said = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        said.push_str(": ");
        said.push_str(&e.to_string());
        cause = e.source();
    }
    said
}

/// A connection, with the statements it has prepared: a query given as text costs a round
/// trip to prepare it every time, and filing asks several of each document.
pub(crate) struct Conn {
    client: Client,
    prepared: std::collections::HashMap<&'static str, Statement>,
}

impl Conn {
    fn new(client: Client) -> Self {
        Conn {
            client,
            prepared: std::collections::HashMap::new(),
        }
    }

    /// The statement of `sql`, prepared once on this connection.
    fn prepared(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.prepared.insert(sql, statement.clone());
        Ok(statement)
    }

    fn query_opt(
        &mut self,
        sql: &'static str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Option<Row>, StoreError> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query_opt(&statement, params)?)
    }

    fn query(
        &mut self,
        sql: &'static str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query(&statement, params)?)
    }
}

/// `postgres://user@host:port/db`, as a message names a store: never its password.
fn name_of(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "postgres://{}@{host}:{port}/{}",
        config.get_user().unwrap_or_default(),
        config.get_dbname().unwrap_or_default()
    )
}

/// A URL that could not be read, without what may be a password in it.
pub(crate) fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// Brings the schema up to date under the migration lock, reading its version once the lock
/// is held: of two processes migrating at once, the second finds it done.
fn migrate(client: &mut Client, name: &str) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS crosscheck_schema (version INTEGER NOT NULL)")?;
    let version: i32 = match tx.query_opt("SELECT version FROM crosscheck_schema", &[])? {
        Some(row) => row.get(0),
        None => {
            tx.execute("INSERT INTO crosscheck_schema (version) VALUES (0)", &[])?;
            0
        }
    };
    let supported = MIGRATIONS.len() as i32;
    if version > supported {
        return Err(StoreError::NewerSchema {
            path: name.to_string(),
            found: version.into(),
            supported: supported.into(),
        });
    }
    for sql in &MIGRATIONS[version as usize..] {
        tx.batch_execute(sql)?;
    }
    tx.execute("UPDATE crosscheck_schema SET version = $1", &[&supported])?;
    tx.commit()?;
    Ok(())
}

/// Text as a column may hold it: PostgreSQL refuses NUL in text (the document's JSON keeps
/// it, escaped).
fn column(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\0') {
        text.replace('\0', "").into()
    } else {
        text.into()
    }
}

/// The search vector of a title and a text, as a tsvector literal: each loose word with its
/// positions, the title's weighted `A`; the text's positions start past a gap, so that no
/// phrase runs from the title into the text.
fn loose_vector(title: Option<&str>, text: &str) -> String {
    let mut positions: Vec<(String, Vec<String>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut bytes = 0;
    let mut position = 0;
    let fields = [(title.unwrap_or_default(), "A"), (text, "")];
    for (field, weight) in fields {
        position += 1;
        for word in folded_words(field) {
            position += 1;
            let loose = loose_word(&word);
            if loose.len() > MAX_LEXEME_BYTES {
                continue;
            }
            let at = position.min(MAX_POSITION);
            let slot = match index.get(&loose) {
                Some(&slot) => slot,
                None => {
                    // A new word costs its bytes and its entry; past the limit, only words
                    // already indexed gain positions.
                    if bytes + loose.len() + 8 > MAX_VECTOR_BYTES {
                        continue;
                    }
                    bytes += loose.len() + 8;
                    index.insert(loose.clone(), positions.len());
                    positions.push((loose, Vec::new()));
                    positions.len() - 1
                }
            };
            let list = &mut positions[slot].1;
            if list.len() < MAX_POSITIONS_PER_WORD && bytes + 2 <= MAX_VECTOR_BYTES {
                bytes += 2;
                list.push(format!("{at}{weight}"));
            }
        }
    }
    let mut out = String::with_capacity(bytes + positions.len() * 4);
    for (word, at) in &positions {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{}:{}", quoted(word), at.join(","));
    }
    out
}

/// A word quoted for a tsvector or tsquery literal.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"))
}

/// A query as a tsquery literal: every term must match; a phrase is its words in a row.
fn tsquery(query: &Query) -> String {
    query
        .terms
        .iter()
        .map(|term| match term {
            Term::Word {
                loose,
                prefix: false,
            } => quoted(loose),
            Term::Word {
                loose,
                prefix: true,
            } => format!("{}:*", quoted(loose)),
            Term::Phrase(words) => format!(
                "({})",
                words
                    .iter()
                    .map(|w| quoted(w))
                    .collect::<Vec<_>>()
                    .join(" <-> ")
            ),
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

fn summary(row: &Row) -> DocumentSummary {
    DocumentSummary {
        id: row.get("id"),
        source: row.get("source"),
        title: row.get("title"),
        outlet: row.get("outlet"),
        published: row.get("published"),
    }
}

fn document(id: &str, json: &str) -> Result<Document, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::DamagedRecord {
        id: id.to_string(),
        reason: e.to_string(),
    })
}

impl Store for PostgresStore {
    fn put_batch(&self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError> {
        self.with(|conn| {
            let statements = Writes::prepare(conn)?;
            let mut tx = conn.client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
            let outcomes = put_all(&mut tx, &statements, docs)?;
            tx.commit()?;
            Ok(outcomes)
        })
    }

    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.with(|conn| {
            let row = conn.query_opt("SELECT event FROM documents WHERE id = $1", &[&id])?;
            Ok(row.and_then(|r| r.get(0)))
        })
    }

    fn input_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.with(|conn| {
            let row = conn.query_opt("SELECT input_hash FROM documents WHERE id = $1", &[&id])?;
            Ok(row.and_then(|r| r.get(0)))
        })
    }

    fn for_each_profile(
        &self,
        each: &mut dyn FnMut(&str, Option<Placement<'_>>),
    ) -> Result<(), StoreError> {
        self.with(|conn| {
            let client = &mut conn.client;
            // A portal, so that a store of any size is read a bounded number of rows at a time.
            let mut tx = client.transaction()?;
            let portal = tx.bind("SELECT id, event, profile FROM documents ORDER BY seq", &[])?;
            loop {
                let rows = tx.query_portal(&portal, SCAN_ROWS)?;
                for row in &rows {
                    let id: &str = row.get(0);
                    let event: Option<&str> = row.get(1);
                    let profile: Option<&str> = row.get(2);
                    let placed = match (event, profile) {
                        (Some(event), Some(profile)) => Some(Placement { event, profile }),
                        _ => None,
                    };
                    each(id, placed);
                }
                if rows.len() < SCAN_ROWS as usize {
                    break;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn events(&self) -> Result<Vec<EventSummary>, StoreError> {
        self.with(|conn| {
            let rows = conn.query(
                "SELECT event, count(*) FROM documents WHERE event IS NOT NULL
                 GROUP BY event ORDER BY min(seq)",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| EventSummary {
                    id: r.get(0),
                    documents: r.get::<_, i64>(1) as usize,
                })
                .collect())
        })
    }

    fn event_documents(&self, event: &str) -> Result<Vec<Document>, StoreError> {
        self.with(|conn| {
            let rows = conn.query(
                "SELECT id, json FROM documents WHERE event = $1 ORDER BY seq",
                &[&event],
            )?;
            rows.iter().map(|r| document(r.get(0), r.get(1))).collect()
        })
    }

    fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.with(|conn| {
            let row = conn.query_opt("SELECT json FROM documents WHERE id = $1", &[&id])?;
            row.map(|r| document(id, r.get(0))).transpose()
        })
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>, StoreError> {
        self.with(|conn| {
            let rows = conn.query(
                "SELECT id, source, title, outlet, published FROM documents
                 ORDER BY seq LIMIT $1 OFFSET $2",
                &[&(limit as i64), &(offset as i64)],
            )?;
            Ok(rows.iter().map(summary).collect())
        })
    }

    fn count(&self) -> Result<usize, StoreError> {
        self.with(|conn| {
            let n: i64 = conn
                .client
                .query_one("SELECT count(*) FROM documents", &[])?
                .get(0);
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
        self.with(|conn| {
            let mut tx = conn.client.transaction()?;
            // A timeout of 0 would mean none: the shortest budget is a millisecond.
            let ms = budget.as_millis().clamp(1, i32::MAX as u128);
            tx.batch_execute(&format!("SET LOCAL statement_timeout = {ms}"))?;
            // The title weighs twice the text (weights are D, C, B, A; the text is D).
            let rows = tx.query(
                "SELECT id, source, title, outlet, published, text,
                        ts_rank('{0.5, 0, 0, 1}', loose, q, 1)::float8 AS rank
                 FROM documents, CAST($1::text AS tsquery) AS q
                 WHERE loose @@ q ORDER BY rank DESC, seq LIMIT $2",
                &[&tsquery(query), &(limit as i64)],
            );
            let rows = match rows {
                Err(e) if e.code() == Some(&SqlState::QUERY_CANCELED) => {
                    return Err(StoreError::SearchTooCostly { budget })
                }
                rows => rows?,
            };
            tx.commit()?;
            Ok(rows
                .iter()
                .map(|row| SearchHit {
                    document: summary(row),
                    snippet: highlight.snippet(row.get("text"), query),
                    score: row.get("rank"),
                })
                .collect())
        })
    }

    fn exclusively(
        &self,
        work: &mut dyn FnMut() -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // A session lock on a connection of its own, held while `work` uses others: a filer
        // killed while it holds it loses it with its connection.
        self.with(|conn| {
            let locker = &mut conn.client;
            locker.execute("SELECT pg_advisory_lock($1)", &[&FILING_LOCK])?;
            let done = work();
            let unlocked = locker.execute("SELECT pg_advisory_unlock($1)", &[&FILING_LOCK]);
            done?;
            unlocked?;
            Ok(())
        })
    }
}

/// The statements of a write, prepared (once per connection) before its transaction.
struct Writes {
    find: Statement,
    find_one: Statement,
    insert: Statement,
    update: Statement,
    place: Statement,
}

impl Writes {
    fn prepare(conn: &mut Conn) -> Result<Self, postgres::Error> {
        Ok(Writes {
            find: conn.prepared(
                "SELECT id, seq, json, event, title, text FROM documents WHERE id = ANY($1)",
            )?,
            find_one: conn.prepared(
                "SELECT id, seq, json, event, title, text FROM documents WHERE id = $1",
            )?,
            insert: conn.prepared(
                "INSERT INTO documents
                 (id, source, title, outlet, published, language, text, json, event, profile,
                  input_hash, loose)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                         CAST($12::text AS tsvector))",
            )?,
            update: conn.prepared(
                "UPDATE documents SET source = $2, title = $3, outlet = $4, published = $5,
                 language = $6, text = $7, json = $8, event = $9, profile = $10,
                 input_hash = $11, loose = COALESCE(CAST($12::text AS tsvector), loose)
                 WHERE id = $1",
            )?,
            place: conn.prepared(
                "UPDATE documents SET event = $2, profile = $3, input_hash = $4 WHERE seq = $1",
            )?,
        })
    }
}

/// Stores `docs` in `tx`, as [`Store::put_batch`] says.
fn put_all(
    tx: &mut Transaction<'_>,
    statements: &Writes,
    docs: &[Filed],
) -> Result<Vec<PutOutcome>, StoreError> {
    // What is stored of the batch's documents, in one round trip rather than one each.
    let ids: Vec<&str> = docs.iter().map(|f| f.document.id.as_str()).collect();
    let mut found: std::collections::HashMap<String, Row> = tx
        .query(&statements.find, &[&ids])?
        .into_iter()
        .map(|row| (row.get("id"), row))
        .collect();
    let mut written = std::collections::HashSet::new();
    let Writes {
        find_one,
        insert,
        update,
        place,
        ..
    } = statements;
    let mut outcomes = Vec::with_capacity(docs.len());
    for filed in docs {
        let doc = &filed.document;
        let json = serde_json::to_string(doc).map_err(|e| StoreError::DamagedRecord {
            id: doc.id.clone(),
            reason: e.to_string(),
        })?;
        let event = filed.placement.as_ref().map(|p| p.event.as_str());
        let profile = filed
            .placement
            .as_ref()
            .map(|p| column(&p.profile).into_owned());
        let title = doc.title.as_deref().map(column);
        let text = column(&doc.text);
        // A document twice in one batch: the second sees the first as written.
        let stored = match found.remove(&doc.id) {
            Some(row) => Some(row),
            None if written.contains(doc.id.as_str()) => tx.query_opt(find_one, &[&doc.id])?,
            None => None,
        };
        written.insert(doc.id.as_str());
        // What to write, and the search vector where the words are new or changed (a
        // document whose words are the same keeps its vector).
        let write = match &stored {
            None => Some((insert, PutOutcome::Added, true)),
            Some(row) => {
                let (old, stored_event): (&str, Option<&str>) = (row.get("json"), row.get("event"));
                let (stored_title, stored_text): (Option<&str>, &str) =
                    (row.get("title"), row.get("text"));
                if old == json && stored_event == event {
                    None
                } else if old == json {
                    // Placing a document stored unchanged a moment ago: its event alone.
                    let seq: i64 = row.get("seq");
                    tx.execute(place, &[&seq, &event, &profile, &filed.input_hash])?;
                    outcomes.push(PutOutcome::Updated);
                    continue;
                } else {
                    let words_changed =
                        stored_title != title.as_deref() || stored_text != text.as_ref();
                    Some((update, PutOutcome::Updated, words_changed))
                }
            }
        };
        let outcome = match write {
            None => PutOutcome::Unchanged,
            Some((statement, outcome, index)) => {
                let loose = index.then(|| loose_vector(doc.title.as_deref(), &doc.text));
                tx.execute(
                    statement,
                    &[
                        &doc.id,
                        &column(&doc.source),
                        &title,
                        &doc.outlet.as_deref().map(column),
                        &doc.published.as_deref().map(column),
                        &doc.language.as_deref().map(column),
                        &text,
                        &json,
                        &event,
                        &profile,
                        &filed.input_hash,
                        &loose,
                    ],
                )?;
                outcome
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vector_holds_loose_words_with_positions_and_the_title_weighted() {
        assert_eq!(
            loose_vector(Some("Zelenskyy"), "Kyiv's toll; Zelenskyy"),
            "'zelenski':2A,7 'kiv':4 's':5 'tol':6"
        );
    }

    #[test]
    fn a_huge_text_makes_a_vector_postgresql_accepts() {
        let text: String = (0..400_000).map(|i| format!("w{i} ")).collect();
        let vector = loose_vector(None, &text);
        assert!(vector.len() < 1_200_000, "{}", vector.len());
        assert!(vector.contains("'w0':3 "));
    }

    #[test]
    fn queries_are_literals_never_syntax() {
        let query = Query::parse("o'brien \"city hall\" tol*").unwrap();
        assert_eq!(
            tsquery(&query),
            "'o' & 'brien' & ('citi' <-> 'hal') & 'tol':*"
        );
    }

    use crate::testing::TestDatabase;
    use crate::tests::{doc, filed, found, put, PLAIN};

    #[test]
    fn processes_opening_at_once_migrate_once_and_writers_wait_for_each_other() {
        let Some(db) = TestDatabase::create("concurrent PostgreSQL writers") else {
            return;
        };
        std::thread::scope(|scope| {
            for w in 0..4 {
                let url = &db.url;
                scope.spawn(move || {
                    let store = PostgresStore::open(url).unwrap();
                    for batch in 0..10 {
                        // Every writer also rewrites one shared document.
                        let mut docs: Vec<Filed> = (0..10)
                            .map(|i| filed(doc(&format!("w{w}-{batch}-{i}"), "T", "Text."), "ev"))
                            .collect();
                        docs.push(filed(doc("shared", "T", &format!("by {w}")), "ev"));
                        store.put_batch(&docs).unwrap();
                    }
                });
            }
        });
        let store = PostgresStore::open(&db.url).unwrap();
        assert_eq!(store.count().unwrap(), 4 * 10 * 10 + 1);
    }

    #[test]
    fn huge_and_cyrillic_documents_are_stored_and_found() {
        let Some(db) = TestDatabase::create("PostgreSQL search") else {
            return;
        };
        let store = PostgresStore::open(&db.url).unwrap();
        let huge: String = (0..300_000).map(|i| format!("w{i} ")).collect();
        let mut nul = doc("nul", "Zero\0byte", "A text with a \0 in it about Kharkiv.");
        nul.outlet = Some("Out\0let".into());
        put(
            &store,
            &[
                doc("huge", "Huge", &huge),
                doc("ru", "Удар по Харькову", "В Харькове погибли 14 человек."),
                nul.clone(),
            ],
        );
        assert_eq!(store.get("nul").unwrap(), Some(nul));
        let ids = |q: &str| found(&store, q);
        assert_eq!(ids("w17"), ["huge"]);
        assert_eq!(ids("харькове"), ["ru"]);
        assert_eq!(ids("\"погибли 14\""), ["ru"]);
        assert_eq!(ids("kharkiv"), ["nul"]);
        let slow = PostgresStore::open(&db.url)
            .unwrap()
            .with_search_budget(Duration::ZERO);
        assert!(matches!(
            slow.search("w1* w2* w3*", 10, PLAIN),
            Err(StoreError::SearchTooCostly { .. })
        ));
        // The connection is whole afterwards.
        assert_eq!(slow.count().unwrap(), 3);
    }

    #[test]
    fn a_newer_schema_is_refused_and_an_unreachable_server_named() {
        let Some(db) = TestDatabase::create("PostgreSQL schema") else {
            return;
        };
        drop(PostgresStore::open(&db.url).unwrap());
        let mut client = Client::connect(&db.url, NoTls).unwrap();
        client
            .batch_execute("UPDATE crosscheck_schema SET version = 99")
            .unwrap();
        assert!(matches!(
            PostgresStore::open(&db.url),
            Err(StoreError::NewerSchema { found: 99, .. })
        ));
        match PostgresStore::open("postgres://me:secret@127.0.0.1:1/x") {
            Err(e @ StoreError::Unreachable { .. }) => {
                let said = e.to_string();
                assert!(
                    said.starts_with("postgres://me@127.0.0.1:1/x: cannot reach"),
                    "{said}"
                );
                assert!(!said.contains("secret"), "{said}");
            }
            Err(other) => panic!("wrong error: {other}"),
            Ok(_) => panic!("connected to nothing"),
        }
    }

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redacted("postgres://me:secret@db:5432/x"),
            "postgres://me@db:5432/x"
        );
        let config = Config::from_str("postgres://me:secret@db:5432/x").unwrap();
        assert_eq!(name_of(&config), "postgres://me@db:5432/x");
    }
}
