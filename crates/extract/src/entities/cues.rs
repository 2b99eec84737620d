//! Places the words around a name say are places ("the town of Khan Tuman", "near the Atmeh
//! refugee camp", "in Hatay province"): names too small for the gazetteer, which the tagger,
//! never having seen them, reads as persons. The cue words are `data/en/place_cues.tsv`.

use std::sync::LazyLock;

use crosscheck_model::EntityType;
use regex::Regex;

use super::Mention;
use crate::lexicon::Entries;

/// The two patterns of the cue words: a name after an "of" head, and a name before a head.
struct Cues {
    after_of: Regex,
    before_head: Regex,
    /// Capitalized words that end a name rather than continue it.
    stop: Vec<&'static str>,
}

static ENGLISH: LazyLock<Cues> = LazyLock::new(|| {
    let file = "data/en/place_cues.tsv";
    let e = Entries::parse(file, include_str!("../../data/en/place_cues.tsv"));
    let alternatives = |class: &str| {
        let mut words: Vec<String> = e
            .class(class)
            .iter()
            .map(|(w, _)| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        // The longest first: "border crossing" before "crossing".
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.join("|")
    };
    // Capitalized words, with particles ("Urum al-Kubra", "Deir ez-Zor") and "of the"
    // ("Back of the Yards"), in Latin letters: the cue words are English, and a class of
    // every script's letters would cost each reading thread megabytes of automaton.
    let word = format!(
        r"(?:(?:{})-)?[A-Z][A-Za-zÀ-ɏ'’]*(?:-[A-Za-zÀ-ɏ'’]+)*",
        alternatives("particle")
    );
    let name = format!(r"{word}(?:\s+(?:of\s+(?:the\s+)?)?{word})*");
    Cues {
        after_of: Regex::new(&format!(
            r"\b(?:{})\s+of\s+(?P<name>{name})",
            alternatives("of-head")
        ))
        .expect("a valid pattern"),
        before_head: Regex::new(&format!(
            r"\b(?i:{})\s+(?P<name>{name})\s+(?:{})\b",
            alternatives("opener"),
            alternatives("head")
        ))
        .expect("a valid pattern"),
        stop: e.class("stop").iter().map(|&(w, _)| w).collect(),
    }
});

/// The places of `text` its cue words name, as location mentions, in text order.
pub(super) fn places(text: &str) -> Vec<Mention> {
    let cues = &*ENGLISH;
    let mut out: Vec<Mention> = [&cues.after_of, &cues.before_head]
        .iter()
        .flat_map(|re| re.captures_iter(text))
        .filter_map(|c| c.name("name"))
        .filter_map(|m| trimmed(m.start(), m.as_str(), &cues.stop))
        .map(|(start, end)| Mention {
            start,
            end,
            entity_type: EntityType::Location,
        })
        .collect();
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by(|b, a| a.start < b.end && b.start < a.end);
    out
}

/// The place in a name the patterns matched at `start`, as byte offsets: after a possessive
/// ("Chicago's Lawndale" → "Lawndale"), before a stop word ("Klamath Friday" → "Klamath");
/// none where nothing is left.
fn trimmed(start: usize, name: &str, stop: &[&str]) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut to = name.len();
    for (at, word) in name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
    {
        if stop.contains(&word) {
            to = at;
            break;
        }
        if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
            // A possessive word ends the name where it is last, and opens it otherwise.
            if at + word.len() == name.len() {
                to = at + stem.len();
            } else {
                from = at + word.len();
            }
        }
    }
    let kept = &name[from..to];
    let place = kept.trim();
    (!place.is_empty()).then(|| {
        let offset = from + kept.len() - kept.trim_start().len();
        (start + offset, start + offset + place.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        places(text).iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn names_the_cue_words_make_places() {
        assert_eq!(
            found("An airstrike hit a clinic in the town of Khan Tuman near the village of Urum al-Kubra."),
            ["Khan Tuman", "Urum al-Kubra"]
        );
        assert_eq!(
            found("A bomber struck near the Atmeh refugee camp in Hatay province."),
            ["Atmeh", "Hatay"]
        );
        assert_eq!(
            found("Four people were shot in the Fernwood neighborhood."),
            ["Fernwood"]
        );
        assert_eq!(
            found("He was shot in Chicago's Back of the Yards neighborhood, in the town of Klamath Friday night."),
            ["Back of the Yards", "Klamath"]
        );
    }

    #[test]
    fn names_without_a_cue_are_left_to_the_tagger() {
        assert!(
            found("Obama district officials met. The city of the future. Smith camp.").is_empty()
        );
        assert!(found("They were held in the Cuban camp near the Olympic village.").is_empty());
        assert!(found("the town of fewer people").is_empty());
    }
}
