//! The timeline: what was reported when, in time order.

use crosscheck_model::{
    Evidence, FigureHistory, PartyPositions, Qualifier, Stance, TimelineItem, TimelineKind,
};

/// Dated items: the event itself, each figure report (on the day it was reported) and each
/// responsibility position (on the day of its first document), merged where the same thing
/// was said on the same day, in time order. Each item carries its data (kind, subject,
/// value, stance, source) and the words that give it.
pub fn timeline(
    when: Option<&str>,
    title: Option<&Evidence>,
    figures: &[FigureHistory],
    claims: &[PartyPositions],
    reported: &dyn Fn(&str) -> Option<String>,
) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = Vec::new();
    if let (Some(when), Some(title)) = (when, title) {
        let mut item = item(when, TimelineKind::Event, &title.text);
        item.what = format!("the event: {}", title.text);
        push(&mut items, item, title);
    }
    for history in figures {
        for r in &history.reports {
            let Some(day) = r.reported.as_deref() else {
                continue;
            };
            let mut item = item(day, TimelineKind::Figure, history.kind.name());
            item.what = format!(
                "{}: {}{}",
                history.kind.name(),
                r.figure.span.text,
                source_of(r.figure.source.as_deref(), &r.figure.via)
            );
            item.value = r.figure.number();
            item.qualifier = Some(r.figure.qualifier).filter(|q| *q != Qualifier::Range);
            item.source = r.figure.source.clone();
            for e in &r.evidence {
                push(&mut items, item.clone(), e);
            }
        }
    }
    for party in claims {
        for p in &party.positions {
            let Some(day) = p.documents.iter().filter_map(|d| reported(d)).min() else {
                continue;
            };
            let by = p.by.as_deref().unwrap_or("unattributed");
            let name = &party.party;
            let mut item = item(&day, TimelineKind::Position, name);
            item.what = match p.stance {
                Stance::Claims => format!("{name} claims responsibility"),
                Stance::Asserts => format!("{name} held responsible by {by}"),
                Stance::Suggests => format!("{name} suggested as responsible by {by}"),
                Stance::Denies => format!("{name}'s responsibility denied by {by}"),
            };
            item.stance = Some(p.stance);
            item.source = p.by.clone();
            for e in &p.evidence {
                push(&mut items, item.clone(), e);
            }
        }
    }
    items.sort_by(|a, b| a.when.cmp(&b.when));
    items
}

/// An item with no documents or evidence yet.
fn item(when: &str, kind: TimelineKind, subject: &str) -> TimelineItem {
    TimelineItem {
        when: when.to_string(),
        what: String::new(),
        documents: Vec::new(),
        kind,
        subject: subject.to_string(),
        value: None,
        qualifier: None,
        stance: None,
        source: None,
        evidence: Vec::new(),
    }
}

fn source_of(source: Option<&str>, via: &[String]) -> String {
    match (source, via.is_empty()) {
        (Some(s), true) => format!(" (per {s})"),
        (Some(s), false) => format!(" (per {s}, via {})", via.join(", ")),
        (None, _) => String::new(),
    }
}

/// Adds `new` with one piece of evidence, or that evidence to the same item of the same day.
fn push(items: &mut Vec<TimelineItem>, new: TimelineItem, evidence: &Evidence) {
    let k = match items
        .iter()
        .position(|i| i.when == new.when && i.what == new.what)
    {
        Some(k) => k,
        None => {
            items.push(new);
            items.len() - 1
        }
    };
    let item = &mut items[k];
    if !item.documents.contains(&evidence.document) {
        item.documents.push(evidence.document.clone());
    }
    if !item.evidence.contains(evidence) {
        item.evidence.push(evidence.clone());
    }
}
