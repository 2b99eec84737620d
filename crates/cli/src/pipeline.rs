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
    // The files to read, when they are known beforehand (not standard input): what the bar
    // counts, with the time left.
    let files = if inputs.iter().any(|i| i.as_os_str() == "-") {
        0
    } else {
        crosscheck_ingest::input_files(inputs).len()
    };
    let progress = Progress::new(quiet, files);
    let mut documents = 0;
    let mut current: Option<String> = None;
    let mut files_done = 0;
    let sources: Vec<Source> = inputs.iter().cloned().map(Source::Path).collect();
    let tally = crosscheck_pipeline::run(
        &sources,
        limits,
        options,
        threads,
        &mut |skip| progress.report(&skip.to_string()),
        &mut |doc| {
            documents += 1;
            // A record's source is its file's with `#N` after it.
            let file = match doc.source.rsplit_once('#') {
                Some((file, n)) if n.bytes().all(|b| b.is_ascii_digit()) => file,
                _ => doc.source.as_str(),
            };
            if current.as_deref() != Some(file) {
                if current.is_some() {
                    files_done += 1;
                }
                current = Some(file.to_string());
            }
            progress.tick(documents, files_done);
            sink(doc)
        },
    );
    progress.finish();
    tally
}

/// A progress bar on stderr that shows itself only on a terminal, and only once a run has
/// processed enough documents for it to matter. With several files to read it counts them,
/// with the time left; else it counts documents.
struct Progress {
    bar: ProgressBar,
    enabled: bool,
    /// Whether the bar counts files (their total known) rather than documents.
    by_files: bool,
}

impl Progress {
    fn new(quiet: bool, files: usize) -> Self {
        let by_files = files > 1;
        let (bar, template) = if by_files {
            (
                ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden()),
                "{spinner} [{bar:30}] {pos}/{len} files, {msg} ({elapsed}, about {eta} left)",
            )
        } else {
            (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                "{spinner} {pos} documents ({per_sec}) {elapsed}",
            )
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            enabled: !quiet && std::io::stderr().is_terminal(),
            by_files,
        }
    }

    fn tick(&self, documents: usize, files_done: usize) {
        if self.enabled && documents == PROGRESS_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if self.by_files {
            self.bar.set_position(files_done as u64);
            self.bar.set_message(crosscheck_pipeline::counted(
                documents,
                "document",
                "documents",
            ));
        } else {
            self.bar.set_position(documents as u64);
        }
    }

    fn report(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
