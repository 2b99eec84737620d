//! A raw article as one message of the stream: a JSON header (its source, ids, the kind of
//! its body and what the input said of it) and the body's bytes as read, so that a worker
//! cleans it exactly as `ingest` would have and gives it the same document id.
//!
//! Layout: the header's length (4 bytes, big-endian), the header, the body.

use crosscheck_ingest::{Body, Metadata, RawArticle};
use serde_json::{json, Value};

/// The first bytes of every message: a message of another kind (or of a later layout) is
/// refused by name, not misread.
const MAGIC: &[u8; 4] = b"cc1\n";

pub fn encode(raw: &RawArticle) -> Vec<u8> {
    let (kind, charset) = match &raw.body {
        Body::Bytes(_) => ("bytes", None),
        Body::Text(_) => ("text", None),
        Body::Page { charset, .. } => ("page", charset.clone()),
        Body::Fragment(_) => ("fragment", None),
    };
    let m = &raw.metadata;
    let header = json!({
        "source": raw.source,
        "id": raw.id,
        "fingerprint": raw.fingerprint,
        "body": kind,
        "charset": charset,
        "metadata": {
            "url": m.url, "outlet": m.outlet, "title": m.title, "authors": m.authors,
            "published": m.published, "language": m.language, "crawled": m.crawled,
        },
    })
    .to_string();
    let body = raw.body.as_bytes();
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + header.len() + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(body);
    out
}

/// The article a message holds, or why it holds none.
pub fn decode(message: &[u8]) -> Result<RawArticle, String> {
    let rest = message
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a crosscheck document message")?;
    let (len, rest) = rest.split_first_chunk::<4>().ok_or("a message cut short")?;
    let len = u32::from_be_bytes(*len) as usize;
    if rest.len() < len {
        return Err("a message cut short".into());
    }
    let (header, body) = rest.split_at(len);
    let header: Value =
        serde_json::from_slice(header).map_err(|e| format!("a damaged message header: {e}"))?;
    let text = |key: &str| header[key].as_str().map(String::from);
    let meta = &header["metadata"];
    let meta_text = |key: &str| meta[key].as_str().map(String::from);
    let utf8 = || String::from_utf8(body.to_vec()).map_err(|_| "a text body that is not UTF-8");
    let body = match header["body"].as_str() {
        Some("bytes") => Body::Bytes(body.to_vec()),
        Some("text") => Body::Text(utf8()?),
        Some("page") => Body::Page {
            bytes: body.to_vec(),
            charset: text("charset"),
        },
        Some("fragment") => Body::Fragment(utf8()?),
        other => return Err(format!("an unknown kind of body: {other:?}")),
    };
    Ok(RawArticle {
        source: text("source").ok_or("a message without a source")?,
        id: text("id"),
        fingerprint: text("fingerprint").ok_or("a message without a fingerprint")?,
        body,
        metadata: Metadata {
            url: meta_text("url"),
            outlet: meta_text("outlet"),
            title: meta_text("title"),
            authors: meta["authors"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            published: meta_text("published"),
            language: meta_text("language"),
            crawled: meta_text("crawled"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_article_comes_back_as_it_went() {
        let bodies = [
            Body::Bytes(vec![0xff, b'a', 0]),
            Body::Text("Текст\nпо-русски".into()),
            Body::Page {
                bytes: b"<html>".to_vec(),
                charset: Some("windows-1251".into()),
            },
            Body::Fragment("<p>a</p>".into()),
        ];
        for body in bodies {
            let raw = RawArticle {
                source: "feeds/wire.rss#2".into(),
                id: Some("x1".into()),
                fingerprint: "abc".into(),
                body,
                metadata: Metadata {
                    title: Some("T".into()),
                    authors: vec!["A".into(), "B".into()],
                    crawled: Some("2024-03-23".into()),
                    ..Metadata::default()
                },
            };
            assert_eq!(decode(&encode(&raw)).unwrap(), raw);
        }
    }

    #[test]
    fn a_foreign_or_cut_message_is_refused_by_name() {
        assert!(decode(b"hello").unwrap_err().contains("not a crosscheck"));
        let raw = RawArticle {
            source: "a.txt".into(),
            id: None,
            fingerprint: "f".into(),
            body: Body::Text("x".into()),
            metadata: Metadata::default(),
        };
        let message = encode(&raw);
        assert!(decode(&message[..10]).unwrap_err().contains("cut short"));
    }
}
