//! Organization names the tagger tends to cut short or miss: names built around a word
//! like "Institute" or "Ministry" with "for", "of" and "the" inside them ("Institute for the
//! Study of War", "Center for Countering Disinformation"), and the well-known organizations
//! of the alias list ("FSB", "Islamic State").

use std::sync::LazyLock;

use crosscheck_model::EntityType;
use regex::Regex;

use super::group::known_organization_names;
use super::Mention;

/// Words that make a capitalized phrase an organization's name.
const ORG_HEADS: &str = "Center|Centre|Institute|Ministry|Committee|Council|Agency|Office|Department|Association|Union|Party|Front|Army|Forces|Force|Service|Services|Bureau|Commission|Organization|Organisation|Foundation|University|Court|Police|Guard|Corps|Coalition|Alliance|Authority|Federation|Society|League|Board|Fund|Bank";

static ORG_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let cap = r"(?:[A-Z][\p{L}'’]*)";
    Regex::new(&format!(
        r"\b(?:{cap} )*(?:{ORG_HEADS})(?: (?:for|of|on|against) (?:the )?{cap}(?: (?:{cap}|and|of|the))*)?\b"
    ))
    .unwrap_or_else(|e| panic!("organization pattern: {e}"))
});

/// Names of known organizations, as whole words ("IS" only in capitals).
static KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    let mut names = known_organization_names();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alternatives: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(r"\b(?:{})\b", alternatives.join("|")))
        .unwrap_or_else(|e| panic!("known organizations: {e}"))
});

/// Organization mentions found by rule.
pub(super) fn organizations(text: &str) -> Vec<Mention> {
    let phrases = ORG_PHRASE.find_iter(text).filter(|m| {
        // A phrase must hold the head and, with "for"/"of", a name after it; a head alone
        // ("Police") is left to the tagger.
        m.as_str().contains(' ')
    });
    let mut out: Vec<Mention> = phrases
        .chain(KNOWN.find_iter(text))
        .map(|m| {
            // "Ukraine's Center …": the possessor is another name; "The Institute …" at a
            // sentence start: the article is no part of the name.
            let mut start = m.start();
            if let Some(at) = m.as_str().find("'s ").or_else(|| m.as_str().find("’s ")) {
                start += at + m.as_str()[at..].find(' ').unwrap_or(0) + 1;
            }
            if text[start..].starts_with("The ") {
                start += 4;
            }
            Mention {
                start,
                end: trim_end(text, start, m.end()),
                entity_type: EntityType::Org,
            }
        })
        .filter(|m| m.end > m.start && text[m.start..m.end].contains(|c: char| c.is_uppercase()))
        .collect();
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Without a trailing "of", "and", "the" or period.
fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let s = text[start..end].trim_end_matches('.');
        let trimmed = ["of", "and", "the", "for", "on"]
            .iter()
            .find_map(|w| s.strip_suffix(w).filter(|r| r.ends_with(' ')))
            .map(str::trim_end);
        match trimmed {
            Some(t) => end = start + t.len(),
            None => return start + s.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        organizations(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn organization_phrases_and_known_names() {
        assert_eq!(
            found("The U.S.-based Institute for the Study of War also believes it."),
            ["Institute for the Study of War"]
        );
        assert_eq!(
            found("Ukraine's Center for Countering Disinformation proposed a theory."),
            ["Center for Countering Disinformation"]
        );
        assert_eq!(found("identified by the Russian FSB."), ["FSB"]);
        assert_eq!(
            found("the Islamic State (IS) group claimed it"),
            ["Islamic State", "IS"]
        );
        assert!(found("He is here. Police came. This is it.").is_empty());
    }
}
