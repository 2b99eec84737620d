//! Text as a terminal or a report line prints it. Article titles and file names are
//! untrusted: a line break in a file name would forge a report line, a right-to-left
//! override would make `txt.exe` read `exe.txt`, an escape sequence in a title would drive
//! the terminal. Every name, reason and title printed as plain text goes through
//! [`printable`].

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` would change how a line reads rather than add to it: control characters,
/// bidirectional controls, invisible separators and formatting characters.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `text` with every hidden character (see [`hidden`]) written as an escape: `\n`, `\t`,
/// `\r`, or `\u{202e}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(
            printable("evil\nother.txt: forged line"),
            "evil\\nother.txt: forged line"
        );
        assert_eq!(printable("cod\u{202E}txt.exe"), "cod\\u{202e}txt.exe");
        assert_eq!(printable("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert!(matches!(printable("plain é.txt"), Cow::Borrowed(_)));
    }
}
