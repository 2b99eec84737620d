//! Text folded for matching, one way for every stage that compares names or words: without
//! case or diacritics, and loosely, so that transliterations of one name meet ("Zelensky",
//! "Zelenskyy", "Zelenskiy"; "Podolyak", "Podoliak").

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// The words of a text, lower-cased and without diacritics; anything but letters and digits
/// separates words.
pub fn folded_words(text: &str) -> Vec<String> {
    text.nfd()
        .filter(|c| !unicode_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Whether `c` is a letter of the Cyrillic block (Russian, Ukrainian and their neighbours'
/// alphabets).
pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Whether `c` is a combining mark (an accent written apart from its letter): part of the
/// word it follows.
pub fn unicode_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// One folded word (see [`folded_words`]) made loose: `kh` as `h`, `y` as `i`, doubled
/// letters single — the usual differences between transliterations of one name.
pub fn loose_word(word: &str) -> String {
    let replaced = word.replace("kh", "h").replace('y', "i");
    let mut key = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if key.ends_with(c) && c.is_alphabetic() {
            continue;
        }
        key.push(c);
    }
    key
}

/// A name's loose key: its folded words made loose, one space apart.
pub fn loose_key(name: &str) -> String {
    folded_words(name)
        .iter()
        .map(|w| loose_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letter → its Latin spelling.
static ROMAN: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    include_str!("../data/romanization.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (letter, latin) = l.split_once('\t')?;
            Some((letter.chars().next()?, latin))
        })
        .collect()
});

/// Spellings of one sound, longest first: each is read before the shorter ones inside it.
const SOUNDS: [(&str, &str); 20] = [
    ("shch", "s"),
    ("dzh", "z"),
    ("sch", "s"),
    ("tch", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("zh", "z"),
    ("kh", ""),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("dz", "z"),
    ("h", ""),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "f"),
    ("v", "f"),
    ("j", "z"),
];

/// One person's name across scripts and spellings: "Шериф Шекатт", "Chérif Chekatt" and
/// "Sherif Shekatt", "Стивен Пэддок" and "Stephen Paddock", "Володимир Зеленський" and
/// "Volodymyr Zelensky" are each one key, so that coverage of one story in Russian, Ukrainian,
/// French and English shares the people it names.
///
/// The key is a consonant skeleton: the name romanized (`data/romanization.tsv`), the sounds
/// that spellings of one language and transliterations of another write differently made one
/// ("ch", "sh", "sch" → s; "ph", "v" → f; "c", "ck", "q" → k; "h" and "kh" dropped), doubled
/// letters made single, vowels dropped. Case endings are mostly vowels ("Шекатта" →
/// "Шекатт"). Only names of two words or more get a key, so that one surname alone, or a
/// first name, never stands for a person.
///
/// `None` for a name of one word or with a word without consonants.
pub fn person_key(name: &str) -> Option<String> {
    let words: Vec<String> = name.split_whitespace().map(skeleton).collect();
    (words.len() >= 2 && words.iter().all(|w| !w.is_empty())).then(|| words.join(" "))
}

/// The consonant skeleton of one word.
fn skeleton(word: &str) -> String {
    let mut latin = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match ROMAN.get(&c) {
            Some(spelled) => latin.push_str(spelled),
            None if c.is_ascii_alphabetic() => latin.push(c),
            // Vowels of any script, apostrophes, signs: nothing of the skeleton.
            None => {}
        }
    }
    let mut sounds = String::with_capacity(latin.len());
    let mut rest = latin.as_str();
    while !rest.is_empty() {
        match SOUNDS.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                sounds.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                sounds.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // Doubled letters made single before the vowels go, so that "Potanin" keeps both its n.
    let mut out = String::with_capacity(sounds.len());
    let mut last = None;
    for c in sounds.chars() {
        if last != Some(c) && !"aeiouy".contains(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_meet() {
        for name in ["Zelensky", "Zelenskyy", "Zelenskiy", "ZELENSKÝ"] {
            assert_eq!(loose_key(name), "zelenski", "{name}");
        }
        assert_eq!(
            loose_key("Mykhailo Podolyak"),
            loose_key("Mykhaylo Podoliak")
        );
        assert_eq!(
            folded_words("Crocus-City Hall’s"),
            ["crocus", "city", "hall", "s"]
        );
        assert_eq!(loose_key("Ёлкин Й"), "елкин и");
    }

    #[test]
    fn one_person_across_scripts_and_spellings() {
        for (a, b) in [
            ("Шериф Шекатт", "Chérif Chekatt"),
            ("Шерифа Шекатта", "Sherif Shekatt"),
            ("Стивен Пэддок", "Stephen Paddock"),
            ("Володимир Зеленський", "Volodymyr Zelensky"),
            ("Владимир Зеленский", "Volodymyr Zelenskyy"),
            ("Сайфулло Саипов", "Sayfullo Saipov"),
            ("Владимир Путин", "Vladimir Poutine"),
        ] {
            assert_eq!(person_key(a), person_key(b), "{a} / {b}");
            assert!(person_key(a).is_some());
        }
    }

    #[test]
    fn other_people_and_lone_names_have_other_keys() {
        assert_ne!(person_key("Stephen Paddock"), person_key("Stephen Pollock"));
        assert_ne!(person_key("Vladimir Putin"), person_key("Vladimir Potanin"));
        assert_eq!(person_key("Putin"), None);
        assert_eq!(person_key("Ли Ао"), None);
    }
}
