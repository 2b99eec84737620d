//! A party as one actor: what it strikes with is no party of its own ("Russian warplanes" is
//! Russia's position, "regime forces" the regime's), and a description ("the gunman", "three
//! young men") names no second party beside a name.

use super::country;
use super::reported::ENGLISH;

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
/// jets" and "Russia" are one (Russia), "regime forces" and "regime" one (regime).
pub fn actor_of(party: &str) -> String {
    let head = head(party).unwrap_or_else(|| party.to_string());
    country(&[], &head).unwrap_or(head)
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
