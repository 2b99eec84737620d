//! What changed in an event's dossier when documents joined it, as change events: what
//! `crosscheck watch` prints and posts, and what `crosscheck serve` pushes to open pages.
//! Each is `{"type", "event", "at", …}`: `event_new` (title, when, where, documents, and the
//! founding sentence as evidence), `figure_changed` (kind, old and new latest count, trend,
//! the new report's evidence and sentence), `conflict_new`, `position_new`.

use crosscheck_model::{
    Document, Event, Evidence, FigureHistory, ReportedFigure, Span, TimelineKind,
};
use crosscheck_render::cite::Sources;
use crosscheck_render::present::{count, name, stance_words};
use crosscheck_store::{Store, StoreError};
use serde_json::{json, Value};

use crate::fused;

/// A change event: its JSON, and the same in words for a terminal.
#[derive(Debug, Clone)]
pub struct Change {
    pub json: Value,
    pub line: String,
}

/// The change events of an event whose documents `fresh` picks just joined it: its dossier
/// without them against its dossier with them (none before: the event is new).
pub fn of_event(
    store: &dyn Store,
    event: &str,
    fresh: impl Fn(&str) -> bool,
    at: &str,
) -> Result<Vec<Change>, StoreError> {
    let docs = store.event_documents(event)?;
    Ok(of_documents(event, docs, |d| fresh(&d.id), at))
}

/// [`of_event`] for an event's documents already read (in storage order).
pub fn of_documents(
    event: &str,
    mut docs: Vec<Document>,
    fresh: impl Fn(&Document) -> bool,
    at: &str,
) -> Vec<Change> {
    let mut earlier: Vec<Document> = docs.iter().filter(|d| !fresh(d)).cloned().collect();
    let before = (!earlier.is_empty()).then(|| fused(event, &mut earlier));
    let after = fused(event, &mut docs);
    compare(before.as_ref(), &after, &docs, at)
}

/// What changed from `before` (none for an event just founded) to `after`.
pub fn compare(before: Option<&Event>, after: &Event, docs: &[Document], at: &str) -> Vec<Change> {
    let sources = Sources::new(after, docs);
    let Some(before) = before else {
        // The headline the event takes its title from, else the founding article's first
        // sentence.
        let founding = after
            .timeline
            .iter()
            .find(|t| t.kind == TimelineKind::Event)
            .map(|t| t.evidence.clone())
            .filter(|e| !e.is_empty())
            .or_else(|| {
                let doc = docs.first()?;
                let &(start, end) = doc.sentences.first()?;
                Some(vec![Evidence::of(
                    &doc.id,
                    &Span {
                        text: doc.text.get(start..end)?.to_string(),
                        start,
                        end,
                        field: None,
                    },
                )])
            })
            .unwrap_or_default();
        let words = founding.first().map_or("", |e| e.text.as_str());
        return vec![Change {
            json: json!({
                "type": "event_new",
                "event": after.id,
                "at": at,
                "title": after.title,
                "when": after.when,
                "where": after.place,
                "documents": after.documents.len(),
                "evidence": founding,
            }),
            line: format!(
                "new event {}: {}",
                after.id,
                after.title.as_deref().unwrap_or(words)
            ),
        }];
    };
    let mut out = Vec::new();
    for history in &after.figures {
        let Some(new) = &history.latest else { continue };
        let old = latest(before, history);
        if old.is_some_and(|old| same_count(old, new)) {
            continue;
        }
        let cite = sources.cites(&new.evidence).into_iter().next();
        let sentence = cite.as_ref().map(|c| c.sentence.unwrap_or(c.words));
        out.push(Change {
            json: json!({
                "type": "figure_changed",
                "event": after.id,
                "at": at,
                "kind": history.kind,
                "old": old.map(count_json),
                "new": count_json(new),
                "trend": history.trend,
                "evidence": new.evidence,
                "sentence": sentence,
                "outlet": cite.as_ref().and_then(|c| c.outlet),
            }),
            line: format!(
                "{} {}: {} → {} ({})",
                after.id,
                history.kind.name(),
                old.map_or("none".to_string(), |o| count(&o.figure)),
                count(&new.figure),
                sentence.unwrap_or_default()
            ),
        });
    }
    for conflict in &after.conflicts {
        let known = before
            .conflicts
            .iter()
            .any(|c| c.topic == conflict.topic && c.kind == conflict.kind);
        if !known {
            out.push(Change {
                json: json!({
                    "type": "conflict_new",
                    "event": after.id,
                    "at": at,
                    "topic": conflict.topic,
                    "kind": conflict.kind,
                    "sides": conflict.sides,
                }),
                line: format!(
                    "{} {} {}: {}",
                    after.id,
                    conflict.topic,
                    name(conflict.kind),
                    conflict.summary
                ),
            });
        }
    }
    for party in &after.claims {
        for position in &party.positions {
            let known = before.claims.iter().any(|p| {
                p.party == party.party
                    && p.positions
                        .iter()
                        .any(|x| x.stance == position.stance && x.by == position.by)
            });
            if !known {
                out.push(Change {
                    json: json!({
                        "type": "position_new",
                        "event": after.id,
                        "at": at,
                        "party": party.party,
                        "stance": position.stance,
                        "by": position.by,
                        "evidence": position.evidence,
                    }),
                    line: format!(
                        "{} {} {}{}",
                        after.id,
                        party.party,
                        stance_words(position.stance),
                        position
                            .by
                            .as_deref()
                            .map(|b| format!(", says {b}"))
                            .unwrap_or_default()
                    ),
                });
            }
        }
    }
    out
}

/// The latest count of a figure's kind in an event.
fn latest<'a>(event: &'a Event, history: &FigureHistory) -> Option<&'a ReportedFigure> {
    event
        .figures
        .iter()
        .find(|f| f.kind == history.kind)
        .and_then(|f| f.latest.as_ref())
}

fn same_count(a: &ReportedFigure, b: &ReportedFigure) -> bool {
    let (a, b) = (&a.figure, &b.figure);
    (a.value, a.min, a.max, a.qualifier) == (b.value, b.min, b.max, b.qualifier)
}

fn count_json(r: &ReportedFigure) -> Value {
    json!({
        "value": r.figure.value,
        "min": r.figure.min,
        "max": r.figure.max,
        "qualifier": r.figure.qualifier,
        "source": r.figure.source,
        "document": r.document,
    })
}
