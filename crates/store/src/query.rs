//! What a user types into a search box, read once for every store: words, `"quoted
//! phrases"` and `prefixes*`, each matched in its loose form (see
//! [`crosscheck_model::fold`]), so that "Zelensky" finds "Zelenskyy" and "Podoliak" finds
//! "Podolyak". Every term must match. A query's cost is bounded before it runs: at most
//! [`MAX_TERMS`] distinct words and [`MAX_QUERY_BYTES`] bytes.

use crosscheck_model::fold::{folded_words, loose_word, unicode_mark};
use crosscheck_model::printable::hidden;

/// The most distinct words a query may hold (phrases count each of their words).
pub const MAX_TERMS: usize = 16;
/// The longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2_000;
/// The fewest letters before `*`: shorter prefixes match most of the index.
pub const MIN_PREFIX: usize = 2;
/// The words a search snippet shows.
pub(crate) const SNIPPET_WORDS: usize = 16;

/// A query a user can fix, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is longer than {MAX_QUERY_BYTES} bytes")]
    TooLong,
    #[error("the query has more than {MAX_TERMS} distinct words")]
    TooManyWords,
    #[error("a quotation mark is not closed")]
    UnclosedQuote,
    #[error("a prefix needs at least {MIN_PREFIX} letters before `*` ({0:?})")]
    ShortPrefix(String),
}

/// One thing every match must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word in its loose form; with `prefix`, any word that starts so.
    Word { loose: String, prefix: bool },
    /// Loose words that must follow one another.
    Phrase(Vec<String>),
}

/// A parsed query: the terms that must all match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// Reads a user's query. Punctuation separates words and is never query syntax; the
    /// operator words of search engines (`AND`, `OR`, `NOT`, `NEAR` in capitals) are left
    /// out, since every word must match anyway.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        if text.len() > MAX_QUERY_BYTES {
            return Err(QueryError::TooLong);
        }
        let mut terms: Vec<Term> = Vec::new();
        let mut words = 0;
        let mut add = |term: Term, terms: &mut Vec<Term>| -> Result<(), QueryError> {
            if terms.contains(&term) {
                return Ok(());
            }
            words += match &term {
                Term::Word { .. } => 1,
                Term::Phrase(words) => words.len(),
            };
            if words > MAX_TERMS {
                return Err(QueryError::TooManyWords);
            }
            terms.push(term);
            Ok(())
        };
        let mut rest = text;
        while let Some(quote) = rest.find('"') {
            let (before, after) = rest.split_at(quote);
            for term in loose_terms(before)? {
                add(term, &mut terms)?;
            }
            let Some(end) = after[1..].find('"') else {
                return Err(QueryError::UnclosedQuote);
            };
            let phrase: Vec<String> = folded_words(&after[1..1 + end])
                .iter()
                .map(|w| loose_word(w))
                .collect();
            match phrase.len() {
                0 => {}
                1 => add(
                    Term::Word {
                        loose: phrase[0].clone(),
                        prefix: false,
                    },
                    &mut terms,
                )?,
                _ => add(Term::Phrase(phrase), &mut terms)?,
            }
            rest = &after[end + 2..];
        }
        for term in loose_terms(rest)? {
            add(term, &mut terms)?;
        }
        Ok(Query { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query in SQLite FTS5's syntax, over an index of loose words: every term quoted,
    /// so that nothing a user typed is read as syntax.
    pub fn to_fts5(&self) -> String {
        self.terms
            .iter()
            .map(|term| match term {
                Term::Word { loose, prefix } => {
                    format!("\"{loose}\"{}", if *prefix { "*" } else { "" })
                }
                Term::Phrase(words) => format!("\"{}\"", words.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether every term matches in one of `fields` (each a text's loose words), as a
    /// search index would decide: words and prefixes anywhere, phrases as a run.
    pub fn all_match(&self, fields: &[&[String]]) -> bool {
        self.terms
            .iter()
            .all(|term| fields.iter().any(|words| term_count(term, words) > 0))
    }

    /// How many times the terms occur in `words` (a text's loose words).
    pub fn occurrences(&self, words: &[String]) -> usize {
        self.terms.iter().map(|term| term_count(term, words)).sum()
    }

    /// Whether a word of a text (folded and loose) is one the query looks for: what a
    /// snippet highlights.
    pub fn matches_word(&self, loose: &str) -> bool {
        self.terms.iter().any(|term| match term {
            Term::Word {
                loose: word,
                prefix: false,
            } => word == loose,
            Term::Word {
                loose: word,
                prefix: true,
            } => loose.starts_with(word.as_str()),
            Term::Phrase(words) => words.iter().any(|w| w == loose),
        })
    }
}

/// How many times `term` occurs in `words`.
fn term_count(term: &Term, words: &[String]) -> usize {
    match term {
        Term::Word { loose, prefix } => words
            .iter()
            .filter(|w| {
                if *prefix {
                    w.starts_with(loose.as_str())
                } else {
                    *w == loose
                }
            })
            .count(),
        Term::Phrase(phrase) => words
            .windows(phrase.len())
            .filter(|window| window.iter().zip(phrase).all(|(a, b)| a == b))
            .count(),
    }
}

/// The words and prefixes of unquoted query text.
fn loose_terms(text: &str) -> Result<Vec<Term>, QueryError> {
    let mut terms = Vec::new();
    for token in text.split_whitespace() {
        // A `*` right after a word makes it a prefix; anywhere else it is punctuation.
        let prefix = token.ends_with('*') && !token.trim_end_matches('*').is_empty();
        let body = token.trim_end_matches('*');
        let words = folded_words(body);
        let last = words.len().saturating_sub(1);
        for (i, word) in words.iter().enumerate() {
            if matches!(word.as_str(), "and" | "or" | "not" | "near")
                && body.contains(&word.to_uppercase())
            {
                continue;
            }
            let is_prefix = prefix && i == last;
            // A prefix is loose too: "toll*" is looked for as "tol*", which finds "tolls".
            let loose = loose_word(word);
            if is_prefix && loose.chars().count() < MIN_PREFIX {
                return Err(QueryError::ShortPrefix(format!("{word}*")));
            }
            terms.push(Term::Word {
                loose,
                prefix: is_prefix,
            });
        }
    }
    Ok(terms)
}

/// The passage of `text` that best shows why it matched: up to `width` words around the
/// place where most of the query's terms meet, matched words between `before` and `after`,
/// `…` where the text goes on. Linear in the text's length.
pub fn snippet(text: &str, query: &Query, width: usize, before: &str, after: &str) -> String {
    let words = word_spans(text);
    if words.is_empty() {
        return String::new();
    }
    let hits: Vec<bool> = words
        .iter()
        .map(|&(start, end)| {
            let word = &text[start..end];
            folded_words(word)
                .iter()
                .any(|w| query.matches_word(&loose_word(w)))
        })
        .collect();
    // The window of `width` words with the most matched words; the first such.
    let width = width.max(1).min(words.len());
    let mut count = hits[..width].iter().filter(|&&h| h).count();
    let (mut best, mut best_count) = (0, count);
    for start in 1..=words.len() - width {
        count += usize::from(hits[start + width - 1]);
        count -= usize::from(hits[start - 1]);
        if count > best_count {
            (best, best_count) = (start, count);
        }
    }
    // The matched words of that window in its middle, for context on both sides.
    if let (Some(first), Some(last)) = (
        (best..best + width).find(|&i| hits[i]),
        (best..best + width).rev().find(|&i| hits[i]),
    ) {
        let slack = width - (last - first + 1);
        best = first.saturating_sub(slack / 2).min(words.len() - width);
    }
    let mut out = String::new();
    if best > 0 {
        out.push('…');
    }
    for i in best..best + width {
        let (start, end) = words[i];
        if i > best {
            // Between words: punctuation as written, anything that would not print as one
            // line (a line break, a control or bidirectional character) as a space.
            let between = &text[words[i - 1].1..start];
            out.extend(between.chars().map(|c| {
                if c.is_whitespace() || hidden(c) {
                    ' '
                } else {
                    c
                }
            }));
        }
        if hits[i] {
            out.push_str(before);
            out.push_str(&text[start..end]);
            out.push_str(after);
        } else {
            out.push_str(&text[start..end]);
        }
    }
    if best + width < words.len() {
        out.push('…');
    }
    out
}

/// The byte spans of a text's words: runs of letters, digits and their marks, as
/// [`folded_words`] separates them.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || unicode_mark(c);
        match (in_word, start) {
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (true, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// A text as a search index holds it: its loose words, one space apart.
pub(crate) fn loose_text(text: &str) -> String {
    let words = folded_words(text);
    let mut out = String::with_capacity(text.len());
    for word in &words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&loose_word(word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(loose: &str, prefix: bool) -> Term {
        Term::Word {
            loose: loose.into(),
            prefix,
        }
    }

    #[test]
    fn words_phrases_and_prefixes() {
        let q = Query::parse(r#"Zelenskyy "Crocus City Hall" tol* AND (x"#).unwrap();
        assert_eq!(
            q.terms,
            [
                word("zelenski", false),
                Term::Phrase(vec!["crocus".into(), "citi".into(), "hal".into()]),
                word("tol", true),
                word("x", false),
            ]
        );
        assert_eq!(q.to_fts5(), r#""zelenski" "crocus citi hal" "tol"* "x""#);
        // Repeated words are one term; a query of nothing is empty, not an error.
        assert_eq!(Query::parse(&"a ".repeat(300)).unwrap().terms.len(), 1);
        assert!(Query::parse("*** ,, \"\"").unwrap().is_empty());
    }

    #[test]
    fn costly_or_broken_queries_say_why() {
        let many: String = (0..17).map(|i| format!("w{i} ")).collect();
        assert_eq!(Query::parse(&many), Err(QueryError::TooManyWords));
        assert_eq!(Query::parse(&"a".repeat(2_001)), Err(QueryError::TooLong));
        assert_eq!(Query::parse("\"open"), Err(QueryError::UnclosedQuote));
        assert_eq!(
            Query::parse("t*"),
            Err(QueryError::ShortPrefix("t*".into()))
        );
    }

    #[test]
    fn snippets_show_the_densest_passage() {
        let q = Query::parse("Zelensky kyiv").unwrap();
        let text = "Unrelated opening words here. Much later, President Zelenskyy spoke in Kyiv about it. The end.";
        assert_eq!(
            snippet(text, &q, 6, "[", "]"),
            "…President [Zelenskyy] spoke in [Kyiv] about…"
        );
        assert_eq!(snippet("", &q, 6, "[", "]"), "");
        assert_eq!(snippet("Kyiv", &q, 6, "[", "]"), "[Kyiv]");
    }
}
