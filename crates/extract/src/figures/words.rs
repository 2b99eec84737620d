//! The words of figures for each language, read from `data/LANG/figures.tsv` (see
//! [`crate::lexicon`] for the format and that file for what each class means).

use std::sync::LazyLock;

use crosscheck_model::{FigureKind, Qualifier};

use crate::lexicon::{Entries, Phrases};

/// Whether a people noun is an overall count ("people") or a group ("children").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum People {
    Everyone,
    Group,
}

/// Every class of one language's figure words.
pub(super) struct FigureWords {
    pub people: Phrases<People>,
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
}

const FILE: &str = "data/en/figures.tsv";

pub(super) static ENGLISH: LazyLock<FigureWords> =
    LazyLock::new(|| FigureWords::parse(FILE, include_str!("../../data/en/figures.tsv")));

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
    fn parse(file: &str, data: &str) -> Self {
        let e = Entries::parse(file, data);
        FigureWords {
            people: e.phrases(file, "people", |v| match v {
                "everyone" => Some(People::Everyone),
                "group" => Some(People::Group),
                _ => None,
            }),
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_words_load() {
        let w = &*ENGLISH;
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
