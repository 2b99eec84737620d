//! `crosscheck bench --dossiers SIZES`: how building dossiers grows with the articles.
//!
//! The real corpora are annotated and clustered once; a corpus of each size is then made
//! of replicas of those events (new ids), so that it holds more events of the same sizes,
//! as a longer stream does. Each event's documents are made just before its dossier is built
//! and dropped after, so memory shows what building needs, not what holding a corpus takes.
//! Only the dossiers (years, entities, figures, claims, statements, framing, timeline) are
//! timed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crosscheck_events::{resolve_years, Clusterer, Config, Profile};
use crosscheck_model::Document;

use crate::ReadOptions;

pub fn run(inputs: &[PathBuf], sizes: &[usize], options: &ReadOptions) -> anyhow::Result<u8> {
    let started = Instant::now();
    let mut docs: Vec<(Profile, Document)> = Vec::new();
    options.run(inputs, true, &mut |doc| {
        docs.push((Profile::of(&doc), doc));
        Ok(())
    })?;
    docs.sort_by_key(|(p, _)| p.day);
    let mut clusterer = Clusterer::new(Config::default());
    let mut events: Vec<(String, Vec<Document>)> = Vec::new();
    for (profile, doc) in docs {
        let event = clusterer.add(&doc.id, &profile).event;
        match events.iter_mut().rev().find(|(id, _)| *id == event) {
            Some((_, members)) => members.push(doc),
            None => events.push((event, vec![doc])),
        }
    }
    let articles: usize = events.iter().map(|(_, d)| d.len()).sum();
    if articles == 0 {
        println!("bench: no article in the inputs");
        return Ok(0);
    }
    let largest = events.iter().map(|(_, d)| d.len()).max().unwrap_or(0);
    println!(
        "{articles} articles in {} events (the largest {largest}) annotated and clustered in {:.1} s",
        events.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:>8} {:>8} {:>9} {:>10} {:>10}",
        "articles", "events", "seconds", "docs/s", "RSS +MB"
    );
    let mut previous: Option<(usize, f64)> = None;
    for &size in sizes {
        let rss_before = super::resident_kb();
        let (mut built, mut done, mut timed) = (0, 0, Duration::ZERO);
        'replicas: for replica in 0.. {
            for (id, members) in &events {
                if done >= size {
                    break 'replicas;
                }
                let mut copies: Vec<Document> = members
                    .iter()
                    .take(size - done)
                    .map(|d| {
                        let mut copy = d.clone();
                        copy.id = format!("{}~{replica}", d.id);
                        copy
                    })
                    .collect();
                done += copies.len();
                let start = Instant::now();
                resolve_years(&mut copies);
                let dossier = crosscheck_fuse::dossier(&format!("{id}~{replica}"), &copies);
                timed += start.elapsed();
                built += usize::from(!dossier.documents.is_empty());
            }
        }
        let secs = timed.as_secs_f64();
        println!(
            "{size:>8} {built:>8} {secs:>9.2} {:>10.0} {:>10}",
            size as f64 / secs.max(1e-9),
            super::rss_growth(rss_before)
        );
        super::print_growth(&mut previous, size, secs);
    }
    Ok(0)
}
