//! Event dossiers: what the documents of one event say, fused into one account.
//!
//! The events crate decides which documents belong together; this crate reads them as one:
//! when the event happened, the documents, the entities across outlets and spellings, each
//! figure's history with its conflicts, who is said to be responsible, the statements (one
//! per quote, however many outlets carry it), a timeline, and how each outlet describes the
//! main people and organizations.

mod claims;
mod entities;
mod figures;
mod framing;
mod headline;
mod place;
mod statements;
mod timeline;
mod when;

use crosscheck_model::{Document, DocumentRef, Event};

pub use entities::canonical_entities;

/// The dossier of one event from its documents, in the order they joined it (their years
/// resolved from the event).
pub fn dossier(id: &str, docs: &[Document]) -> Event {
    let entities = canonical_entities(docs);
    let names = entities::Names::new(&entities);
    let framing = framing::framing(docs, &entities, &names);
    let figures = figures::histories(docs);
    let claims = claims::positions(docs, &names);
    let mut conflicts: Vec<_> = figures.iter().flat_map(figures::conflicts).collect();
    conflicts.extend(claims::contested(&claims, &names));
    let when = when::event_when(docs);
    let place = place::event_place(docs);
    let title = headline::event_title(docs);
    let reported = |id: &str| {
        let doc = docs.iter().find(|d| d.id == id)?;
        doc.published
            .clone()
            .or_else(|| doc.published_not_before.clone())
    };
    let timeline = timeline::timeline(
        when.as_deref(),
        title.as_ref(),
        &figures,
        &claims,
        &reported,
    );
    Event {
        id: id.to_string(),
        title: title.map(|t| t.text),
        when,
        place,
        documents: docs.iter().map(document_ref).collect(),
        entities,
        figures,
        claims,
        statements: statements::deduplicated(docs, &names),
        framing,
        conflicts,
        timeline,
    }
}

fn document_ref(doc: &Document) -> DocumentRef {
    DocumentRef {
        id: doc.id.clone(),
        source: doc.source.clone(),
        outlet: doc.outlet.clone(),
        published: doc.published.clone(),
        published_not_before: doc.published_not_before.clone(),
        duplicate_of: doc.duplicate_of.clone(),
    }
}
