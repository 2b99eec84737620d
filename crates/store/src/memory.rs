//! A store held in memory: what `crosscheck dossier INPUT…` files into, so that reading
//! inputs directly and ingesting them into a store are one path with one result. Nothing is
//! kept after the process ends.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, RwLock};

use crosscheck_model::fold::{folded_words, loose_word};
use crosscheck_model::Document;

use crate::query::Query;
use crate::{
    DocumentSummary, EventSummary, Filed, Highlight, Placed, Placement, PutOutcome, SearchHit,
    Store, StoreError,
};

#[derive(Default)]
pub struct MemoryStore {
    inner: RwLock<Inner>,
    filing: Mutex<()>,
}

#[derive(Default)]
struct Inner {
    /// In the order they were first stored.
    rows: Vec<Row>,
    by_id: HashMap<String, usize>,
}

struct Row {
    document: Document,
    json: String,
    placement: Option<Placed>,
    input_hash: String,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn read<T>(&self, read: impl FnOnce(&Inner) -> T) -> T {
        read(&self.inner.read().unwrap_or_else(PoisonError::into_inner))
    }
}

fn summary(doc: &Document) -> DocumentSummary {
    DocumentSummary {
        id: doc.id.clone(),
        source: doc.source.clone(),
        title: doc.title.clone(),
        outlet: doc.outlet.clone(),
        published: doc.published.clone(),
    }
}

/// A text's loose words, as the search index of the SQLite store holds them.
fn loose_words(text: &str) -> Vec<String> {
    folded_words(text).iter().map(|w| loose_word(w)).collect()
}

impl Store for MemoryStore {
    fn put_batch(&self, docs: &[Filed]) -> Result<Vec<PutOutcome>, StoreError> {
        // All or nothing: every document is serialized before any is stored.
        let mut rows = Vec::with_capacity(docs.len());
        for filed in docs {
            let json =
                serde_json::to_string(&filed.document).map_err(|e| StoreError::DamagedRecord {
                    id: filed.document.id.clone(),
                    reason: e.to_string(),
                })?;
            rows.push(Row {
                document: filed.document.clone(),
                json,
                placement: filed.placement.clone(),
                input_hash: filed.input_hash.clone(),
            });
        }
        let mut inner = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        let mut outcomes = Vec::with_capacity(rows.len());
        for row in rows {
            let outcome = match inner.by_id.get(&row.document.id).copied() {
                Some(i) => {
                    let stored = &inner.rows[i];
                    let same_event = stored.placement.as_ref().map(|p| &p.event)
                        == row.placement.as_ref().map(|p| &p.event);
                    if stored.json == row.json && same_event {
                        PutOutcome::Unchanged
                    } else {
                        inner.rows[i] = row;
                        PutOutcome::Updated
                    }
                }
                None => {
                    let i = inner.rows.len();
                    inner.by_id.insert(row.document.id.clone(), i);
                    inner.rows.push(row);
                    PutOutcome::Added
                }
            };
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    fn event_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.read(|inner| {
            let row = &inner.rows[*inner.by_id.get(id)?];
            row.placement.as_ref().map(|p| p.event.clone())
        }))
    }

    fn input_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.read(|inner| {
            let i = *inner.by_id.get(id)?;
            Some(inner.rows[i].input_hash.clone()).filter(|h| !h.is_empty())
        }))
    }

    fn for_each_profile(
        &self,
        each: &mut dyn FnMut(&str, Option<Placement<'_>>),
    ) -> Result<(), StoreError> {
        self.read(|inner| {
            for row in &inner.rows {
                let placed = row.placement.as_ref().map(|p| Placement {
                    event: &p.event,
                    profile: &p.profile,
                });
                each(&row.document.id, placed);
            }
        });
        Ok(())
    }

    fn events(&self) -> Result<Vec<EventSummary>, StoreError> {
        Ok(self.read(|inner| {
            let mut order: Vec<EventSummary> = Vec::new();
            let mut at: HashMap<&str, usize> = HashMap::new();
            for row in &inner.rows {
                let Some(placed) = &row.placement else {
                    continue;
                };
                match at.get(placed.event.as_str()) {
                    Some(&i) => order[i].documents += 1,
                    None => {
                        at.insert(&placed.event, order.len());
                        order.push(EventSummary {
                            id: placed.event.clone(),
                            documents: 1,
                        });
                    }
                }
            }
            order
        }))
    }

    fn event_documents(&self, event: &str) -> Result<Vec<Document>, StoreError> {
        Ok(self.read(|inner| {
            inner
                .rows
                .iter()
                .filter(|r| r.placement.as_ref().is_some_and(|p| p.event == event))
                .map(|r| r.document.clone())
                .collect()
        }))
    }

    fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        Ok(self.read(|inner| inner.by_id.get(id).map(|&i| inner.rows[i].document.clone())))
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>, StoreError> {
        Ok(self.read(|inner| {
            inner
                .rows
                .iter()
                .skip(offset)
                .take(limit)
                .map(|r| summary(&r.document))
                .collect()
        }))
    }

    fn count(&self) -> Result<usize, StoreError> {
        Ok(self.read(|inner| inner.rows.len()))
    }

    /// Every document read in full: a store in memory holds one run's inputs, not an
    /// archive. Ranked by how often the terms occur, the title's counting twice.
    fn search_query(
        &self,
        query: &Query,
        limit: usize,
        highlight: Highlight<'_>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let mut hits: Vec<SearchHit> = self.read(|inner| {
            inner
                .rows
                .iter()
                .filter_map(|row| {
                    let doc = &row.document;
                    let title = loose_words(doc.title.as_deref().unwrap_or_default());
                    let text = loose_words(&doc.text);
                    let in_title = query.occurrences(&title);
                    let in_text = query.occurrences(&text);
                    query.all_match(&[&title, &text]).then(|| SearchHit {
                        document: summary(doc),
                        snippet: highlight.snippet(&doc.text, query),
                        score: (2 * in_title + in_text) as f64,
                    })
                })
                .collect()
        });
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        Ok(hits)
    }

    fn exclusively(
        &self,
        work: &mut dyn FnMut() -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let _filing = crate::pool::lock(&self.filing);
        work()
    }
}
