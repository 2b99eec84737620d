//! What the clusterer knows of a document: its weighted words and names, its days, and its
//! copy signature. A profile is small and serializable, so that a store can keep it beside
//! the document and a later run can rebuild the open events without re-reading texts.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use crosscheck_model::fold::person_key;
use crosscheck_model::{Document, EntityType, EventScope, FigureKind, TimeExpr};
use serde::{Deserialize, Serialize};

use crate::duplicates::Signature;
use crate::terms::{hash, words, Term};

/// Words read from a body; the rest of a long text adds nothing about which event it is.
const MAX_WORDS: usize = 3000;
const TITLE_WEIGHT: f32 = 3.0;
const LEAD_WEIGHT: f32 = 2.0;
/// A whole entity name, beside its words: "new york" says more than "new" and "york".
const NAME_WEIGHT: f32 = 2.0;
const AGE_WEIGHT: f32 = 2.0;
/// The kinds of count that name an incident: its harm.
const HARM: [FigureKind; 4] = [
    FigureKind::Killed,
    FigureKind::Injured,
    FigureKind::Hospitalized,
    FigureKind::Affected,
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Weighted term counts (title and lead counted more), sorted by term.
    pub terms: Vec<(Term, f32)>,
    /// The distinct terms of the headline, sorted.
    pub title: Vec<Term>,
    /// The publication day (days from the common era), where known, else the day the text
    /// says it was published not before.
    pub day: Option<i32>,
    /// The day the lead says the event happened ("on Friday evening"), where it gives one.
    pub event_day: Option<i32>,
    /// The names of the document's entities (hashed), sorted.
    pub names: Vec<Term>,
    /// The people, organizations and facilities named in the headline or lead: whom the
    /// story is about.
    pub salient: Vec<Term>,
    /// The places named in the headline or lead: where it happened.
    pub places: Vec<Term>,
    /// The document's own counts of people hurt (3 and more, any kind of harm): a follow-up
    /// weeks later that repeats "13 people shot" names its incident by them.
    #[serde(default)]
    pub counts: Vec<u64>,
    /// The largest of its own death tolls.
    #[serde(default)]
    pub killed: Option<u64>,
    pub signature: Option<Signature>,
}

impl Profile {
    pub fn of(doc: &Document) -> Profile {
        let mut counts: HashMap<Term, f32> = HashMap::new();
        let mut add = |text: &str, weight: f32, budget: &mut usize| {
            for w in words(text).take(*budget) {
                *counts.entry(hash(&w)).or_insert(0.0) += weight;
                *budget -= 1;
            }
        };
        let mut budget = MAX_WORDS;
        if let Some(title) = &doc.title {
            add(title, TITLE_WEIGHT, &mut budget);
        }
        let lead_end = doc.lead_end();
        add(&doc.text[..lead_end], LEAD_WEIGHT, &mut budget);
        add(&doc.text[lead_end..], 1.0, &mut budget);
        let mut names = Vec::new();
        let mut salient = Vec::new();
        let mut places = Vec::new();
        for entity in &doc.entities {
            // A person is known by the key of their name whatever its script or spelling
            // ("Шериф Шекатт" = "Chérif Chekatt"), anything else by its words.
            let person = (entity.entity_type == EntityType::Person)
                .then(|| person_key(&entity.name))
                .flatten();
            let key = match person {
                Some(person) => hash(&format!("~{person}")),
                None => hash(&format!(
                    "@{}",
                    words(&entity.name).collect::<Vec<_>>().join(" ")
                )),
            };
            *counts.entry(key).or_insert(0.0) += NAME_WEIGHT * entity.mentions.len() as f32;
            names.push(key);
            if entity.mentions.iter().any(|m| doc.in_lead(m)) {
                match entity.entity_type {
                    EntityType::Location => places.push(key),
                    _ => salient.push(key),
                }
            }
        }
        names.sort_unstable();
        names.dedup();
        salient.sort_unstable();
        salient.dedup();
        places.sort_unstable();
        places.dedup();
        for age in ages(&doc.text[..lead_end]).chain(doc.title.iter().flat_map(|t| ages(t))) {
            *counts.entry(hash(&age)).or_insert(0.0) += AGE_WEIGHT;
        }
        let mut title: Vec<Term> = doc
            .title
            .iter()
            .flat_map(|t| words(t))
            .map(|w| hash(&w))
            .collect();
        title.sort_unstable();
        title.dedup();
        let mut terms: Vec<(Term, f32)> = counts.into_iter().collect();
        terms.sort_unstable_by_key(|(t, _)| *t);
        // An article the text dates only from below ("not before March 25, 2024") is placed
        // by that day: its own lower bound, and nearer its story than no day at all.
        let day = doc
            .published
            .as_deref()
            .or(doc.published_not_before.as_deref())
            .and_then(day_of);
        let mut counts: Vec<u64> = doc
            .figures
            .iter()
            .filter(|f| f.event == EventScope::Main && HARM.contains(&f.kind))
            .filter_map(|f| f.value)
            .filter(|&v| v >= 3)
            .collect();
        counts.sort_unstable();
        counts.dedup();
        let killed = doc
            .figures
            .iter()
            .filter(|f| f.event == EventScope::Main && f.kind == FigureKind::Killed)
            .filter_map(|f| f.value)
            .max();
        Profile {
            terms,
            title,
            day,
            event_day: event_day(doc, day),
            names,
            salient,
            places,
            counts,
            killed,
            signature: Signature::of(&doc.text),
        }
    }
}

/// Ages as terms ("a 15-year-old boy" → `15-year-old`): within one city's shootings, the
/// victim's age tells incidents apart where every other word is shared.
fn ages(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("-year-old").filter_map(|(at, _)| {
        let digits = text[..at]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        (1..=3)
            .contains(&digits)
            .then(|| format!("{}-year-old", &text[at - digits..at]))
    })
}

/// The day of an ISO 8601 date or date-time ("2024-03-22", "2024-03-22T20:00:00Z",
/// TIMEX3 "2024-03-22TEV"), as days from the common era.
pub fn day_of(value: &str) -> Option<i32> {
    let date = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.num_days_from_ce())
}

/// The day the headline or lead says the event happened: the first day it names an incident
/// by ("l'attentat du 14 juillet 2016" in a report of August 19, past its dateline and its
/// "aujourd'hui"), else the first fully dated time; never a day after publication.
fn event_day(doc: &Document, published: Option<i32>) -> Option<i32> {
    let not_after =
        |t: &&TimeExpr| day_of(&t.value).is_some_and(|d| published.is_none_or(|p| d <= p));
    let lead = doc.times.iter().filter(|t| doc.in_lead(&t.span));
    TimeExpr::dating_event(lead.filter(not_after)).and_then(|t| day_of(&t.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Span, TimeExpr, TimexType};

    fn doc() -> Document {
        let text = "Gunmen attacked a concert hall on Friday. Dozens died. Police came. \
            The hall burned."
            .to_string();
        let mut d = Document::new("a".into(), "a.txt".into(), text);
        d.title = Some("Concert hall attack".into());
        d.sentences = vec![(0, 41), (42, 54), (55, 67), (68, 83)];
        d.published = Some("2024-03-23T08:00:00Z".into());
        d.times = vec![TimeExpr {
            span: Span {
                text: "Friday".into(),
                start: 34,
                end: 40,
                field: None,
            },
            timex_type: TimexType::Date,
            value: "2024-03-22TEV".into(),
            incident: false,
        }];
        d
    }

    #[test]
    fn headline_and_lead_weigh_more_than_the_rest() {
        let p = Profile::of(&doc());
        let weight = |w: &str| p.terms.iter().find(|(t, _)| *t == hash(w)).map(|t| t.1);
        assert_eq!(weight("concert"), Some(TITLE_WEIGHT + LEAD_WEIGHT));
        assert_eq!(weight("police"), Some(LEAD_WEIGHT));
        assert_eq!(weight("burned"), Some(1.0));
    }

    #[test]
    fn days_of_publication_and_of_the_event() {
        let p = Profile::of(&doc());
        assert_eq!(p.day, day_of("2024-03-23"));
        assert_eq!(p.event_day, day_of("2024-03-22"));
        assert_eq!(day_of("XXXX-03-25"), None);
    }
}
