//! `crosscheck bench --pages`: how fast web pages become clean documents (charset, article
//! body, metadata, then the cleaner), the pages read into memory first so that only the
//! extraction is timed. Its JSON line is what `tools/eval/web_speed.py` compares with
//! Python trafilatura on the same pages.

use std::path::PathBuf;
use std::time::Instant;

use crosscheck_ingest::{clean, Limits, RawArticle};

use super::{mb, read_all};

/// Times page extraction over `inputs` on `threads` threads (the best of `repeat` runs).
pub fn run(inputs: &[PathBuf], repeat: usize, threads: usize, json: bool) -> anyhow::Result<u8> {
    let pages = read_all(inputs, &Limits::default());
    anyhow::ensure!(
        !pages.is_empty(),
        "bench --pages: no page to read in the inputs"
    );
    let bytes: usize = pages.iter().map(|p| p.body.byte_len()).sum();
    let threads = threads.max(1);
    let mut best = f64::MAX;
    let mut extracted = 0;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        extracted = extract_all(&pages, threads);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let seconds = best.max(1e-9);
    let pages_per_s = pages.len() as f64 / seconds;
    let mb_per_s = mb(bytes) / seconds;
    if json {
        println!(
            "{}",
            serde_json::json!({
                "pages": pages.len(),
                "documents": extracted,
                "bytes": bytes,
                "threads": threads,
                "seconds": seconds,
                "pages_per_s": pages_per_s,
                "mb_per_s": mb_per_s,
            })
        );
    } else {
        println!(
            "{} pages ({:.1} MB), {extracted} with an article, {threads} thread(s): {:.2} s, {pages_per_s:.1} pages/s, {mb_per_s:.1} MB/s",
            pages.len(),
            mb(bytes),
            seconds
        );
    }
    Ok(0)
}

/// Cleans every page, split evenly across `threads`; returns how many gave a document.
fn extract_all(pages: &[RawArticle], threads: usize) -> usize {
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|page| clean((*page).clone()).is_ok())
                        .count()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    })
}
