//! Words as the clusterer counts them, and how much each one tells.
//!
//! Terms are hashed to 64 bits with a fixed function, so that profiles kept in a store are
//! read back the same by any later run; at 64 bits, collisions in a news vocabulary are
//! negligible.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A hashed term.
pub type Term = u64;

/// FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
pub fn hash(word: &str) -> Term {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The words of `text`, lower-cased, with a plural `s` taken off; words under three
/// letters and bare numbers (counts change between reports of one event) are left out.
/// tools/build_document_frequencies.py cuts words the same way.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            let mut w = w.to_lowercase();
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w.pop();
            }
            w
        })
}

/// Document frequencies: a background count from a general news corpus, to which the
/// stream's own counts are added as documents arrive.
#[derive(Debug, Clone, Default)]
pub struct DocumentFrequencies {
    documents: u64,
    counts: HashMap<Term, u32>,
}

struct Background {
    documents: u64,
    counts: HashMap<Term, u32>,
}

static BACKGROUND: LazyLock<Background> = LazyLock::new(|| {
    let mut documents = 0;
    let mut counts = HashMap::new();
    for line in include_str!("../data/document_frequencies.tsv").lines() {
        let Some((word, count)) = line.split_once('\t') else {
            continue;
        };
        let Ok(count) = count.parse::<u32>() else {
            continue;
        };
        if word == "#documents" {
            documents = u64::from(count);
        } else {
            counts.insert(hash(word), count);
        }
    }
    Background { documents, counts }
});

impl DocumentFrequencies {
    /// Counts one more document with these distinct terms.
    pub fn add<'a>(&mut self, terms: impl IntoIterator<Item = &'a Term>) {
        self.documents += 1;
        for term in terms {
            *self.counts.entry(*term).or_insert(0) += 1;
        }
    }

    /// Smoothed inverse document frequency over the background and the stream together.
    pub fn idf(&self, term: Term) -> f32 {
        let background = &*BACKGROUND;
        let n = background.documents + self.documents;
        let df = u64::from(background.counts.get(&term).copied().unwrap_or(0))
            + u64::from(self.counts.get(&term).copied().unwrap_or(0));
        (((n + 1) as f32) / ((df + 1) as f32)).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_like_the_background_counts() {
        let w: Vec<String> = words("Putin's 137 shootings, in Crasnogorsk; it's U.S.").collect();
        assert_eq!(w, ["putin", "shooting", "crasnogorsk"]);
    }

    #[test]
    fn common_words_weigh_less_than_rare_ones() {
        let df = DocumentFrequencies::default();
        assert!(df.idf(hash("the")) < 0.1);
        assert!(df.idf(hash("said")) < df.idf(hash("earthquake")));
        assert!(df.idf(hash("crasnogorsk")) > df.idf(hash("earthquake")));
    }

    #[test]
    fn the_stream_counts_too() {
        let mut df = DocumentFrequencies::default();
        let before = df.idf(hash("crasnogorsk"));
        for _ in 0..100 {
            df.add(&[hash("crasnogorsk")]);
        }
        assert!(df.idf(hash("crasnogorsk")) < before);
    }
}
