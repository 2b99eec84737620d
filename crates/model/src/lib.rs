//! The domain types of crosscheck, defined once, and their serialized form.
//!
//! The JSON these types produce is the output contract of `SPEC.md`: scorers and users'
//! scripts read it, so keys may be added but never renamed or dropped. Every field that
//! the contract lists is always serialized (as `null` or `[]` when empty), so a reader can
//! rely on its presence; fields that extend the contract are skipped when empty.

mod document;
mod dossier;
mod facts;
pub mod fold;
pub mod printable;

pub use document::{Basis, Document, Removal, Warning, WarningKind};
pub use dossier::{
    CanonicalEntity, Conflict, ConflictKind, ConflictSide, DocumentRef, DossierStatement, Event,
    Evidence, FigureHistory, Framing, OutletDescriptors, PartyPositions, Place, Position,
    QuestionReason, QuestionedFigure, ReportedFigure, TimelineItem, TimelineKind, Trend,
};
pub use facts::{
    Claim, Entity, EntityType, EventScope, Field, Figure, FigureKind, Qualifier, Span, Stance,
    Statement, Subset, TimeExpr, TimexType,
};
