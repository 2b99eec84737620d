//! Where each fact of a dossier comes from: the document and the sentence that holds it, so
//! that a page can link every fact to its evidence (`/documents/{id}#s-{sentence}`).
//!
//! Figure reports carry their span; the other dossier items (statements, positions,
//! conflict sides, timeline items) name only their documents, so each is found again among
//! that document's own extracted items. What cannot be found links to the document alone.

use std::collections::HashMap;

use crosscheck_model::{
    Claim, ConflictSide, Document, DossierStatement, Event, Field, PartyPositions, Position,
    ReportedFigure, Span, TimelineItem,
};

/// A fact's evidence: a document, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite<'a> {
    pub document: &'a str,
    pub outlet: Option<&'a str>,
    pub anchor: Option<Anchor>,
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

/// The documents of one event, to find its facts in.
pub struct Evidence<'a> {
    event: &'a Event,
    docs: HashMap<&'a str, &'a Document>,
}

impl<'a> Evidence<'a> {
    /// `docs` may be empty (a dossier rendered without its documents): every fact then
    /// cites its documents without a place in them.
    pub fn new(event: &'a Event, docs: &'a [Document]) -> Self {
        Evidence {
            event,
            docs: docs.iter().map(|d| (d.id.as_str(), d)).collect(),
        }
    }

    pub fn outlet(&self, document: &str) -> Option<&'a str> {
        let from_ref = self
            .event
            .documents
            .iter()
            .find(|d| d.id == document)
            .and_then(|d| d.outlet.as_deref());
        from_ref.or_else(|| self.docs.get(document)?.outlet.as_deref())
    }

    pub fn report(&self, r: &'a ReportedFigure) -> Cite<'a> {
        self.cite(&r.document, |doc| anchor(doc, &r.figure.span))
    }

    pub fn statement(&self, s: &'a DossierStatement) -> Vec<Cite<'a>> {
        let st = &s.statement;
        self.each(&s.documents, |doc| {
            let exact = doc.statements.iter().find(|x| x.span == st.span);
            let same = || {
                doc.statements
                    .iter()
                    .find(|x| x.content.contains(&st.content) || st.content.contains(&x.content))
            };
            anchor(doc, &exact.or_else(same)?.span)
        })
    }

    pub fn position(&self, party: &str, p: &'a Position) -> Vec<Cite<'a>> {
        self.each(&p.documents, |doc| {
            let claims = self.claims_of(doc, party);
            let claim = claims.iter().find(|c| c.stance == p.stance)?;
            anchor(doc, &claim.span)
        })
    }

    /// The evidence of one side of a conflict: the figure reports of that count, or the
    /// claims of that party's positions held by the side's sources.
    pub fn side(&self, topic: &str, side: &'a ConflictSide) -> Vec<Cite<'a>> {
        let count = side.position.rsplit(' ').next().unwrap_or_default();
        let mut cites: Vec<Cite<'a>> = self
            .event
            .figures
            .iter()
            .filter(|f| f.kind.name() == topic)
            .flat_map(|f| &f.reports)
            .filter(|r| side.documents.contains(&r.document))
            .filter(|r| crosscheck_fuse::number(&r.figure).is_some_and(|n| n.to_string() == count))
            .map(|r| self.report(r))
            .collect();
        if let Some(party) = self
            .party_named_in(&side.position)
            .filter(|_| cites.is_empty())
        {
            let held = |p: &&Position| side.sources.iter().any(|s| s == by_name(p));
            for p in party.positions.iter().filter(held) {
                cites.extend(self.position(&party.party, p));
            }
            cites.retain(|c| side.documents.iter().any(|d| d == c.document));
        }
        cites.dedup();
        if cites.is_empty() {
            cites = self.each(&side.documents, |_| None);
        }
        cites
    }

    pub fn timeline(&self, item: &'a TimelineItem) -> Vec<Cite<'a>> {
        let position = self.party_named_in(&item.what).and_then(|party| {
            let p = party
                .positions
                .iter()
                .find(|p| item.what.ends_with(by_name(p)))?;
            Some((party, p))
        });
        self.each(&item.documents, |doc| {
            let figure = doc.figures.iter().find(|f| {
                item.what
                    .starts_with(&format!("{}: {}", f.kind.name(), f.span.text))
            });
            if let Some(f) = figure {
                return anchor(doc, &f.span);
            }
            let (party, p) = position?;
            let claims = self.claims_of(doc, &party.party);
            anchor(doc, &claims.iter().find(|c| c.stance == p.stance)?.span)
        })
    }

    /// The party whose name begins a phrase ("Ukraine is not responsible, say …"), the
    /// longest name first.
    fn party_named_in(&self, phrase: &str) -> Option<&'a PartyPositions> {
        self.event
            .claims
            .iter()
            .filter(|p| phrase.starts_with(p.party.as_str()))
            .max_by_key(|p| p.party.len())
    }

    /// A document's claims about the event that are about `party` (by its canonical name or
    /// one of its aliases).
    fn claims_of<'d>(&self, doc: &'d Document, party: &str) -> Vec<&'d Claim> {
        let aliases: Vec<&str> = self
            .event
            .entities
            .iter()
            .filter(|e| e.name == party)
            .flat_map(|e| e.aliases.iter().map(String::as_str))
            .chain([party])
            .collect();
        doc.claims
            .iter()
            .filter(|c| aliases.contains(&c.party.as_str()))
            .collect()
    }

    fn each(
        &self,
        documents: &'a [String],
        find: impl Fn(&'a Document) -> Option<Anchor>,
    ) -> Vec<Cite<'a>> {
        documents.iter().map(|d| self.cite(d, &find)).collect()
    }

    fn cite(&self, document: &'a str, find: impl Fn(&'a Document) -> Option<Anchor>) -> Cite<'a> {
        Cite {
            document,
            outlet: self.outlet(document),
            anchor: self.docs.get(document).and_then(|doc| find(doc)),
        }
    }
}

/// Who holds a position, as the dossier's phrases name them.
fn by_name(p: &Position) -> &str {
    p.by.as_deref().unwrap_or("unattributed")
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
}
