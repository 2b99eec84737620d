//! Inputs to annotated documents, with the bookkeeping every caller shares: what was skipped
//! and why, what was ignored, and what was passed over by design.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::names::printable;
use crosscheck_ingest::{clean, read_sources, InputEvent, Limits, RawArticle, Source};
use crosscheck_model::Document;

/// What a run did with its inputs.
#[derive(Debug, Default)]
pub struct Tally {
    pub documents: usize,
    pub skipped: usize,
    /// Files in directories that are not inputs by their extension.
    pub ignored: usize,
    /// Records that hold no article by design (WARC requests, images), by kind.
    pub passed: BTreeMap<String, usize>,
}

/// `n` and its noun, singular for one: "1 document", "2 documents".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Tally {
    /// The exit code SPEC.md gives: 0 when everything was processed, 1 when something was
    /// skipped.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.skipped > 0)
    }

    pub fn summary(&self) -> String {
        let mut s = counted(self.documents, "document", "documents");
        if self.skipped > 0 {
            s += &format!(", {} skipped", self.skipped);
        }
        if self.ignored > 0 {
            s += &format!(
                ", {} ignored (not an input format)",
                counted(self.ignored, "file", "files")
            );
        }
        if !self.passed.is_empty() {
            let kinds: Vec<String> = self
                .passed
                .iter()
                .map(|(what, n)| format!("{what} {n}"))
                .collect();
            let total: usize = self.passed.values().sum();
            s += &format!(
                ", {total} records without an article ({})",
                kinds.join(", ")
            );
        }
        s
    }
}

/// An input or record that did not become a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// Path, with `#N` for the N-th record.
    pub source: String,
    pub reason: String,
}

impl fmt::Display for Skip {
    /// `path[#N]: reason`, the form SPEC.md gives for reports, on one line whatever the
    /// name or the reason holds (see [`printable`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            printable(&self.source),
            printable(&self.reason)
        )
    }
}

/// Articles cleaned and annotated together, spread over the threads: enough to keep every
/// core busy, few enough that memory stays bounded and output comes steadily.
const BATCH: usize = 128;

/// Reads, cleans and annotates every source on `threads` threads, handing each document to
/// `sink` in input order and each skipped input or record to `skipped`. An error from `sink`
/// stops the run (nothing more is read) and is returned.
pub fn run(
    inputs: &[Source],
    limits: &Limits,
    options: &Options,
    threads: usize,
    skipped: &mut dyn FnMut(Skip),
    sink: &mut dyn FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    let mut run = Run {
        options,
        threads,
        skipped,
        sink,
        batch: Vec::with_capacity(BATCH),
        tally: Tally::default(),
        failure: None,
    };
    read_sources(inputs, limits, &mut |event| run.take(event));
    run.flush();
    match run.failure {
        Some(e) => Err(e),
        None => Ok(run.tally),
    }
}

/// One run in progress: the articles waiting for their batch, and what was done so far.
struct Run<'a> {
    options: &'a Options,
    threads: usize,
    skipped: &'a mut dyn FnMut(Skip),
    sink: &'a mut dyn FnMut(Document) -> anyhow::Result<()>,
    batch: Vec<RawArticle>,
    tally: Tally,
    /// The sink's error, once it failed: nothing more is read.
    failure: Option<anyhow::Error>,
}

impl Run<'_> {
    fn take(&mut self, event: InputEvent) {
        if self.failure.is_some() {
            return;
        }
        match event {
            InputEvent::Article(raw) => {
                self.batch.push(*raw);
                if self.batch.len() == BATCH {
                    self.flush();
                }
            }
            InputEvent::Skipped { source, reason } => self.skip(Skip {
                source,
                reason: reason.to_string(),
            }),
            InputEvent::Passed { what } => *self.tally.passed.entry(what).or_default() += 1,
            InputEvent::Ignored(path) => {
                self.tally.ignored += 1;
                tracing::debug!("ignored {}", path.display());
            }
        }
    }

    /// Cleans and annotates the waiting articles, and hands on what came of each.
    fn flush(&mut self) {
        if self.failure.is_some() {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        for outcome in annotate_all(batch, self.options, self.threads) {
            match outcome {
                Ok(doc) if self.failure.is_none() => {
                    tracing::debug!(source = %doc.source, id = %doc.id, "document");
                    self.tally.documents += 1;
                    if let Err(e) = (self.sink)(doc) {
                        self.failure = Some(e);
                    }
                }
                Ok(_) => {}
                Err(skip) => self.skip(skip),
            }
        }
    }

    fn skip(&mut self, skip: Skip) {
        self.tally.skipped += 1;
        (self.skipped)(skip);
    }
}

/// The stack of each thread that cleans and annotates: third-party extraction code walks a
/// page's tree recursively. Pages nest at most 256 deep (the ingest crate refuses deeper
/// ones); this leaves a wide margin over what that needs, and costs address space only.
const WORKER_STACK: usize = 32 << 20;

/// Cleans and annotates a batch on `threads` threads of their own (with [`WORKER_STACK`],
/// whatever thread calls), each taking every `threads`-th article (neighbours in a dump are
/// often alike in size, so the load stays even); the outcomes come back in input order. A
/// panic while cleaning or annotating an article is that article's [`Skip`]: what a worker
/// of the stream, given raw articles rather than inputs, calls.
pub fn annotate_all(batch: Vec<RawArticle>, options: &Options, threads: usize) -> Vec<Outcome> {
    let threads = threads.clamp(1, batch.len().max(1));
    let total = batch.len();
    let mut lanes: Vec<Vec<(usize, RawArticle)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, raw) in batch.into_iter().enumerate() {
        lanes[i % threads].push((i, raw));
    }
    let mut outcomes: Vec<Option<Outcome>> = (0..total).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                std::thread::Builder::new()
                    .name("crosscheck-annotate".into())
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        lane.into_iter()
                            .map(|(i, raw)| (i, process(raw, options)))
                            .collect::<Vec<_>>()
                    })
            })
            .collect();
        for worker in workers {
            // `process` catches panics, so a worker only fails on a bug of this function
            // or when no thread can be started; its articles are then reported below as
            // lost, not silently dropped.
            let done = worker.ok().and_then(|w| w.join().ok()).unwrap_or_default();
            for (i, outcome) in done {
                outcomes[i] = Some(outcome);
            }
        }
    });
    outcomes
        .into_iter()
        .map(|o| {
            o.unwrap_or_else(|| {
                Err(Skip {
                    source: "(unknown)".into(),
                    reason: "an article was lost by a worker thread (a bug, or no thread could be started)".into(),
                })
            })
        })
        .collect()
}

/// A document, or why there is none.
pub type Outcome = Result<Document, Skip>;

/// One article to its annotated document. A panic in the cleaner (pages go through
/// third-party extraction code) or in an annotator skips that article, not the run.
fn process(raw: RawArticle, options: &Options) -> Outcome {
    let source = raw.source.clone();
    let skip = |reason: String| Skip {
        source: source.clone(),
        reason,
    };
    let mut doc =
        match catch_unwind(AssertUnwindSafe(|| clean(raw))) {
            Ok(Ok(doc)) => doc,
            Ok(Err(reason)) => return Err(skip(reason.to_string())),
            Err(_) => return Err(skip(
                "internal error while extracting the article (a bug; the message above says where)"
                    .into(),
            )),
        };
    if catch_unwind(AssertUnwindSafe(|| annotate(&mut doc, options))).is_err() {
        return Err(skip(
            "internal error while annotating (a bug; the message above says where)".into(),
        ));
    }
    Ok(doc)
}
