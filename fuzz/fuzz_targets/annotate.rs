//! The whole document stage on arbitrary text: the cleaner on the bytes as a plain-text
//! article, then every annotator (sentences, dates, times, entities, figures, statements,
//! claims) on what it made; and the annotators alone on the text as lossy UTF-8, which the
//! cleaner would have changed first, in a language the first byte picks (each pack is
//! read). Every offset an annotator reports must lie on a character boundary of the text
//! (or of the title, for the headline's figures).
#![no_main]

use chrono::NaiveDate;
use crosscheck_extract::{annotate, Options};
use crosscheck_ingest::{clean, Body, Metadata, RawArticle};
use crosscheck_model::{Document, Field, Span};
use libfuzzer_sys::fuzz_target;

fn options() -> Options {
    Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    }
}

/// Annotates `doc` and checks that each span it reports can be sliced out of its text (or
/// its title, for a span of the title).
fn annotate_and_check(mut doc: Document) {
    annotate(&mut doc, &options());
    let text = &doc.text;
    let title = doc.title.as_deref().unwrap_or_default();
    let of = |s: &Span| (s.start, s.end, s.field == Some(Field::Title));
    let spans = doc
        .sentences
        .iter()
        .map(|&(start, end)| (start, end, false))
        .chain(doc.entities.iter().flat_map(|e| e.mentions.iter().map(of)))
        .chain(doc.times.iter().map(|t| of(&t.span)))
        .chain(doc.figures.iter().map(|f| of(&f.span)))
        .chain(doc.statements.iter().map(|s| of(&s.span)))
        .chain(doc.claims.iter().map(|c| of(&c.span)));
    for (start, end, in_title) in spans {
        let field = if in_title { title } else { text };
        assert!(
            field.get(start..end).is_some(),
            "span {start}..{end} is not a slice of the {}",
            if in_title { "title" } else { "text" }
        );
    }
}

/// The languages with packs, one picked by the input's first byte.
const LANGUAGES: [&str; 4] = ["en", "fr", "ru", "uk"];

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
    let mut doc = Document::new("f".into(), "fuzz.txt".into(), text);
    doc.language = data
        .first()
        .map(|b| LANGUAGES[usize::from(*b) % LANGUAGES.len()].to_string());
    annotate_and_check(doc);
});
