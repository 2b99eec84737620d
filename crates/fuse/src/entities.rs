//! One entity across documents: "IS" in one article and "Islamic State" in another, "Putin"
//! and "Vladimir Putin", "Mykhaïlo Podoliak" and "Mykhailo Podolyak".
//!
//! Each document has already grouped its own mentions (an acronym it defines is among its
//! entity's aliases). Across documents, entities of one type merge when a name form is the
//! same up to transliteration, when the alias list names the same organization, when a
//! person's full name has one key across scripts ("Шериф Шекатт" = "Chérif Chekatt", named in
//! Latin letters), or when a bare surname matches the full name of exactly one person of the
//! event — two Kennedys in one event and "Kennedy" stays apart, since a wrong merge is worse
//! than a missing one.

use std::collections::HashMap;

use crosscheck_extract::entities::{known_organization, same_person, strip_possessive};
use crosscheck_model::fold::{folded_words, person_key};
use crosscheck_model::{CanonicalEntity, Document, Entity, EntityType};

/// The entities of an event's documents, merged across documents, in order of first
/// mention.
pub fn canonical_entities(docs: &[Document]) -> Vec<CanonicalEntity> {
    let nodes: Vec<Node<'_>> = docs
        .iter()
        .flat_map(|d| d.entities.iter().map(move |e| Node::new(&d.id, e)))
        .collect();
    let mut sets = DisjointSets::new(nodes.len());
    merge_same_forms(&nodes, &mut sets);
    merge_across_scripts(&nodes, &mut sets);
    merge_surnames(&nodes, &mut sets);
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..nodes.len() {
        let root = sets.find(i);
        let k = *slot.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[k].push(i);
    }
    members
        .iter()
        .enumerate()
        .map(|(k, m)| canonical(k, m, &nodes))
        .collect()
}

struct Node<'a> {
    document: &'a str,
    entity: &'a Entity,
    /// Transliteration-insensitive keys of the name and every alias.
    keys: Vec<String>,
    /// Folded words of the name.
    words: Vec<String>,
}

impl<'a> Node<'a> {
    fn new(document: &'a str, entity: &'a Entity) -> Self {
        let mut keys: Vec<String> = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .map(|f| crosscheck_model::fold::loose_key(&strip_possessive(f)))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        Node {
            document,
            entity,
            keys,
            words: folded_words(&entity.name),
        }
    }

    fn entity_type(&self) -> EntityType {
        self.entity.entity_type
    }
}

fn merge_same_forms(nodes: &[Node<'_>], sets: &mut DisjointSets) {
    let mut first: HashMap<(EntityType, String), usize> = HashMap::new();
    let mut known: HashMap<usize, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        for key in &node.keys {
            match first.get(&(node.entity_type(), key.clone())) {
                Some(&j) => sets.union(i, j),
                None => {
                    first.insert((node.entity_type(), key.clone()), i);
                }
            }
        }
        if node.entity_type() == EntityType::Org {
            let line = std::iter::once(&node.entity.name)
                .chain(&node.entity.aliases)
                .find_map(|f| known_organization(f));
            if let Some(line) = line {
                match known.get(&line) {
                    Some(&j) => sets.union(i, j),
                    None => {
                        known.insert(line, i);
                    }
                }
            }
        }
    }
}

/// "Шериф Шекатт", "Шерифа Шекатта" and "Chérif Chekatt": people whose full names share
/// their key across scripts and spellings ([`person_key`]) are one, where the names in Latin
/// letters with that key are one person already (two spellings "Dan Smith" and "Don Smith"
/// that nothing else joined stay two people, and the Cyrillic names with them).
fn merge_across_scripts(nodes: &[Node<'_>], sets: &mut DisjointSets) {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.entity_type() == EntityType::Person {
            if let Some(key) = person_key(&node.entity.name) {
                by_key.entry(key).or_default().push(i);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = by_key.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    for group in groups {
        let mut latin: Vec<usize> = group
            .iter()
            .filter(|&&i| !cyrillic(&nodes[i].entity.name))
            .map(|&i| sets.find(i))
            .collect();
        latin.sort_unstable();
        latin.dedup();
        if latin.len() <= 1 {
            for pair in group.windows(2) {
                sets.union(pair[0], pair[1]);
            }
        }
    }
}

/// Whether a name is written in Cyrillic letters.
fn cyrillic(name: &str) -> bool {
    name.chars().any(crosscheck_model::fold::is_cyrillic)
}

/// "Putin" with "Vladimir Putin": a person named by fewer words joins the one set of fuller
/// names it can be; where it could be two people, it stays alone.
fn merge_surnames(nodes: &[Node<'_>], sets: &mut DisjointSets) {
    let persons: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].entity_type() == EntityType::Person && !nodes[i].words.is_empty())
        .collect();
    for &i in &persons {
        let mut roots: Vec<usize> = persons
            .iter()
            .filter(|&&j| {
                nodes[j].words.len() > nodes[i].words.len()
                    && same_person(&nodes[i].words, &nodes[j].words)
            })
            .map(|&j| sets.find(j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            sets.union(i, root);
        }
    }
}

fn canonical(k: usize, members: &[usize], nodes: &[Node<'_>]) -> CanonicalEntity {
    let mut names: Vec<(&str, usize)> = Vec::new();
    let mut forms: Vec<String> = Vec::new();
    let mut documents: Vec<String> = Vec::new();
    for &i in members {
        let entity = nodes[i].entity;
        match names.iter_mut().find(|(n, _)| *n == entity.name) {
            Some((_, count)) => *count += 1,
            None => names.push((&entity.name, 1)),
        }
        let surfaces = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .chain(entity.mentions.iter().map(|m| &m.text));
        for form in surfaces.map(|s| strip_possessive(s)) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        if !documents.iter().any(|d| d == nodes[i].document) {
            documents.push(nodes[i].document.to_string());
        }
    }
    // A name in Latin letters where the entity has one (the originals stay among the
    // aliases: "Chérif Chekatt" for "Шериф Шекатт"), the most used; on a tie the fullest,
    // then the first seen.
    let name = names
        .iter()
        .enumerate()
        .max_by_key(|(at, (n, count))| (!cyrillic(n), *count, n.len(), std::cmp::Reverse(*at)))
        .map(|(_, (n, _))| n.to_string())
        .unwrap_or_default();
    forms.retain(|f| *f != name);
    CanonicalEntity {
        id: format!("E{}", k + 1),
        name,
        entity_type: nodes[members[0]].entity_type(),
        aliases: forms,
        documents,
    }
}

/// Names of parties, speakers and entities as the event's canonical entities name them ("ISIS" →
/// "Islamic State"), else as written.
pub struct Names(HashMap<Vec<String>, String>);

impl Names {
    pub fn new(entities: &[CanonicalEntity]) -> Self {
        let mut map = HashMap::new();
        for e in entities {
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                map.entry(folded_words(&strip_possessive(form)))
                    .or_insert_with(|| e.name.clone());
            }
        }
        Names(map)
    }

    /// Whether a name is one of the event's entities (by any of its forms).
    pub fn knows(&self, name: &str) -> bool {
        self.0.contains_key(&folded_words(&strip_possessive(name)))
    }

    pub fn canonical(&self, name: &str) -> String {
        self.0
            .get(&folded_words(&strip_possessive(name)))
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }
}

/// Union-find with path halving.
struct DisjointSets(Vec<usize>);

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::Span;

    fn entity(name: &str, t: EntityType, aliases: &[&str]) -> Entity {
        Entity {
            id: "e".into(),
            name: name.into(),
            entity_type: t,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: vec![Span {
                text: format!("{name}'s"),
                start: 0,
                end: 0,
                field: None,
            }],
        }
    }

    fn doc(id: &str, entities: Vec<Entity>) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), String::new());
        d.entities = entities;
        d
    }

    fn names(found: &[CanonicalEntity]) -> Vec<(&str, Vec<&str>)> {
        found
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    e.documents.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn spellings_acronyms_and_surnames_meet_across_documents() {
        use EntityType::*;
        let docs = [
            doc(
                "a",
                vec![
                    entity("Mykhaïlo Podoliak", Person, &[]),
                    entity("Islamic State", Org, &["IS"]),
                    entity("Vladimir Putin", Person, &[]),
                ],
            ),
            doc(
                "b",
                vec![
                    entity("Mykhailo Podolyak", Person, &[]),
                    entity("ISIS", Org, &[]),
                    entity("Putin", Person, &[]),
                ],
            ),
            doc(
                "c",
                vec![
                    entity("IS", Org, &[]),
                    entity("Vladimir Putin", Person, &[]),
                ],
            ),
        ];
        let found = canonical_entities(&docs);
        assert_eq!(
            names(&found),
            [
                ("Mykhaïlo Podoliak", vec!["a", "b"]),
                ("Islamic State", vec!["a", "b", "c"]),
                ("Vladimir Putin", vec!["a", "b", "c"]),
            ]
        );
        assert!(
            found[2].aliases.contains(&"Putin".to_string()),
            "possessive stripped"
        );
        assert!(!found[2].aliases.iter().any(|a| a.ends_with("'s")));
    }

    #[test]
    fn one_person_across_scripts_is_named_in_latin_letters() {
        use EntityType::*;
        let docs = [
            doc(
                "ru",
                vec![
                    entity("Шериф Шекатт", Person, &[]),
                    entity("Шерифа Шекатта", Person, &[]),
                    entity("Шериф Шекатт", Person, &[]),
                ],
            ),
            doc("fr", vec![entity("Chérif Chekatt", Person, &[])]),
            doc(
                "en",
                vec![
                    entity("Dan Smith", Person, &[]),
                    entity("Don Smith", Person, &[]),
                    entity("Дэн Смит", Person, &[]),
                ],
            ),
        ];
        let found = canonical_entities(&docs);
        assert_eq!(
            names(&found),
            [
                ("Chérif Chekatt", vec!["ru", "fr"]),
                ("Dan Smith", vec!["en"]),
                ("Don Smith", vec!["en"]),
                ("Дэн Смит", vec!["en"]),
            ]
        );
        assert!(found[0].aliases.contains(&"Шерифа Шекатта".to_string()));
    }

    #[test]
    fn an_ambiguous_surname_and_other_types_stay_apart() {
        use EntityType::*;
        let docs = [
            doc(
                "a",
                vec![
                    entity("John Kennedy", Person, &[]),
                    entity("Robert Kennedy", Person, &[]),
                ],
            ),
            doc(
                "b",
                vec![
                    entity("Kennedy", Person, &[]),
                    entity("Kennedy", Facility, &[]),
                ],
            ),
        ];
        assert_eq!(canonical_entities(&docs).len(), 4);
    }
}
