//! `crosscheck train`: the entity tagger learned from labelled articles.
//!
//! The labels are silver ones (`tools/silver_labels.py` runs spaCy over the shared corpora)
//! or any JSON Lines of `{"text", "entities": [[start, end, "PERSON"|"ORG"|"LOCATION"|
//! "FACILITY"], ...]}` with byte offsets. Every `--holdout-every`-th article is kept out of
//! training and scored at the end (mentions: same span and type).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use crosscheck_extract::entities::{find_mentions, gold_labels, Model, Trainer};
use crosscheck_extract::segment::{sentences, tokens_in, Token};
use crosscheck_model::EntityType;
use serde::Deserialize;

#[derive(Args)]
pub struct TrainArgs {
    /// Labelled articles, JSON Lines.
    labels: PathBuf,
    /// Passes over the training articles.
    #[arg(long, default_value_t = 5)]
    epochs: usize,
    /// Every N-th article is held out for scoring.
    #[arg(long, default_value_t = 10)]
    holdout_every: usize,
    /// Where the weights go (the shipped model by default).
    #[arg(long, default_value = "crates/extract/models/ner.bin")]
    out: PathBuf,
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    entities: Vec<(usize, usize, EntityType)>,
}

/// One sentence of training data: its tokens and their gold labels.
struct Example {
    article: usize,
    tokens: Vec<Token>,
    labels: Vec<usize>,
}

pub fn run(args: &TrainArgs) -> anyhow::Result<u8> {
    let file =
        fs::File::open(&args.labels).with_context(|| format!("{}", args.labels.display()))?;
    let mut articles: Vec<Labelled> = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Labelled>(&line) {
            Ok(a) => articles.push(a),
            Err(e) => eprintln!("{}#{}: {e}", args.labels.display(), n + 1),
        }
    }
    let every = args.holdout_every.max(2);
    let mut examples = Vec::new();
    for (i, a) in articles.iter().enumerate().filter(|(i, _)| i % every != 0) {
        for (s, e) in sentences(&a.text) {
            let toks = tokens_in(&a.text, s, e);
            let labels = gold_labels(&toks, &a.entities);
            examples.push(Example {
                article: i,
                tokens: toks,
                labels,
            });
        }
    }
    eprintln!(
        "train: {} articles ({} held out), {} sentences",
        articles.len(),
        articles.len().div_ceil(every),
        examples.len()
    );
    let mut trainer = Trainer::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 2026;
    for epoch in 1..=args.epochs {
        // A fixed shuffle, so that training is reproducible.
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut errors = 0;
        let mut total = 0;
        for &k in &order {
            let ex = &examples[k];
            errors += trainer.learn(&articles[ex.article].text, &ex.tokens, &ex.labels);
            total += ex.tokens.len();
        }
        eprintln!("epoch {epoch}: {errors} of {total} tokens wrong before learning");
    }
    let model = trainer.finish();
    let bytes = model.to_bytes();
    fs::write(&args.out, &bytes).with_context(|| format!("{}", args.out.display()))?;
    eprintln!(
        "train: wrote {} ({:.1} MB)",
        args.out.display(),
        bytes.len() as f64 / 1e6
    );
    let reloaded = Model::from_bytes(&bytes)?;
    let (mut tp, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    for a in articles.iter().step_by(every) {
        let found = find_mentions(&reloaded, &a.text, &sentences(&a.text));
        gold += a.entities.len();
        predicted += found.len();
        tp += found
            .iter()
            .filter(|m| a.entities.contains(&(m.start, m.end, m.entity_type)))
            .count();
    }
    let p = tp as f64 / predicted.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    println!(
        "held out: {gold} mentions, {predicted} found, {tp} right: P {p:.3} R {r:.3} F1 {:.3}",
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    );
    Ok(0)
}
