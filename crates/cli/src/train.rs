//! `crosscheck train`: the entity tagger of one language learned from labelled articles.
//!
//! The labels are silver ones (`tools/silver_labels.py` runs spaCy over the shared corpora),
//! hand-made ones (`tools/eval/ner_sets.py`: NEREL, WiNER) or any JSON Lines of `{"text",
//! "entities": [[start, end, "PERSON"|"ORG"|"LOCATION"|"FACILITY"], ...]}` with byte
//! offsets. Every `--holdout-every`-th article is kept out of training and scored at the end
//! (mentions: same span and type), and so is every article of `--test`, type by type.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use crosscheck_extract::entities::{
    find_mentions, gold_labels, tagging_tokens, DocumentWords, Model, Trainer,
};
use crosscheck_extract::segment::{sentences, Token};
use crosscheck_model::EntityType;
use serde::Deserialize;

#[derive(Args)]
pub struct TrainArgs {
    /// Labelled articles, JSON Lines.
    labels: PathBuf,
    /// Passes over the training articles.
    #[arg(long, default_value_t = 5)]
    epochs: usize,
    /// Every N-th article is held out for scoring (0: none).
    #[arg(long, default_value_t = 10)]
    holdout_every: usize,
    /// The language of the articles: the shipped model it replaces by default.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Where the weights go (default: `crates/extract/models/ner-LANG.bin`, the shipped one).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Labelled articles of a separate test set, scored type by type after training.
    #[arg(long)]
    test: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    entities: Vec<(usize, usize, EntityType)>,
}

/// One sentence of training data: its article, its place there and its gold labels.
struct Example {
    article: usize,
    sentence: usize,
    labels: Vec<usize>,
}

/// The labelled articles of a JSON Lines file; a bad line is reported and skipped.
fn read_labelled(path: &Path) -> anyhow::Result<Vec<Labelled>> {
    let file = fs::File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut articles: Vec<Labelled> = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Labelled>(&line) {
            Ok(a) => articles.push(a),
            Err(e) => eprintln!("{}#{}: {e}", path.display(), n + 1),
        }
    }
    Ok(articles)
}

pub fn run(args: &TrainArgs) -> anyhow::Result<u8> {
    let articles = read_labelled(&args.labels)?;
    let held_out = |i: usize| args.holdout_every > 0 && i.is_multiple_of(args.holdout_every.max(2));
    // The tokens of each sentence of each training article, and what each article says of
    // its words (held-out articles have none here).
    let tokens: Vec<Vec<Vec<Token>>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if held_out(i) {
                return Vec::new();
            }
            sentences(&a.text)
                .into_iter()
                .map(|(s, e)| tagging_tokens(&args.lang, &a.text, s, e))
                .collect()
        })
        .collect();
    let contexts: Vec<DocumentWords> = articles
        .iter()
        .zip(&tokens)
        .map(|(a, toks)| DocumentWords::of(&a.text, toks))
        .collect();
    let mut examples = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for (k, toks) in tokens[i].iter().enumerate() {
            examples.push(Example {
                article: i,
                sentence: k,
                labels: gold_labels(toks, &a.entities),
            });
        }
    }
    eprintln!(
        "train: {} articles ({} held out), {} sentences",
        articles.len(),
        (0..articles.len()).filter(|&i| held_out(i)).count(),
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
            let toks = &tokens[ex.article][ex.sentence];
            errors += trainer.learn(
                &articles[ex.article].text,
                toks,
                &ex.labels,
                &contexts[ex.article],
            );
            total += toks.len();
        }
        eprintln!("epoch {epoch}: {errors} of {total} tokens wrong before learning");
    }
    let model = trainer.finish();
    let bytes = model.to_bytes();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("crates/extract/models/ner-{}.bin", args.lang)));
    fs::write(&out, &bytes).with_context(|| format!("{}", out.display()))?;
    eprintln!(
        "train: wrote {} ({:.1} MB)",
        out.display(),
        bytes.len() as f64 / 1e6
    );
    let reloaded = Model::from_bytes(&bytes)?;
    let held: Vec<&Labelled> = (0..articles.len())
        .filter(|&i| held_out(i))
        .map(|i| &articles[i])
        .collect();
    if !held.is_empty() {
        let tally = score(&args.lang, &reloaded, &held, |t| t);
        println!("held out: {}", tally.line(None));
    }
    if let Some(path) = &args.test {
        let test = read_labelled(path)?;
        let test: Vec<&Labelled> = test.iter().collect();
        // A facility is scored as a place: WiNER and NER-UK do not tell them apart.
        let tally = score(&args.lang, &reloaded, &test, |t| match t {
            EntityType::Facility => EntityType::Location,
            t => t,
        });
        println!("{}: {} articles", path.display(), test.len());
        for t in [EntityType::Person, EntityType::Org, EntityType::Location] {
            println!("  {t:?}: {}", tally.line(Some(t)));
        }
        println!("  all: {}", tally.line(None));
    }
    Ok(0)
}

/// Mentions of the gold labels, of the tagger, and right (same span and type), per type.
#[derive(Default)]
struct Tally(Vec<(EntityType, usize, usize, usize)>);

impl Tally {
    fn add(&mut self, t: EntityType, gold: usize, found: usize, right: usize) {
        match self.0.iter_mut().find(|x| x.0 == t) {
            Some(x) => (x.1, x.2, x.3) = (x.1 + gold, x.2 + found, x.3 + right),
            None => self.0.push((t, gold, found, right)),
        }
    }

    /// "N mentions, M found, K right: P R F1", of one type or of all.
    fn line(&self, only: Option<EntityType>) -> String {
        let (gold, found, right) = self
            .0
            .iter()
            .filter(|x| only.is_none_or(|t| t == x.0))
            .fold((0, 0, 0), |a, x| (a.0 + x.1, a.1 + x.2, a.2 + x.3));
        let p = right as f64 / found.max(1) as f64;
        let r = right as f64 / gold.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!("{gold} mentions, {found} found, {right} right: P {p:.3} R {r:.3} F1 {f1:.3}")
    }
}

/// The tagger's mentions of `articles` against their labels, types read through `class`.
fn score(
    language: &str,
    model: &Model,
    articles: &[&Labelled],
    class: impl Fn(EntityType) -> EntityType,
) -> Tally {
    let mut tally = Tally::default();
    for a in articles {
        let gold: Vec<(usize, usize, EntityType)> = a
            .entities
            .iter()
            .map(|&(s, e, t)| (s, e, class(t)))
            .collect();
        let found: Vec<(usize, usize, EntityType)> =
            find_mentions(language, model, &a.text, &sentences(&a.text))
                .iter()
                .map(|m| (m.start, m.end, class(m.entity_type)))
                .collect();
        for t in [
            EntityType::Person,
            EntityType::Org,
            EntityType::Location,
            EntityType::Facility,
        ] {
            let right = found
                .iter()
                .filter(|m| m.2 == t && gold.contains(m))
                .count();
            tally.add(
                t,
                gold.iter().filter(|m| m.2 == t).count(),
                found.iter().filter(|m| m.2 == t).count(),
                right,
            );
        }
    }
    tally
}
