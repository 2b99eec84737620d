//! Figures: counts of people tied to what happened to them ("at least 60 people were killed",
//! "killing two crewmembers", "a death toll of 137", "115 people had been hospitalized,
//! including five children"), with the qualifier and bounds the words give, whom the count
//! covers, the source that reported it, and whether it is about the article's own incident.
//!
//! The rules favour precision: a number becomes a figure only when a word of the clause says
//! what happened to those counted; durations, money, years, shots and vague words
//! ("dozens") are never figures.

use std::sync::LazyLock;

use crosscheck_model::{
    EventScope, Figure, FigureKind, Qualifier, Span, Subset, TimeExpr, TimexType,
};
use regex::Regex;

use crate::numbers::{self, NUMBER_PATTERN};

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let n = NUMBER_PATTERN;
    Regex::new(&format!(
        r"(?i)\b(?:(?P<qual>at least|no fewer than|more than|upwards of|up to|as many as|at most|fewer than|less than|about|around|some|roughly|approximately|nearly|almost|over|under)\s+)?(?:between\s+(?P<lo>{n})\s+and\s+(?P<hi>{n})|(?P<num>{n})(?:\s*(?:to|-|–)\s*(?P<num2>{n}))?)\b"
    ))
    .unwrap_or_else(|e| panic!("count pattern: {e}"))
});

/// Nouns for people: the head of a count's noun group.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "person",
    "individuals",
    "civilians",
    "children",
    "child",
    "adults",
    "women",
    "men",
    "man",
    "woman",
    "girls",
    "boys",
    "students",
    "soldiers",
    "troops",
    "officers",
    "policemen",
    "police",
    "fighters",
    "militants",
    "rebels",
    "suspects",
    "suspect",
    "victims",
    "passengers",
    "pilots",
    "crewmembers",
    "crew",
    "citizens",
    "residents",
    "workers",
    "migrants",
    "refugees",
    "hostages",
    "gunmen",
    "attackers",
    "assailants",
    "protesters",
    "demonstrators",
    "journalists",
    "members",
    "spectators",
    "visitors",
    "patients",
    "inmates",
    "prisoners",
    "detainees",
    "teenagers",
    "infants",
    "babies",
    "family",
    "relatives",
    "guards",
    "staff",
    "employees",
    "firefighters",
    "tourists",
    "pedestrians",
    "worshippers",
    "terrorists",
    "jihadists",
    "insurgents",
    "others",
];
/// The nouns that mean "people" in general: an overall count.
const EVERYONE: &[&str] = &["people", "persons", "person", "individuals", "others"];

/// Words for what happened to those counted, after the count ("were killed") or as its noun
/// ("deaths").
fn kind_after(word: &str) -> Option<FigureKind> {
    Some(match word {
        "killed" | "dead" | "died" | "deaths" | "fatalities" | "perished" | "slain"
        | "murdered" => FigureKind::Killed,
        "injured" | "wounded" | "hurt" | "injuries" => FigureKind::Injured,
        "hospitalized" | "hospitalised" => FigureKind::Hospitalized,
        "missing" | "unaccounted" => FigureKind::Missing,
        "hostage" | "hostages" | "kidnapped" | "abducted" => FigureKind::Hostages,
        "evacuated" => FigureKind::Evacuated,
        "rescued" => FigureKind::Rescued,
        "arrested" | "detained" | "apprehended" => FigureKind::Arrested,
        "displaced" | "homeless" => FigureKind::Displaced,
        _ => return None,
    })
}

/// Words for what happened, before the count ("killing 60", "arrested 11").
fn kind_before(word: &str) -> Option<FigureKind> {
    Some(match word {
        "killing" | "killed" | "kill" | "kills" => FigureKind::Killed,
        "injuring" | "wounding" | "injured" | "wounded" | "injure" => FigureKind::Injured,
        "hospitalizing" => FigureKind::Hospitalized,
        "arrested" | "arresting" | "apprehended" | "detained" | "detaining" | "arrest" => {
            FigureKind::Arrested
        }
        "evacuate" | "evacuated" | "evacuating" => FigureKind::Evacuated,
        "rescue" | "rescued" | "rescuing" => FigureKind::Rescued,
        "displacing" | "displaced" => FigureKind::Displaced,
        _ => return None,
    })
}

/// Words after a number that make it something other than people.
const NOT_PEOPLE: &[&str] = &[
    "percent",
    "%",
    "per",
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
    "seconds",
    "dollars",
    "euros",
    "pounds",
    "rubles",
    "shots",
    "bursts",
    "rounds",
    "bullets",
    "times",
    "miles",
    "km",
    "kilometres",
    "kilometers",
    "metres",
    "meters",
    "feet",
    "tons",
    "tonnes",
    "million",
    "billion",
    "cars",
    "vehicles",
    "homes",
    "houses",
    "buildings",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "gmt",
];

/// The figures of one document. `sentences` and `times` are the document's; `scopes` says
/// per sentence whether it is about the article's own incident.
pub fn find_figures(
    text: &str,
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    scopes: &[EventScope],
) -> Vec<Figure> {
    let mut out = Vec::new();
    for (&(start, end), &event) in sentences.iter().zip(scopes) {
        let sentence = &text[start..end];
        // The sentence's time expressions: the slice of `times` (in text order) inside it.
        let first = times.partition_point(|t| t.span.start < start);
        let last = times.partition_point(|t| t.span.start < end);
        let sentence_times = &times[first..last];
        let when = sentence_times
            .iter()
            .find(|t| {
                t.span.end <= end && matches!(t.timex_type, TimexType::Date | TimexType::Time)
            })
            .map(|t| t.value.clone());
        let found_attributions = attributions(sentence);

        let mut taken_until = 0;
        let mut previous: Option<(usize, FigureKind)> = None;
        for caps in COUNT.captures_iter(sentence) {
            let Some(whole) = caps.get(0) else { continue };
            if whole.start() < taken_until {
                continue;
            }
            let Some(mut figure) = figure_at(sentence, &caps, sentence_times, start, previous)
            else {
                continue;
            };
            previous = Some((figure.span.end, figure.kind));
            taken_until = taken_until.max(figure.span.end);
            // "…, including five children": a part of this count, not a count of its own.
            if let Some((subset, until)) = subset_after(sentence, whole.end()) {
                figure.includes.push(subset);
                taken_until = until;
            }
            figure.event = event;
            figure.when = when.clone();
            (figure.source, figure.via) = attribution(&found_attributions, whole.start());
            figure.span.start += start;
            figure.span.end += start;
            out.push(figure);
        }
    }
    out
}

/// A figure from one count match of a sentence, if the clause says what happened.
fn figure_at(
    sentence: &str,
    caps: &regex::Captures<'_>,
    times: &[TimeExpr],
    offset: usize,
    previous: Option<(usize, FigureKind)>,
) -> Option<Figure> {
    let whole = caps.get(0)?;
    let (value, min, max, qualifier) = bounds(caps)?;
    // Inside a time expression ("fifteen to twenty minutes", "2002"): not people.
    // Times are in text order and never overlap: only the last to start before the count's
    // end can cover it.
    let (from, to) = (offset + whole.start(), offset + whole.end());
    let i = times.partition_point(|t| t.span.start < to);
    if i > 0 && times[i - 1].span.end > from {
        return None;
    }
    let before = &sentence[..whole.start()];
    if before.trim_end().ends_with(['$', '£', '€', '#']) {
        return None;
    }
    // "a 17-year-old girl", "a two-time champion": a number in a compound is no count;
    // "02:53", "3.5": a clock or a decimal; "June 13": a date.
    let rest = window(sentence, whole.end());
    let mut rest_chars = rest.chars();
    let (first, second) = (rest_chars.next(), rest_chars.next());
    if first.is_some_and(|c| matches!(c, '-' | '–'))
        || (first.is_some_and(|c| matches!(c, ':' | '.' | ','))
            && second.is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| crate::dates::month_of(w.trim_end_matches('.')).is_some())
    {
        return None;
    }
    let after_words = words(clause(rest));
    if after_words
        .first()
        .is_some_and(|w| NOT_PEOPLE.contains(&w.as_str()))
    {
        return None;
    }
    // The noun group: up to three words after the count, ending on a noun for people.
    let noun_at = after_words
        .iter()
        .take(4)
        .position(|w| PEOPLE.contains(&w.as_str()) || kind_after(w).is_some());
    let noun = noun_at.map(|i| after_words[i].clone());
    let group_words = rest;
    let of = match noun.as_deref() {
        Some(n) if EVERYONE.contains(&n) || kind_after(n).is_some() => Some("people".to_string()),
        Some(_) => Some(noun_phrase(group_words, noun_at.unwrap_or(0))),
        None => None,
    };
    // The words just before the count (the clause's last ones).
    let mut from = before.len().saturating_sub(80);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    let before_words: Vec<String> = split_words(&before[from..]).collect();
    // "killing two crewmembers and 10 U.S. citizens": a count joined to the one before it
    // by "and" is of the same kind.
    let joined = previous
        .filter(|(end, _)| {
            sentence
                .get(*end..whole.start())
                .is_some_and(|between| matches!(between.trim(), "and" | "," | ", and"))
        })
        .map(|(_, kind)| kind);
    let kind = noun
        .as_deref()
        .and_then(kind_after)
        .or(joined)
        .or_else(|| kind_before_within(&before_words, 2))
        .or_else(|| {
            // "…people were killed", "…people had been hospitalized", "…took 912 people
            // hostage"; without a noun, only right after the count ("60 dead").
            let (from, reach) = noun_at.map_or((0, 1), |i| (i + 1, 5));
            after_words
                .iter()
                .skip(from)
                .take(reach)
                .find_map(|w| kind_after(w))
        })
        .or_else(|| kind_before_within(&before_words, 3))
        .or_else(|| toll_before(&before_words))
        .or_else(|| {
            // Armed people in a group: the attackers ("a group of two to five … armed").
            let armed = words(rest)
                .iter()
                .take(12)
                .any(|w| w == "armed" || w == "gunmen");
            (noun.is_some() && armed && before_words.last().is_some_and(|w| w == "of"))
                .then_some(FigureKind::Attackers)
        })
        .or_else(|| {
            matches!(noun.as_deref(), Some("gunmen" | "attackers" | "assailants"))
                .then_some(FigureKind::Attackers)
        })
        .or_else(|| matches!(noun.as_deref(), Some("victims")).then_some(FigureKind::Affected))?;
    if noun.is_none()
        && !matches!(
            qualifier,
            Qualifier::Exact | Qualifier::AtLeast | Qualifier::MoreThan
        )
        && toll_before(&before_words).is_none()
        && kind_before_within(&before_words, 3).is_none()
    {
        return None;
    }
    let end = match noun_at {
        Some(i) => {
            whole.end()
                + group_words[..word_end(group_words, i)]
                    .trim_end_matches('.')
                    .len()
        }
        None => whole.end(),
    };
    Some(Figure {
        kind,
        value,
        min,
        max,
        qualifier,
        of,
        includes: Vec::new(),
        event: EventScope::Main,
        when: None,
        source: None,
        via: Vec::new(),
        span: Span {
            text: sentence[whole.start()..end].to_string(),
            start: whole.start(),
            end,
            field: None,
        },
    })
}

/// The kind a verb among the last `reach` words before a count gives it.
fn kind_before_within(before: &[String], reach: usize) -> Option<FigureKind> {
    before.iter().rev().take(reach).find_map(|w| kind_before(w))
}

/// "a death toll of 137", "the toll rose to 137", "the death of 130".
fn toll_before(before: &[String]) -> Option<FigureKind> {
    let tail: Vec<&str> = before.iter().rev().take(4).map(String::as_str).collect();
    let death_of = tail.len() >= 2 && tail[0] == "of" && matches!(tail[1], "death" | "deaths");
    (tail.contains(&"toll") || death_of).then_some(FigureKind::Killed)
}

/// How far after a count its noun group, verb and "armed" may stand, in bytes.
const AFTER_BYTES: usize = 120;

/// What follows byte `at` of a sentence, as far as the words about one count can reach:
/// a window, so that a sentence of a million words costs no more a count than a short one.
fn window(sentence: &str, at: usize) -> &str {
    let mut end = (at + AFTER_BYTES).min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    &sentence[at..end]
}

/// The clause a count opens: what follows it up to a comma, a semicolon or a conjunction.
fn clause(s: &str) -> &str {
    let mut end = s.len();
    for stop in [
        ",",
        ";",
        ")",
        ":",
        " – ",
        " — ",
        " and ",
        " while ",
        " but ",
        " whereas ",
    ] {
        if let Some(i) = s.find(stop) {
            end = end.min(i);
        }
    }
    &s[..end]
}

/// A count as the words give it: the number as written (none for a range), its bounds, and
/// the qualifier.
type Bounds = (Option<u64>, Option<u64>, Option<u64>, Qualifier);

/// Value, bounds and qualifier per SPEC's table.
fn bounds(caps: &regex::Captures<'_>) -> Option<Bounds> {
    let number = |name: &str| caps.name(name).map(|m| m.as_str());
    let bare_article = |s: &str| matches!(s.to_lowercase().as_str(), "a" | "an" | "and");
    if let (Some(lo), Some(hi)) = (
        number("lo").or(number("num")),
        number("hi").or(number("num2")),
    ) {
        let (lo, hi) = (numbers::parse(lo)?, numbers::parse(hi)?);
        return (lo < hi).then_some((None, Some(lo), Some(hi), Qualifier::Range));
    }
    let written = number("num")?;
    if bare_article(written) {
        return None;
    }
    let n = numbers::parse(written)?;
    let qualifier = match caps
        .name("qual")
        .map(|m| m.as_str().to_lowercase())
        .as_deref()
    {
        Some("at least" | "no fewer than") => Qualifier::AtLeast,
        Some("more than" | "over" | "upwards of") => Qualifier::MoreThan,
        Some("up to" | "as many as" | "at most") => Qualifier::AtMost,
        Some("fewer than" | "less than" | "under") => Qualifier::LessThan,
        Some(_) => Qualifier::About,
        None => Qualifier::Exact,
    };
    let (min, max) = match qualifier {
        Qualifier::Exact => (Some(n), Some(n)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(n), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(n)),
        _ => (None, None),
    };
    Some((Some(n), min, max, qualifier))
}

/// ", including five children" right after a count: the subset and where it ends.
fn subset_after(sentence: &str, at: usize) -> Option<(Subset, usize)> {
    static INCLUDING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)^[^,.;]{{0,60}},\s*(?:including|among them)\s+(?P<n>{NUMBER_PATTERN})\s+(?P<of>[a-z]+)"))
            .unwrap_or_else(|e| panic!("subset pattern: {e}"))
    });
    let caps = INCLUDING.captures(&sentence[at..])?;
    let value = numbers::parse(caps.name("n")?.as_str())?;
    let of = caps.name("of")?.as_str().to_lowercase();
    PEOPLE.contains(&of.as_str()).then(|| {
        (
            Subset { of, value },
            at + caps.get(0).map_or(0, |m| m.end()),
        )
    })
}

/// Who reported the count at byte `at` of a sentence: the nearest attribution before it
/// ("According to X, cited by Y, …", "a report given by X reported …", "X informed that …"),
/// else one after it; the relays nearest first.
fn attribution(found: &[Attribution], at: usize) -> (Option<String>, Vec<String>) {
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
type Attribution = (usize, String, Vec<String>);

/// Every attribution of a sentence, found once for all its counts.
fn attributions(sentence: &str) -> Vec<Attribution> {
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

/// The first words of `s`, lower-cased, at most as many as a count's rules look at.
fn words(s: &str) -> Vec<String> {
    split_words(s).take(MAX_WORDS).collect()
}

fn split_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '(' | ')')
    })
    .filter(|w| !w.is_empty())
    .map(|w| w.trim_end_matches('.').to_lowercase())
}

/// The most words after a count its rules read (noun group, verb, "armed").
const MAX_WORDS: usize = 16;

/// The byte length, from the start of `s`, through its `i`-th word.
fn word_end(s: &str, i: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in s.char_indices() {
        let sep = c.is_whitespace() || matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '(' | ')');
        if !sep && !in_word {
            in_word = true;
        } else if sep && in_word {
            in_word = false;
            if seen == i {
                return at;
            }
            seen += 1;
        }
    }
    s.len()
}

/// The words of a group count as written, through its noun: "10 U.S. citizens" → "U.S. citizens".
fn noun_phrase(s: &str, i: usize) -> String {
    s[..word_end(s, i)]
        .trim()
        .trim_matches(['“', '”', '"'])
        .trim_end_matches('.')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;
    use crate::times::find_times;

    fn figures(text: &str) -> Vec<Figure> {
        let s = sentences(text);
        let times = find_times(text, &s, chrono::NaiveDate::from_ymd_opt(2024, 3, 23));
        let scopes = crate::scope::sentence_scopes(text, &s, &times, Some(2024));
        find_figures(text, &s, &times, &scopes)
    }

    fn summary(text: &str) -> Vec<(FigureKind, Bounds, EventScope)> {
        figures(text)
            .iter()
            .map(|f| (f.kind, (f.value, f.min, f.max, f.qualifier), f.event))
            .collect()
    }

    #[test]
    fn tolls_with_qualifiers_and_order() {
        use FigureKind::*;
        use Qualifier::*;
        let m = EventScope::Main;
        assert_eq!(
            summary("At least 60 people were killed and more than 100 injured Friday."),
            [
                (Killed, (Some(60), Some(60), None, AtLeast), m),
                (Injured, (Some(100), Some(100), None, MoreThan), m)
            ]
        );
        assert_eq!(
            summary("The blast killed 12 and wounded about 40."),
            [
                (Killed, (Some(12), Some(12), Some(12), Exact), m),
                (Injured, (Some(40), None, None, About), m)
            ]
        );
        assert_eq!(
            summary("Police apprehended 11 suspects."),
            [(Arrested, (Some(11), Some(11), Some(11), Exact), m)]
        );
        assert_eq!(summary("A group of two to five unidentified people wearing uniforms and armed with rifles opened fire."), [(Attackers, (None, Some(2), Some(5), Range), m)]);
        assert_eq!(summary("A few days earlier, forces raided a house in Karabulak, killing “six fighters”, officials said."), [(Killed, (Some(6), Some(6), Some(6), Exact), EventScope::Other)]);
        assert_eq!(summary("Recent updates report a tragic death toll of 137 individuals, including three children."), [(Killed, (Some(137), Some(137), Some(137), Exact), m)]);
    }

    #[test]
    fn subsets_groups_and_sources() {
        let f = figures("The Minister of Health, Mikhail Murashko, informed that 115 people had been hospitalized, including five children.");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].kind, f[0].value),
            (FigureKind::Hospitalized, Some(115))
        );
        assert_eq!(
            f[0].includes,
            [Subset {
                of: "children".into(),
                value: 5
            }]
        );
        assert!(
            f[0].source
                .as_deref()
                .is_some_and(|s| s.contains("Murashko")),
            "{:?}",
            f[0].source
        );
        let f = figures(
            "A previous report given by the Russian security services (FSB) reported 40 deaths.",
        );
        assert_eq!((f[0].kind, f[0].value), (FigureKind::Killed, Some(40)));
        assert!(f[0].source.as_deref().is_some_and(|s| s.contains("FSB")));
        let f = figures(
            "According to the emergency services, cited by the Interfax agency, 10 people died.",
        );
        assert_eq!(f[0].source.as_deref(), Some("emergency services"));
        assert_eq!(f[0].via, ["Interfax agency"]);
        let f = figures("The crash killed two pilots and 10 U.S. citizens.");
        let of: Vec<Option<&str>> = f.iter().map(|x| x.of.as_deref()).collect();
        assert_eq!(of, [Some("pilots"), Some("U.S. citizens")]);
    }

    #[test]
    fn other_incidents() {
        let text = "At least 60 people died.\n\nIn 2002, Chechen fighters took 912 people hostage in a theater. It ended with the death of 130 people.";
        let f = summary(text);
        assert_eq!(
            f.iter().map(|x| (x.0, x.2)).collect::<Vec<_>>(),
            [
                (FigureKind::Killed, EventScope::Main),
                (FigureKind::Hostages, EventScope::Other),
                (FigureKind::Killed, EventScope::Other)
            ]
        );
    }

    #[test]
    fn ages_are_not_counts() {
        let f = figures("A 17-year-old girl and two 18-year-old boys were injured, police said.");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].kind, f[0].value, f[0].of.as_deref()),
            (FigureKind::Injured, Some(2), Some("18-year-old boys"))
        );
        assert!(figures("A seven-year-old boy has died.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_hold(text in "([A-Za-zé’“” ,.-]{0,12}| at least| killed| injured| people| and| two| 18| -year-old| including| five| children| according to| toll of| 60){0,30}") {
            for f in figures(&text) {
                proptest::prop_assert_eq!(text.get(f.span.start..f.span.end), Some(f.span.text.as_str()));
            }
        }
    }

    #[test]
    fn long_multibyte_prefixes_are_cut_on_character_boundaries() {
        let text = format!("{} killed 5 people.", "é".repeat(60));
        assert_eq!(figures(&text).len(), 1);
    }

    #[test]
    fn not_people() {
        for text in [
            "They lay down for fifteen to twenty minutes.",
            "It cost $60 million and took 3 years.",
            "Only three or four bursts were heard.",
            "Dozens of people were killed.",
            "In 2002 the theater was attacked.",
            "He fired 20 shots.",
            "The city has 300,000 residents.",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:?}", summary(text));
        }
    }
}
