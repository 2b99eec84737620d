//! Mentions grouped into the entities of one document.
//!
//! A mention joins an entity when their names fold to the same words (diacritics and case
//! ignored: Mykhaïlo = Mykhailo), when it is an acronym the text defined for it ("the Islamic
//! State (IS) group"), or, for people, when one name's words end the other's ("Zakharova",
//! "Ms. Zakharova" → "Maria Zakharova"). The entity is named by its fullest form.

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::fold::folded_words;
use crosscheck_model::{Entity, EntityType, Span};

use super::Mention;

/// Titles before a person's name that are not part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "president",
    "minister",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "mayor",
    "judge",
    "officer",
    "sgt",
    "sergeant",
    "capt",
    "captain",
    "lt",
    "col",
    "colonel",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "sir",
    "lord",
    "lady",
    "chancellor",
    "premier",
    "secretary",
    "deputy",
    "detective",
    "sheriff",
    "chief",
    "rev",
    "father",
    "sister",
    "brother",
    "coach",
    "dame",
    "madam",
    "mme",
    "m",
];

/// The alias list: for each organization, all its names (the canonical one first).
fn organizations() -> impl Iterator<Item = Vec<&'static str>> {
    include_str!("../../data/org_aliases.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t');
            let canonical = fields.next().unwrap_or_default();
            let others = fields.next().unwrap_or_default();
            std::iter::once(canonical)
                .chain(others.split('|'))
                .filter(|n| !n.is_empty())
                .collect()
        })
}

/// Every name of the well-known organizations (folded words) → the organization's line.
static ORG_ALIASES: LazyLock<HashMap<Vec<String>, usize>> = LazyLock::new(|| {
    organizations()
        .enumerate()
        .flat_map(|(i, names)| names.into_iter().map(move |n| (folded_words(n), i)))
        .collect()
});

/// The name the alias list gives first on line `line`.
fn canonical_organization(line: usize) -> Option<&'static str> {
    organizations()
        .nth(line)
        .and_then(|names| names.first().copied())
}

/// The line of the alias list that names this organization, if any: two names with the
/// same line are one organization ("ISIS" and "Islamic State").
pub fn known_organization(name: &str) -> Option<usize> {
    ORG_ALIASES.get(&folded_words(name)).copied()
}

/// Every name the alias list gives, as written: for finding the organizations in text.
pub(super) fn known_organization_names() -> Vec<String> {
    organizations().flatten().map(String::from).collect()
}

struct Group {
    /// The line of the alias list this organization is on, if it is there.
    known: Option<usize>,
    entity_type_votes: [usize; 4],
    /// Mentions as (span, name without title).
    mentions: Vec<(Span, String)>,
    /// Word lists (folded) of every name form, to match later mentions against.
    forms: Vec<Vec<String>>,
    acronyms: Vec<String>,
    /// The GeoNames name of a place written in Cyrillic.
    place: Option<&'static str>,
}

/// Groups mentions into entities, in order of first mention.
pub(super) fn group(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    for m in mentions {
        let surface = &text[m.start..m.end];
        let name = strip_title(surface, m.entity_type);
        if name.is_empty() {
            continue;
        }
        // A Cyrillic place is named by its GeoNames name, whatever its case.
        let place = (m.entity_type == EntityType::Location)
            .then(|| super::places::canonical(&name))
            .flatten();
        let words = folded_words(place.unwrap_or(&name));
        let span = Span {
            text: surface.to_string(),
            start: m.start,
            end: m.end,
            field: None,
        };
        let known = (m.entity_type == EntityType::Org)
            .then(|| ORG_ALIASES.get(&words).copied())
            .flatten();
        let found = groups
            .iter()
            .position(|g| g.acronyms.iter().any(|a| a == &name))
            .or_else(|| known.and_then(|k| groups.iter().position(|g| g.known == Some(k))))
            .or_else(|| groups.iter().position(|g| g.forms.contains(&words)))
            .or_else(|| {
                (m.entity_type == EntityType::Person)
                    .then(|| {
                        groups.iter().position(|g| {
                            g.is_person() && g.forms.iter().any(|f| same_person(f, &words))
                        })
                    })
                    .flatten()
            });
        let index = match found {
            Some(i) => i,
            None => {
                groups.push(Group {
                    known,
                    entity_type_votes: [0; 4],
                    mentions: Vec::new(),
                    forms: Vec::new(),
                    acronyms: Vec::new(),
                    place: None,
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[index];
        g.known = g.known.or(known);
        g.entity_type_votes[type_index(m.entity_type)] += 1;
        if !g.forms.contains(&words) {
            g.forms.push(words);
        }
        if let Some(acronym) = acronym_after(text, m.end) {
            if !g.acronyms.contains(&acronym) {
                g.acronyms.push(acronym);
            }
        }
        g.place = g.place.or(place);
        g.mentions.push((span, name));
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| g.into_entity(i + 1))
        .collect()
}

impl Group {
    fn entity_type(&self) -> EntityType {
        let best = (0..4)
            .max_by_key(|&k| (self.entity_type_votes[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        super::tagger::TYPES[best]
    }

    fn is_person(&self) -> bool {
        self.entity_type() == EntityType::Person
    }

    fn into_entity(self, number: usize) -> Entity {
        let entity_type = self.entity_type();
        // The place's GeoNames name, else the fullest form: most words, then longest; a
        // known organization written in Cyrillic takes the alias list's name ("ИГ",
        // "Исламское государство" → Islamic State), so one organization is one name across
        // languages.
        let fullest = self
            .mentions
            .iter()
            .map(|(_, n)| n.clone())
            .max_by_key(|n| (n.split_whitespace().count(), n.len()))
            .unwrap_or_default();
        let cyrillic = fullest.chars().any(crosscheck_model::fold::is_cyrillic);
        let name = self
            .place
            .or_else(|| {
                self.known
                    .filter(|_| cyrillic)
                    .and_then(canonical_organization)
            })
            .map_or(fullest, str::to_string);
        let mut aliases: Vec<String> = Vec::new();
        for form in self
            .mentions
            .iter()
            .map(|(s, n)| [strip_possessive(&s.text), n.clone()])
            .flat_map(|f| f.into_iter())
            .chain(self.acronyms.iter().cloned())
        {
            if form != name && !aliases.contains(&form) {
                aliases.push(form);
            }
        }
        Entity {
            id: format!("e{number}"),
            name,
            entity_type,
            aliases,
            mentions: self.mentions.into_iter().map(|(s, _)| s).collect(),
        }
    }
}

fn type_index(t: EntityType) -> usize {
    super::tagger::TYPES
        .iter()
        .position(|x| *x == t)
        .unwrap_or(0)
}

/// A person's name without the titles before it ("Ms. Zakharova" → "Zakharova"); other
/// names without a leading "the".
fn strip_title(surface: &str, entity_type: EntityType) -> String {
    let surface = strip_possessive(surface);
    let mut words: Vec<&str> = surface.split_whitespace().collect();
    if entity_type == EntityType::Person {
        while words.len() > 1
            && TITLES.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
        {
            words.remove(0);
        }
    } else {
        // "Ukraine's Center for Countering Disinformation": the possessor is another name.
        if let Some(at) = words
            .iter()
            .position(|w| w.ends_with("'s") || w.ends_with("’s"))
        {
            if at + 1 < words.len() {
                words.drain(..=at);
            }
        }
        if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
            words.remove(0);
        }
    }
    words.join(" ").trim_end_matches('.').to_string()
}

/// A name without its possessive ending ("Putin's" → "Putin").
pub fn strip_possessive(s: &str) -> String {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
        .to_string()
}

/// Whether two person names can be one person: the shorter's words end the longer's
/// ("Zakharova" and "Maria Zakharova"), or are its first and last ("Vladimir Putin" and
/// "Vladimir V. Putin").
pub fn same_person(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    long.ends_with(short)
        || (short.len() >= 2 && long.first() == short.first() && long.last() == short.last())
}

/// An acronym in parentheses right after a mention: "Islamic State (IS)".
fn acronym_after(text: &str, end: usize) -> Option<String> {
    let rest = text[end..].strip_prefix(" (")?;
    let close = rest.find(')')?;
    let inner = &rest[..close];
    let letters = inner.chars().filter(|c| c.is_uppercase()).count();
    (letters >= 2
        && inner.len() <= 10
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && inner.chars().next().is_some_and(char::is_uppercase))
    .then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, surface: &str, from: usize, entity_type: EntityType) -> Mention {
        let start = from + text[from..].find(surface).unwrap();
        Mention {
            start,
            end: start + surface.len(),
            entity_type,
        }
    }

    /// The entities of mentions of one type, each the first occurrence of its surface.
    fn named(text: &str, surfaces: &[&str], entity_type: EntityType) -> Vec<Entity> {
        let mentions: Vec<Mention> = surfaces
            .iter()
            .map(|s| mention(text, s, 0, entity_type))
            .collect();
        group(text, &mentions)
    }

    #[test]
    fn fullest_names_titles_acronyms_and_folding() {
        let text = "Maria Zakharova spoke. Ms. Zakharova added. The Islamic State (IS) group claimed it; IS said so. Mykhaïlo Podoliak and Mykhailo Podoliak. Putin's aides met Vladimir Putin.";
        let p = EntityType::Person;
        let mentions = vec![
            mention(text, "Maria Zakharova", 0, p),
            mention(text, "Ms. Zakharova", 0, p),
            mention(text, "Islamic State", 0, EntityType::Org),
            mention(text, "IS", 70, EntityType::Org),
            mention(text, "Mykhaïlo Podoliak", 0, p),
            mention(text, "Mykhailo Podoliak", 0, p),
            mention(text, "Putin", 120, p),
            mention(text, "Vladimir Putin", 0, p),
        ];
        let entities = group(text, &mentions);
        let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Maria Zakharova",
                "Islamic State",
                "Mykhaïlo Podoliak",
                "Vladimir Putin"
            ]
        );
        assert!(entities[0].aliases.contains(&"Ms. Zakharova".to_string()));
        assert!(entities[1].aliases.contains(&"IS".to_string()));
        assert_eq!(entities[1].mentions.len(), 2);
        assert!(entities[2]
            .aliases
            .contains(&"Mykhailo Podoliak".to_string()));
        assert_eq!(entities[3].mentions.len(), 2);
    }

    #[test]
    fn known_organizations_join_under_any_of_their_names() {
        let text = "ISIL fighters attacked. Daesh said it was behind it. NATO met; the North Atlantic Treaty Organization said no. The FBI and the CIA disagreed.";
        let o = EntityType::Org;
        let mentions = vec![
            mention(text, "ISIL", 0, o),
            mention(text, "Daesh", 0, o),
            mention(text, "NATO", 0, o),
            mention(text, "North Atlantic Treaty Organization", 0, o),
            mention(text, "FBI", 0, o),
            mention(text, "CIA", 0, o),
        ];
        let entities = group(text, &mentions);
        let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Daesh", "North Atlantic Treaty Organization", "FBI", "CIA"]
        );
        assert!(entities[0].aliases.contains(&"ISIL".to_string()));
        assert!(ORG_ALIASES.len() > 50);
    }

    #[test]
    fn a_possessor_is_not_part_of_an_organization_name() {
        assert_eq!(
            strip_title(
                "Ukraine's Center for Countering Disinformation",
                EntityType::Org
            ),
            "Center for Countering Disinformation"
        );
        assert_eq!(
            strip_title("the White House", EntityType::Org),
            "White House"
        );
        assert_eq!(
            strip_title("Ms. Zakharova", EntityType::Person),
            "Zakharova"
        );
    }

    #[test]
    fn an_organization_written_in_cyrillic_takes_its_english_name() {
        let text = "Исламское государство (ИГ) взяло на себя ответственность.";
        let entities = named(text, &["Исламское государство", "ИГ"], EntityType::Org);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].name, "Islamic State");
        assert!(entities[0].aliases.contains(&"ИГ".to_string()));
    }

    #[test]
    fn different_people_with_one_first_name_stay_apart() {
        let text = "John Smith met John Doe.";
        let entities = named(text, &["John Smith", "John Doe"], EntityType::Person);
        assert_eq!(entities.len(), 2);
    }
}
