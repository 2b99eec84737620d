//! Event dossiers: what the documents of one event say, fused into one account.
//!
//! The events crate decides which documents belong together; this crate reads them as one:
//! the documents, the entities across outlets and spellings.

mod entities;

use crosscheck_model::{Document, DocumentRef, Event};

pub use entities::canonical_entities;

/// The dossier of one event from its documents, in the order they joined it.
pub fn dossier(id: &str, docs: &[Document]) -> Event {
    Event {
        id: id.to_string(),
        title: docs.iter().find_map(|d| d.title.clone()),
        when: None,
        place: None,
        documents: docs.iter().map(document_ref).collect(),
        entities: canonical_entities(docs),
        figures: Vec::new(),
        claims: Vec::new(),
        statements: Vec::new(),
        framing: Vec::new(),
        conflicts: Vec::new(),
        timeline: Vec::new(),
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
