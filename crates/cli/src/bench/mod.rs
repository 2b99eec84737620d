//! `crosscheck bench`: throughput of the document stage on real corpora.
//!
//! Each stage is timed alone over the whole corpus (best of `--repeat` runs), so that a
//! regression shows where it is: reading the inputs, cleaning (decoding, repair,
//! boilerplate, headline, language), language identification alone, sentence splitting, and
//! annotation (sentences, publication date, time expressions).

mod dossiers;
mod events;
mod pages;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use crosscheck_extract::entities::find_entities;
use crosscheck_extract::segment::sentences;
use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::{clean, identify_language, read_inputs, InputEvent, Limits, RawArticle};

use crate::ReadOptions;

/// The corpora measured when none is named: real articles of the shared data sets.
const DEFAULT_CORPORA: &[&str] = &[
    "../shared/data/giveme5w1h_news_cluster/news_cluster.jsonl",
    "../shared/data/bbc_fulltext/bbc_fulltext.jsonl",
];

#[derive(Args)]
pub struct BenchArgs {
    /// Inputs to measure (files or directories); the shared corpora by default.
    inputs: Vec<PathBuf>,
    /// Runs of each stage; the best is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Measure event clustering instead, on streams of these sizes (e.g. 1000,10000,100000)
    /// replayed from the inputs.
    #[arg(long, value_delimiter = ',')]
    events: Vec<usize>,
    /// Measure building dossiers instead, for corpora of these sizes made of replicas of the
    /// inputs' events.
    #[arg(long, value_delimiter = ',', conflicts_with = "events")]
    dossiers: Vec<usize>,
    /// Measure web-page extraction instead (page to clean document), on the inputs' pages.
    #[arg(long, conflicts_with_all = ["events", "dossiers"])]
    pages: bool,
    /// Threads for `--pages`.
    #[arg(long, default_value_t = 1, requires = "pages")]
    threads: usize,
    /// Print the `--pages` figures as one JSON object.
    #[arg(long, requires = "pages")]
    json: bool,
    #[command(flatten)]
    options: ReadOptions,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<u8> {
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() {
        DEFAULT_CORPORA
            .iter()
            .map(PathBuf::from)
            .filter(|p| p.exists())
            .collect()
    } else {
        args.inputs.clone()
    };
    if inputs.is_empty() {
        println!(
            "bench: skipped, none of the default corpora exists: {}",
            DEFAULT_CORPORA.join(", ")
        );
        return Ok(0);
    }
    if !args.events.is_empty() {
        return events::run(&inputs, &args.events, &args.options);
    }
    if !args.dossiers.is_empty() {
        return dossiers::run(&inputs, &args.dossiers, &args.options);
    }
    if args.pages {
        return pages::run(&inputs, args.repeat, args.threads, args.json);
    }
    let repeat = args.repeat.max(1);
    let limits = Limits::default();
    let (read_time, raws) = best_of(repeat, || read_all(&inputs, &limits));
    let bytes: usize = raws.iter().map(|r| r.body.byte_len()).sum();
    let (clean_time, docs) = best_of(repeat, || {
        raws.iter()
            .cloned()
            .filter_map(|r| clean(r).ok())
            .collect::<Vec<_>>()
    });
    let (language_time, _) = best_of(repeat, || {
        docs.iter()
            .filter(|d| identify_language(&d.text).is_some())
            .count()
    });
    let (split_time, sentence_count) = best_of(repeat, || {
        docs.iter().map(|d| sentences(&d.text).len()).sum::<usize>()
    });
    let options = Options {
        reference_date: chrono::Local::now().date_naive(),
    };
    let (annotate_time, expressions) = best_of(repeat, || {
        docs.iter()
            .map(|d| {
                let mut doc = d.clone();
                annotate(&mut doc, &options);
                doc.times.len()
            })
            .sum::<usize>()
    });
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let split: Vec<Vec<(usize, usize)>> = docs.iter().map(|d| sentences(&d.text)).collect();
    let (entity_time, mentions) = best_of(repeat, || {
        docs.iter()
            .zip(&split)
            .map(|(d, s)| {
                find_entities(d.language.as_deref().unwrap_or("en"), &d.text, s)
                    .iter()
                    .map(|e| e.mentions.len())
                    .sum::<usize>()
            })
            .sum::<usize>()
    });

    println!(
        "corpus: {}",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{} articles, {} documents after cleaning, {:.1} MB of bodies, {} sentences",
        raws.len(),
        docs.len(),
        mb(bytes),
        sentence_count
    );
    println!(
        "{:<22} {:>10} {:>12} {:>10}",
        "stage", "ms", "docs/s", "MB/s"
    );
    for (stage, time) in [
        ("read", read_time),
        ("clean (+language)", clean_time),
        ("language alone", language_time),
        ("sentences", split_time),
        ("annotate (+times)", annotate_time),
        ("entities alone", entity_time),
        ("total", read_time + clean_time + annotate_time),
    ] {
        let secs = time.as_secs_f64().max(1e-9);
        println!(
            "{:<22} {:>10.1} {:>12.0} {:>10.1}",
            stage,
            secs * 1e3,
            raws.len() as f64 / secs,
            mb(bytes) / secs
        );
    }
    let secs = annotate_time.as_secs_f64().max(1e-9);
    println!(
        "time expressions: {expressions} in {words} words; annotation: {:.0} expressions/s, {:.0} words/s",
        expressions as f64 / secs,
        words as f64 / secs
    );
    println!(
        "entity mentions: {mentions}; entities alone: {:.0} words/s",
        words as f64 / entity_time.as_secs_f64().max(1e-9)
    );
    if let Some(peak) = peak_memory_kb() {
        println!(
            "peak memory: {:.1} MB (all articles held, to time each stage alone)",
            peak as f64 / 1024.0
        );
    }
    Ok(0)
}

fn read_all(inputs: &[PathBuf], limits: &Limits) -> Vec<RawArticle> {
    let mut raws = Vec::new();
    read_inputs(inputs, limits, &mut |event| {
        if let InputEvent::Article(raw) = event {
            raws.push(*raw);
        }
    });
    raws
}

fn best_of<T>(repeat: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..repeat {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        result = Some(value);
    }
    // `repeat` is at least one, so a result exists; fall back to a fresh run regardless.
    (best, result.unwrap_or_else(f))
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The process's peak resident memory (Linux), in kB.
fn peak_memory_kb() -> Option<u64> {
    status_kb("VmHWM:")
}

/// The process's resident memory now (Linux), in kB.
fn resident_kb() -> Option<u64> {
    status_kb("VmRSS:")
}

/// How much resident memory grew since `before` (kB), in MB as the tables print it.
fn rss_growth(before: Option<u64>) -> String {
    resident_kb()
        .zip(before)
        .map_or("?".to_string(), |(after, before)| {
            format!("{:.1}", after.saturating_sub(before) as f64 / 1024.0)
        })
}

/// Prints how the time grew against the previous size of a scaling run, then remembers
/// this one.
fn print_growth(previous: &mut Option<(usize, f64)>, size: usize, secs: f64) {
    if let Some((n, t)) = *previous {
        println!(
            "{:>8} time ×{:.1} for articles ×{:.1}",
            "",
            secs / t.max(1e-9),
            size as f64 / n as f64
        );
    }
    *previous = Some((size, secs));
}

/// A memory figure of /proc/self/status (Linux), in kB.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(Path::new("/proc/self/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
