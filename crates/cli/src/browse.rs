//! Reading the store: `list`, `events`, `show` and `search`.

use std::io::{self, Write};

use anyhow::bail;
use crosscheck_model::printable::printable;
use crosscheck_model::FigureKind;
use crosscheck_render::present::{count, place};
use crosscheck_store::{DocumentSummary, Highlight, Store};
use serde_json::json;

use crate::{stdout_is_terminal, ListFormat};

pub fn list(
    store: &dyn Store,
    limit: usize,
    offset: usize,
    format: ListFormat,
) -> anyhow::Result<u8> {
    let docs = store.list(limit, offset)?;
    let mut out = io::stdout().lock();
    match format {
        ListFormat::Json => {
            let rows: Vec<_> = docs.iter().map(summary_json).collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for doc in &docs {
                writeln!(out, "{}", summary_line(doc))?;
            }
        }
    }
    Ok(0)
}

/// The events of a store, the most reported first (then as founded), each fused from its
/// documents as `dossier --db` does.
pub fn events(store: &dyn Store, format: ListFormat) -> anyhow::Result<u8> {
    let mut dossiers = crate::dossier::from_store(store, None, false)?;
    dossiers.sort_by_key(|(event, _)| std::cmp::Reverse(event.documents.len()));
    let mut out = io::stdout().lock();
    let mut rows = Vec::new();
    for (event, _) in &dossiers {
        let killed = event
            .figures
            .iter()
            .find(|f| f.kind == FigureKind::Killed)
            .and_then(|f| f.latest.as_ref());
        // The last day the event's coverage changed: its newest document.
        let last_change = event
            .documents
            .iter()
            .filter_map(|d| d.published.as_deref())
            .max()
            .map(str::to_string);
        match format {
            ListFormat::Json => rows.push(json!({
                "id": event.id,
                "title": event.title,
                "when": event.when,
                "where": event.place,
                "documents": event.documents.len(),
                "latest_killed": killed,
                "last_change": last_change,
            })),
            ListFormat::Text => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                event.id,
                event.when.as_deref().unwrap_or("-"),
                if event.place.is_some() {
                    printable(&place(event)).into_owned()
                } else {
                    "-".to_string()
                },
                crosscheck_pipeline::counted(event.documents.len(), "document", "documents"),
                killed.map_or("killed -".to_string(), |k| format!(
                    "killed {}",
                    count(&k.figure)
                )),
                last_change.as_deref().unwrap_or("-"),
                printable(event.title.as_deref().unwrap_or("(untitled event)")),
            )?,
        }
    }
    if let ListFormat::Json = format {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    }
    Ok(0)
}

pub fn show(store: &dyn Store, id: &str) -> anyhow::Result<u8> {
    let Some(doc) = store.get(id)? else {
        bail!("no document with id {:?} in the store", printable(id));
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    Ok(0)
}

pub fn search(
    store: &dyn Store,
    query: &str,
    limit: usize,
    format: ListFormat,
) -> anyhow::Result<u8> {
    let highlight = match (format, stdout_is_terminal()) {
        (ListFormat::Text, true) => Highlight {
            before: "\x1b[1m",
            after: "\x1b[0m",
        },
        _ => Highlight {
            before: "[",
            after: "]",
        },
    };
    let hits = store.search(query, limit, highlight)?;
    let mut out = io::stdout().lock();
    match format {
        ListFormat::Json => {
            let rows: Vec<_> = hits
                .iter()
                .map(|h| {
                    let mut row = summary_json(&h.document);
                    row["snippet"] = json!(h.snippet);
                    row["score"] = json!(h.score);
                    row
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for hit in &hits {
                writeln!(out, "{:6.2}  {}", hit.score, summary_line(&hit.document))?;
                writeln!(out, "        {}", hit.snippet)?;
            }
        }
    }
    Ok(0)
}

fn summary_json(doc: &DocumentSummary) -> serde_json::Value {
    json!({
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
    })
}

/// A document on one line of a terminal, whatever its title holds.
fn summary_line(doc: &DocumentSummary) -> String {
    printable(&format!(
        "{}  {}  {}  {}",
        doc.id,
        doc.published.as_deref().unwrap_or("-"),
        doc.outlet.as_deref().unwrap_or("-"),
        doc.title.as_deref().unwrap_or(&doc.source),
    ))
    .into_owned()
}
