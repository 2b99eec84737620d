//! Framing: the words each outlet puts before or beside the event's main people and
//! organizations ("Russian dictator Vladimir Putin" against "Vladimir Putin, the Russian
//! president"), side by side.

use std::ops::Range;

use crosscheck_model::{
    CanonicalEntity, Document, EntityType, Evidence, Framing, OutletDescriptors, Span,
};

use crate::entities::Names;

/// Entities framed: the ones most documents name.
const MAIN_ENTITIES: usize = 6;
/// Words a descriptor before a name may have ("Ukrainian President", "Russian dictator").
const BEFORE_WORDS: usize = 3;
/// Words an appositive after a name may have (", the Kremlin's spokesman,").
const AFTER_WORDS: usize = 8;
/// Words that end a descriptor before a name: no descriptor crosses them.
const STOP: &[&str] = &[
    "the", "a", "an", "of", "by", "with", "and", "or", "to", "for", "in", "on", "at", "from", "as",
    "that", "said", "says", "told", "his", "her", "their", "its", "is", "was", "were", "are",
    "has", "had", "have", "who", "which", "but", "also", "when", "after", "before", "while",
    "against", "between", "about", "over", "under", "than", "then", "if", "not", "how", "why",
    "what", "where", "it", "this", "these", "those", "appears", "punish",
];

/// For each main person or organization, the descriptors each outlet attaches to it.
pub fn framing(docs: &[Document], entities: &[CanonicalEntity], names: &Names) -> Vec<Framing> {
    let mut main: Vec<&CanonicalEntity> = entities
        .iter()
        .filter(|e| matches!(e.entity_type, EntityType::Person | EntityType::Org))
        .collect();
    main.sort_by_key(|e| std::cmp::Reverse(e.documents.len()));
    main.truncate(MAIN_ENTITIES);
    main.iter()
        .filter_map(|entity| {
            let mut outlets: Vec<OutletDescriptors> = Vec::new();
            for doc in docs {
                let outlet = doc
                    .outlet
                    .clone()
                    .unwrap_or_else(|| "unknown outlet".to_string());
                for e in doc
                    .entities
                    .iter()
                    .filter(|e| names.canonical(&e.name) == entity.name)
                {
                    for m in &e.mentions {
                        if m.field.is_some() || m.end > doc.text.len() {
                            continue;
                        }
                        for r in [before(&doc.text, m.start), after(&doc.text, m.end)]
                            .into_iter()
                            .flatten()
                        {
                            let span = Span {
                                text: doc.text[r.clone()].to_string(),
                                start: r.start,
                                end: r.end,
                                field: None,
                            };
                            add(&mut outlets, &outlet, Evidence::of(&doc.id, &span));
                        }
                    }
                }
            }
            outlets.retain(|o| !o.descriptors.is_empty());
            (!outlets.is_empty()).then(|| Framing {
                entity: entity.name.clone(),
                outlets,
            })
        })
        .collect()
}

/// One use of a descriptor by an outlet: the descriptor once, each use as evidence.
fn add(outlets: &mut Vec<OutletDescriptors>, outlet: &str, evidence: Evidence) {
    let k = match outlets.iter().position(|o| o.outlet == outlet) {
        Some(k) => k,
        None => {
            outlets.push(OutletDescriptors {
                outlet: outlet.to_string(),
                descriptors: Vec::new(),
                evidence: Vec::new(),
            });
            outlets.len() - 1
        }
    };
    let o = &mut outlets[k];
    if !o.descriptors.contains(&evidence.text) {
        o.descriptors.push(evidence.text.clone());
    }
    o.evidence.push(evidence);
}

/// The words right before a name that describe it: "Russian dictator" in "Russian dictator
/// Vladimir Putin", "dictator" in "the dictator Vladimir Putin". Without a part-of-speech
/// tagger, a descriptor is only taken where it ends on a word that names a role, so that
/// "asked Apple" or "critiquing Putin" never read as framing.
fn before(text: &str, start: usize) -> Option<Range<usize>> {
    let head = text.get(..start)?;
    if !head.ends_with(' ') {
        return None;
    }
    let mut words: Vec<&str> = Vec::new();
    for word in head.trim_end().rsplit(' ') {
        let plain = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if !plain || words.len() == BEFORE_WORDS || STOP.contains(&word.to_lowercase().as_str()) {
            break;
        }
        words.push(word);
    }
    words.reverse();
    // "suggested despot": a verb before the descriptor proper is dropped.
    while words.len() > 1
        && words[0].ends_with("ed")
        && words[0].chars().next().is_some_and(char::is_lowercase)
    {
        words.remove(0);
    }
    let last = words.last()?;
    // The words are consecutive, one space apart: the descriptor ends where the space
    // before the name begins.
    let end = head.trim_end().len();
    let len = words.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    is_role(last).then(|| end - len..end)
}

/// An appositive right after a name that says what it is: "Vladimir Putin, the Russian
/// president, said"; "FSB, the Investigative Committee," is a list, not a description.
fn after(text: &str, end: usize) -> Option<Range<usize>> {
    let rest = text.get(end..)?.strip_prefix(", ")?;
    let stop = rest.find([',', '.', ';', ':', '(', '\n', '"', '“', '”'])?;
    let phrase = &rest[..stop];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let determiner = matches!(
        words.first().map(|w| w.to_lowercase()).as_deref(),
        Some("the" | "a" | "an")
    );
    let head = words.last()?;
    (determiner
        && words.len() >= 2
        && words.len() <= AFTER_WORDS
        && rest[stop..].starts_with(',')
        && is_role(head)
        && head.chars().next().is_some_and(char::is_lowercase))
    .then(|| end + 2..end + 2 + stop)
}

/// Whether a word names a role, an office or a kind of group: what a descriptor ends on.
fn is_role(word: &str) -> bool {
    const ROLES: &[&str] = &[
        "president",
        "leader",
        "dictator",
        "despot",
        "tyrant",
        "strongman",
        "autocrat",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "pope",
        "senator",
        "governor",
        "mayor",
        "general",
        "commander",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "chief",
        "head",
        "director",
        "chairman",
        "founder",
        "ceo",
        "ambassador",
        "diplomat",
        "envoy",
        "lawmaker",
        "legislator",
        "prosecutor",
        "judge",
        "sheriff",
        "officer",
        "producer",
        "journalist",
        "reporter",
        "analyst",
        "expert",
        "ethicist",
        "magnate",
        "billionaire",
        "activist",
        "singer",
        "rapper",
        "actor",
        "actress",
        "star",
        "band",
        "group",
        "company",
        "giant",
        "firm",
        "agency",
        "militia",
        "terrorists",
        "extremists",
        "jihadists",
        "insurgents",
        "rebels",
        "organization",
        "party",
        "regime",
        "government",
        "ministry",
        "service",
        "services",
        "startup",
        "start-up",
        "operator",
        "maker",
        "manufacturer",
        "network",
        "broadcaster",
        "outlet",
    ];
    ROLES.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    fn before(t: &str, start: usize) -> Option<&str> {
        super::before(t, start).map(|r| &t[r])
    }

    fn after(t: &str, end: usize) -> Option<&str> {
        super::after(t, end).map(|r| &t[r])
    }

    #[test]
    fn descriptors_before_and_beside_a_name() {
        let t = "Asked about Russian dictator Vladimir Putin, he said no.";
        assert_eq!(
            before(t, t.find("Vladimir").unwrap()),
            Some("Russian dictator")
        );
        let t = "supported by the dictator Vladimir Putin and";
        assert_eq!(before(t, t.find("Vladimir").unwrap()), Some("dictator"));
        let t = "Ukrainian President Volodymyr Zelenskyy dismissed";
        assert_eq!(
            before(t, t.find("Volodymyr").unwrap()),
            Some("Ukrainian President")
        );
        let t = "said Vladimir Putin.";
        assert_eq!(before(t, t.find("Vladimir").unwrap()), None);
        let t = "Emmanuel Macron, the French president, said";
        assert_eq!(
            after(t, "Emmanuel Macron".len()),
            Some("the French president")
        );
        let t = "the FSB, the Investigative Committee, and";
        assert_eq!(after(t, "the FSB".len()), None);
        let t = "critiquing Putin's delayed response";
        assert_eq!(before(t, t.find("Putin").unwrap()), None);
        let t = "week.\nHDR+\nTo understand why Google";
        assert_eq!(before(t, t.find("Google").unwrap()), None);
        let t = "Emmanuel Macron, who spoke on Monday.";
        assert_eq!(after(t, "Emmanuel Macron".len()), None);
    }
}
