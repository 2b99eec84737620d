//! Inputs to annotated documents on the command line: the shared pipeline
//! ([`crosscheck_pipeline::run`]) with skipped inputs reported on stderr as
//! `path[#N]: reason`, and a progress bar on long runs.

use std::io::IsTerminal;
use std::path::PathBuf;

use crosscheck_extract::Options;
use crosscheck_ingest::{Limits, Source};
use crosscheck_model::Document;
pub use crosscheck_pipeline::Tally;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents processed before a progress bar appears: small runs stay silent.
const PROGRESS_AFTER: usize = 300;

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
    let progress = Progress::new(quiet);
    let mut documents = 0;
    let sources: Vec<Source> = inputs.iter().cloned().map(Source::Path).collect();
    let tally = crosscheck_pipeline::run(
        &sources,
        limits,
        options,
        threads,
        &mut |skip| progress.report(&skip.to_string()),
        &mut |doc| {
            documents += 1;
            progress.tick(documents);
            sink(doc)
        },
    );
    progress.finish();
    tally
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
