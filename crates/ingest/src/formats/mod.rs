//! Input formats and their readers.
//!
//! A [`Reader`] unpacks one input into raw articles. It streams: it gets a `BufRead`, never
//! the whole input, so a container (a JSON Lines dump, later a WARC archive) is read in
//! constant memory whatever its size. HTML pages, RSS/Atom feeds and WARC archives get their
//! own readers behind the same trait.

mod feed;
mod json;
mod text;
mod warc;

use std::io::BufRead;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Limits, RawArticle, SkipReason};

/// What a reader hands over for each record of an input.
#[derive(Debug)]
pub enum Record {
    /// Boxed: an article is ten times the size of the other variants.
    Article(Box<RawArticle>),
    /// A record that holds no article by design (a WARC `warcinfo` or `request` record, a
    /// response that is an image): counted, not an error. `what` says which kind.
    Passed { what: String },
    /// A record that could not be read, with its source (`path#N`) and the reason.
    Skipped { source: String, reason: SkipReason },
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
    /// The format a file name announces (through a `.gz` suffix: `page.html.gz`), or `None`
    /// for files crosscheck does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        // The extension is ASCII: a name that is not UTF-8 elsewhere still has one.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let format = match name.rsplit_once('.')?.1 {
            "txt" => Format::Text,
            "json" => Format::Json,
            "jsonl" => Format::JsonLines,
            "html" | "htm" => Format::Html,
            "rss" | "atom" | "xml" => Format::Feed,
            "warc" => Format::Warc,
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
            if ["<rss", "<feed", "<rdf:rdf"]
                .iter()
                .any(|tag| lower.contains(tag))
            {
                Format::Feed
            } else {
                Format::Html
            }
        } else {
            Format::Text
        }
    }

    /// The reader for this format.
    pub fn reader(self) -> &'static dyn Reader {
        match self {
            Format::Text => &text::TextReader,
            Format::Json => &json::JsonReader,
            Format::JsonLines => &json::JsonLinesReader,
            Format::Html => &text::PageReader,
            Format::Feed => &feed::FeedReader,
            Format::Warc => &warc::WarcReader,
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

/// A line of a line-oriented input, or the news that it was too long to hold.
pub(crate) enum Line {
    Text(Vec<u8>),
    TooLong,
}

/// The next line of `input` without its newline, never holding more than `limit` bytes of
/// it: a longer line is read through and reported as too long.
pub(crate) fn next_line(input: &mut dyn BufRead, limit: usize) -> Result<Option<Line>, SkipReason> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let buf = input
            .fill_buf()
            .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
        if buf.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long && line.len() + chunk.len() <= limit {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
            line = Vec::new();
        }
        let consumed = done.unwrap_or(buf.len());
        input.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    Ok(match (read_any, too_long) {
        (false, _) => None,
        (true, true) => Some(Line::TooLong),
        (true, false) => Some(Line::Text(line)),
    })
}

/// `path#N` for the N-th record of a container.
pub(crate) fn record_source(source: &str, position: usize) -> String {
    format!("{source}#{position}")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    impl Record {
        /// `ok SOURCE`, `skip SOURCE: REASON` or `passed WHAT`, for assertions.
        pub(crate) fn summary(&self) -> String {
            match self {
                Record::Article(a) => format!("ok {}", a.source),
                Record::Skipped { source, reason } => format!("skip {source}: {reason}"),
                Record::Passed { what } => format!("passed {what}"),
            }
        }
    }

    /// Every record `reader` finds in `input`, read with a per-document limit of `limit`.
    pub(crate) fn read_records(
        reader: &dyn Reader,
        input: &[u8],
        limit: usize,
    ) -> (Vec<Record>, Result<(), SkipReason>) {
        let mut out = Vec::new();
        let limits = Limits {
            max_document_bytes: limit,
        };
        let result = reader.read(&mut &input[..], "in", &limits, &mut |r| out.push(r));
        (out, result)
    }

    pub(crate) fn article_of(record: &Record) -> &RawArticle {
        match record {
            Record::Article(a) => a,
            other => panic!("{}", other.summary()),
        }
    }

    #[test]
    fn formats_from_extensions() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/b.TXT"), Some(Format::Text));
        assert_eq!(f("x.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("x.warc.gz"), Some(Format::Warc));
        assert_eq!(f("page.HTML.gz"), Some(Format::Html));
        assert_eq!(f("x.tar.gz"), None);
        assert_eq!(f("gz"), None);
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
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
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
