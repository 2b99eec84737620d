//! Quoted passages of a paragraph, with the marks news text really uses.
//!
//! Besides straight and curly pairs, copy-edited text closes quotes with an opening mark
//! ("caused a fire “."), opens them with a closing one, and leaves a quote open at the end
//! of a paragraph when the next paragraph goes on with it. Single marks are not read: they
//! are apostrophes far more often than quotes.

/// A quoted passage: the byte range with its marks, and of the words inside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    pub start: usize,
    pub end: usize,
    pub inner_start: usize,
    pub inner_end: usize,
}

/// The quotes of `text`, paragraph by paragraph (a line is a paragraph), in order.
pub(crate) fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        quotes_of_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn quotes_of_line(text: &str, from: usize, to: usize, out: &mut Vec<Quote>) {
    let line = &text[from..to];
    let mut open: Option<(usize, char)> = None;
    let mut chars = line.char_indices().peekable();
    let mut previous = ' ';
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let at = from + i;
        match (c, open) {
            // A straight mark that can only open ("and "in the books") restarts the quote:
            // the one before was never closed.
            ('"', Some((_, '"'))) if previous.is_whitespace() && next.is_alphanumeric() => {
                open = Some((at, '"'));
            }
            // Mixed marks: “… end," he added.
            ('"', Some((start, '“'))) if !next.is_alphanumeric() && !previous.is_whitespace() => {
                push(text, out, start, at + 1);
                open = None;
            }
            // An opening curly mark closes a quote when a word does not follow it.
            ('"', Some((start, '"'))) | ('”' | '»' | '“', Some((start, '“' | '«')))
                if c != '“' || !next.is_alphanumeric() =>
            {
                push(text, out, start, at + c.len_utf8());
                open = None;
            }
            ('"' | '“' | '«', None) => open = Some((at, if c == '"' { '"' } else { '“' })),
            ('”', None) if previous.is_whitespace() && next.is_alphanumeric() => {
                open = Some((at, '“'));
            }
            _ => {}
        }
        previous = c;
    }
    if let Some((start, _)) = open {
        let end = from + line.trim_end().len();
        push(text, out, start, end);
    }
}

fn push(text: &str, out: &mut Vec<Quote>, start: usize, end: usize) {
    let mark = text[start..].chars().next().map_or(0, char::len_utf8);
    let inner_start = start + mark;
    let closing = text[..end]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '"' | '”' | '»' | '“'))
        .map_or(0, char::len_utf8);
    let inner_end = (end - closing).max(inner_start);
    if text[inner_start..inner_end].trim().is_empty() {
        return;
    }
    out.push(Quote {
        start,
        end,
        inner_start,
        inner_end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find_quotes(text)
            .iter()
            .map(|q| &text[q.inner_start..q.inner_end])
            .collect()
    }

    #[test]
    fn pairs_wrong_way_marks_and_open_paragraphs() {
        assert_eq!(inner("He said “yes” and \"no\"."), ["yes", "no"]);
        assert_eq!(
            inner("throwing “a grenade or bomb, which caused a fire “. “The people"),
            ["a grenade or bomb, which caused a fire ", "The people"]
        );
        assert_eq!(inner("“One.\n“Two,” he said."), ["One.", "Two,"]);
        assert_eq!(inner("a ”wrong” mark"), ["wrong"]);
        assert_eq!(inner("“Mixed end,\" he added"), ["Mixed end,"]);
        assert_eq!(
            inner("\"wheelhouse and \"in the books\" -- its"),
            ["in the books"]
        );
        assert!(inner("It’s Ukraine’s “”").is_empty());
    }
}
