//! Places where characters were lost before the text reached crosscheck.
//!
//! They are reported, not repaired: what was lost cannot be known, and a reader must see that
//! a name or a number next to the damage may be incomplete.

use std::sync::LazyLock;

use crosscheck_model::{Warning, WarningKind};
use regex::Regex;

/// U+FFFD runs; question marks glued to a letter that follows them ("??followed") or inside
/// a word ("Mykha?lo").
static DAMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\x{FFFD}+|\?{2,}\p{L}|\p{L}\?+\p{Ll}")
        .unwrap_or_else(|e| panic!("damage pattern: {e}"))
});

/// Warnings for every damaged sequence of `text`, with the offsets of the damage itself.
pub(crate) fn find(text: &str) -> Vec<Warning> {
    DAMAGE
        .find_iter(text)
        .filter_map(|m| {
            let found = m.as_str();
            if found.starts_with('\u{FFFD}') {
                return Some(warning(
                    m.start(),
                    m.end(),
                    "replacement characters: characters were lost",
                ));
            }
            if in_url(text, m.start()) {
                return None;
            }
            // Only the question marks are the damage, not the letters around them.
            let first = m.start() + found.find('?')?;
            let last = m.start() + found.rfind('?')? + 1;
            Some(warning(
                first,
                last,
                "question marks in place of lost characters",
            ))
        })
        .collect()
}

fn warning(start: usize, end: usize, message: &str) -> Warning {
    Warning {
        kind: WarningKind::Damaged,
        message: message.to_string(),
        start: Some(start),
        end: Some(end),
    }
}

/// Whether the word around `at` is a URL or a path, where `?` starts a query.
fn in_url(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let word = &text[start..end];
    word.contains('/') || word.contains('=') || word.contains("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        find(text)
            .iter()
            .map(|w| &text[w.start.unwrap()..w.end.unwrap()])
            .collect()
    }

    #[test]
    fn finds_lost_characters() {
        assert_eq!(spans("The embassy, ??followed by"), ["??"]);
        assert_eq!(
            spans("Mykha?lo and Caf\u{FFFD}\u{FFFD} here"),
            ["?", "\u{FFFD}\u{FFFD}"]
        );
    }

    #[test]
    fn questions_and_urls_are_not_damage() {
        assert!(find("Really?? Yes. Why? Because.").is_empty());
        assert!(find("See example.com/page?id=3 and http://x.org/a?b").is_empty());
    }
}
