//! Files that are one article each: plain text, and web pages.

use std::io::{BufRead, Read};

use super::{fingerprint, Reader, Record};
use crate::{Body, Limits, Metadata, RawArticle, SkipReason};

pub(crate) struct TextReader;

impl Reader for TextReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        read_whole(input, source, limits, emit, Body::Bytes)
    }
}

/// An HTML page saved to a file: one article, to be found in the page by the cleaner.
pub(crate) struct PageReader;

impl Reader for PageReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        read_whole(input, source, limits, emit, |bytes| Body::Page {
            bytes,
            charset: None,
        })
    }
}

fn read_whole(
    input: &mut dyn BufRead,
    source: &str,
    limits: &Limits,
    emit: &mut dyn FnMut(Record),
    body: fn(Vec<u8>) -> Body,
) -> Result<(), SkipReason> {
    let bytes = read_capped(input, limits.max_document_bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::Empty);
    }
    emit(Record::Article(Box::new(RawArticle {
        source: source.to_string(),
        id: None,
        fingerprint: fingerprint(&bytes, 0),
        body: body(bytes),
        metadata: Metadata::default(),
    })));
    Ok(())
}

/// Reads all of `input`, refusing to hold more than `limit` bytes.
pub(crate) fn read_capped(input: &mut dyn Read, limit: usize) -> Result<Vec<u8>, SkipReason> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.len() > limit {
        return Err(SkipReason::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], limit: usize) -> Result<Vec<Record>, SkipReason> {
        let mut out = Vec::new();
        let limits = Limits {
            max_document_bytes: limit,
        };
        TextReader.read(&mut &bytes[..], "a.txt", &limits, &mut |r| out.push(r))?;
        Ok(out)
    }

    #[test]
    fn one_article_per_file() {
        let records = read(b"Headline\n\nBody.", 100).unwrap();
        assert!(matches!(&records[..], [Record::Article(a)] if a.source == "a.txt"));
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(read(b" \n\t", 100).unwrap_err(), SkipReason::Empty);
        assert_eq!(
            read(b"0123456789", 9).unwrap_err(),
            SkipReason::TooLarge { limit: 9 }
        );
        assert!(read(b"0123456789", 10).is_ok());
    }
}
