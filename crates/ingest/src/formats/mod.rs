//! Input formats and their readers.
//!
//! A [`Reader`] unpacks one input into raw articles. It streams: it gets a `BufRead`, never
//! the whole input, so a container (a JSON Lines dump, later a WARC archive) is read in
//! constant memory whatever its size. HTML pages, RSS/Atom feeds and WARC archives get their
//! own readers behind the same trait.

mod json;
mod text;

use std::io::BufRead;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Limits, RawArticle, SkipReason};

/// What a reader hands over for each record of an input.
#[derive(Debug)]
pub enum Record {
    Article(RawArticle),
    /// A record that could not be read, with its source (`path#N`) and the reason.
    Skipped {
        source: String,
        reason: SkipReason,
    },
}

/// Unpacks one input into raw articles.
pub trait Reader {
    /// Reads every record of `input` (named `source` in reports), handing each to `emit` in
    /// order. An error is returned only when nothing more can be read from the input; the
    /// records emitted before it stand.
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason>;
}

/// The input formats crosscheck knows, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Html,
    Feed,
    Warc,
}

impl Format {
    /// The format a file name announces, or `None` for files crosscheck does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let format = match name.rsplit('.').next()? {
            "txt" => Format::Text,
            "json" => Format::Json,
            "jsonl" => Format::JsonLines,
            "html" | "htm" => Format::Html,
            "rss" | "atom" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            "gz" if name.ends_with(".warc.gz") => Format::Warc,
            _ => return None,
        };
        Some(format)
    }

    /// The format of unnamed input (standard input), from its first bytes.
    pub fn sniff(head: &[u8]) -> Format {
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
            .map(|i| &head[i..])
            .unwrap_or_default();
        if start.starts_with(b"WARC/") {
            Format::Warc
        } else if start.starts_with(b"[") {
            Format::Json
        } else if start.starts_with(b"{") {
            // One object, or one object a line: JSON Lines reads both.
            Format::JsonLines
        } else if start.starts_with(b"<") {
            let lower = String::from_utf8_lossy(&start[..start.len().min(512)]).to_lowercase();
            if lower.contains("<rss") || lower.contains("<feed") {
                Format::Feed
            } else {
                Format::Html
            }
        } else {
            Format::Text
        }
    }

    /// The reader for this format.
    pub fn reader(self) -> Result<&'static dyn Reader, SkipReason> {
        match self {
            Format::Text => Ok(&text::TextReader),
            Format::Json => Ok(&json::JsonReader),
            Format::JsonLines => Ok(&json::JsonLinesReader),
            Format::Html => Err(SkipReason::Unsupported("HTML")),
            Format::Feed => Err(SkipReason::Unsupported("RSS/Atom feed")),
            Format::Warc => Err(SkipReason::Unsupported("WARC")),
        }
    }
}

/// The id of a record that has none of its own: a hash of its raw bytes and position, so it
/// is stable across runs and across improvements of the cleaner.
pub(crate) fn fingerprint(raw: &[u8], position: usize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(raw);
    hasher.update(position.to_le_bytes());
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// `path#N` for the N-th record of a container.
pub(crate) fn record_source(source: &str, position: usize) -> String {
    format!("{source}#{position}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/b.TXT"), Some(Format::Text));
        assert_eq!(f("x.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("x.warc.gz"), Some(Format::Warc));
        assert_eq!(f("x.tar.gz"), None);
        assert_eq!(f("README"), None);
    }

    #[test]
    fn sniffing_standard_input() {
        assert_eq!(Format::sniff(b"  [{\"text\": 1}]"), Format::Json);
        assert_eq!(
            Format::sniff(b"\xEF\xBB\xBF{\"text\": \"a\"}"),
            Format::JsonLines
        );
        assert_eq!(Format::sniff(b"<html><body>"), Format::Html);
        assert_eq!(Format::sniff(b"Headline\n\nBody."), Format::Text);
        assert_eq!(Format::sniff(b""), Format::Text);
    }

    #[test]
    fn fingerprints_depend_on_bytes_and_position() {
        assert_eq!(fingerprint(b"abc", 1), fingerprint(b"abc", 1));
        assert_ne!(fingerprint(b"abc", 1), fingerprint(b"abc", 2));
        assert_eq!(fingerprint(b"abc", 1).len(), 16);
    }
}
