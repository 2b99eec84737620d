//! Text folded for matching, one way for every stage that compares names or words: without
//! case or diacritics, and loosely, so that transliterations of one name meet ("Zelensky",
//! "Zelenskyy", "Zelenskiy"; "Podolyak", "Podoliak").

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
}
