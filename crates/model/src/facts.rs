//! What is extracted from one document: entities, time expressions, figures, statements and
//! responsibility claims. Each carries its evidence as a [`Span`].

use serde::{Deserialize, Serialize};

/// Where an item was found: byte offsets into the document's `text` (or into its `title`
/// when `field` says so), and the text itself so that it can be checked without offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

/// The field of a document other than `text` that a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    pub id: String,
    /// The fullest form used in the document ("Maria Zakharova" for "Ms. Zakharova").
    pub name: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub aliases: Vec<String>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Location,
    Facility,
}

/// A time expression with its TIMEX3 type and normalized value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeExpr {
    #[serde(flatten)]
    pub span: Span,
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// TIMEX3 value, e.g. `2024-03-22TEV`, `XXXX-03-25`, `PT48H`.
    pub value: String,
    /// Whether the text names an incident by this date ("the attack on March 22", "l'attentat
    /// du 14 juillet"): the day a report, or a follow-up weeks later, is about. Absent when
    /// false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incident: bool,
}

impl TimeExpr {
    /// Of the times that may date an event (a lead's, in text order), the one that does: the
    /// first that names an incident by its day ("l'attentat du 14 juillet 2016" in a report
    /// of August 19, past its dateline and its "aujourd'hui"), else the first.
    pub fn dating_event<'a>(times: impl IntoIterator<Item = &'a TimeExpr>) -> Option<&'a TimeExpr> {
        let mut first = None;
        for t in times {
            if t.incident {
                return Some(t);
            }
            first.get_or_insert(t);
        }
        first
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A count of people, with its qualifier and bounds as the words give them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    pub kind: FigureKind,
    /// The number as written; null for a range.
    pub value: Option<u64>,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub qualifier: Qualifier,
    /// Whom the count covers: `people` for an overall toll, else the group as written.
    pub of: Option<String>,
    pub includes: Vec<Subset>,
    pub event: EventScope,
    /// TIMEX3 value of the time the figure refers to.
    pub when: Option<String>,
    /// Who reported it.
    pub source: Option<String>,
    /// The relays between the source and the article, nearest first.
    pub via: Vec<String>,
    /// The rule that made it (`figures/predicate`, `claims/accused-of`…): a wrong line is
    /// traced to its rule in one step.
    #[serde(default)]
    pub rule: String,
    #[serde(flatten)]
    pub span: Span,
}

impl Figure {
    /// The number the figure stands for: its value, else its lower bound, else its upper one.
    pub fn number(&self) -> Option<u64> {
        self.value.or(self.min).or(self.max)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Killed,
    Injured,
    Hospitalized,
    Missing,
    Hostages,
    Evacuated,
    Rescued,
    Arrested,
    Attackers,
    Displaced,
    Affected,
}

impl FigureKind {
    /// The kind as the contract writes it (`killed`, `injured`, …).
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Killed => "killed",
            FigureKind::Injured => "injured",
            FigureKind::Hospitalized => "hospitalized",
            FigureKind::Missing => "missing",
            FigureKind::Hostages => "hostages",
            FigureKind::Evacuated => "evacuated",
            FigureKind::Rescued => "rescued",
            FigureKind::Arrested => "arrested",
            FigureKind::Attackers => "attackers",
            FigureKind::Displaced => "displaced",
            FigureKind::Affected => "affected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
    Range,
}

/// A part of a count: "including five children".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subset {
    pub of: String,
    pub value: u64,
}

/// Whether a fact is about the incident the article reports on, or another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EventScope {
    Main,
    Other,
}

/// Attributed speech, direct or reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statement {
    pub speaker: Option<String>,
    /// Id of the document entity the speaker is.
    pub speaker_entity: Option<String>,
    /// "a music producer", "spokesperson for Russian diplomacy".
    pub role: Option<String>,
    /// The reporting verb.
    pub cue: Option<String>,
    pub content: String,
    pub direct: bool,
    pub via: Vec<String>,
    /// The rule that made it (`figures/predicate`, `claims/accused-of`…): a wrong line is
    /// traced to its rule in one step.
    #[serde(default)]
    pub rule: String,
    #[serde(flatten)]
    pub span: Span,
}

/// A position on who is responsible for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Claim {
    pub stance: Stance,
    /// The one said to be (or not to be) responsible.
    pub party: String,
    /// Who says so.
    pub by: Option<String>,
    pub event: EventScope,
    /// The rule that made it (`figures/predicate`, `claims/accused-of`…): a wrong line is
    /// traced to its rule in one step.
    #[serde(default)]
    pub rule: String,
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The party claims responsibility itself.
    Claims,
    Asserts,
    Suggests,
    Denies,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_kind_names_are_their_serialized_form() {
        use FigureKind::*;
        for kind in [
            Killed,
            Injured,
            Hospitalized,
            Missing,
            Hostages,
            Evacuated,
            Rescued,
            Arrested,
            Attackers,
            Displaced,
            Affected,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
    }
}
