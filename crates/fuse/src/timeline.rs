//! The timeline: what was reported when, in time order.

use crosscheck_model::{FigureHistory, PartyPositions, Stance, TimelineItem};

/// Dated items: the event itself, each figure report (on the day it was reported) and each
/// responsibility position (on the day of its first document), merged where the same thing
/// was said on the same day, in time order.
pub fn timeline(
    when: Option<&str>,
    title: Option<&str>,
    figures: &[FigureHistory],
    claims: &[PartyPositions],
    reported: &dyn Fn(&str) -> Option<String>,
) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = Vec::new();
    if let (Some(when), Some(title)) = (when, title) {
        push(
            &mut items,
            when.to_string(),
            format!("the event: {title}"),
            None,
        );
    }
    for history in figures {
        for r in &history.reports {
            let Some(day) = r.reported.clone() else {
                continue;
            };
            let what = format!(
                "{}: {}{}",
                history.kind.name(),
                r.figure.span.text,
                source_of(r.figure.source.as_deref(), &r.figure.via)
            );
            push(&mut items, day, what, Some(&r.document));
        }
    }
    for party in claims {
        for p in &party.positions {
            let Some(day) = p.documents.iter().filter_map(|d| reported(d)).min() else {
                continue;
            };
            let by = p.by.as_deref().unwrap_or("unattributed");
            let name = &party.party;
            let what = match p.stance {
                Stance::Claims => format!("{name} claims responsibility"),
                Stance::Asserts => format!("{name} held responsible by {by}"),
                Stance::Suggests => format!("{name} suggested as responsible by {by}"),
                Stance::Denies => format!("{name}'s responsibility denied by {by}"),
            };
            for d in &p.documents {
                push(&mut items, day.clone(), what.clone(), Some(d));
            }
        }
    }
    items.sort_by(|a, b| a.when.cmp(&b.when));
    items
}

fn source_of(source: Option<&str>, via: &[String]) -> String {
    match (source, via.is_empty()) {
        (Some(s), true) => format!(" (per {s})"),
        (Some(s), false) => format!(" (per {s}, via {})", via.join(", ")),
        (None, _) => String::new(),
    }
}

fn push(items: &mut Vec<TimelineItem>, when: String, what: String, document: Option<&str>) {
    let item = match items.iter_mut().find(|i| i.when == when && i.what == what) {
        Some(item) => item,
        None => {
            items.push(TimelineItem {
                when,
                what,
                documents: Vec::new(),
            });
            let last = items.len() - 1;
            &mut items[last]
        }
    };
    if let Some(d) = document {
        if !item.documents.iter().any(|x| x == d) {
            item.documents.push(d.to_string());
        }
    }
}
