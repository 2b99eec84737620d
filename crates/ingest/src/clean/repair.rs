//! Repairs of the characters themselves: mojibake, odd spaces, Unicode normalization.

use std::panic::{catch_unwind, AssertUnwindSafe};

use plsfix::{fix_text, TextFixerConfig};
use unicode_normalization::UnicodeNormalization;

/// plsfix slices long lines at byte offsets that may fall inside a character (and panics):
/// lines are handed to it in pieces no longer than this, cut at whitespace.
const MAX_PIECE_BYTES: usize = 64 * 1024;

/// The text with mojibake repaired, line breaks made `\n`, spaces made plain, NFC applied,
/// and how many pieces of mojibake were repaired.
pub(crate) fn repair(text: &str) -> (String, usize) {
    let config = TextFixerConfig {
        // Curly quotes are part of the text: "“." in seed 000 is evidence of its quirks.
        uncurl_quotes: false,
        ..TextFixerConfig::default()
    };
    let mut repaired = String::with_capacity(text.len());
    let mut fixes = 0;
    for piece in pieces(text) {
        if is_plain(piece) {
            repaired.push_str(piece);
            continue;
        }
        // plsfix judges a piece as a whole, and runs of spaces sway it: they are one space
        // once the text is laid out, so it sees them so, and a cleaned text cleaned again
        // is repaired the same ("é”“é  é" and "é”“é é" alike).
        let single = single_spaces(piece);
        let fixed = catch_unwind(AssertUnwindSafe(|| fix_text(&single, Some(&config))))
            .unwrap_or_else(|_| piece.to_string());
        if fixed != single && fixed.nfc().ne(single.nfc()) {
            fixes += 1;
        }
        repaired.push_str(&fixed);
    }
    let (repaired, residual) = fix_residual_mojibake(&repaired);
    let spaced = plain_spaces(&repaired);
    (spaced.nfc().collect(), fixes + residual)
}

/// The piece with each run of spaces made one.
fn single_spaces(piece: &str) -> std::borrow::Cow<'_, str> {
    if !piece.contains("  ") {
        return std::borrow::Cow::Borrowed(piece);
    }
    let mut out = String::with_capacity(piece.len());
    for c in piece.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// ASCII with no entity and no control character: nothing plsfix could change.
fn is_plain(piece: &str) -> bool {
    piece
        .bytes()
        .all(|b| (b' '..0x7F).contains(&b) && b != b'&' || b == b'\n')
}

/// Lines, with over-long lines cut at whitespace (or any character boundary) into pieces.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive('\n').flat_map(|line| {
        let mut rest = line;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            if rest.len() <= MAX_PIECE_BYTES {
                return Some(std::mem::take(&mut rest));
            }
            let mut cut = MAX_PIECE_BYTES;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(space) = rest[..cut].rfind(char::is_whitespace) {
                cut = space + rest[space..].chars().next().map_or(1, char::len_utf8);
            }
            let (piece, tail) = rest.split_at(cut);
            rest = tail;
            Some(piece)
        })
    })
}

/// Windows-1252 (and Latin-1) bytes for the characters of the range that mojibake is made
/// of: what the character was read from.
fn cp1252_byte(c: char) -> Option<u8> {
    let byte = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

fn is_continuation(c: char) -> Option<u8> {
    cp1252_byte(c).filter(|b| (0x80..=0xBF).contains(b))
}

/// What plsfix leaves (the "Ãœ" → "Ü" family): UTF-8 sequences read as Windows-1252, for
/// the lead characters that almost never start such a pair in real text — Â and Ã (Latin-1
/// letters and symbols), Ä and Å (Central European letters), Ð and Ñ (Cyrillic) for two
/// bytes, and â (punctuation: â€™ → ’) for three.
fn fix_residual_mojibake(text: &str) -> (String, usize) {
    const TWO_BYTE_LEADS: &[char] = &['Â', 'Ã', 'Ä', 'Å', 'Ð', 'Ñ'];
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut fixes = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let continuation = |k: usize| chars.get(i + k).copied().and_then(is_continuation);
        let decoded = if TWO_BYTE_LEADS.contains(&c) {
            continuation(1).and_then(|b| decode_utf8(&[c as u32 as u8, b]).map(|d| (d, 2)))
        } else if c == 'â' {
            continuation(1)
                .zip(continuation(2))
                .and_then(|(b1, b2)| decode_utf8(&[0xE2, b1, b2]).map(|d| (d, 3)))
        } else {
            None
        };
        match decoded {
            Some((d, len)) => {
                out.push(d);
                fixes += 1;
                i += len;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, fixes)
}

fn decode_utf8(bytes: &[u8]) -> Option<char> {
    std::str::from_utf8(bytes).ok()?.chars().next()
}

/// Non-breaking and other odd spaces become plain spaces; zero-width characters that only
/// hide word boundaries go.
fn plain_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'))
        .map(|c| match c {
            '\t'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => ' ',
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{B}' | '\u{C}' => '\n',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_spaces_do_not_sway_the_repair() {
        // Once laid out, a run of spaces is one: the text cleaned again is repaired alike.
        assert_eq!(repair("é”“é  é").0, repair("é”“é é").0);
    }

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(repair("CafÃ© â€œniceâ€\u{9d} itâ€™s").0, "Café “nice” it’s");
        assert_eq!(repair("MÃœNCHEN").0, "MÜNCHEN");
        assert_eq!(repair("ÐœÐ¾Ñ\u{81}ÐºÐ²Ð°").0, "Москва");
        assert!(repair("CafÃ©").1 > 0);
    }

    #[test]
    fn leaves_clean_text_alone() {
        for clean in [
            "“Let’s be clear,” said Mykhaïlo Podoliak — in Kyiv.",
            "SÃO PAULO, «Été» à Genève; Ærø; Åsa; Ñandú; 10 €; naïve café",
            "Moscow (Москва), Kraków, İstanbul, 東京",
        ] {
            assert_eq!(repair(clean), (clean.to_string(), 0), "{clean}");
        }
    }

    #[test]
    fn odd_spaces_become_plain_and_text_is_nfc() {
        assert_eq!(repair("Crocus\u{A0}City\u{202F}Hall").0, "Crocus City Hall");
        assert_eq!(repair("Mykhai\u{308}lo").0, "Mykhaïlo");
        assert_eq!(repair("a\r\nb").0, "a\nb");
    }

    #[test]
    fn long_lines_are_cut_on_character_boundaries() {
        let line = "é".repeat(MAX_PIECE_BYTES);
        assert_eq!(repair(&line).0, line);
        assert!(pieces(&line).all(|p| p.len() <= MAX_PIECE_BYTES));
    }
}
