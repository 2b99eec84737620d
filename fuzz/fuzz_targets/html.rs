//! The cleaner on arbitrary bytes as a whole web page (charset sniffing, metadata,
//! boilerplate removal) and, read as lossy UTF-8, as an HTML fragment (a feed item's content).
#![no_main]

use crosscheck_ingest::{clean, Body, Metadata, RawArticle};
use libfuzzer_sys::fuzz_target;

fn raw(body: Body) -> RawArticle {
    RawArticle {
        source: "fuzz.html".into(),
        id: None,
        fingerprint: "f".into(),
        body,
        metadata: Metadata::default(),
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = clean(raw(Body::Page { bytes: data.to_vec(), charset: None }));
    let _ = clean(raw(Body::Fragment(String::from_utf8_lossy(data).into_owned())));
});
