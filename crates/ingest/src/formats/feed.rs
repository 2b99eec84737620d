//! RSS (0.9 to 2.0) and Atom feeds, through `feed-rs`: each item with content is one
//! article, its HTML read whole (a feed item carries the article, not a page around it).

use std::io::BufRead;

use std::sync::LazyLock;

use encoding_rs::Encoding;
use feed_rs::model::{Entry, Feed, Text};
use regex::Regex;

use super::text::read_capped;
use super::{fingerprint, record_source, Reader, Record};
use crate::{Body, Limits, Metadata, RawArticle, SkipReason};

/// A feed is held whole to be parsed; it may hold many articles.
const FEED_LIMIT_IN_DOCUMENTS: usize = 8;

pub(crate) struct FeedReader;

impl Reader for FeedReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        let limit = limits
            .max_document_bytes
            .saturating_mul(FEED_LIMIT_IN_DOCUMENTS);
        let bytes = read_capped(input, limit)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SkipReason::Empty);
        }
        let feed = parse(&bytes)?;
        if feed.entries.is_empty() {
            return Err(SkipReason::NoArticle("a feed without items".into()));
        }
        for (i, entry) in feed.entries.iter().enumerate() {
            let position = i + 1;
            let name = record_source(source, position);
            emit(match item(&feed, entry, &name, position, limits) {
                Ok(article) => Record::Article(Box::new(article)),
                Err(reason) => Record::Skipped {
                    source: name,
                    reason,
                },
            });
        }
        Ok(())
    }
}

/// The feed, parsed. Items without an id of their own get none here, so that their id is a
/// hash of their bytes rather than the random one feed-rs would make.
fn parse(bytes: &[u8]) -> Result<Feed, SkipReason> {
    let malformed = |reason: String| SkipReason::Malformed {
        format: "feed",
        reason,
    };
    let text = as_utf8(bytes);
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    // The parser is third-party code fed hostile bytes: a panic there is a malformed feed.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(text.as_bytes())
    })) {
        Ok(parsed) => parsed.map_err(|e| malformed(e.to_string())),
        Err(_) => Err(malformed("the XML parser failed on it".into())),
    }
}

/// The feed as UTF-8 without its XML declarations (every `<?xml…?>`, wherever it ends, as
/// the XML parser reads it; stylesheet instructions go too). Decoding here, by the BOM or the declared
/// encoding, rather than in quick-xml (under feed-rs) keeps clear of its encoding switch,
/// which panics on a declaration longer than 64 bytes or on a second one (both found by
/// fuzzing); with the encoding applied, the declarations say nothing more.
fn as_utf8(bytes: &[u8]) -> String {
    static DECLARATION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<\?xml.*?\?>").unwrap_or_else(|e| panic!("{e}")));
    static ENCODING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']"#).unwrap_or_else(|e| panic!("{e}"))
    });
    let (text, _) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&bytes[bom..]),
        None => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
            let declared = DECLARATION
                .find(&head)
                .and_then(|d| ENCODING.captures(d.as_str()))
                .and_then(|c| Encoding::for_label(c[1].as_bytes()))
                .unwrap_or(encoding_rs::UTF_8);
            declared.decode_without_bom_handling(bytes)
        }
    };
    DECLARATION.replace_all(&text, "").into_owned()
}

fn item(
    feed: &Feed,
    entry: &Entry,
    source: &str,
    position: usize,
    limits: &Limits,
) -> Result<RawArticle, SkipReason> {
    let body = body(entry)?;
    if body.byte_len() > limits.max_document_bytes {
        return Err(SkipReason::TooLarge {
            limit: limits.max_document_bytes,
        });
    }
    let hashed = fingerprint(body.as_bytes(), position);
    Ok(RawArticle {
        source: source.to_string(),
        id: Some(entry.id.trim().to_string()).filter(|id| !id.is_empty()),
        fingerprint: hashed,
        body,
        metadata: Metadata {
            url: link(entry),
            outlet: feed.title.as_ref().map(plain).filter(|t| !t.is_empty()),
            title: entry.title.as_ref().map(plain).filter(|t| !t.is_empty()),
            authors: entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(str::trim))
                .filter(|name| !name.is_empty())
                .map(String::from)
                .collect(),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            language: feed.language.clone(),
            crawled: None,
        },
    })
}

/// The item's content (`content:encoded`, Atom `content`), else its summary.
fn body(entry: &Entry) -> Result<Body, SkipReason> {
    if let Some(html) = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
    {
        return Ok(Body::Fragment(html.to_string()));
    }
    match &entry.summary {
        Some(summary) if !summary.content.trim().is_empty() => Ok(if is_html(summary) {
            Body::Fragment(summary.content.clone())
        } else {
            Body::Text(summary.content.clone())
        }),
        _ => Err(SkipReason::NoArticle(
            "a feed item without content or summary".into(),
        )),
    }
}

/// RSS descriptions are HTML whatever they declare; Atom says which.
fn is_html(text: &Text) -> bool {
    text.content_type.essence().subty != "plain"
        || text.content.contains("</")
        || text.content.contains("<br")
}

/// The article's address: the link of the item, an alternate one preferred.
fn link(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|href| !href.is_empty())
}

/// A title's text on one line, its markup taken out where it has any (none is left of a
/// title whose markup is too complex to read safely).
fn plain(text: &Text) -> String {
    let words = if is_html(text) {
        crate::html::article_fragment(&text.content).unwrap_or_default()
    } else {
        text.content.clone()
    };
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{article_of, read_records};

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Daily &amp; Co</title><language>en-gb</language>
<item><title>Floods hit the north</title><link>https://daily.example/floods</link>
<guid>floods-1</guid><pubDate>Thu, 15 Jul 2021 08:30:00 +0200</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>First paragraph.</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Only a summary</title><description>&lt;p&gt;Summary &lt;b&gt;text&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Nothing at all</title></item>
</channel></rss>"#;

    #[test]
    fn rss_items_are_articles() {
        let (records, result) = read_records(&FeedReader, RSS.as_bytes(), 10_000);
        assert!(result.is_ok());
        let first = article_of(&records[0]);
        assert_eq!(first.source, "in#1");
        assert_eq!(first.id.as_deref(), Some("floods-1"));
        assert_eq!(first.metadata.outlet.as_deref(), Some("The Daily & Co"));
        assert_eq!(
            first.metadata.title.as_deref(),
            Some("Floods hit the north")
        );
        assert_eq!(
            first.metadata.url.as_deref(),
            Some("https://daily.example/floods")
        );
        assert_eq!(
            first.metadata.published.as_deref(),
            Some("2021-07-15T06:30:00+00:00")
        );
        assert_eq!(first.metadata.language.as_deref(), Some("en-gb"));
        assert_eq!(
            first.body,
            Body::Fragment("<p>First paragraph.</p><p>Second paragraph.</p>".into())
        );
        let second = article_of(&records[1]);
        assert_eq!(second.id, None);
        assert_eq!(
            second.body,
            Body::Fragment("<p>Summary <b>text</b>.</p>".into())
        );
        assert!(records[2].summary().starts_with("skip in#3: no article"));
    }

    #[test]
    fn atom_entries_are_articles() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2024-03-23T10:00:00Z</updated>
<entry><title type="html">Blast &lt;i&gt;near&lt;/i&gt; Moscow</title><id>urn:1</id>
<updated>2024-03-23T10:00:00Z</updated><link rel="alternate" href="https://wire.example/1"/>
<author><name>Ann Lee</name></author>
<content type="html">&lt;p&gt;Body.&lt;/p&gt;</content></entry></feed>"#;
        let (records, _) = read_records(&FeedReader, atom.as_bytes(), 10_000);
        let entry = article_of(&records[0]);
        assert_eq!(entry.metadata.title.as_deref(), Some("Blast near Moscow"));
        assert_eq!(entry.metadata.authors, ["Ann Lee"]);
        assert_eq!(entry.metadata.outlet.as_deref(), Some("Wire"));
        assert_eq!(entry.body, Body::Fragment("<p>Body.</p>".into()));
    }

    #[test]
    fn declared_encodings_are_applied_before_parsing() {
        // Found by fuzzing: quick-xml panicked on a second declaration, and on a long one
        // naming another encoding than UTF-8.
        let body = "<rss version=\"2.0\"><channel><title>Caf\u{e9}</title><item><title>x</title><description>Caf\u{e9} cr\u{e8}me.</description></item></channel></rss>";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(body);
        let long = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"                      ?>";
        let latin1 = [long.as_bytes(), &latin1].concat();
        let bom =
            "\u{feff}\r\n\r\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".to_string() + body;
        for feed in [latin1, bom.into_bytes()] {
            let (records, result) = read_records(&FeedReader, &feed, 10_000);
            assert!(result.is_ok(), "{result:?}");
            assert_eq!(
                article_of(&records[0]).body,
                Body::Fragment("Café crème.".into())
            );
        }
        let pasted = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"0.91\"><channel><title>C<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><item><title>x</title></item></channel></rss>";
        let _ = read_records(&FeedReader, pasted, 10_000);
    }

    #[test]
    fn malformed_and_empty_feeds_are_refused() {
        let (_, result) = read_records(&FeedReader, b"not a feed at all", 10_000);
        assert!(
            matches!(result, Err(SkipReason::Malformed { format: "feed", .. })),
            "{result:?}"
        );
        let (_, result) = read_records(
            &FeedReader,
            b"<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
            10_000,
        );
        assert!(
            matches!(result, Err(SkipReason::NoArticle(_))),
            "{result:?}"
        );
        let (_, result) = read_records(&FeedReader, RSS.as_bytes(), 10);
        assert!(
            matches!(result, Err(SkipReason::TooLarge { .. })),
            "{result:?}"
        );
    }
}
