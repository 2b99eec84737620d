//! Bytes to text: byte-order mark, then UTF-8, then a guessed legacy encoding.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use crosscheck_model::{Warning, WarningKind};
use encoding_rs::Encoding;

use crate::SkipReason;

/// Share of control characters above which decoded bytes are taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.05;
/// Share of replacement characters above which the bytes are taken for undecodable.
const MAX_REPLACEMENT_SHARE: f64 = 0.10;

/// Decodes `bytes` to text. A BOM decides the encoding; else UTF-8 when the bytes are valid
/// UTF-8; else the legacy encoding chardetng guesses (helped by the top-level domain of the
/// article's URL, when known), with a warning saying so.
pub(crate) fn decode(
    bytes: &[u8],
    tld: Option<&[u8]>,
) -> Result<(String, Vec<Warning>), SkipReason> {
    let mut warnings = Vec::new();
    let (text, encoding, had_errors) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        (text.into_owned(), encoding, had_errors)
    } else {
        if bytes.contains(&0) {
            return Err(SkipReason::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), encoding_rs::UTF_8, false),
            Err(_) => {
                let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let encoding = detector.guess(tld, Utf8Detection::Allow);
                let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
                warnings.push(Warning {
                    kind: WarningKind::Encoding,
                    message: format!("not UTF-8: decoded as {} (guessed)", encoding.name()),
                    start: None,
                    end: None,
                });
                (text.into_owned(), encoding, had_errors)
            }
        }
    };
    check_is_text(&text)?;
    if had_errors {
        warnings.push(Warning {
            kind: WarningKind::Undecodable,
            message: format!(
                "some bytes are not valid {} and were replaced by U+FFFD",
                encoding.name()
            ),
            start: None,
            end: None,
        });
    }
    Ok((text, warnings))
}

/// Refuses decoded text that is mostly control or replacement characters: binary data that
/// happened to decode.
fn check_is_text(text: &str) -> Result<(), SkipReason> {
    let (mut total, mut control, mut replaced) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        } else if c == char::REPLACEMENT_CHARACTER {
            replaced += 1;
        }
    }
    let share = |n: usize| n as f64 / total.max(1) as f64;
    if share(control) > MAX_CONTROL_SHARE {
        return Err(SkipReason::Binary);
    }
    if share(replaced) > MAX_REPLACEMENT_SHARE {
        return Err(SkipReason::Undecodable(format!(
            "{replaced} of {total} characters could not be decoded"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("é".as_bytes(), None).unwrap().0, "é");
        assert_eq!(decode(b"\xEF\xBB\xBFabc", None).unwrap().0, "abc");
        assert!(decode(b"abc", None).unwrap().1.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kyiv".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&bytes, None).unwrap().0, "Kyiv");
    }

    #[test]
    fn legacy_encodings_are_guessed_and_reported() {
        let (encoded, _, _) =
            encoding_rs::WINDOWS_1252.encode("Le café était fermé à Moscou, déjà.");
        let (text, warnings) = decode(&encoded, None).unwrap();
        assert_eq!(text, "Le café était fermé à Moscou, déjà.");
        assert_eq!(warnings[0].kind, WarningKind::Encoding);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00", None), Err(SkipReason::Binary));
        assert_eq!(
            decode(b"\x01\x02\x03\x04abc", None),
            Err(SkipReason::Binary)
        );
    }
}
