//! The phrase naming a speaker, and who it is: an entity of the document with the role the
//! text gives it ("the Minister of Health, Mikhail Murashko" → Mikhail Murashko, "Minister
//! of Health"), or the description as written ("a journalist from the state news agency Ria
//! Novosti").

use crosscheck_model::{Entity, EntityType};

use super::{cues, Reader};
use crate::mentions::Mentions;
use crate::segment::{Token, TokenKind};

impl Mentions<'_> {
    /// The token after a mention starting at token `at`: "told Agence France-Presse (AFP)".
    pub(crate) fn ending_after(&self, text: &str, toks: &[Token], at: usize) -> Option<usize> {
        let start = toks.get(at)?.start;
        let i = self.spans.partition_point(|&(s, _, _)| s < start);
        let &(s, e, _) = self.spans.get(i)?;
        if s != start {
            return None;
        }
        let mut end = at + toks[at..].iter().take_while(|t| t.end <= e).count();
        // an acronym in brackets after the name
        let is = |i: usize, w: &str| toks.get(i).is_some_and(|t| &text[t.start..t.end] == w);
        if is(end, "(") && is(end + 2, ")") {
            end += 3;
        }
        Some(end)
    }
}

/// Who speaks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Speaker {
    /// The entity's name, or the description as written.
    pub name: String,
    pub entity: Option<String>,
    pub role: Option<String>,
    pub pronoun: bool,
    entity_type: Option<EntityType>,
}

impl Speaker {
    /// Whether this speaker may be the one a pronoun speaker refers to: "he" is not an
    /// organization, "it" is not a person.
    pub(crate) fn agrees_with(&self, pronoun: &Speaker) -> bool {
        match pronoun.name.to_lowercase().as_str() {
            "he" | "she" | "i" => self.entity_type != Some(EntityType::Org),
            "it" => self.entity_type != Some(EntityType::Person),
            _ => true,
        }
    }
}

/// Tokens naming a speaker: the head, and an apposition set off by commas.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phrase {
    pub from: usize,
    head_end: usize,
    apposition: Option<(usize, usize)>,
    /// The token after the whole phrase.
    pub to: usize,
}

impl Phrase {
    pub(crate) fn plain(from: usize, to: usize) -> Self {
        Self {
            from,
            head_end: to,
            apposition: None,
            to,
        }
    }
}

/// The longest a speaker's head or apposition runs, in tokens.
const MAX_PHRASE: usize = 14;

fn is_word(reader: &Reader<'_>, t: &Token, word: &str) -> bool {
    reader.word(t) == word
}

/// Punctuation that ends a speaker phrase (brackets, dots of abbreviations and hyphens do
/// not: "the Russian security services (FSB)", "U.S.-based").
fn is_boundary(reader: &Reader<'_>, t: &Token) -> bool {
    t.kind == TokenKind::Punct && !matches!(reader.word(t), "(" | ")" | "." | "-" | "&" | "’" | "'")
        || t.kind == TokenKind::Word && cues::ends_speaker_phrase(reader.word(t))
}

/// The speaker phrase ending just before the cue at token `cue`, not before token `floor`:
/// `Macron (also) said`, `Alexeï, a music producer …, told`.
pub(crate) fn before(
    reader: &Reader<'_>,
    toks: &[Token],
    cue: usize,
    floor: usize,
) -> Option<Phrase> {
    let mut end = cue;
    // A participle's subject is its clause's, not the words before it.
    if reader.word(&toks[cue]).ends_with("ing") && reader.word(&toks[cue]) != "saying" {
        return None;
    }
    // "X was quoted as saying"
    if reader.word(&toks[cue]) == "saying"
        && end >= floor + 2
        && reader.word(&toks[end - 1]) == "as"
        && reader.word(&toks[end - 2]) == "quoted"
    {
        end -= 2;
        while end > floor
            && matches!(
                reader.word(&toks[end - 1]),
                "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had" | "being"
            )
        {
            end -= 1;
        }
    }
    while end > floor
        && toks[end - 1].kind == TokenKind::Word
        && cues::may_separate(reader.word(&toks[end - 1]))
    {
        end -= 1;
    }
    if end > floor {
        let w = reader.word(&toks[end - 1]).to_lowercase();
        if w == "not" || w == "never" || w.ends_with("n't") || w.ends_with("n’t") {
            return None;
        }
    }
    let mut apposition = None;
    let mut head_end = end;
    // "Green supporters who said", "Bortis, who noted": the one the pronoun stands for.
    if end > floor + 1 && is_word(reader, &toks[end - 1], "who") {
        head_end = end - 1;
        if is_word(reader, &toks[head_end - 1], ",") {
            head_end -= 1;
        }
    } else if end > floor && is_word(reader, &toks[end - 1], ",") {
        let close = end - 1;
        let open = (floor..close)
            .rev()
            .take(MAX_PHRASE * 3)
            .find(|&k| is_word(reader, &toks[k], ","))?;
        // An apposition is a description or a relative clause, not a clause of its own
        // ("lower lengths, and therefore lower costs, could be part of …, said Telford").
        let before_relative = toks[open + 1..close]
            .iter()
            .take_while(|t| !matches!(reader.word(t), "who" | "which" | "whose" | "that"));
        if before_relative
            .into_iter()
            .any(|t| cues::is_finite(reader.word(t)))
        {
            return None;
        }
        apposition = Some((open + 1, close));
        head_end = open;
    }
    let relative = head_end < end && apposition.is_none();
    let mut from = head_end;
    while from > floor && !is_boundary(reader, &toks[from - 1]) {
        from -= 1;
        if head_end - from > MAX_PHRASE {
            // "The figures were released by state government minister Ralf Jaeger who
            // said": past a long clause, the name the pronoun stands for.
            if relative {
                from = name_start(reader, toks, floor, head_end)?;
                break;
            }
            return None;
        }
    }
    let last = toks.get(head_end.checked_sub(1)?)?;
    let ends_in_word = last.kind == TokenKind::Word || reader.word(last) == ")";
    if from == head_end || cues::cannot_end_speaker(reader.word(last)) || !ends_in_word {
        return None;
    }
    // "Smith, who said …", "what he said": not the speaker of a statement of its own.
    if from > 0
        && matches!(
            reader.word(&toks[from - 1]).to_lowercase().as_str(),
            "who" | "what" | "how" | "why" | "where" | "whatever" | "whether" | "if"
        )
    {
        return None;
    }
    // "and then, behind her back, sniffed": no speaker written there.
    if toks[from..head_end]
        .iter()
        .all(|t| cues::may_separate(reader.word(t)))
    {
        return None;
    }
    let clause = |from: usize| {
        toks[from..head_end]
            .iter()
            .skip(1)
            .any(|t| cues::is_finite(reader.word(t)) || cues::is_cue(reader.word(t)))
            || cues::is_finite(reader.word(&toks[from])) && head_end - from > 1
    };
    if clause(from) {
        // "… were released by minister Ralf Jaeger who said": the name the pronoun
        // stands for, not the clause before it.
        from = name_start(reader, toks, from, head_end).filter(|_| relative)?;
        if clause(from) {
            return None;
        }
    }
    Some(Phrase {
        from: past_opener(reader, toks, from, head_end),
        head_end,
        apposition,
        to: cue,
    })
}

/// Where the capitalized name ending at token `end` starts (four words at most), if one does.
fn name_start(reader: &Reader<'_>, toks: &[Token], floor: usize, end: usize) -> Option<usize> {
    let mut start = end;
    while start > floor
        && end - start < 4
        && toks[start - 1].kind == TokenKind::Word
        && reader
            .word(&toks[start - 1])
            .starts_with(char::is_uppercase)
    {
        start -= 1;
    }
    (start < end).then_some(start)
}

/// Words that open a sentence before its subject: "In a statement late on Tuesday the Syrian
/// Civil Defence said", "Later in the day Reuters reported", "Then investigators said".
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "later",
    "then",
    "earlier",
    "after",
    "during",
    "meanwhile",
    "also",
    "now",
    "today",
    "yesterday",
    "late",
    "afterwards",
    "subsequently",
];

/// Where the speaker of `[from, head_end)` starts once an opening adverbial is passed: at the
/// name that ends the phrase (capitalized words, with "of", "for" and "and" inside), else past
/// the opening words themselves.
fn past_opener(reader: &Reader<'_>, toks: &[Token], from: usize, head_end: usize) -> usize {
    let opens = |k: usize| OPENERS.contains(&reader.word(&toks[k]).to_lowercase().as_str());
    if !opens(from) {
        return from;
    }
    let capitalized = |k: usize| {
        toks[k].kind == TokenKind::Word && reader.word(&toks[k]).starts_with(char::is_uppercase)
    };
    let mut name = head_end;
    while name > from + 1
        && (capitalized(name - 1)
            || name < head_end && matches!(reader.word(&toks[name - 1]), "of" | "for" | "and"))
    {
        name -= 1;
    }
    if name < head_end && capitalized(name) {
        return name;
    }
    let mut k = from;
    while k + 1 < head_end && opens(k) {
        k += 1;
    }
    k
}

/// The speaker phrase after an inverted cue: `said Andy Pazder, the tour's chief officer`,
/// `assured, before the claim, an advisor to the presidency, Mykhaïlo Podoliak,`.
pub(crate) fn after(
    reader: &Reader<'_>,
    toks: &[Token],
    cue: usize,
    ceiling: usize,
) -> Option<Phrase> {
    let mut from = cue + 1;
    if from < ceiling && is_word(reader, &toks[from], ",") {
        let close = (from + 1..ceiling.min(from + 10)).find(|&k| is_word(reader, &toks[k], ","))?;
        from = close + 1;
    }
    let head = phrase_until_comma(reader, toks, from, ceiling)?;
    let mut phrase = Phrase::plain(head.from, head.to);
    if head.to + 1 < ceiling && is_word(reader, &toks[head.to], ",") {
        if let Some(next) = phrase_until_comma(reader, toks, head.to + 1, ceiling) {
            phrase.apposition = Some((next.from, next.to));
            phrase.to = next.to;
        }
    }
    let last = reader.word(&toks[phrase.head_end - 1]);
    (!cues::cannot_end_speaker(last)).then_some(phrase)
}

/// The subject of the clause a coordinated or participle cue belongs to: "In an interview,
/// U.S. Secretary of State Mike Pompeo praised … and said", when the clause opens with a
/// named person or organization followed by its verb.
pub(crate) fn clause_subject(reader: &Reader<'_>, toks: &[Token], cue: usize) -> Option<Speaker> {
    if cue == 0 {
        return None;
    }
    let opening = toks[..cue]
        .iter()
        .rposition(|t| matches!(reader.word(t), "," | ";" | ":"))
        .map_or(0, |i| i + 1);
    // Participle and coordinated cues follow their clause: the subject precedes a comma
    // only when it is the sentence's ("Vladimir Putin again mentioned this warning, denouncing").
    let opening = if reader.word(&toks[cue - 1]) == "," {
        toks[..cue - 1]
            .iter()
            .rposition(|t| matches!(reader.word(t), "," | ";" | ":"))
            .map_or(0, |i| i + 1)
    } else {
        opening
    };
    // "He quickly recovered and assured her …": a pronoun, resolved as any other.
    let first = toks.get(opening)?;
    if cues::is_pronoun(reader.word(first)) && opening + 1 < cue {
        let next = reader.word(&toks[opening + 1]);
        if next.chars().next().is_some_and(char::is_lowercase) {
            return Some(described(reader.word(first).to_string(), None));
        }
    }
    let reach = (opening + 8).min(cue);
    let Some((s, e, entity)) = reader
        .mentions
        .last_within(toks.get(opening)?.start, toks.get(reach)?.start)
    else {
        return capitalized_opening(reader, toks, opening, cue);
    };
    let verb = toks.iter().find(|t| t.start >= e)?;
    let verb_follows = reader
        .word(verb)
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    let title =
        reader.text[toks[opening].start..s].trim_start_matches(|c: char| !c.is_alphanumeric());
    (verb_follows && is_title(title.trim())).then(|| entity_speaker(entity, role(title)))
}

/// A clause opening with capitalized words and then its verb: "Authorities described …
/// and said", "Wojtaszek questioned that logic, saying".
fn capitalized_opening(
    reader: &Reader<'_>,
    toks: &[Token],
    opening: usize,
    cue: usize,
) -> Option<Speaker> {
    let count = toks[opening..cue]
        .iter()
        .take_while(|t| {
            t.kind == TokenKind::Word
                && reader
                    .word(t)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .count();
    let verb = toks.get(opening + count)?;
    let verb_follows = reader
        .word(verb)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
        && !cues::cannot_end_speaker(reader.word(verb));
    ((1..=3).contains(&count) && verb_follows && opening + count < cue)
        .then(|| described(written(reader, toks, opening, opening + count), None))
}

/// The person or organization a sentence opens with, when its verb follows the name or an
/// apposition after it: "Martell, the addictions doctor, is more blunt".
pub(crate) fn sentence_subject(reader: &Reader<'_>, toks: &[Token]) -> Option<Speaker> {
    let first = toks.first()?;
    let (s, e, entity) = reader
        .mentions
        .last_within(first.start, toks.get(6)?.start)?;
    if s != first.start {
        return None;
    }
    let next = toks.iter().find(|t| t.start >= e)?;
    let follows = reader.word(next) == ","
        || reader
            .word(next)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
    follows.then(|| entity_speaker(entity, None))
}

/// The tokens from `from` up to the next boundary, at most [`MAX_PHRASE`] of them.
pub(crate) fn phrase_until_comma(
    reader: &Reader<'_>,
    toks: &[Token],
    from: usize,
    ceiling: usize,
) -> Option<Phrase> {
    let mut to = from;
    let ceiling = ceiling.min(toks.len());
    while to < ceiling
        && !is_boundary(reader, &toks[to])
        && !(to + 1 == toks.len() && reader.word(&toks[to]) == ".")
    {
        to += 1;
        if to - from > MAX_PHRASE {
            return None;
        }
    }
    (to > from).then(|| Phrase::plain(from, to))
}

/// The words of tokens `[from, to)` as written, without a leading "the".
pub(crate) fn written(reader: &Reader<'_>, toks: &[Token], from: usize, to: usize) -> String {
    if from >= to {
        return String::new();
    }
    let s = &reader.text[toks[from].start..toks[to - 1].end];
    strip_the(s).to_string()
}

fn strip_the(s: &str) -> &str {
    let s = s.trim();
    if s == "the" || s == "The" {
        return "";
    }
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
        .trim()
}

/// Honorifics, which are not a role.
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Mme", "Dr", "Mr.", "Mrs.", "Ms.", "Dr."];

/// Who a speaker phrase names.
pub(crate) fn resolve(reader: &Reader<'_>, toks: &[Token], phrase: &Phrase) -> Speaker {
    let (from, head_end) = by_whom(reader, toks, phrase.from, phrase.head_end);
    let head = (toks[from].start, toks[head_end - 1].end);
    let apposition = phrase
        .apposition
        .filter(|(a, b)| b > a)
        .map(|(a, b)| (toks[a].start, toks[b - 1].end));
    // "The spokesperson for Russian diplomacy, Maria Zakharova,": the name is the apposition.
    if let Some((a, b)) = apposition {
        if let Some((s, e, entity)) = reader.mentions.last_within(a, b) {
            if entity.entity_type == EntityType::Person && (e - s) * 10 >= (b - a) * 7 {
                return entity_speaker(entity, role(&reader.text[head.0..head.1]));
            }
            // "His defence attorneys, Charles Glynn and Richard Jones,"
            let names = &reader.text[a..b];
            if entity.entity_type == EntityType::Person
                && reader.mentions.last_within(a, s).is_some()
                && names.contains(" and ")
            {
                return Speaker {
                    name: names.to_string(),
                    entity: None,
                    role: role(&reader.text[head.0..head.1]),
                    pronoun: false,
                    entity_type: Some(EntityType::Person),
                };
            }
        }
    }
    let appositive_role = apposition.and_then(|(a, b)| role(&reader.text[a..b]));
    if let Some((s, e, entity)) = reader.mentions.last_within(head.0, head.1) {
        let after = reader.text[e..head.1].trim();
        let title = reader.text[head.0..s].trim();
        let after_is_tag =
            after.is_empty() || after.starts_with('(') && after.ends_with(')') || after == "group";
        if after_is_tag && is_title(title) {
            let role = appositive_role.or_else(|| role(title));
            return entity_speaker(entity, role);
        }
    }
    let name = strip_the(&reader.text[head.0..head.1]).to_string();
    described(name, appositive_role)
}

/// A speaker as the text describes it, with no entity: "this journalist", "he".
fn described(name: String, role: Option<String>) -> Speaker {
    Speaker {
        pronoun: cues::is_pronoun(&name),
        name,
        entity: None,
        role,
        entity_type: None,
    }
}

/// "A previous report given by the FSB": the speaker is the one after "by".
fn by_whom(reader: &Reader<'_>, toks: &[Token], from: usize, to: usize) -> (usize, usize) {
    match (from..to).rev().find(|&i| is_word(reader, &toks[i], "by")) {
        Some(by) if by + 1 < to && by > from => (by + 1, to),
        _ => (from, to),
    }
}

fn entity_speaker(entity: &Entity, role: Option<String>) -> Speaker {
    Speaker {
        name: entity.name.clone(),
        entity: Some(entity.id.clone()),
        role,
        pronoun: false,
        entity_type: Some(entity.entity_type),
    }
}

/// Whether the words before a name are a title ("French President", "Minister of Health",
/// "the dictator", "Rival candidate"), not a description of someone else ("a journalist
/// from").
fn is_title(words: &str) -> bool {
    const NOT_IN_TITLES: &[&str] = &[
        "a", "an", "from", "with", "at", "in", "on", "by", "to", "about", "like", "near", "after",
        "before", "over", "under", "into", "says", "said", "told", "and", "or", "but", "as",
    ];
    let count = words.split_whitespace().count();
    count <= 6
        && words
            .split_whitespace()
            .all(|w| !NOT_IN_TITLES.contains(&w) && !w.chars().any(|c| c.is_ascii_digit()))
}

/// A role as the text gives it, cut before a relative clause: "a music producer who was in
/// a dressing room" → "a music producer". Not a role: honorifics, participle clauses.
fn role(words: &str) -> Option<String> {
    let opening = words.split_whitespace().next()?;
    let determined = matches!(
        opening,
        "the"
            | "The"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "former"
            | "deputy"
            | "chief"
            | "head"
    );
    let words = strip_the(words);
    let cut = [" who ", " which ", " that ", " whose "]
        .iter()
        .filter_map(|w| words.find(w))
        .min()
        .unwrap_or(words.len());
    let role = words[..cut].trim().trim_end_matches(',');
    let first = role.split_whitespace().next()?;
    if role.ends_with("'s") || role.ends_with("’s") {
        return None;
    }
    let looks_like_role = determined || first.chars().next().is_some_and(char::is_uppercase);
    let honorific = HONORIFICS.contains(&role);
    (looks_like_role
        && !honorific
        && !first.ends_with("ing")
        && role.split_whitespace().count() <= MAX_PHRASE)
        .then(|| role.to_string())
}
