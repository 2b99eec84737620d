//! `crosscheck bench --events SIZES`: how event clustering grows with the stream.
//!
//! The real corpora are annotated and profiled once, in publication order, and re-dated to
//! a steady rate of articles a day (the order and so the neighbourhood of each article are
//! kept; real corpora have quiet years and busy weeks, which would make a short stream
//! cheaper per article than a long one for reasons that have nothing to do with its
//! length). Streams of each size replay them, replica after replica, each replica later
//! than the one before and with new ids, so that a long stream looks like more news over
//! more time rather than the same news again. Only the clusterer is timed. Memory is what
//! the clusterer holds at the end (open events, index entries, signatures) and the growth
//! of the process's resident memory while it ran.

use std::path::PathBuf;
use std::time::Instant;

use crosscheck_events::{Clusterer, Config, Profile};

use crate::ReadOptions;

/// The stream's rate: a busy regional desk, or one topic of a national feed.
const ARTICLES_A_DAY: i32 = 20;

pub fn run(inputs: &[PathBuf], sizes: &[usize], options: &ReadOptions) -> anyhow::Result<u8> {
    let mut base: Vec<(String, Profile)> = Vec::new();
    let started = Instant::now();
    options.run(inputs, true, &mut |doc| {
        let profile = Profile::of(&doc);
        // Undated articles would never close their events; a stream has dates.
        if profile.day.is_some() {
            base.push((doc.id, profile));
        }
        Ok(())
    })?;
    if base.is_empty() {
        println!("bench: no dated article in the inputs; nothing to replay");
        return Ok(0);
    }
    base.sort_by_key(|(_, p)| p.day);
    let span = base.len().div_ceil(ARTICLES_A_DAY as usize);
    println!(
        "{} dated articles annotated in {:.1} s; replayed at {ARTICLES_A_DAY} a day, {span} days a replica",
        base.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:>8} {:>9} {:>10} {:>10} {:>8} {:>10} {:>11} {:>10}",
        "articles", "seconds", "docs/s", "events", "open", "postings", "signatures", "RSS +MB"
    );
    let mut previous: Option<(usize, f64)> = None;
    for &size in sizes {
        let rss_before = super::resident_kb();
        let mut clusterer = Clusterer::new(Config::default());
        let start = Instant::now();
        for (n, (id, profile)) in base.iter().cycle().take(size).enumerate() {
            let replica = n / base.len();
            let day = (n as i32) / ARTICLES_A_DAY;
            let mut redated = profile.clone();
            let shift = profile.day.map_or(0, |d| day - d);
            redated.day = Some(day);
            redated.event_day = profile.event_day.map(|d| d + shift);
            clusterer.add(&format!("{id}~{replica}"), &redated);
        }
        let secs = start.elapsed().as_secs_f64();
        let held = clusterer.held();
        println!(
            "{size:>8} {secs:>9.2} {:>10.0} {:>10} {:>8} {:>10} {:>11} {:>10}",
            size as f64 / secs.max(1e-9),
            held.events,
            held.open_events,
            held.postings,
            held.recent_signatures,
            super::rss_growth(rss_before),
        );
        super::print_growth(&mut previous, size, secs);
    }
    Ok(0)
}
