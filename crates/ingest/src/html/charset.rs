//! A web page's bytes to text, as a browser decides its encoding: byte-order mark, then the
//! charset its transport declared, then the page's own `<meta charset>` or `http-equiv`
//! declaration, then UTF-8 when the bytes are valid UTF-8, then a guess.

use crosscheck_model::Warning;
use encoding_rs::Encoding;

use crate::decode::decode;
use crate::SkipReason;

/// How far into a page its charset declaration is looked for. Browsers look at 1,024
/// bytes; real pages put long scripts and comments first, so a little more is read.
const PRESCAN_BYTES: usize = 4096;

/// One NUL byte in this many at most is stray, not the sign of a binary file.
const MAX_NUL_SHARE: usize = 1000;

/// Decodes a page. A declared charset that encoding_rs does not know is ignored.
pub(crate) fn decode_page(
    bytes: &[u8],
    declared: Option<&str>,
    tld: Option<&[u8]>,
) -> Result<(String, Vec<Warning>), SkipReason> {
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes, tld);
    }
    // Browsers pass over stray NUL bytes in a page (a template's padding); a file made of
    // them is still refused as binary below.
    let without_nul: Vec<u8>;
    let nul = bytes.iter().filter(|&&b| b == 0).count();
    let bytes = if nul > 0 && nul * MAX_NUL_SHARE < bytes.len() {
        without_nul = bytes.iter().copied().filter(|&b| b != 0).collect();
        &without_nul[..]
    } else {
        bytes
    };
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
    match declared {
        // A page that declares UTF-8 but is not valid UTF-8 is usually windows-1252 in
        // disguise: the detector decides, and a warning says so.
        None => decode(bytes, tld),
        Some(encoding) if encoding == encoding_rs::UTF_8 => decode(bytes, tld),
        Some(encoding) => {
            if bytes.contains(&0) {
                return Err(SkipReason::Binary);
            }
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            decode(text.as_bytes(), tld)
        }
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` names in the first bytes of a page. A UTF-16 label means UTF-8
/// there, as the HTML standard says (a page really in UTF-16 has a BOM).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |i| start + i);
        if let Some(encoding) = charset_in(&lower[start..end]).and_then(Encoding::for_label) {
            let is_utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            return Some(if is_utf16 {
                encoding_rs::UTF_8
            } else {
                encoding
            });
        }
        from = end;
    }
    None
}

/// The label after `charset=` in a tag's attributes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")? + 7;
    let rest = tag[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_declarations_decide() {
        let mut page = b"<html><head><meta charset=\"ISO-8859-1\"></head><body>caf".to_vec();
        page.push(0xE9);
        assert!(decode_page(&page, None, None).unwrap().0.ends_with("café"));
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                .to_vec();
        page.extend([0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0]);
        assert!(decode_page(&page, None, None)
            .unwrap()
            .0
            .ends_with("Москва"));
    }

    #[test]
    fn the_transport_charset_comes_before_the_meta_one() {
        let page = "<meta charset=\"iso-8859-1\">café".as_bytes();
        assert!(decode_page(page, Some("utf-8"), None)
            .unwrap()
            .0
            .ends_with("café"));
    }

    #[test]
    fn a_false_utf8_declaration_is_guessed_past() {
        let mut page = b"<meta charset=utf-8><p>Le caf".to_vec();
        page.extend([0xE9, b' ', b'd', b'e', b' ', b'l', 0xE0]);
        let (text, warnings) = decode_page(&page, None, None).unwrap();
        assert!(text.contains("café"), "{text}");
        assert!(!warnings.is_empty());
    }

    #[test]
    fn stray_nul_bytes_are_passed_over() {
        let mut page = b"<p>An article with padding".to_vec();
        page.extend([0; 10]);
        page.extend(b" inside it.</p>".repeat(1000));
        assert!(decode_page(&page, None, None).is_ok());
        assert_eq!(
            decode_page(b"\x89PNG\0\0\0\rIHDR\0\0", None, None),
            Err(SkipReason::Binary)
        );
    }

    #[test]
    fn labels_are_read_from_attributes() {
        assert_eq!(charset_in(b" charset='koi8-r'"), Some(&b"koi8-r"[..]));
        assert_eq!(
            charset_in(b" content=\"text/html; charset = utf-8\""),
            Some(&b"utf-8"[..])
        );
        assert_eq!(charset_in(b" name=\"x\""), None);
        assert_eq!(
            meta_charset(b"<meta charset=utf-16>"),
            Some(encoding_rs::UTF_8)
        );
    }
}
