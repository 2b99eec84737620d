//! Documents into the store, each placed in its event as it arrives.

use std::collections::HashMap;

use crosscheck_events::{resolve_year, Clusterer, Config, Profile};
use crosscheck_model::Document;
use crosscheck_store::{input_hash, Filed, PutOutcome, Store, StoreError};

/// Documents are stored in batches: one transaction each, so that a failure loses at most
/// one batch and never what was stored before.
const BATCH: usize = 256;

/// What storing did, since the last [`Filer::finish`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    fn count(&mut self, outcome: PutOutcome) {
        match outcome {
            PutOutcome::Added => self.added += 1,
            PutOutcome::Updated => self.updated += 1,
            PutOutcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// Places documents in the store's events: a clusterer holding the events as they stand, so
/// that new documents join them, and the batch not yet written. One filer should serve a
/// store for as long as it is open: building it reads every stored profile.
pub struct Filer {
    clusterer: Clusterer,
    batch: Vec<Filed>,
    /// Documents of the batch by id: a repeated id keeps its first event.
    placed: HashMap<String, String>,
    counts: Counts,
}

impl Filer {
    /// A filer resuming the store's events; documents stored before events existed are
    /// placed now, in storage order.
    pub fn resume(store: &dyn Store) -> Result<Self, StoreError> {
        let mut clusterer = Clusterer::new(Config::default());
        let mut unplaced = Vec::new();
        store.for_each_profile(&mut |id, placed| match placed {
            Some(placed) => clusterer.restore(id, placed.profile, placed.event),
            None => unplaced.push(id.to_string()),
        })?;
        for chunk in unplaced.chunks(BATCH) {
            let mut batch = Vec::with_capacity(chunk.len());
            for id in chunk {
                let Some(mut doc) = store.get(id)? else {
                    continue;
                };
                let input_hash = input_hash(&doc);
                let (assignment, profile) = clusterer.add_document(&mut doc);
                batch.push(Filed {
                    document: doc,
                    event: assignment.event,
                    profile,
                    input_hash,
                });
            }
            store.put_batch(&batch)?;
        }
        Ok(Filer {
            clusterer,
            batch: Vec::with_capacity(BATCH),
            placed: HashMap::new(),
            counts: Counts::default(),
        })
    }

    /// Places one document and queues it for storing (written by the batch); returns its
    /// event. A document stored before keeps its event and its copy link: decisions are
    /// never revisited, and one read again as it was is not written at all, so that
    /// ingesting the same input twice changes nothing.
    pub fn file(&mut self, store: &dyn Store, mut doc: Document) -> Result<String, StoreError> {
        let input_hash = input_hash(&doc);
        let in_batch = self.placed.get(&doc.id).cloned();
        let known = match &in_batch {
            Some(event) => Some(event.clone()),
            None => store.event_of(&doc.id)?,
        };
        let (event, profile) = match known {
            Some(event) => {
                if in_batch.is_some() {
                    let queued = self.batch.iter().rev().find(|f| f.document.id == doc.id);
                    doc.duplicate_of = queued.and_then(|f| f.document.duplicate_of.clone());
                } else if store.input_hash(&doc.id)?.as_deref() == Some(input_hash.as_str()) {
                    self.counts.unchanged += 1;
                    return Ok(event);
                } else if let Some(stored) = store.get(&doc.id)? {
                    doc.duplicate_of = stored.duplicate_of;
                }
                if let Some(day) = self.clusterer.event_day(&event) {
                    resolve_year(&mut doc, day);
                }
                let profile = Profile::of(&doc);
                (event, profile)
            }
            None => {
                let (assignment, profile) = self.clusterer.add_document(&mut doc);
                (assignment.event, profile)
            }
        };
        self.placed.insert(doc.id.clone(), event.clone());
        self.batch.push(Filed {
            document: doc,
            event: event.clone(),
            profile,
            input_hash,
        });
        if self.batch.len() == BATCH {
            self.flush(store)?;
        }
        Ok(event)
    }

    /// Writes what is queued, and returns what storing did since the last call.
    pub fn finish(&mut self, store: &dyn Store) -> Result<Counts, StoreError> {
        self.flush(store)?;
        Ok(std::mem::take(&mut self.counts))
    }

    /// The batch is dropped even when writing it fails, so that a failed write loses that
    /// batch only and a later one starts clean.
    fn flush(&mut self, store: &dyn Store) -> Result<(), StoreError> {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.placed.clear();
        for outcome in store.put_batch(&batch)? {
            self.counts.count(outcome);
        }
        Ok(())
    }
}
