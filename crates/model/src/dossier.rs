//! An event dossier: the facts of many documents about one real-world event, fused.

use serde::{Deserialize, Serialize};

use crate::facts::{EntityType, Field, Figure, FigureKind, Qualifier, Span, Stance, Statement};

/// Where a dossier item comes from: a document (its `id`, as `extract` prints it) and the
/// byte offsets of the words in its text, or in its title when `field` says so. `text` is
/// those words, so a reader can check every item against the document without this crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

impl Evidence {
    /// The evidence of an item a document's extraction found at `span`.
    pub fn of(document: &str, span: &Span) -> Self {
        Evidence {
            document: document.to_string(),
            start: span.start,
            end: span.end,
            text: span.text.clone(),
            field: span.field,
        }
    }

    /// The span this evidence points at in its document.
    pub fn span(&self) -> Span {
        Span {
            text: self.text.clone(),
            start: self.start,
            end: self.end,
            field: self.field,
        }
    }
}

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
    /// The country's first-level area (a US state), where the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
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
    /// Counts the rest of the event contradicts (a war's toll in a bombing's coverage, a
    /// year's homicides in a shooting's), each with why: never in `reports`, `breakdown`,
    /// `latest` or the trend.
    #[serde(default)]
    pub questioned: Vec<QuestionedFigure>,
}

/// A count set apart from a figure's history, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionedFigure {
    #[serde(flatten)]
    pub report: ReportedFigure,
    pub reason: QuestionReason,
    /// The count the rest of the event gives: the median of the other documents' first
    /// counts of this kind.
    pub against: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionReason {
    /// Ten times or more what the event's other documents give, given by no other document
    /// and not in the headline or lead of its own.
    OrderOfMagnitude,
}

/// A document figure and when, and in which document, it was reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportedFigure {
    #[serde(flatten)]
    pub figure: Figure,
    pub document: String,
    pub reported: Option<String>,
    /// The figure's words in its document (the same span as the figure's own offsets).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
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
    /// Each claim that holds this position, in its document.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The rules that made those claims (`claims/not-guilty`…).
    #[serde(default)]
    pub rules: Vec<String>,
}

/// A statement carried by one or more documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierStatement {
    #[serde(flatten)]
    pub statement: Statement,
    pub documents: Vec<String>,
    /// The statement in each document that carries it (each outlet's own wording).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
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
    /// The descriptors as the outlet writes them, in its language.
    pub descriptors: Vec<String>,
    /// The English label of each descriptor, in the order of `descriptors`: its role
    /// ("president" for «президент России», "secretary" for "la secrétaire d'État").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Where the outlet's documents use each descriptor: an evidence's `text` is the
    /// descriptor it shows.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl OutletDescriptors {
    /// The descriptors as a reader sees them: each with its English label beside it where
    /// the outlet wrote in another language ("президент России (president)").
    pub fn labelled(&self) -> Vec<String> {
        self.descriptors
            .iter()
            .enumerate()
            .map(|(k, d)| match self.labels.get(k) {
                Some(label) if !d.to_lowercase().contains(label.as_str()) => {
                    format!("{d} ({label})")
                }
                _ => d.clone(),
            })
            .collect()
    }
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
    /// The side in words ("at least 137", "Ukraine is not responsible, say …").
    pub position: String,
    pub sources: Vec<String>,
    pub documents: Vec<String>,
    /// A figure side's count: its number and qualifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// A responsibility side's party and stance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// The figure reports or claims that make this side.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineItem {
    pub when: String,
    /// The item in words, for reading; its data are the fields below.
    pub what: String,
    pub documents: Vec<String>,
    #[serde(default)]
    pub kind: TimelineKind,
    /// What the item is about: the event's title, a figure kind (`killed`), or a party.
    #[serde(default)]
    pub subject: String,
    /// A figure item's count and qualifier, as its words give them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// A position item's stance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// Who reported the figure or holds the position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// What a timeline item records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    /// The event itself, on its own date.
    #[default]
    Event,
    /// A figure report, on the day it was reported.
    Figure,
    /// A responsibility position, on the day it was first reported.
    Position,
}
