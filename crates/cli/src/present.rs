//! What the Markdown and HTML forms of a dossier say alike: a report as a short phrase, a
//! stance as words, the place and a document's date as a reader sees them. Each form only
//! escapes them its own way.

use crosscheck_model::{DocumentRef, Event, Qualifier, ReportedFigure, Stance};

/// One report as "137 (per X, 2024-03-25)".
pub fn report(r: &ReportedFigure) -> String {
    let f = &r.figure;
    let n = match (f.qualifier, f.value, f.min, f.max) {
        (Qualifier::Range, _, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        (Qualifier::AtLeast, Some(v), ..) => format!("≥{v}"),
        (Qualifier::MoreThan, Some(v), ..) => format!(">{v}"),
        (Qualifier::AtMost, Some(v), ..) => format!("≤{v}"),
        (Qualifier::LessThan, Some(v), ..) => format!("<{v}"),
        (Qualifier::About, Some(v), ..) => format!("~{v}"),
        (_, Some(v), ..) => v.to_string(),
        _ => "?".to_string(),
    };
    let mut notes: Vec<String> = Vec::new();
    if let Some(s) = &f.source {
        notes.push(s.clone());
    }
    if let Some(when) = &r.reported {
        notes.push(when.clone());
    }
    if notes.is_empty() {
        n
    } else {
        format!("{n} ({})", notes.join(", "))
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

/// A document's date: its publication, else "not before" the latest past date it reports.
pub fn document_date(d: &DocumentRef) -> String {
    match (&d.published, &d.published_not_before) {
        (Some(p), _) => p.clone(),
        (None, Some(nb)) => format!("not before {nb}"),
        (None, None) => "undated".to_string(),
    }
}

/// A contract value's name as serialized (`rising`, `update`).
pub fn name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}
