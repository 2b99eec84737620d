//! Web pages to articles: the page's encoding, its article body with paragraphs kept, and
//! what its metadata says (title, authors, publication date, outlet, language, canonical
//! URL). Everything after that — repair, boilerplate lines, the headline, damage — is the
//! cleaner's, as for any other text.

mod body;
mod charset;
mod dates;
mod metadata;
mod shape;

use crosscheck_model::Warning;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::{Metadata, SkipReason};

/// What a page holds: its article's text (paragraphs apart by a blank line) and metadata.
pub(crate) struct Page {
    pub text: String,
    pub metadata: Metadata,
    pub warnings: Vec<Warning>,
}

/// Reads the article of a web page. `charset` is the one its transport declared; `url` its
/// address where known (a canonical link in the page stands in for it otherwise).
pub(crate) fn read_page(
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    tld: Option<&[u8]>,
) -> Result<Page, SkipReason> {
    let (html, warnings) = charset::decode_page(bytes, charset, tld)?;
    shape::check(&html).map_err(|e| SkipReason::TooComplex(e.to_string()))?;
    // One tree at a time: the metadata's is gone before the extractor builds its own.
    let metadata = metadata::read(&Html::parse_document(&html), url);
    let text = body::article_text(&html, metadata.url.as_deref())
        .ok_or_else(|| SkipReason::NoArticle("no article text found in the page".into()))?;
    Ok(Page {
        text,
        metadata,
        warnings,
    })
}

/// Elements whose text is never an article's.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "head", "button", "select", "form",
];
/// Elements that start a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "hr",
    "main",
    "address",
    "details",
    "summary",
];

/// All the text of an HTML fragment that is an article (a feed item's content), a blank
/// line between its paragraphs and a line break for each `<br>`; refused where its tree
/// would be too deep or too large (see [`shape`]).
pub(crate) fn article_fragment(html: &str) -> Result<String, SkipReason> {
    shape::check(html).map_err(|e| SkipReason::TooComplex(e.to_string()))?;
    Ok(fragment_text(html))
}

/// All the text of an HTML fragment whose shape is known to be safe (the extractor's output
/// of a checked page).
pub(crate) fn fragment_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    write_text(fragment.tree.root(), &mut out);
    paragraphs(&out)
}

/// The text a reader of the whole page sees, navigation and footers included.
fn visible_text(page: &Html) -> String {
    let mut out = String::new();
    write_text(page.tree.root(), &mut out);
    out
}

/// Text with its paragraphs trimmed and one blank line between them.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(paragraph);
    }
    out
}

/// Writes the text under `root`, walking the tree without recursion: pages nest elements
/// thousands deep.
fn write_text(root: ego_tree::NodeRef<Node>, out: &mut String) {
    let mut hidden_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) if hidden_depth == 0 => out.push_str(text),
                Node::Element(el) => {
                    let name = el.name();
                    if hidden_depth > 0 || HIDDEN.contains(&name) {
                        hidden_depth += 1;
                    } else if name == "br" {
                        out.push('\n');
                    } else if BLOCKS.contains(&name) {
                        out.push_str("\n\n");
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}deep{}",
            "<div><span>".repeat(50_000),
            "</span></div>".repeat(50_000)
        );
        assert_eq!(fragment_text(&html), "deep");
        assert!(matches!(
            article_fragment(&html),
            Err(SkipReason::TooComplex(reason)) if reason.contains("deeper than 256")
        ));
    }

    #[test]
    fn fragments_keep_their_paragraphs() {
        let text = fragment_text(
            "<p>First <b>bold</b> one.</p><p>Second<br>line &amp; more.</p><script>x()</script>",
        );
        assert_eq!(text, "First bold one.\n\nSecond\nline & more.");
    }
}
