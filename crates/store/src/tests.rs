//! One test suite for every store: each test is a function over a `Store`, run against the
//! SQLite store and the store in memory alike.

use crosscheck_model::Document;

use crate::testing::TestDatabase;
use crate::{
    Filed, Highlight, MemoryStore, Placed, PostgresStore, PutOutcome, SqliteStore, Store,
    StoreError,
};

pub(crate) fn doc(id: &str, title: &str, text: &str) -> Document {
    let mut d = Document::new(id.into(), format!("{id}.txt"), text.into());
    d.title = Some(title.into());
    d
}

/// A document placed in `event`, with a profile of its own (the store does not read it).
pub(crate) fn filed(document: Document, event: &str) -> Filed {
    Filed {
        placement: Some(Placed {
            event: event.into(),
            profile: format!("{{\"of\": \"{}\"}}", document.id),
        }),
        input_hash: crate::input_hash(&document),
        document,
    }
}

pub(crate) fn put(store: &dyn Store, docs: &[Document]) -> Vec<PutOutcome> {
    let filed: Vec<Filed> = docs.iter().map(|d| filed(d.clone(), "ev-1")).collect();
    store.put_batch(&filed).unwrap()
}

/// The ids of what a search finds, best first.
pub(crate) fn found(store: &dyn Store, query: &str) -> Vec<String> {
    store
        .search(query, 10, PLAIN)
        .unwrap()
        .into_iter()
        .map(|h| h.document.id)
        .collect()
}

pub(crate) const PLAIN: Highlight<'static> = Highlight {
    before: "[",
    after: "]",
};

/// Runs `test` on a fresh store of each kind (PostgreSQL where a test server is given, see
/// [`crate::testing`]).
fn on_every_store(test: fn(&dyn Store)) {
    test(&MemoryStore::new());
    let dir = tempfile::tempdir().unwrap();
    test(&SqliteStore::open(&dir.path().join("x.db")).unwrap());
    if let Some(db) = TestDatabase::create("the PostgreSQL store") {
        test(&PostgresStore::open(&db.url).unwrap());
    }
}

#[test]
fn every_store_stores_idempotently_and_updates() {
    on_every_store(stores_idempotently_and_updates);
}

#[test]
fn every_store_searches_ranked_with_snippets() {
    on_every_store(searches_ranked_with_snippets);
}

#[test]
fn every_store_searches_tolerate_spellings_and_take_prefixes_and_phrases() {
    on_every_store(searches_tolerate_spellings_and_take_prefixes_and_phrases);
}

#[test]
fn every_store_lists_in_storage_order() {
    on_every_store(lists_in_storage_order);
}

#[test]
fn every_store_keeps_events_and_profiles() {
    on_every_store(keeps_events_and_profiles);
}

fn stores_idempotently_and_updates(store: &dyn Store) {
    let a = doc(
        "a",
        "Concert hall attack",
        "Gunmen opened fire in Krasnogorsk.",
    );
    assert_eq!(put(store, std::slice::from_ref(&a)), [PutOutcome::Added]);
    assert_eq!(
        put(store, std::slice::from_ref(&a)),
        [PutOutcome::Unchanged]
    );
    let mut changed = a.clone();
    changed.text = "Gunmen opened fire in Krasnogorsk, near Moscow.".into();
    assert_eq!(put(store, &[changed.clone()]), [PutOutcome::Updated]);
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.get("a").unwrap(), Some(changed));
    assert_eq!(store.get("nope").unwrap(), None);
}

fn searches_ranked_with_snippets(store: &dyn Store) {
    put(
        store,
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

fn searches_tolerate_spellings_and_take_prefixes_and_phrases(store: &dyn Store) {
    put(
        store,
        &[
            doc(
                "a",
                "Kyiv",
                "President Zelenskyy spoke; adviser Mykhailo Podolyak said the toll rose.",
            ),
            doc("b", "Other", "Tolstoy wrote novels. City hall was closed."),
        ],
    );
    let ids = |q: &str| found(store, q);
    for q in ["Zelensky", "Zelenskiy", "ZELENSKYY", "Podoliak", "Mykhaylo"] {
        assert_eq!(ids(q), ["a"], "{q}");
    }
    let mut both = ids("tol*");
    both.sort();
    assert_eq!(both, ["a", "b"]);
    assert_eq!(ids("\"city hall\""), ["b"]);
    assert!(ids("\"hall city\"").is_empty());
    let hit = &store.search("Zelensky", 10, PLAIN).unwrap()[0];
    assert!(hit.snippet.contains("[Zelenskyy]"), "{}", hit.snippet);
    for bad in ["\"open", "t*"] {
        assert!(
            matches!(store.search(bad, 10, PLAIN), Err(StoreError::Query(_))),
            "{bad}"
        );
    }
}

fn lists_in_storage_order(store: &dyn Store) {
    put(store, &[doc("z", "Z", "z"), doc("a", "A", "a")]);
    let ids: Vec<String> = store
        .list(10, 0)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["z", "a"]);
    assert_eq!(store.list(10, 1).unwrap().len(), 1);
}

fn keeps_events_and_profiles(store: &dyn Store) {
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
                placed.profile.to_string(),
            ));
        })
        .unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0],
        (
            "a".to_string(),
            "ev-1".to_string(),
            "{\"of\": \"a\"}".to_string()
        )
    );
    // Moving a document to another event is an update, not a no-op.
    assert_eq!(
        store.put_batch(&[filed(a, "ev-2")]).unwrap(),
        [PutOutcome::Updated]
    );
}

/// Documents stored before they are placed: no event, no profile, and placed later.
fn keeps_documents_not_placed_yet(store: &dyn Store) {
    let a = doc("a", "A", "a");
    let unplaced = Filed {
        placement: None,
        input_hash: crate::input_hash(&a),
        document: a.clone(),
    };
    assert_eq!(store.put_batch(&[unplaced]).unwrap(), [PutOutcome::Added]);
    assert_eq!(store.event_of("a").unwrap(), None);
    assert!(store.events().unwrap().is_empty());
    let mut seen = Vec::new();
    store
        .for_each_profile(&mut |id, placed| seen.push((id.to_string(), placed.is_some())))
        .unwrap();
    assert_eq!(seen, [("a".to_string(), false)]);
    assert_eq!(
        store.put_batch(&[filed(a, "ev-1")]).unwrap(),
        [PutOutcome::Updated]
    );
    assert_eq!(store.event_of("a").unwrap().as_deref(), Some("ev-1"));
}

#[test]
fn every_store_keeps_documents_not_placed_yet() {
    on_every_store(keeps_documents_not_placed_yet);
}

#[test]
fn every_store_runs_exclusive_work_one_at_a_time() {
    on_every_store(runs_exclusive_work_one_at_a_time);
}

/// Two filers at once: neither's work overlaps the other's.
fn runs_exclusive_work_one_at_a_time(store: &dyn Store) {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let inside = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                for _ in 0..10 {
                    store
                        .exclusively(&mut || {
                            assert!(!inside.swap(true, Ordering::SeqCst), "two filers at once");
                            std::thread::sleep(std::time::Duration::from_millis(2));
                            inside.store(false, Ordering::SeqCst);
                            done.fetch_add(1, Ordering::SeqCst);
                            Ok(())
                        })
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(done.load(Ordering::SeqCst), 20);
    // Work that fails releases the lock.
    assert!(store
        .exclusively(&mut || Err(StoreError::Query(crate::QueryError::TooLong)))
        .is_err());
    store.exclusively(&mut || Ok(())).unwrap();
}

#[test]
fn every_store_takes_one_document_twice_in_a_batch() {
    on_every_store(takes_one_document_twice_in_a_batch);
}

/// The later of two records with one id is the one kept.
fn takes_one_document_twice_in_a_batch(store: &dyn Store) {
    let first = doc("a", "A", "first");
    let second = doc("a", "A", "second");
    assert_eq!(
        put(store, &[first, second.clone()]),
        [PutOutcome::Added, PutOutcome::Updated]
    );
    assert_eq!(store.get("a").unwrap(), Some(second));
    assert_eq!(store.count().unwrap(), 1);
}
