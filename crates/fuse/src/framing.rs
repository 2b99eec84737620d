//! Framing: the words each outlet puts before or beside the event's main people and
//! organizations ("Russian dictator Vladimir Putin" against "Vladimir Putin, the Russian
//! president"), side by side.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crosscheck_model::{
    CanonicalEntity, Document, EntityType, Evidence, Framing, OutletDescriptors, Span,
};

use crosscheck_extract::Entries;

use crate::entities::Names;

/// Entities framed: the ones most documents name.
const MAIN_ENTITIES: usize = 6;
/// Words a descriptor before a name may have ("Ukrainian President", "кровавый диктатор
/// России").
const BEFORE_WORDS: usize = 4;
/// Words an appositive after a name may have (", the Kremlin's spokesman,").
const AFTER_WORDS: usize = 8;

/// The words of framing in one language (`data/framing/LANG.tsv`).
struct Words {
    /// Whether a descriptor before a name ends on its role word (English: "Russian
    /// dictator") rather than begins on it (French: "le président russe", Russian:
    /// "президент России").
    role_last: bool,
    /// Role words (lower case) and stems (a word they begin), with their English labels
    /// and whether they name a kind of group (an organization's role, not a person's).
    roles: HashMap<String, (String, bool)>,
    stems: Vec<(String, String, bool)>,
    /// Words that end a descriptor before a name.
    stop: HashSet<String>,
    /// Words that open an appositive after a name; where a language has none, the
    /// appositive opens on its role word ("Дмитрий Песков, пресс-секретарь президента,").
    determiners: HashSet<String>,
    /// Words that may stand before a role that begins a descriptor ("l'ancien président").
    before_role: HashSet<String>,
    /// Endings of the adjectives that may stand before such a role ("кровавый диктатор").
    adjective_endings: Vec<String>,
    /// Whether only names, adjectives and the words of `after_role` may stand between a
    /// role and the name it describes.
    restricted: bool,
    after_role: HashSet<String>,
}

impl Words {
    fn parse(file: &str, data: &str) -> Words {
        let e = Entries::parse(file, data);
        let set = |class: &str| -> HashSet<String> {
            e.class(class).iter().map(|(w, _)| w.to_string()).collect()
        };
        let first = |class: &str| e.class(class).first().map(|(w, _)| *w);
        let mut roles = HashMap::new();
        let mut stems = Vec::new();
        for (class, group) in [("role", false), ("group", true)] {
            for &(word, label) in e.class(class) {
                match word.strip_suffix('*') {
                    Some(stem) => stems.push((stem.to_string(), label.to_string(), group)),
                    None => {
                        roles.insert(word.to_string(), (label.to_string(), group));
                    }
                }
            }
        }
        Words {
            role_last: first("order") == Some("role-last"),
            roles,
            stems,
            stop: set("stop"),
            determiners: set("determiner"),
            before_role: set("before-role"),
            adjective_endings: e
                .class("adjective")
                .iter()
                .map(|(w, _)| w.to_string())
                .collect(),
            restricted: first("following") == Some("restricted"),
            after_role: set("after-role"),
        }
    }

    /// The English label of a role word that may describe an entity of type `kind`
    /// ("президента" → "president"). Where the role comes first, a person's role describes
    /// only a person and a group's only an organization: "лидера ИГ" is the group's leader,
    /// not the group.
    fn role(&self, word: &str, kind: EntityType) -> Option<&str> {
        let (label, group) = self.entry(word)?;
        (self.role_last || group == (kind == EntityType::Org)).then_some(label)
    }

    /// A role word's English label and whether it names a kind of group, whatever it may
    /// describe.
    fn entry(&self, word: &str) -> Option<(&str, bool)> {
        let lower = word.to_lowercase();
        self.roles
            .get(&lower)
            .map(|(label, group)| (label.as_str(), *group))
            .or_else(|| {
                self.stems
                    .iter()
                    .find(|(stem, ..)| lower.starts_with(stem.as_str()))
                    .map(|(_, label, group)| (label.as_str(), *group))
            })
    }

    /// Whether a word between a role and the name belongs to the descriptor: any, or
    /// where the language restricts them, a name ("президент России"), an adjective, a role
    /// ("пресс-секретарь российского президента") or a word of the list ("президент
    /// страны"), never a verb or a noun of the sentence's own ("назвало", "именем").
    fn after_role(&self, word: &str) -> bool {
        !self.restricted
            || word.chars().next().is_some_and(char::is_uppercase)
            || self.after_role.contains(&word.to_lowercase())
            || self.adjective(word)
            || self.entry(word).is_some()
    }

    fn adjective(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.adjective_endings
            .iter()
            .any(|e| lower.chars().count() > e.chars().count() + 2 && lower.ends_with(e.as_str()))
    }

    /// Whether a word before a role that begins a descriptor belongs to it.
    fn before_role(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        word.chars().next().is_some_and(char::is_lowercase)
            && (self.before_role.contains(&lower) || self.adjective(word))
    }
}

static WORDS: LazyLock<HashMap<&'static str, Words>> = LazyLock::new(|| {
    [
        ("en", include_str!("../data/framing/en.tsv")),
        ("fr", include_str!("../data/framing/fr.tsv")),
        ("ru", include_str!("../data/framing/ru.tsv")),
        ("uk", include_str!("../data/framing/uk.tsv")),
    ]
    .into_iter()
    .map(|(language, data)| {
        let file = format!("data/framing/{language}.tsv");
        (language, Words::parse(&file, data))
    })
    .collect()
});

/// The framing words of a document's language; English's where it has none of its own.
fn words_of(doc: &Document) -> &'static Words {
    doc.language
        .as_deref()
        .and_then(|l| WORDS.get(l))
        .unwrap_or_else(|| &WORDS["en"])
}

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
                let words = words_of(doc);
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
                        let found = [
                            before(words, e.entity_type, &doc.text, m.start),
                            after(words, e.entity_type, &doc.text, m.end),
                        ];
                        for (r, label) in found.into_iter().flatten() {
                            let span = Span {
                                text: doc.text[r.clone()].to_string(),
                                start: r.start,
                                end: r.end,
                                field: None,
                            };
                            add(&mut outlets, &outlet, label, Evidence::of(&doc.id, &span));
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

/// One use of a descriptor by an outlet: the descriptor once with its English label, each
/// use as evidence.
fn add(outlets: &mut Vec<OutletDescriptors>, outlet: &str, label: &str, evidence: Evidence) {
    let k = match outlets.iter().position(|o| o.outlet == outlet) {
        Some(k) => k,
        None => {
            outlets.push(OutletDescriptors {
                outlet: outlet.to_string(),
                descriptors: Vec::new(),
                labels: Vec::new(),
                evidence: Vec::new(),
            });
            outlets.len() - 1
        }
    };
    let o = &mut outlets[k];
    if !o.descriptors.contains(&evidence.text) {
        o.descriptors.push(evidence.text.clone());
        o.labels.push(label.to_string());
    }
    o.evidence.push(evidence);
}

/// The words right before a name that describe it, with the English label of their role:
/// "Russian dictator" in "Russian dictator Vladimir Putin", "président russe" in "le
/// président russe Vladimir Poutine", "российский президент" in "российский президент
/// Владимир Путин". Without a part-of-speech tagger, a descriptor is only taken where it
/// holds a word that names a role, so that "asked Apple" or "critiquing Putin" never read
/// as framing.
fn before<'w>(
    words: &'w Words,
    kind: EntityType,
    text: &str,
    start: usize,
) -> Option<(Range<usize>, &'w str)> {
    let head = text.get(..start)?;
    if !head.ends_with(' ') {
        return None;
    }
    // English descriptors are short ("Russian dictator"); others run on past their role
    // ("кровавый диктатор России").
    let most = if words.role_last {
        BEFORE_WORDS - 1
    } else {
        BEFORE_WORDS
    };
    let mut found: Vec<&str> = Vec::new();
    for word in head.trim_end().rsplit(' ') {
        let plain = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        let stop = words.stop.contains(&word.to_lowercase());
        if !plain || found.len() == most || stop {
            break;
        }
        found.push(word);
    }
    found.reverse();
    let label = if words.role_last {
        // "suggested despot": a verb before the descriptor proper is dropped.
        while found.len() > 1
            && found[0].ends_with("ed")
            && found[0].chars().next().is_some_and(char::is_lowercase)
        {
            found.remove(0);
        }
        words.role(found.last()?, kind)?
    } else {
        // From the role word on, with the adjectives right before it ("заявил президент
        // России" → "президент России").
        // The first role word that only names, adjectives and roles follow, and no
        // adjective before a role ("террористическая группировка": the adjective is no role
        // of its own; "подозреваемый" alone is).
        let is_role = |w: &&str| words.role(w, kind).is_some();
        let role = (0..found.len()).find(|&k| {
            is_role(&found[k])
                && !(words.adjective(found[k]) && found[k + 1..].iter().any(is_role))
                && found[k + 1..].iter().all(|w| words.after_role(w))
        })?;
        let label = words.role(found[role], kind)?;
        let mut first = role;
        while first > 0 && words.before_role(found[first - 1]) {
            first -= 1;
        }
        found.drain(..first);
        label
    };
    // The words are consecutive, one space apart: the descriptor ends where the space
    // before the name begins.
    let end = head.trim_end().len();
    let len = found.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    Some((end - len..end, label))
}

/// An appositive right after a name that says what it is, with the English label of its
/// role: "Vladimir Putin, the Russian president, said", "Juliette Méadel, la secrétaire
/// d'État, …", "Дмитрий Песков, пресс-секретарь президента, …"; "FSB, the Investigative
/// Committee," is a list, not a description.
fn after<'w>(
    words: &'w Words,
    kind: EntityType,
    text: &str,
    end: usize,
) -> Option<(Range<usize>, &'w str)> {
    let tail = text.get(end..)?;
    let comma = tail.len() - tail.trim_start_matches(' ').len();
    let rest = tail[comma..].strip_prefix(", ")?;
    let opening = end + comma + 2;
    let stop = rest.find([',', '.', ';', ':', '(', '\n', '"', '“', '”', '«', '»'])?;
    let phrase = rest[..stop].trim_end();
    let found: Vec<&str> = phrase.split_whitespace().collect();
    let first = found.first()?.to_lowercase();
    let determiner = words.determiners.contains(&first)
        || words
            .determiners
            .iter()
            .any(|d| d.ends_with('\'') && first.starts_with(d.as_str()));
    let (opens, label) = if words.determiners.is_empty() {
        (true, words.role(found.first()?, kind)?)
    } else if words.role_last {
        (determiner, words.role(found.last()?, kind)?)
    } else {
        let role = found.iter().find_map(|w| {
            let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
            words.role(w, kind)
        })?;
        (determiner, role)
    };
    let head = found.last()?;
    (opens
        && (found.len() >= 2 || words.determiners.is_empty())
        && found.len() <= AFTER_WORDS
        && rest[stop..].starts_with(',')
        && (!words.role_last || head.chars().next().is_some_and(char::is_lowercase)))
    .then(|| (opening..opening + phrase.len(), label))
}

#[cfg(test)]
mod tests {
    use super::WORDS;
    use crosscheck_model::EntityType;

    fn before(t: &str, start: usize) -> Option<&str> {
        super::before(&WORDS["en"], EntityType::Person, t, start).map(|(r, _)| &t[r])
    }

    fn after(t: &str, end: usize) -> Option<&str> {
        super::after(&WORDS["en"], EntityType::Person, t, end).map(|(r, _)| &t[r])
    }

    /// The descriptor before or after `name` in `t`, in `language`, with its label.
    fn framed<'t>(language: &str, t: &'t str, name: &str) -> Option<(&'t str, &'static str)> {
        let words = &WORDS[language];
        let at = t.find(name)?;
        let kind = EntityType::Person;
        super::before(words, kind, t, at)
            .or_else(|| super::after(words, kind, t, at + name.len()))
            .map(|(r, label)| (&t[r], label))
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

    #[test]
    fn descriptors_in_each_language_are_kept_and_labelled_in_english() {
        let t = "Selon le président russe Vladimir Poutine, rien.";
        assert_eq!(
            framed("fr", t, "Vladimir"),
            Some(("président russe", "president"))
        );
        let t = "Juliette Méadel , la secrétaire d'État , a annoncé";
        assert_eq!(
            framed("fr", t, "Juliette Méadel"),
            Some(("la secrétaire d'État", "secretary"))
        );
        let t = "Об этом заявил президент России Владимир Путин.";
        assert_eq!(
            framed("ru", t, "Владимир"),
            Some(("президент России", "president"))
        );
        let t = "сказал пресс-секретарь российского президента Дмитрий Песков";
        assert_eq!(
            framed("ru", t, "Дмитрий"),
            Some(("пресс-секретарь российского президента", "spokesperson"))
        );
        let t = "Его назвал кровавым диктатором Путин.";
        assert_eq!(
            framed("ru", t, "Путин"),
            Some(("кровавым диктатором", "dictator"))
        );
        let t = "Дмитро Кулеба, міністр закордонних справ, заявив";
        assert_eq!(
            framed("uk", t, "Дмитро Кулеба"),
            Some(("міністр закордонних справ", "minister"))
        );
        // A person's role before an organization is its member's: "лидера ИГ".
        let words = &WORDS["ru"];
        let t = "лидера ИГ";
        assert_eq!(
            super::before(words, EntityType::Org, t, t.find("ИГ").unwrap()),
            None
        );
        let t = "террористическая группировка ИГ";
        assert_eq!(
            super::before(words, EntityType::Org, t, t.find("ИГ").unwrap())
                .map(|(r, l)| (&t[r], l)),
            Some(("террористическая группировка", "group"))
        );
        // No role, no descriptor: "заявил Владимир Путин", "a dit Emmanuel Macron".
        assert_eq!(framed("ru", "заявил Владимир Путин", "Владимир"), None);
        assert_eq!(framed("fr", "a dit Emmanuel Macron", "Emmanuel"), None);
    }
}
