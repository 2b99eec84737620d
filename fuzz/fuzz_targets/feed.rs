//! The RSS/Atom reader on arbitrary bytes, and the cleaner on every article it emits.
#![no_main]

use crosscheck_ingest::{clean, Format, Limits, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_document_bytes: 1 << 20 };
    let _ = Format::Feed.reader().read(&mut &data[..], "fuzz.xml", &limits, &mut |record| {
        if let Record::Article(raw) = record {
            let _ = clean(*raw);
        }
    });
});
