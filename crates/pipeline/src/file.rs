//! Documents into the store, each placed in its event: the one filing path of the command
//! line (`ingest`, `dossier INPUT`, `serve`'s uploads), whatever the store.
//!
//! Filing is in two steps, so that the order in which inputs are given does not matter: a
//! run's new documents are first stored unplaced, then placed in their events in publication
//! order (dated documents first, by date, then by id; undated ones after them, by id). Only
//! their ids and dates are held meanwhile, so a run of any size files in bounded memory; a
//! run that stopped between the steps leaves unplaced documents that the next filer places
//! the same way when it resumes.

use std::collections::HashMap;

use crosscheck_events::{resolve_year, Clusterer, Config, Profile};
use crosscheck_model::Document;
use crosscheck_store::{input_hash, Filed, Placed, PutOutcome, Store, StoreError};

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

/// What a run filed: its counts, and the event of each document it read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    pub counts: Counts,
    pub events: HashMap<String, String>,
}

/// The order documents are placed in: dated before undated, by date, then by id.
type Order = (bool, String, String);

fn order_of(doc: &Document) -> Order {
    // A date of the text may lack its year ("XXXX-03-25"): it gives no order.
    let date = doc
        .published
        .as_deref()
        .or(doc.published_not_before.as_deref())
        .filter(|d| !d.starts_with('X'))
        .map(|d| d.get(..10).unwrap_or(d).to_string());
    (date.is_none(), date.unwrap_or_default(), doc.id.clone())
}

/// Places documents in the store's events: a clusterer holding the events as they stand, so
/// that new documents join them, the batch not yet written, and the documents of this run
/// waiting to be placed. One filer should serve a store for as long as it is open: building
/// it reads every stored profile.
pub struct Filer {
    clusterer: Clusterer,
    batch: Vec<Filed>,
    /// The documents stored this run and not placed yet, by id.
    pending: HashMap<String, Order>,
    /// The events of the documents this run read that were placed before it.
    known: HashMap<String, String>,
    counts: Counts,
    /// Whether [`Filer::finish`] places the new documents; a deferred filer leaves them to
    /// the next filer that resumes.
    places: bool,
    /// The documents [`Filer::resume`] found unplaced and placed.
    resumed: usize,
}

impl Filer {
    /// A filer resuming the store's events; documents stored and not placed (by a run that
    /// stopped, or before events existed) are placed now, in filing order.
    pub fn resume(store: &dyn Store) -> Result<Self, StoreError> {
        let mut clusterer = Clusterer::new(Config::default());
        let mut unplaced = Vec::new();
        let mut damaged = None;
        store.for_each_profile(&mut |id, placed| match placed {
            Some(placed) => match serde_json::from_str::<Profile>(placed.profile) {
                Ok(profile) => clusterer.restore(id, &profile, placed.event),
                Err(e) => {
                    damaged.get_or_insert(StoreError::DamagedRecord {
                        id: id.to_string(),
                        reason: format!("event profile: {e}"),
                    });
                }
            },
            None => unplaced.push(id.to_string()),
        })?;
        if let Some(e) = damaged {
            return Err(e);
        }
        let mut filer = Filer {
            clusterer,
            places: true,
            ..Filer::deferred()
        };
        let mut waiting = Vec::with_capacity(unplaced.len());
        for id in unplaced {
            if let Some(doc) = store.get(&id)? {
                waiting.push((order_of(&doc), id));
            }
        }
        filer.resumed = filer.place(store, waiting)?.len();
        Ok(filer)
    }

    /// A filer that stores documents and leaves the new ones unplaced, for the next
    /// [`Filer::resume`] to place: what each worker of the stream files with, so that the
    /// documents of many workers are placed by one filer, in filing order, as one `ingest`
    /// would place them. It reads nothing of the store to start.
    pub fn deferred() -> Self {
        Filer {
            clusterer: Clusterer::new(Config::default()),
            batch: Vec::with_capacity(BATCH),
            pending: HashMap::new(),
            known: HashMap::new(),
            counts: Counts::default(),
            places: false,
            resumed: 0,
        }
    }

    /// How many documents stored unplaced (by a run that stopped, a deferred filer) this
    /// filer placed when it resumed.
    pub fn placed_on_resume(&self) -> usize {
        self.resumed
    }

    /// Files one document: one placed before keeps its event and its copy link (decisions
    /// are never revisited) and one read again as it was is not written at all, so that
    /// ingesting the same input twice changes nothing; a new one is stored now and placed
    /// by [`Filer::finish`].
    pub fn file(&mut self, store: &dyn Store, mut doc: Document) -> Result<(), StoreError> {
        let input_hash = input_hash(&doc);
        if self.pending.contains_key(&doc.id) {
            // The same id twice in one run: the later record is the one placed.
            self.pending.insert(doc.id.clone(), order_of(&doc));
            self.queue(store, doc, None, input_hash)?;
            return Ok(());
        }
        let placement = match self.known.get(&doc.id).cloned() {
            Some(event) => Some(event),
            None => store.event_of(&doc.id)?,
        };
        match placement {
            Some(event) => {
                self.known.insert(doc.id.clone(), event.clone());
                let queued = self.batch.iter().rev().find(|f| f.document.id == doc.id);
                if let Some(queued) = queued {
                    doc.duplicate_of = queued.document.duplicate_of.clone();
                } else if store.input_hash(&doc.id)?.as_deref() == Some(input_hash.as_str()) {
                    self.counts.unchanged += 1;
                    return Ok(());
                } else if let Some(stored) = store.get(&doc.id)? {
                    doc.duplicate_of = stored.duplicate_of;
                }
                if let Some(day) = self.clusterer.event_day(&event) {
                    resolve_year(&mut doc, day);
                }
                let placed = placed(&event, &Profile::of(&doc))?;
                self.queue(store, doc, Some(placed), input_hash)
            }
            None => {
                self.pending.insert(doc.id.clone(), order_of(&doc));
                self.queue(store, doc, None, input_hash)
            }
        }
    }

    /// Writes what is queued, places this run's new documents in filing order, and says
    /// what the run did.
    pub fn finish(&mut self, store: &dyn Store) -> Result<Filing, StoreError> {
        self.flush(store)?;
        let waiting: Vec<(Order, String)> = self
            .pending
            .drain()
            .filter(|_| self.places)
            .map(|(id, order)| (order, id))
            .collect();
        let mut events = self.place(store, waiting)?;
        events.extend(self.known.drain());
        Ok(Filing {
            counts: std::mem::take(&mut self.counts),
            events,
        })
    }

    /// Places stored documents in their events, in filing order; returns where each went.
    /// These writes complete the documents' filing: they are not counted again.
    fn place(
        &mut self,
        store: &dyn Store,
        mut waiting: Vec<(Order, String)>,
    ) -> Result<HashMap<String, String>, StoreError> {
        waiting.sort();
        let mut events = HashMap::new();
        for chunk in waiting.chunks(BATCH) {
            let mut batch = Vec::with_capacity(chunk.len());
            for (_, id) in chunk {
                let Some(mut doc) = store.get(id)? else {
                    continue;
                };
                // The hash of the document as read, before filing changed it.
                let input_hash = store
                    .input_hash(id)?
                    .unwrap_or_else(|| crosscheck_store::input_hash(&doc));
                let (assignment, profile) = self.clusterer.add_document(&mut doc);
                events.insert(id.clone(), assignment.event.clone());
                batch.push(Filed {
                    placement: Some(placed(&assignment.event, &profile)?),
                    document: doc,
                    input_hash,
                });
            }
            store.put_batch(&batch)?;
        }
        Ok(events)
    }

    fn queue(
        &mut self,
        store: &dyn Store,
        document: Document,
        placement: Option<Placed>,
        input_hash: String,
    ) -> Result<(), StoreError> {
        self.batch.push(Filed {
            document,
            placement,
            input_hash,
        });
        if self.batch.len() == BATCH {
            self.flush(store)?;
        }
        Ok(())
    }

    /// The batch is dropped even when writing it fails, so that a failed write loses that
    /// batch only and a later one starts clean.
    fn flush(&mut self, store: &dyn Store) -> Result<(), StoreError> {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        for outcome in store.put_batch(&batch)? {
            self.counts.count(outcome);
        }
        Ok(())
    }
}

/// A placement with its profile as the store keeps it.
fn placed(event: &str, profile: &Profile) -> Result<Placed, StoreError> {
    let profile = serde_json::to_string(profile).map_err(|e| StoreError::DamagedRecord {
        id: event.to_string(),
        reason: format!("event profile: {e}"),
    })?;
    Ok(Placed {
        event: event.to_string(),
        profile,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_store::MemoryStore;
    use proptest::prelude::*;

    /// Articles of three stories over a few days, and one undated.
    fn articles() -> Vec<Document> {
        let story = |id: &str, day: u32, title: &str, text: &str| {
            let mut d = Document::new(id.into(), format!("{id}.txt"), text.into());
            d.title = Some(title.into());
            if day > 0 {
                d.published = Some(format!("2024-05-{day:02}"));
            }
            d
        };
        vec![
            story("a1", 6, "Harbour bridge closes in Port Elmsworth", "The council of Port Elmsworth closed the harbour bridge after engineers found cracks in its piers, mayor Lena Ortiz said."),
            story("a2", 7, "Port Elmsworth bridge to stay shut for months", "Mayor Lena Ortiz said the harbour bridge of Port Elmsworth will stay closed for eight months while its cracked piers are repaired."),
            story("b1", 6, "Warehouse fire on Dock Road in Westbury", "Firefighters fought a blaze at a warehouse on Dock Road in Westbury; fire chief Ann Rowe said two workers were treated for smoke."),
            story("b2", 8, "Westbury warehouse fire was arson, chief says", "Fire chief Ann Rowe said the Dock Road warehouse fire in Westbury was started deliberately."),
            story("c1", 7, "Library reopens in Marlow", "The Marlow town library reopened on Tuesday after a year of renovation, librarian Tom Hale said."),
            story("c2", 0, "Marlow library reopening draws crowds", "Hundreds queued outside the Marlow town library as it reopened, librarian Tom Hale said."),
        ]
    }

    /// Files `docs` into a fresh store in the order given; returns the events with their
    /// documents' ids.
    fn grouping(docs: Vec<Document>) -> Vec<(String, Vec<String>)> {
        let store = MemoryStore::new();
        let mut filer = Filer::resume(&store).unwrap();
        for doc in docs {
            filer.file(&store, doc).unwrap();
        }
        filer.finish(&store).unwrap();
        let mut events: Vec<(String, Vec<String>)> = store
            .events()
            .unwrap()
            .into_iter()
            .map(|e| {
                let mut ids: Vec<String> = store
                    .event_documents(&e.id)
                    .unwrap()
                    .into_iter()
                    .map(|d| d.id)
                    .collect();
                ids.sort();
                (e.id, ids)
            })
            .collect();
        events.sort();
        events
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn the_order_of_the_inputs_changes_nothing(order in Just(articles()).prop_shuffle()) {
            prop_assert_eq!(grouping(order), grouping(articles()));
        }
    }

    #[test]
    fn a_placed_document_never_moves_and_reading_again_changes_nothing() {
        let store = MemoryStore::new();
        let mut filer = Filer::resume(&store).unwrap();
        let docs = articles();
        filer.file(&store, docs[0].clone()).unwrap();
        let first = filer.finish(&store).unwrap();
        let event = first.events["a1"].clone();
        for doc in docs.clone() {
            filer.file(&store, doc).unwrap();
        }
        let second = filer.finish(&store).unwrap();
        assert_eq!(second.events["a1"], event);
        assert_eq!(second.counts.unchanged, 1);
        // A new filer on the same store reads it all as unchanged.
        let mut again = Filer::resume(&store).unwrap();
        for doc in docs {
            again.file(&store, doc).unwrap();
        }
        let third = again.finish(&store).unwrap();
        assert_eq!(third.counts.unchanged, 6);
        assert_eq!(third.events["a1"], event);
    }

    #[test]
    fn a_run_that_stopped_before_placing_is_finished_by_the_next_filer() {
        let stopped = MemoryStore::new();
        let unplaced: Vec<Filed> = articles()
            .into_iter()
            .map(|d| Filed {
                input_hash: input_hash(&d),
                document: d,
                placement: None,
            })
            .collect();
        stopped.put_batch(&unplaced).unwrap();
        let resumed = Filer::resume(&stopped).unwrap();
        assert_eq!(resumed.placed_on_resume(), unplaced.len());
        assert_eq!(Filer::resume(&stopped).unwrap().placed_on_resume(), 0);
        let mut events: Vec<(String, usize)> = stopped
            .events()
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.documents))
            .collect();
        events.sort();
        let clean: Vec<(String, usize)> = grouping(articles())
            .into_iter()
            .map(|(id, docs)| (id, docs.len()))
            .collect();
        assert_eq!(events, clean);
    }
}
