//! Streaming assignment of documents to events.
//!
//! Each document is compared with the open events that share its most telling words (an
//! inverted index over those words, read from the newest postings back, bounds the work
//! per document) and joins the most similar one, or founds a new event. Similarity is the
//! cosine between the document's TF-IDF vector and the event's centroid, discounted by the
//! days between them and by a disagreement on the day the event happened: two shootings
//! worded alike, in different places on different days, stay apart. Nothing is ever
//! re-clustered: a decision, once made, stands, as it must for a store that users read while
//! it grows. Events with no document for a while close, and their state is dropped, so
//! memory is bounded by the events open at once, not by the length of the stream.

use std::collections::{HashMap, HashSet};

use crosscheck_model::Document;
use sha2::{Digest, Sha256};

use crate::duplicates::{CopyIndex, Original};
use crate::profile::Profile;
use crate::terms::{DocumentFrequencies, Term};
use crate::years::resolve_year;

/// How the clusterer decides.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The similarity at which a document joins an event.
    pub threshold: f32,
    /// Days without a new document after which an event closes; also the furthest a
    /// document may be from an event's days and still join it.
    pub window_days: i32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.25,
            window_days: 30,
        }
    }
}

/// Terms kept in a document's vector: the rest weigh too little to change a cosine.
const DOCUMENT_TERMS: usize = 100;
/// Terms kept in an event's centroid.
const CENTROID_TERMS: usize = 300;
/// A document's terms that look up candidate events.
const QUERY_TERMS: usize = 20;
/// The newest postings read per query term: old events in a long posting list are closed.
const POSTINGS_READ: usize = 200;
/// Days between a document and an event at which the similarity is not yet discounted.
const SAME_DAYS: i32 = 2;
/// Event days further apart than this are different events.
const EVENT_DAY_TOLERANCE: i32 = 1;
const EVENT_DAY_MISMATCH: f32 = 0.6;
/// Documents between two sweeps for closed events.
const SWEEP_EVERY: usize = 512;

/// Where a document went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub event: String,
    /// The document it is a syndicated copy of.
    pub duplicate_of: Option<String>,
    /// Whether the document founded the event.
    pub founded: bool,
}

struct Event {
    id: String,
    centroid: HashMap<Term, f32>,
    norm: f32,
    first_day: Option<i32>,
    last_day: Option<i32>,
    event_days: Vec<i32>,
    closed: bool,
}

impl Event {
    fn new(id: String) -> Self {
        Event {
            id,
            centroid: HashMap::new(),
            norm: 0.0,
            first_day: None,
            last_day: None,
            event_days: Vec::new(),
            closed: false,
        }
    }

    fn cosine(&self, vector: &[(Term, f32)]) -> f32 {
        if self.norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = vector
            .iter()
            .filter_map(|(t, w)| self.centroid.get(t).map(|c| c * w))
            .sum();
        dot / self.norm
    }

    /// Days from `day` to the span of days the event's documents were published on.
    fn gap(&self, day: i32) -> Option<i32> {
        let (first, last) = (self.first_day?, self.last_day?);
        Some(if day < first {
            first - day
        } else {
            day.saturating_sub(last).max(0)
        })
    }

    fn absorb(&mut self, vector: &[(Term, f32)], profile: &Profile) {
        for (t, w) in vector {
            *self.centroid.entry(*t).or_insert(0.0) += w;
        }
        if self.centroid.len() > CENTROID_TERMS {
            let mut weights: Vec<f32> = self.centroid.values().copied().collect();
            weights.select_nth_unstable_by(CENTROID_TERMS, |a, b| b.total_cmp(a));
            let cut = weights[CENTROID_TERMS];
            self.centroid.retain(|_, w| *w > cut);
        }
        self.norm = self.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        if let Some(day) = profile.day {
            self.first_day = Some(self.first_day.map_or(day, |d| d.min(day)));
            self.last_day = Some(self.last_day.map_or(day, |d| d.max(day)));
        }
        if let Some(day) = profile.event_day {
            if !self.event_days.contains(&day) && self.event_days.len() < 8 {
                self.event_days.push(day);
            }
        }
    }

    fn close(&mut self) {
        self.closed = true;
        self.centroid = HashMap::new();
    }
}

/// What a clusterer holds, for benchmarks and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// Events that can still take documents, with their centroids.
    pub open_events: usize,
    /// All events, closed ones as a name only.
    pub events: usize,
    /// Entries of the inverted index over open events.
    pub postings: usize,
    /// Signatures kept for finding copies.
    pub recent_signatures: usize,
}

/// The incremental clusterer.
pub struct Clusterer {
    config: Config,
    frequencies: DocumentFrequencies,
    events: Vec<Event>,
    by_id: HashMap<String, usize>,
    postings: HashMap<Term, Vec<u32>>,
    copies: CopyIndex,
    /// The latest publication day seen: the stream's present.
    today: Option<i32>,
    added: usize,
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            frequencies: DocumentFrequencies::default(),
            events: Vec::new(),
            by_id: HashMap::new(),
            postings: HashMap::new(),
            copies: CopyIndex::default(),
            today: None,
            added: 0,
        }
    }

    /// Places a new document: with the document it copies, in the most similar open event,
    /// or in a new event it founds.
    pub fn add(&mut self, id: &str, profile: &Profile) -> Assignment {
        let vector = self.vector(profile);
        let original = profile
            .signature
            .as_ref()
            .and_then(|s| self.copies.original_of(s))
            .filter(|o| !self.events[o.event].closed)
            .cloned();
        let (event, duplicate_of) = match original {
            Some(o) => (Some(o.event), Some(o.id)),
            None => (self.best_event(&vector, profile), None),
        };
        let founded = event.is_none();
        let event = event.unwrap_or_else(|| self.found(id));
        self.place(id, event, &vector, profile);
        Assignment {
            event: self.events[event].id.clone(),
            duplicate_of,
            founded,
        }
    }

    /// Puts back a document whose event was decided by an earlier run (from a store).
    pub fn restore(&mut self, id: &str, profile: &Profile, event_id: &str) {
        let vector = self.vector(profile);
        let event = match self.by_id.get(event_id) {
            Some(&e) => e,
            None => {
                let e = self.events.len();
                self.events.push(Event::new(event_id.to_string()));
                self.by_id.insert(event_id.to_string(), e);
                e
            }
        };
        self.place(id, event, &vector, profile);
    }

    /// Places a new document (see [`Clusterer::add`]), marks it as the copy it is, and gives
    /// it the year of its event if it has none; returns where it went and its profile.
    pub fn add_document(&mut self, doc: &mut Document) -> (Assignment, Profile) {
        let profile = Profile::of(doc);
        let assignment = self.add(&doc.id, &profile);
        doc.duplicate_of.clone_from(&assignment.duplicate_of);
        if let Some(day) = self.event_day(&assignment.event) {
            resolve_year(doc, day);
        }
        (assignment, profile)
    }

    /// The first publication day of an event's documents, where one is dated.
    pub fn event_day(&self, event: &str) -> Option<i32> {
        self.by_id
            .get(event)
            .and_then(|&e| self.events[e].first_day)
    }

    /// How much the clusterer holds now: its memory grows with these, not with the stream.
    pub fn held(&self) -> Held {
        Held {
            open_events: self.events.iter().filter(|e| !e.closed).count(),
            events: self.events.len(),
            postings: self.postings.values().map(Vec::len).sum(),
            recent_signatures: self.copies.len(),
        }
    }

    /// The document's unit TF-IDF vector over its strongest terms; counting the document in
    /// the frequencies first, so that its own words are never infinitely rare.
    fn vector(&mut self, profile: &Profile) -> Vec<(Term, f32)> {
        self.frequencies.add(profile.terms.iter().map(|(t, _)| t));
        let mut vector: Vec<(Term, f32)> = profile
            .terms
            .iter()
            .map(|&(t, count)| (t, (1.0 + count.ln()) * self.frequencies.idf(t)))
            .filter(|(_, w)| *w > 0.0)
            .collect();
        vector.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vector.truncate(DOCUMENT_TERMS);
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut vector {
                *w /= norm;
            }
        }
        vector
    }

    fn best_event(&self, vector: &[(Term, f32)], profile: &Profile) -> Option<usize> {
        let mut seen = HashSet::new();
        let mut best: Option<(f32, usize)> = None;
        for (term, _) in vector.iter().take(QUERY_TERMS) {
            let Some(postings) = self.postings.get(term) else {
                continue;
            };
            for &e in postings.iter().rev().take(POSTINGS_READ) {
                let e = e as usize;
                if !seen.insert(e) || self.events[e].closed {
                    continue;
                }
                let Some(score) = self.score(&self.events[e], vector, profile) else {
                    continue;
                };
                if score >= self.config.threshold && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, e));
                }
            }
        }
        best.map(|(_, e)| e)
    }

    /// The similarity of a document to an event, or `None` when they are too far apart in
    /// time to be one event.
    fn score(&self, event: &Event, vector: &[(Term, f32)], profile: &Profile) -> Option<f32> {
        let mut score = event.cosine(vector);
        if let Some(gap) = profile.day.and_then(|d| event.gap(d)) {
            if gap > self.config.window_days {
                return None;
            }
            score /= 1.0 + (gap - SAME_DAYS).max(0) as f32 / 7.0;
        }
        if let Some(day) = profile.event_day {
            let near = |d: &i32| (d - day).abs() <= EVENT_DAY_TOLERANCE;
            if !event.event_days.is_empty() && !event.event_days.iter().any(near) {
                score *= EVENT_DAY_MISMATCH;
            }
        }
        Some(score)
    }

    fn found(&mut self, founder: &str) -> usize {
        let digest = Sha256::digest(founder.as_bytes());
        let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        let mut id = format!("ev-{hex}");
        while self.by_id.contains_key(&id) {
            id.push('x');
        }
        let e = self.events.len();
        self.events.push(Event::new(id.clone()));
        self.by_id.insert(id, e);
        e
    }

    fn place(&mut self, id: &str, event: usize, vector: &[(Term, f32)], profile: &Profile) {
        self.events[event].closed = false;
        self.events[event].absorb(vector, profile);
        for (term, _) in vector.iter().take(QUERY_TERMS) {
            let postings = self.postings.entry(*term).or_default();
            if postings.last() != Some(&(event as u32)) {
                postings.push(event as u32);
            }
        }
        if let Some(signature) = &profile.signature {
            let original = Original {
                id: id.to_string(),
                event,
            };
            self.copies.insert(original, signature.clone(), profile.day);
        }
        if let Some(day) = profile.day {
            self.today = Some(self.today.map_or(day, |t| t.max(day)));
        }
        self.added += 1;
        if self.added % SWEEP_EVERY == 0 {
            self.sweep();
        }
    }

    /// Closes the events that have gone quiet and forgets what only they needed.
    fn sweep(&mut self) {
        let Some(today) = self.today else {
            return;
        };
        let oldest = today - self.config.window_days;
        for event in &mut self.events {
            if !event.closed && event.last_day.is_some_and(|d| d < oldest) {
                event.close();
            }
        }
        let events = &self.events;
        self.postings.retain(|_, postings| {
            postings.retain(|&e| !events[e as usize].closed);
            !postings.is_empty()
        });
        self.copies.forget_before(oldest);
    }
}
