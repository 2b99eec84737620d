//! The whole document stage on arbitrary text: the cleaner on the bytes as a plain-text
//! article, then every annotator (sentences, dates, times, entities, figures, statements,
//! claims) on what it made; and the annotators alone on the text as lossy UTF-8, which the
//! cleaner would have changed first. Every offset an annotator reports must lie on a
//! character boundary of the text.
#![no_main]

use chrono::NaiveDate;
use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::{clean, Body, Metadata, RawArticle};
use crosscheck_model::Document;
use libfuzzer_sys::fuzz_target;

fn options() -> Options {
    Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    }
}

/// Annotates `doc` and checks that each span it reports can be sliced out of its text.
fn annotate_and_check(mut doc: Document) {
    annotate(&mut doc, &options());
    let text = &doc.text;
    let spans = doc
        .sentences
        .iter()
        .copied()
        .chain(doc.entities.iter().flat_map(|e| e.mentions.iter().map(|s| (s.start, s.end))))
        .chain(doc.times.iter().map(|t| (t.span.start, t.span.end)))
        .chain(doc.figures.iter().map(|f| (f.span.start, f.span.end)))
        .chain(doc.statements.iter().map(|s| (s.span.start, s.span.end)))
        .chain(doc.claims.iter().map(|c| (c.span.start, c.span.end)));
    for (start, end) in spans {
        assert!(
            text.get(start..end).is_some(),
            "span {start}..{end} is not a slice of the text"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let raw = RawArticle {
        source: "fuzz.txt".into(),
        id: None,
        fingerprint: "f".into(),
        body: Body::Bytes(data.to_vec()),
        metadata: Metadata::default(),
    };
    if let Ok(doc) = clean(raw) {
        annotate_and_check(doc);
    }
    let text = String::from_utf8_lossy(data).into_owned();
    annotate_and_check(Document::new("f".into(), "fuzz.txt".into(), text));
});
