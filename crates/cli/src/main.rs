//! `crosscheck`: the command line over the pipeline crates.

mod bench;
mod browse;
mod dossier;
mod feeds;
mod ingest;
mod pipeline;
mod scale;
mod serve;
mod train;
mod watch;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck_extract::Options;
use crosscheck_ingest::Limits;
use crosscheck_model::printable::printable;
use crosscheck_store::Store;

/// Event dossiers from news coverage: every fact linked to the sentence it came from.
#[derive(Parser)]
#[command(name = "crosscheck", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Log more (-v: debug, -vv: trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Subcommand)]
enum Command {
    /// Read inputs and keep their documents in the store, each placed in its event
    /// (re-ingesting is idempotent).
    Ingest {
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        db: DbArg,
    },
    /// Print the event dossiers of the inputs (in memory), or of the store.
    Dossier(dossier::DossierArgs),
    /// Print the annotated documents of the inputs, without a store.
    Extract {
        #[command(flatten)]
        read: ReadArgs,
        /// `json`: one array; `jsonl`: one document a line.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// List the stored documents.
    List {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List the events of a store, the most reported first: id, when, where, documents,
    /// latest death toll, last change and title.
    Events {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a store's events as a table for coders: one row an event (date and its
    /// precision, place, perpetrators with stance and source, fatalities latest / min / max,
    /// injured, arrested, sources, outlets, the sentences), or one row a figure report; or
    /// their documents for annotation tools (brat standoff, TimeML) into a folder.
    Export {
        #[command(flatten)]
        db: DbArg,
        /// Only the event with this id.
        #[arg(long)]
        event: Option<String>,
        /// `csv` to standard output; `brat` (a `.txt` and `.ann` per document, with
        /// `annotation.conf`) or `timeml` (a `.tml` per document) into `--out`.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// `events`: one row an event; `figures`: one row a figure report (`csv` only).
        #[arg(long, value_enum, default_value_t = ExportTable::Events)]
        table: ExportTable,
        /// The folder `brat` and `timeml` write into (made when missing).
        #[arg(long, required_if_eq_any = [("format", "brat"), ("format", "timeml")])]
        out: Option<PathBuf>,
    },
    /// Print one stored document as JSON.
    Show {
        id: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Full-text search over the stored documents, best match first.
    Search {
        /// Words that must all occur (accents and case are ignored).
        #[arg(required = true)]
        query: Vec<String>,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Serve the web UI and the HTTP API over the store, after ingesting any inputs.
    Serve(serve::ServeArgs),
    /// Follow folders and files as a story breaks: each new or changed article is filed as
    /// `ingest` files it, and what changed in its event's dossier is printed as change
    /// events (JSON Lines: event_new, figure_changed, conflict_new, position_new).
    Watch(watch::WatchArgs),
    /// Measure decoding, cleaning, language identification, sentences and time expressions on real
    /// corpora (by default those of ../shared/data, skipped when absent).
    Bench(bench::BenchArgs),
    /// Train the entity tagger on labelled articles (see tools/silver_labels.py).
    Train(train::TrainArgs),
    /// Publish the inputs' articles to a NATS JetStream stream for workers to file (the
    /// scale-out mode; docs/SCALE.md); exit 0 once the stream has acknowledged every one.
    Submit(scale::SubmitArgs),
    /// Pull articles from the stream, annotate them and file them into a shared store
    /// (`--db postgres://…`); as many workers as wanted, on as many machines.
    Worker(scale::WorkerArgs),
}

/// Which inputs are read, and how.
#[derive(Args)]
struct ReadArgs {
    /// Files: text (.txt), JSON records (.json, .jsonl), web pages (.html, .htm), RSS or Atom
    /// feeds (.rss, .atom, .xml) and web archives (.warc), each also gzipped (.gz);
    /// directories (read recursively); or `-` for standard input (its format sniffed).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    options: ReadOptions,
}

impl ReadArgs {
    /// Runs the pipeline over these inputs, handing each document to `sink`.
    fn run(
        &self,
        quiet: bool,
        sink: &mut dyn FnMut(crosscheck_model::Document) -> anyhow::Result<()>,
    ) -> anyhow::Result<pipeline::Tally> {
        self.options.run(&self.inputs, quiet, sink)
    }
}

/// How inputs are read.
#[derive(Args)]
struct ReadOptions {
    /// The day dates without a year are read against (YYYY-MM-DD); today by default.
    #[arg(long, value_parser = parse_date)]
    reference_date: Option<NaiveDate>,
    /// The largest document accepted, in bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "20M", value_parser = parse_size)]
    max_doc_size: usize,
    /// Threads that clean and annotate articles; all the machine's cores by default.
    #[arg(long)]
    threads: Option<usize>,
}

impl ReadOptions {
    fn run(
        &self,
        inputs: &[PathBuf],
        quiet: bool,
        sink: &mut dyn FnMut(crosscheck_model::Document) -> anyhow::Result<()>,
    ) -> anyhow::Result<pipeline::Tally> {
        let options = self.extract_options();
        let limits = Limits {
            max_document_bytes: self.max_doc_size,
        };
        pipeline::run(inputs, &limits, &options, self.threads(), quiet, sink)
    }

    fn extract_options(&self) -> Options {
        Options {
            reference_date: self
                .reference_date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        }
    }

    fn threads(&self) -> usize {
        self.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
    }
}

#[derive(Args)]
struct DbArg {
    /// The store: an SQLite file (`ingest` and `serve` create it when missing; the commands
    /// that only read it refuse a missing file), or a PostgreSQL database shared by several
    /// processes, by its URL (`postgres://USER@HOST:PORT/DATABASE`).
    #[arg(long, env = "CROSSCHECK_DB", default_value = "crosscheck.db")]
    db: String,
}

impl DbArg {
    fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        Ok(crosscheck_store::open(&self.db)?)
    }

    /// The store for a command that only reads it: a missing file is an error, never an
    /// empty store made in its place (`list --db typo.db`).
    fn open_existing(&self) -> anyhow::Result<Box<dyn Store>> {
        open_existing(&self.db)
    }

    /// The store as messages name it: a file by its path, a database without its password.
    fn name(&self) -> String {
        crosscheck_store::display_name(&self.db)
    }
}

/// Opens a store that must already exist (a database server's is made when missing: its
/// URL names a database that exists).
pub(crate) fn open_existing(name: &str) -> anyhow::Result<Box<dyn Store>> {
    if !crosscheck_store::is_postgres_url(name) && !std::path::Path::new(name).exists() {
        anyhow::bail!("no store at {name} (`crosscheck ingest INPUT --db {name}` makes one)");
    }
    Ok(crosscheck_store::open(name)?)
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Brat,
    Timeml,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportTable {
    Events,
    Figures,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: usize = digits.parse().map_err(|_| format!("not a size: {s:?}"))?;
    let factor = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        other => return Err(format!("unknown size unit {other:?} (use K, M or G)")),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("size too large: {s:?}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "debug",
        (false, _) => "trace",
    };
    // The article extractor logs every page it finds odd (broken JSON-LD, say) as a
    // warning: below -v, only its errors are shown.
    let extractor = if cli.verbose > 0 { level } else { "error" };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CROSSCHECK_LOG")
                .unwrap_or_else(|_| format!("{level},trafilatura={extractor}").into()),
        )
        .with_writer(io::stderr)
        // Colour codes only for a person reading a terminal, never in a log file.
        .with_ansi(io::stderr().is_terminal())
        .with_target(false)
        .init();
    match run(cli.command, cli.quiet) {
        Ok(code) => ExitCode::from(code),
        // `crosscheck show ID | head`: the reader has what it wanted.
        Err(e)
            if e.chain().any(|c| {
                let kind = c
                    .downcast_ref::<io::Error>()
                    .map(io::Error::kind)
                    .or_else(|| {
                        c.downcast_ref::<serde_json::Error>()
                            .and_then(serde_json::Error::io_error_kind)
                    });
                kind == Some(io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crosscheck: {}", printable(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// Runs a command; the exit code is 0 (all processed) or 1 (some inputs skipped); errors
/// are fatal (2).
fn run(command: Command, quiet: bool) -> anyhow::Result<u8> {
    match command {
        Command::Extract { read, format } => extract(&read, format, quiet),
        Command::Ingest { read, db } => ingest::run(&read, &db, quiet),
        Command::Dossier(args) => dossier::run(&args, quiet),
        Command::List {
            db,
            limit,
            offset,
            format,
        } => browse::list(&*db.open_existing()?, limit, offset, format),
        Command::Show { id, db } => browse::show(&*db.open_existing()?, &id),
        Command::Events { db, format } => browse::events(&*db.open_existing()?, format),
        Command::Export {
            db,
            event,
            format,
            table,
            out,
        } => {
            let dossiers = dossier::from_store(&*db.open_existing()?, event.as_deref(), true)?;
            if let Some(id) = event.filter(|_| dossiers.is_empty()) {
                anyhow::bail!("no event {id}");
            }
            match (format, out) {
                (ExportFormat::Csv, _) => {
                    let out = io::stdout().lock();
                    match table {
                        ExportTable::Events => crosscheck_render::export::events(out, &dossiers)?,
                        ExportTable::Figures => crosscheck_render::export::figures(out, &dossiers)?,
                    }
                }
                (format, Some(dir)) => {
                    let docs = dossiers.iter().flat_map(|(_, docs)| docs);
                    let brat = matches!(format, ExportFormat::Brat);
                    let written = standoff(docs, &dir, brat)?;
                    if !quiet {
                        eprintln!(
                            "export: {} into {}",
                            crosscheck_pipeline::counted(written, "document", "documents"),
                            dir.display()
                        );
                    }
                }
                (_, None) => anyhow::bail!("--out FOLDER is needed for brat and timeml"),
            }
            Ok(0)
        }
        Command::Search {
            query,
            db,
            limit,
            format,
        } => browse::search(&*db.open_existing()?, &query.join(" "), limit, format),
        Command::Serve(args) => serve::run(&args, quiet),
        Command::Watch(args) => watch::run(&args, quiet),
        Command::Bench(args) => bench::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Submit(args) => scale::submit(&args, quiet),
        Command::Worker(args) => scale::worker(&args, quiet),
    }
}

/// Writes each document for annotation tools into `dir` (brat's standoff, else TimeML),
/// one file name per document id (a second id of the same name gets `-2`); returns how many
/// were written.
fn standoff<'a>(
    docs: impl Iterator<Item = &'a crosscheck_model::Document>,
    dir: &std::path::Path,
    brat: bool,
) -> anyhow::Result<usize> {
    use crosscheck_render::standoff;
    let write = |name: String, text: &str| -> anyhow::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    };
    std::fs::create_dir_all(dir).with_context(|| format!("making {}", dir.display()))?;
    if brat {
        write("annotation.conf".into(), standoff::BRAT_CONF)?;
    }
    let mut used = std::collections::HashSet::new();
    let mut written = 0;
    for doc in docs {
        let stem = standoff::file_stem(&doc.id);
        let stem = (1..)
            .map(|n| {
                if n == 1 {
                    stem.clone()
                } else {
                    format!("{stem}-{n}")
                }
            })
            .find(|s| used.insert(s.to_lowercase()))
            .unwrap_or(stem);
        if brat {
            let (text, ann) = standoff::brat(doc);
            write(format!("{stem}.txt"), &text)?;
            write(format!("{stem}.ann"), &ann)?;
        } else {
            write(format!("{stem}.tml"), &standoff::timeml(doc))?;
        }
        written += 1;
    }
    Ok(written)
}

fn extract(read: &ReadArgs, format: ExtractFormat, quiet: bool) -> anyhow::Result<u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut first = true;
    if let ExtractFormat::Json = format {
        out.write_all(b"[")?;
    }
    let tally = read.run(quiet, &mut |doc| {
        match format {
            ExtractFormat::Json => {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut out, &doc)?;
            }
            ExtractFormat::Jsonl => {
                serde_json::to_writer(&mut out, &doc)?;
                out.write_all(b"\n")?;
            }
        }
        first = false;
        Ok(())
    })?;
    if let ExtractFormat::Json = format {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush().context("writing to standard output")?;
    if !quiet {
        eprintln!("extract: {}", tally.summary());
    }
    Ok(tally.exit_code())
}

/// Whether standard output is a terminal (for highlighting).
fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2 KB"), Ok(2048));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }

    #[test]
    fn command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
