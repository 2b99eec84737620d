//! `crosscheck ingest`: documents into the store, each placed in its event as it arrives.

use std::collections::HashMap;

use crosscheck_events::{resolve_year, Clusterer, Config, Profile};
use crosscheck_store::{Filed, PutOutcome, Store};

use crate::{DbArg, ReadArgs};

/// Documents are stored in batches: one transaction each, so that a failure loses at most
/// one batch and never what was stored before.
const BATCH: usize = 256;

pub fn run(read: &ReadArgs, db: &DbArg, quiet: bool) -> anyhow::Result<u8> {
    let mut store = db.open()?;
    let mut clusterer = resume(&mut store)?;
    let mut batch: Vec<Filed> = Vec::with_capacity(BATCH);
    let mut outcomes = Vec::new();
    // Documents of this run not yet committed, by id: a repeated id keeps its first event.
    let mut placed: HashMap<String, String> = HashMap::new();
    let tally = read.run(quiet, &mut |mut doc| {
        let known = match placed.get(&doc.id) {
            Some(event) => Some(event.clone()),
            None => store.event_of(&doc.id)?,
        };
        let (event, profile) = match known {
            // A document seen before keeps its event: decisions are never revisited.
            Some(event) => {
                if let Some(day) = clusterer.event_day(&event) {
                    resolve_year(&mut doc, day);
                }
                (event, Profile::of(&doc))
            }
            None => {
                let (assignment, profile) = clusterer.add_document(&mut doc);
                (assignment.event, profile)
            }
        };
        placed.insert(doc.id.clone(), event.clone());
        batch.push(Filed {
            document: doc,
            event,
            profile,
        });
        if batch.len() == BATCH {
            outcomes.extend(store.put_batch(&batch)?);
            batch.clear();
            placed.clear();
        }
        Ok(())
    })?;
    outcomes.extend(store.put_batch(&batch)?);
    let count = |o: PutOutcome| outcomes.iter().filter(|x| **x == o).count();
    if !quiet {
        eprintln!(
            "ingest: {} ({} added, {} updated, {} unchanged) into {}; {} stored in all ({} events)",
            tally.summary(),
            count(PutOutcome::Added),
            count(PutOutcome::Updated),
            count(PutOutcome::Unchanged),
            db.db.display(),
            store.count()?,
            store.events()?.len(),
        );
    }
    Ok(tally.exit_code())
}

/// A clusterer holding the store's events as they stand, so that new documents join them;
/// documents stored before events existed are placed now, in storage order.
fn resume(store: &mut dyn Store) -> anyhow::Result<Clusterer> {
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
            let (assignment, profile) = clusterer.add_document(&mut doc);
            batch.push(Filed {
                document: doc,
                event: assignment.event,
                profile,
            });
        }
        store.put_batch(&batch)?;
    }
    Ok(clusterer)
}
