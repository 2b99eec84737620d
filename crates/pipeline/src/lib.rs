//! What the command line and the server share, so that a document reaches the store one way
//! whichever door it came in by:
//! - [`run`]: inputs to cleaned, annotated documents, with what was skipped and why;
//! - [`Filer`]: documents placed in the store's events by a clusterer resumed from the store;
//! - [`fused`]: the dossier of one event from its documents;
//! - [`changes`]: what changed in a dossier when documents joined it.

pub mod changes;
mod file;
mod read;

pub use crosscheck_events::resolve_years;
pub use file::{Counts, Filer, Filing};
pub use read::{annotate_all, counted, run, Outcome, Skip, Tally};

use crosscheck_model::{Document, Event};

/// The dossier of one event from its documents, in the order they joined it; their years
/// are resolved from the event first (so a reader following a fact sees the same dates).
pub fn fused(event: &str, docs: &mut [Document]) -> Event {
    resolve_years(docs);
    crosscheck_fuse::dossier(event, docs)
}
