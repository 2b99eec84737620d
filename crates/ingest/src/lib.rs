//! From sources to documents: reading inputs and cleaning what they hold.
//!
//! The work is split in two, so that each half can be tested and replaced alone:
//! - [`read`] walks paths (files, directories, standard input), picks a [`Reader`] for each
//!   file by its format and yields one [`RawArticle`] per article, or the reason a record was
//!   skipped. Readers only unpack containers; they never touch the text.
//! - [`clean`] is a pure function from one raw article to a [`Document`]: decoding, mojibake
//!   repair, normalization, boilerplate removal, headline, damage warnings and language.

mod clean;
mod decode;
mod formats;
mod gzip;
mod html;
mod language;
pub mod names;
mod read;

pub use clean::clean;
pub use formats::{Format, Reader, Record};
pub use language::identify as identify_language;
pub use read::{input_files, read_inputs, read_sources, InputEvent, Source};

/// Limits that protect a run from inputs that are too big to be articles.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest document (file or record), in bytes.
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 20 * 1024 * 1024,
        }
    }
}

/// One article as an input holds it, before any cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    /// Path, with `#N` for the N-th record of a container.
    pub source: String,
    /// The input's own id, where it has one.
    pub id: Option<String>,
    /// Hash of the record's raw bytes and its position: the id when the input has none.
    pub fingerprint: String,
    pub body: Body,
    pub metadata: Metadata,
}

/// The body of an article as found, before the cleaner turns it into text.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain text still to be decoded.
    Bytes(Vec<u8>),
    /// Plain text a container has already decoded (a JSON string).
    Text(String),
    /// A whole web page: the article is to be found among its navigation, comments and
    /// other chrome. `charset` is the one its transport declared (an HTTP `Content-Type`, or
    /// UTF-8 for a page a JSON string held); the page's own `<meta charset>` comes after it.
    Page {
        bytes: Vec<u8>,
        charset: Option<String>,
    },
    /// HTML that is the article and nothing else (a feed item's content): all of its text
    /// is kept, with its paragraphs.
    Fragment(String),
}

impl Body {
    /// Its bytes, as read.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Text(text) | Body::Fragment(text) => text.as_bytes(),
            Body::Bytes(bytes) | Body::Page { bytes, .. } => bytes,
        }
    }

    /// Its size in bytes, as read.
    pub fn byte_len(&self) -> usize {
        self.as_bytes().len()
    }
}

/// Metadata given by the input itself: fields of a JSON record or a feed item, the headers
/// of a WARC record, or what a web page says of itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// When a web archive fetched the page: never a publication date.
    pub crawled: Option<String>,
}

impl Metadata {
    /// These fields, each filled from `other` where it is missing here: what an input says
    /// of its article (a JSON field, a feed item, a WARC header) comes before what the page
    /// says of itself.
    pub(crate) fn or(self, other: Metadata) -> Metadata {
        Metadata {
            url: self.url.or(other.url),
            outlet: self.outlet.or(other.outlet),
            title: self.title.or(other.title),
            authors: if self.authors.is_empty() {
                other.authors
            } else {
                self.authors
            },
            published: self.published.or(other.published),
            language: self.language.or(other.language),
            crawled: self.crawled.or(other.crawled),
        }
    }
}

/// Why an input or a record was not turned into a document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SkipReason {
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("empty")]
    Empty,
    #[error("binary content (NUL bytes), not text")]
    Binary,
    #[error("undecodable: {0}")]
    Undecodable(String),
    #[error("too large: over the limit of {limit} bytes a document (see --max-doc-size)")]
    TooLarge { limit: usize },
    /// An id given by the input that cannot serve as one.
    #[error("unusable id: {0}")]
    BadId(String),
    /// A page whose tree would be too deep or too large to build safely.
    #[error("too complex: {0}")]
    TooComplex(String),
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("no article: {0}")]
    NoArticle(String),
    #[error("malformed {format}: {reason}")]
    Malformed {
        format: &'static str,
        reason: String,
    },
}
