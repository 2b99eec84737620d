//! Tokens and sentences, with byte offsets into the clean text.
//!
//! News text breaks the textbook rules: abbreviations before names ("Ms. Zakharova"),
//! initials, dotted acronyms ("U.S.", "p.m."), decimals, quotes closed with the wrong mark
//! ("a fire “."), French spacing ("concert ."), lost spaces ("building.Recent") and
//! ellipses inside quotes ("(…)"). A line break always ends a sentence: the cleaner keeps
//! one paragraph, caption or list item a line.

/// A token: a word, a number or one punctuation mark ("..." is one token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// Titles and other abbreviations that come before a name or a number and never end a
/// sentence there.
const ABBREVIATIONS_BEFORE_NAMES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mme", "Mlle", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Sgt", "Capt",
    "Cpl", "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "St",
    "Mt", "Ft", "Messrs", "Sens", "Reps",
];
/// Abbreviations that come before a number: "No. 5", "Dec. 14".
const ABBREVIATIONS_BEFORE_NUMBERS: &[&str] = &[
    "No", "Nos", "Vol", "Fig", "Art", "Ch", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "p", "pp", "para", "approx", "ca",
];
/// Abbreviations of units after a number ("5,7 тыс. человек", "2 млн. гривень"): they end a
/// sentence only before a capital.
const ABBREVIATIONS_AFTER_NUMBERS: &[&str] = &[
    "тыс", "тис", "млн", "млрд", "чел", "руб", "грн", "долл", "дол", "км",
];
/// Abbreviations that may end a sentence or not ("Apple Inc. said" / "… Apple Inc. The").
const AMBIGUOUS_ABBREVIATIONS: &[&str] = &[
    "Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "Bros", "Ave", "Blvd", "Rd", "vs", "etc", "al", "Univ",
    "Dept", "Gov't", "est", "Calif", "Fla", "Mass", "Penn", "Ariz", "Colo", "Conn", "Ill", "Mich",
    "Minn", "Tenn", "Wash", "Wis", "Ky", "Ga", "Ala", "Okla", "Ore", "Nev", "Va", "Md", "Ind",
    "Kan", "Neb", "Miss", "Mo", "La", "Tex", "Del", "Ark",
];
/// Words that open sentences: after an ambiguous abbreviation or a dotted acronym, a break
/// is taken only before one of these ("in the U.S. The" / "U.S. President").
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "According",
    "Police",
    "Officials",
    "Authorities",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "No",
    "One",
    "Two",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Several",
    "Other",
];

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»', '›'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '‹'];

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            let mut kind = if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            while let Some(&(i, next)) = chars.peek() {
                if next.is_alphanumeric() {
                    if !next.is_numeric() {
                        kind = TokenKind::Word;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                } else if joins_word(text, start, i, next) {
                    end = i + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token { start, end, kind });
        } else {
            let mut end = start + c.len_utf8();
            if c == '.' {
                while let Some(&(i, '.')) = chars.peek() {
                    end = i + 1;
                    chars.next();
                }
            }
            out.push(Token {
                start,
                end,
                kind: TokenKind::Punct,
            });
        }
    }
    out
}

/// Whether the character `c` at byte `at`, inside a word begun at `word_start`, joins the
/// word to what follows: apostrophes and hyphens between letters, decimal points and
/// thousands separators between digits, dots of acronyms ("U.S") and domains ("kfvs12.com").
fn joins_word(text: &str, word_start: usize, at: usize, c: char) -> bool {
    let after = &text[at + c.len_utf8()..];
    let Some(next) = after.chars().next() else {
        return false;
    };
    if !next.is_alphanumeric() {
        return false;
    }
    let before = &text[word_start..at];
    let last = before.chars().next_back().unwrap_or(' ');
    match c {
        '\'' | '’' | '-' | '‐' | '_' | '&' => true,
        ',' => last.is_ascii_digit() && after.chars().take(3).all(|d| d.is_ascii_digit()),
        '.' => {
            if last.is_numeric() && next.is_numeric() {
                return true;
            }
            let segment = before.rsplit('.').next().unwrap_or(before);
            let next_segment: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
            let short = |s: &str| (1..=2).contains(&s.chars().count());
            (short(segment) && short(&next_segment))
                || next_segment
                    .chars()
                    .all(|c| c.is_lowercase() || c.is_ascii_digit())
        }
        _ => false,
    }
}

/// `[start, end)` byte ranges of the sentences of `text`, trimmed of surrounding spaces.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

/// The tokens of `text[from..to]`, with offsets into the whole `text`.
pub fn tokens_in(text: &str, from: usize, to: usize) -> Vec<Token> {
    tokens(&text[from..to])
        .into_iter()
        .map(|t| Token {
            start: t.start + from,
            end: t.end + from,
            ..t
        })
        .collect()
}

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let toks = tokens_in(text, from, to);
    let mut start = match toks.first() {
        Some(t) => t.start,
        None => return,
    };
    for i in 0..toks.len() {
        if let Some(end) = boundary_after(text, &toks, i) {
            out.push((start, end));
            match toks[i + 1..].iter().find(|t| t.start >= end) {
                Some(next) => start = next.start,
                None => return,
            }
        }
    }
    if let Some(last) = toks.last() {
        if last.end > start {
            out.push((start, last.end));
        }
    }
}

/// The end of a sentence closed by token `i`, if it closes one.
fn boundary_after(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let tok = toks[i];
    let mark = &text[tok.start..tok.end];
    if tok.kind != TokenKind::Punct || !mark.starts_with(TERMINATORS) {
        return None;
    }
    // Closing quotes and brackets stay with the sentence they close; an opening quote
    // glued to the terminator and followed by a space is a wrong-way closing one.
    let mut j = i + 1;
    let mut end = tok.end;
    while let Some(t) = toks.get(j) {
        let s = &text[t.start..t.end];
        let glued = t.start == end;
        let wrong_way = s.starts_with(['“', '‘']) && glued && followed_by_space(text, t.end);
        // A straight quote closes only when glued to the mark: `. "He` opens the next one.
        let straight = s.starts_with(['"', '\'']);
        let closes = s.starts_with(CLOSERS) && (glued || !straight);
        if t.kind == TokenKind::Punct && (closes || wrong_way) {
            end = t.end;
            j += 1;
        } else {
            break;
        }
    }
    let Some(next) = toks.get(j) else {
        return Some(end);
    };
    let next_text = &text[next.start..next.end];
    let gap = next.start > end;
    if !gap {
        return lost_space(text, toks, i, next_text).then_some(end);
    }
    let first = next_text.chars().next()?;
    // "iPhone", "eBay": a brand written in camel case opens a sentence like a capital.
    let camel = first.is_lowercase() && next_text.chars().nth(1).is_some_and(char::is_uppercase);
    let opens = first.is_uppercase()
        || camel
        || first.is_numeric()
        || (next.kind == TokenKind::Punct && next_text.starts_with(OPENERS));
    if !opens {
        return None;
    }
    if mark == "." && !period_ends_sentence(text, toks, i, next, next_text) {
        return None;
    }
    Some(end)
}

fn followed_by_space(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(char::is_whitespace)
}

/// "building.Recent": a period between a lower-case word and a capitalized one, no space.
fn lost_space(text: &str, toks: &[Token], i: usize, next_text: &str) -> bool {
    let Some(prev) = i.checked_sub(1).map(|k| toks[k]) else {
        return false;
    };
    let prev_text = &text[prev.start..prev.end];
    &text[toks[i].start..toks[i].end] == "."
        && prev.end == toks[i].start
        && prev_text.chars().count() >= 2
        && prev_text
            .chars()
            .next_back()
            .is_some_and(char::is_lowercase)
        && next_text.chars().next().is_some_and(char::is_uppercase)
        && next_text.chars().nth(1).is_some_and(char::is_lowercase)
}

/// Whether a period followed by a space and a capital (or a number) ends the sentence, given
/// the word before it.
fn period_ends_sentence(
    text: &str,
    toks: &[Token],
    i: usize,
    next: &Token,
    next_text: &str,
) -> bool {
    let Some(prev) = i.checked_sub(1).map(|k| toks[k]) else {
        return true;
    };
    if prev.end != toks[i].start || prev.kind == TokenKind::Punct {
        return true;
    }
    let word = &text[prev.start..prev.end];
    let opener = SENTENCE_OPENERS.contains(&next_text)
        || (next.kind == TokenKind::Punct && next_text.starts_with(OPENERS));
    let next_is_number = next.kind == TokenKind::Number;
    if ABBREVIATIONS_BEFORE_NAMES.contains(&word) {
        return false;
    }
    if ABBREVIATIONS_BEFORE_NUMBERS.contains(&word) {
        return !next_is_number;
    }
    if ABBREVIATIONS_AFTER_NUMBERS.contains(&word) {
        return next_text.starts_with(char::is_uppercase);
    }
    let dotted = word.contains('.') && word.chars().any(char::is_alphabetic);
    if AMBIGUOUS_ABBREVIATIONS.contains(&word) || dotted {
        return opener;
    }
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    if initial {
        return opener && !is_initial_run(text, toks, i);
    }
    true
}

/// "J. K. Rowling": an initial right after another initial is never a sentence end.
fn is_initial_run(text: &str, toks: &[Token], i: usize) -> bool {
    i >= 3 && &text[toks[i - 2].start..toks[i - 2].end] == "." && {
        let w = &text[toks[i - 3].start..toks[i - 3].end];
        w.chars().count() == 1 && w.chars().all(char::is_uppercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_acronyms() {
        assert_eq!(
            split("“Stop,” Ms. Zakharova responded. Dr. Smith agreed with Mr. J. K. Rowling. The U.S. Army left at 10 p.m. Sunday. It was in the U.S. The end."),
            [
                "“Stop,” Ms. Zakharova responded.",
                "Dr. Smith agreed with Mr. J. K. Rowling.",
                "The U.S. Army left at 10 p.m. Sunday.",
                "It was in the U.S.",
                "The end."
            ]
        );
        assert_eq!(
            split("See No. 5 on Jan. 3. Apple Inc. said so."),
            ["See No. 5 on Jan. 3.", "Apple Inc. said so."]
        );
    }

    #[test]
    fn numbers_states_quotes_and_brands_before_a_break() {
        assert_eq!(
            split("It closed at 5.13. Dana said so. Rancho Mirage, Calif. \"He left.\" iPhone sales rose."),
            ["It closed at 5.13.", "Dana said so.", "Rancho Mirage, Calif.", "\"He left.\"", "iPhone sales rose."]
        );
    }

    #[test]
    fn decimals_ellipses_and_quotes() {
        assert_eq!(
            split("It rose 3.5 percent. Then it fell."),
            ["It rose 3.5 percent.", "Then it fell."]
        );
        assert_eq!(
            split(
                "IS fighters “attacked a gathering (…) in the vicinity,” IS said. Wait... Really?"
            ),
            [
                "IS fighters “attacked a gathering (…) in the vicinity,” IS said.",
                "Wait...",
                "Really?"
            ]
        );
        assert_eq!(
            split("“What now?” he asked. “Go.” She left."),
            ["“What now?” he asked.", "“Go.”", "She left."]
        );
    }

    #[test]
    fn seed_quirks() {
        assert_eq!(
            split("throwing “a grenade or bomb, which caused a fire “. “The people lay down,” he said."),
            ["throwing “a grenade or bomb, which caused a fire “.", "“The people lay down,” he said."]
        );
        assert_eq!(
            split(
                "The shooters also set fire to the building.Recent updates report a toll of 137."
            ),
            [
                "The shooters also set fire to the building.",
                "Recent updates report a toll of 137."
            ]
        );
        assert_eq!(
            split("before a rock concert .\nAccording to them"),
            ["before a rock concert .", "According to them"]
        );
    }

    #[test]
    fn domains_stay_whole() {
        assert_eq!(
            split("Read more on wsoctv.com today. Next."),
            ["Read more on wsoctv.com today.", "Next."]
        );
    }

    #[test]
    fn tokens_keep_offsets() {
        let text = "U.S. officials’ 1,500 “troops” left.";
        let words: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "U.S",
                ".",
                "officials",
                "’",
                "1,500",
                "“",
                "troops",
                "”",
                "left",
                "."
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_ordered_trimmed_and_on_boundaries(text in "[A-Za-z0-9 .,!?“”\"'()…\n-]{0,200}") {
            let mut last = 0;
            for (s, e) in sentences(&text) {
                proptest::prop_assert!(s >= last && s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                proptest::prop_assert!(!text[s..e].starts_with(char::is_whitespace));
                proptest::prop_assert!(!text[s..e].ends_with(char::is_whitespace));
                last = e;
            }
        }
    }
}
