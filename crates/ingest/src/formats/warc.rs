//! WARC archives (ISO 28500, as Common Crawl's CC-NEWS distributes them): each `response`
//! record whose HTTP payload is an HTML page is one article.
//!
//! The reader is written here rather than taken from a crate because it has to stay in
//! constant memory on hostile archives: every line it reads is bounded, a record's block is
//! held only when it is an HTML response within the size limit (any other is streamed past),
//! and a broken record is reported and skipped by finding the next `WARC/` line, so one bad
//! record never costs the rest of the archive.

use std::io::{self, BufRead, Read};

use super::{next_line, record_source, Line, Reader, Record};
use crate::gzip::Counted;
use crate::{Body, Limits, Metadata, RawArticle, SkipReason};

/// The longest WARC or HTTP header line held.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header lines of one record.
const MAX_HEADER_LINES: usize = 1024;
/// The most bytes of an HTTP response head (status line and headers).
const MAX_HTTP_HEAD: usize = 64 * 1024;

pub(crate) struct WarcReader;

impl Reader for WarcReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        let mut input = Counted::new(input);
        let mut responses = 0;
        let mut records = 0;
        let mut cursor = Cursor::default();
        loop {
            let start = input.consumed;
            let header = match cursor.next_header(&mut input) {
                Ok(Some(header)) => header,
                Ok(None) => break,
                Err(Broken::Io(e)) => return Err(SkipReason::Unreadable(e.to_string())),
                Err(Broken::Header(reason)) => {
                    records += 1;
                    emit(broken(source, start, responses, reason));
                    continue;
                }
            };
            records += 1;
            let is_response = header.field("WARC-Type") == Some("response");
            if is_response {
                responses += 1;
            }
            let name = if is_response {
                record_source(source, responses)
            } else {
                format!("{source}@{start}")
            };
            match read_block(&mut input, &header, is_response, limits) {
                Ok(Some(block)) => emit(response(&header, block, name, responses, limits)),
                Ok(None) => emit(Record::Passed {
                    what: format!("WARC {}", header.field("WARC-Type").unwrap_or("untyped")),
                }),
                Err(reason @ SkipReason::TooLarge { .. }) => emit(Record::Skipped {
                    source: name,
                    reason,
                }),
                Err(reason) => {
                    emit(Record::Skipped {
                        source: name,
                        reason,
                    });
                    return Ok(());
                }
            }
        }
        if records == 0 {
            return Err(SkipReason::Empty);
        }
        Ok(())
    }
}

/// The header of one WARC record: its version line's fields, in order.
struct Header {
    fields: Vec<(String, String)>,
    length: u64,
}

impl Header {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

enum Broken {
    Io(io::Error),
    Header(String),
}

impl From<SkipReason> for Broken {
    fn from(reason: SkipReason) -> Self {
        match reason {
            SkipReason::Unreadable(message) => Broken::Io(io::Error::other(message)),
            other => Broken::Header(other.to_string()),
        }
    }
}

const ENDS_IN_HEADER: &str = "truncated: the archive ends inside a header";

/// Where the reader stands between records.
#[derive(Default)]
struct Cursor {
    /// A `WARC/` version line was read while passing over junk: the next header's fields
    /// come right away.
    after_version_line: bool,
    /// The last header was broken: what follows it up to the next `WARC/` line is that
    /// record's rest, already reported.
    resyncing: bool,
}

impl Cursor {
    /// The next record's header, `None` at the end of the archive. Blank lines between
    /// records are passed over; anything else before a `WARC/` version line is reported as
    /// broken (once), and passed over up to the next version line.
    fn next_header(&mut self, input: &mut dyn BufRead) -> Result<Option<Header>, Broken> {
        if !std::mem::take(&mut self.after_version_line) {
            let mut junk = false;
            loop {
                match next_line(input, MAX_HEADER_LINE)? {
                    None if junk && !self.resyncing => {
                        return Err(Broken::Header(
                            "the archive ends with bytes that are not a WARC record".into(),
                        ))
                    }
                    None => return Ok(None),
                    Some(Line::Text(line)) if line.starts_with(b"WARC/") => break,
                    Some(Line::Text(line)) if line.trim_ascii().is_empty() => {}
                    Some(_) => junk = true,
                }
            }
            if junk && !std::mem::take(&mut self.resyncing) {
                self.after_version_line = true;
                return Err(Broken::Header("bytes that are not a WARC record".into()));
            }
        }
        self.resyncing = false;
        let header = read_fields(input);
        self.resyncing = header.is_err();
        header.map(Some)
    }
}

/// The header fields after a version line, up to the blank line that ends them.
fn read_fields(input: &mut dyn BufRead) -> Result<Header, Broken> {
    let mut fields = Vec::new();
    loop {
        let line = match next_line(input, MAX_HEADER_LINE)? {
            None => return Err(Broken::Header(ENDS_IN_HEADER.into())),
            Some(Line::TooLong) => {
                return Err(Broken::Header(format!(
                    "a header line over {MAX_HEADER_LINE} bytes"
                )))
            }
            Some(Line::Text(line)) => line,
        };
        let line = String::from_utf8_lossy(line.trim_ascii_end()).into_owned();
        if line.is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            if input.fill_buf().map_err(Broken::Io)?.is_empty() {
                return Err(Broken::Header(ENDS_IN_HEADER.into()));
            }
            return Err(Broken::Header(format!(
                "a header line without a colon: {line:.80?}"
            )));
        };
        fields.push((key.trim().to_string(), value.trim().to_string()));
        if fields.len() > MAX_HEADER_LINES {
            return Err(Broken::Header("too many header lines".into()));
        }
    }
    let header = Header { fields, length: 0 };
    let length = header
        .field("Content-Length")
        .ok_or_else(|| Broken::Header("no Content-Length".into()))?
        .parse::<u64>()
        .map_err(|_| Broken::Header("a Content-Length that is not a number".into()))?;
    Ok(Header { length, ..header })
}

/// Reads the record's block: held and returned when it is a response's within the size
/// limit, otherwise streamed past. The blank lines that end a record are consumed.
fn read_block(
    input: &mut dyn BufRead,
    header: &Header,
    keep: bool,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, SkipReason> {
    let truncated = || SkipReason::Malformed {
        format: "WARC record",
        reason: "truncated: the archive ends inside this record".into(),
    };
    let read_error = |e: io::Error| SkipReason::Unreadable(e.to_string());
    // The HTTP head comes on top of the page itself.
    let too_large = header.length > (limits.max_document_bytes + MAX_HTTP_HEAD) as u64;
    let block = if keep && !too_large {
        let mut block = Vec::with_capacity(header.length as usize);
        input
            .take(header.length)
            .read_to_end(&mut block)
            .map_err(read_error)?;
        if (block.len() as u64) < header.length {
            return Err(truncated());
        }
        Some(block)
    } else {
        let skipped =
            io::copy(&mut input.take(header.length), &mut io::sink()).map_err(read_error)?;
        if skipped < header.length {
            return Err(truncated());
        }
        None
    };
    end_of_record(input).map_err(read_error)?;
    if keep && too_large {
        return Err(SkipReason::TooLarge {
            limit: limits.max_document_bytes,
        });
    }
    Ok(block)
}

/// Consumes the CR and LF bytes that close a record (`\r\n\r\n`; some writers put `\n\n`).
fn end_of_record(input: &mut dyn BufRead) -> io::Result<()> {
    for _ in 0..4 {
        match input.fill_buf()?.first() {
            Some(b'\r' | b'\n') => input.consume(1),
            _ => break,
        }
    }
    Ok(())
}

/// A response record's block as an article, when its HTTP payload is an HTML page.
fn response(
    header: &Header,
    block: Vec<u8>,
    source: String,
    position: usize,
    limits: &Limits,
) -> Record {
    let http = match Http::parse(&block) {
        Ok(http) => http,
        Err(reason) => {
            return Record::Skipped {
                source,
                reason: SkipReason::Malformed {
                    format: "HTTP response in a WARC record",
                    reason,
                },
            }
        }
    };
    if !(200..300).contains(&http.status) {
        return Record::Passed {
            what: format!("WARC response HTTP {}", http.status),
        };
    }
    if !http.is_html() {
        return Record::Passed {
            what: format!(
                "WARC response {}",
                http.content_type
                    .as_deref()
                    .unwrap_or("without a content type")
            ),
        };
    }
    let payload = match http.payload(&block, limits) {
        Ok(payload) => payload,
        Err(reason) => return Record::Skipped { source, reason },
    };
    if payload.len() > limits.max_document_bytes {
        return Record::Skipped {
            source,
            reason: SkipReason::TooLarge {
                limit: limits.max_document_bytes,
            },
        };
    }
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Record::Skipped {
            source,
            reason: SkipReason::Empty,
        };
    }
    Record::Article(Box::new(RawArticle {
        fingerprint: super::fingerprint(&payload, position),
        source,
        id: header
            .field("WARC-Record-ID")
            .map(|id| id.trim_matches(['<', '>']).to_string()),
        metadata: Metadata {
            url: header.field("WARC-Target-URI").map(str::to_string),
            crawled: header.field("WARC-Date").map(str::to_string),
            ..Metadata::default()
        },
        body: Body::Page {
            bytes: payload,
            charset: http.charset(),
        },
    }))
}

/// The head of an HTTP response: what decides whether the payload is a page, and how to
/// read it.
struct Http {
    status: u16,
    head_len: usize,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
}

impl Http {
    fn parse(block: &[u8]) -> Result<Http, String> {
        let mut headers = [httparse::EMPTY_HEADER; 128];
        let mut response = httparse::Response::new(&mut headers);
        let head = &block[..block.len().min(MAX_HTTP_HEAD)];
        let head_len = match response.parse(head) {
            Ok(httparse::Status::Complete(len)) => len,
            Ok(httparse::Status::Partial) => return Err("the HTTP head does not end".into()),
            Err(e) => return Err(format!("bad HTTP head: {e}")),
        };
        let header = |name: &str| {
            response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
        };
        Ok(Http {
            status: response.code.unwrap_or(0),
            head_len,
            content_type: header("Content-Type"),
            content_encoding: header("Content-Encoding").filter(|e| e != "identity"),
            chunked: header("Transfer-Encoding").is_some_and(|t| t.contains("chunked")),
        })
    }

    /// A response without a content type is taken for a page when it looks like one.
    fn is_html(&self) -> bool {
        self.content_type.as_deref().is_none_or(|t| {
            let mime = t.split(';').next().unwrap_or_default().trim();
            matches!(mime, "text/html" | "application/xhtml+xml" | "")
        })
    }

    fn charset(&self) -> Option<String> {
        let content_type = self.content_type.as_deref()?;
        content_type.split(';').find_map(|part| {
            let (key, value) = part.split_once('=')?;
            (key.trim() == "charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
        })
    }

    /// The payload with its transfer and content encodings undone.
    fn payload(&self, block: &[u8], limits: &Limits) -> Result<Vec<u8>, SkipReason> {
        let body = &block[self.head_len..];
        let body = if self.chunked {
            dechunk(body).ok_or_else(|| SkipReason::Malformed {
                format: "HTTP chunked payload in a WARC record",
                reason: "a chunk size is missing or wrong".into(),
            })?
        } else {
            body.to_vec()
        };
        match self.content_encoding.as_deref() {
            None => Ok(body),
            Some("gzip" | "x-gzip") => {
                let mut decoded = Vec::new();
                crate::gzip::Gunzip::new(&body[..])
                    .take(limits.max_document_bytes as u64 + 1)
                    .read_to_end(&mut decoded)
                    .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
                if decoded.len() > limits.max_document_bytes {
                    return Err(SkipReason::TooLarge {
                        limit: limits.max_document_bytes,
                    });
                }
                Ok(decoded)
            }
            Some(other) => Err(SkipReason::Malformed {
                format: "HTTP payload in a WARC record",
                reason: format!("content encoding {other:?} is not supported"),
            }),
        }
    }
}

/// The body of a chunked transfer: the chunks' data, or `None` when the sizes are broken.
/// A missing last chunk is forgiven (archives cut transfers short).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = body.iter().position(|&b| b == b'\n')?;
        let size_field = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_field = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_field, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        let chunk = body.get(..size)?;
        out.extend_from_slice(chunk);
        body = body[size..].strip_prefix(b"\r\n").unwrap_or(&body[size..]);
        if body.is_empty() {
            return Some(out);
        }
    }
}

fn broken(source: &str, at: u64, responses: usize, reason: String) -> Record {
    Record::Skipped {
        source: format!("{source}@{at}"),
        reason: SkipReason::Malformed {
            format: "WARC record",
            reason: format!("{reason} (after response record #{responses})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{article_of, read_records};

    /// One WARC record of `kind` with `block` as its content.
    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-23T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &[u8] = b"<html><body><p>Page body.</p></body></html>";

    fn summaries(input: &[u8], limit: usize) -> Vec<String> {
        let (records, result) = read_records(&WarcReader, input, limit);
        assert!(result.is_ok(), "{result:?}");
        records.iter().map(Record::summary).collect()
    }

    #[test]
    fn html_responses_are_articles_and_the_rest_is_counted() {
        let html = "Content-Type: text/html; charset=ISO-8859-1\r\n";
        let archive = [
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "https://a.example/1", b"GET /1 HTTP/1.1\r\n\r\n"),
            record(
                "response",
                "https://a.example/1",
                &http("200 OK", html, PAGE),
            ),
            record(
                "response",
                "https://a.example/i.jpg",
                &http("200 OK", "Content-Type: image/jpeg\r\n", b"\xFF\xD8"),
            ),
            record(
                "response",
                "https://a.example/gone",
                &http("404 Not Found", html, b""),
            ),
        ]
        .concat();
        let (records, _) = read_records(&WarcReader, &archive, 1000);
        let page = article_of(&records[2]);
        assert_eq!(page.source, "in#1");
        assert_eq!(page.metadata.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(
            page.metadata.crawled.as_deref(),
            Some("2024-03-23T10:00:00Z")
        );
        assert_eq!(page.metadata.published, None);
        assert!(page
            .id
            .as_deref()
            .is_some_and(|id| id.starts_with("urn:uuid:response-")));
        assert_eq!(
            page.body,
            Body::Page {
                bytes: PAGE.to_vec(),
                charset: Some("iso-8859-1".into())
            }
        );
        assert_eq!(
            summaries(&archive, 1000),
            [
                "passed WARC warcinfo",
                "passed WARC request",
                "ok in#1",
                "passed WARC response image/jpeg",
                "passed WARC response HTTP 404"
            ]
        );
    }

    #[test]
    fn broken_records_are_reported_and_reading_goes_on() {
        let good = record("response", "https://a.example/1", &http("200 OK", "", PAGE));
        let archive = [
            b"garbage before the first record\r\n".to_vec(),
            good.clone(),
            b"WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\nits block\r\n\r\n".to_vec(),
            good.clone(),
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(),
            good.clone(),
        ]
        .concat();
        let out = summaries(&archive, 1000);
        assert_eq!(out.len(), 6, "{out:?}");
        assert!(
            out[0].starts_with("skip in@0: malformed WARC record: bytes that are not"),
            "{out:?}"
        );
        assert_eq!(out[1], "ok in#1");
        assert!(out[2].contains("a header line without a colon"), "{out:?}");
        assert_eq!(out[3], "ok in#2");
        assert!(out[4].contains("no Content-Length"), "{out:?}");
        assert_eq!(out[5], "ok in#3");
    }

    #[test]
    fn truncated_and_oversized_records() {
        let good = record("response", "https://a.example/1", &http("200 OK", "", PAGE));
        let big = record(
            "response",
            "https://a.example/big",
            &http("200 OK", "", &[b'a'; 5000]),
        );
        let archive = [good.clone(), big, good.clone()].concat();
        let out = summaries(&archive, 1000);
        assert_eq!(out[0], "ok in#1");
        assert!(out[1].starts_with("skip in#2: too large"), "{out:?}");
        assert_eq!(out[2], "ok in#3");
        let cut = [good.clone(), good[..good.len() / 2].to_vec()].concat();
        let out = summaries(&cut, 1000);
        assert_eq!(out[0], "ok in#1");
        assert!(out[1].contains("truncated"), "{out:?}");
        let (_, result) = read_records(&WarcReader, b"\r\n", 1000);
        assert_eq!(result, Err(SkipReason::Empty));
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PAGE).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&gz[..10]);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", gz.len() - 10).as_bytes());
        chunked.extend_from_slice(&gz[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let headers =
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
        let archive = record(
            "response",
            "https://a.example/z",
            &http("200 OK", headers, &chunked),
        );
        let (records, _) = read_records(&WarcReader, &archive, 1000);
        assert!(matches!(&article_of(&records[0]).body, Body::Page { bytes, .. } if bytes == PAGE));
        assert_eq!(dechunk(b"zz\r\n"), None);
    }

    proptest::proptest! {
        #[test]
        fn damaged_archives_never_panic_and_good_records_survive(cut in 0usize..400, noise in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let good = record("response", "https://a.example/1", &http("200 OK", "", PAGE));
            let mut damaged = good.clone();
            let at = cut.min(damaged.len());
            damaged.splice(at..at, noise);
            let archive = [good.clone(), damaged, good].concat();
            let (records, _) = read_records(&WarcReader, &archive, 1000);
            proptest::prop_assert!(matches!(records.first(), Some(Record::Article(_))));
        }
    }
}
