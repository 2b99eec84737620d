//! The cleaner: a pure function from one raw article to a document with clean text.

mod boilerplate;
mod damage;
mod repair;

use crosscheck_model::{Basis, Document, Removal, Warning, WarningKind};

use crate::decode::decode;
use crate::{html, language};
use crate::{Body, Metadata, RawArticle, SkipReason};

/// The longest first line (in characters) taken for a headline.
const MAX_HEADLINE_CHARS: usize = 250;

/// Cleans one raw article: decodes it, repairs its characters, lays out its lines, removes
/// boilerplate, takes the headline out of the body, reports damaged sequences and identifies
/// its language. `published` is left as the input gave it; `crosscheck-extract` normalizes
/// it, or infers it from the text.
pub fn clean(raw: RawArticle) -> Result<Document, SkipReason> {
    let RawArticle {
        source,
        id,
        fingerprint,
        body,
        metadata,
    } = raw;
    if let Some(id) = &id {
        check_id(id)?;
    }
    let (decoded, mut warnings, page_metadata) = body_text(body, &metadata)?;
    let metadata = match page_metadata {
        Some(page) => metadata.or(page),
        None => metadata,
    };
    let (repaired, fixes) = repair::repair(&decoded);
    if fixes > 0 {
        warnings.push(Warning {
            kind: WarningKind::Mojibake,
            message: format!(
                "repaired {fixes} places of damaged encoding (mojibake, C1 controls, HTML entities)"
            ),
            start: None,
            end: None,
        });
    }
    let stripped = boilerplate::strip(layout(&repaired));
    let given_title = metadata
        .title
        .as_deref()
        .map(|t| one_line(&repair::repair(t).0))
        .filter(|t| !t.is_empty());
    let (title, lines) = take_headline(collapse_blank_lines(stripped.lines), given_title);
    let text = lines.join("\n");
    if text.is_empty() {
        return Err(SkipReason::NoArticle(
            "no body text left after cleaning".into(),
        ));
    }
    warnings.extend(damage::find(&text));

    let mut doc = Document::new(id.unwrap_or(fingerprint), source, text);
    doc.url = metadata.url;
    doc.crawled = metadata.crawled;
    (doc.outlet, doc.outlet_basis) = match (metadata.outlet, stripped.outlet) {
        (Some(outlet), _) => (Some(outlet), Basis::Metadata),
        (None, Some(outlet)) => (Some(outlet), Basis::Text),
        (None, None) => match doc.url.as_deref().and_then(url_host) {
            Some(host) => (Some(host.to_string()), Basis::Inferred),
            None => (None, Basis::Unknown),
        },
    };
    doc.title = title;
    doc.authors = metadata.authors;
    doc.language = metadata
        .language
        .as_deref()
        .and_then(language::normalize)
        .or_else(|| language::identify(&doc.text));
    if let Some(published) = metadata.published {
        doc.published = Some(published);
        doc.published_basis = Basis::Metadata;
    }
    doc.warnings = warnings;
    doc.removed = stripped
        .removed
        .into_iter()
        .map(|(rule, text)| Removal {
            rule: rule.to_string(),
            text,
        })
        .collect();
    Ok(doc)
}

/// The longest id an input may give a document: ids travel in addresses (`/documents/ID`)
/// and on report lines.
pub const MAX_ID_BYTES: usize = 256;

/// Refuses an id that could not be used: too long to be in an address, or holding
/// characters that would not print (see [`crosscheck_model::printable`]).
fn check_id(id: &str) -> Result<(), SkipReason> {
    if id.len() > MAX_ID_BYTES {
        return Err(SkipReason::BadId(format!(
            "longer than {MAX_ID_BYTES} bytes"
        )));
    }
    if let Some(c) = id.chars().find(|&c| crosscheck_model::printable::hidden(c)) {
        return Err(SkipReason::BadId(format!(
            "holds the control character U+{:04X}",
            c as u32
        )));
    }
    Ok(())
}

/// The text of a body, with the warnings its decoding raised and, for a web page, the
/// metadata the page holds.
fn body_text(
    body: Body,
    given: &Metadata,
) -> Result<(String, Vec<Warning>, Option<Metadata>), SkipReason> {
    let tld = url_tld(given.url.as_deref());
    let tld = tld.as_deref().map(str::as_bytes);
    Ok(match body {
        Body::Bytes(bytes) => {
            let (text, warnings) = decode(&bytes, tld)?;
            (text, warnings, None)
        }
        Body::Text(text) => (text, Vec::new(), None),
        Body::Fragment(markup) => (html::article_fragment(&markup)?, Vec::new(), None),
        Body::Page { bytes, charset } => {
            let page = html::read_page(&bytes, charset.as_deref(), given.url.as_deref(), tld)?;
            (page.text, page.warnings, Some(page.metadata))
        }
    })
}

/// Trimmed lines with runs of spaces made one; blank lines (paragraph breaks) kept as "".
fn layout(text: &str) -> Vec<String> {
    text.split('\n').map(one_line).collect()
}

fn one_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most one blank line between paragraphs, none at either end.
fn collapse_blank_lines(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line);
    }
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The title, and the body without it. A given title wins, and a first line repeating it is
/// dropped from the body; without one, a first line that reads as a headline (short, not
/// ending like a sentence, followed by a blank line and more text) becomes the title.
fn take_headline(mut lines: Vec<String>, given: Option<String>) -> (Option<String>, Vec<String>) {
    let first = lines.first().map(String::as_str).unwrap_or_default();
    let is_headline = match &given {
        Some(title) => same_words(first, title),
        None => {
            looks_like_headline(first)
                && lines.get(1).is_some_and(String::is_empty)
                && lines.len() > 2
        }
    };
    if !is_headline {
        return (given, lines);
    }
    let headline = lines.remove(0);
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    (given.or(Some(headline)), lines)
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=30).contains(&words)
        && line.chars().count() <= MAX_HEADLINE_CHARS
        && !line.ends_with(['.', ',', ';', ':', '-', '–', '—'])
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let a = words(a);
    !a.is_empty() && a == words(b)
}

/// The host of a URL without `www.`, looking through web-archive captures
/// (`web.archive.org/web/2016…/http://www.ktva.com/…` is ktva.com): the outlet, when nothing
/// else names it.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    if host == "web.archive.org" {
        let captured = rest.split_once("/web/")?.1.split_once('/')?.1;
        if captured.contains('.') {
            return url_host(captured);
        }
    }
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

/// The top-level domain of a URL, which helps guess a legacy encoding.
/// Lowercased: the detector insists on it (an `example.COM` address made it panic, found by
/// fuzzing).
fn url_tld(url: Option<&str>) -> Option<String> {
    let tld = url_host(url?)?.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Metadata;

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            source: "a.txt".into(),
            id: None,
            fingerprint: "f".into(),
            body: Body::Bytes(text.as_bytes().to_vec()),
            metadata: Metadata::default(),
        }
    }

    #[test]
    fn ids_that_cannot_be_used_are_refused() {
        let with_id = |id: &str| RawArticle {
            id: Some(id.into()),
            ..raw("Police said two people died.")
        };
        assert_eq!(clean(with_id("ok-1")).unwrap().id, "ok-1");
        assert_eq!(
            clean(with_id(&"x".repeat(257))).unwrap_err().to_string(),
            "unusable id: longer than 256 bytes"
        );
        assert_eq!(
            clean(with_id("a\nb")).unwrap_err().to_string(),
            "unusable id: holds the control character U+000A"
        );
    }

    #[test]
    fn headline_goes_to_title_and_boilerplate_goes() {
        let doc = clean(raw(
            "Gunmen attack a concert hall near Moscow\n\nCrocus City Hall\nCrocus City Hall\n\nAt least 60 people were killed.\n\nRead also:\n\nMore text here.\n\nRead the original article on The New Voice of Ukraine",
        ))
        .unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Gunmen attack a concert hall near Moscow")
        );
        assert_eq!(
            doc.text,
            "At least 60 people were killed.\n\nMore text here."
        );
        assert_eq!(doc.outlet.as_deref(), Some("The New Voice of Ukraine"));
        assert_eq!(doc.outlet_basis, Basis::Text);
        let rules: Vec<&str> = doc.removed.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["caption", "caption", "read_also", "original_article"]
        );
    }

    #[test]
    fn a_sentence_first_line_is_not_a_headline() {
        let doc = clean(raw(
            "At least 60 people were killed on Friday.\n\nMore.\n\nEven more.",
        ))
        .unwrap();
        assert_eq!(doc.title, None);
        assert!(doc.text.starts_with("At least 60"));
    }

    #[test]
    fn given_title_repeated_in_the_body_is_dropped() {
        let mut r =
            raw("China opposes DPRK's missile launch: FM spokesperson\nBEIJING -- China said.");
        r.metadata.title = Some("China opposes DPRK's missile launch: FM spokesperson".into());
        let doc = clean(r).unwrap();
        assert_eq!(doc.text, "BEIJING -- China said.");
    }

    #[test]
    fn copies_brought_together_by_a_removal_go_at_once() {
        // Found by the idempotence property: "x" (a share button) stood between two copies.
        let once = clean(raw("é\nx\né\n?")).unwrap();
        assert_eq!(once.text, "é\n?");
    }

    #[test]
    fn damage_is_reported_at_its_offsets_in_the_clean_text() {
        let doc = clean(raw(
            "Headline of the story here\n\nThe embassy,\u{A0}??followed by its counterpart.",
        ))
        .unwrap();
        let w = doc
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::Damaged)
            .unwrap();
        assert_eq!(&doc.text[w.start.unwrap()..w.end.unwrap()], "??");
    }

    #[test]
    fn nothing_left_is_no_article() {
        assert!(matches!(
            clean(raw("Advertisement\n\nShare this: Facebook")),
            Err(SkipReason::NoArticle(_))
        ));
    }

    #[test]
    fn outlet_from_the_url_when_nothing_names_it() {
        let mut r = raw("Body of the article.");
        r.metadata.url = Some(
            "http://web.archive.org/web/20161215150000/http://www.ktva.com/gunshot-456/".into(),
        );
        let doc = clean(r).unwrap();
        assert_eq!(
            (doc.outlet.as_deref(), doc.outlet_basis),
            (Some("ktva.com"), Basis::Inferred)
        );
        assert_eq!(url_host("https://www.lemonde.fr/x"), Some("lemonde.fr"));
        assert_eq!(url_host("localhost/x"), None);
    }

    #[test]
    fn legacy_pages_at_uppercase_addresses_are_decoded() {
        let mut r = raw("");
        r.body = Body::Page {
            bytes: b"<html><body><p>Le caf\xe9 \xe9tait ferm\xe9 \xe0 Moscou, d\xe9j\xe0 hier soir, et la place aussi.</p></body></html>".to_vec(),
            charset: None,
        };
        r.metadata.url = Some("http://example.COM/".into());
        assert!(clean(r).unwrap().text.contains("café était fermé"));
    }

    #[test]
    fn tld_of_urls() {
        assert_eq!(
            url_tld(Some("http://www.lemonde.fr/a/b.html")).as_deref(),
            Some("fr")
        );
        assert_eq!(url_tld(Some("http://example.COM/")).as_deref(), Some("com"));
        assert_eq!(url_tld(Some("localhost")), None);
    }

    proptest::proptest! {
        #[test]
        fn cleaning_never_panics_and_offsets_hold(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            if let Ok(doc) = clean(RawArticle { body: Body::Bytes(bytes), ..raw("") }) {
                for w in &doc.warnings {
                    if let (Some(s), Some(e)) = (w.start, w.end) {
                        proptest::prop_assert!(s < e && e <= doc.text.len());
                        proptest::prop_assert!(doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e));
                    }
                }
                proptest::prop_assert!(!doc.text.starts_with(char::is_whitespace));
            }
        }

        #[test]
        /// A clean document cleaned again, with the title it was given, stays as it is (a
        /// bare text would have its next short line taken for another headline).
        fn cleaning_text_is_idempotent(text in "[a-zA-Zé ’“”\n.?]{1,200}") {
            if let Ok(once) = clean(RawArticle { body: Body::Text(text), ..raw("") }) {
                let mut again = raw("");
                again.body = Body::Text(once.text.clone());
                again.metadata.title = Some(once.title.clone().unwrap_or_else(|| "-".into()));
                let twice = clean(again).unwrap();
                proptest::prop_assert_eq!(twice.text, once.text);
            }
        }
    }
}
