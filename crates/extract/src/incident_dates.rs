//! Dates that name an incident: "the attack on March 22", "the March 22 attack", "l'attentat
//! du 14 juillet", "теракта 22 марта". A report names the day of what it is about so, and a
//! follow-up weeks later names its incident by it, past the day it was written and the days
//! of arrests and statements its lead also gives; the clusterer reads these first. A date
//! that only serves as a point of reference ("days after the April 15 bombing", "depuis
//! l'attentat du …") names another incident than the report's, and is left unmarked.
//!
//! The words are data, one file per language: `data/LANG/incident-dates.tsv`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::{TimeExpr, TimexType};

use crate::lexicon::{Entries, Phrases};
use crate::segment::tokens_in;

/// The words of one language.
struct Words {
    /// Nouns of an incident.
    incident: Phrases<()>,
    /// Words that may stand between the noun and its date ("on", "du").
    link: Phrases<()>,
    /// Words that make the incident a point of reference ("after", "depuis").
    reference: Phrases<()>,
    /// Words that may stand between a date and its noun ("the Dec. 5 fatal shooting").
    modifier: Phrases<()>,
}

static WORDS: LazyLock<HashMap<&'static str, Words>> = LazyLock::new(|| {
    [
        ("en", include_str!("../data/en/incident-dates.tsv")),
        ("fr", include_str!("../data/fr/incident-dates.tsv")),
        ("ru", include_str!("../data/ru/incident-dates.tsv")),
        ("uk", include_str!("../data/uk/incident-dates.tsv")),
    ]
    .into_iter()
    .map(|(language, data)| {
        let e = Entries::parse(&format!("data/{language}/incident-dates.tsv"), data);
        let words = Words {
            incident: e.set("incident"),
            link: e.set("link"),
            reference: e.set("reference"),
            modifier: e.set("modifier"),
        };
        (language, words)
    })
    .collect()
});

/// How many link words may stand between an incident's noun and its date.
const LINKS: usize = 2;
/// How many words may stand between a date and the incident's noun after it.
const MODIFIERS: usize = 2;
/// How many words before the noun (or the date) a reference word may stand.
const REFERENCE_REACH: usize = 3;

/// Marks the calendar dates of `times` (in text order) that name an incident
/// (`TimeExpr::incident`). Each sentence holding a date is read once, so the work stays
/// linear in the text however many dates it gives.
pub fn mark(language: &str, text: &str, sentences: &[(usize, usize)], times: &mut [TimeExpr]) {
    let Some(words) = WORDS.get(language) else {
        return;
    };
    let mut k = 0;
    for &(start, end) in sentences {
        let from = k + times[k..].partition_point(|t| t.span.start < start);
        let to = from + times[from..].partition_point(|t| t.span.start < end);
        k = to;
        let dated = |t: &TimeExpr| {
            t.timex_type == TimexType::Date
                && t.span.end <= end
                && t.value.get(..10).is_some_and(|d| !d.contains('X'))
        };
        if !times[from..to].iter().any(dated) {
            continue;
        }
        let toks = tokens_in(text, start, end);
        let written: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let lower: Vec<String> = written
            .iter()
            .map(|w| without_elision(&w.to_lowercase()).to_string())
            .collect();
        for time in times[from..to].iter_mut().filter(|t| dated(t)) {
            let first = toks.partition_point(|t| t.start < time.span.start);
            let after = toks.partition_point(|t| t.start < time.span.end);
            time.incident = named_incident(words, &written, &lower, first, after);
        }
    }
}

/// Whether the date at words `first..after` of `lower` (the words as `written`) is named
/// by an incident's noun, right after it or before it past the link words, with no
/// reference word before them.
fn named_incident(
    words: &Words,
    written: &[&str],
    lower: &[String],
    first: usize,
    after: usize,
) -> bool {
    let noun_before = || {
        let mut k = first;
        for _ in 0..=LINKS {
            let noun = k.checked_sub(1)?;
            if words
                .incident
                .ending_at(lower, noun.saturating_sub(2), k)
                .is_some()
            {
                return Some(noun);
            }
            if !words.link.contains(lower, noun) {
                return None;
            }
            k = noun;
        }
        None
    };
    // After the date, its noun may follow a modifier or two: a name, a compound, a
    // possessive or a word of the list ("the Aug. 19 drive-by shooting", "the March 22
    // Brussels attacks", "Thursday's rampage", "the Dec. 5 fatal shooting"), never a word of
    // the sentence's own ("le 6 décembre pour le meurtre").
    let noun_after = || {
        let end = written.len().min(after + MODIFIERS + 1);
        (after..end).any(|k| words.incident.contains(lower, k))
            && (after..end)
                .take_while(|&k| !words.incident.contains(lower, k))
                .all(|k| modifier(written[k]) || words.modifier.contains(lower, k))
    };
    let opening = match noun_before() {
        Some(noun) => noun,
        None if noun_after() => first,
        None => return false,
    };
    let reach = opening.saturating_sub(REFERENCE_REACH)..opening;
    !reach
        .into_iter()
        .any(|k| words.reference.contains(lower, k))
}

/// Whether a word between a date and its noun modifies the noun: a capitalized name, a
/// compound, a possessive.
fn modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        || word.contains('-')
        || word.starts_with(['\'', '’'])
}

/// A word without the elided article or preposition it opens with ("l'attentat" →
/// "attentat"): the noun is what the lists name.
fn without_elision(word: &str) -> &str {
    match word.char_indices().find(|&(_, c)| c == '\'' || c == '’') {
        Some((at, c)) if at <= 2 && at + c.len_utf8() < word.len() => &word[at + c.len_utf8()..],
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;
    use crate::times::find_times;
    use chrono::NaiveDate;

    fn marked(language: &str, text: &str) -> Vec<(String, bool)> {
        let reference = NaiveDate::from_ymd_opt(2016, 8, 19);
        find_times(language, text, &sentences(text), reference)
            .into_iter()
            .map(|t| (t.value, t.incident))
            .collect()
    }

    #[test]
    fn a_date_that_names_its_incident_is_marked() {
        assert_eq!(
            marked(
                "en",
                "On Monday, police named a suspect in the March 22 drive-by shooting."
            ),
            [
                ("2016-08-15".to_string(), false),
                ("2016-03-22".to_string(), true)
            ]
        );
        assert_eq!(
            marked(
                "en",
                "Victims of the shooting on July 14, 2016 were remembered."
            ),
            [("2016-07-14".to_string(), true)]
        );
        assert_eq!(
            marked(
                "fr",
                "Un homme blessé lors de l'attentat du 14 juillet 2016 est mort."
            ),
            [("2016-07-14".to_string(), true)]
        );
        assert_eq!(
            marked("ru", "Число жертв теракта 22 марта выросло."),
            [("2016-03-22".to_string(), true)]
        );
    }

    #[test]
    fn a_date_of_reference_or_of_no_incident_is_not() {
        assert_eq!(
            marked(
                "en",
                "A bomb hit the town a week after the April 15 bombing."
            ),
            [
                ("P1W".to_string(), false),
                ("2016-04-15".to_string(), false)
            ]
        );
        assert_eq!(
            marked("en", "The minister spoke on March 22."),
            [("2016-03-22".to_string(), false)]
        );
        assert_eq!(
            marked("fr", "Depuis l'attentat du 14 juillet, la ville a changé."),
            [("2016-07-14".to_string(), false)]
        );
        assert_eq!(
            marked(
                "fr",
                "Condamné le 6 décembre 2015 pour le meurtre de ses enfants."
            ),
            [("2015-12-06".to_string(), false)]
        );
    }

    #[test]
    fn every_language_has_its_words() {
        for (language, noun, reference) in [
            ("en", "bombings", "after"),
            ("fr", "fusillade", "depuis"),
            ("ru", "теракта", "после"),
            ("uk", "теракту", "після"),
        ] {
            assert!(WORDS[language].incident.contains(&[noun], 0), "{language}");
            assert!(
                WORDS[language].reference.contains(&[reference], 0),
                "{language}"
            );
        }
    }
}
