//! Places written in Cyrillic ("Лас-Вегасе", "у Києві", "Страсбурга"), found by the names
//! GeoNames gives them and named by its own name ("Las Vegas", "Kyiv", "Strasbourg"): one
//! place must be one name whatever the article's language, so that its coverage in several
//! languages meets in one event. The same names, read in their cases, are a feature of the
//! Russian tagger; French exonyms ("Moscou") are named here too.

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::EntityType;
use regex::Regex;

use super::Mention;
use crate::lexicon::Entries;

/// The shortest stem a case ending may be taken from: "Буче" is no "Буча" for certain.
const MIN_STEM: usize = 4;

/// Lower-cased Cyrillic names → the English or GeoNames name, exactly and by stem (the name
/// without its final vowel or soft sign): countries first, then cities, the most populous
/// first; then the French names of places whose English name differs ("Moscou").
struct Aliases {
    exact: HashMap<String, &'static str>,
    stems: HashMap<String, &'static str>,
    /// The English names of the countries and regions.
    countries: Vec<&'static str>,
}

static ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
    let mut exact = HashMap::new();
    let mut stems = HashMap::new();
    let countries = include_str!("../../data/country_names.tsv");
    let cities = include_str!("../../data/place_aliases.tsv");
    let french = include_str!("../../data/fr/place_names.tsv");
    let country_names = countries
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, name)| name))
        .collect();
    for line in countries
        .lines()
        .chain(cities.lines())
        .chain(french.lines())
    {
        let Some((alias, name)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let alias = alias.to_lowercase();
        if let Some(stem) = stem_of(&alias) {
            stems.entry(stem.to_string()).or_insert(name);
        }
        exact.entry(alias).or_insert(name);
    }
    Aliases {
        exact,
        stems,
        countries: country_names,
    }
});

/// How names decline: `data/cyrillic_places.tsv`.
struct Morphology {
    declinable: Vec<&'static str>,
    endings: Vec<&'static str>,
    alternations: Vec<(&'static str, &'static str)>,
    prepositions: Vec<&'static str>,
    regions: Vec<&'static str>,
    adjectives: Vec<&'static str>,
}

static MORPHOLOGY: LazyLock<Morphology> = LazyLock::new(|| {
    let e = Entries::parse(
        "data/cyrillic_places.tsv",
        include_str!("../../data/cyrillic_places.tsv"),
    );
    let words = |class: &str| e.class(class).iter().map(|&(w, _)| w).collect();
    Morphology {
        declinable: words("declinable"),
        endings: words("ending"),
        alternations: e.class("alternation").to_vec(),
        prepositions: words("preposition"),
        regions: words("region"),
        adjectives: words("adjective"),
    }
});

/// A declinable name without the letter that ends it ("буча" → "буч", "керчь" → "керч"),
/// when what is left is long enough to be told apart. Names ending otherwise ("Соуэто") do
/// not decline, or keep their last letter.
fn stem_of(name: &str) -> Option<&str> {
    let last = name.chars().next_back()?;
    let stem = &name[..name.len() - last.len_utf8()];
    let declines = MORPHOLOGY
        .declinable
        .iter()
        .any(|d| d.chars().eq(std::iter::once(last)));
    (declines && stem.chars().count() >= MIN_STEM).then_some(stem)
}

/// The forms a declined word may come from: as written, less one or two letters of case
/// ending, and Ukrainian's ов/ів and єв/їв alternation ("Харкові" → "Харків", "Києві" →
/// "Київ").
fn candidates(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_string()];
    for cut in 1..=2 {
        let ending: String = chars[chars.len().saturating_sub(cut)..].iter().collect();
        let whole = cut == 1 || MORPHOLOGY.endings.contains(&ending.as_str());
        if chars.len() >= MIN_STEM + cut && whole {
            out.push(chars[..chars.len() - cut].iter().collect());
        }
    }
    let mut alternated = Vec::new();
    for form in &out {
        for &(from, to) in &MORPHOLOGY.alternations {
            if let Some(base) = form.strip_suffix(from) {
                alternated.push(format!("{base}{to}"));
            }
        }
    }
    out.extend(alternated);
    out
}

/// The GeoNames name of a Cyrillic place name as written, declined or not, or the English
/// name of a French one.
pub fn canonical(written: &str) -> Option<&'static str> {
    let lower = written.to_lowercase();
    let aliases = &*ALIASES;
    let words: Vec<&str> = lower.split(' ').collect();
    let (head, last) = words.split_at(words.len() - 1);
    // A stem stands for the name only with an ending read off: "Мурсии" is Murcia, the
    // surname "Мурси" is not.
    let written = last.first()?;
    candidates(written).into_iter().find_map(|form| {
        let phrase = head.iter().map(|w| format!("{w} ")).collect::<String>() + &form;
        let declined = form != *written;
        aliases
            .exact
            .get(&phrase)
            .or_else(|| aliases.stems.get(&phrase).filter(|_| declined))
            .copied()
    })
}

/// Whether `written` names a country or a region of the hand-written list, in any case
/// ("Туреччина", "Греції"): never a person's name, whatever the tagger says.
pub fn is_country(written: &str) -> bool {
    canonical(written).is_some_and(|name| ALIASES.countries.contains(&name))
}

/// Capitalized Cyrillic words, with their hyphens and apostrophes ("Лас-Вегасе", "Кам'янське").
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[А-ЯЁІЇЄҐ][а-яёіїєґА-ЯЁІЇЄҐ'’\-]*[а-яёіїєґА-ЯЁІЇЄҐ]").expect("a valid pattern")
});

/// The Cyrillic place names of `text`, as location mentions; two capitalized words are one
/// name where GeoNames has them ("Кривий Ріг"). A city's name is read only where a common
/// word or a first name is unlikely: not opening a sentence ("Так", "Але" are towns too) and
/// not before another capitalized word ("Владимир Путин"); a country's anywhere.
pub fn mentions(text: &str) -> Vec<Mention> {
    let words: Vec<(usize, usize)> = WORD.find_iter(text).map(|m| (m.start(), m.end())).collect();
    // Words that follow a first name are surnames in this text ("Барак Обама"), wherever
    // they stand alone ("Обама заявил"), whatever their case; a common word capitalized at a
    // sentence's start is no first name ("Полиция Лас-Вегаса").
    let common = Common::of(text);
    let surnames: Vec<String> = words
        .windows(2)
        .filter(|w| {
            &text[w[0].1..w[1].0] == " "
                && !common.has(&text[w[0].0..w[0].1])
                && !opens_sentence(text, w[0].0)
        })
        .flat_map(|w| candidates(&text[w[1].0..w[1].1].to_lowercase()))
        .collect();
    let a_surname = |word: &str| {
        candidates(&word.to_lowercase())
            .iter()
            .any(|c| surnames.contains(c))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (start, end) = words[i];
        // "Свердловской области": a name and the region noun after it are one place.
        if let Some(noun_end) = region_after(text, end) {
            out.push(place(start, noun_end));
            i += 1;
            continue;
        }
        let next = words.get(i + 1).filter(|&&(s, _)| &text[end..s] == " ");
        if let Some(&(_, next_end)) = next {
            if canonical(&text[start..next_end]).is_some() {
                out.push(place(start, next_end));
                i += 2;
                continue;
            }
        }
        if let Some(name) = canonical(&text[start..end]) {
            let opens = opens_sentence(text, start);
            let country = ALIASES.countries.contains(&name);
            // An abbreviation is a city's only by chance ("ОДА", "УКУ").
            let word = &text[start..end];
            let abbreviation = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            // After a preposition of place it is a place, whatever else the text does with
            // the word.
            // After an adjective of place that a preposition opens ("у Східному Єрусалимі")
            // it is no surname either.
            let described = i > 0
                && &text[words[i - 1].1..start] == " "
                && after_preposition(text, words[i - 1].0)
                && place_adjective(&text[words[i - 1].0..words[i - 1].1]);
            let surname = !after_preposition(text, start) && !described && a_surname(word);
            if country || (!opens && next.is_none() && !abbreviation && !surname) {
                out.push(place(start, end));
            }
        }
        i += 1;
    }
    out
}

/// The words a text writes in lower case somewhere, in all the forms [`candidates`] reads: a
/// capitalized word among them is a common word opening a sentence, not a name.
pub struct Common(std::collections::HashSet<String>);

static LOWER_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[а-яёіїєґ][а-яёіїєґ'’\-]*").expect("a valid pattern"));

impl Common {
    pub fn of(text: &str) -> Common {
        Common(
            LOWER_WORD
                .find_iter(text)
                .filter(|m| {
                    // Whole words only: not the tail of a capitalized one.
                    text[..m.start()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphabetic())
                })
                .flat_map(|m| candidates(m.as_str()))
                .collect(),
        )
    }

    /// Whether `word`, in any of its forms, is written in lower case in the text.
    pub fn has(&self, word: &str) -> bool {
        candidates(&word.to_lowercase())
            .iter()
            .any(|c| self.0.contains(c))
    }
}

/// Whether the word at byte `at` opens a sentence, a line, a quote or an aside.
fn opens_sentence(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .is_none_or(|c| ".!?…:;\"«»„“”—–-\n(".contains(c))
}

/// The end of a region noun right after byte `at` ("… области"), if one is there.
fn region_after(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix(' ')?;
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    MORPHOLOGY
        .regions
        .contains(&&rest[..word_len])
        .then_some(at + 1 + word_len)
}

/// Whether a capitalized word has the ending of an adjective in the case that follows a
/// preposition of place ("Східному"): no first name ends so.
fn place_adjective(word: &str) -> bool {
    let lower = word.to_lowercase();
    MORPHOLOGY
        .adjectives
        .iter()
        .any(|e| lower.chars().count() > e.chars().count() + 2 && lower.ends_with(e))
}

/// Whether the word before byte `at` is a preposition of place.
pub fn after_preposition(text: &str, at: usize) -> bool {
    text[..at]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| MORPHOLOGY.prepositions.contains(&w.to_lowercase().as_str()))
}

fn place(start: usize, end: usize) -> Mention {
    Mention {
        start,
        end,
        entity_type: EntityType::Location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declined_names_are_their_place() {
        assert_eq!(canonical("Лас-Вегасе"), Some("Las Vegas"));
        assert_eq!(canonical("Страсбурга"), Some("Strasbourg"));
        assert_eq!(canonical("Києві"), Some("Kyiv"));
        assert_eq!(canonical("Харкові"), Some("Kharkiv"));
        assert_eq!(canonical("Керчи"), Some("Kerch"));
        assert_eq!(canonical("Иерусалиме"), Some("Jerusalem"));
        assert_eq!(canonical("Однако"), None);
    }

    #[test]
    fn place_names_in_a_sentence() {
        let text = "Он прилетел в Новосибирск, а полиция Лас-Вегаса молчит.";
        let found: Vec<&str> = mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["Новосибирск", "Лас-Вегаса"]);
    }

    #[test]
    fn a_region_is_its_adjective_and_noun() {
        let text = "Села Донецької області та Луцького району. В Свердловской области тихо.";
        let found: Vec<&str> = mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(
            found,
            [
                "Донецької області",
                "Луцького району",
                "Свердловской области"
            ]
        );
    }
}
