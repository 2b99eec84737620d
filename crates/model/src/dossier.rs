//! An event dossier: the facts of many documents about one real-world event, fused.

use serde::{Deserialize, Serialize};

use crate::facts::{EntityType, Figure, FigureKind, Stance, Statement};

/// One real-world event and everything the sources say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: String,
    pub title: Option<String>,
    /// TIMEX3 value of the event itself, never a publication date.
    pub when: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<Place>,
    pub documents: Vec<DocumentRef>,
    pub entities: Vec<CanonicalEntity>,
    pub figures: Vec<FigureHistory>,
    pub claims: Vec<PartyPositions>,
    pub statements: Vec<DossierStatement>,
    pub framing: Vec<Framing>,
    pub conflicts: Vec<Conflict>,
    pub timeline: Vec<TimelineItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentRef {
    pub id: String,
    pub source: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Where `published` is unknown, the document's `published_not_before`, its year
    /// resolved from the event (an extension of the contract).
    pub published_not_before: Option<String>,
    pub duplicate_of: Option<String>,
}

/// One entity across documents (IS = ISIS = Islamic State).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CanonicalEntity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Every surface form seen, possessives stripped.
    pub aliases: Vec<String>,
    pub documents: Vec<String>,
}

/// The history of one kind of figure across the event's documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureHistory {
    pub kind: FigureKind,
    pub latest: Option<ReportedFigure>,
    pub reports: Vec<ReportedFigure>,
    pub trend: Trend,
    /// Group counts ("10 U.S. citizens"): a breakdown, never a toll.
    pub breakdown: Vec<ReportedFigure>,
}

/// A document figure and when, and in which document, it was reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportedFigure {
    #[serde(flatten)]
    pub figure: Figure,
    pub document: String,
    pub reported: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Consistent,
    Rising,
    RevisedDown,
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyPositions {
    pub party: String,
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Position {
    pub stance: Stance,
    pub by: Option<String>,
    pub documents: Vec<String>,
}

/// A statement carried by one or more documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierStatement {
    #[serde(flatten)]
    pub statement: Statement,
    pub documents: Vec<String>,
}

/// The descriptors each outlet attaches to one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Framing {
    pub entity: String,
    pub outlets: Vec<OutletDescriptors>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutletDescriptors {
    pub outlet: String,
    pub descriptors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conflict {
    /// A figure kind (`killed`, …) or `responsibility`.
    pub topic: String,
    pub kind: ConflictKind,
    pub summary: String,
    pub sides: Vec<ConflictSide>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// A later figure replaces an earlier one.
    Update,
    /// Sources disagree at the same time.
    Discrepancy,
    /// Incompatible responsibility claims.
    Contested,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictSide {
    pub position: String,
    pub sources: Vec<String>,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineItem {
    pub when: String,
    pub what: String,
    pub documents: Vec<String>,
}
