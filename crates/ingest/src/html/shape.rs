//! The shape of a page before any tree is built from it: how deep its elements nest and how
//! many nodes a parser would make of it.
//!
//! Why: the article extractor walks the page's tree recursively and, on some paths, once per
//! ancestor, so a page nested 10,000 deep overflows a thread's stack and takes time growing
//! with the square of its depth; and an HTML parser re-opens formatting elements (`<b>`,
//! `<font>`) left open, so a short page can ask for many more nodes than it has tags. A
//! browser bounds both (Chromium flattens past 512 levels). Here a page beyond the bounds is
//! refused with the reason, before the parsers see it; the scan itself is one pass of the
//! HTML tokenizer, linear in the page's size, and keeps at most [`MAX_DEPTH`] open elements.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The deepest nesting accepted: the deepest of 2,202 real pages of the shared page sets
/// nests 53 levels, and the extractor's time grows with depth times nodes (docs/EVALUATION.md,
/// "Hostile inputs"). Chromium's parser flattens at 512.
pub(crate) const MAX_DEPTH: usize = 256;
/// The most nodes (elements and runs of text) a page may ask a parser for. A news page has
/// a few thousand (the most of those 2,202 pages: 27,755); reading a page costs some 2 KB a
/// node on top of some 25 times its size (the extractor's trees and copies; measured in
/// docs/EVALUATION.md, "Hostile inputs"), so this bounds the nodes' part at some 200 MB.
pub(crate) const MAX_NODES: usize = 100_000;

/// Why a page's shape is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TooComplex {
    Deep,
    Large,
}

impl std::fmt::Display for TooComplex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooComplex::Deep => write!(f, "HTML nesting deeper than {MAX_DEPTH} elements"),
            TooComplex::Large => write!(f, "more than {MAX_NODES} HTML elements and texts"),
        }
    }
}

/// Checks that a parser's tree of `html` stays within [`MAX_DEPTH`] and [`MAX_NODES`].
pub(crate) fn check(html: &str) -> Result<(), TooComplex> {
    let tokenizer = Tokenizer::new(Scan::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    // Fed in pieces, so that the scan stops soon after a bound is passed.
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(64 * 1024);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        let _ = tokenizer.feed(&queue);
        if let Some(refused) = tokenizer.sink.state.borrow().refused.clone() {
            return Err(refused);
        }
    }
    tokenizer.end();
    let refused = tokenizer.sink.state.borrow().refused.clone();
    refused.map_or(Ok(()), Err)
}

/// The open elements as an HTML parser would hold them, closely enough to bound depth and
/// size: implied end tags, void elements, raw-text elements and the formatting elements a
/// parser opens again after they were closed by another element's end are followed; the
/// rest of the tree-building rules are not needed for a bound.
#[derive(Default)]
struct Scan {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    open: Vec<Element>,
    /// Formatting elements a parser remembers (the "list of active formatting elements"),
    /// each with its attributes, and `None` for a scope marker (a table cell starts one).
    formatting: Vec<Option<Formatting>>,
    nodes: usize,
    in_text: bool,
    refused: Option<TooComplex>,
}

/// A formatting element's name and attributes: a parser tells remembered ones apart by both.
type Formatting = (String, Vec<(String, String)>);

struct Element {
    name: String,
    /// Inside `<svg>` or `<math>`, where `<x/>` closes itself.
    foreign: bool,
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Start tags that end an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];
/// Start tags before which a parser does not open remembered formatting elements again
/// (besides [`CLOSES_P`]): it does before text and inline elements.
const NO_REOPEN: &[&str] = &[
    "base",
    "body",
    "caption",
    "col",
    "colgroup",
    "dd",
    "dt",
    "frameset",
    "head",
    "html",
    "li",
    "link",
    "meta",
    "plaintext",
    "script",
    "style",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
];
/// Elements that bound the search for an element to close implicitly.
const SCOPES: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg",
    "math",
];
/// Start tags that begin a scope marker among the formatting elements.
const MARKERS: &[&str] = &[
    "applet", "caption", "marquee", "object", "td", "th", "template",
];

/// For an implied end: a start tag, the open elements it closes, and those that stop the
/// search (besides [`SCOPES`]).
const IMPLIED: &[(&[&str], &[&str], &[&str])] = &[
    (&["li"], &["li"], &["ul", "ol"]),
    (&["dt", "dd"], &["dt", "dd"], &["dl"]),
    (
        &["option", "optgroup"],
        &["option"],
        &["select", "datalist"],
    ),
    (&["optgroup"], &["optgroup"], &["select"]),
    (&["tr"], &["tr"], &["tbody", "thead", "tfoot"]),
    (&["td", "th"], &["td", "th"], &["tr"]),
    (
        &["tbody", "thead", "tfoot"],
        &["tbody", "thead", "tfoot"],
        &[],
    ),
    (&["rb", "rt", "rp", "rtc"], &["rb", "rt", "rp"], &["ruby"]),
];

impl State {
    fn count_node(&mut self) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.refused.get_or_insert(TooComplex::Large);
        }
    }

    fn push(&mut self, name: &str) {
        let foreign = matches!(name, "svg" | "math") || self.open.last().is_some_and(|e| e.foreign);
        self.count_node();
        if self.open.len() == MAX_DEPTH {
            self.refused.get_or_insert(TooComplex::Deep);
            return;
        }
        self.open.push(Element {
            name: name.to_string(),
            foreign,
        });
    }

    /// The position of the innermost open element named one of `names`, searching no further
    /// than an element of `stops` or of [`SCOPES`].
    fn find_open(&self, names: &[&str], stops: &[&str]) -> Option<usize> {
        for (i, element) in self.open.iter().enumerate().rev() {
            let name = element.name.as_str();
            if names.contains(&name) {
                return Some(i);
            }
            if stops.contains(&name) || SCOPES.contains(&name) {
                return None;
            }
        }
        None
    }

    /// Formatting elements a parser opens again before new content: those it remembers but
    /// that are no longer open.
    fn reopen_formatting(&mut self) {
        let start = self
            .formatting
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |i| i + 1);
        let closed: Vec<String> = self.formatting[start..]
            .iter()
            .flatten()
            .filter(|(name, _)| !self.open.iter().any(|e| &e.name == name))
            .map(|(name, _)| name.clone())
            .collect();
        for name in closed {
            self.push(&name);
        }
    }

    fn start(&mut self, name: &str, attrs: Vec<(String, String)>, self_closing: bool) {
        if CLOSES_P.contains(&name) {
            if let Some(i) = self.find_open(&["p"], &["button"]) {
                self.open.truncate(i);
            }
        }
        for (starts, closes, stops) in IMPLIED {
            if starts.contains(&name) {
                if let Some(i) = self.find_open(closes, stops) {
                    self.open.truncate(i);
                }
            }
        }
        if !NO_REOPEN.contains(&name) && !CLOSES_P.contains(&name) {
            self.reopen_formatting();
        }
        let foreign = self.open.last().is_some_and(|e| e.foreign);
        if VOID.contains(&name) || (self_closing && foreign) {
            self.count_node();
            return;
        }
        self.push(name);
        if MARKERS.contains(&name) {
            self.formatting.push(None);
        } else if FORMATTING.contains(&name) {
            // A parser remembers three alike at most (the "Noah's Ark" clause).
            let entry = (name.to_string(), attrs);
            let start = self
                .formatting
                .iter()
                .rposition(Option::is_none)
                .map_or(0, |i| i + 1);
            let alike: Vec<usize> = (start..self.formatting.len())
                .filter(|&i| self.formatting[i].as_ref() == Some(&entry))
                .collect();
            if alike.len() >= 3 {
                self.formatting.remove(alike[0]);
            }
            self.formatting.push(Some(entry));
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(i) = self.open.iter().rposition(|e| e.name == name) {
            self.open.truncate(i);
        }
        if FORMATTING.contains(&name) {
            if let Some(i) = self
                .formatting
                .iter()
                .rposition(|f| f.as_ref().is_some_and(|(n, _)| n == name))
            {
                self.formatting.remove(i);
            }
        } else if MARKERS.contains(&name) {
            if let Some(i) = self.formatting.iter().rposition(Option::is_none) {
                self.formatting.truncate(i);
            }
        }
    }
}

impl TokenSink for Scan {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        if state.refused.is_some() {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => {
                state.in_text = false;
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        state.start(&name, attrs, tag.self_closing);
                        let foreign = state.open.last().is_some_and(|e| e.foreign);
                        if !foreign {
                            match name.as_str() {
                                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                    return TokenSinkResult::RawData(RawKind::Rawtext)
                                }
                                "title" | "textarea" => {
                                    return TokenSinkResult::RawData(RawKind::Rcdata)
                                }
                                "plaintext" => return TokenSinkResult::Plaintext,
                                _ => {}
                            }
                        }
                    }
                    TagKind::EndTag => state.end(&name),
                }
            }
            Token::CharacterTokens(text) if !state.in_text && !text.trim().is_empty() => {
                state.in_text = true;
                state.reopen_formatting();
                state.count_node();
            }
            Token::CommentToken(_) => state.count_node(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page =
            "<!doctype html><html><head><title>T</title><script>if (a<b) { x = '<div>'; }</script>\
            <style>div > p {}</style></head><body><ul><li>One<li>Two</ul><p>A<p>B<br><img src=x>\
            <table><tr><td>1<td>2<tr><td>3</table><svg><path/><path/></svg>\
            <b>bold</b> <i>it</i></body></html>";
        assert_eq!(check(page), Ok(()));
        // Many unclosed paragraphs and list items are siblings, not a nest.
        let flat = format!("<body>{}</body>", "<p>para <li>item ".repeat(2_000));
        assert_eq!(check(&flat), Ok(()));
        // A script full of tags is text.
        let script = format!("<script>{}</script><p>x", "<div>".repeat(5_000));
        assert_eq!(check(&script), Ok(()));
    }

    #[test]
    fn deep_pages_are_refused_closed_or_not() {
        let closed = format!(
            "<html><body>{}<p>Police said two died.</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        assert_eq!(check(&closed), Err(TooComplex::Deep));
        let open = format!("<body>{}<p>x", "<div>".repeat(10_000));
        assert_eq!(check(&open), Err(TooComplex::Deep));
        // `<div/>` does not close itself in HTML.
        assert_eq!(check(&"<div/>".repeat(1_000)), Err(TooComplex::Deep));
        let within = format!("{}x{}", "<div>".repeat(250), "</div>".repeat(250));
        assert_eq!(check(&within), Ok(()));
    }

    #[test]
    fn reopened_formatting_elements_count() {
        // Formatting elements closed by another element's end are opened again before each
        // paragraph's text: a parser would nest them ever deeper here.
        let attack = format!(
            "<div>{}</div>{}",
            (0..200).map(|i| format!("<b id={i}>")).collect::<String>(),
            "<p>x</p>".repeat(3_000)
        );
        assert_eq!(check(&attack), Err(TooComplex::Large));
        // Three alike at most are remembered.
        let alike = format!(
            "<div>{}</div>{}",
            "<b>".repeat(200),
            "<p>x</p>".repeat(3_000)
        );
        assert_eq!(check(&alike), Ok(()));
    }

    #[test]
    fn huge_flat_pages_are_refused() {
        assert_eq!(check(&"<p>x</p>".repeat(MAX_NODES)), Err(TooComplex::Large));
    }
}
