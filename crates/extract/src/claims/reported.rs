//! Who did it, according to whom: an act — shot, bombed, transferred oil — that a source
//! attributes to a party in what it says ("police said the suspect shot him", "according to
//! the Observatory, Russian warplanes struck the market", "Police believe Holmes shot her
//! sister", "… killing 15 medics activists in the town reported"), or the identity a source
//! gives the perpetrators ("police say the attackers appeared to be Arab or North African").
//!
//! What a source says is a statement's content, a belief ("X believes"), or a sentence that
//! ends with its reporter. The party is the subject of the act in it — the entity naming it,
//! else its words ("Chinese ships") — or, in the passive, the one after "by"; who says so is
//! the source. Hedges ("likely", "appeared", a belief) make a suggestion. The outlet's own
//! narration, with no source, is no position of anyone's and is left out.

use std::sync::LazyLock;

use crosscheck_model::{Claim, EventScope, Span, Stance, Statement};

use super::{conditional, country, floor_char, negated};
use crate::lexicon::{Entries, Phrases};
use crate::mentions::Mentions;
use crate::segment::{tokens_in, Token, TokenKind};

/// The classes of `data/LANG/claims.tsv`.
pub(super) struct ClaimWords {
    act: Phrases<()>,
    observe: Phrases<()>,
    seen: Phrases<()>,
    aspectual: Phrases<()>,
    blames_for: Phrases<()>,
    evidence: Phrases<()>,
    hedge: Phrases<()>,
    belief: Phrases<()>,
    reporter: Phrases<()>,
    pub(super) source: Phrases<()>,
    perpetrator: Phrases<()>,
    identity: Phrases<Stance>,
    not_party: Phrases<()>,
    event_noun: Phrases<()>,
    verb: Phrases<()>,
    pub(super) actor: Phrases<()>,
    report: Phrases<()>,
    forces: Phrases<()>,
    pub(super) instrument: Phrases<()>,
    pub(super) role: Phrases<()>,
    pub(super) organ: Phrases<()>,
    pub(super) group: Phrases<()>,
}

pub(super) static ENGLISH: LazyLock<ClaimWords> = LazyLock::new(|| {
    let file = "data/en/claims.tsv";
    let e = Entries::parse(file, include_str!("../../data/en/claims.tsv"));
    ClaimWords {
        act: e.set("act"),
        observe: e.set("observe"),
        seen: e.set("seen"),
        aspectual: e.set("aspectual"),
        blames_for: e.set("blames-for"),
        evidence: e.set("evidence"),
        hedge: e.set("hedge"),
        belief: e.set("belief"),
        reporter: e.set("reporter"),
        source: e.set("source"),
        perpetrator: e.set("perpetrator"),
        identity: e.phrases(file, "identity", |v| match v {
            "asserts" => Some(Stance::Asserts),
            "suggests" => Some(Stance::Suggests),
            _ => None,
        }),
        not_party: e.set("not-party"),
        event_noun: e.set("event-noun"),
        verb: e.set("verb"),
        actor: e.set("actor"),
        report: e.set("report"),
        forces: e.set("forces"),
        instrument: e.set("instrument"),
        role: e.set("role"),
        organ: e.set("organ"),
        group: e.set("group"),
    }
});

/// What a source says in a sentence: the words (token range of the sentence), who says
/// it, and whether it is a belief.
struct Frame {
    from: usize,
    to: usize,
    by: String,
    hedged: bool,
    rule: &'static str,
}

/// What a statement says, by whom: its content's byte range, its speaker (a pronoun read as
/// the named speaker before it) and whether its cue is a belief.
pub(super) struct Said {
    from: usize,
    to: usize,
    by: String,
    hedged: bool,
}

/// The statements of a document with a named speaker, in the order of their contents: read
/// once for all its sentences.
pub(super) fn said(statements: &[Statement]) -> Vec<Said> {
    let mut out: Vec<Said> = statements
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let by = super::named_speaker(statements, i, s.speaker.as_deref()?)?;
            let from = s.span.start + s.span.text.find(&s.content)?;
            Some(Said {
                from,
                to: from + s.content.len(),
                by,
                hedged: s
                    .cue
                    .as_deref()
                    .is_some_and(|c| ENGLISH.belief.contains(&[c.to_lowercase()], 0)),
            })
        })
        .collect();
    out.sort_by_key(|s| s.from);
    out
}

/// The positions of the sentences' reported speech, each with the rule that read it.
pub(super) fn reported_claims(
    text: &str,
    sentences: &[(usize, usize)],
    scopes: &[EventScope],
    mentions: &Mentions<'_>,
    said: &[Said],
    entities: &[crosscheck_model::Entity],
) -> Vec<Claim> {
    let w = &*ENGLISH;
    let mut out: Vec<Claim> = Vec::new();
    for (&(start, end), &event) in sentences.iter().zip(scopes) {
        // An act told of another incident is no position on this one's.
        if event == EventScope::Other {
            continue;
        }
        let toks = tokens_in(text, start, end);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| text[t.start..t.end].to_lowercase())
            .collect();
        let reading = Sentence {
            text,
            toks: &toks,
            lower: &lower,
            mentions,
            entities,
        };
        let mut frames = reading.source_frames(w, said, start, end);
        frames.extend(reading.report_frames(w));
        frames.extend(reading.observation_frames(w));
        let first = out.len();
        for frame in &frames {
            for (party, stance, rule) in reading.positions(w, frame) {
                // One source read twice, whole and in part ("Israel", "Sheriff Scott
                // Israel"), says it once, by its fuller name.
                if let Some(c) = out[first..].iter_mut().find(|c| {
                    c.party == party
                        && c.stance == stance
                        && c.by.as_deref().is_some_and(|by| {
                            words_within(by, &frame.by) || words_within(&frame.by, by)
                        })
                }) {
                    if c.by.as_ref().is_some_and(|by| by.len() < frame.by.len()) {
                        c.by = Some(frame.by.clone());
                    }
                    continue;
                }
                let (from, until) =
                    evidence(text, start, end, toks[frame.from.min(toks.len() - 1)].start);
                out.push(Claim {
                    stance,
                    party,
                    by: Some(frame.by.clone()),
                    event,
                    rule: rule.to_string(),
                    span: Span {
                        text: text[from..until].to_string(),
                        start: from,
                        end: until,
                        field: None,
                    },
                });
            }
        }
    }
    out
}

/// The spans of a sentence that a source says (statements, beliefs, reports, a trailing
/// reporter), as byte ranges with who says them: what the phrase rules read their `by` from
/// when no statement holds them.
pub(super) fn sources(
    text: &str,
    start: usize,
    end: usize,
    mentions: &Mentions<'_>,
    said: &[Said],
    entities: &[crosscheck_model::Entity],
) -> Vec<(usize, usize, String)> {
    let w = &*ENGLISH;
    let toks = tokens_in(text, start, end);
    if toks.is_empty() {
        return Vec::new();
    }
    let lower: Vec<String> = toks
        .iter()
        .map(|t| text[t.start..t.end].to_lowercase())
        .collect();
    let reading = Sentence {
        text,
        toks: &toks,
        lower: &lower,
        mentions,
        entities,
    };
    reading
        .source_frames(w, said, start, end)
        .into_iter()
        .filter(|f| f.from < f.to)
        .map(|f| {
            let from = toks[f.from.min(toks.len() - 1)].start;
            let to = toks[f.to.min(toks.len()) - 1].end;
            (from, to, f.by)
        })
        .collect()
}

/// The sentence as evidence, cut around `at` when it is too long to read.
fn evidence(text: &str, start: usize, end: usize, at: usize) -> (usize, usize) {
    const REACH: usize = 300;
    if end - start <= 2 * REACH {
        (start, end)
    } else {
        let from = floor_char(text, at.saturating_sub(REACH).max(start));
        (from, floor_char(text, (at + REACH).min(end)))
    }
}

struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Token],
    lower: &'a [String],
    mentions: &'a Mentions<'a>,
    entities: &'a [crosscheck_model::Entity],
}

/// Words that end the subject of an act, reading back from it.
const BOUNDARIES: &[&str] = &[
    ",", ";", ":", "that", "which", "“", "”", "\"", "(", ")", "—", "–", "but", "while", "whereas",
    "when", "because", "after", "before",
];
/// Quotation marks that open a quote.
const OPENING_QUOTES: &[&str] = &["\"", "“", "'", "‘"];
/// Words that open a noun group.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "two", "three", "four", "several", "some",
    "many", "both", "all", "one", "this", "these", "those",
];
/// Prepositions, which end the head of a noun group ("air strikes in Aleppo province").
const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "on", "from", "with", "near", "by", "for", "to", "inside", "outside",
    "behind", "into", "without", "among", "across", "through", "around", "during", "under",
];
/// Words before an act that make it passive.
const PASSIVE: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "got", "get", "gets", "getting",
];
/// Personal pronouns: no party is named by one.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "their",
];
/// Words after an act that show it has no object, so that it is a participle describing
/// someone ("a niece shot in the arm"), not something a subject did.
const NO_OBJECT: &[&str] = &[
    "once",
    "twice",
    "repeatedly",
    "dead",
    "out",
    "off",
    "up",
    "down",
    "back",
    "herself",
    "himself",
    "themselves",
    "itself",
    "in",
    "at",
    "on",
    "during",
    "near",
    "outside",
    "inside",
    "while",
    "after",
    "before",
    "and",
    "or",
    "but",
    "when",
    "as",
    "since",
    "last",
    "this",
    "early",
    "late",
    "yesterday",
    "today",
];

impl Sentence<'_> {
    /// The token index of the first token starting at or after byte `at`.
    fn token_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }

    /// Statements whose content lies in this sentence, with a speaker that names someone.
    fn statement_frames(&self, said: &[Said], start: usize, end: usize) -> Vec<Frame> {
        let first = said.partition_point(|s| s.from < start);
        said[first..]
            .iter()
            .take_while(|s| s.from < end)
            .map(|s| Frame {
                from: self.token_at(s.from),
                to: self.token_at(s.to.min(end)),
                by: s.by.clone(),
                hedged: s.hedged,
                rule: "claims/reported-act",
            })
            .collect()
    }

    /// "Police believe Dekitta Holmes shot…": a source, a belief cue, what it believes.
    fn belief_frames(&self, w: &ClaimWords) -> Vec<Frame> {
        let mut out = Vec::new();
        for k in 1..self.lower.len() {
            if !w.belief.contains(self.lower, k) {
                continue;
            }
            let Some(by) = self.source_before(w, k) else {
                continue;
            };
            let from = if self.lower.get(k + 1).is_some_and(|x| x == "that") {
                k + 2
            } else {
                k + 1
            };
            out.push(Frame {
                from,
                to: self.lower.len(),
                by,
                hedged: true,
                rule: "claims/believed-act",
            });
        }
        out
    }

    /// "… killing 15 medics activists in the town reported.": a sentence that ends with a
    /// source and a reporting verb, with no comma between.
    /// What a source says of the sentence, and who: its statements, beliefs, and a source
    /// after it or in commas within it.
    fn source_frames(&self, w: &ClaimWords, said: &[Said], start: usize, end: usize) -> Vec<Frame> {
        let mut frames = self.statement_frames(said, start, end);
        frames.extend(self.belief_frames(w));
        frames.extend(self.trailing_frame(w));
        frames.extend(self.parenthetical_frame(w));
        frames
    }

    /// "Images taken from space reportedly show Chinese tankers transferring oil": what is
    /// seen with says what it shows; who says so is the evidence's own noun group ("US spy
    /// satellites", "satellite images").
    fn observation_frames(&self, w: &ClaimWords) -> Vec<Frame> {
        let mut out = Vec::new();
        for k in 1..self.lower.len() {
            let Some(m) = w.observe.at(self.lower, k) else {
                continue;
            };
            // The evidence opens the clause of the observing verb, a few words before it.
            let mut lo = k;
            while lo > 0
                && k - lo < 8
                && !BOUNDARIES.contains(&self.lower[lo - 1].as_str())
                && self.toks[lo - 1].kind != TokenKind::Punct
            {
                lo -= 1;
            }
            let Some(noun) = (lo..k).find(|&i| w.evidence.contains(self.lower, i)) else {
                continue;
            };
            // Its words: the noun and up to two words before it ("US spy satellites").
            let mut first = noun;
            while first > lo
                && noun - first < 2
                && self.toks[first - 1].kind == TokenKind::Word
                && !DETERMINERS.contains(&self.lower[first - 1].as_str())
            {
                first -= 1;
            }
            let hedged = (noun..k).any(|i| w.hedge.contains(self.lower, i));
            out.push(Frame {
                from: m.end,
                to: self.lower.len(),
                by: self.text[self.toks[first].start..self.toks[noun].end].to_string(),
                hedged,
                rule: "claims/observed-act",
            });
        }
        out
    }

    /// The party an observation shows in the act at token `k` (an -ing form): the noun group
    /// between the observing words and the act ("spotted Chinese ships transferring oil",
    /// "shown \"Chinese ships selling oil"), past the adverbs of the act ("illegally").
    fn observed(&self, w: &ClaimWords, k: usize) -> Option<String> {
        if !self.lower[k].ends_with("ing") {
            return None;
        }
        // The observing words may open the frame itself ("photos of", seen from "captured").
        let seen = (k.saturating_sub(8)..k)
            .rev()
            .find_map(|i| w.observe.at(self.lower, i).filter(|m| m.end < k))?;
        // "being caught red handed selling": the one seen is the passive's subject.
        if self.passive_before(seen.start) {
            return None;
        }
        let mut lo = seen.end;
        while lo < k && OPENING_QUOTES.contains(&self.lower[lo].as_str()) {
            lo += 1;
        }
        let end = self.past_adverbs(k, lo);
        // The act follows its doer at once: "show solidarity in protecting … and
        // delivering" shows no one doing it.
        let joined = (lo..end).any(|i| {
            PREPOSITIONS.contains(&self.lower[i].as_str())
                || matches!(self.lower[i].as_str(), "and" | "or")
        });
        // A doer, not the act's own modifiers ("captured the shooting", "footage of a mass
        // shooting").
        (lo < end && !joined && self.doer(w, lo, end))
            .then(|| self.noun_group(w, lo, end))
            .flatten()
    }

    /// "Mrs. Johnson and physical evidence, the sheriff said, led them to suspect …": a
    /// source in commas in the middle of the sentence says all of it.
    fn parenthetical_frame(&self, w: &ClaimWords) -> Option<Frame> {
        let n = self.lower.len();
        (1..n).find_map(|open| {
            if self.lower[open] != "," {
                return None;
            }
            // ", the sheriff said,": up to four words, then the verb, then a comma.
            let verb = (open + 2..(open + 6).min(n.saturating_sub(1)))
                .find(|&v| w.reporter.contains(self.lower, v) && self.lower[v + 1] == ",")?;
            let mut from = open + 1;
            while from < verb && DETERMINERS.contains(&self.lower[from].as_str()) {
                from += 1;
            }
            let names_source = (from..verb).any(|i| w.source.contains(self.lower, i))
                || self
                    .mentions
                    .last_within(self.toks[from].start, self.toks[verb - 1].end)
                    .is_some();
            let plain = (from..verb).all(|i| self.toks[i].kind != TokenKind::Punct);
            (from < verb && names_source && plain).then(|| Frame {
                from: 0,
                to: n,
                by: self.text[self.toks[from].start..self.toks[verb - 1].end].to_string(),
                hedged: false,
                rule: "claims/reported-act",
            })
        })
    }

    fn trailing_frame(&self, w: &ClaimWords) -> Option<Frame> {
        let mut last = self.lower.len();
        while last > 0 && self.toks[last - 1].kind == TokenKind::Punct {
            last -= 1;
        }
        let verb = last.checked_sub(1)?;
        if w.reporter.contains(self.lower, verb) {
            // The source: up to four words before the verb, opening on a source noun.
            let from = (verb.saturating_sub(4)..verb).find(|&i| w.source.contains(self.lower, i));
            if let Some(from) = from {
                if self.lower[from..verb].iter().any(|x| x == ",") || from == 0 {
                    return None;
                }
                let by = self.text[self.toks[from].start..self.toks[verb - 1].end].to_string();
                return Some(Frame {
                    from: 0,
                    to: from,
                    by,
                    hedged: false,
                    rule: "claims/reported-act",
                });
            }
            return self.named_trailing(verb);
        }
        // "… killed at least 18 people, said the Observatory.": the verb before its source.
        let verb = (last.saturating_sub(6)..last).find(|&i| w.reporter.contains(self.lower, i))?;
        if verb == 0 || verb + 1 >= last {
            return None;
        }
        let mut from = verb + 1;
        while from < last && DETERMINERS.contains(&self.lower[from].as_str()) {
            from += 1;
        }
        let names_source = (from..last).any(|i| w.source.contains(self.lower, i))
            || self
                .mentions
                .last_within(self.toks[from].start, self.toks[last - 1].end)
                .is_some();
        if !names_source || (from..last).any(|i| self.toks[i].kind == TokenKind::Punct) {
            return None;
        }
        let by = self.text[self.toks[from].start..self.toks[last - 1].end].to_string();
        let to = if self.lower[verb - 1] == "," {
            verb - 1
        } else {
            verb
        };
        Some(Frame {
            from: 0,
            to,
            by,
            hedged: false,
            rule: "claims/reported-act",
        })
    }

    /// "… bombed aid trucks near Aleppo the Syrian Observatory for Human Rights also
    /// reported": a person or organization named right before the closing verb (past an
    /// adverb), with no comma before it — a text whose commas were lost.
    fn named_trailing(&self, verb: usize) -> Option<Frame> {
        let mut end = verb;
        while end > 1 && matches!(self.lower[end - 1].as_str(), "also" | "later" | "earlier") {
            end -= 1;
        }
        let last = end.checked_sub(1)?;
        let (s, e, entity) = self
            .mentions
            .last_within(self.toks[end.saturating_sub(8)].start, self.toks[last].end)?;
        let from = self.token_at(s);
        let named = matches!(
            entity.entity_type,
            crosscheck_model::EntityType::Person | crosscheck_model::EntityType::Org
        );
        let mut to = from;
        while to > 0 && DETERMINERS.contains(&self.lower[to - 1].as_str()) {
            to -= 1;
        }
        let plain = to > 0 && self.toks[to - 1].kind == TokenKind::Word;
        (named && e == self.toks[last].end && plain).then(|| Frame {
            from: 0,
            to,
            by: entity.name.clone(),
            hedged: false,
            rule: "claims/reported-act",
        })
    }

    /// "a South Korean report that Chinese ships supplied oil": what a report says, with
    /// the report's words as who says so.
    fn report_frames(&self, w: &ClaimWords) -> Vec<Frame> {
        let mut out = Vec::new();
        for k in 1..self.lower.len() {
            if !w.report.contains(self.lower, k) {
                continue;
            }
            // The report's own words: its modifiers back to a determiner or a boundary.
            let mut lo = k;
            while lo > 0
                && lo + 3 > k
                && !DETERMINERS.contains(&self.lower[lo - 1].as_str())
                && !BOUNDARIES.contains(&self.lower[lo - 1].as_str())
                && !PREPOSITIONS.contains(&self.lower[lo - 1].as_str())
                && self.toks[lo - 1].kind == TokenKind::Word
            {
                lo -= 1;
            }
            // "the Yonhap news agency reports that …": after a source noun the report word
            // is its verb, and the source alone says it.
            let verb = k > lo && w.source.contains(self.lower, k - 1);
            let last = if verb { k - 1 } else { k };
            let by = self.text[self.toks[lo].start..self.toks[last].end].to_string();
            let from = if self.lower.get(k + 1).is_some_and(|x| x == "that") {
                k + 2
            } else {
                k + 1
            };
            let to = (from..self.lower.len())
                .find(|&i| matches!(self.lower[i].as_str(), ";" | "." | ":"))
                .unwrap_or(self.lower.len());
            out.push(Frame {
                from,
                to,
                by,
                hedged: false,
                rule: "claims/reported-act",
            });
        }
        out
    }

    /// The source right before token `k`: an entity ending there, else a source noun.
    fn source_before(&self, w: &ClaimWords, k: usize) -> Option<String> {
        let at = self.toks[k].start;
        if let Some((_, e, entity)) = self
            .mentions
            .last_within(self.toks[k - 1].start.saturating_sub(60), at)
        {
            if self.text[e..at].trim().is_empty() {
                return Some(entity.name.clone());
            }
        }
        (w.source.contains(self.lower, k - 1)).then(|| self.lower[k - 1].clone())
    }

    /// The positions a frame holds: the perpetrators' identity, and each act with its party.
    fn positions(&self, w: &ClaimWords, frame: &Frame) -> Vec<(String, Stance, &'static str)> {
        let mut out = Vec::new();
        let to = frame.to.min(self.lower.len());
        let words = &self.lower[..to];
        // Past an opening quote: where the identity given starts.
        let past_quote = |at: usize| {
            let quote = words
                .get(at)
                .is_some_and(|x| OPENING_QUOTES.contains(&x.as_str()));
            at + usize::from(quote)
        };
        let named_after = |at: usize| {
            let at = past_quote(at);
            at < to
                && self.text[self.toks[at].start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        let mut k = frame.from;
        while k < to {
            // "the attackers appeared to be Arab or North African"; "they look 'Arab or
            // North African'", a pronoun only before a name ("they looked for clues", "they
            // looked like a family" are no identity).
            let pronoun = words[k] == "they";
            if w.perpetrator.contains(words, k) || pronoun {
                if let Some(m) = w.identity.at(words, k + 1).filter(|m| {
                    m.end < to
                        && !self.verbish(w, m.end)
                        && !w.act.contains(words, m.end)
                        && (!pronoun || named_after(m.end))
                }) {
                    let stance = if frame.hedged {
                        Stance::Suggests
                    } else {
                        *m.value
                    };
                    for party in self.list_after(past_quote(m.end), to) {
                        out.push((party, stance, "claims/reported-identity"));
                    }
                    k = m.end;
                    continue;
                }
            }
            // "Le was the aggressor": a party named as the perpetrator.
            if matches!(words[k].as_str(), "was" | "is" | "were")
                && words.get(k + 1).is_some_and(|x| x == "the")
                && (w.perpetrator.contains(words, k + 2)
                    || words
                        .get(k + 2)
                        .is_some_and(|x| matches!(x.as_str(), "aggressor" | "killer")))
            {
                // The noun group right before the verb ("they believe Kime is the gunman"),
                // not in a doubt ("whether he was the gunman").
                let at = self.toks[k].start;
                let floor = floor_char(self.text, at.saturating_sub(300).max(self.toks[0].start));
                let doubt = conditional(&self.text[floor..at]) || negated(&self.text[floor..at]);
                let mut lo = k;
                while lo > frame.from
                    && k - lo < 5
                    && !BOUNDARIES.contains(&self.lower[lo - 1].as_str())
                    && !self.verbish(w, lo - 1)
                {
                    lo -= 1;
                }
                if let Some(party) = self.noun_group(w, lo, k).filter(|_| !doubt && lo < k) {
                    let hedged =
                        frame.hedged || (frame.from..k).any(|i| w.hedge.contains(words, i));
                    let stance = if hedged {
                        Stance::Suggests
                    } else {
                        Stance::Asserts
                    };
                    out.push((party, stance, "claims/reported-perpetrator"));
                }
                k += 3;
                continue;
            }
            // "video showed Islamic State fighters killing 25 soldiers": evidence shows the
            // one in the act.
            if frame.rule == "claims/observed-act" {
                if let Some(m) = w.seen.at(words, k).or_else(|| w.act.at(words, k)) {
                    if let Some(party) = self.observed(w, k) {
                        let stance = if frame.hedged {
                            Stance::Suggests
                        } else {
                            Stance::Asserts
                        };
                        out.push((party, stance, frame.rule));
                    }
                    k = m.end;
                    continue;
                }
            }
            if let Some(m) = w.act.at(words, k) {
                // "would retaliate if … Ukraine was behind", "did not shoot".
                let at = self.toks[k].start;
                let floor = floor_char(self.text, at.saturating_sub(300).max(self.toks[0].start));
                let before = &self.text[floor..at];
                if conditional(before) || negated(before) {
                    k = m.end;
                    continue;
                }
                let by_agent = words.get(m.end).is_some_and(|x| x == "by");
                let passive = by_agent || self.passive_before(k);
                // "to shoot" is no act done, but "began to fire" is.
                let infinitive = k > 0
                    && self.lower[k - 1] == "to"
                    && !(k > 1 && w.aspectual.contains(self.lower, k - 2));
                let intransitive = words[m.start..m.end].iter().any(|x| {
                    matches!(
                        x.as_str(),
                        "fire"
                            | "shooting"
                            | "behind"
                            | "responsible"
                            | "at"
                            | "on"
                            | "into"
                            | "for"
                    )
                });
                let next = words.get(m.end).map(String::as_str);
                let has_object = next.is_some_and(|x| {
                    !NO_OBJECT.contains(&x)
                        && self.toks[m.end].kind != TokenKind::Punct
                        && !PREPOSITIONS.contains(&x)
                });
                let mut rule = frame.rule;
                // A choice between parties ("by either Russian or regime warplanes") makes
                // each a suggestion.
                let mut choice = false;
                let parties: Vec<String> = if by_agent {
                    // "were shot by 34-year-old Billy Jones": the one after "by".
                    rule = "claims/reported-act-by";
                    choice = matches!(words.get(m.end + 1).map(String::as_str), Some("either"))
                        || words[m.end..to.min(m.end + 10)].iter().any(|x| x == "or");
                    // "the gunman was killed by police": the response, not who did it.
                    let mut agent = m.end + 1;
                    while agent < to && DETERMINERS.contains(&words[agent].as_str()) {
                        agent += 1;
                    }
                    if w.forces.contains(words, agent) {
                        Vec::new()
                    } else {
                        self.list_after(m.end + 1, to)
                    }
                } else if passive || infinitive || !(intransitive || has_object) {
                    Vec::new()
                } else if let Some(party) = self.observed(w, k) {
                    // "outlets reported that satellites spotted Chinese ships transferring
                    // oil": the one seen doing it, as the source says.
                    rule = "claims/observed-act";
                    vec![party]
                } else if let Some((actors, or)) = self.joint_actors(w, frame.from, k) {
                    // "Syrian or Russian warplanes bombed": each actor, a suggestion when the
                    // source chooses between them.
                    choice = or;
                    actors
                } else if let Some(own) = self.own_subject(frame, k) {
                    // "DAESH said that it killed at least 50": the speaker's own act.
                    out.push((own, Stance::Claims, "claims/reported-own-act"));
                    k = m.end;
                    continue;
                } else {
                    self.subject_of(w, frame.from, k).into_iter().collect()
                };
                for party in parties {
                    let hedged = choice
                        || frame.hedged
                        || (frame.from..k).any(|i| w.hedge.contains(words, i));
                    let stance = if hedged {
                        Stance::Suggests
                    } else {
                        Stance::Asserts
                    };
                    out.push((party, stance, rule));
                }
                k = m.end;
                continue;
            }
            k += 1;
        }
        out
    }

    /// Where the words before token `k` start once its adverbs in -ly are passed ("illegally
    /// selling", "secretly transferring"), no lower than `floor`.
    fn past_adverbs(&self, k: usize, floor: usize) -> usize {
        let mut at = k;
        while at > floor && self.lower[at - 1].ends_with("ly") {
            at -= 1;
        }
        at
    }

    /// Whether tokens `lo..end` name a doer: a person or organization (a country too), a
    /// word for people or forces, an actor.
    fn doer(&self, w: &ClaimWords, lo: usize, end: usize) -> bool {
        (lo..end).any(|i| {
            w.role.contains(self.lower, i)
                || w.perpetrator.contains(self.lower, i)
                || w.forces.contains(self.lower, i)
                || w.actor.contains(self.lower, i)
                || self.mentions.spans.iter().any(|&(ms, _, e)| {
                    // A name is written with a capital ("slang" after a quote is no one).
                    ms == self.toks[i].start
                        && e.entity_type != crosscheck_model::EntityType::Facility
                        && self.text[ms..].starts_with(char::is_uppercase)
                })
        })
    }

    /// The actors of a subject that joins two of them before what they strike with ("Syrian
    /// or Russian warplanes", "Syrian regime and Russian airstrikes") right before the act at
    /// token `k`, each named as one actor, and whether it is a choice ("or").
    fn joint_actors(&self, w: &ClaimWords, from: usize, k: usize) -> Option<(Vec<String>, bool)> {
        // The subject ends on what they strike with, right before the act.
        let end = self.past_adverbs(k, from);
        let noun = (end.saturating_sub(2)..end).find(|&i| {
            i >= from
                && w.instrument.contains(self.lower, i)
                && w.instrument.at(self.lower, i).is_some_and(|m| m.end == end)
        })?;
        // Back over "Syrian regime and Russian", "Syrian or Russian".
        let join = (noun.saturating_sub(2)..noun)
            .rev()
            .find(|&i| i > from && matches!(self.lower[i].as_str(), "and" | "or"))?;
        let second = &self.lower[join + 1..noun];
        if second.is_empty()
            || !second
                .iter()
                .all(|x| ENGLISH.actor.contains(&[x.as_str()], 0))
        {
            return None;
        }
        let mut start = join;
        while start > from && join - start < 2 && w.actor.contains(self.lower, start - 1) {
            start -= 1;
        }
        if start == join {
            return None;
        }
        let name = |lo: usize, hi: usize| {
            let written = self.text[self.toks[lo].start..self.toks[hi - 1].end].to_string();
            let adjective = &self.text[self.toks[lo].start..self.toks[lo].end];
            if hi - lo == 1 {
                country(self.entities, adjective).unwrap_or(written)
            } else {
                written
            }
        };
        // A lone adjective shares the noun ("Syrian or Russian warplanes"); a whole actor
        // ("Syrian regime") stands as written.
        let first = name(start, join);
        let second = name(join + 1, noun);
        Some((vec![first, second], self.lower[join] == "or"))
    }

    /// The speaker, when the subject of the act at token `k` is the speaker itself: "it",
    /// "they" or "we" said by an organization ("DAESH said that it killed"). A person's "I"
    /// is too often something else ("I hit the floor").
    fn own_subject(&self, frame: &Frame, k: usize) -> Option<String> {
        // The pronoun opens what is said, past a few words of time ("said on Monday they
        // were responsible"); deeper in, "they" is more often someone the speaker spoke of
        // ("said the assailants chased … as they fired").
        if frame.rule != "claims/reported-act" || k == 0 || k <= frame.from || k > frame.from + 4 {
            return None;
        }
        let subject = self.lower[k - 1].as_str();
        // "it" and "they" stand for an organization speaking of itself, never a person.
        let organization = self
            .entities
            .iter()
            .any(|e| e.name == frame.by && e.entity_type == crosscheck_model::EntityType::Org);
        (organization && matches!(subject, "it" | "they" | "we")).then(|| frame.by.clone())
    }

    /// Whether the act at token `k` is passive: a form of "be" or "get" before it, over
    /// adverbs ("being physically assaulted") and over the acts listed with it ("being
    /// assaulted or robbed").
    fn passive_before(&self, k: usize) -> bool {
        let mut i = k;
        while i > 0 && i + 5 > k {
            let word = self.lower[i - 1].as_str();
            if PASSIVE.contains(&word) {
                return true;
            }
            let adverb = word.ends_with("ly")
                || matches!(
                    word,
                    "each" | "both" | "all" | "also" | "then" | "later" | "allegedly"
                );
            let listed =
                matches!(word, "or" | "and" | ",") || ENGLISH.act.contains(self.lower, i - 1);
            if !adverb && !listed {
                return false;
            }
            i -= 1;
        }
        false
    }

    /// The subject of the act at token `k`: the noun group that opens its clause ("Dekitta
    /// Holmes then walked … and shot", "the suspect shot open the door … and shot him"), or
    /// a new one right after "and" ("… and police shot him"); a clause that opens on a verb
    /// continues the one before ("A buyer likely came back, broke in … and shot").
    fn subject_of(&self, w: &ClaimWords, from: usize, k: usize) -> Option<String> {
        // A participle after its noun ("those shot", "28 people killed") is no act of theirs,
        // and a word after a possessive is a noun ("Pedro Mendes' shot").
        if k > 0 {
            let before = self.lower[k - 1].as_str();
            if before.ends_with('\'')
                || before.ends_with('’')
                || before.ends_with("'s")
                || before.ends_with("’s")
            {
                return None;
            }
            if DETERMINERS.contains(&before)
                || self.toks[k - 1].kind == TokenKind::Number
                || matches!(
                    before,
                    "people" | "persons" | "others" | "victims" | "civilians"
                )
            {
                return None;
            }
        }
        // A gerund after a preposition has no subject of its own in the clause: "inspected a
        // vessel …, suspected of secretly transferring oil" says nothing the inspectors did.
        if self.lower[k].ends_with("ing") {
            let before = self.past_adverbs(k, from);
            if before > from && PREPOSITIONS.contains(&self.lower[before - 1].as_str()) {
                // "disappointed in China for allegedly selling oil": the one blamed "for" it,
                // named right before.
                let prep = before - 1;
                if self.lower[prep] != "for" {
                    return None;
                }
                let mut lo = prep;
                while lo > from
                    && prep - lo < 4
                    && !PREPOSITIONS.contains(&self.lower[lo - 1].as_str())
                    && !BOUNDARIES.contains(&self.lower[lo - 1].as_str())
                    && !self.verbish(w, lo - 1)
                {
                    lo -= 1;
                }
                // Only where the speaker turns on it: "disappointed in", "angry with",
                // "blamed", "criticized" it; "seized a ship for violating sanctions" says what
                // the seizers, not the speaker, hold against it.
                let blamed = lo > 0 && w.blames_for.contains(self.lower, lo - 1);
                return (lo < prep && blamed && self.doer(w, lo, prep))
                    .then(|| self.noun_group(w, lo, prep))
                    .flatten();
            }
        }
        let clause_start = |to: usize| {
            let mut lo = to;
            while lo > from && !BOUNDARIES.contains(&self.lower[lo - 1].as_str()) {
                lo -= 1;
            }
            lo
        };
        // "a gunman who shot two officers": the one the relative pronoun stands for.
        // "to determine who was responsible": a question, not a relative clause.
        if k > from + 1
            && matches!(self.lower[k - 1].as_str(), "who" | "which")
            && k >= 2
            && self.verbish(w, k - 2)
        {
            return None;
        }
        if k > from + 1 && matches!(self.lower[k - 1].as_str(), "who" | "that") {
            let mut lo = k - 1;
            while lo > from
                && !BOUNDARIES.contains(&self.lower[lo - 1].as_str())
                && !matches!(self.lower[lo - 1].as_str(), "by" | "of" | "and")
            {
                lo -= 1;
            }
            return self.noun_group(w, lo, k - 1);
        }
        // "… and police shot him": a subject of its own right after "and".
        if let Some(and) = (k.saturating_sub(4)..k)
            .rev()
            .find(|&i| self.lower[i] == "and")
        {
            let opens = self.lower.get(and + 1).map(String::as_str);
            // Only a group that can be a doer: a person or organization, or a noun for
            // people ("and police shot him"), not the last item of a list ("at the market
            // and the Sheraton Hotel killed").
            let doer = (and + 1..k).any(|i| {
                w.perpetrator.contains(self.lower, i)
                    || w.forces.contains(self.lower, i)
                    || self.mentions.spans.iter().any(|&(ms, _, e)| {
                        ms == self.toks[i].start
                            && e.entity_type != crosscheck_model::EntityType::Location
                            && e.entity_type != crosscheck_model::EntityType::Facility
                    })
            });
            if and + 1 < k && doer && opens.is_some_and(|x| !PREPOSITIONS.contains(&x)) {
                if let Some(party) = self.noun_group(w, and + 1, k) {
                    return Some(party);
                }
            }
        }
        let mut lo = clause_start(k);
        // "the suspect walked up to the officer, who by this time was on the ground, and shot
        // him": a clause that goes on with "and" has the subject of the one it continues,
        // past a relative clause between.
        // Only a doer: a quote's word before may have opened what is read as said.
        if lo + 1 == k && lo > from && matches!(self.lower[lo].as_str(), "and" | "then") {
            let mut back = clause_start(lo.saturating_sub(1));
            if back > from && matches!(self.lower[back].as_str(), "who" | "which") {
                back = clause_start(back.saturating_sub(1));
            }
            // A doer opening that clause ("slang for an AR-15, and began shooting" is none).
            let mut head = back;
            while head < lo && DETERMINERS.contains(&self.lower[head].as_str()) {
                head += 1;
            }
            if !self.doer(w, head, (head + 2).min(lo)) {
                return None;
            }
            return self.noun_group(w, back, k);
        }
        if lo < k && self.verbish(w, lo) && lo > from {
            lo = clause_start(lo.saturating_sub(1));
        }
        self.noun_group(w, lo, k)
    }

    /// Whether token `i` reads as a verb (an auxiliary, an adverb of a verb group, a listed
    /// verb, or a lower-case word ending in -ed).
    fn verbish(&self, w: &ClaimWords, i: usize) -> bool {
        let word = self.lower[i].as_str();
        let capitalized = self.text[self.toks[i].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        w.verb.contains(self.lower, i)
            || w.act.contains(self.lower, i)
            || (!capitalized && word.len() > 4 && word.ends_with("ed"))
    }

    /// The name an apposition starting at token `lo` describes: "Ford, 38, a Newton
    /// resident, who allegedly killed" → Ford.
    fn named_before_apposition(&self, w: &ClaimWords, lo: usize) -> Option<String> {
        if !matches!(self.lower.get(lo)?.as_str(), "a" | "an")
            || lo < 2
            || self.lower[lo - 1] != ","
        {
            return None;
        }
        let mut end = lo - 1;
        // An age in commas: "Ford, 38, a …".
        if end >= 2 && self.toks[end - 1].kind == TokenKind::Number && self.lower[end - 2] == "," {
            end -= 2;
        }
        let mut start = end;
        while start > 0 && self.text[self.toks[start - 1].start..].starts_with(char::is_uppercase) {
            start -= 1;
        }
        // A person or organization opening its clause, not a place or an adverb ("In
        // Brooklyn, a fight …", "Additionally, a …", "According to Gmitter, a …").
        let (from, to) = (self.toks.get(start)?.start, self.toks[end - 1].end);
        let named = self.mentions.spans.iter().any(|&(ms, me, e)| {
            ms < to
                && me > from
                && matches!(
                    e.entity_type,
                    crosscheck_model::EntityType::Person | crosscheck_model::EntityType::Org
                )
        });
        let opens = start == 0
            || BOUNDARIES.contains(&self.lower[start - 1].as_str())
            || w.reporter.contains(self.lower, start - 1);
        (start < end && named && opens)
            .then(|| self.noun_group(w, start, end))
            .flatten()
    }

    /// The party a noun group from token `lo` names, reading up to the first verb before
    /// `k`: the entity in it, else its words; an event noun ("the attack", "air strikes in
    /// Aleppo") names no one, unless an actor modifies it ("Russian air strikes" → Russia).
    fn noun_group(&self, w: &ClaimWords, lo: usize, k: usize) -> Option<String> {
        if let Some(name) = self.named_before_apposition(w, lo) {
            return Some(name);
        }
        let mut end = lo;
        while end < k && (end == lo || !self.verbish(w, end)) {
            if self.toks[end].kind == TokenKind::Punct
                && !matches!(self.lower[end].as_str(), "’" | "'" | "-" | ".")
            {
                break;
            }
            end += 1;
        }
        if end == lo || end - lo > 7 || self.verbish(w, lo) {
            return None;
        }
        // "six long-range bombers", "at least two gunmen": the count is not the party's name.
        let mut lo = lo;
        if self.lower[lo] == "at"
            && matches!(
                self.lower.get(lo + 1).map(String::as_str),
                Some("least" | "most")
            )
            && lo + 2 < end
        {
            lo += 2;
        }
        while lo < end
            && (self.toks[lo].kind == TokenKind::Number
                || crate::numbers::parse(&self.lower[lo]).is_some())
        {
            lo += 1;
        }
        if lo == end || (lo..end).any(|i| self.toks[i].kind == TokenKind::Number) {
            return None;
        }
        // A group opening on a preposition names a subject only by the person or
        // organization after it ("In the meantime Syrian Air Force bombed"); else it is none
        // ("In the chaos …", "of the occupants").
        if PREPOSITIONS.contains(&self.lower[lo].as_str()) {
            // Only after an adverbial of time or place: "by the Syrian Network …" is who
            // made a report, not who did the act.
            if !matches!(self.lower[lo].as_str(), "in" | "on" | "at" | "during") {
                return None;
            }
            let (start, stop) = (self.toks[lo].start, self.toks[end - 1].end);
            let named = self
                .mentions
                .last_within(start, stop)
                .filter(|&(_, e, entity)| {
                    e == stop
                        && matches!(
                            entity.entity_type,
                            crosscheck_model::EntityType::Person
                                | crosscheck_model::EntityType::Org
                        )
                })
                .map(|(_, _, entity)| entity.name.clone());
            // "On Tuesday the regime": the group its last determiner opens.
            return named.or_else(|| {
                let det = (lo + 2..end)
                    .rev()
                    .find(|&i| DETERMINERS.contains(&self.lower[i].as_str()))?;
                self.doer(w, det + 1, end)
                    .then(|| self.noun_group(w, det, end))
                    .flatten()
            });
        }
        // The head: the last word before a preposition.
        let core_end = (lo..end)
            .find(|&i| i > lo && PREPOSITIONS.contains(&self.lower[i].as_str()))
            .unwrap_or(end);
        let head = core_end - 1;
        let (start, stop) = (self.toks[lo].start, self.toks[core_end - 1].end);
        // An entity names the group; a place only when it ends the group ("a Salt Lake man"
        // is a man).
        if let Some((_, e, entity)) = self.mentions.last_within(start, stop) {
            if entity.entity_type != crosscheck_model::EntityType::Location || e == stop {
                return Some(entity.name.clone());
            }
        }
        let mut first = lo;
        while first < head
            && (DETERMINERS.contains(&self.lower[first].as_str())
                || w.hedge.contains(self.lower, first))
        {
            first += 1;
        }
        // A gerund or a participle heads no party ("leading to the violence").
        if w.not_party.contains(self.lower, head)
            || PRONOUNS.contains(&self.lower[head].as_str())
            || (self.lower[head].ends_with("ing") && self.lower[head].len() > 5)
        {
            return None;
        }

        if (first..core_end).any(|i| PRONOUNS.contains(&self.lower[i].as_str())) {
            return None;
        }
        if w.event_noun.contains(self.lower, head) {
            // "Russian air strikes": the actor that modifies the event.
            let modifier = (first..head).find(|&i| w.actor.contains(self.lower, i))?;
            let written = &self.text[self.toks[modifier].start..self.toks[modifier].end];
            return Some(country(self.entities, written).unwrap_or_else(|| written.to_string()));
        }
        let written = self.text[self.toks[first].start..self.toks[core_end - 1].end].to_string();
        Some(country(self.entities, &written).unwrap_or(written))
    }

    /// The parties of a list after token `from` (before `to`): "Arab or North African",
    /// "34-year-old Billy Jones when they arrived" → the entity, else the words up to a
    /// clause's end.
    fn list_after(&self, from: usize, to: usize) -> Vec<String> {
        const ENDS: &[&str] = &[
            ",", ";", ".", ":", "when", "who", "which", "that", "after", "before", "in", "on",
            "at", "while", "because", "as", "and said", "said",
        ];
        let mut end = from;
        while end < to
            && !ENDS.contains(&self.lower[end].as_str())
            && end < from + 8
            && (end == from || !self.verbish(&ENGLISH, end))
        {
            end += 1;
        }
        if end == from {
            return Vec::new();
        }
        let (s, e) = (self.toks[from].start, self.toks[end - 1].end);
        // The person or organization named in the group, before a place it is from ("Bravon
        // Freeman of Southeast Washington").
        let named = self
            .mentions
            .spans
            .iter()
            .filter(|&&(ms, me, _)| ms >= s && me <= e)
            .map(|&(_, _, entity)| entity)
            .find(|entity| entity.entity_type != crosscheck_model::EntityType::Location)
            .or_else(|| self.mentions.last_within(s, e).map(|(_, _, entity)| entity));
        if let Some(entity) = named {
            return vec![entity.name.clone()];
        }
        // "by the other man who died, Michael Carter": the name given after the group.
        if self.lower.get(end).is_some_and(|x| x == "who") {
            let reach = self.toks[(end + 12).min(self.toks.len()) - 1].end;
            if let Some((_, _, entity)) = self.mentions.last_within(e, reach) {
                if entity.entity_type == crosscheck_model::EntityType::Person {
                    return vec![entity.name.clone()];
                }
            }
        }
        let parts: Vec<String> = self.text[s..e]
            .split(" or ")
            .flat_map(|p| p.split(" and "))
            .map(|p| {
                p.trim()
                    .trim_start_matches("of ")
                    .trim_start_matches("either ")
                    .trim_start_matches("both ")
                    .trim()
                    .to_string()
            })
            .collect();
        // "Syrian and Russian forces": a bare adjective shares the last part's noun.
        let noun = parts
            .last()
            .and_then(|p| p.rsplit_once(' '))
            .map(|(_, n)| n.to_string());
        parts
            .into_iter()
            .map(|p| match &noun {
                Some(n) if !p.contains(' ') && country(self.entities, &p).is_some() => {
                    format!("{p} {n}")
                }
                _ => p,
            })
            .filter(|p| {
                let lower = p.to_lowercase();
                let head = lower
                    .split_whitespace()
                    .last()
                    .unwrap_or_default()
                    .to_string();
                !p.is_empty()
                    && !crate::speech::is_pronoun(p)
                    && !lower.split_whitespace().any(|x| PRONOUNS.contains(&x))
                    && !ENGLISH.event_noun.contains(&[head.as_str()], 0)
                    && !p
                        .split_whitespace()
                        .any(|x| crate::numbers::parse(x).is_some())
                    && !ENGLISH.not_party.contains(&[p.to_lowercase()], 0)
                    && !p.starts_with("the fact")
                    && !participle(p)
            })
            .map(|p| country(self.entities, &p).unwrap_or(p))
            .take(3)
            .collect()
    }
}

/// Whether the words of `part` appear, in order and together, among those of `whole`.
fn words_within(part: &str, whole: &str) -> bool {
    let part: Vec<&str> = part.split_whitespace().collect();
    let whole: Vec<&str> = whole.split_whitespace().collect();
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part.as_slice())
}

/// Whether a would-be party is one participle ("North Korea was “known to employ …”"): a
/// party has a noun for its head.
fn participle(party: &str) -> bool {
    !party.contains(' ')
        && party.starts_with(char::is_lowercase)
        && (party.ends_with("ed") || party.ends_with("wn"))
}
