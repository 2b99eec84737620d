//! Streaming assignment of documents to events.
//!
//! Each document is compared with the open events that share its most telling words (an
//! inverted index over those words, read from the newest postings back, bounds the work
//! per document). For each candidate the clusterer gathers [`Evidence`] — TF-IDF cosines to
//! the event's centroid and to its latest members, the headline words and the names they
//! share, the days between them and whether they agree on the day the event happened — and
//! a logistic scorer learnt from labelled streams (`data/scorer.tsv`, written by
//! tools/train_event_scorer.py) turns it into the probability that they report one event.
//! The document joins the most probable event above the scorer's threshold, or founds a new
//! one. Nothing is ever re-clustered: a decision, once made, stands, as it must for a store
//! that users read while it grows. Events with no document for a while close and their
//! state is dropped, so memory is bounded by the events open at once, not by the length of
//! the stream.

use std::collections::{HashMap, VecDeque};
use std::sync::LazyLock;

use crosscheck_model::Document;
use sha2::{Digest, Sha256};

use crate::duplicates::{CopyIndex, Original};
use crate::profile::Profile;
use crate::terms::{DocumentFrequencies, Term};
use crate::years::resolve_year;

/// How the clusterer decides.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Days without a new document after which an event closes; also the furthest a
    /// document may be from an event's days and still join it (follow-ups — an arrest, a
    /// trial — come weeks after the incident).
    pub window_days: i32,
    /// The probability at which a document joins an event; the shipped scorer's own
    /// threshold by default.
    pub threshold: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            window_days: 120,
            threshold: SCORER.threshold,
        }
    }
}

/// Terms kept in a document's vector: the rest weigh too little to change a cosine.
const DOCUMENT_TERMS: usize = 100;
/// Terms kept in an event's centroid.
const CENTROID_TERMS: usize = 300;
/// A document's terms that look up candidate events.
const QUERY_TERMS: usize = 40;
/// The newest postings read per query term: old events in a long posting list are closed.
const POSTINGS_READ: usize = 64;
/// Candidate events given full evidence, the best by shared terms.
const COMPARED: usize = 32;
/// The least text similarity (to the centroid or a member) at which an event is considered
/// at all, whatever else agrees: two stories of one day and place that share few words (an
/// electricity bill and a snowfall record in one town) are not one. Chosen on the training
/// parts (`tools/eval/events.py --split train`: BCubed F1 on GVA 0.887 at 0.08, 0.900 at 0.12,
/// 0.892 at 0.15; ECB+ equal).
const MIN_COSINE: f32 = 0.12;
/// Members whose own vectors are kept, beside the centroid.
const RECENT_MEMBERS: usize = 4;
/// Event days within this many days of each other are the same day (time zones, "overnight").
const EVENT_DAY_TOLERANCE: i32 = 1;
/// Days between the day a lead reports and the event's days past which a document naming
/// another place is another incident.
const LOOKALIKE_DAYS: i32 = 3;
/// The smallest count that tells an incident apart when repeated: one to four (children,
/// medics, attackers) recur by chance in any two reports of one province.
const DISTINCT_COUNT: u64 = 5;
/// The smallest count that, with the place, names an incident without its day: three or
/// four people shot in one city is too common a story.
const ANCHOR_COUNT: u64 = 10;
/// The smallest count that another report may give a few off and still mean the same
/// people: smaller ones differ by chance, not by who was counted.
const NEAR_COUNT: u64 = 50;
/// A death toll of this size or more is a disaster's or a battle's: two of them in one place
/// within the window, agreeing, are one story.
const MASS_TOLL: u64 = 1000;
/// How many of the lead's most specific places find the events a document may be anchored
/// to.
const ANCHOR_PLACES: usize = 2;
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

/// What the scorer weighs when it compares a document with an event.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    /// Cosine between the document's TF-IDF vector and the event's centroid.
    pub centroid: f32,
    /// The best cosine with one of the event's latest members.
    pub member: f32,
    /// The share of the headline's weight (IDF) in words of the event's headlines.
    pub title: f32,
    /// The share of the names in the document's headline and lead that the event knows.
    pub names: f32,
    /// 1 when the document's lead names people or organizations and the event knows none
    /// of them.
    pub no_shared_name: f32,
    /// The share of the weight (IDF) of the places in the document's headline and lead
    /// that the event knows.
    pub place: f32,
    /// 1 when the event, which knows places, does not know the most specific place of the
    /// document's lead: a shooting in Bridgeport is not one in Waldorf, even in Connecticut.
    pub other_place: f32,
    /// ln(1 + days) between the document and the event's days; 0 when either is undated.
    pub gap: f32,
    /// ln(1 + days) between the document and the event's first day: an event that keeps
    /// taking documents drifts, and a month of one city's air strikes is not one strike.
    pub age: f32,
    /// 1 when the document or the event has no publication day.
    pub undated: f32,
    /// 1 when the document's lead dates the event to a day the event already has.
    pub same_day: f32,
    /// 1 when it dates it to a day the event does not have (and the event has some).
    pub other_day: f32,
    /// ln(1 + the event's documents).
    pub size: f32,
}

impl Evidence {
    /// The features' names, in the order of [`Evidence::values`] and of `data/scorer.tsv`.
    pub const NAMES: [&'static str; 13] = [
        "centroid",
        "member",
        "title",
        "names",
        "no_shared_name",
        "place",
        "other_place",
        "gap",
        "age",
        "undated",
        "same_day",
        "other_day",
        "size",
    ];

    pub fn values(&self) -> [f32; 13] {
        [
            self.centroid,
            self.member,
            self.title,
            self.names,
            self.no_shared_name,
            self.place,
            self.other_place,
            self.gap,
            self.age,
            self.undated,
            self.same_day,
            self.other_day,
            self.size,
        ]
    }
}

/// An open event a document was compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub event: String,
    pub evidence: Evidence,
    /// The scorer's probability that the document reports this event.
    pub probability: f32,
}

/// A logistic model over [`Evidence`].
struct Scorer {
    bias: f32,
    weights: [f32; 13],
    /// The probability at which a document joins an event.
    threshold: f32,
}

impl Scorer {
    /// Reads `name<TAB>weight` lines; `#` lines are comments. Every feature, `bias` and
    /// `threshold` must be there: a model that silently lost a weight would cluster wrongly.
    fn parse(text: &str) -> Result<Scorer, String> {
        let mut values: HashMap<&str, f32> = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("not name<TAB>weight: {line:?}"))?;
            let value = value.trim().parse().map_err(|e| format!("{name}: {e}"))?;
            values.insert(name.trim(), value);
        }
        let get = |name: &str| {
            values
                .get(name)
                .copied()
                .ok_or(format!("no weight for {name}"))
        };
        let mut weights = [0.0; 13];
        for (w, name) in weights.iter_mut().zip(Evidence::NAMES) {
            *w = get(name)?;
        }
        Ok(Scorer {
            bias: get("bias")?,
            weights,
            threshold: get("threshold")?,
        })
    }

    fn probability(&self, evidence: &Evidence) -> f32 {
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(evidence.values())
                .map(|(w, v)| w * v)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The shipped scorer. A test parses it, so no build ships a broken one; were it broken
/// anyway, no document would join any event (nothing wrong is merged).
static SCORER: LazyLock<Scorer> = LazyLock::new(|| {
    Scorer::parse(include_str!("../data/scorer.tsv")).unwrap_or(Scorer {
        bias: 0.0,
        weights: [0.0; 13],
        threshold: 2.0,
    })
});

struct Event {
    id: String,
    centroid: HashMap<Term, f32>,
    norm: f32,
    /// The vectors of the latest members, sorted by term.
    recent: VecDeque<Vec<(Term, f32)>>,
    /// Headline words of its documents, with how many headlines have each.
    titles: HashMap<Term, u32>,
    /// The names of its documents' entities, with how many documents name each.
    names: HashMap<Term, u32>,
    /// Places named in its documents' leads.
    places: usize,
    first_day: Option<i32>,
    last_day: Option<i32>,
    event_days: Vec<i32>,
    /// The counts of harm its documents give (a few dozen at most).
    counts: Vec<u64>,
    /// The largest death toll its documents give.
    killed: Option<u64>,
    documents: u32,
    closed: bool,
}

impl Event {
    fn new(id: String) -> Self {
        Event {
            id,
            centroid: HashMap::new(),
            norm: 0.0,
            recent: VecDeque::new(),
            titles: HashMap::new(),
            names: HashMap::new(),
            places: 0,
            first_day: None,
            last_day: None,
            event_days: Vec::new(),
            counts: Vec::new(),
            killed: None,
            documents: 0,
            closed: false,
        }
    }

    /// Days from `day` to the span of days the event's documents were published on.
    fn gap(&self, day: i32) -> Option<i32> {
        let (first, last) = (self.first_day?, self.last_day?);
        Some(if day < first {
            first - day
        } else {
            (day - last).max(0)
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
        let mut sorted = vector.to_vec();
        sorted.sort_unstable_by_key(|(t, _)| *t);
        if self.recent.len() == RECENT_MEMBERS {
            self.recent.pop_front();
        }
        self.recent.push_back(sorted);
        for t in &profile.title {
            *self.titles.entry(*t).or_insert(0) += 1;
        }
        for name in &profile.names {
            *self.names.entry(*name).or_insert(0) += 1;
        }
        self.places += profile.places.len();
        if let Some(day) = profile.day {
            self.first_day = Some(self.first_day.map_or(day, |d| d.min(day)));
            self.last_day = Some(self.last_day.map_or(day, |d| d.max(day)));
        }
        if let Some(day) = profile.event_day {
            if !self.event_days.contains(&day) && self.event_days.len() < 8 {
                self.event_days.push(day);
            }
        }
        for &count in &profile.counts {
            if !self.counts.contains(&count) && self.counts.len() < 32 {
                self.counts.push(count);
            }
        }
        self.killed = self.killed.max(profile.killed);
        self.documents += 1;
    }

    /// Days from `day` to the nearest day the event's leads report, where they report one.
    fn days_from(&self, day: i32) -> Option<i32> {
        self.event_days.iter().map(|d| (d - day).abs()).min()
    }

    fn close(&mut self) {
        let id = std::mem::take(&mut self.id);
        *self = Event {
            closed: true,
            first_day: self.first_day,
            last_day: self.last_day,
            ..Event::new(id)
        };
    }
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

    /// Places a new document: with the document it copies, in the most probable open
    /// event, or in a new event it founds.
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
            None => {
                let best = self
                    .candidates(&vector, profile)
                    .into_iter()
                    .map(|(e, evidence)| (e, SCORER.probability(&evidence)))
                    .filter(|(_, p)| *p >= self.config.threshold)
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                (
                    best.map(|(e, _)| e).or_else(|| self.anchored(profile)),
                    None,
                )
            }
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

    /// Puts back a document whose event was decided by an earlier run (from a store).
    pub fn restore(&mut self, id: &str, profile: &Profile, event_id: &str) {
        let vector = self.vector(profile);
        let event = self.event_named(event_id);
        self.place(id, event, &vector, profile);
    }

    /// Compares a document with the open events as [`Clusterer::add`] would, then places it
    /// in `event_id` whatever the comparison says: replaying a labelled stream this way
    /// yields the examples the scorer learns from.
    pub fn compare_and_restore(
        &mut self,
        id: &str,
        profile: &Profile,
        event_id: &str,
    ) -> Vec<Candidate> {
        let vector = self.vector(profile);
        let candidates = self
            .candidates(&vector, profile)
            .into_iter()
            .map(|(e, evidence)| Candidate {
                event: self.events[e].id.clone(),
                probability: SCORER.probability(&evidence),
                evidence,
            })
            .collect();
        let event = self.event_named(event_id);
        self.place(id, event, &vector, profile);
        candidates
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

    /// The document's unit TF-IDF vector over its strongest terms, strongest first; the
    /// document is counted in the frequencies first, so that its own words are never
    /// infinitely rare.
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

    /// The open event a document shares its anchors with where its words share nothing,
    /// as coverage in another language does: the most specific place of its lead, and either
    /// a toll of thousands that agrees with one of the event's (a disaster's follow-ups, days
    /// later), or the day it reports (within a day) with a count of harm or a name of its
    /// lead, or, where no day says otherwise, a count of ten or more, large ones within a
    /// twentieth ("Лас-Вегасе", 58 killed: the Las Vegas shooting's 59), or the same death
    /// toll of five and more where no publication day sets them apart.
    fn anchored(&self, profile: &Profile) -> Option<usize> {
        let idf = |t: &Term| self.frequencies.idf(*t);
        // The two most specific places of the lead ("Kerch" beside "Crimea"): the country a
        // lead also names is never one of them where it names a town.
        let mut places: Vec<&Term> = profile.places.iter().collect();
        places.sort_by(|a, b| idf(b).total_cmp(&idf(a)));
        let postings_of = |terms: &mut dyn Iterator<Item = &Term>| -> Vec<u32> {
            let mut events: Vec<u32> = terms
                .filter_map(|t| self.postings.get(t))
                .flatten()
                .copied()
                .collect();
            events.sort_unstable();
            events.dedup();
            events
        };
        // A dated document skips the places no open event names ("Christkindelsmärik", new
        // to the stream): they anchor nothing, and its day still has to agree. An undated
        // one keeps to its two most specific, lest it fall back on its country.
        let by_place = postings_of(
            &mut places
                .iter()
                .filter(|t| profile.day.is_none() || self.postings.contains_key(t))
                .take(ANCHOR_PLACES)
                .copied(),
        );
        // An undated document is looked for by the names of its lead too: it may name the
        // region where its event named the town ("Крым" and "Керчь"), but the same official.
        let by_name = match profile.day {
            Some(_) => Vec::new(),
            None => postings_of(&mut profile.salient.iter()),
        };
        let mut events: Vec<u32> = by_place.iter().chain(&by_name).copied().collect();
        events.sort_unstable();
        events.dedup();
        events
            .into_iter()
            .map(|e| e as usize)
            .filter(|&e| !self.events[e].closed)
            .filter_map(|e| {
                let event = &self.events[e];
                let nearest = profile.event_day.and_then(|day| event.days_from(day));
                // A large toll is shared within a few in a hundred: "58 killed" beside "59"
                // (with the gunman or without).
                let shared: Vec<u64> = profile
                    .counts
                    .iter()
                    .copied()
                    .filter(|&c| event.counts.iter().any(|&d| near(c, d)))
                    .collect();
                let names = profile
                    .salient
                    .iter()
                    .filter(|n| event.names.contains_key(n))
                    .count();
                // A toll of thousands that agrees with the event's, in its place: a disaster
                // or a war's battle, whose follow-ups come days later in other words (the
                // earthquake's toll "понад 33 тисячі" a week on, beside "23 000" before).
                // Any of their counts may be the one: a report gives the toll of each
                // country, and one far-off count (a century-old massacre) changes nothing.
                let placed = by_place.binary_search(&(e as u32)).is_ok();
                let mass = placed
                    && profile.counts.iter().any(|&c| {
                        c >= MASS_TOLL
                            && event
                                .counts
                                .iter()
                                .any(|&d| d >= MASS_TOLL && !disagree(Some(c), Some(d)))
                    });
                let strength = match nearest {
                    Some(n) if n <= EVENT_DAY_TOLERANCE => shared.len() + names,
                    Some(n) if n > LOOKALIKE_DAYS => 0,
                    // Undated: where a place of its lead is the event's, a count of ten or
                    // more; where only a name of its lead is ("Аксёнов"), two distinct
                    // counts (13 dead and 50 hurt) as well.
                    _ => {
                        let at_least = |least: u64| shared.iter().filter(|&&c| c >= least).count();
                        if placed {
                            // Or the same death toll of five and more, where no publication
                            // day sets them apart: "шесть человек" killed in Michigan, "6
                            // personnes" in the French report (five killed in Georgia twice
                            // within a week are two shootings).
                            let apart = profile
                                .day
                                .and_then(|d| event.gap(d))
                                .is_some_and(|g| g > EVENT_DAY_TOLERANCE);
                            let same_toll = !apart
                                && profile.killed.is_some_and(|k| {
                                    k >= DISTINCT_COUNT && event.killed == Some(k)
                                });
                            at_least(ANCHOR_COUNT).max(usize::from(same_toll))
                        } else if at_least(DISTINCT_COUNT) >= 2 && names > 0 {
                            at_least(DISTINCT_COUNT) + names
                        } else {
                            0
                        }
                    }
                }
                .max(usize::from(mass));
                (strength > 0).then_some((e, strength))
            })
            .max_by_key(|&(e, strength)| (strength, e))
            .map(|(e, _)| e)
    }

    /// The open events sharing the most of the document's strongest terms (by the weight
    /// of the terms shared: the inverted index's own cheap score), close enough in time,
    /// with the evidence for each. Full evidence is gathered for a bounded number of them,
    /// so that the work per document stays the same however many events are open.
    fn candidates(&self, vector: &[(Term, f32)], profile: &Profile) -> Vec<(usize, Evidence)> {
        let mut shared: HashMap<usize, f32> = HashMap::new();
        for (term, weight) in vector.iter().take(QUERY_TERMS) {
            let Some(postings) = self.postings.get(term) else {
                continue;
            };
            for &e in postings.iter().rev().take(POSTINGS_READ) {
                *shared.entry(e as usize).or_insert(0.0) += weight;
            }
        }
        let mut ranked: Vec<(usize, f32)> = shared
            .into_iter()
            .filter(|(e, _)| !self.events[*e].closed)
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(COMPARED)
            .filter_map(|(e, _)| Some((e, self.evidence(&self.events[e], vector, profile)?)))
            .collect()
    }

    /// The evidence that a document reports an event, or `None` when they are too far
    /// apart in time to be one event.
    fn evidence(
        &self,
        event: &Event,
        vector: &[(Term, f32)],
        profile: &Profile,
    ) -> Option<Evidence> {
        let gap = profile.day.and_then(|d| event.gap(d));
        if gap.is_some_and(|g| g > self.config.window_days) {
            return None;
        }
        let centroid = if event.norm > 0.0 {
            vector
                .iter()
                .filter_map(|(t, w)| event.centroid.get(t).map(|c| c * w))
                .sum::<f32>()
                / event.norm
        } else {
            0.0
        };
        let member = event
            .recent
            .iter()
            .map(|m| sparse_dot(m, vector))
            .fold(0.0, f32::max);
        if centroid.max(member) < MIN_COSINE {
            return None;
        }
        let title_weight: f32 = profile.title.iter().map(|t| self.frequencies.idf(*t)).sum();
        let shared_title: f32 = profile
            .title
            .iter()
            .filter(|t| event.titles.contains_key(t))
            .map(|t| self.frequencies.idf(*t))
            .sum();
        let shared_names = profile
            .salient
            .iter()
            .filter(|n| event.names.contains_key(n))
            .count();
        // Places weigh by how rare they are in the stream: in a stream about Syria, "Syria"
        // is shared by everything and "Idlib" against "Damascus" is what tells strikes apart.
        let idf = |t: &Term| self.frequencies.idf(*t);
        let place_weight: f32 = profile.places.iter().map(idf).sum();
        let shared_place_weight: f32 = profile
            .places
            .iter()
            .filter(|n| event.names.contains_key(n))
            .map(idf)
            .sum();
        let most_specific_place = profile
            .places
            .iter()
            .max_by(|a, b| idf(a).total_cmp(&idf(b)));
        let other_place =
            event.places > 0 && most_specific_place.is_some_and(|p| !event.names.contains_key(p));
        // A look-alike incident: both count their dead or hurt, and the document repeats
        // none of the event's counts (a follow-up of "13 people shot" does), names a place
        // the event does not know, and dates what it reports far from every day of the
        // event. A story of no casualties (a sanctions row) is no incident of one day.
        let lookalike = !profile.counts.is_empty()
            && !event.counts.is_empty()
            && !profile
                .counts
                .iter()
                .any(|&c| c >= DISTINCT_COUNT && event.counts.contains(&c));
        if lookalike && (other_place || disagree(profile.killed, event.killed)) {
            // The day the lead reports, else the day the document was written.
            match profile.event_day.or(profile.day) {
                Some(day) => {
                    let first = event.first_day.map(|d| (d - day).abs());
                    let nearest = event.days_from(day).into_iter().chain(first).min();
                    if nearest.is_some_and(|n| n > LOOKALIKE_DAYS) {
                        return None;
                    }
                }
                // Undated, nothing says it is a follow-up: a toll that disagrees with the
                // event's ("58 killed" in Las Vegas against "8 killed" in New York a month
                // later, the one story naming the other) is another incident's.
                None if disagree(profile.killed, event.killed) => return None,
                None => {}
            }
        }
        // A toll an order of magnitude apart, reported days after the event began, is
        // another incident even where the event's later reports come near its day ("six
        // killed" in Salah al-Din four days after "126 dead" in the convoy, whose follow-ups
        // ran on): a toll rises, but not tenfold between the first reports and the last.
        if lookalike && far_apart(profile.killed, event.killed) {
            let began = event.event_days.iter().min().copied().or(event.first_day);
            if let (Some(day), Some(began)) = (profile.event_day.or(profile.day), began) {
                if (day - began).abs() > LOOKALIKE_DAYS {
                    return None;
                }
            }
        }
        let (same_day, other_day) = match profile.event_day.and_then(|day| event.days_from(day)) {
            Some(days) => {
                let same = days <= EVENT_DAY_TOLERANCE;
                (f32::from(u8::from(same)), f32::from(u8::from(!same)))
            }
            None => (0.0, 0.0),
        };
        Some(Evidence {
            centroid,
            member,
            title: if title_weight > 0.0 {
                shared_title / title_weight
            } else {
                0.0
            },
            names: share(shared_names, profile.salient.len()),
            no_shared_name: f32::from(u8::from(
                !profile.salient.is_empty() && !event.names.is_empty() && shared_names == 0,
            )),
            place: if place_weight > 0.0 {
                shared_place_weight / place_weight
            } else {
                0.0
            },
            other_place: f32::from(u8::from(other_place)),
            gap: gap.map_or(0.0, |g| (1.0 + g as f32).ln()),
            age: profile
                .day
                .zip(event.first_day)
                .map_or(0.0, |(d, first)| (1.0 + (d - first).abs() as f32).ln()),
            undated: f32::from(u8::from(gap.is_none())),
            same_day,
            other_day,
            size: (1.0 + event.documents as f32).ln(),
        })
    }

    fn event_named(&mut self, event_id: &str) -> usize {
        match self.by_id.get(event_id) {
            Some(&e) => e,
            None => {
                let e = self.events.len();
                self.events.push(Event::new(event_id.to_string()));
                self.by_id.insert(event_id.to_string(), e);
                e
            }
        }
    }

    /// A new event, named after its founding document (stable across runs).
    fn found(&mut self, founder: &str) -> usize {
        let digest = Sha256::digest(founder.as_bytes());
        let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        let mut id = format!("ev-{hex}");
        while self.by_id.contains_key(&id) {
            id.push('x');
        }
        self.event_named(&id)
    }

    fn place(&mut self, id: &str, event: usize, vector: &[(Term, f32)], profile: &Profile) {
        self.events[event].closed = false;
        self.events[event].absorb(vector, profile);
        // The lead's places are indexed too: what coverage in another language is found by.
        let places = profile.places.iter();
        for term in vector
            .iter()
            .take(QUERY_TERMS)
            .map(|(t, _)| t)
            .chain(places)
        {
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
        if self.added.is_multiple_of(SWEEP_EVERY) {
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

/// Whether two death tolls disagree strongly: one is a third of the other or less ("six
/// killed in Salah al-Din" against "126 dead in the convoy").
fn disagree(a: Option<u64>, b: Option<u64>) -> bool {
    a.zip(b).is_some_and(|(x, y)| x.min(y) * 3 <= x.max(y))
}

/// Whether two counts are one: equal, or both large and within five in a hundred.
fn near(a: u64, b: u64) -> bool {
    a == b || (a.min(b) >= NEAR_COUNT && a.abs_diff(b) * 20 <= a.max(b))
}

/// Whether two death tolls are an order of magnitude apart, the larger a mass-casualty toll.
fn far_apart(a: Option<u64>, b: Option<u64>) -> bool {
    a.zip(b)
        .is_some_and(|(x, y)| x.max(y) >= 20 && x.min(y) * 10 <= x.max(y))
}

/// `part / whole`, 0 for nothing.
fn share(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// The dot product of a vector sorted by term with another.
fn sparse_dot(sorted: &[(Term, f32)], vector: &[(Term, f32)]) -> f32 {
    vector
        .iter()
        .filter_map(|(t, w)| {
            sorted
                .binary_search_by_key(t, |(u, _)| *u)
                .ok()
                .map(|i| sorted[i].1 * w)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use crosscheck_extract::{annotate, Options};

    fn article(id: &str, published: &str, title: &str, text: &str) -> Document {
        let mut doc = Document::new(id.into(), format!("{id}.txt"), text.into());
        doc.title = Some(title.into());
        doc.published = Some(published.into());
        doc.published_basis = crosscheck_model::Basis::Metadata;
        let options = Options {
            reference_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        annotate(&mut doc, &options);
        doc
    }

    fn add(clusterer: &mut Clusterer, doc: &Document) -> Assignment {
        clusterer.add(&doc.id, &Profile::of(doc))
    }

    const DAYTON: &str = "DAYTON, Ohio — A 13-month-old boy was fatally shot on Thursday evening \
        in a drive-by shooting on Harvard Boulevard in Dayton, police said. The Montgomery County \
        coroner identified the boy as Elijah Johnson. Two adults in the house were wounded. \
        Police are searching for a dark sedan seen leaving the street.";
    const DAYTON_AGAIN: &str = "Dayton police are still searching for the gunmen who killed \
        13-month-old Elijah Johnson on Harvard Boulevard on Thursday. The coroner said the boy \
        died at Children's Medical Center. Two adults were hurt in the drive-by shooting, and \
        a dark sedan was seen driving away, according to Dayton police.";
    const MEMPHIS: &str = "MEMPHIS, Tenn. — A 30-year-old man was shot and killed outside a \
        gas station on Lamar Avenue on Saturday night, Memphis police said. Officers found \
        Marcus Reed with several gunshot wounds. No arrests have been made, and police asked \
        witnesses to call Crime Stoppers.";

    #[test]
    fn reports_of_one_shooting_meet_and_a_look_alike_stays_apart() {
        let mut clusterer = Clusterer::new(Config::default());
        let first = add(
            &mut clusterer,
            &article(
                "a",
                "2016-01-15",
                "Toddler killed in Dayton drive-by",
                DAYTON,
            ),
        );
        assert!(first.founded);
        let again = add(
            &mut clusterer,
            &article(
                "b",
                "2016-01-16",
                "Police seek gunmen in Dayton toddler's death",
                DAYTON_AGAIN,
            ),
        );
        assert_eq!(again.event, first.event);
        assert!(!again.founded && again.duplicate_of.is_none());
        let other = add(
            &mut clusterer,
            &article(
                "c",
                "2016-01-17",
                "Man shot dead outside Memphis gas station",
                MEMPHIS,
            ),
        );
        assert!(other.founded, "another city, another day, another victim");
    }

    #[test]
    fn look_alike_strikes_a_week_apart_stay_apart_and_a_follow_up_joins() {
        let strike = |town: &str, day: &str, killed: &str| {
            format!(
                "An air strike on a market in {town} in Syria on {day} killed {killed} \
                 civilians, including children, the Syrian Observatory for Human Rights said. \
                 Rescue workers searched the rubble as warplanes circled over the province."
            )
        };
        let mut clusterer = Clusterer::new(Config::default());
        let first = add(
            &mut clusterer,
            &article(
                "a",
                "2016-06-06",
                "Air strike kills civilians",
                &strike("Ariha", "Monday", "40"),
            ),
        );
        // A week later, another town, a death toll of another size: another strike.
        let other = add(
            &mut clusterer,
            &article(
                "b",
                "2016-06-13",
                "Air strike kills civilians",
                &strike("Saraqib", "Monday", "6"),
            ),
        );
        assert_ne!(other.event, first.event);
        // A week later, another town named, but the first strike's toll repeated: its story.
        let follow_up = add(
            &mut clusterer,
            &article(
                "c",
                "2016-06-20",
                "Air strike kills civilians",
                "Families in Jisr al-Shughur on Monday buried the last of the 40 civilians \
                 killed by an air strike on a market in Ariha, the Syrian Observatory for Human \
                 Rights said. Rescue workers searched the rubble as warplanes circled.",
            ),
        );
        assert_eq!(follow_up.event, first.event);
    }

    #[test]
    fn a_toll_tenfold_smaller_days_after_the_event_began_is_another_incident() {
        let blast = |day: &str, killed: &str, extra: &str| {
            format!(
                "A bomb blast in Aleppo on {day} killed {killed} people, the Syrian Observatory \
                 for Human Rights said. Rescue workers searched the rubble in the city.{extra}"
            )
        };
        let mut clusterer = Clusterer::new(Config::default());
        let first = add(
            &mut clusterer,
            &article(
                "a",
                "2017-04-15",
                "Aleppo bomb blast",
                &blast("Saturday", "126", ""),
            ),
        );
        // Follow-ups ran on for days after it, with the toll moving.
        let later = add(
            &mut clusterer,
            &article(
                "b",
                "2017-04-18",
                "Aleppo bomb blast",
                &blast("Tuesday", "130", " Funerals were held for the victims."),
            ),
        );
        assert_eq!(later.event, first.event);
        // Four days after it began, six killed in the same city: another blast, though the
        // event's latest report is a day away.
        let other = add(
            &mut clusterer,
            &article(
                "c",
                "2017-04-19",
                "Aleppo bomb blast",
                &blast("Wednesday", "six", ""),
            ),
        );
        assert_ne!(other.event, first.event);
    }

    #[test]
    fn coverage_in_another_language_meets_by_place_and_toll() {
        let mut clusterer = Clusterer::new(Config::default());
        let english = add(
            &mut clusterer,
            &article(
                "en",
                "2017-10-02",
                "Las Vegas shooting",
                "A gunman opened fire on a country music festival in Las Vegas on Sunday \
                 night, killing 59 people and wounding more than 500, police said.",
            ),
        );
        let mut russian = Document::new(
            "ru".into(),
            "ru.txt".into(),
            "Полиция рассказала о стрельбе в Лас-Вегасе. Погибли 59 человек, более 500 \
             получили ранения."
                .into(),
        );
        russian.language = Some("ru".into());
        annotate(
            &mut russian,
            &Options {
                reference_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            },
        );
        assert_eq!(add(&mut clusterer, &russian).event, english.event);
    }

    #[test]
    fn undated_reports_meet_by_two_counts_and_a_name_of_their_leads() {
        // Two undated reports that share no word but the official their leads name ("Сергей
        // Аксёнов") and two counts (13 dead, 50 hurt), their leads naming the town and the
        // region: one event. With one count in common they stay apart.
        let official: Term = 100;
        let profile = |words: [Term; 2], place: Term, counts: Vec<u64>| Profile {
            terms: words.iter().map(|&t| (t, 1.0)).collect(),
            title: Vec::new(),
            day: None,
            event_day: None,
            names: vec![official],
            salient: vec![official],
            places: vec![place],
            killed: counts.first().copied(),
            counts,
            signature: None,
        };
        let mut clusterer = Clusterer::new(Config::default());
        let mut first = profile([1, 2], 200, vec![13, 50]);
        first.terms.push((official, 3.0));
        let first = clusterer.add("a", &first);
        let again = clusterer.add("b", &profile([3, 4], 201, vec![13, 50]));
        assert_eq!(again.event, first.event);
        let other = clusterer.add("c", &profile([5, 6], 202, vec![13]));
        assert_ne!(other.event, first.event);
    }

    #[test]
    fn an_undated_report_of_a_toll_that_disagrees_founds_its_own_event() {
        // The same words, names and place (one story names the other: "Las Vegas" in a
        // report of New York's attack), no date: 58 killed against the event's 8 is another
        // incident; 9 killed, repeating its 15 hurt, is its follow-up.
        let profile = |day: Option<i32>, counts: Vec<u64>| Profile {
            terms: vec![(1, 2.0), (2, 2.0), (3, 1.0)],
            title: vec![1],
            day,
            event_day: day,
            names: vec![10, 20],
            salient: vec![10],
            places: vec![20],
            killed: counts.first().copied(),
            counts,
            signature: None,
        };
        let mut clusterer = Clusterer::new(Config::default());
        let first = clusterer.add("a", &profile(Some(736_633), vec![8, 15]));
        let other = clusterer.add("b", &profile(None, vec![58, 500]));
        assert_ne!(other.event, first.event);
        let again = clusterer.add("c", &profile(None, vec![9, 15]));
        assert_eq!(again.event, first.event);
    }

    /// A profile sharing no word with any other, its lead naming `place`.
    fn bare(word: Term, place: Term, day: Option<i32>, counts: Vec<u64>) -> Profile {
        Profile {
            terms: vec![(word, 1.0)],
            title: Vec::new(),
            day,
            event_day: day,
            names: vec![place],
            salient: Vec::new(),
            places: vec![place],
            killed: counts.iter().copied().max(),
            counts,
            signature: None,
        }
    }

    #[test]
    fn an_undated_report_meets_its_event_by_a_toll_a_few_off_or_the_same_small_toll() {
        // "58 killed" in an undated report of the place, beside the event's "59": one
        // story (the gunman counted or not); 47 against 59 is not.
        let mut clusterer = Clusterer::new(Config::default());
        let first = clusterer.add("a", &bare(1, 100, Some(736_603), vec![59, 500]));
        assert_eq!(
            clusterer.add("b", &bare(2, 100, None, vec![58])).event,
            first.event
        );
        assert_ne!(
            clusterer.add("c", &bare(3, 100, None, vec![47])).event,
            first.event
        );
        // Six killed in Michigan, undated, and six killed there the day before: one story.
        let first = clusterer.add("d", &bare(4, 200, Some(736_015), vec![6]));
        assert_eq!(
            clusterer.add("e", &bare(5, 200, None, vec![6])).event,
            first.event
        );
        // Five killed in Georgia, published a week after five killed there, neither lead
        // giving the day: two shootings.
        let undated_lead = |word, day| Profile {
            event_day: None,
            ..bare(word, 300, Some(day), vec![5])
        };
        let first = clusterer.add("f", &undated_lead(6, 736_000));
        let other = clusterer.add("g", &undated_lead(7, 736_006));
        assert_ne!(other.event, first.event);
    }

    #[test]
    fn a_toll_of_thousands_that_agrees_joins_its_disaster_days_later() {
        // An earthquake's toll, 23,000, then a report from the same country six days on
        // giving 33,000 (and a century-old massacre's 1.5 million): one story. A toll of
        // 3,000 against 23,000 is not.
        let mut clusterer = Clusterer::new(Config::default());
        let first = clusterer.add("a", &bare(1, 100, Some(738_559), vec![23_000]));
        let later = clusterer.add("b", &bare(2, 100, Some(738_565), vec![33_000, 1_500_000]));
        assert_eq!(later.event, first.event);
        let other = clusterer.add("c", &bare(3, 100, Some(738_565), vec![3_000]));
        assert_ne!(other.event, first.event);
    }

    #[test]
    fn a_dated_report_is_anchored_by_a_known_place_past_its_new_ones() {
        // Coverage in another language (no word shared) of the same day and toll, whose lead
        // names two places no other report does ("Christkindelsmärik", "Neudorf") before the
        // town the event knows: one event.
        let profile = |terms: [Term; 2], places: Vec<Term>| Profile {
            terms: terms.iter().map(|&t| (t, 1.0)).collect(),
            title: Vec::new(),
            day: Some(737_039),
            event_day: Some(737_039),
            names: places.clone(),
            salient: Vec::new(),
            places,
            killed: Some(3),
            counts: vec![3, 13],
            signature: None,
        };
        let mut clusterer = Clusterer::new(Config::default());
        let first = clusterer.add("ru", &profile([1, 2], vec![20]));
        let other = clusterer.add("fr", &profile([3, 4], vec![901, 902, 20]));
        assert_eq!(other.event, first.event);
    }

    #[test]
    fn a_story_far_outside_the_window_founds_a_new_event() {
        let mut clusterer = Clusterer::new(Config::default());
        let first = add(
            &mut clusterer,
            &article("a", "2016-01-15", "Toddler killed", DAYTON),
        );
        let later = add(
            &mut clusterer,
            &article("b", "2016-12-15", "Toddler killed", DAYTON_AGAIN),
        );
        assert_ne!(later.event, first.event);
    }

    #[test]
    fn a_copy_names_its_original_and_joins_its_event() {
        let mut clusterer = Clusterer::new(Config::default());
        let original = add(
            &mut clusterer,
            &article("wire", "2016-01-15", "Toddler killed", DAYTON),
        );
        let text = format!("{DAYTON} The investigation continues.");
        let copy = add(
            &mut clusterer,
            &article("copy", "2016-01-15", "Boy, 1, shot dead", &text),
        );
        assert_eq!(copy.duplicate_of.as_deref(), Some("wire"));
        assert_eq!(copy.event, original.event);
    }

    #[test]
    fn a_resumed_clusterer_places_new_documents_in_restored_events() {
        let mut clusterer = Clusterer::new(Config::default());
        let doc = article(
            "a",
            "2016-01-15",
            "Toddler killed in Dayton drive-by",
            DAYTON,
        );
        clusterer.restore(&doc.id, &Profile::of(&doc), "ev-stored");
        let again = article(
            "b",
            "2016-01-16",
            "Police seek gunmen in Dayton toddler's death",
            DAYTON_AGAIN,
        );
        assert_eq!(add(&mut clusterer, &again).event, "ev-stored");
        assert_eq!(clusterer.event_day("ev-stored"), profile_day("2016-01-15"));
    }

    fn profile_day(date: &str) -> Option<i32> {
        crate::profile::day_of(date)
    }

    #[test]
    fn quiet_events_close_so_memory_stays_bounded() {
        let mut clusterer = Clusterer::new(Config::default());
        let profile = Profile::of(&article("a", "2016-01-15", "Toddler killed", DAYTON));
        for n in 0..3000 {
            let mut p = profile.clone();
            // A new, unrelated story every day: every term its own.
            p.terms = vec![(n as u64 * 7919, 1.0), (n as u64 * 7919 + 1, 1.0)];
            p.places = vec![n as u64 * 7919 + 2];
            p.salient.clear();
            p.signature = None;
            p.day = p.day.map(|d| d + n / 4);
            clusterer.add(&format!("d{n}"), &p);
        }
        let held = clusterer.held();
        assert_eq!(held.events, 3000);
        // Four a day: at most the window's worth, and the documents since the last sweep.
        let window = Config::default().window_days as usize;
        assert!(held.open_events <= window * 4 + SWEEP_EVERY, "{held:?}");
    }

    #[test]
    fn the_shipped_scorer_is_complete() {
        let scorer = Scorer::parse(include_str!("../data/scorer.tsv")).unwrap();
        assert!(scorer.threshold > 0.0 && scorer.threshold < 1.0);
        assert!(
            Scorer::parse("bias\t1\nthreshold\t0.5\n").is_err(),
            "a missing weight is an error"
        );
        let strong = Evidence {
            centroid: 0.8,
            member: 0.8,
            title: 0.7,
            names: 1.0,
            place: 1.0,
            same_day: 1.0,
            ..Evidence::default()
        };
        assert!(scorer.probability(&strong) > scorer.threshold);
        // Whatever the training, more shared text is more likely one event, and another
        // place or more days between are less.
        let p = |e: Evidence| scorer.probability(&e);
        let base = Evidence {
            centroid: 0.3,
            size: 2f32.ln(),
            ..Evidence::default()
        };
        assert!(
            p(Evidence {
                centroid: 0.6,
                ..base
            }) > p(base)
        );
        assert!(
            p(Evidence {
                other_place: 1.0,
                ..base
            }) < p(base)
        );
        assert!(
            p(Evidence {
                gap: 30f32.ln(),
                ..base
            }) < p(base)
        );
    }
}
