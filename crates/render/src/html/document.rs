//! A document as a page: its metadata with how each piece was obtained, and its clean text
//! with each sentence an element (`id="s-N"`, the target of every evidence link, shown by
//! the stylesheet's `:target` rule) and every extracted item highlighted.
//!
//! Offsets are byte offsets into the text; an item whose offsets are out of range or not on
//! character boundaries is left unmarked rather than cut mid-character.

use crosscheck_model::{Document, Field, Span};
use maud::{html, Markup};

use super::page;
use crate::cite::{document_path, event_path};
use crate::present::{figure, name, stance_words};

/// An extracted item to highlight: where, which kind (a stylesheet class) and what it is.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    label: String,
}

/// The served page of a document, with the event it was placed in.
pub fn document(doc: &Document, event: Option<&str>) -> String {
    let title_marks = marks(doc, true);
    page(
        doc.title.as_deref().unwrap_or(&doc.id),
        html! {
            h1 #title {
                @match &doc.title {
                    Some(title) => (marked(title, &title_marks)),
                    None => "(no title)",
                }
            }
            (metadata(doc, event))
            p.keys {
                "Highlighted: " mark.ent { "entity" } mark.time { "time" } mark.fig { "figure" }
                mark.stmt { "statement" } mark.claim { "responsibility" }
            }
            div.text { (text(doc)) }
            @if !doc.removed.is_empty() {
                h2 { "Removed by the cleaner" }
                ul.removed {
                    @for r in &doc.removed { li { code { (r.rule) } " " (r.text) } }
                }
            }
        },
    )
}

fn metadata(doc: &Document, event: Option<&str>) -> Markup {
    html! {
        dl.doc {
            dt { "outlet" } dd { (doc.outlet.as_deref().unwrap_or("unknown")) " " span.meta { "(" (name(doc.outlet_basis)) ")" } }
            dt { "published" } dd {
                (doc.published.as_deref().unwrap_or("unknown")) " " span.meta { "(" (name(doc.published_basis)) ")" }
                @if let Some(nb) = &doc.published_not_before { " · not before " (nb) }
            }
            @if !doc.authors.is_empty() { dt { "authors" } dd { (doc.authors.join(", ")) } }
            @if let Some(url) = &doc.url { dt { "url" } dd { (url_link(url)) } }
            dt { "source" } dd { (doc.source) }
            @if let Some(crawled) = &doc.crawled { dt { "crawled" } dd { (crawled) } }
            @if let Some(language) = &doc.language { dt { "language" } dd { (language) } }
            @if let Some(event) = event { dt { "event" } dd { a href=(event_path(event)) { (event) } } }
            @if let Some(original) = &doc.duplicate_of {
                dt { "copy of" } dd { a href=(document_path(original)) { (original) } }
            }
            dt { "id" } dd { code { (doc.id) } " · " a href={ "/api" (document_path(&doc.id)) } { "JSON" } }
            @for w in &doc.warnings { dt { "warning" } dd { (name(w.kind)) ": " (w.message) } }
        }
    }
}

/// A URL as a link only when it is a web address: an article's `javascript:` or `data:`
/// URL stays text.
fn url_link(raw: &str) -> Markup {
    match url::Url::parse(raw) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => html! {
            a href=(url.as_str()) rel="noopener noreferrer nofollow" { (raw) }
        },
        _ => html! { (raw) },
    }
}

/// The items of the text (or, with `title`, of the headline), by kind.
fn marks(doc: &Document, title: bool) -> Vec<Mark> {
    let field = if title { Some(Field::Title) } else { None };
    let mut marks = Vec::new();
    let mut add = |span: &Span, class: &'static str, label: String| {
        if span.field == field {
            marks.push(Mark {
                start: span.start,
                end: span.end,
                class,
                label,
            });
        }
    };
    for e in &doc.entities {
        for m in &e.mentions {
            add(m, "ent", format!("{}: {}", name(e.entity_type), e.name));
        }
    }
    for t in &doc.times {
        add(
            &t.span,
            "time",
            format!("{}: {}", name(t.timex_type), t.value),
        );
    }
    for f in &doc.figures {
        add(&f.span, "fig", figure(f));
    }
    for s in &doc.statements {
        let speaker = s.speaker.as_deref().unwrap_or("unattributed");
        add(&s.span, "stmt", format!("statement by {speaker}"));
    }
    for c in &doc.claims {
        let by = c.by.as_deref().unwrap_or("unattributed");
        add(
            &c.span,
            "claim",
            format!("{} {} by {by}", c.party, stance_words(c.stance)),
        );
    }
    marks.retain(|m| m.start < m.end);
    marks.sort_by_key(|m| (m.start, m.end));
    marks
}

/// A piece of text between two boundaries, and the items covering it.
struct Piece<'a> {
    text: &'a str,
    marks: Vec<&'a Mark>,
}

/// `text[from..to]` cut at every boundary of the `open` items, each piece with the items
/// that cover it. Boundaries off the range or inside a character are dropped (that item then
/// covers a little more or less, never a broken character).
fn pieces<'a>(text: &'a str, from: usize, to: usize, open: &[&'a Mark]) -> Vec<Piece<'a>> {
    let mut cuts: Vec<usize> = open
        .iter()
        .flat_map(|m| [m.start, m.end])
        .filter(|&i| i > from && i < to && text.is_char_boundary(i))
        .chain([from, to])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            Some(Piece {
                text: text.get(w[0]..w[1])?,
                marks: open
                    .iter()
                    .copied()
                    .filter(|m| m.start <= w[0] && w[1] <= m.end)
                    .collect(),
            })
        })
        .collect()
}

/// What the text is made of: sentences (each a link target), and what lies between them.
enum Block<'a> {
    Between(&'a str),
    Sentence(usize, Vec<Piece<'a>>),
}

/// The text in blocks. Sentences and items are both in text order, so one pass keeps the
/// items open over the current sentence: a long text costs no more than its items.
fn blocks<'a>(text: &'a str, sentences: &[(usize, usize)], marks: &'a [Mark]) -> Vec<Block<'a>> {
    let mut blocks = Vec::new();
    let (mut at, mut next) = (0, 0);
    let mut open: Vec<&Mark> = Vec::new();
    for (n, &(start, end)) in sentences.iter().enumerate() {
        let Some(between) = text.get(at..start).filter(|_| start < end) else {
            continue;
        };
        if text.get(start..end).is_none() {
            continue;
        }
        while let Some(m) = marks.get(next).filter(|m| m.start < end) {
            open.push(m);
            next += 1;
        }
        open.retain(|m| m.end > start);
        blocks.push(Block::Between(between));
        blocks.push(Block::Sentence(n, pieces(text, start, end, &open)));
        at = end;
    }
    blocks.push(Block::Between(text.get(at..).unwrap_or_default()));
    blocks
}

fn render_pieces(pieces: &[Piece<'_>]) -> Markup {
    html! {
        @for piece in pieces {
            @if piece.marks.is_empty() {
                (piece.text)
            } @else {
                @let classes: Vec<&str> = piece.marks.iter().map(|m| m.class).collect();
                @let labels: Vec<&str> = piece.marks.iter().map(|m| m.label.as_str()).collect();
                mark class=(classes.join(" ")) title=(labels.join(" · ")) { (piece.text) }
            }
        }
    }
}

/// A headline with its items highlighted.
fn marked(title: &str, marks: &[Mark]) -> Markup {
    let open: Vec<&Mark> = marks.iter().collect();
    render_pieces(&pieces(title, 0, title.len(), &open))
}

/// The clean text: sentences as link targets, items highlighted.
fn text(doc: &Document) -> Markup {
    let marks = marks(doc, false);
    html! {
        @for block in blocks(&doc.text, &doc.sentences, &marks) {
            @match block {
                Block::Between(text) => (text),
                Block::Sentence(n, pieces) => span.s id={ "s-" (n) } { (render_pieces(&pieces)) },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &'static str) -> Mark {
        Mark {
            start,
            end,
            class,
            label: class.to_string(),
        }
    }

    #[test]
    fn items_are_cut_at_sentences_and_overlaps() {
        let text = "Ann said 12 died. Bob: “no”.";
        let marks = vec![mark(0, 3, "ent"), mark(0, 17, "stmt"), mark(9, 17, "fig")];
        let blocks = blocks(text, &[(0, 17), (18, text.len())], &marks);
        let Block::Sentence(0, pieces) = &blocks[1] else {
            panic!("the first sentence")
        };
        let parts: Vec<(&str, usize)> = pieces.iter().map(|p| (p.text, p.marks.len())).collect();
        assert_eq!(parts, [("Ann", 2), (" said ", 1), ("12 died.", 2)]);
        assert!(matches!(&blocks[2], Block::Between(" ")));
        assert!(matches!(&blocks[3], Block::Sentence(1, p) if p[0].marks.is_empty()));
    }

    #[test]
    fn offsets_inside_a_character_never_cut_it() {
        let text = "“Héllo” end";
        // 2 is inside the opening quote (3 bytes), 5 inside é.
        let marks = vec![mark(2, 5, "ent"), mark(100, 120, "fig")];
        let blocks = blocks(text, &[(0, text.len()), (5, 300)], &marks);
        let rendered: String = blocks
            .iter()
            .map(|b| match b {
                Block::Between(t) => t.to_string(),
                Block::Sentence(_, pieces) => pieces.iter().map(|p| p.text).collect(),
            })
            .collect();
        assert_eq!(rendered, text, "all the text, once, whole");
    }
}
