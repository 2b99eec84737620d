//! What the Markdown and HTML forms of a dossier say alike: a report as a short phrase, a
//! stance as words, the place and a document's date as a reader sees them. Each form only
//! escapes them its own way (the Markdown form lives in the command line, which uses these).

use crosscheck_model::{
    DocumentRef, Event, Figure, Qualifier, QuestionReason, QuestionedFigure, ReportedFigure, Stance,
};

/// One report as "137 (per X, 2024-03-25)".
pub fn report(r: &ReportedFigure) -> String {
    let mut notes: Vec<&str> = Vec::new();
    notes.extend(r.figure.source.as_deref());
    notes.extend(r.reported.as_deref());
    with_notes(count(&r.figure), &notes)
}

/// A document figure as "killed: ≥40 (per emergency services, via Interfax)".
pub fn figure(f: &Figure) -> String {
    let mut notes: Vec<String> = Vec::new();
    if let Some(source) = &f.source {
        notes.push(format!("per {source}"));
    }
    if !f.via.is_empty() {
        notes.push(format!("via {}", f.via.join(", ")));
    }
    let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
    format!("{}: {}", f.kind.name(), with_notes(count(f), &notes))
}

/// A count with its qualifier as a sign: "≥40", "2–5", "~100".
pub fn count(f: &Figure) -> String {
    match (f.qualifier, f.value, f.min, f.max) {
        (Qualifier::Range, _, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        (Qualifier::AtLeast, Some(v), ..) => format!("≥{v}"),
        (Qualifier::MoreThan, Some(v), ..) => format!(">{v}"),
        (Qualifier::AtMost, Some(v), ..) => format!("≤{v}"),
        (Qualifier::LessThan, Some(v), ..) => format!("<{v}"),
        (Qualifier::About, Some(v), ..) => format!("~{v}"),
        (_, Some(v), ..) => v.to_string(),
        _ => "?".to_string(),
    }
}

fn with_notes(text: String, notes: &[&str]) -> String {
    if notes.is_empty() {
        text
    } else {
        format!("{text} ({})", notes.join(", "))
    }
}

/// Why a count was set apart from its figure's history.
pub fn questioned_why(q: &QuestionedFigure) -> String {
    match q.reason {
        QuestionReason::OrderOfMagnitude => format!(
            "ten times or more what the other reports give ({}): another scope, not this event's count",
            q.against
        ),
    }
}

/// A position's stance as the responsibility list says it.
pub fn stance_words(stance: Stance) -> &'static str {
    match stance {
        Stance::Claims => "claims it",
        Stance::Asserts => "asserted",
        Stance::Suggests => "suggested",
        Stance::Denies => "denied",
    }
}

/// Where the event happened: "Moscow, Russia", or "unknown".
pub fn place(e: &Event) -> String {
    e.place
        .as_ref()
        .map_or("unknown".to_string(), |p| match &p.country {
            Some(c) if *c != p.name => format!("{}, {c}", p.name),
            _ => p.name.clone(),
        })
}

/// A TIMEX3 value as a reader says it: "2024-03-22TEV" is "2024-03-22, evening"; other
/// values are already plain (a day, a month, a date-time), and an unknown one is "unknown".
pub fn when(value: Option<&str>) -> String {
    const PARTS: [(&str, &str); 5] = [
        ("TMO", "morning"),
        ("TAF", "afternoon"),
        ("TEV", "evening"),
        ("TNI", "night"),
        ("TDT", "daytime"),
    ];
    let Some(value) = value else {
        return "unknown".to_string();
    };
    PARTS
        .iter()
        .find_map(|(code, words)| {
            let day = value.strip_suffix(code)?;
            Some(format!("{day}, {words}"))
        })
        .unwrap_or_else(|| value.to_string())
}

/// A document's date: its publication, else "not before" the latest past date it reports.
pub fn document_date(d: &DocumentRef) -> String {
    match (&d.published, &d.published_not_before) {
        (Some(p), _) => p.clone(),
        (None, Some(nb)) => format!("not before {nb}"),
        (None, None) => "undated".to_string(),
    }
}

/// The outlets of an event's documents, each once, sorted.
pub fn outlets(e: &Event) -> Vec<&str> {
    let mut outlets: Vec<&str> = e
        .documents
        .iter()
        .filter_map(|d| d.outlet.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    outlets
}

/// A contract value's name as serialized (`rising`, `update`).
pub fn name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_words() {
        assert_eq!(when(Some("2024-03-22TEV")), "2024-03-22, evening");
        assert_eq!(when(Some("2024-03-22")), "2024-03-22");
        assert_eq!(when(None), "unknown");
    }
}
