//! The WARC reader on arbitrary bytes (uncompressed; gzip is only reached through a response
//! with `Content-Encoding: gzip`), and the cleaner on every article it emits.
#![no_main]

use crosscheck_ingest::{clean, Format, Limits, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_document_bytes: 1 << 20 };
    let _ = Format::Warc.reader().read(&mut &data[..], "fuzz.warc", &limits, &mut |record| {
        if let Record::Article(raw) = record {
            let _ = clean(*raw);
        }
    });
});
