use serde::{Deserialize, Serialize};

use crate::facts::{Claim, Entity, Field, Figure, Span, Statement, TimeExpr};

/// One article, cleaned and annotated: the object `crosscheck extract` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    /// The input's own id where it has one, else a hash of the raw bytes and the record's
    /// position, so that improving the cleaner never changes ids.
    pub id: String,
    /// The path it was read from, with `#N` for the N-th record; `-` for standard input.
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub outlet_basis: Basis,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// Crawl time of a web-archive record; never used as the publication date.
    pub crawled: Option<String>,
    /// ISO 639-1 where one exists, else ISO 639-3.
    pub language: Option<String>,
    /// The clean body; every offset in this document is a byte offset into it (or into
    /// `title` for items marked `"field": "title"`).
    pub text: String,
    /// `[start, end)` byte ranges of the sentences of `text`.
    pub sentences: Vec<(usize, usize)>,
    pub duplicate_of: Option<String>,
    /// ISO 8601 date or date-time, or null: never invented.
    pub published: Option<String>,
    pub published_basis: Basis,
    /// Where `published` is unknown: the latest date the text reports as past (TIMEX3, the
    /// year may be `XXXX`).
    pub published_not_before: Option<String>,
    pub warnings: Vec<Warning>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpr>,
    pub figures: Vec<Figure>,
    pub statements: Vec<Statement>,
    pub claims: Vec<Claim>,
    /// Boilerplate lines the cleaner took out of `text`, each with the rule that did it, so
    /// that every removal can be audited (an extension of the contract).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
}

impl Document {
    /// The keys of a document that SPEC.md lists: every one is always serialized, as `null`
    /// or `[]` when empty. Readers of the JSON may rely on them.
    pub const CONTRACT_KEYS: &'static [&'static str] = &[
        "id",
        "source",
        "url",
        "outlet",
        "outlet_basis",
        "title",
        "authors",
        "crawled",
        "language",
        "text",
        "sentences",
        "duplicate_of",
        "published",
        "published_basis",
        "published_not_before",
        "warnings",
        "entities",
        "times",
        "figures",
        "statements",
        "claims",
    ];

    /// Sentences that make the lead: where news writing names the event, its place and day.
    pub const LEAD_SENTENCES: usize = 3;

    /// The byte offset where the lead of `text` ends (all of it when the text is shorter).
    pub fn lead_end(&self) -> usize {
        self.sentences
            .get(Self::LEAD_SENTENCES - 1)
            .map(|s| s.1)
            .filter(|&end| end <= self.text.len() && self.text.is_char_boundary(end))
            .unwrap_or(self.text.len())
    }

    /// Whether a span is in the headline or the lead.
    pub fn in_lead(&self, span: &Span) -> bool {
        span.field == Some(Field::Title) || span.end <= self.lead_end()
    }

    /// A document with the given identity and clean text and nothing else known yet.
    pub fn new(id: String, source: String, text: String) -> Self {
        Document {
            id,
            source,
            url: None,
            outlet: None,
            outlet_basis: Basis::Unknown,
            title: None,
            authors: Vec::new(),
            crawled: None,
            language: None,
            text,
            sentences: Vec::new(),
            duplicate_of: None,
            published: None,
            published_basis: Basis::Unknown,
            published_not_before: None,
            warnings: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            figures: Vec::new(),
            statements: Vec::new(),
            claims: Vec::new(),
            removed: Vec::new(),
        }
    }
}

/// How a piece of metadata was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// An input field or page metadata.
    Metadata,
    /// Stated explicitly in the text (a dateline, a "Read the original article on X").
    Text,
    /// Derived, e.g. a year from a weekday and a date.
    Inferred,
    Unknown,
}

/// Something a reader of the document should know about its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The bytes were not UTF-8 and their encoding was guessed.
    Encoding,
    /// Text decoded in the wrong encoding upstream ("Ã©") was repaired.
    Mojibake,
    /// Characters were lost before the text reached crosscheck (U+FFFD, "??").
    Damaged,
    /// Bytes that could not be decoded were replaced.
    Undecodable,
    /// Metadata the input gave could not be used (a publication date that is no date).
    Metadata,
    /// The document's language has no extraction rules: its facts are not read.
    Language,
}

/// A line the cleaner removed from the body, and the rule that removed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Removal {
    pub rule: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_every_contract_key_even_when_empty() {
        let doc = Document::new("a1".into(), "a.txt".into(), "Body.".into());
        let value = serde_json::to_value(&doc).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = Document::CONTRACT_KEYS.to_vec();
        want.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(value["published_basis"], "unknown");
        assert_eq!(value["sentences"], serde_json::json!([]));
    }

    #[test]
    fn round_trips() {
        let mut doc = Document::new("a1".into(), "a.txt".into(), "Body.".into());
        doc.sentences = vec![(0, 5)];
        doc.removed = vec![Removal {
            rule: "appeal".into(),
            text: "Donate".into(),
        }];
        let json = serde_json::to_string(&doc).unwrap();
        assert!(json.contains("\"sentences\":[[0,5]]"));
        assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
    }
}
