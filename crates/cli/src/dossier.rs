//! `crosscheck dossier`: the events of the inputs (clustered in memory) or of the store,
//! each with its dossier.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_events::{Clusterer, Config, Profile};
use crosscheck_model::{Document, Event};
use crosscheck_store::{SqliteStore, Store};

use crate::ReadOptions;

#[derive(Args)]
pub struct DossierArgs {
    /// Files or directories to cluster in memory, with no store (as for `extract`).
    #[arg(required_unless_present = "db", conflicts_with = "db")]
    inputs: Vec<PathBuf>,
    /// Read the events `ingest` keeps in this store instead.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Only the event with this id.
    #[arg(long)]
    event: Option<String>,
    /// `md` on a terminal, `json` otherwise.
    #[arg(long, value_enum)]
    format: Option<DossierFormat>,
    #[command(flatten)]
    options: ReadOptions,
}

#[derive(Clone, Copy, ValueEnum)]
enum DossierFormat {
    /// A JSON array of events, as SPEC.md gives it.
    Json,
    /// Markdown, to read.
    Md,
    /// One self-contained HTML page, with a chart of each figure's history.
    Html,
}

pub fn run(args: &DossierArgs, quiet: bool) -> anyhow::Result<u8> {
    let (events, code) = match &args.db {
        Some(path) => (
            from_store(&SqliteStore::open(path)?, args.event.as_deref())?,
            0,
        ),
        None => from_inputs(args, quiet)?,
    };
    if let Some(id) = &args.event {
        if events.is_empty() {
            anyhow::bail!("no event {id}");
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let format = args.format.unwrap_or(if crate::stdout_is_terminal() {
        DossierFormat::Md
    } else {
        DossierFormat::Json
    });
    match format {
        DossierFormat::Json => serde_json::to_writer_pretty(&mut out, &events)?,
        DossierFormat::Md => out.write_all(crate::markdown::render(&events).as_bytes())?,
        DossierFormat::Html => {
            out.write_all(crosscheck_server::html::standalone(&events).as_bytes())?
        }
    }
    out.write_all(b"\n")?;
    out.flush().context("writing to standard output")?;
    Ok(code)
}

/// Reads, annotates and clusters the inputs, replaying them in publication order (undated
/// documents first, in input order), as a stream would have brought them.
fn from_inputs(args: &DossierArgs, quiet: bool) -> anyhow::Result<(Vec<Event>, u8)> {
    let mut docs: Vec<(Profile, Document)> = Vec::new();
    let mut ids = HashSet::new();
    let tally = args.options.run(&args.inputs, quiet, &mut |doc| {
        if ids.insert(doc.id.clone()) {
            docs.push((Profile::of(&doc), doc));
        } else {
            tracing::warn!(
                "{}: a document with id {} came earlier; this one is left out",
                doc.source,
                doc.id
            );
        }
        Ok(())
    })?;
    docs.sort_by_key(|(profile, _)| profile.day);
    let mut clusterer = Clusterer::new(Config::default());
    let mut slot: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<(String, Vec<Document>)> = Vec::new();
    for (profile, mut doc) in docs {
        let assignment = clusterer.add(&doc.id, &profile);
        doc.duplicate_of = assignment.duplicate_of;
        let k = *slot.entry(assignment.event.clone()).or_insert_with(|| {
            members.push((assignment.event, Vec::new()));
            members.len() - 1
        });
        members[k].1.push(doc);
    }
    let events = members
        .into_iter()
        .filter(|(id, _)| args.event.as_ref().is_none_or(|e| e == id))
        .map(|(id, mut docs)| crosscheck_pipeline::fused(&id, &mut docs))
        .collect();
    if !quiet {
        eprintln!("dossier: {}", tally.summary());
    }
    Ok((events, tally.exit_code()))
}

fn from_store(store: &dyn Store, only: Option<&str>) -> anyhow::Result<Vec<Event>> {
    let mut events = Vec::new();
    for summary in store.events()? {
        if only.is_some_and(|id| id != summary.id) {
            continue;
        }
        let mut docs = store.event_documents(&summary.id)?;
        events.push(crosscheck_pipeline::fused(&summary.id, &mut docs));
    }
    Ok(events)
}
