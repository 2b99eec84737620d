//! Inputs to annotated documents, with the bookkeeping every command shares: what was
//! skipped and why (on stderr, as `path[#N]: reason`), what was ignored, and progress.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::{clean, read_inputs, InputEvent, Limits, RawArticle};
use crosscheck_model::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents processed before a progress bar appears: small runs stay silent.
const PROGRESS_AFTER: usize = 300;

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

impl Tally {
    /// The exit code SPEC.md gives: 0 when everything was processed, 1 when something was
    /// skipped.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.skipped > 0)
    }

    pub fn summary(&self) -> String {
        let mut s = format!("{} documents", self.documents);
        if self.skipped > 0 {
            s += &format!(", {} skipped", self.skipped);
        }
        if self.ignored > 0 {
            s += &format!(", {} files ignored (not an input format)", self.ignored);
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

/// Articles cleaned and annotated together, spread over the threads: enough to keep every
/// core busy, few enough that memory stays bounded and output comes steadily.
const BATCH: usize = 128;

/// Reads, cleans and annotates every input on `threads` threads, handing each document to
/// `sink` in input order. Skipped inputs are reported on stderr as they come.
pub fn run(
    inputs: &[PathBuf],
    limits: &Limits,
    options: &Options,
    threads: usize,
    quiet: bool,
    sink: &mut dyn FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    let progress = Progress::new(quiet);
    let mut failure = None;
    let mut batch: Vec<RawArticle> = Vec::with_capacity(BATCH);
    let mut flush =
        |batch: &mut Vec<RawArticle>, tally: &mut Tally, failure: &mut Option<anyhow::Error>| {
            for outcome in process_all(std::mem::take(batch), options, threads) {
                match outcome {
                    Ok(doc) if failure.is_none() => {
                        tracing::debug!(source = %doc.source, id = %doc.id, "document");
                        tally.documents += 1;
                        progress.tick(tally.documents);
                        if let Err(e) = sink(doc) {
                            *failure = Some(e);
                        }
                    }
                    Ok(_) => {}
                    Err(report) => {
                        tally.skipped += 1;
                        progress.report(&report);
                    }
                }
            }
        };
    read_inputs(inputs, limits, &mut |event| {
        if failure.is_some() {
            return;
        }
        match event {
            InputEvent::Article(raw) => {
                batch.push(*raw);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut tally, &mut failure);
                }
            }
            InputEvent::Skipped { source, reason } => {
                tally.skipped += 1;
                progress.report(&format!("{source}: {reason}"));
            }
            InputEvent::Passed { what } => {
                *tally.passed.entry(what).or_default() += 1;
            }
            InputEvent::Ignored(path) => {
                tally.ignored += 1;
                tracing::debug!("ignored {}", path.display());
            }
        }
    });
    if failure.is_none() {
        flush(&mut batch, &mut tally, &mut failure);
    }
    progress.finish();
    match failure {
        Some(e) => Err(e),
        None => Ok(tally),
    }
}

/// Cleans and annotates a batch on `threads` threads, each taking every `threads`-th article
/// (neighbours in a dump are often alike in size, so the load stays even); the outcomes come
/// back in input order.
fn process_all(batch: Vec<RawArticle>, options: &Options, threads: usize) -> Vec<Outcome> {
    let threads = threads.clamp(1, batch.len().max(1));
    if threads == 1 {
        return batch.into_iter().map(|raw| process(raw, options)).collect();
    }
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
                scope.spawn(move || {
                    lane.into_iter()
                        .map(|(i, raw)| (i, process(raw, options)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // `process` catches panics, so a worker only fails on a bug of this function;
            // its articles are then reported below as lost, not silently dropped.
            for (i, outcome) in worker.join().unwrap_or_default() {
                outcomes[i] = Some(outcome);
            }
        }
    });
    outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err("an article was lost by a worker thread (a bug)".into())))
        .collect()
}

/// A document, or the `source: reason` line that reports why there is none.
type Outcome = Result<Document, String>;

/// One article to its annotated document. A panic in the cleaner (pages go through
/// third-party extraction code) or in an annotator skips that article, not the run.
fn process(raw: RawArticle, options: &Options) -> Outcome {
    let source = raw.source.clone();
    let mut doc = match catch_unwind(AssertUnwindSafe(|| clean(raw))) {
        Ok(Ok(doc)) => doc,
        Ok(Err(reason)) => return Err(format!("{source}: {reason}")),
        Err(_) => {
            return Err(format!(
                "{source}: internal error while extracting the article (a bug; the message above says where)"
            ))
        }
    };
    if catch_unwind(AssertUnwindSafe(|| annotate(&mut doc, options))).is_err() {
        return Err(format!(
            "{source}: internal error while annotating (a bug; the message above says where)"
        ));
    }
    Ok(doc)
}

/// A progress bar on stderr that shows itself only on a terminal, and only once a run has
/// processed enough documents for it to matter.
struct Progress {
    bar: ProgressBar,
    enabled: bool,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {elapsed}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            enabled: !quiet && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self, documents: usize) {
        if self.enabled && documents == PROGRESS_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(documents as u64);
    }

    fn report(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
