//! The words the rules read, as data: one file per stage and language under `data/LANG/`,
//! read by one engine, so that a language is a set of word lists, not code.
//!
//! A file holds one entry a line, `class<TAB>phrase[<TAB>value]`; `#` starts a comment. A
//! phrase is words separated by spaces, lower case: `*` stands for up to three words of any
//! kind ("taken to * hospital" reads "taken to the local hospital"), and a word ending in
//! `*` for any word it begins ("hospital*" reads "hospitals"). Phrases are matched against
//! lower-cased words; at one position the longest phrase wins.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// One element of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    Word(String),
    /// A word starting so.
    Prefix(String),
    /// Up to this many words of any kind (none included).
    Gap(usize),
}

/// How many words a `*` may stand for.
const GAP: usize = 3;

/// Phrases of one class, each with its value, looked up by their first word.
#[derive(Debug, Clone)]
pub struct Phrases<V> {
    /// Looked up at every word of every sentence, for every class: a fast hash, as the keys
    /// are the shipped word lists, not input.
    by_first: FxHashMap<String, Vec<(Vec<Element>, V)>>,
    /// Phrases whose first element is a prefix, tried at every position.
    by_prefix: Vec<(Vec<Element>, V)>,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            by_first: FxHashMap::default(),
            by_prefix: Vec::new(),
        }
    }
}

/// A match of a phrase: where it starts and ends (word indices, end exclusive), and its
/// value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'a, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'a V,
}

impl<V> Phrases<V> {
    pub fn add(&mut self, phrase: &str, value: V) {
        let elements: Vec<Element> = phrase
            .split_whitespace()
            .map(|w| match w {
                "*" => Element::Gap(GAP),
                w if w.len() > 1 && w.ends_with('*') => {
                    Element::Prefix(w.trim_end_matches('*').to_string())
                }
                w => Element::Word(w.to_string()),
            })
            .collect();
        match elements.first() {
            Some(Element::Word(first)) => self
                .by_first
                .entry(first.clone())
                .or_default()
                .push((elements, value)),
            Some(_) => self.by_prefix.push((elements, value)),
            None => {}
        }
    }

    /// The longest phrase starting at word `i` of `words`.
    pub fn at<'a, S: AsRef<str>>(&'a self, words: &[S], i: usize) -> Option<Match<'a, V>> {
        let first = words.get(i)?.as_ref();
        self.by_first
            .get(first)
            .into_iter()
            .flatten()
            .chain(&self.by_prefix)
            .filter_map(|(elements, value)| {
                matched_len(elements, words, i).map(|len| Match {
                    start: i,
                    end: i + len,
                    value,
                })
            })
            .max_by_key(|m| m.end)
    }

    /// A phrase that ends right before word `end`, starting no earlier than `from`: the
    /// longest such phrase ("fatally shot" rather than "shot").
    pub fn ending_at<'a, S: AsRef<str>>(
        &'a self,
        words: &[S],
        from: usize,
        end: usize,
    ) -> Option<Match<'a, V>> {
        (from..end).find_map(|i| self.at(&words[..end], i).filter(|m| m.end == end))
    }

    pub fn contains<S: AsRef<str>>(&self, words: &[S], i: usize) -> bool {
        self.at(words, i).is_some()
    }
}

/// How many words `elements` take from `words[i..]`, if they match there.
fn matched_len<S: AsRef<str>>(elements: &[Element], words: &[S], i: usize) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else {
        return Some(0);
    };
    match first {
        Element::Word(w) => {
            (words.get(i)?.as_ref() == w).then_some(())?;
            matched_len(rest, words, i + 1).map(|n| n + 1)
        }
        Element::Prefix(p) => {
            words
                .get(i)?
                .as_ref()
                .starts_with(p.as_str())
                .then_some(())?;
            matched_len(rest, words, i + 1).map(|n| n + 1)
        }
        // The fewest words that let the rest match: "taken to * hospital" stops at the
        // first "hospital".
        Element::Gap(n) => (0..=*n)
            .take_while(|k| i + k <= words.len())
            .find_map(|k| matched_len(rest, words, i + k).map(|m| m + k)),
    }
}

/// A data file read into its classes: for each class, its entries in file order.
pub struct Entries<'a> {
    pub by_class: HashMap<&'a str, Vec<(&'a str, &'a str)>>,
}

impl<'a> Entries<'a> {
    /// Reads `class<TAB>phrase[<TAB>value]` lines. A malformed line is a bug of the shipped
    /// data, caught by the tests that load every file.
    pub fn parse(name: &str, data: &'a str) -> Self {
        let mut by_class: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for (n, line) in data.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim_end();
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(class), Some(phrase)) = (fields.next(), fields.next()) else {
                panic!("{name}:{}: expected class<TAB>phrase[<TAB>value]", n + 1);
            };
            let value = fields.next().unwrap_or_default();
            by_class
                .entry(class.trim())
                .or_default()
                .push((phrase.trim(), value.trim()));
        }
        Entries { by_class }
    }

    /// The entries of `class`.
    pub fn class(&self, class: &str) -> &[(&'a str, &'a str)] {
        self.by_class.get(class).map_or(&[], Vec::as_slice)
    }

    /// The phrases of `class` with their values read by `value` (a bad value is a bug of the
    /// shipped data).
    pub fn phrases<V>(
        &self,
        file: &str,
        class: &str,
        value: impl Fn(&str) -> Option<V>,
    ) -> Phrases<V> {
        let mut out = Phrases::default();
        for (phrase, v) in self.class(class) {
            let parsed =
                value(v).unwrap_or_else(|| panic!("{file}: {class} {phrase:?}: bad value {v:?}"));
            out.add(phrase, parsed);
        }
        out
    }

    /// The words of `class` with their values read by `value`, by word (a bad value is a
    /// bug of the shipped data).
    pub fn values<V>(
        &self,
        file: &str,
        class: &str,
        value: impl Fn(&str) -> Option<V>,
    ) -> HashMap<String, V> {
        self.class(class)
            .iter()
            .map(|(word, v)| {
                let parsed =
                    value(v).unwrap_or_else(|| panic!("{file}: {class} {word:?}: bad value {v:?}"));
                (word.to_string(), parsed)
            })
            .collect()
    }

    /// The phrases of `class`, without values.
    pub fn set(&self, class: &str) -> Phrases<()> {
        let mut out = Phrases::default();
        for (phrase, _) in self.class(class) {
            out.add(phrase, ());
        }
        out
    }
}

/// A file of pattern rules (`data/LANG/claim-rules.tsv`, `speech-rules.tsv`): `#` comments,
/// `define<TAB>NAME<TAB>pattern` lines, and `rule<TAB>…<TAB>pattern` lines, whose `{NAME}`s
/// stand for the patterns defined before them. Each rule line comes back as its fields
/// between `rule` and the pattern, the pattern expanded, and its line number (for errors).
pub struct RuleLine {
    pub line: usize,
    pub fields: Vec<&'static str>,
    pub pattern: String,
}

pub fn rule_lines(file: &str, data: &'static str) -> Vec<RuleLine> {
    let mut defined: Vec<(&str, &str)> = Vec::new();
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        match fields[..] {
            ["define", name, pattern] => defined.push((name, pattern)),
            ["rule", ref rest @ .., pattern] if !rest.is_empty() => {
                let mut pattern = pattern.to_string();
                for (name, p) in &defined {
                    pattern = pattern.replace(&format!("{{{name}}}"), p);
                }
                out.push(RuleLine {
                    line: n + 1,
                    fields: rest.to_vec(),
                    pattern,
                });
            }
            _ => panic!("{file}:{}: expected a define or a rule line", n + 1),
        }
    }
    out
}

/// A named group of a pattern rule's match (`party`, `by`, `speaker`), as written, without
/// the marks around it.
pub fn named_group(caps: &regex::Captures<'_>, name: &str) -> Option<String> {
    let text = caps.name(name)?.as_str();
    Some(
        text.trim_matches(|c: char| !c.is_alphanumeric())
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn phrases_with_gaps_and_prefixes() {
        let mut p = Phrases::default();
        p.add("taken to * hospital*", "hospital");
        p.add("taken", "taken");
        p.add("shot", "shot");
        p.add("shot dead", "dead");
        let w = words("were taken to the local hospitals and shot dead");
        assert_eq!(
            p.at(&w, 1).map(|m| (m.end, *m.value)),
            Some((6, "hospital"))
        );
        assert_eq!(p.at(&w, 7).map(|m| (m.end, *m.value)), Some((9, "dead")));
        let far = words("taken to a b c d hospital");
        assert_eq!(p.at(&far, 0).map(|m| *m.value), Some("taken"));
        assert!(p.ending_at(&w, 0, 9).is_some());
    }

    #[test]
    fn data_lines() {
        let e = Entries::parse("t", "# c\nafter\tkilled\tkilled\nnoun\tpeople  # all\n\n");
        assert_eq!(e.class("after"), [("killed", "killed")]);
        assert_eq!(e.class("noun"), [("people", "")]);
    }
}
