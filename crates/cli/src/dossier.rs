//! `crosscheck dossier`: the events of the inputs (clustered in memory) or of the store,
//! each with its dossier.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_model::{Document, Event};
use crosscheck_pipeline::Filer;
use crosscheck_store::{MemoryStore, Store};

use crate::ReadOptions;

#[derive(Args)]
pub struct DossierArgs {
    /// Files or directories to cluster in memory, with no store (as for `extract`).
    #[arg(conflicts_with = "db")]
    inputs: Vec<PathBuf>,
    /// Read the events `ingest` keeps in this store instead; with no input and no `--db`,
    /// the store `$CROSSCHECK_DB` names.
    #[arg(long)]
    db: Option<String>,
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
    let format = args.format.unwrap_or(if crate::stdout_is_terminal() {
        DossierFormat::Md
    } else {
        DossierFormat::Json
    });
    // Only the HTML page quotes the documents' sentences; the other forms let them go.
    let keep = matches!(format, DossierFormat::Html);
    // Inputs on the command line come before a store the environment names.
    let db = args.db.clone().or_else(|| {
        args.inputs
            .is_empty()
            .then(|| std::env::var("CROSSCHECK_DB").ok())
            .flatten()
    });
    let (dossiers, code) = match &db {
        Some(path) => (
            from_store(&*crate::open_existing(path)?, args.event.as_deref(), keep)?,
            0,
        ),
        None if args.inputs.is_empty() => {
            anyhow::bail!("no input: give files or directories, or a store with --db FILE (or $CROSSCHECK_DB)")
        }
        None => from_inputs(args, quiet, keep)?,
    };
    if let Some(id) = &args.event {
        if dossiers.is_empty() {
            anyhow::bail!("no event {id}");
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        DossierFormat::Json => {
            let events: Vec<&Event> = dossiers.iter().map(|(e, _)| e).collect();
            serde_json::to_writer_pretty(&mut out, &events)?
        }
        DossierFormat::Md => {
            let events: Vec<Event> = dossiers.into_iter().map(|(e, _)| e).collect();
            out.write_all(crosscheck_render::markdown::render(&events).as_bytes())?
        }
        DossierFormat::Html => {
            out.write_all(crosscheck_render::html::standalone(&dossiers).as_bytes())?
        }
    }
    out.write_all(b"\n")?;
    out.flush().context("writing to standard output")?;
    Ok(code)
}

/// Reads the inputs into a store in memory, through the same filing as `ingest` (so the
/// events and their ids are those `ingest` then `dossier --db` give), and reads it back.
fn from_inputs(args: &DossierArgs, quiet: bool, keep: bool) -> anyhow::Result<(Dossiers, u8)> {
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
        from_store(&store, args.event.as_deref(), keep)?,
        tally.exit_code(),
    ))
}

/// Each event with its documents (none unless `keep`).
pub(crate) type Dossiers = Vec<(Event, Vec<Document>)>;

pub(crate) fn from_store(
    store: &dyn Store,
    only: Option<&str>,
    keep: bool,
) -> anyhow::Result<Dossiers> {
    let mut dossiers = Vec::new();
    for summary in store.events()? {
        if only.is_some_and(|id| id != summary.id) {
            continue;
        }
        let mut docs = store.event_documents(&summary.id)?;
        let event = crosscheck_pipeline::fused(&summary.id, &mut docs);
        if !keep {
            docs = Vec::new();
        }
        dossiers.push((event, docs));
    }
    Ok(dossiers)
}
