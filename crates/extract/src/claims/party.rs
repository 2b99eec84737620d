//! A party as one actor: what it strikes with is no party of its own ("Russian warplanes" is
//! Russia's position, "regime forces" the regime's), and a description ("the gunman", "three
//! young men") names no second party beside a name.

use std::sync::LazyLock;

use super::country;
use super::reported::ENGLISH;
use crate::lexicon::{Entries, Phrases};

/// What a party says of its actor, its instrument dropped ("Syrian government planes" →
/// "Syrian government", "regime forces" → "regime", "Assad forces" → "Assad"): words that
/// name actors ("regime", "government", a country's adjective) or one name. `None` for a party
/// with no instrument, or whose other words name no actor ("long-range Tu-22M3 bombers").
fn head(party: &str) -> Option<String> {
    let words: Vec<&str> = party.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let m = ENGLISH.instrument.ending_at(&lower, 1, lower.len())?;
    let head = &words[..m.start];
    let actors = (0..head.len()).all(|i| ENGLISH.actor.contains(&lower[..m.start], i));
    let name = head.len() == 1 && head[0].starts_with(char::is_uppercase);
    (actors || name).then(|| head.join(" "))
}

/// A claim's party as the text names its actor: the instrument dropped, except after a bare
/// country adjective, which stays as written ("Russian warplanes": "Russian" alone reads as a
/// person).
pub(super) fn actor(party: &str) -> String {
    match head(party) {
        Some(head) if country(&[], &head).is_none() => head,
        _ => party.to_string(),
    }
}

/// The actor a party stands for, to tell parties apart: "Russian warplanes", "Russian war
/// jets" and "Russia" are one (Russia), "regime forces" and "regime" one (regime), and so are
/// "російські війська", "Росії" and "росіяни" in the packs' words.
pub fn actor_of(party: &str) -> String {
    if let Some(country) = pack_country(party) {
        return country;
    }
    let head = head(party).unwrap_or_else(|| party.to_string());
    country(&[], &head).unwrap_or(head)
}

/// Whether a party, as [`actor_of`] gives it, is a country: a named party, whatever the
/// entities of the documents ("Russia" from "росіяни").
pub fn is_country(party: &str) -> bool {
    super::ADJECTIVES.iter().any(|&(_, c)| c == party)
        || PACK_ACTORS
            .iter()
            .any(|p| p.countries.iter().any(|c| c == party))
}

/// The country words of the Russian and Ukrainian packs (`data/LANG/actors.tsv`).
struct PackActors {
    country: Phrases<String>,
    countries: Vec<String>,
    instrument: Phrases<()>,
}

static PACK_ACTORS: LazyLock<Vec<PackActors>> = LazyLock::new(|| {
    [
        (
            "data/ru/actors.tsv",
            include_str!("../../data/ru/actors.tsv"),
        ),
        (
            "data/uk/actors.tsv",
            include_str!("../../data/uk/actors.tsv"),
        ),
    ]
    .into_iter()
    .map(|(file, data)| {
        let e = Entries::parse(file, data);
        PackActors {
            country: e.phrases(file, "country", |v| (!v.is_empty()).then(|| v.to_string())),
            countries: e
                .class("country")
                .iter()
                .map(|(_, c)| c.to_string())
                .collect(),
            instrument: e.set("instrument"),
        }
    })
    .collect()
});

/// The country a party of a pack's language names: its name or adjective alone, or before
/// what it strikes with ("російські війська" → Russia).
fn pack_country(party: &str) -> Option<String> {
    let words: Vec<String> = party
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words.is_empty()
        || words.len() > 2
        || !words[0]
            .chars()
            .any(|c| matches!(c, 'а'..='я' | 'і' | 'ї' | 'є' | 'ґ' | 'ё'))
    {
        return None;
    }
    PACK_ACTORS.iter().find_map(|pack| {
        let m = pack.country.at(&words, 0)?;
        (m.end == words.len() || pack.instrument.contains(&words, 1)).then(|| m.value.clone())
    })
}

/// Whether a party only describes someone: no capitalized word past its first, and a role
/// for its head ("the gunman", "three young men", "Police"). Two such parties, or one beside
/// a name, are most likely one person told two ways, not two parties blamed.
pub fn generic_party(party: &str) -> bool {
    let named = party
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase));
    let lower: Vec<String> = party.split_whitespace().map(|w| w.to_lowercase()).collect();
    !named && ENGLISH.role.ending_at(&lower, 0, lower.len()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instruments_name_their_actor() {
        assert_eq!(actor("regime forces"), "regime");
        assert_eq!(actor("Syrian government planes"), "Syrian government");
        assert_eq!(actor("Assad forces"), "Assad");
        assert_eq!(actor("Russian warplanes"), "Russian warplanes");
        assert_eq!(actor_of("Russian warplanes"), "Russia");
        assert_eq!(actor_of("Russian war jets"), "Russia");
        assert_eq!(actor_of("Russia"), "Russia");
        assert_eq!(actor_of("російські війська"), "Russia");
        assert_eq!(actor_of("Росії"), "Russia");
        assert_eq!(actor_of("российскими военными"), "Russia");
        assert_eq!(actor_of("українці"), "Ukraine");
        // A country word before another noun is no country: "российские журналисты".
        assert_eq!(actor_of("российские журналисты"), "российские журналисты");
        for party in ["long-range Tu-22M3 bombers", "warplanes", "Islamic State"] {
            assert_eq!(actor(party), party);
            assert_eq!(actor_of(party), party);
        }
    }

    #[test]
    fn descriptions_are_no_names() {
        for party in [
            "gunman",
            "three young men",
            "Police",
            "the suspect",
            "a woman",
        ] {
            assert!(generic_party(party), "{party}");
        }
        for party in [
            "Dekitta Holmes",
            "Ford",
            "Russia",
            "regime",
            "Islamic State group",
        ] {
            assert!(!generic_party(party), "{party}");
        }
    }
}
