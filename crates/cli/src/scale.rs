//! `crosscheck submit` and `crosscheck worker`: the scale-out mode, documents through NATS
//! JetStream into a shared store (see crosscheck_stream and docs/SCALE.md).

use std::path::PathBuf;

use clap::Args;
use crosscheck_ingest::Limits;
use crosscheck_stream::{
    Names, Progress, WorkerSettings, DEFAULT_ACK_WAIT, DEFAULT_CONSUMER, DEFAULT_STREAM,
};

use crate::{DbArg, ReadOptions};

#[derive(Args)]
pub struct StreamArgs {
    /// The NATS server (with JetStream enabled).
    #[arg(long, env = "CROSSCHECK_NATS", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The JetStream stream of documents (created when missing); its subject is the name in
    /// lower case with `.in` after it.
    #[arg(long, default_value = DEFAULT_STREAM)]
    stream: String,
}

impl StreamArgs {
    fn names(&self, consumer: &str) -> Names {
        Names {
            stream: self.stream.clone(),
            consumer: consumer.to_string(),
        }
    }
}

#[derive(Args)]
pub struct SubmitArgs {
    /// Files and directories, as `ingest` reads them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    stream: StreamArgs,
    /// The largest document accepted, in bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "20M", value_parser = crate::parse_size)]
    max_doc_size: usize,
}

#[derive(Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    stream: StreamArgs,
    /// The durable consumer that the workers of one stream share (created when missing).
    #[arg(long, default_value = DEFAULT_CONSUMER)]
    consumer: String,
    #[command(flatten)]
    db: DbArg,
    /// Messages pulled at a time.
    #[arg(long, default_value_t = 64)]
    batch: usize,
    /// Stop once the stream holds nothing more for the workers and every document is
    /// placed (a backfill); by default a worker waits for more until Ctrl-C or SIGTERM.
    #[arg(long)]
    drain: bool,
    /// How long a message stays with a worker unacknowledged (one killed, say) before it
    /// goes to another, in seconds; set when the consumer is created.
    #[arg(long, default_value_t = DEFAULT_ACK_WAIT.as_secs())]
    ack_wait: u64,
    #[command(flatten)]
    options: ReadOptions,
}

/// Publishes the inputs' articles; exit 0 once the stream has acknowledged every one.
pub fn submit(args: &SubmitArgs, quiet: bool) -> anyhow::Result<u8> {
    let limits = Limits {
        max_document_bytes: args.max_doc_size,
    };
    let names = args.stream.names(DEFAULT_CONSUMER);
    let submitted = crosscheck_stream::submit(
        &args.stream.nats,
        &names,
        &args.inputs,
        &limits,
        &mut |skip| eprintln!("skipped {skip}"),
    )?;
    if !quiet {
        eprintln!(
            "submit: {} acknowledged by stream {} ({} already there), {} skipped",
            submitted.published, names.stream, submitted.duplicates, submitted.skipped
        );
    }
    Ok(u8::from(submitted.skipped > 0))
}

/// Pulls, annotates and files documents until stopped (or drained).
pub fn worker(args: &WorkerArgs, quiet: bool) -> anyhow::Result<u8> {
    let store = args.db.open()?;
    let names = args.stream.names(&args.consumer);
    let settings = WorkerSettings {
        options: args.options.extract_options(),
        threads: args.options.threads(),
        batch: args.batch.max(1),
        drain: args.drain,
        ack_wait: std::time::Duration::from_secs(args.ack_wait.max(1)),
    };
    let stop = crate::watch::stop_on_signal();
    let worked = crosscheck_stream::work(
        &args.stream.nats,
        &names,
        &*store,
        &settings,
        &stop,
        &mut |progress| match progress {
            Progress::Failed(skip) => eprintln!("failed {skip} (acknowledged, not redelivered)"),
            Progress::Retrying { what, pause } => {
                eprintln!("worker: {what}; trying again in {} ms", pause.as_millis())
            }
            Progress::Stored { documents } if !quiet => {
                tracing::info!("worker: {documents} documents stored")
            }
            Progress::Placed { documents, events } if !quiet => eprintln!(
                "worker: {documents} documents placed; {events} events in {}",
                args.db.name()
            ),
            _ => {}
        },
    )?;
    if !quiet {
        eprintln!(
            "worker: {} documents stored, {} messages failed, {} documents placed",
            worked.stored, worked.failed, worked.placed
        );
    }
    Ok(u8::from(worked.failed > 0))
}
