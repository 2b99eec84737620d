//! The words of figures for each language, read from `data/LANG/figures.tsv` (see
//! [`crate::lexicon`] for the format and that file for what each class means).

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::{FigureKind, Qualifier};
use regex::Regex;

use crate::lexicon::{Entries, Phrases};
use crate::numbers::{self, NUMBER_PATTERN};

/// Whether a people noun is an overall count ("people") or a group ("children").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum People {
    Everyone,
    Group,
}

/// Every class of one language's figure words.
pub(super) struct FigureWords {
    pub people: Phrases<People>,
    /// Endings of words for people the list does not hold ("pyrotechnicians", "cyclists").
    pub people_endings: Vec<&'static str>,
    pub noun_kind: Phrases<FigureKind>,
    pub weak_noun: Phrases<FigureKind>,
    pub after: Phrases<FigureKind>,
    pub before: Phrases<FigureKind>,
    pub things: Phrases<()>,
    pub linking: Phrases<()>,
    pub negation: Phrases<()>,
    pub superlative: Phrases<()>,
    pub identification: Phrases<()>,
    pub vague: Phrases<()>,
    pub qualifier: Phrases<Qualifier>,
    pub toll: Phrases<FigureKind>,
    pub subset: Phrases<()>,
    pub partitive: Phrases<()>,
    pub attack: Phrases<()>,
    pub forces: Phrases<()>,
    pub cancel: Phrases<()>,
    pub among: Phrases<FigureKind>,
    pub kin: Phrases<()>,
    pub scope_other: Phrases<()>,
    /// Words right before a count that say a toll amounts to it ("rose to", "reached").
    pub gives: Phrases<()>,
    /// Marks that may stand between a count and what happened to it ("двое — в плену").
    pub skip: Phrases<()>,
    /// A number, or a range of two, as this language writes them (see [`Numbers`]).
    pub count: Regex,
    pub numbers: Numbers,
}

/// How a language writes numbers: English by [`crate::numbers`]; the others by the pack's
/// `number` words (each with its value, inflected forms listed), `scale` words that multiply
/// ("cents", "тысяч"), digits grouped by spaces ("8 574") and decimal commas ("1,5 million"),
/// and `range` words between two numbers ("à", "до").
#[derive(Debug, Default)]
pub(super) struct Numbers {
    words: HashMap<String, u64>,
    scales: HashMap<String, u64>,
    /// Scale words that make a count approximate ("une quinzaine", "десяток").
    approximate: Vec<String>,
}

impl Numbers {
    /// Whether a number as written is an approximation ("une cinquantaine de personnes").
    pub fn approximate(&self, written: &str) -> bool {
        let lower = written.to_lowercase();
        lower.split_whitespace().any(|w| {
            self.approximate
                .iter()
                .any(|a| a == w.trim_end_matches('.'))
        })
    }

    /// The value of a number as written; `None` for anything else.
    pub fn parse(&self, written: &str) -> Option<u64> {
        if self.words.is_empty() {
            return numbers::parse(written);
        }
        let lower = written.trim().to_lowercase();
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut seen = false;
        // A hyphenated word is read whole when the pack has it ("quatre-vingts"), else by
        // its parts ("vingt-deux").
        let words = lower
            .split([' ', '\u{a0}', '\u{202f}'])
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let w = w.trim_end_matches('.');
                if self.words.contains_key(w) || self.scales.contains_key(w) {
                    vec![w]
                } else {
                    w.split('-').filter(|p| !p.is_empty()).collect()
                }
            });
        for word in words {
            // Checked: any run of number words, however long, is read without overflow.
            if let Some(&scale) = self.scales.get(word) {
                if scale >= 1_000 {
                    total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                    current = 0;
                } else {
                    current = current.max(1).checked_mul(scale)?;
                }
            } else if let Some(&value) = self.words.get(word) {
                current = current.checked_add(value)?;
            } else if word
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                // "8 574" comes in groups; "1,5" before a scale is a decimal.
                let digits = word.replace(',', ".");
                let value: f64 = digits.parse().ok()?;
                if value.fract() != 0.0 {
                    // Only a scale makes a whole number of people of a fraction.
                    let rest = lower.rsplit(' ').next().unwrap_or_default();
                    let scale = self.scales.get(rest.trim_end_matches('.'))?;
                    return Some((value * *scale as f64).round() as u64);
                }
                let groups = current.checked_mul(1_000).filter(|_| seen).unwrap_or(0);
                current = groups.checked_add(value as u64)?;
            } else {
                return None;
            }
            seen = true;
        }
        seen.then(|| total.checked_add(current)).flatten()
    }
}

/// The packs, by ISO 639-1 code: English is one among them.
static PACKS: LazyLock<HashMap<&'static str, FigureWords>> = LazyLock::new(|| {
    [
        ("en", include_str!("../../data/en/figures.tsv")),
        ("fr", include_str!("../../data/fr/figures.tsv")),
        ("ru", include_str!("../../data/ru/figures.tsv")),
        ("uk", include_str!("../../data/uk/figures.tsv")),
    ]
    .into_iter()
    .map(|(lang, data)| {
        (
            lang,
            FigureWords::parse(&format!("data/{lang}/figures.tsv"), data),
        )
    })
    .collect()
});

/// The figure words of a language, if it has a pack.
pub(super) fn pack(language: &str) -> Option<&'static FigureWords> {
    PACKS.get(language)
}

/// The languages figures are read in, sorted.
pub fn languages() -> &'static [&'static str] {
    static SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut all: Vec<&str> = PACKS.keys().copied().collect();
        all.sort_unstable();
        all
    });
    &SORTED
}

fn kind(name: &str) -> Option<FigureKind> {
    Some(match name {
        "killed" => FigureKind::Killed,
        "injured" => FigureKind::Injured,
        "hospitalized" => FigureKind::Hospitalized,
        "missing" => FigureKind::Missing,
        "hostages" => FigureKind::Hostages,
        "evacuated" => FigureKind::Evacuated,
        "rescued" => FigureKind::Rescued,
        "arrested" => FigureKind::Arrested,
        "attackers" => FigureKind::Attackers,
        "displaced" => FigureKind::Displaced,
        "affected" => FigureKind::Affected,
        _ => return None,
    })
}

fn qualifier(name: &str) -> Option<Qualifier> {
    Some(match name {
        "exact" => Qualifier::Exact,
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "at_most" => Qualifier::AtMost,
        "less_than" => Qualifier::LessThan,
        "about" => Qualifier::About,
        _ => return None,
    })
}

impl FigureWords {
    /// A group noun for people by its ending alone: a plural the list does not hold
    /// ("pyrotechnicians", "cyclists"), at least three letters longer than the ending, so
    /// that "lists" and "twists" are not people.
    pub fn people_by_ending(&self, word: &str) -> Option<People> {
        self.people_endings
            .iter()
            .any(|e| word.len() >= e.len() + 3 && word.ends_with(e))
            .then_some(People::Group)
    }

    fn parse(file: &str, data: &'static str) -> Self {
        let e = Entries::parse(file, data);
        FigureWords {
            people: e.phrases(file, "people", |v| match v {
                "everyone" => Some(People::Everyone),
                "group" => Some(People::Group),
                _ => None,
            }),
            people_endings: e.class("people-ending").iter().map(|&(w, _)| w).collect(),
            noun_kind: e.phrases(file, "noun-kind", kind),
            weak_noun: e.phrases(file, "weak-noun", kind),
            after: e.phrases(file, "after", kind),
            before: e.phrases(file, "before", kind),
            things: e.set("things"),
            linking: e.set("linking"),
            negation: e.set("negation"),
            superlative: e.set("superlative"),
            identification: e.set("identification"),
            vague: e.set("vague"),
            qualifier: e.phrases(file, "qualifier", qualifier),
            // A toll is of the dead unless its entry says otherwise.
            toll: e.phrases(file, "toll", |v| {
                if v.is_empty() {
                    Some(FigureKind::Killed)
                } else {
                    kind(v)
                }
            }),
            subset: e.set("subset"),
            partitive: e.set("partitive"),
            attack: e.set("attack"),
            forces: e.set("forces"),
            cancel: e.set("cancel"),
            among: e.phrases(file, "among", kind),
            kin: e.set("kin"),
            scope_other: e.set("scope-other"),
            gives: e.set("gives"),
            skip: e.set("skip"),
            count: count_pattern(file, &e),
            numbers: Numbers {
                words: e.values(file, "number", |v| v.parse().ok()),
                scales: e
                    .values(file, "scale", |v| v.parse().ok())
                    .into_iter()
                    .chain(e.values(file, "approximate", |v| v.parse().ok()))
                    .collect(),
                approximate: e
                    .class("approximate")
                    .iter()
                    .map(|(w, _)| w.to_string())
                    .collect(),
            },
        }
    }
}

/// The pattern of a count: English's own, or one of digits and the pack's number words.
fn count_pattern(file: &str, e: &Entries<'_>) -> Regex {
    let pattern = if e.class("number").is_empty() {
        let n = NUMBER_PATTERN;
        format!(
            r"(?i)\b(?:between\s+(?P<lo>{n})\s+and\s+(?P<hi>{n})|(?P<num>{n})(?:\s*(?:to|-|–|or)\s*(?P<num2>{n}))?)\b"
        )
    } else {
        let alternation = |class: &str| {
            let mut words: Vec<&str> = e.class(class).iter().map(|(w, _)| *w).collect();
            // The longest first: "soixante-dix" before "soixante".
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            words
                .iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|")
        };
        let scales = [alternation("scale"), alternation("approximate")]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join("|");
        let (words, range) = (alternation("number"), alternation("range"));
        let digits = r"\d{1,3}(?:[ \u{a0}\u{202f}]\d{3})+|\d+(?:,\d+)?";
        let n = format!(
            r"(?:(?:{digits})(?:\s+(?:{scales})\.?)?|(?:{words})(?:[\s-]+(?:{words}|{scales}))*)"
        );
        // No `\b`: a Unicode word boundary keeps the regex engine off its fast paths on
        // Cyrillic text, and a count is checked to be whole tokens anyway.
        format!(r"(?i)(?:(?P<num>{n})(?:\s*(?:-|–|{range})\s*(?P<num2>{n}))?)")
    };
    Regex::new(&pattern).unwrap_or_else(|e| panic!("{file}: count pattern: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_loads_and_reads_its_numbers() {
        assert_eq!(languages(), ["en", "fr", "ru", "uk"]);
        let read = |lang: &str, written: &str| pack(lang).unwrap().numbers.parse(written);
        assert_eq!(read("en", "forty-eight"), Some(48));
        assert_eq!(read("fr", "soixante-dix"), Some(70));
        assert_eq!(read("fr", "quatre-vingts"), Some(80));
        assert_eq!(read("fr", "deux cents"), Some(200));
        assert_eq!(read("fr", "8 574"), Some(8574));
        assert_eq!(read("fr", "1,5 million"), Some(1_500_000));
        assert_eq!(read("fr", "une quinzaine"), Some(15));
        assert!(pack("fr").unwrap().numbers.approximate("une quinzaine"));
        assert_eq!(read("ru", "сто тридцать семь"), Some(137));
        assert_eq!(read("ru", "ста тридцати семи"), Some(137));
        assert_eq!(read("ru", "двое"), Some(2));
        assert_eq!(read("ru", "8 тыс."), Some(8000));
        assert_eq!(read("uk", "п'ятеро"), Some(5));
        assert_eq!(read("uk", "40 тисяч"), Some(40_000));
        // However long a run of number words, no overflow.
        let long = "cent ".repeat(20);
        assert_eq!(read("fr", &long), None);
        let many = "сто ".repeat(100_000);
        assert_eq!(read("ru", &many), Some(10_000_000));
        let count = &pack("ru").unwrap().count;
        let m = count.captures("погибли не менее 137 человек").unwrap();
        assert_eq!(&m["num"], "137");
    }

    #[test]
    fn the_english_words_load() {
        let w = pack("en").unwrap();
        let words = ["taken", "to", "a", "local", "hospital"];
        assert_eq!(
            w.after.at(&words, 0).map(|m| *m.value),
            Some(FigureKind::Hospitalized)
        );
        assert_eq!(
            w.qualifier.at(&["at", "least"], 0).map(|m| *m.value),
            Some(Qualifier::AtLeast)
        );
        assert!(w.things.contains(&["villages"], 0));
    }
}
