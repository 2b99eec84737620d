//! Who reported a count: "According to X, cited by Y, …", "a report given by X reported …",
//! "X informed that …".

use std::sync::LazyLock;

use regex::Regex;

/// Who reported the count at byte `at` of a sentence: the nearest attribution before it
/// ("According to X, cited by Y, …", "a report given by X reported …", "X informed that …"),
/// else one after it; the relays nearest first.
pub(super) fn attribution(found: &[Attribution], at: usize) -> (Option<String>, Vec<String>) {
    let nearest_before = found
        .iter()
        .filter(|(start, _, _)| *start < at)
        .max_by_key(|(start, _, _)| *start);
    let first_after = found
        .iter()
        .filter(|(start, _, _)| *start >= at)
        .min_by_key(|(start, _, _)| *start);
    match nearest_before.or(first_after) {
        Some((_, source, via)) => (Some(source.clone()), via.clone()),
        None => (None, Vec::new()),
    }
}

/// An attribution of a sentence: where it starts, the source, the relays.
pub(super) type Attribution = (usize, String, Vec<String>);

/// Every attribution of a sentence, found once for all its counts.
pub(super) fn attributions(sentence: &str) -> Vec<Attribution> {
    static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\baccording to (?:the )?(?P<src>[^,.;]+?)(?:,\s*(?:cited|quoted) by (?:the )?(?P<via>[^,.;]+))?\s*[,.;]")
            .unwrap_or_else(|e| panic!("attribution pattern: {e}"))
    });
    static GIVEN_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:given|released|issued) by (?:the )?(?P<src>[^,.;]+?) (?:reported|said|put|gave|showed)\b")
            .unwrap_or_else(|e| panic!("attribution pattern: {e}"))
    });
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\band |, )(?:the )?(?P<src>[A-Z][^;]{2,80}?),? (?:informed|reported|said|announced|told|stated|confirmed) (?:that )?")
            .unwrap_or_else(|e| panic!("attribution pattern: {e}"))
    });
    let mut found: Vec<Attribution> = Vec::new();
    for c in ACCORDING.captures_iter(sentence) {
        let via = c
            .name("via")
            .map(|v| vec![v.as_str().trim().to_string()])
            .unwrap_or_default();
        if let (Some(whole), Some(src)) = (c.get(0), c.name("src")) {
            found.push((whole.start(), src.as_str().trim().to_string(), via));
        }
    }
    for c in GIVEN_BY
        .captures_iter(sentence)
        .chain(SUBJECT.captures_iter(sentence))
    {
        if let (Some(whole), Some(src)) = (c.get(0), c.name("src")) {
            found.push((
                whole.start(),
                src.as_str().trim().trim_end_matches(',').to_string(),
                Vec::new(),
            ));
        }
    }
    found
}
