//! `crosscheck ingest`: documents into the store, each placed in its event as it arrives.

use std::path::PathBuf;

use crosscheck_pipeline::{Filer, Tally};
use crosscheck_store::Store;

use crate::{DbArg, ReadArgs, ReadOptions};

pub fn run(read: &ReadArgs, db: &DbArg, quiet: bool) -> anyhow::Result<u8> {
    let store = db.open()?;
    let mut filer = Filer::resume(&*store)?;
    let tally = into_store(&read.inputs, &read.options, db, &*store, &mut filer, quiet)?;
    Ok(tally.exit_code())
}

/// Reads the inputs into the store through `filer` and says what happened (unless quiet):
/// the whole of `ingest`, and what `serve` does before it serves.
pub fn into_store(
    inputs: &[PathBuf],
    options: &ReadOptions,
    db: &DbArg,
    store: &dyn Store,
    filer: &mut Filer,
    quiet: bool,
) -> anyhow::Result<Tally> {
    let tally = options.run(inputs, quiet, &mut |doc| {
        filer.file(store, doc)?;
        Ok(())
    })?;
    let counts = filer.finish(store)?.counts;
    if !quiet {
        eprintln!(
            "ingest: {} ({} added, {} updated, {} unchanged) into {}; {} stored in all ({} events)",
            tally.summary(),
            counts.added,
            counts.updated,
            counts.unchanged,
            db.name(),
            store.count()?,
            store.events()?.len(),
        );
    }
    Ok(tally)
}
