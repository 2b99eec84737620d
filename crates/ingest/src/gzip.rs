//! Gzip-compressed inputs (`page.html.gz`, `dump.jsonl.gz`, CC-NEWS `.warc.gz` with one gzip
//! member a record), decompressed as they are read, with a guard against decompression bombs.

use std::io::{self, BufRead, Read};

use flate2::bufread::MultiGzDecoder;

/// The gzip magic number.
const MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Real text compresses 3 to 15 times; a bomb, a thousand times. Past this ratio the input
/// is refused.
const MAX_RATIO: u64 = 100;
/// The ratio is checked only once this much has come out, so that small, very regular
/// inputs (a short page of repeated markup) pass.
const RATIO_CHECKED_AFTER: u64 = 16 * 1024 * 1024;

/// Whether `input` starts with the gzip magic number (looked at, not consumed).
pub(crate) fn is_gzip(input: &mut dyn BufRead) -> io::Result<bool> {
    Ok(input.fill_buf()?.starts_with(&MAGIC))
}

/// Decompresses every gzip member of the input in turn, failing with a readable reason on a
/// truncated or corrupt stream, or on one that expands more than [`MAX_RATIO`] times.
pub(crate) struct Gunzip<R: BufRead> {
    decoder: MultiGzDecoder<Counted<R>>,
    produced: u64,
}

impl<R: BufRead> Gunzip<R> {
    pub(crate) fn new(input: R) -> Self {
        Gunzip {
            decoder: MultiGzDecoder::new(Counted::new(input)),
            produced: 0,
        }
    }
}

impl<R: BufRead> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.decoder.read(buf).map_err(|e| {
            let reason = if e.kind() == io::ErrorKind::UnexpectedEof {
                "truncated: the compressed data ends early".to_string()
            } else {
                format!("corrupt compressed data ({e})")
            };
            io::Error::new(e.kind(), format!("gzip: {reason}"))
        })?;
        self.produced += n as u64;
        let consumed = self.decoder.get_ref().consumed.max(1);
        if self.produced > RATIO_CHECKED_AFTER && self.produced > consumed * MAX_RATIO {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "gzip: {} bytes expand to over {} MB, more than {MAX_RATIO} times: refused as a decompression bomb",
                    consumed,
                    self.produced / 1_000_000
                ),
            ));
        }
        Ok(n)
    }
}

/// A reader that counts the bytes taken from it: the compressed side of the bomb guard, and
/// the byte offsets that name broken WARC records.
pub(crate) struct Counted<R> {
    inner: R,
    pub(crate) consumed: u64,
}

impl<R> Counted<R> {
    pub(crate) fn new(inner: R) -> Self {
        Counted { inner, consumed: 0 }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn gunzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        Gunzip::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn members_are_read_in_turn() {
        let mut bytes = gzip(b"first ");
        bytes.extend(gzip(b"second"));
        assert!(is_gzip(&mut &bytes[..]).unwrap());
        assert_eq!(gunzip(&bytes).unwrap(), b"first second");
    }

    #[test]
    fn truncated_streams_say_so() {
        let bytes = gzip(&b"some text that compresses a little ".repeat(100));
        let error = gunzip(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(error.to_string().contains("gzip: truncated"), "{error}");
        let error = gunzip(&[0x1f, 0x8b, 0, 0, 0, 0]).unwrap_err();
        assert!(error.to_string().starts_with("gzip: "), "{error}");
    }

    #[test]
    fn bombs_are_refused() {
        let bomb = gzip(&vec![0u8; 64 * 1024 * 1024]);
        let error = gunzip(&bomb).unwrap_err();
        assert!(error.to_string().contains("decompression bomb"), "{error}");
    }
}
