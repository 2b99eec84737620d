//! Replays a labelled stream and prints, for every document and every open event it is
//! compared with, the evidence and whether the event is truly the document's: the training
//! examples of the scorer (tools/train_event_scorer.py runs this).
//!
//!     cargo run --release -p crosscheck-events --example evidence -- DOCS.jsonl LABELS.tsv [THRESHOLD...]
//!
//! With thresholds, the stream is clustered for real at each and `threshold<TAB>id<TAB>event`
//! lines are printed instead, for choosing the threshold by the clustering it gives.
//!
//! DOCS.jsonl: annotated documents (`crosscheck extract --format jsonl`); LABELS.tsv:
//! `id<TAB>event` lines. Documents are replayed as `crosscheck dossier` replays them
//! (by publication day, undated last, ids breaking ties) and each is placed in its true
//! event.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};

use crosscheck_events::{Clusterer, Config, Evidence, Profile};
use crosscheck_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(docs), Some(labels)) = (args.get(1), args.get(2)) else {
        return Err("usage: evidence DOCS.jsonl LABELS.tsv [THRESHOLD...]".into());
    };
    let thresholds: Vec<f32> = args[3..]
        .iter()
        .map(|t| t.parse())
        .collect::<Result<_, _>>()?;
    let labels: HashMap<String, String> = std::fs::read_to_string(labels)?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, event)| (id.to_string(), event.to_string()))
        .collect();
    let mut stream: Vec<(Profile, String, String)> = Vec::new();
    for line in BufReader::new(std::fs::File::open(docs)?).lines() {
        let doc: Document = serde_json::from_str(&line?)?;
        if let Some(event) = labels.get(&doc.id) {
            stream.push((Profile::of(&doc), doc.id, format!("gold:{event}")));
        }
    }
    // As the pipeline files them: dated before undated, by day, then by id.
    stream.sort_by(|(a, i, _), (b, j, _)| {
        (a.day.is_none(), a.day, i).cmp(&(b.day.is_none(), b.day, j))
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !thresholds.is_empty() {
        for threshold in thresholds {
            let config = Config {
                threshold,
                ..Config::default()
            };
            let mut clusterer = Clusterer::new(config);
            for (profile, id, _) in &stream {
                let event = clusterer.add(id, profile).event;
                writeln!(out, "{threshold}\t{id}\t{event}")?;
            }
        }
        return Ok(());
    }
    writeln!(out, "document\tsame\t{}", Evidence::NAMES.join("\t"))?;
    let mut clusterer = Clusterer::new(Config::default());
    let (mut seen, mut retrieved, mut joinable) = (HashMap::new(), 0, 0);
    for (n, (profile, id, event)) in stream.iter().enumerate() {
        let candidates = clusterer.compare_and_restore(id, profile, event);
        if seen.contains_key(event) {
            joinable += 1;
            retrieved += usize::from(candidates.iter().any(|c| &c.event == event));
        }
        seen.insert(event.clone(), ());
        for c in candidates {
            let values: Vec<String> = c
                .evidence
                .values()
                .iter()
                .map(|v| format!("{v:.4}"))
                .collect();
            writeln!(
                out,
                "{n}\t{}\t{}",
                u8::from(&c.event == event),
                values.join("\t")
            )?;
        }
    }
    eprintln!(
        "{retrieved} of {joinable} documents whose event was open found it among the candidates"
    );
    Ok(())
}
