//! Where each fact of a dossier comes from, as a reader follows it: the document, its outlet
//! and date, the sentence that holds the fact, and the link to that sentence on the
//! document's page (`/documents/{id}#s-{sentence}`).
//!
//! Every dossier item carries its evidence as data; this only looks the evidence up in the
//! event's documents, when they are at hand, to find its sentence.

use std::collections::HashMap;

use crosscheck_model::{Document, Event, Evidence, Field, Span};

/// A fact's evidence as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite<'a> {
    pub document: &'a str,
    pub outlet: Option<&'a str>,
    /// The document's date as [`crate::present::document_date`] says it.
    pub date: String,
    /// The words of the fact itself.
    pub words: &'a str,
    pub anchor: Option<Anchor>,
    /// The sentence (or headline) that holds the words, when the document is at hand.
    pub sentence: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The n-th sentence of the text (0-based).
    Sentence(usize),
    /// The headline.
    Title,
}

impl Anchor {
    /// The id of the element the document page gives this place.
    pub fn id(self) -> String {
        match self {
            Anchor::Sentence(n) => format!("s-{n}"),
            Anchor::Title => "title".to_string(),
        }
    }
}

impl Cite<'_> {
    /// The link to the document page, scrolled to the fact.
    pub fn href(&self) -> String {
        let mut href = document_path(self.document);
        if let Some(anchor) = self.anchor {
            href.push('#');
            href.push_str(&anchor.id());
        }
        href
    }
}

/// The page of a document: its id percent-encoded, as ids come from inputs and may hold any
/// character.
pub fn document_path(id: &str) -> String {
    format!("/documents/{}", encode_segment(id))
}

/// The page of an event.
pub fn event_path(id: &str) -> String {
    format!("/events/{}", encode_segment(id))
}

/// A path segment with everything but unreserved characters percent-encoded.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The sentence (or headline) that holds a span of a document.
pub fn anchor(doc: &Document, span: &Span) -> Option<Anchor> {
    if span.field == Some(Field::Title) {
        return Some(Anchor::Title);
    }
    let n = doc.sentences.partition_point(|s| s.1 <= span.start);
    doc.sentences
        .get(n)
        .filter(|s| s.0 <= span.start)
        .map(|_| Anchor::Sentence(n))
}

/// The words of a document at an anchor.
fn sentence(doc: &Document, anchor: Anchor) -> Option<&str> {
    match anchor {
        Anchor::Title => doc.title.as_deref(),
        Anchor::Sentence(n) => {
            let (start, end) = *doc.sentences.get(n)?;
            doc.text.get(start..end)
        }
    }
}

/// The documents of one event, to find its facts' sentences in.
pub struct Sources<'a> {
    event: &'a Event,
    docs: HashMap<&'a str, &'a Document>,
}

impl<'a> Sources<'a> {
    /// `docs` may be empty (a dossier rendered without its documents): every fact then
    /// cites its words and document without their sentence.
    pub fn new(event: &'a Event, docs: &'a [Document]) -> Self {
        Sources {
            event,
            docs: docs.iter().map(|d| (d.id.as_str(), d)).collect(),
        }
    }

    /// The evidence of an item, one cite a piece (the same sentence of a document once).
    pub fn cites(&self, evidence: &'a [Evidence]) -> Vec<Cite<'a>> {
        let mut cites: Vec<Cite<'a>> = Vec::new();
        for e in evidence {
            let cite = self.cite(e);
            let seen = cites.iter().any(|c| {
                c.document == cite.document && c.anchor.is_some() && c.anchor == cite.anchor
            });
            if !seen {
                cites.push(cite);
            }
        }
        cites
    }

    fn cite(&self, e: &'a Evidence) -> Cite<'a> {
        let doc = self.docs.get(e.document.as_str()).copied();
        let reference = self.event.documents.iter().find(|d| d.id == e.document);
        let anchor = doc.and_then(|d| anchor(d, &e.span()));
        Cite {
            document: &e.document,
            outlet: reference
                .and_then(|d| d.outlet.as_deref())
                .or_else(|| doc?.outlet.as_deref()),
            date: reference.map_or_else(|| "undated".to_string(), crate::present::document_date),
            words: &e.text,
            anchor,
            sentence: doc.zip(anchor).and_then(|(d, a)| sentence(d, a)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_path_segments() {
        assert_eq!(document_path("abc-12_x"), "/documents/abc-12_x");
        assert_eq!(
            document_path("a/../b?c#d <e>"),
            "/documents/a%2F%2E%2E%2Fb%3Fc%23d%20%3Ce%3E"
        );
        assert_eq!(document_path("é"), "/documents/%C3%A9");
    }

    #[test]
    fn spans_find_their_sentence() {
        let mut doc = Document::new("d".into(), "d.txt".into(), "One two. Three four.".into());
        doc.sentences = vec![(0, 8), (9, 20)];
        let span = |start, field| Span {
            text: String::new(),
            start,
            end: start + 1,
            field,
        };
        assert_eq!(anchor(&doc, &span(0, None)), Some(Anchor::Sentence(0)));
        assert_eq!(anchor(&doc, &span(10, None)), Some(Anchor::Sentence(1)));
        assert_eq!(anchor(&doc, &span(8, None)), None, "between sentences");
        assert_eq!(anchor(&doc, &span(99, None)), None);
        assert_eq!(
            anchor(&doc, &span(0, Some(Field::Title))),
            Some(Anchor::Title)
        );
    }

    #[test]
    fn evidence_finds_its_sentence_once_a_sentence() {
        let mut doc = Document::new("d".into(), "d.txt".into(), "One two. Three four.".into());
        doc.sentences = vec![(0, 8), (9, 20)];
        let event: Event = serde_json::from_value(serde_json::json!({
            "id": "ev", "title": null, "when": null, "where": null,
            "documents": [{"id": "d", "source": "d.txt", "outlet": "Wire", "published": "2024-03-22",
                           "published_not_before": null, "duplicate_of": null}],
            "entities": [], "figures": [], "claims": [], "statements": [], "framing": [],
            "conflicts": [], "timeline": []
        }))
        .unwrap();
        let docs = [doc];
        let piece = |start: usize, end: usize| Evidence {
            document: "d".into(),
            start,
            end,
            text: docs[0].text[start..end].to_string(),
            field: None,
        };
        let evidence = [piece(9, 14), piece(15, 19), piece(0, 3)];
        let sources = Sources::new(&event, &docs);
        let cites = sources.cites(&evidence);
        assert_eq!(cites.len(), 2);
        assert_eq!(cites[0].sentence, Some("Three four."));
        assert_eq!(cites[0].href(), "/documents/d#s-1");
        assert_eq!(
            (cites[0].outlet, cites[0].date.as_str()),
            (Some("Wire"), "2024-03-22")
        );
        assert_eq!(cites[1].words, "One");
        let without = Sources::new(&event, &[]);
        assert_eq!(without.cites(&evidence)[0].sentence, None);
    }
}
