//! Inputs to annotated documents, with the bookkeeping every command shares: what was
//! skipped and why (on stderr, as `path[#N]: reason`), what was ignored, and progress.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::{clean, read_inputs, InputEvent, Limits, SkipReason};
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

/// Reads, cleans and annotates every input, handing each document to `sink` in input
/// order. Skipped inputs are reported on stderr as they come.
pub fn run(
    inputs: &[PathBuf],
    limits: &Limits,
    options: &Options,
    quiet: bool,
    sink: &mut dyn FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    let progress = Progress::new(quiet);
    let mut failure = None;
    read_inputs(inputs, limits, &mut |event| {
        if failure.is_some() {
            return;
        }
        match event {
            InputEvent::Article(raw) => {
                let source = raw.source.clone();
                // Pages go through third-party extraction code: a panic there skips the
                // page, not the run.
                let cleaned = catch_unwind(AssertUnwindSafe(|| clean(*raw))).unwrap_or_else(|_| {
                    Err(SkipReason::NoArticle(
                        "internal error while extracting the article (a bug; the message above says where)".into(),
                    ))
                });
                match cleaned {
                    Ok(mut doc) => {
                        // A bug in one annotator must not cost the rest of the run: the
                        // document is reported and skipped, and what is stored stays.
                        if catch_unwind(AssertUnwindSafe(|| annotate(&mut doc, options))).is_err() {
                            tally.skipped += 1;
                            progress.report(&format!(
                                "{source}: internal error while annotating (a bug; the message above says where)"
                            ));
                            return;
                        }
                        tracing::debug!(source = %doc.source, id = %doc.id, "document");
                        tally.documents += 1;
                        progress.tick(tally.documents);
                        if let Err(e) = sink(doc) {
                            failure = Some(e);
                        }
                    }
                    Err(reason) => {
                        tally.skipped += 1;
                        progress.report(&format!("{source}: {reason}"));
                    }
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
    progress.finish();
    match failure {
        Some(e) => Err(e),
        None => Ok(tally),
    }
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
