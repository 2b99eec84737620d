//! `crosscheck dossier`: the events of the inputs (clustered in memory) or of the store,
//! each with its dossier.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_model::Event;
use crosscheck_pipeline::Filer;
use crosscheck_store::{MemoryStore, SqliteStore, Store};

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

/// Reads the inputs into a store in memory, through the same filing as `ingest` (so the
/// events and their ids are those `ingest` then `dossier --db` give), and reads it back.
fn from_inputs(args: &DossierArgs, quiet: bool) -> anyhow::Result<(Vec<Event>, u8)> {
    let store = MemoryStore::new();
    let mut filer = Filer::resume(&store)?;
    let tally = args.options.run(&args.inputs, quiet, &mut |doc| {
        filer.file(&store, doc)?;
        Ok(())
    })?;
    filer.finish(&store)?;
    if !quiet {
        eprintln!("dossier: {}", tally.summary());
    }
    Ok((
        from_store(&store, args.event.as_deref())?,
        tally.exit_code(),
    ))
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
