//! Paths as sources and reports name them: a name that is not UTF-8 could not be named at
//! all otherwise, and one holding a line break would forge a report line (see
//! [`printable`]).

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

pub use crosscheck_model::printable::printable;

/// A path as sources and reports name it: its UTF-8 as is, each byte that is not UTF-8 as
/// `\xNN`, hidden characters escaped (see [`printable`]).
pub fn path_name(path: &Path) -> String {
    let bytes = path_bytes(path);
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&printable(chunk.valid()));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    match path.to_string_lossy() {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(OsStr::from_bytes(b"dir/caf\xE9\n.txt"));
        assert_eq!(path_name(path), "dir/caf\\xE9\\n.txt");
    }
}
