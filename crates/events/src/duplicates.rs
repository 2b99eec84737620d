//! Syndicated copies: MinHash signatures over word shingles, found through banded
//! locality-sensitive hashing.
//!
//! A wire story re-sent by several outlets, re-headlined, trimmed or updated ("60 killed" →
//! "toll rises to 137") keeps most of its five-word shingles; two independent articles on
//! one incident share names and a few phrases, not runs of five words. The bands find
//! candidates in constant time per document; the estimated Jaccard similarity of the whole
//! signatures decides.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::terms::hash;

/// Hash functions per signature: the Jaccard estimate's standard error is about 0.06.
const HASHES: usize = 64;
/// Bands of `HASHES / BANDS` rows: pairs at Jaccard 0.5 meet in some band 98% of the time,
/// pairs at 0.2 in 2.5%.
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Texts with fewer shingles than this are too short to call copies.
const MIN_SHINGLES: usize = 40;
/// The estimated Jaccard similarity above which one text is a copy of the other.
pub const COPY_SIMILARITY: f32 = 0.5;

/// The MinHash signature of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The signature of `text`'s word shingles, or `None` when the text is too short.
    pub fn of(text: &str) -> Option<Signature> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < SHINGLE + MIN_SHINGLES - 1 {
            return None;
        }
        let mut mins = vec![u32::MAX; HASHES];
        for shingle in words.windows(SHINGLE) {
            let base = hash(&shingle.join(" "));
            for (i, min) in mins.iter_mut().enumerate() {
                let h = (mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                *min = (*min).min(h);
            }
        }
        Some(Signature(mins))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / HASHES as f32
    }

    fn band(&self, band: usize) -> u64 {
        let rows = &self.0[band * ROWS..(band + 1) * ROWS];
        rows.iter().fold(band as u64, |h, r| mix(h ^ u64::from(*r)))
    }
}

/// splitmix64's finalizer: one well-mixed hash per (shingle, function) pair.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A document the index can name as the original of a later copy.
#[derive(Debug, Clone)]
pub struct Original {
    pub id: String,
    /// Where the copies of this document are placed: its event.
    pub event: usize,
}

struct Entry {
    original: Original,
    signature: Signature,
    day: Option<i32>,
}

/// The signatures of the recent documents, by band. Documents leave it in arrival order
/// once they are older than the window, so memory stays bounded on an endless stream.
#[derive(Default)]
pub struct CopyIndex {
    entries: VecDeque<Entry>,
    /// Sequence number of `entries[0]`.
    first: usize,
    buckets: HashMap<u64, Vec<usize>>,
}

impl CopyIndex {
    /// The document `signature` is a copy of, if any: the most similar one, the earliest on
    /// ties. A copy of a copy names the first document.
    pub fn original_of(&self, signature: &Signature) -> Option<&Original> {
        let mut best: Option<(f32, usize)> = None;
        for band in 0..BANDS {
            let Some(seqs) = self.buckets.get(&signature.band(band)) else {
                continue;
            };
            for &seq in seqs {
                let Some(entry) = seq
                    .checked_sub(self.first)
                    .and_then(|i| self.entries.get(i))
                else {
                    continue;
                };
                let similarity = entry.signature.similarity(signature);
                if similarity >= COPY_SIMILARITY
                    && best.is_none_or(|(s, b)| similarity > s || (similarity == s && seq < b))
                {
                    best = Some((similarity, seq));
                }
            }
        }
        best.and_then(|(_, seq)| self.entries.get(seq - self.first))
            .map(|e| &e.original)
    }

    pub fn insert(&mut self, original: Original, signature: Signature, day: Option<i32>) {
        let seq = self.first + self.entries.len();
        for band in 0..BANDS {
            self.buckets
                .entry(signature.band(band))
                .or_default()
                .push(seq);
        }
        self.entries.push_back(Entry {
            original,
            signature,
            day,
        });
    }

    /// Forgets documents older than `oldest` (a day number), from the front: the stream
    /// comes roughly in date order, so this bounds the index without a full scan.
    pub fn forget_before(&mut self, oldest: i32) {
        let before = self.first;
        while let Some(front) = self.entries.front() {
            if front.day.is_some_and(|d| d < oldest) {
                self.entries.pop_front();
                self.first += 1;
            } else {
                break;
            }
        }
        if self.first > before {
            let first = self.first;
            self.buckets.retain(|_, seqs| {
                seqs.retain(|&s| s >= first);
                !seqs.is_empty()
            });
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "Gunmen opened fire on concertgoers at the Crocus City Hall near Moscow on \
        Friday evening, killing at least 60 people and wounding more than 100 others, before \
        setting the building on fire, officials said. The Islamic State group claimed \
        responsibility for the attack in a statement posted on its news agency. Russian \
        officials said eleven people had been detained, including four suspected gunmen. \
        President Vladimir Putin declared a national day of mourning on Sunday and vowed that \
        everyone behind the attack would be punished, while rescuers searched the ruins.";

    fn original(id: &str) -> Original {
        Original {
            id: id.to_string(),
            event: 0,
        }
    }

    #[test]
    fn an_updated_copy_is_found_and_an_independent_story_is_not() {
        let mut index = CopyIndex::default();
        index.insert(original("wire"), Signature::of(STORY).unwrap(), Some(1));
        let updated = STORY
            .replace("at least 60", "137")
            .replace("Friday evening", "Friday");
        let copy = Signature::of(&format!("Toll rises. {updated}")).unwrap();
        assert_eq!(
            index.original_of(&copy).map(|o| o.id.as_str()),
            Some("wire")
        );
        let other = "A man was shot dead outside a bar in Chicago early on Sunday, police \
            said, and two other people were wounded in the shooting, which followed an \
            argument; no arrests have been made and the investigation continues, officers said. \
            Neighbours told reporters they had heard several shots shortly after two in the \
            morning and that the bar had been the scene of fights before this year.";
        assert!(index.original_of(&Signature::of(other).unwrap()).is_none());
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(Signature::of("Five killed in blast.").is_none());
    }

    #[test]
    fn old_documents_are_forgotten() {
        let mut index = CopyIndex::default();
        index.insert(original("old"), Signature::of(STORY).unwrap(), Some(1));
        index.insert(original("new"), Signature::of(STORY).unwrap(), Some(40));
        index.forget_before(10);
        assert_eq!(index.len(), 1);
        let found = index.original_of(&Signature::of(STORY).unwrap());
        assert_eq!(found.map(|o| o.id.as_str()), Some("new"));
    }
}
