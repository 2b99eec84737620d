//! Documents for annotation tools: brat's standoff format (a `.txt` and its `.ann`: entity
//! mentions, figures, time expressions, statements and responsibility claims, each with its
//! attributes and a note), and TimeML (a `.tml` with the document's TIMEX3 time expressions
//! inline and its creation time), as TempEval's tools read it.
//!
//! brat counts offsets in characters and TimeML is XML: crosscheck's byte offsets are turned
//! into characters, and a span whose words are not at its offsets is left out rather than
//! written wrong.

use std::fmt::Write as _;

use crosscheck_model::{Document, Field, Span};

use crate::present::name;

/// brat's `annotation.conf` for the files [`brat`] writes: the types and attributes they
/// use, so that a collection of them opens in brat as it is.
pub const BRAT_CONF: &str = "[entities]
PERSON
ORG
LOCATION
FACILITY
Figure
TIMEX3
Statement
Claim

[relations]

[events]

[attributes]
Kind\tArg:Figure, Value:killed|injured|hospitalized|missing|hostages|evacuated|rescued|arrested|attackers|displaced|affected
Qualifier\tArg:Figure, Value:exact|at_least|at_most|about|range|more_than|fewer_than
Scope\tArg:Figure|Claim, Value:main|other
Stance\tArg:Claim, Value:claims|asserts|suggests|denies
Direct\tArg:Statement
";

/// The text brat shows: the title, a blank line, then the text (the title's spans keep
/// their offsets, the text's move past it).
fn brat_text(doc: &Document) -> (String, usize) {
    match doc.title.as_deref().filter(|t| !t.is_empty()) {
        Some(title) => (format!("{title}\n\n{}", doc.text), title.len() + 2),
        None => (doc.text.clone(), 0),
    }
}

/// A document as brat's `.txt` and `.ann`.
pub fn brat(doc: &Document) -> (String, String) {
    let (text, shift) = brat_text(doc);
    let mut ann = Ann {
        text: &text,
        shift,
        out: String::new(),
        spans: 0,
        attributes: 0,
        notes: 0,
    };
    for entity in &doc.entities {
        for mention in &entity.mentions {
            if let Some(t) = ann.span(&name(entity.entity_type), mention) {
                ann.note(t, &entity.name);
            }
        }
    }
    for figure in &doc.figures {
        if let Some(t) = ann.span("Figure", &figure.span) {
            ann.attribute("Kind", t, &name(figure.kind));
            ann.attribute("Qualifier", t, &name(figure.qualifier));
            ann.attribute("Scope", t, &name(figure.event));
            let mut note = match (figure.value, figure.min, figure.max) {
                (Some(v), _, _) => format!("value {v}"),
                (None, Some(lo), Some(hi)) => format!("from {lo} to {hi}"),
                (None, Some(lo), None) => format!("at least {lo}"),
                (None, None, Some(hi)) => format!("at most {hi}"),
                (None, None, None) => String::new(),
            };
            if let Some(source) = &figure.source {
                let _ = write!(note, "; source {source}");
            }
            let _ = write!(note, "; rule {}", figure.rule);
            ann.note(t, &note);
        }
    }
    for time in &doc.times {
        if let Some(t) = ann.span("TIMEX3", &time.span) {
            ann.note(t, &format!("{} {}", name(time.timex_type), time.value));
        }
    }
    for statement in &doc.statements {
        if let Some(t) = ann.span("Statement", &statement.span) {
            if statement.direct {
                ann.flag("Direct", t);
            }
            let mut note = format!(
                "speaker {}",
                statement.speaker.as_deref().unwrap_or("unknown")
            );
            if !statement.via.is_empty() {
                let _ = write!(note, "; via {}", statement.via.join(", "));
            }
            ann.note(t, &note);
        }
    }
    for claim in &doc.claims {
        if let Some(t) = ann.span("Claim", &claim.span) {
            ann.attribute("Stance", t, &name(claim.stance));
            ann.attribute("Scope", t, &name(claim.event));
            let mut note = format!("party {}", claim.party);
            if let Some(by) = &claim.by {
                let _ = write!(note, "; by {by}");
            }
            let _ = write!(note, "; rule {}", claim.rule);
            ann.note(t, &note);
        }
    }
    let ann = ann.out;
    (text, ann)
}

/// The `.ann` being written.
struct Ann<'a> {
    text: &'a str,
    shift: usize,
    out: String,
    spans: usize,
    attributes: usize,
    notes: usize,
}

impl Ann<'_> {
    /// A text-bound annotation, in characters; `None` for a span not at its words.
    fn span(&mut self, kind: &str, span: &Span) -> Option<usize> {
        let shift = match span.field {
            Some(Field::Title) => 0,
            None => self.shift,
        };
        let (start, end) = (span.start + shift, span.end + shift);
        let words = self.text.get(start..end)?;
        if words != span.text || words.contains(['\n', '\r']) {
            return None;
        }
        let chars = |byte: usize| self.text[..byte].chars().count();
        self.spans += 1;
        let _ = writeln!(
            self.out,
            "T{}\t{kind} {} {}\t{words}",
            self.spans,
            chars(start),
            chars(end)
        );
        Some(self.spans)
    }

    fn attribute(&mut self, attribute: &str, t: usize, value: &str) {
        self.attributes += 1;
        let _ = writeln!(self.out, "A{}\t{attribute} T{t} {value}", self.attributes);
    }

    fn flag(&mut self, attribute: &str, t: usize) {
        self.attributes += 1;
        let _ = writeln!(self.out, "A{}\t{attribute} T{t}", self.attributes);
    }

    fn note(&mut self, t: usize, note: &str) {
        self.notes += 1;
        let note: String = note
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(self.out, "#{}\tAnnotatorNotes T{t}\t{note}", self.notes);
    }
}

/// A document as TimeML: its creation time (the publication day, where known) and its text
/// with the TIMEX3 expressions inline (those of the text; a title's stay out of it).
pub fn timeml(doc: &Document) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    let _ = writeln!(out, "<DOCID>{}</DOCID>", xml(&doc.id));
    let dct = doc
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .filter(|d| d.chars().all(|c| c.is_ascii_digit() || c == '-'));
    if let Some(day) = dct {
        let _ = writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{day}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{day}</TIMEX3></DCT>"
        );
    }
    if let Some(title) = &doc.title {
        let _ = writeln!(out, "<TITLE>{}</TITLE>", xml(title));
    }
    out.push_str("<TEXT>");
    let mut times: Vec<_> = doc
        .times
        .iter()
        .filter(|t| t.span.field.is_none())
        .filter(|t| doc.text.get(t.span.start..t.span.end) == Some(t.span.text.as_str()))
        .collect();
    times.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let mut at = 0;
    for (n, time) in times.iter().enumerate() {
        // Overlapping expressions cannot nest in TimeML: the first of them is kept.
        if time.span.start < at {
            continue;
        }
        out.push_str(&xml(&doc.text[at..time.span.start]));
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">{}</TIMEX3>",
            n + 1,
            name(time.timex_type),
            xml(&time.value),
            xml(&time.span.text)
        );
        at = time.span.end;
    }
    out.push_str(&xml(&doc.text[at..]));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// Text as XML character data or an attribute value, without the characters XML 1.0 forbids.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A file name for a document id: letters, digits, `-`, `_` and `.` kept, anything else
/// (a `/`, a space) as `_`, and never hidden or empty.
pub fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match stem.trim_start_matches('.') {
        "" => "document".to_string(),
        rest => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{TimeExpr, TimexType};

    fn doc() -> Document {
        let mut d = Document::new(
            "a/b".into(),
            "a.txt".into(),
            "On Friday, 12 were killed in Köln & \"Bonn\".".into(),
        );
        d.title = Some("Blast in Köln".into());
        d.published = Some("2024-03-23T10:00:00Z".into());
        let span = |text: &str, start: usize, field: Option<Field>| Span {
            text: text.into(),
            start,
            end: start + text.len(),
            field,
        };
        d.times.push(TimeExpr {
            span: span("Friday", 3, None),
            timex_type: TimexType::Date,
            value: "2024-03-22".into(),
            incident: false,
        });
        // A span whose words are not at its offsets is left out.
        d.times.push(TimeExpr {
            span: span("Monday", 3, None),
            timex_type: TimexType::Date,
            value: "2024-03-18".into(),
            incident: false,
        });
        let entity = crosscheck_model::Entity {
            id: "e1".into(),
            name: "Köln".into(),
            entity_type: crosscheck_model::EntityType::Location,
            aliases: Vec::new(),
            mentions: vec![
                span("Köln", 9, Some(Field::Title)),
                span("Köln", d.text.find("Köln").unwrap(), None),
            ],
        };
        d.entities.push(entity);
        d
    }

    #[test]
    fn brat_offsets_are_characters_of_the_title_and_text_it_writes() {
        let (text, ann) = brat(&doc());
        assert!(text.starts_with("Blast in Köln\n\nOn Friday"));
        let chars: Vec<char> = text.chars().collect();
        let mut spans = 0;
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let place: Vec<&str> = fields[1].split(' ').collect();
            let (start, end): (usize, usize) =
                (place[1].parse().unwrap(), place[2].parse().unwrap());
            let words: String = chars[start..end].iter().collect();
            assert_eq!(words, fields[2], "{line}");
            spans += 1;
        }
        assert_eq!(spans, 3, "{ann}");
        assert!(ann.contains("AnnotatorNotes T3\tDATE 2024-03-22"), "{ann}");
        assert!(!ann.contains("Monday"));
    }

    #[test]
    fn timeml_holds_the_creation_time_and_escaped_text_with_times_inline() {
        let tml = timeml(&doc());
        assert!(tml.contains("<DOCID>a/b</DOCID>"));
        assert!(tml.contains(
            "value=\"2024-03-23\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\""
        ));
        assert!(tml.contains(
            "<TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-03-22\">Friday</TIMEX3>, 12 were killed in Köln &amp; &quot;Bonn&quot;.</TEXT>"
        ), "{tml}");
    }

    #[test]
    fn file_stems_never_leave_their_folder() {
        assert_eq!(file_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_stem("..."), "document");
        assert_eq!(file_stem("gva-12.3"), "gva-12.3");
    }
}
