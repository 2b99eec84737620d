//! Entities: PERSON, ORG, LOCATION and FACILITY mentions found by a learned tagger, grouped
//! per document into entities named by their fullest form.

mod cues;
mod group;
mod places;
mod rules;
mod tagger;

use std::sync::LazyLock;

use crosscheck_model::{Entity, EntityType};

use crate::segment::{tokens_in, Token};
pub use group::{known_organization, same_person, strip_possessive};
pub use tagger::{is_place, DocumentWords, Model, ModelError, Trainer};

/// The trained weights of each language, shipped in the repository (`crosscheck train`
/// writes them): English from spaCy's silver labels, French from WiNER's and Russian from
/// NEREL's hand labels (docs/EVALUATION.md, "Entities").
static ENGLISH: LazyLock<Result<Model, ModelError>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("../../models/ner-en.bin")));
static FRENCH: LazyLock<Result<Model, ModelError>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("../../models/ner-fr.bin")));
static RUSSIAN: LazyLock<Result<Model, ModelError>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("../../models/ner-ru.bin")));

/// The tagger of `language`: Ukrainian, which has no freely licensed labelled text, is read
/// by the Russian model (the same script, many shared names and endings, its places from the
/// Cyrillic gazetteer); a language without a model by the English one.
pub fn model_for(language: &str) -> Result<&'static Model, &'static ModelError> {
    let model = match language {
        "fr" => &FRENCH,
        "ru" | "uk" => &RUSSIAN,
        _ => &ENGLISH,
    };
    model.as_ref()
}

/// A mention the tagger found: byte offsets into the text and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
}

/// The entities of `text` (split into `sentences`) in `language`, with every mention.
pub fn find_entities(language: &str, text: &str, sentences: &[(usize, usize)]) -> Vec<Entity> {
    // The models are part of the build: a test fails on a broken one, so no run meets it.
    let Ok(model) = model_for(language) else {
        return Vec::new();
    };
    let mut mentions = find_mentions(language, model, text, sentences);
    mentions.extend(surname_mentions(text, &mentions));
    mentions.sort_by_key(|m| m.start);
    group::group(text, &mentions)
}

/// Later mentions of a person by surname alone that the tagger missed ("Vladimir Putin"
/// … "critiquing Putin's delayed response"): every word-bounded occurrence of the last word
/// of a full name found elsewhere in the text, where no mention already is. A surname two
/// people of the text share is left alone.
fn surname_mentions(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    // Surname → the first names it comes with; each surname is looked for once.
    let mut surnames: Vec<(&str, Vec<&str>)> = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
    {
        let name = text[m.start..m.end]
            .trim_end_matches("'s")
            .trim_end_matches("’s");
        let words: Vec<&str> = name.split_whitespace().collect();
        if let [first, .., last] = words[..] {
            if last.chars().count() > 2 && last.chars().next().is_some_and(char::is_uppercase) {
                match surnames.iter_mut().find(|(l, _)| *l == last) {
                    Some((_, firsts)) if !firsts.contains(&first) => firsts.push(first),
                    Some(_) => {}
                    None => surnames.push((last, vec![first])),
                }
            }
        }
    }
    let mut taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    taken.sort_unstable();
    let free = |start: usize, end: usize| {
        // The mentions are sorted and do not overlap: only the one starting last before
        // `end` can cover this span.
        let k = taken.partition_point(|&(s, _)| s < end);
        k == 0 || taken[k - 1].1 <= start
    };
    let mut found = Vec::new();
    for (last, _) in surnames.iter().filter(|(_, firsts)| firsts.len() == 1) {
        for (start, _) in text.match_indices(last) {
            let end = start + last.len();
            let bounded_before = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let bounded_after = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if bounded_before && bounded_after && free(start, end) {
                found.push(Mention {
                    start,
                    end,
                    entity_type: EntityType::Person,
                });
            }
        }
    }
    found
}

/// Per language, the elided words written against the next one (`data/LANG/elisions.txt`).
static ELISIONS: LazyLock<Vec<(&str, Vec<&str>)>> = LazyLock::new(|| {
    [("fr", include_str!("../../data/fr/elisions.txt"))]
        .into_iter()
        .map(|(language, list)| {
            let words = list
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            (language, words)
        })
        .collect()
});

/// The tokens the tagger reads in `text[start..end]`: the sentence's tokens, an elided
/// article or pronoun split from the name it is written against ("l'Italie" → "l'",
/// "Italie"; the tokenizer keeps "O'Brien" and "aujourd'hui" whole).
pub fn tagging_tokens(language: &str, text: &str, start: usize, end: usize) -> Vec<Token> {
    let toks = tokens_in(text, start, end);
    let Some((_, elided)) = ELISIONS.iter().find(|(l, _)| *l == language) else {
        return toks;
    };
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let word = &text[t.start..t.end];
        let cut = elided.iter().find_map(|e| {
            let head = word.get(..e.len())?;
            let apostrophe = word[e.len()..]
                .chars()
                .next()
                .filter(|c| matches!(c, '\'' | '’'))?;
            let at = e.len() + apostrophe.len_utf8();
            (head.eq_ignore_ascii_case(e) && word.len() > at).then_some(t.start + at)
        });
        match cut {
            Some(at) => {
                out.push(Token { end: at, ..t });
                out.push(Token { start: at, ..t });
            }
            None => out.push(t),
        }
    }
    out
}

/// The mentions of `text` in `language`, sentence by sentence, in order.
pub fn find_mentions(
    language: &str,
    model: &Model,
    text: &str,
    sentences: &[(usize, usize)],
) -> Vec<Mention> {
    let tokens: Vec<Vec<Token>> = sentences
        .iter()
        .map(|&(start, end)| tagging_tokens(language, text, start, end))
        .collect();
    let context = DocumentWords::of(text, &tokens);
    let mut out = Vec::new();
    for toks in &tokens {
        let labels = model.tag(text, toks, &context);
        out.extend(spans(text, toks, &labels));
    }
    let out = merge_places(text, out, places::mentions(text));
    let out = merge_rules(out, rules::organizations(text));
    // The places cue words name ("the town of Khan Tuman") in place of the tagger's
    // mentions inside them, whatever their type.
    merge_rules(out, cues::places(text))
}

/// Adds the Cyrillic place names to the tagger's mentions, replacing those they overlap
/// ("Лас-Вегаса" tagged a person, "у Східному Єрусалимі" too), except a name that goes on past the place ("Владимир
/// Путин", "Банка России", "Министерство обороны США") or a person's name that is its very
/// word where neither a preposition of place nor a country's name says otherwise ("президент
/// Обама", but "Туреччина").
fn merge_places(text: &str, mut mentions: Vec<Mention>, found: Vec<Mention>) -> Vec<Mention> {
    // A place the tagger ran into the person after it, as a country's name before a name in
    // Russian and Ukrainian titles ("міністр оборони України Іван Руснак" tagged "України
    // Іван Руснак"): the place, and the person after it. The place reader reads a town's
    // name before a capitalized word as no place ("Владимир Путин"), so only a country's
    // is ever set apart so.
    // The tagger's mentions are in text order: the one a place opens is found by its start,
    // and moving its start past the place keeps the order.
    for p in &found {
        let k = mentions.partition_point(|m| m.start < p.start);
        let Some(m) = mentions.get_mut(k).filter(|m| m.start == p.start) else {
            continue;
        };
        let rest = text.get(p.end..m.end).unwrap_or_default();
        if m.entity_type == EntityType::Person
            && m.end > p.end
            && rest.starts_with(' ')
            && rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            m.start = m.end - rest.trim_start().len();
        }
    }
    merge(mentions, found, |p, overlapping| {
        // After a preposition of place ("в Лас-Вегасе") the word is the place, whatever the
        // tagger, which reads unknown Cyrillic words as names, says.
        let located =
            places::after_preposition(text, p.start) || places::is_country(&text[p.start..p.end]);
        !overlapping.iter().any(|m| {
            // "у Східному Єрусалимі" tagged a person: a person's name after a preposition of
            // place, ending on the place, is the place.
            let person_in_place = m.entity_type == EntityType::Person
                && m.end == p.end
                && places::after_preposition(text, m.start);
            let longer = (m.start < p.start && !person_in_place) || m.end > p.end;
            longer
                || (m.entity_type == EntityType::Person
                    && m.end == p.end
                    && !located
                    && !person_in_place)
        })
    })
}

/// Adds the mentions the rules find to the tagger's: a rule mention that covers tagger
/// mentions replaces them ("Institute" → "Institute for the Study of War"); one that
/// overlaps a mention without covering it is dropped.
fn merge_rules(mentions: Vec<Mention>, found: Vec<Mention>) -> Vec<Mention> {
    merge(mentions, found, |r, overlapping| {
        overlapping
            .iter()
            .all(|m| r.start <= m.start && m.end <= r.end)
    })
}

/// Adds each found mention that `accept` takes, given the mentions it overlaps, in place of
/// those; the mentions come back in text order.
fn merge(
    mut mentions: Vec<Mention>,
    found: Vec<Mention>,
    accept: impl Fn(&Mention, &[Mention]) -> bool,
) -> Vec<Mention> {
    for r in found {
        let overlapping: Vec<usize> = (0..mentions.len())
            .filter(|&k| mentions[k].start < r.end && r.start < mentions[k].end)
            .collect();
        let over: Vec<Mention> = overlapping.iter().map(|&k| mentions[k]).collect();
        if !accept(&r, &over) {
            continue;
        }
        for &k in overlapping.iter().rev() {
            mentions.remove(k);
        }
        mentions.push(r);
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Runs of B-/I- labels as mentions, without a trailing possessive ("Putin's" → "Putin").
fn spans(text: &str, toks: &[Token], labels: &[tagger::Label]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut current: Option<Mention> = None;
    for (t, &label) in toks.iter().zip(labels) {
        match (
            tagger::type_of(label),
            tagger::is_inside(label),
            current.as_mut(),
        ) {
            (Some(_), true, Some(m)) => m.end = t.end,
            (Some(entity_type), _, _) => {
                out.extend(current.take());
                current = Some(Mention {
                    start: t.start,
                    end: t.end,
                    entity_type,
                });
            }
            (None, _, _) => out.extend(current.take()),
        }
    }
    out.extend(current);
    for m in &mut out {
        let s = &text[m.start..m.end];
        if let Some(stripped) = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")) {
            m.end = m.start + stripped.len();
        }
    }
    out.retain(|m| m.end > m.start);
    out
}

/// Labels for the tokens of a text from entity spans (byte offsets): training data.
pub fn gold_labels(toks: &[Token], entities: &[(usize, usize, EntityType)]) -> Vec<tagger::Label> {
    toks.iter()
        .map(|t| {
            entities
                .iter()
                .find(|(s, e, _)| t.start >= *s && t.end <= *e)
                .map_or(0, |&(s, _, ty)| {
                    tagger::begin(ty) + usize::from(t.start > s)
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{sentences, tokens};

    fn person(text: &str, name: &str) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            start,
            end: start + name.len(),
            entity_type: EntityType::Person,
        }
    }

    #[test]
    fn a_named_person_is_found_again_by_surname_alone() {
        let text =
            "Vladimir Putin spoke. Zelenskyy criticized Putin's delayed response; Putinism aside.";
        let found = surname_mentions(text, &[person(text, "Vladimir Putin")]);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            spans,
            ["Putin"],
            "word-bounded, the full name itself not again"
        );
        let text = "John Kennedy and Robert Kennedy met. Kennedy spoke.";
        let mentions = [person(text, "John Kennedy"), person(text, "Robert Kennedy")];
        assert!(
            surname_mentions(text, &mentions).is_empty(),
            "two Kennedys: ambiguous"
        );
    }

    #[test]
    fn the_shipped_model_loads_and_finds_the_seed_names() {
        let text = "The spokesperson for Russian diplomacy, Maria Zakharova, denounced a crime. Vladimir Putin spoke with the FSB in Moscow.";
        let entities = find_entities("en", text, &sentences(text));
        assert!(model_for("en").is_ok());
        let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        for want in ["Maria Zakharova", "Vladimir Putin", "Moscow"] {
            assert!(names.contains(&want), "{want} not in {names:?}");
        }
    }

    #[test]
    fn each_language_is_read_by_its_model() {
        for (language, text, want) in [
            (
                "fr",
                "Selon l'AFP, Emmanuel Macron s'est rendu à Strasbourg. Les policiers de l'Allemagne sont venus.",
                &["AFP", "Emmanuel Macron", "Strasbourg", "Germany"][..],
            ),
            (
                "ru",
                "Президент России Владимир Путин провёл совещание в Москве. Ранее ФСБ сообщила о задержании.",
                &["Russia", "Владимир Путин", "Moscow", "Federal Security Service"],
            ),
            (
                "uk",
                "Президент України Володимир Зеленський прибув до Києва. Раніше Служба безпеки України повідомила про затримання.",
                &["Ukraine", "Володимир Зеленський", "Kyiv", "Security Service of Ukraine"],
            ),
        ] {
            assert!(model_for(language).is_ok(), "{language}");
            let entities = find_entities(language, text, &sentences(text));
            let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(names, want, "{language}");
        }
    }

    #[test]
    fn a_place_run_into_a_name_is_set_apart() {
        let text = "міністр оборони України Іван Руснак і президента Росії Владимир Путин";
        let at = |w: &str| text.find(w).unwrap();
        let person = |from: &str, to: &str| Mention {
            start: at(from),
            end: at(to) + to.len(),
            entity_type: EntityType::Person,
        };
        let tagged = vec![person("України", "Руснак"), person("Владимир", "Путин")];
        let merged: Vec<(&str, EntityType)> = merge_places(text, tagged, places::mentions(text))
            .iter()
            .map(|m| (&text[m.start..m.end], m.entity_type))
            .collect();
        assert_eq!(
            merged,
            [
                ("України", EntityType::Location),
                ("Іван Руснак", EntityType::Person),
                ("Росії", EntityType::Location),
                ("Владимир Путин", EntityType::Person),
            ]
        );
    }

    #[test]
    fn a_person_tagged_after_a_preposition_of_place_is_the_place() {
        let text = "атака у Східному Єрусалимі";
        let start = text.find("Східному").unwrap();
        let tagged = vec![Mention {
            start,
            end: text.len(),
            entity_type: EntityType::Person,
        }];
        let merged: Vec<(&str, EntityType)> = merge_places(text, tagged, places::mentions(text))
            .iter()
            .map(|m| (&text[m.start..m.end], m.entity_type))
            .collect();
        assert_eq!(merged, [("Єрусалимі", EntityType::Location)]);
    }

    #[test]
    fn french_elisions_are_words_of_their_own() {
        let text = "Le chef de l'Italie et d’Israël, aujourd'hui chez O'Brien.";
        let words: Vec<&str> = tagging_tokens("fr", text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert!(words.starts_with(&["Le", "chef", "de", "l'", "Italie", "et", "d’", "Israël"]));
        assert!(words.contains(&"aujourd'hui") && words.contains(&"O'Brien"));
        let english = tagging_tokens("en", text, 0, text.len());
        assert!(english.iter().any(|t| &text[t.start..t.end] == "l'Italie"));
    }

    proptest::proptest! {
        #[test]
        fn mention_offsets_round_trip(text in "[A-Za-z .,'’()-]{0,80}( Maria Zakharova| the FSB| Moscow| Institute for the Study of War| ISIS){0,3}[a-z .]{0,30}") {
            for e in find_entities("en", &text, &sentences(&text)) {
                for m in &e.mentions {
                    proptest::prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
                }
            }
        }
    }

    #[test]
    fn labels_from_spans() {
        let text = "Mr. Putin met Emmanuel Macron.";
        let toks = tokens(text);
        let labels = gold_labels(
            &toks,
            &[(4, 9, EntityType::Person), (14, 29, EntityType::Person)],
        );
        assert_eq!(labels, [0, 0, 1, 0, 1, 2, 0]);
    }
}
