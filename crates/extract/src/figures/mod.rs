//! Figures: counts of people tied to what happened to them ("at least 60 people were killed",
//! "killing two crewmembers", "a death toll of 137", "115 people had been hospitalized,
//! including five children"), with the qualifier and bounds the words give, whom the count
//! covers, its parts, the source that reported it, and whether it is about the article's own
//! incident.
//!
//! One engine reads every language; what it reads are the word classes of
//! `data/LANG/figures.tsv` (see [`words`]). For each count of a sentence it finds the noun
//! group it heads, the guards that make it no count of people, and then its kind by the
//! first rule of [`KIND_RULES`] that says one; a part of a count ("including five
//! children", "15 of the wounded") becomes an `includes` of its count. Every figure names
//! the rule that made it. The rules favour precision: a number becomes a figure only when a
//! word of its clause says what happened to those counted.

mod source;
mod words;

use std::cell::OnceCell;

use crate::segment::{tokens_in, Token, TokenKind};
use crosscheck_model::{
    EventScope, Figure, FigureKind, Qualifier, Span, Subset, TimeExpr, TimexType,
};
pub use words::languages;
use words::{FigureWords, People};

/// The figures of one document in `language` (ISO 639-1; none for a language without a
/// pack). `sentences` and `times` are the document's; `scopes` says per sentence whether it
/// is about the article's own incident.
pub fn find_figures(
    language: &str,
    text: &str,
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    scopes: &[EventScope],
    published: Option<chrono::NaiveDate>,
) -> Vec<Figure> {
    let Some(words) = words::pack(language) else {
        return Vec::new();
    };
    let mut out: Vec<Figure> = Vec::new();
    // Where the figures of the paragraph start in `out`, and of the sentence before: what
    // "15 of the wounded" may be a part of, and what a breakdown breaks down.
    let mut paragraph = 0;
    for (index, (&(start, end), &scope)) in sentences.iter().zip(scopes).enumerate() {
        let new_paragraph = index == 0 || text[sentences[index - 1].1..start].contains('\n');
        if new_paragraph {
            paragraph = out.len();
        }
        let first_time = times.partition_point(|t| t.span.start < start);
        let last_time = times.partition_point(|t| t.span.start < end);
        let toks = tokens_in(text, start, end);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| text[t.start..t.end].to_lowercase())
            .collect();
        let anchors = (0..lower.len())
            .filter(|&k| words.scope_other.at(&lower, k).is_some())
            .collect();
        // Whether the sentence speaks of violence: what makes counted gunmen attackers.
        let violent = (0..lower.len()).any(|k| {
            matches!(
                lower[k].as_str(),
                "gun"
                    | "guns"
                    | "weapon"
                    | "weapons"
                    | "shots"
                    | "gunfire"
                    | "bullets"
                    | "shooting"
            ) || words.attack.at(&lower, k).is_some()
                || words.after.at(&lower, k).is_some_and(|m| {
                    matches!(
                        m.value,
                        FigureKind::Killed | FigureKind::Injured | FigureKind::Affected
                    )
                })
        });
        let reading = Reading {
            words,
            text,
            start,
            end,
            toks,
            lower,
            anchors,
            violent,
            times: &times[first_time..last_time],
        };
        let sentence_start = out.len();
        // A part or a breakdown is of a count just given: the paragraph's latest figures.
        let recent = paragraph.max(out.len().saturating_sub(RECENT));
        reading.figures(scope, &mut out, recent);
        breakdowns(&mut out, recent, sentence_start);
    }
    background_totals(&mut out, sentences);
    other_days(&mut out, sentences, times, published);
    out
}

/// How many words before a count its toll may be named ("Число погибших в результате
/// стрельбы в ночь с 18 на 19 апреля … достигло 16 человек").
const TOLL_REACH: usize = 30;

/// How many of the paragraph's latest figures a part or a breakdown may belong to: what
/// keeps a paragraph of ten thousand counts from being read in quadratic time.
const RECENT: usize = 32;

/// Counts dated in their own clause to another day than the article's incident (the date
/// its first sentences give their toll, else the year it was published) are about another
/// incident: "in 2010, nine people were shot", "a shooting … on Dec. 17, 2016".
fn other_days(
    out: &mut [Figure],
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    published: Option<chrono::NaiveDate>,
) {
    let lead_end = sentences.get(3).map_or(usize::MAX, |s| s.0);
    let lead_day = out
        .iter()
        .filter(|f| f.span.start < lead_end && f.event == EventScope::Main)
        .find_map(|f| f.when.as_deref().and_then(timex_day));
    // Without a day from the lead, the publication's year still tells "in 2010, nine people
    // were shot" from this year's incident; nearer dates need the incident's own day.
    let (day, year_only) = match (lead_day, published) {
        (Some(day), _) => (day, false),
        (None, Some(day)) => (day, true),
        (None, None) => return,
    };
    for f in out.iter_mut() {
        // Only a date written in the count's clause, not the sentence's first one.
        let dated_here = f.when.as_deref().is_some_and(|w| {
            times.iter().any(|t| {
                t.value == w
                    && t.span.start.abs_diff(f.span.start) < 200
                    && t.span.start >= sentence_of(sentences, f.span.start)
            })
        });
        if !dated_here {
            continue;
        }
        let other = match f.when.as_deref().map(timex_parts) {
            Some((Some(y), None, None)) => y != chrono::Datelike::year(&day),
            _ if year_only => false,
            Some((Some(y), Some(m), Some(d))) => chrono::NaiveDate::from_ymd_opt(y, m, d)
                .is_some_and(|d| (d - day).num_days().abs() > 2),
            Some((Some(y), Some(m), None)) => {
                (y, m) != (chrono::Datelike::year(&day), chrono::Datelike::month(&day))
            }
            _ => false,
        };
        if other {
            f.event = EventScope::Other;
        }
    }
}

/// Where the sentence holding byte `at` starts.
fn sentence_of(sentences: &[(usize, usize)], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.0 <= at);
    i.checked_sub(1).map_or(0, |i| sentences[i].0)
}

/// A TIMEX3 value's year, month and day, where written as digits.
fn timex_parts(value: &str) -> (Option<i32>, Option<u32>, Option<u32>) {
    let mut parts = value.get(..10).unwrap_or(value).split('-');
    let year = parts.next().and_then(|y| y.parse().ok());
    let month = parts.next().and_then(|m| m.parse().ok());
    let day = parts
        .next()
        .and_then(|d| d.get(..2))
        .and_then(|d| d.parse().ok());
    (year, month, day)
}

/// A TIMEX3 value's calendar day, when it names one.
fn timex_day(value: &str) -> Option<chrono::NaiveDate> {
    match timex_parts(value) {
        (Some(y), Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
}

/// Totals far beyond the article's own toll are background ("The war has killed more than
/// 470,000", "More than 6 million are displaced"): a count of at least 10,000 and a hundred
/// times the largest toll its first sentences give is about another event than theirs.
fn background_totals(out: &mut [Figure], sentences: &[(usize, usize)]) {
    let lead_end = sentences.get(3).map_or(usize::MAX, |s| s.0);
    // The lead's toll of each kind: what a later count of that kind is held against.
    let lead_of = |kind: FigureKind| {
        out.iter()
            .filter(|f| f.span.start < lead_end && f.event == EventScope::Main && f.kind == kind)
            .filter_map(|f| f.value.or(f.min))
            .max()
    };
    let (lead_killed, lead_injured) = (lead_of(FigureKind::Killed), lead_of(FigureKind::Injured));
    let Some(lead) = lead_killed.max(lead_injured) else {
        return;
    };
    for f in out.iter_mut() {
        let Some(v) = f.value.or(f.min) else { continue };
        // A count after the lead tenfold its own kind's toll there is another incident's
        // ("six people were killed … days after a bombing killed more than 120 evacuees"):
        // an article gives its latest toll first, and one toll does not rise tenfold within
        // it.
        let same_kind_lead = match f.kind {
            FigureKind::Killed => lead_killed,
            FigureKind::Injured => lead_injured,
            _ => None,
        };
        let beyond_its_kind = f.span.start >= lead_end
            && same_kind_lead.is_some_and(|l| v >= FAR_TOLL && v >= l.saturating_mul(10));
        if beyond_its_kind || (v >= 10_000 && v >= lead.saturating_mul(100)) {
            f.event = EventScope::Other;
        }
    }
}

/// The least count that [`background_totals`] holds against the lead's toll of its kind: a
/// mass-casualty count, where tenfold is no rise of one toll.
const FAR_TOLL: u64 = 20;

/// Outcomes from the least said to the most: a part of a whole whose words say more of it
/// ("four of the injured were taken to hospital") is a figure of its own, one whose words
/// say less ("treating 20 people, four of whom were seriously injured") describes the whole.
const OUTCOMES: &[FigureKind] = &[
    FigureKind::Affected,
    FigureKind::Injured,
    FigureKind::Hospitalized,
    FigureKind::Killed,
];

/// Whether a part's kind says more than its whole's (see [`OUTCOMES`]); kinds outside that
/// scale say more whenever they differ.
fn says_more(part: FigureKind, whole: FigureKind) -> bool {
    let rank = |k| OUTCOMES.iter().position(|o| *o == k);
    match (rank(part), rank(whole)) {
        (Some(p), Some(w)) => p > w,
        _ => part != whole,
    }
}

/// The figure a part belongs to: the latest of the paragraph of the kind its words name
/// ("15 of the wounded": an injured count), else the last one of its sentence; never one
/// smaller than the part.
fn whole_of(
    c: &Count,
    out: &[Figure],
    paragraph: usize,
    last_made: Option<usize>,
) -> Option<usize> {
    let value = c.value?;
    let fits = |i: &usize| out[*i].value.or(out[*i].min).is_some_and(|w| value <= w);
    match c.of_kind {
        Some(kind) => (paragraph..out.len())
            .rev()
            .filter(|&i| {
                out[i].kind == kind || (kind == FigureKind::Affected && out[i].of.is_some())
            })
            .find(fits),
        None => last_made.filter(fits),
    }
}

/// A sentence that breaks down a toll just given ("Four people were killed. Two men and
/// two women were killed."): its group counts of one kind that add up to the overall count
/// of that kind before them (earlier in the paragraph, or in the same sentence) are parts
/// of it, not figures of their own. `from` is where the paragraph's figures start in `out`,
/// `sentence` where this sentence's do.
fn breakdowns(out: &mut Vec<Figure>, from: usize, sentence: usize) {
    let mut k = sentence;
    while k < out.len() {
        let kind = out[k].kind;
        let parts: Vec<usize> = (sentence..out.len())
            .filter(|&i| out[i].kind == kind && out[i].of.as_deref().is_some_and(|o| o != "people"))
            .collect();
        let first = parts.first().copied().unwrap_or(out.len());
        let total: Option<u64> = parts.iter().map(|&i| out[i].value).sum();
        let whole = (from..first).rev().find(|&i| {
            out[i].kind == kind && out[i].of.as_deref() == Some("people") && out[i].value == total
        });
        match whole {
            Some(w) if parts.len() >= 2 => {
                for &i in parts.iter().rev() {
                    let part = out.remove(i);
                    let of = part.of.unwrap_or_default().to_lowercase();
                    if let Some(value) = part.value {
                        out[w].includes.push(Subset { of, value });
                    }
                }
                return;
            }
            _ => k += 1,
        }
    }
}

/// One sentence being read.
struct Reading<'a> {
    words: &'a FigureWords,
    text: &'a str,
    start: usize,
    end: usize,
    toks: Vec<Token>,
    /// The tokens lower-cased: what the word classes are matched against.
    lower: Vec<String>,
    /// Where the words that put a count in another incident start (token indices).
    anchors: Vec<usize>,
    /// Whether the sentence speaks of violence (what counted gunmen do).
    violent: bool,
    /// The sentence's time expressions, in text order.
    times: &'a [TimeExpr],
}

/// A count of a sentence as it is being read.
#[derive(Debug, Clone)]
struct Count {
    /// Token indices: where the qualifier (or the number) starts, and the token after the
    /// number.
    qual_first: usize,
    last: usize,
    value: Option<u64>,
    min: Option<u64>,
    max: Option<u64>,
    qualifier: Qualifier,
    /// The head noun of its noun group, and the token after the group.
    noun: Option<Noun>,
    group_end: usize,
    /// What it is a part of, when it is one.
    part: Option<Part>,
    kind: Option<(FigureKind, &'static str)>,
    /// The kind came from its own predicate ("were killed"): a count coordinated before it
    /// shares it.
    by_predicate: bool,
    /// The words its predicate or noun say of it, for a part's label.
    label: Option<String>,
    /// For a part "of the wounded", what its noun says happened.
    of_kind: Option<FigureKind>,
}

#[derive(Debug, Clone)]
struct Noun {
    at: usize,
    people: Option<People>,
    strong: Option<FigureKind>,
    weak: Option<FigureKind>,
    /// Known for people by its ending alone ("pyrotechnicians"): never the subject that did
    /// it ("2 Syrians killed 5 Injured" is a headline of two tolls).
    by_ending: bool,
}

/// How a count is a part of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// After "including", "among them": of the count before it.
    Subset,
    /// "15 of the wounded", "six of the 13 victims": of the count inside it, else before it.
    Partitive { inner: bool },
    /// "…, 8 fatally": of the count before it.
    Adverb,
    /// "41 women were among those killed": of the latest count of that kind.
    Among,
}

/// A rule that may say the kind of count `i` of a sentence.
type KindRule = fn(&Reading<'_>, &[Count], usize) -> Option<FigureKind>;

/// The kind rules, in the order they are tried: the first that says a kind makes the
/// figure, and names it.
const KIND_RULES: &[(&str, KindRule)] = &[
    ("figures/noun-kind", |_, counts, i| {
        counts[i].noun.as_ref().and_then(|n| n.strong)
    }),
    ("figures/predicate", |r, counts, i| {
        r.predicate(counts, i).map(|p| p.kind)
    }),
    ("figures/verb-before", |r, counts, i| {
        r.verb_before(&counts[i])
    }),
    ("figures/lives", |r, counts, i| r.lives(&counts[i])),
    ("figures/joined", |r, counts, i| r.joined(counts, i)),
    ("figures/coordinated", |r, counts, i| {
        r.coordinated(counts, i)
    }),
    ("figures/toll", |r, counts, i| r.toll(counts, i)),
    ("figures/attack-verb", |r, counts, i| r.attack(counts, i)),
    ("figures/attacker-noun", |r, counts, i| {
        r.attacker_noun(&counts[i])
    }),
    ("figures/armed-group", |r, counts, i| {
        r.armed_group(&counts[i])
    }),
    // "One victim" alone names someone rather than counting.
    ("figures/weak-noun", |_, counts, i| {
        let c = &counts[i];
        c.noun
            .as_ref()
            .and_then(|n| n.weak)
            .filter(|_| c.value.is_none_or(|v| v > 1))
    }),
];

/// What a count's predicate says.
struct Predicate {
    kind: FigureKind,
    /// The words from its first content word through the phrase ("in critical condition",
    /// "seriously injured").
    label: String,
}

/// Words of a predicate that take an object: with one right after, the count is who did it.
const TRANSITIVE: &[&str] = &[
    "killed",
    "shot",
    "wounded",
    "injured",
    "stabbed",
    "hit",
    "struck",
    "murdered",
    "executed",
    "attacked",
    "assaulted",
    "raped",
];
/// Words that open an object.
const OBJECTS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "him", "them", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "several", "people", "at",
];
/// Pronouns, which open another clause's subject.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
/// Quotation marks, which neither end a noun group nor part a verb from its count.
const QUOTES: &[&str] = &["“", "”", "\"", "'", "‘", "’"];
/// Adverbs that make a count after a comma a part of the one before ("…, 8 fatally").
const PART_ADVERBS: &[&str] = &["fatally", "critically", "seriously", "gravely", "mortally"];
/// Words after which a number is a label, not a count ("Vol. 1", "Route 9").
const LABELS: &[&str] = &[
    "vol",
    "volume",
    "part",
    "chapter",
    "episode",
    "season",
    "no",
    "number",
    "page",
    "article",
    "section",
    "room",
    "apartment",
    "unit",
    "flight",
    "route",
    "highway",
    "interstate",
    "gate",
    "platform",
    "phase",
    "level",
    "grade",
    "class",
    "act",
    "scene",
    "block",
    "lot",
    "precinct",
    "district",
    "ward",
    "bus",
    "line",
    "channel",
    "category",
    "stage",
    "pier",
    "terminal",
    "hall",
    "building",
    "floor",
    "street",
    "avenue",
    "road",
];

impl<'a> Reading<'a> {
    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn sentence(&self) -> &'a str {
        &self.text[self.start..self.end]
    }

    /// Reads the figures of the sentence into `out`; the paragraph's figures start at
    /// `paragraph` in it.
    fn figures(&self, scope: EventScope, out: &mut Vec<Figure>, paragraph: usize) {
        let lower = &self.lower;
        let mut counts = self.counts(lower);
        if counts.is_empty() {
            return;
        }
        for i in 0..counts.len() {
            let kind = KIND_RULES
                .iter()
                .find_map(|(name, rule)| rule(self, &counts, i).map(|k| (k, *name)));
            if kind.is_some_and(|(_, name)| name == "figures/predicate") {
                counts[i].by_predicate = true;
            }
            if counts[i].label.is_none() {
                counts[i].label = self.predicate(&counts, i).map(|p| p.label);
            }
            counts[i].kind = kind;
        }
        let when = self
            .times
            .iter()
            .find(|t| {
                t.span.end <= self.end && matches!(t.timex_type, TimexType::Date | TimexType::Time)
            })
            .map(|t| t.value.clone());
        // Who reported the counts, read only for a sentence that makes a figure.
        let attributions = OnceCell::new();
        // The figure each count became, by index: where a part finds its whole.
        let mut made: Vec<Option<usize>> = vec![None; counts.len()];
        let mut last_made: Option<usize> = None;
        for i in 0..counts.len() {
            let c = &counts[i];
            // The whole of a part that is a figure of its own: its incident is the part's.
            let mut whole_figure = None;
            if let Some(part) = c.part {
                let whole = match part {
                    Part::Partitive { inner: true } => (i + 1..(i + 3).min(counts.len()))
                        .find(|&j| counts[j].kind.is_some() && counts[j].part.is_none()),
                    _ => None,
                };
                let parent = match whole {
                    // The count inside is read after this one: it is made first.
                    Some(j) => self.make(&counts[j], scope, &when, &attributions).map(|f| {
                        out.push(f);
                        made[j] = Some(out.len() - 1);
                        out.len() - 1
                    }),
                    None => whole_of(c, out, paragraph, last_made),
                };
                // "Three of the victims were taken to hospital": a part whose own words say
                // another outcome than its whole's is a figure of its own.
                let own = matches!(part, Part::Partitive { .. })
                    && c.kind
                        .is_some_and(|(k, _)| parent.is_none_or(|p| says_more(k, out[p].kind)));
                let label = self.part_label(c, lower).filter(|_| !own);
                match (parent, c.value, label) {
                    (Some(p), Some(value), Some(of)) => {
                        if !out[p]
                            .includes
                            .iter()
                            .any(|s| s.of == of && s.value == value)
                        {
                            out[p].includes.push(Subset { of, value });
                        }
                        continue;
                    }
                    // A part of nothing counted is a figure of its own ("One of the boys was
                    // pronounced dead"), if its words say what happened.
                    _ if own => whole_figure = parent,
                    (None, _, _) if c.kind.is_some() => {}
                    _ => continue,
                }
            }
            if let Some(m) = made[i] {
                last_made = Some(m);
                continue;
            }
            if let Some(mut figure) = self.make(c, scope, &when, &attributions) {
                // "in 2010, nine people were shot, three of them fatally": the part is of
                // the whole's day and incident.
                if let Some(w) = whole_figure.map(|w| &out[w]) {
                    if w.event == EventScope::Other {
                        figure.event = EventScope::Other;
                    }
                    if figure.when.is_none() {
                        figure.when.clone_from(&w.when);
                    }
                }
                out.push(figure);
                made[i] = Some(out.len() - 1);
                last_made = made[i];
            }
        }
    }

    /// The figure a count makes, if its kind is known.
    fn make(
        &self,
        c: &Count,
        scope: EventScope,
        when: &Option<String>,
        attributions: &OnceCell<Vec<source::Attribution>>,
    ) -> Option<Figure> {
        let (kind, rule) = c.kind?;
        // A count with nothing after it and a vague qualifier needs a word before it that
        // says what it counts ("some 60", alone, is no toll).
        if c.noun.is_none()
            && !matches!(
                c.qualifier,
                Qualifier::Exact | Qualifier::AtLeast | Qualifier::MoreThan
            )
            && !matches!(
                rule,
                "figures/verb-before" | "figures/toll" | "figures/predicate"
            )
        {
            return None;
        }
        let of = match &c.noun {
            Some(n) if n.people == Some(People::Everyone) || n.people.is_none() => {
                Some("people".to_string())
            }
            Some(n) => Some(self.span_text(c.last, n.at + 1)),
            None => None,
        };
        let start = self.toks[c.qual_first].start;
        let end = match &c.noun {
            Some(n) => self.toks[n.at].end,
            None => self.toks[c.last - 1].end,
        };
        let event = if scope == EventScope::Other || self.in_other_incident(c) {
            EventScope::Other
        } else {
            EventScope::Main
        };
        let (source, via) = source::attribution(
            attributions.get_or_init(|| source::attributions(self.sentence())),
            start - self.start,
        );
        Some(Figure {
            kind,
            value: c.value,
            min: c.min,
            max: c.max,
            qualifier: c.qualifier,
            of,
            includes: Vec::new(),
            event,
            // The date of the count's own clause, else the sentence's first.
            when: self.clause_date(c).or_else(|| when.clone()),
            source,
            via,
            rule: rule.to_string(),
            span: Span {
                text: self.text[start..end].to_string(),
                start,
                end,
                field: None,
            },
        })
    }

    /// The text of tokens `[from, to)` as written, trimmed of punctuation at its ends.
    fn span_text(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.toks.get(from), self.toks.get(to.saturating_sub(1))) else {
            return String::new();
        };
        self.text[a.start..b.end]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    }

    /// Every count of the sentence that may be one of people, with its noun group and what
    /// it is a part of; numbers that are no count (times, ages, money, labels, negations,
    /// idioms) are left out.
    fn counts(&self, lower: &[String]) -> Vec<Count> {
        let sentence = self.sentence();
        let mut counts: Vec<Count> = Vec::new();
        let mut taken_until = 0;
        for caps in self.words.count.captures_iter(sentence) {
            let Some(whole) = caps.get(0) else { continue };
            if whole.start() < taken_until {
                continue;
            }
            let Some(mut count) = self.count(&caps, lower) else {
                continue;
            };
            taken_until = self.toks[count.last - 1].end - self.start;
            self.noun_group(&mut count, lower);
            if self.refused(&count, lower) {
                continue;
            }
            self.part(&mut count, lower);
            if count.part.is_none() {
                self.among(&mut count, lower);
                // "76 children and 41 women were among those killed": both are parts.
                if count.part == Some(Part::Among) {
                    if let Some(p) = counts.last_mut().filter(|p| {
                        p.part.is_none()
                            && p.noun.is_some()
                            && p.group_end + 1 == count.qual_first
                            && lower[p.group_end] == "and"
                    }) {
                        p.part = Some(Part::Among);
                        p.of_kind = count.of_kind;
                    }
                }
            }
            // "Of the four wounded, three worked at the salon": a count after a fronted "of"
            // group is a part of it.
            if let Some(p) = counts.last().filter(|p| {
                p.part.is_none()
                    && (1..=2).contains(&p.qual_first)
                    && lower[0] == "of"
                    && lower.get(p.group_end).is_some_and(|x| x == ",")
                    && count.qual_first == p.group_end + 1
            }) {
                count.of_kind = p.noun.as_ref().and_then(|n| n.strong.or(n.weak));
                count.part = Some(Part::Partitive { inner: false });
            }
            // "two of the four victims": a count in a partitive's group is its whole.
            if let Some(p) = counts.last_mut().filter(|p| count.qual_first < p.group_end) {
                if let Some(Part::Partitive { inner }) = &mut p.part {
                    *inner = true;
                }
            }
            // "four of whom were seriously injured and 16 who were walking wounded": a
            // count joined to a part is a part too.
            if count.part.is_none()
                && counts.last().is_some_and(|p| p.part.is_some())
                && count.qual_first > 0
                && lower[count.qual_first - 1] == "and"
            {
                count.part = Some(Part::Subset);
            }
            counts.push(count);
        }
        counts
    }

    /// A count from one match of the language's count pattern, with its qualifier; `None` for a number that is
    /// no count by its own shape.
    fn count(&self, caps: &regex::Captures<'_>, lower: &[String]) -> Option<Count> {
        let whole = caps.get(0)?;
        // "and three", "three and": the joining word is not the number's.
        let matched = whole.as_str();
        let lead = matched.len() - strip_and(matched, true).len();
        let trail = matched.len() - strip_and(matched, false).len();
        if lead + trail >= matched.len() {
            return None;
        }
        let (from, to) = (
            self.start + whole.start() + lead,
            self.start + whole.end() - trail,
        );
        // The number must be whole tokens: "17-year-old", "85th" are not counts.
        let first = self.toks.partition_point(|t| t.start < from);
        if self.toks.get(first).is_none_or(|t| t.start != from) {
            return None;
        }
        let last = self.toks[first..].iter().position(|t| t.end == to)? + first + 1;
        // Inside a time expression ("fifteen to twenty minutes", "2002"): not people.
        let i = self.times.partition_point(|t| t.span.start < to);
        if i > 0 && self.times[i - 1].span.end > from {
            return None;
        }
        let before_char = self.text[..from].chars().next_back();
        let after = &self.text[to..self.end];
        let mut after_chars = after.chars();
        let (next, second) = (after_chars.next(), after_chars.next());
        if before_char.is_some_and(|c| matches!(c, '$' | '£' | '€' | '#' | '/' | ':' | '№'))
            || next.is_some_and(|c| matches!(c, '/' | '%'))
            || (next.is_some_and(|c| matches!(c, ':' | '.' | ','))
                && second.is_some_and(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let word_before = first
            .checked_sub(1)
            .map(|i| lower[i].trim_end_matches('.').to_string());
        if word_before
            .as_deref()
            .is_some_and(|w| crate::dates::month_of(w).is_some() || LABELS.contains(&w))
        {
            return None;
        }
        let (value, min, max, mut qualifier) = bounds(caps, &self.words.numbers)?;
        // "several dozen", "a few hundred": vague, not a count.
        let bare_scale = self.toks[first..last].len() == 1
            && matches!(
                lower[first].as_str(),
                "dozen" | "hundred" | "thousand" | "million"
            );
        if bare_scale
            && self
                .words
                .vague
                .ending_at(lower, first.saturating_sub(2), first)
                .is_some()
        {
            return None;
        }
        let mut qual_first = first;
        if let Some(m) = self
            .words
            .qualifier
            .ending_at(lower, first.saturating_sub(4), first)
        {
            if qualifier == Qualifier::Exact {
                qualifier = *m.value;
            }
            qual_first = m.start;
        }
        // "four or more people": at least.
        if lower.get(last).is_some_and(|w| w == "or")
            && lower.get(last + 1).is_some_and(|w| w == "more")
            && qualifier == Qualifier::Exact
        {
            qualifier = Qualifier::AtLeast;
        }
        let (min, max) = match qualifier {
            Qualifier::AtLeast | Qualifier::MoreThan => (value.or(min), None),
            Qualifier::AtMost | Qualifier::LessThan => (None, value.or(max)),
            Qualifier::About => (None, None),
            _ => (min, max),
        };
        Some(Count {
            qual_first,
            last,
            value,
            min,
            max,
            qualifier,
            noun: None,
            group_end: last,
            part: None,
            kind: None,
            by_predicate: false,
            label: None,
            of_kind: None,
        })
    }

    /// The noun group a count heads: up to four words after it ending on a noun for people
    /// or for what happened to them ("two pilots", "10 U.S. citizens", "60 deaths").
    fn noun_group(&self, c: &mut Count, lower: &[String]) {
        let w = self.words;
        for i in c.last..(c.last + 4).min(lower.len()) {
            let word = lower[i].as_str();
            // The dot of an abbreviation ("U.S.") is part of its word.
            let abbreviation = word == "." && i > 0 && self.toks[i - 1].end == self.toks[i].start;
            if self.toks[i].kind == TokenKind::Punct && !QUOTES.contains(&word) && !abbreviation {
                return;
            }
            if self.toks[i].kind == TokenKind::Number || word == "and" || word == "of" {
                return;
            }
            let strong = w.noun_kind.at(lower, i).map(|m| *m.value);
            let weak = w.weak_noun.at(lower, i).map(|m| *m.value);
            let listed = w.people.at(lower, i).map(|m| *m.value);
            // A word known by its ending only right after the count, or one word on ("15
            // young Assyrians"), not across a clause ("three runs as the Indians").
            let near = i <= c.last + 1;
            let people = listed.or_else(|| w.people_by_ending(word).filter(|_| near));
            if strong.is_some() || weak.is_some() || people.is_some() {
                c.noun = Some(Noun {
                    at: i,
                    people,
                    strong,
                    weak,
                    by_ending: listed.is_none() && people.is_some(),
                });
                c.group_end = i + 1;
                return;
            }
        }
    }

    /// Whether a count is no count of people: of things ("two villages", "3 years"),
    /// negated ("no one"), an idiom ("one of the biggest regrets"), or an identification
    /// ("was one of those injured", ", one of the victims,").
    fn refused(&self, c: &Count, lower: &[String]) -> bool {
        let w = self.words;
        // The words before any noun for people: "3 years", "a 43 percent drop in homicides".
        let until = c
            .noun
            .as_ref()
            .map_or((c.last + 3).min(lower.len()), |n| n.at);
        if (c.last..until).any(|i| w.things.contains(lower, i)) {
            return true;
        }
        let before = c.qual_first.checked_sub(1);
        if before.is_some_and(|b| w.negation.contains(lower, b)) {
            return true;
        }
        // "his wife and two children", "Sharon Tate and four of her friends": a list with a
        // part that no number counts gives no figure.
        if c.qual_first >= 2 && lower[c.qual_first - 1] == "and" {
            let b = c.qual_first - 2;
            let possessed = b > 0
                && matches!(
                    lower[b - 1].as_str(),
                    "his" | "her" | "their" | "my" | "our"
                )
                && w.kin.contains(lower, b);
            let named = b > 0
                && self.toks[b].kind == TokenKind::Word
                && self.text[self.toks[b].start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && lower.get(c.last).is_some_and(|x| x == "of")
                && lower
                    .get(c.last + 1)
                    .is_some_and(|x| matches!(x.as_str(), "his" | "her" | "their" | "my" | "our"));
            if possessed || named {
                return true;
            }
        }
        // "Mike Franck, 34, of Tallahassee": an age after a name.
        let after_name = c.qual_first >= 2
            && lower[c.qual_first - 1] == ","
            && self.toks[c.qual_first - 2].kind == TokenKind::Word
            && self.text[self.toks[c.qual_first - 2].start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        // "The tram driver, 42, from Beckenham": an age in commas.
        let in_commas = c.qual_first >= 1
            && lower[c.qual_first - 1] == ","
            && lower.get(c.last).is_some_and(|x| x == ",");
        // "wounded two men, 19 and 20": ages after the people they are of.
        let after_people = c.qual_first >= 2
            && lower[c.qual_first - 1] == ","
            && w.people.contains(lower, c.qual_first - 2)
            && c.value.is_some_and(|v| (13..100).contains(&v))
            && lower
                .get(c.last)
                .is_some_and(|x| matches!(x.as_str(), "and" | "," | "."));
        if (after_name || in_commas || after_people) && c.noun.is_none() {
            return true;
        }
        // "four people with more serious injuries were released from hospital".
        let clause_end = (c.last..(c.last + 16).min(lower.len()))
            .find(|&k| matches!(lower[k].as_str(), ";" | "." | ":"))
            .unwrap_or_else(|| (c.last + 16).min(lower.len()));
        if (c.last..clause_end).any(|k| w.cancel.at(&lower[..clause_end], k).is_some()) {
            return true;
        }
        let partitive = lower.get(c.last).is_some_and(|x| x == "of");
        if partitive {
            let det = lower.get(c.last + 1).map(String::as_str);
            let third = c.last + 2;
            if matches!(det, Some("the" | "his" | "her" | "their" | "my" | "our"))
                && w.superlative.contains(lower, third)
            {
                return true;
            }
            let identified = before.is_some_and(|b| {
                w.identification.contains(lower, b) || (lower[b] == "," && c.value == Some(1))
            });
            if identified {
                return true;
            }
        }
        false
    }

    /// Whether a count is a part of another, and which way.
    fn part(&self, c: &mut Count, lower: &[String]) {
        let w = self.words;
        if let Some(m) = w
            .subset
            .ending_at(lower, c.qual_first.saturating_sub(5), c.qual_first)
        {
            c.part = Some(Part::Subset);
            // "several victims, including three sisters": with no count to be a part of, the
            // part is a count of what the noun before says.
            let mut before = m.start;
            if before > 0 && lower[before - 1] == "," {
                before -= 1;
            }
            c.of_kind = before.checked_sub(1).and_then(|b| {
                w.noun_kind
                    .at(lower, b)
                    .or_else(|| w.weak_noun.at(lower, b))
                    .map(|m| *m.value)
            });
            return;
        }
        if lower.get(c.last).is_some_and(|x| x == "of") {
            let reach = (c.last + 6).min(lower.len());
            let names_people = |i: usize| {
                w.people.contains(lower, i)
                    || w.weak_noun.contains(lower, i)
                    || w.noun_kind.contains(lower, i)
            };
            // "six of the 13 victims": the count inside is the whole.
            let inner = (c.last + 1..(c.last + 4).min(lower.len()))
                .any(|i| self.toks[i].kind == TokenKind::Number);
            let known = w.partitive.at(lower, c.last).is_some();
            if known || inner || (c.last + 1..reach).any(names_people) {
                c.part = Some(Part::Partitive { inner });
                // The group of a partitive ends on its noun ("15 of the wounded"), or with
                // the phrase ("of those killed", "of whom").
                let end = match w.partitive.at(lower, c.last) {
                    Some(m) => Some(m.end - 1),
                    None => (c.last + 1..reach).find(|&i| {
                        names_people(i) || matches!(lower[i].as_str(), "them" | "whom" | "which")
                    }),
                };
                if let Some(end) = end {
                    c.group_end = end + 1;
                }
                c.of_kind = (c.last + 1..c.group_end).find_map(|i| {
                    w.noun_kind
                        .at(lower, i)
                        .or_else(|| w.weak_noun.at(lower, i))
                        .or_else(|| w.after.at(lower, i))
                        .map(|m| *m.value)
                });
            }
            return;
        }
        // "…, 8 fatally": a part of the count before the comma.
        let after_comma = c.qual_first > 0 && lower[c.qual_first - 1] == ",";
        let adverb = lower
            .get(c.last)
            .is_some_and(|x| PART_ADVERBS.contains(&x.as_str()));
        let ends = lower.get(c.last + 1).is_none_or(|x| {
            matches!(
                x.as_str(),
                "," | "." | ";" | ")" | "and" | "after" | "in" | "at" | "on" | "following"
            )
        });
        if after_comma && adverb && ends {
            c.part = Some(Part::Adverb);
            c.label = Some(lower[c.last].clone());
        }
    }

    /// "76 children and 41 women were among those killed": a part of a count of that kind,
    /// said after the count over linking words.
    fn among(&self, c: &mut Count, lower: &[String]) {
        let w = self.words;
        let mut k = c.group_end;
        while k < (c.group_end + 6).min(lower.len()) {
            if let Some(m) = w.among.at(lower, k) {
                c.part = Some(Part::Among);
                c.of_kind = Some(*m.value);
                return;
            }
            if !w.linking.contains(lower, k) {
                return;
            }
            k += 1;
        }
    }

    /// What a part is labelled in its whole's `includes`: its own noun ("children"), the
    /// adverb ("fatally"), or what its predicate says ("in critical condition").
    fn part_label(&self, c: &Count, lower: &[String]) -> Option<String> {
        if let Some(label) = &c.label {
            if c.part == Some(Part::Adverb) || matches!(c.part, Some(Part::Partitive { .. })) {
                return Some(label.clone());
            }
        }
        if let Some(n) = &c.noun {
            if !matches!(c.part, Some(Part::Partitive { .. })) {
                return Some(lower[n.at].clone());
            }
        }
        // "six of the 13 victims were women": the noun the copula gives.
        let mut i = c.group_end;
        while lower
            .get(i)
            .is_some_and(|w| self.words.linking.contains(lower, i) && w != "who")
        {
            i += 1;
        }
        if let Some(m) = self.words.people.at(lower, i) {
            return Some(lower[m.start..m.end].join(" "));
        }
        c.label.clone()
    }

    /// What the count's own predicate says: an `after` phrase past its noun group, over
    /// linking words ("were", "have been", "reportedly"), a part in commas ("18 civilians,
    /// including five children, were killed") and at most three other words, before the
    /// clause or the next count ends it. A count with no noun takes only a predicate right
    /// after it ("Three were taken to hospital", "60 dead").
    fn predicate(&self, counts: &[Count], i: usize) -> Option<Predicate> {
        let c = &counts[i];
        // "two of the four victims had died": the predicate is the part's, not the whole's.
        if i > 0
            && counts[i - 1].part == Some(Part::Partitive { inner: true })
            && c.qual_first < counts[i - 1].group_end
        {
            return None;
        }
        let w = self.words;
        let lower = &self.lower;
        // The next count ends the predicate, unless it is the whole inside this one's group
        // ("two of the four victims had died").
        // Nor do the parts listed right after it ("18 civilians including five children and
        // two women were killed"): a part, and the counts listed with it.
        let mut listed = Vec::new();
        if counts.get(i + 1).is_some_and(|n| {
            n.part == Some(Part::Subset)
                && lower.get(c.group_end..n.qual_first).is_some_and(|gap| {
                    // "including", "among them", ", of whom": the words of a part, alone.
                    let gap = gap.strip_prefix(&[",".to_string()]).unwrap_or(gap);
                    w.subset.at(gap, 0).is_some_and(|m| m.end == gap.len())
                })
        }) {
            listed.push(i + 1);
            while let Some(n) = counts.get(i + 1 + listed.len()) {
                let previous = &counts[i + listed.len()];
                let between = lower
                    .get(previous.group_end..n.qual_first)
                    .map(|b| b.join(" "));
                if !matches!(between.as_deref(), Some("and" | "," | ", and")) {
                    break;
                }
                listed.push(i + 1 + listed.len());
            }
        }
        let stop = (i + 1..counts.len())
            .find(|&j| counts[j].qual_first >= c.group_end && !listed.contains(&j))
            .filter(|&j| counts[j].part.is_none())
            .map_or(lower.len(), |j| counts[j].qual_first);
        let mut others = 0;
        let mut linked = false;
        let mut k = c.group_end;
        let mut content_start: Option<usize> = None;
        while k < stop && k < c.group_end + 16 {
            if let Some(m) = w.after.at(&lower[..stop], k) {
                let kind = *m.value;
                // "Two men shot the guard": the count did it.
                let transitive = lower[m.start..m.end]
                    .iter()
                    .any(|x| TRANSITIVE.contains(&x.as_str()));
                let object = lower.get(m.end).is_some_and(|x| {
                    OBJECTS.contains(&x.as_str()) || self.toks[m.end].kind == TokenKind::Number
                });
                let from = content_start.unwrap_or(m.start);
                let label = self.span_text(from, m.end).to_lowercase();
                if transitive && object && !linked && c.noun.as_ref().is_some_and(|n| !n.by_ending)
                {
                    return Some(Predicate {
                        kind: FigureKind::Attackers,
                        label,
                    });
                }
                // "was struck in the back and critically injured": the outcome said after
                // an "and" is what happened.
                if kind == FigureKind::Affected {
                    if let Some(outcome) = self.outcome_after(m.end, stop) {
                        return Some(Predicate {
                            kind: outcome,
                            label,
                        });
                    }
                }
                return Some(Predicate { kind, label });
            }
            // The parts listed right after the count ("including five children and two
            // women") are passed over, with the words that list them.
            if let Some(&j) = listed.iter().find(|&&j| counts[j].qual_first == k) {
                k = counts[j].group_end;
                continue;
            }
            let word = lower[k].as_str();
            if matches!(word, "and" | ",") && listed.iter().any(|&j| counts[j].qual_first == k + 1)
            {
                k += 1;
                continue;
            }
            if word == "," {
                // A part or an aside in commas, followed by the predicate.
                let close = (k + 1..(k + 10).min(stop)).find(|&j| lower[j] == ",");
                match close {
                    Some(j)
                        if w.linking.contains(&lower[..stop], j + 1)
                            || w.after.contains(&lower[..stop], j + 1) =>
                    {
                        k = j + 1;
                        continue;
                    }
                    _ => return None,
                }
            }
            if w.skip.contains(&lower[..stop], k) {
                k += 1;
                continue;
            }
            if self.toks[k].kind == TokenKind::Punct && !QUOTES.contains(&word) {
                return None;
            }
            // Another subject: "the two men he had shot".
            if PRONOUNS.contains(&word) {
                return None;
            }
            if matches!(
                word,
                "and"
                    | "but"
                    | "while"
                    | "whereas"
                    | "or"
                    | "when"
                    | "after"
                    | "before"
                    | "because"
            ) {
                return None;
            }
            if w.linking.contains(&lower[..stop], k) {
                linked = true;
                // "seriously injured": an adverb opens the label.
                if content_start.is_none()
                    && (PART_ADVERBS.contains(&word)
                        || matches!(word, "slightly" | "severely" | "lightly"))
                {
                    content_start = Some(k);
                }
            } else {
                // A part's group names its people ("three of the victims").
                if c.noun.is_none() && !matches!(c.part, Some(Part::Partitive { .. })) {
                    return None;
                }
                others += 1;
                if others > 3 {
                    return None;
                }
            }
            k += 1;
        }
        None
    }

    /// An outcome (killed, injured…) said later in the clause from token `from`, after an
    /// "and", before `stop`.
    fn outcome_after(&self, from: usize, stop: usize) -> Option<FigureKind> {
        let lower = &self.lower[..stop];
        let mut seen_and = false;
        for k in from..(from + 8).min(stop) {
            match lower[k].as_str() {
                "and" => seen_and = true,
                "," | ";" | ":" | "." | "but" => return None,
                _ => {}
            }
            if let Some(m) = self.words.after.at(lower, k) {
                if seen_and && *m.value != FigureKind::Affected {
                    return Some(*m.value);
                }
            }
        }
        None
    }

    /// A verb right before the count (or its qualifier), over an article at most: "killing
    /// 60", "arrested 11 suspects", "fatally shot three men".
    fn verb_before(&self, c: &Count) -> Option<FigureKind> {
        let lower = &self.lower;
        let mut end = c.qual_first;
        if end > 0 && QUOTES.contains(&lower[end - 1].as_str()) {
            end -= 1;
        }
        if end > 0
            && matches!(
                lower[end - 1].as_str(),
                "the" | "another" | "all" | "a" | "an"
            )
        {
            end -= 1;
        }
        let m = self
            .words
            .before
            .ending_at(lower, end.saturating_sub(5), end)?;
        Some(*m.value)
    }

    /// "claimed 300 lives", "cost 12 lives".
    fn lives(&self, c: &Count) -> Option<FigureKind> {
        (self.lower(c.last) == "lives"
            && c.qual_first > 0
            && matches!(
                self.lower(c.qual_first - 1),
                "claimed" | "claiming" | "claim" | "cost" | "costing" | "took" | "taken" | "lost"
            ))
        .then_some(FigureKind::Killed)
    }

    /// The kind of the figure this count is joined to by "and": "killing two crewmembers and
    /// 10 U.S. citizens".
    fn joined(&self, counts: &[Count], i: usize) -> Option<FigureKind> {
        // "two dead and six wounded": the second count's noun says its own kind.
        if counts[i].noun.as_ref().is_some_and(|n| n.weak.is_some()) {
            return None;
        }
        let p = counts[..i].iter().rev().find(|p| p.part.is_none())?;
        let (kind, _) = p.kind?;
        let between = self.lower.get(p.group_end..counts[i].qual_first)?.join(" ");
        matches!(
            between.as_str(),
            "and" | "," | ", and" | "as well as" | "plus" | "and another"
        )
        .then_some(kind)
    }

    /// The kind the next count's predicate gives, when this one is coordinated with it
    /// ("Five children and four medical staff were killed").
    fn coordinated(&self, counts: &[Count], i: usize) -> Option<FigureKind> {
        // A list of a few counts at most: a sentence of a thousand "and"s is no list.
        for k in i..(i + 6).min(counts.len()) {
            let next = counts.get(k + 1)?;
            let between = self
                .lower
                .get(counts[k].group_end..next.qual_first)?
                .join(" ");
            if !matches!(between.as_str(), "and" | "," | ", and") || counts[k].noun.is_none() {
                return None;
            }
            next.noun.as_ref()?;
            if let Some(p) = self.predicate(counts, k + 1) {
                return Some(p.kind);
            }
        }
        None
    }

    /// "The death toll … reached at least 112", "a death toll of 137", "the death of 130":
    /// a toll named earlier in the count's clause, with no other count between.
    fn toll(&self, counts: &[Count], i: usize) -> Option<FigureKind> {
        let c = &counts[i];
        let lower = &self.lower;
        // Back to the last count that is a figure: a number between that is none ("in the
        // night of 18 to 19 April") does not part a toll from its count.
        let floor = counts[..i]
            .iter()
            .rev()
            .find(|p| p.kind.is_some())
            .map_or(0, |p| p.last)
            .max(c.qual_first.saturating_sub(TOLL_REACH));
        let mut from = c.qual_first;
        while from > floor && !matches!(lower[from - 1].as_str(), ";" | ":" | "(" | ")") {
            from -= 1;
        }
        // The count must be what the toll amounts to: right after a word that gives it
        // ("toll of", "rose to", "reached", "stands at", "is"), or with a noun for people.
        let gives = c
            .qual_first
            .checked_sub(1)
            .is_some_and(|k| self.words.gives.contains(lower, k));
        if !gives && c.noun.as_ref().is_none_or(|n| n.people.is_none()) {
            return None;
        }
        (from..c.qual_first).find_map(|k| {
            self.words
                .toll
                .at(&lower[..c.qual_first], k)
                .map(|m| *m.value)
        })
    }

    /// A count that does what attackers do: "two men opened fire", "Two people got out of a
    /// car and opened fire".
    fn attack(&self, counts: &[Count], i: usize) -> Option<FigureKind> {
        let c = &counts[i];
        let lower = &self.lower;
        let stop = counts.get(i + 1).map_or(lower.len(), |n| n.qual_first);
        let reach = (c.group_end + 12).min(stop);
        let mut k = c.group_end;
        while k < reach {
            if self.words.attack.contains(&lower[..reach], k) {
                // Police and troops firing are a headcount, not attackers. A count with no
                // noun is one of people when the verb follows it ("one started shooting"), and
                // a part of a group of people when its group is ("two of the suspects fired").
                let people = match &c.noun {
                    Some(n) => n.people.is_some() && !self.words.forces.contains(lower, n.at),
                    None if matches!(c.part, Some(Part::Partitive { .. })) => (c.last..c.group_end)
                        .any(|j| {
                            self.words.people.contains(lower, j)
                                && !self.words.forces.contains(lower, j)
                        }),
                    None => k == c.group_end,
                };
                return people.then_some(FigureKind::Attackers);
            }
            if matches!(lower[k].as_str(), "." | ";" | ":")
                || self.words.after.contains(&lower[..reach], k)
            {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Gunmen, attackers, assailants counted.
    fn attacker_noun(&self, c: &Count) -> Option<FigureKind> {
        if !self.violent {
            return None;
        }
        let noun = self.lower(c.noun.as_ref()?.at);
        matches!(noun, "gunmen" | "attackers" | "assailants" | "shooters")
            .then_some(FigureKind::Attackers)
    }

    /// "a group of two to five … armed with rifles": armed people in a group.
    fn armed_group(&self, c: &Count) -> Option<FigureKind> {
        c.noun.as_ref()?;
        let before = c.qual_first.checked_sub(1).map(|i| self.lower(i));
        let armed = (c.last..(c.last + 12).min(self.toks.len()))
            .any(|k| matches!(self.lower(k), "armed" | "gunmen"));
        (armed && before == Some("of")).then_some(FigureKind::Attackers)
    }

    /// The date written in the count's clause, nearest the count: "on Dec. 17, 2016", "in
    /// 2010", not a date of the reporting ("police said Tuesday").
    fn clause_date(&self, c: &Count) -> Option<String> {
        let boundary = |k: usize| matches!(self.lower(k), "," | ";" | ":" | "." | "(" | ")");
        let first = (c.qual_first.saturating_sub(20)..c.qual_first)
            .rev()
            .find(|&k| boundary(k))
            .map_or(c.qual_first.saturating_sub(20), |k| k + 1);
        let last = (c.last..(c.last + 12).min(self.toks.len()))
            .find(|&k| boundary(k))
            .unwrap_or_else(|| (c.last + 12).min(self.toks.len()));
        let (from, to) = (
            self.toks.get(first)?.start,
            self.toks.get(last.checked_sub(1)?)?.end,
        );
        let at = self.toks[c.qual_first].start;
        let reporting = |k: Option<usize>| {
            k.and_then(|k| self.lower.get(k)).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "said" | "says" | "told" | "reported" | "announced" | "added" | "confirmed"
                )
            })
        };
        self.times
            .iter()
            .filter(|t| t.span.start >= from && t.span.end <= to)
            .filter(|t| matches!(t.timex_type, TimexType::Date | TimexType::Time))
            .filter(|t| {
                let i = self.toks.partition_point(|x| x.start < t.span.start);
                let j = self.toks.partition_point(|x| x.start < t.span.end);
                !reporting(i.checked_sub(1)) && !reporting(Some(j))
            })
            .min_by_key(|t| t.span.start.abs_diff(at))
            .map(|t| t.value.clone())
    }

    /// Whether words of the count's clause put it in another incident: before it in its
    /// clause or at the sentence's start ("a day after strikes killed 26", "Since the war
    /// began, 300,000 have been killed"), or after it up to its clause's end ("… killed 80
    /// in November alone").
    fn in_other_incident(&self, c: &Count) -> bool {
        let boundary = |k: usize| matches!(self.lower(k), "," | ";" | ":" | "." | "(" | ")");
        let clause_start = (c.qual_first.saturating_sub(30)..c.qual_first)
            .rev()
            .find(|&k| boundary(k))
            .map_or(0, |k| k + 1);
        // Eight words after the count, short of a comma; a dash-enclosed aside counts for
        // none ("35 people have been shot — eight of them fatally — across the city").
        let mut clause_end = c.last;
        let (mut counted, mut aside) = (0, false);
        while clause_end < self.toks.len() && counted < AFTER_COUNT && !boundary(clause_end) {
            if matches!(self.lower(clause_end), "—" | "–") {
                aside = !aside;
            } else if self.lower(clause_end) == "and"
                && self
                    .toks
                    .get(clause_end + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number)
            {
                // A count coordinated with this one shares its clause ("294 wounded and 33
                // dead in … the first six months"): its words count from its own number.
                counted = 0;
            } else if !aside {
                counted += 1;
            }
            clause_end += 1;
        }
        let opening = 8.min(c.qual_first);
        self.anchors.iter().any(|&a| {
            (a < opening || (clause_start..c.qual_first).contains(&a))
                || (c.last..clause_end).contains(&a)
        })
    }
}

/// How many words after a count its clause may name another incident, short of a comma.
const AFTER_COUNT: usize = 8;

/// `s` without an "and" that opens it (`lead`) or closes it.
fn strip_and(s: &str, lead: bool) -> &str {
    let lower = s.to_ascii_lowercase();
    if lead && lower.starts_with("and ") {
        s[4..].trim_start()
    } else if !lead && lower.ends_with(" and") {
        s[..s.len() - 4].trim_end()
    } else {
        s
    }
}

/// A count as the words give it: the number as written (none for a range), its bounds, and
/// the qualifier.
type Bounds = (Option<u64>, Option<u64>, Option<u64>, Qualifier);

/// Value and bounds per SPEC's table; the qualifier words are read apart.
fn bounds(caps: &regex::Captures<'_>, numbers: &words::Numbers) -> Option<Bounds> {
    let number = |name: &str| caps.name(name).map(|m| m.as_str());
    let bare_article = |s: &str| matches!(s.to_lowercase().as_str(), "a" | "an" | "and");
    if let (Some(lo), Some(hi)) = (
        number("lo").or(number("num")),
        number("hi").or(number("num2")),
    ) {
        let (mut lo, hi) = (numbers.parse(lo)?, numbers.parse(hi)?);
        // "5-6,000": the first number has the second's scale.
        if (1..10).contains(&lo) && hi >= 1000 && hi % 1000 == 0 {
            while lo * 10 <= hi {
                lo *= 10;
            }
        }
        return (lo < hi).then_some((None, Some(lo), Some(hi), Qualifier::Range));
    }
    let written = number("num")?;
    if bare_article(written) {
        return None;
    }
    let n = numbers.parse(written)?;
    if numbers.approximate(written) {
        return Some((Some(n), None, None, Qualifier::About));
    }
    Some((Some(n), Some(n), Some(n), Qualifier::Exact))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;
    use crate::times::find_times;

    fn figures(text: &str) -> Vec<Figure> {
        let s = sentences(text);
        let times = find_times("en", text, &s, chrono::NaiveDate::from_ymd_opt(2024, 3, 23));
        let scopes = crate::scope::sentence_scopes(
            text,
            &s,
            &times,
            chrono::NaiveDate::from_ymd_opt(2024, 3, 23),
        );
        find_figures("en", text, &s, &times, &scopes, None)
    }

    fn summary(text: &str) -> Vec<(FigureKind, Bounds, EventScope)> {
        figures(text)
            .iter()
            .map(|f| (f.kind, (f.value, f.min, f.max, f.qualifier), f.event))
            .collect()
    }

    #[test]
    fn a_round_up_past_a_dashed_aside_is_another_incident() {
        let f = summary(
            "At least 35 people have been shot — eight of them fatally — across the city since Friday afternoon.",
        );
        assert!(f.iter().all(|f| f.2 == EventScope::Other), "{f:?}");
    }

    #[test]
    fn tolls_with_qualifiers_and_order() {
        use FigureKind::*;
        use Qualifier::*;
        let m = EventScope::Main;
        assert_eq!(
            summary("At least 60 people were killed and more than 100 injured Friday."),
            [
                (Killed, (Some(60), Some(60), None, AtLeast), m),
                (Injured, (Some(100), Some(100), None, MoreThan), m)
            ]
        );
        assert_eq!(
            summary("The blast killed 12 and wounded about 40."),
            [
                (Killed, (Some(12), Some(12), Some(12), Exact), m),
                (Injured, (Some(40), None, None, About), m)
            ]
        );
        assert_eq!(
            summary("Police apprehended 11 suspects."),
            [(Arrested, (Some(11), Some(11), Some(11), Exact), m)]
        );
        assert_eq!(summary("A group of two to five unidentified people wearing uniforms and armed with rifles opened fire."), [(Attackers, (None, Some(2), Some(5), Range), m)]);
        assert_eq!(summary("A few days earlier, forces raided a house in Karabulak, killing “six fighters”, officials said."), [(Killed, (Some(6), Some(6), Some(6), Exact), EventScope::Other)]);
        assert_eq!(summary("Recent updates report a tragic death toll of 137 individuals, including three children."), [(Killed, (Some(137), Some(137), Some(137), Exact), m)]);
    }

    #[test]
    fn subsets_groups_and_sources() {
        let f = figures("The Minister of Health, Mikhail Murashko, informed that 115 people had been hospitalized, including five children.");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].kind, f[0].value),
            (FigureKind::Hospitalized, Some(115))
        );
        assert_eq!(
            f[0].includes,
            [Subset {
                of: "children".into(),
                value: 5
            }]
        );
        assert!(
            f[0].source
                .as_deref()
                .is_some_and(|s| s.contains("Murashko")),
            "{:?}",
            f[0].source
        );
        let f = figures(
            "A previous report given by the Russian security services (FSB) reported 40 deaths.",
        );
        assert_eq!((f[0].kind, f[0].value), (FigureKind::Killed, Some(40)));
        assert!(f[0].source.as_deref().is_some_and(|s| s.contains("FSB")));
        let f = figures(
            "According to the emergency services, cited by the Interfax agency, 10 people died.",
        );
        assert_eq!(f[0].source.as_deref(), Some("emergency services"));
        assert_eq!(f[0].via, ["Interfax agency"]);
        let f = figures("The crash killed two pilots and 10 U.S. citizens.");
        let of: Vec<Option<&str>> = f.iter().map(|x| x.of.as_deref()).collect();
        assert_eq!(of, [Some("pilots"), Some("U.S. citizens")]);
    }

    #[test]
    fn other_incidents() {
        let text = "At least 60 people died.\n\nIn 2002, Chechen fighters took 912 people hostage in a theater. It ended with the death of 130 people.";
        let f = summary(text);
        assert_eq!(
            f.iter().map(|x| (x.0, x.2)).collect::<Vec<_>>(),
            [
                (FigureKind::Killed, EventScope::Main),
                (FigureKind::Hostages, EventScope::Other),
                (FigureKind::Killed, EventScope::Other)
            ]
        );
    }

    #[test]
    fn a_later_toll_tenfold_the_leads_is_another_incidents() {
        let text = "A bomb killed six people in Aleppo on Wednesday. The blast wounded 30. \
                    Evacuations resumed. Residents fled. \
                    A massive explosion near the buses killed more than 120 evacuees. \
                    Later four more people were killed.";
        let scopes: Vec<_> = summary(text).iter().map(|x| (x.1 .0, x.2)).collect();
        assert!(
            scopes.contains(&(Some(120), EventScope::Other)),
            "{scopes:?}"
        );
        assert!(scopes.contains(&(Some(6), EventScope::Main)), "{scopes:?}");
        assert!(scopes.contains(&(Some(4), EventScope::Main)), "{scopes:?}");
    }

    #[test]
    fn a_list_of_parts_between_a_count_and_its_predicate() {
        let f = figures("At least 18 civilians including five children and two women were killed in an airstrike.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].kind, f[0].value), (FigureKind::Killed, Some(18)));
        let parts: Vec<_> = f[0]
            .includes
            .iter()
            .map(|s| (s.of.as_str(), s.value))
            .collect();
        assert_eq!(parts, [("children", 5), ("women", 2)]);
        let f = figures(
            "Fifteen civilians among them 11 children were killed in a barrel bomb attack.",
        );
        assert_eq!(
            f.iter().map(|x| (x.kind, x.value)).collect::<Vec<_>>(),
            [(FigureKind::Killed, Some(15))]
        );
    }

    #[test]
    fn coordinated_counts_share_their_round_up() {
        let f = summary("Three died and 16 were wounded in seven separate shootings across the city over the weekend.");
        assert!(f.iter().all(|x| x.2 == EventScope::Other), "{f:?}");
    }

    #[test]
    fn people_known_by_the_ending_of_their_noun() {
        let f = figures("The two pyrotechnicians were rescued from the water.");
        assert_eq!(
            f.iter().map(|x| (x.kind, x.value)).collect::<Vec<_>>(),
            [(FigureKind::Rescued, Some(2))]
        );
        assert!(figures("Two lists were killed off.").is_empty());
        assert!(figures("He gave up three runs as the Indians hit back.").is_empty());
        assert!(figures("2 Syrians killed 5 in a raid.")
            .iter()
            .all(|x| x.kind != FigureKind::Attackers));
    }

    #[test]
    fn ages_are_not_counts() {
        let f = figures("A 17-year-old girl and two 18-year-old boys were injured, police said.");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].kind, f[0].value, f[0].of.as_deref()),
            (FigureKind::Injured, Some(2), Some("18-year-old boys"))
        );
        assert!(figures("A seven-year-old boy has died.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_hold(text in "([A-Za-zé’“” ,.-]{0,12}| at least| killed| injured| people| and| two| 18| -year-old| including| five| children| according to| toll of| 60){0,30}") {
            for f in figures(&text) {
                proptest::prop_assert_eq!(text.get(f.span.start..f.span.end), Some(f.span.text.as_str()));
            }
        }
    }

    #[test]
    fn long_multibyte_prefixes_are_cut_on_character_boundaries() {
        let text = format!("{} killed 5 people.", "é".repeat(60));
        assert_eq!(figures(&text).len(), 1);
    }

    fn kinds(text: &str) -> Vec<(FigureKind, Option<u64>, String)> {
        figures(text)
            .into_iter()
            .map(|f| (f.kind, f.value.or(f.min), f.rule))
            .collect()
    }

    #[test]
    fn what_happened_decides_the_kind() {
        use FigureKind::*;
        let one = |text: &str| {
            kinds(text)
                .into_iter()
                .map(|(k, v, _)| (k, v))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            one("Over 50 people were taken to hospital."),
            [(Hospitalized, Some(50))]
        );
        assert_eq!(
            one("At least seven people have been killed and more than 50 taken to hospital."),
            [(Killed, Some(7)), (Hospitalized, Some(50))]
        );
        assert_eq!(
            one("Seven people were shot at the park."),
            [(Affected, Some(7))]
        );
        assert_eq!(
            one("Two victims are in critical condition."),
            [(Injured, Some(2))]
        );
        assert_eq!(
            one("Six victims were transported to Via Christi Hospital."),
            [(Hospitalized, Some(6))]
        );
        assert_eq!(
            one("Investigators pulled four more bodies out of a pond."),
            [(Killed, Some(4))]
        );
        assert_eq!(
            one("He fatally shot three men at an apartment complex."),
            [(Killed, Some(3))]
        );
        assert_eq!(
            one("Two men opened fire on the crowd."),
            [(Attackers, Some(2))]
        );
        assert_eq!(
            one("One was struck in the back and critically injured."),
            [(Injured, Some(1))]
        );
        assert_eq!(
            one("More than 6 million are internally displaced."),
            [(Displaced, Some(6_000_000))]
        );
        assert_eq!(
            one("The death toll from the blast on the convoy reached at least 112 people."),
            [(Killed, Some(112))]
        );
    }

    #[test]
    fn no_count_of_people() {
        for text in [
            "No one has been arrested in connection with the attack.",
            "Kevin Snow, 57, was one of those injured.",
            "It was one of the biggest regrets of my life.",
            "Mike Franck, 34, of Tallahassee, died at the scene.",
            "Dozens of people were evacuated from two villages.",
            "Four people with more serious injuries were released from hospitals on Wednesday.",
            "20 people were injured in 112 tram-related accidents.",
        ] {
            let found = kinds(text);
            assert!(
                found.iter().all(|(_, v, _)| !matches!(
                    v,
                    Some(1) | Some(2) | Some(34) | Some(4) | Some(112)
                )),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn parts_become_includes_of_their_whole() {
        let f = figures("At least 18 civilians, including five children, were killed.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].kind, f[0].value), (FigureKind::Killed, Some(18)));
        assert_eq!(
            f[0].includes,
            [Subset {
                of: "children".into(),
                value: 5
            }]
        );
        let f = figures(
            "The blast wounded 40 people. Fifteen of the wounded were in critical condition.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].includes[0].value, 15);
        let f = figures("Four people were killed. Two men and two women were killed.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].includes.len(), 2);
        let f = figures("At least 35 people have been shot, 8 fatally.");
        assert_eq!(
            f[0].includes,
            [Subset {
                of: "fatally".into(),
                value: 8
            }]
        );
    }

    #[test]
    fn other_incidents_in_the_clause() {
        let events = |text: &str| figures(text).iter().map(|f| f.event).collect::<Vec<_>>();
        assert_eq!(
            events("The attack in Idlib came a day after air strikes killed 26 people."),
            [EventScope::Other]
        );
        assert_eq!(
            events("The war has killed more than 280,000 people since 2011."),
            [EventScope::Other]
        );
        assert_eq!(
            events("At least 60 people were killed on Friday. Since then more than a quarter of a million people have been killed."),
            [EventScope::Main, EventScope::Other]
        );
    }

    #[test]
    fn other_years_and_tallies() {
        let text = "Thirteen people were shot on Monday. It recalled another shooting; in 2010, \
            nine people were shot, three of them fatally. The city has had 24 homicides this \
            year, a 43 percent drop in homicides.";
        let published = chrono::NaiveDate::from_ymd_opt(2013, 3, 12);
        let s = sentences(text);
        let times = find_times("en", text, &s, published);
        let scopes = vec![EventScope::Main; s.len()];
        let f: Vec<_> = find_figures("en", text, &s, &times, &scopes, published)
            .into_iter()
            .map(|f| (f.kind, f.value, f.event))
            .collect();
        use EventScope::*;
        use FigureKind::*;
        assert_eq!(
            f,
            [
                (Affected, Some(13), Main),
                (Affected, Some(9), Other),
                (Killed, Some(3), Other),
                (Killed, Some(24), Other)
            ]
        );
    }

    #[test]
    fn numbers_with_scales_and_ranges() {
        let f = figures("Around 5-6,000 people were evacuated.");
        assert_eq!((f[0].min, f[0].max), (Some(5_000), Some(6_000)));
        let f = figures("More than a quarter of a million people have been killed.");
        assert_eq!(f[0].value, Some(250_000));
    }

    #[test]
    fn not_people() {
        for text in [
            "They lay down for fifteen to twenty minutes.",
            "It cost $60 million and took 3 years.",
            "Only three or four bursts were heard.",
            "Dozens of people were killed.",
            "In 2002 the theater was attacked.",
            "He fired 20 shots.",
            "The city has 300,000 residents.",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:?}", summary(text));
        }
    }

    #[test]
    fn parts_with_their_own_outcome() {
        use FigureKind::*;
        let kv = |text: &str| {
            figures(text)
                .iter()
                .map(|f| (f.kind, f.value, f.includes.len()))
                .collect::<Vec<_>>()
        };
        // The outcome said of the part is its own; the whole inside keeps its noun's kind.
        assert_eq!(
            kv("Police said that two of the four shooting victims had died."),
            [(Affected, Some(4), 0), (Killed, Some(2), 0)]
        );
        assert_eq!(
            kv("Ten people were injured. Four of the injured were taken to Grant Medical Center."),
            [(Injured, Some(10), 0), (Hospitalized, Some(4), 0)]
        );
        // Less said of the part than of the whole describes the whole.
        assert_eq!(
            kv("The hospital was treating 20 people, four of whom were seriously injured."),
            [(Hospitalized, Some(20), 1)]
        );
        // A part that says no outcome, with no whole, counts nothing.
        assert!(figures("Four of the victims were teenagers.").is_empty());
        // A fronted "of" group is the whole of the count after it.
        assert_eq!(
            kv("Of the four wounded, three were taken to hospital."),
            [(Injured, Some(4), 0), (Hospitalized, Some(3), 0)]
        );
        assert_eq!(
            kv("Five are injured, one critically after the shooting."),
            [(Injured, Some(5), 1)]
        );
        // Ages after the people they are of count nothing.
        assert_eq!(
            kv("The attack wounded two men, 19 and 20, police said."),
            [(Injured, Some(2), 0)]
        );
        // Each count of a pair keeps the outcome its own noun says.
        assert_eq!(
            kv("The gunman left two dead and six wounded."),
            [(Killed, Some(2), 0), (Injured, Some(6), 0)]
        );
    }
}
