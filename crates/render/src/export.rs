//! Dossiers as tables for conflict-data coders (`crosscheck export --format csv`): one row
//! an event in the columns of GTD- and ACLED-like datasets, or one row a figure report.
//! Numbers are bare integers; a column with nothing to say is empty, never a placeholder.
//! The columns are documented in the README ("Exports"); a test reads them back.

use std::io::Write;

use crosscheck_model::{Document, Event, FigureHistory, FigureKind};

use crate::cite::Sources;
use crate::present::{document_date, name, outlets};

/// The columns of the events table, in order.
pub const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "date",
    "date_precision",
    "country",
    "admin_area",
    "place",
    "latitude",
    "longitude",
    "title",
    "perpetrators",
    "fatalities_latest",
    "fatalities_qualifier",
    "fatalities_min",
    "fatalities_max",
    "injured",
    "arrested",
    "sources",
    "outlets",
    "notes",
];

/// The columns of the figures table, in order.
pub const FIGURE_COLUMNS: &[&str] = &[
    "event_id",
    "kind",
    "value",
    "min",
    "max",
    "qualifier",
    "latest",
    "source",
    "via",
    "outlet",
    "document",
    "published",
    "sentence",
];

/// One row an event. `dossiers` pairs each event with its documents (for the sentences of
/// the notes; without them the notes quote the figures' own words).
pub fn events<W: Write>(out: W, dossiers: &[(Event, Vec<Document>)]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EVENT_COLUMNS)?;
    for (event, docs) in dossiers {
        let sources = Sources::new(event, docs);
        let history = |kind: FigureKind| event.figures.iter().find(|f| f.kind == kind);
        let latest = |kind: FigureKind| {
            history(kind)
                .and_then(|f| f.latest.as_ref())
                .and_then(|r| r.figure.number())
                .map_or_else(String::new, |n| n.to_string())
        };
        let killed = history(FigureKind::Killed);
        let numbers: Vec<u64> = killed
            .map(|f| f.reports.iter().filter_map(|r| r.figure.number()).collect())
            .unwrap_or_default();
        let bound = |n: Option<&u64>| n.map_or_else(String::new, u64::to_string);
        let (date, precision) = date(event.when.as_deref());
        let place = event.place.as_ref();
        let coordinate = |c: Option<f64>| c.map_or_else(String::new, |c| c.to_string());
        w.write_record([
            event.id.clone(),
            date,
            precision.to_string(),
            place.and_then(|p| p.country.clone()).unwrap_or_default(),
            place.and_then(|p| p.admin.clone()).unwrap_or_default(),
            place.map(|p| p.name.clone()).unwrap_or_default(),
            coordinate(place.and_then(|p| p.lat)),
            coordinate(place.and_then(|p| p.lon)),
            event.title.clone().unwrap_or_default(),
            perpetrators(event),
            latest(FigureKind::Killed),
            killed
                .and_then(|f| f.latest.as_ref())
                .map(|r| name(r.figure.qualifier))
                .unwrap_or_default(),
            bound(numbers.iter().min()),
            bound(numbers.iter().max()),
            latest(FigureKind::Injured),
            latest(FigureKind::Arrested),
            event.documents.len().to_string(),
            outlets(event).join("; "),
            notes(event, &sources),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// One row a figure report (the set-apart counts left out), the latest marked.
pub fn figures<W: Write>(out: W, dossiers: &[(Event, Vec<Document>)]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(FIGURE_COLUMNS)?;
    for (event, docs) in dossiers {
        let sources = Sources::new(event, docs);
        for history in &event.figures {
            for report in &history.reports {
                let f = &report.figure;
                let reference = event.documents.iter().find(|d| d.id == report.document);
                let cite = sources.cites(&report.evidence).into_iter().next();
                let number = |n: Option<u64>| n.map_or_else(String::new, |n| n.to_string());
                w.write_record([
                    event.id.clone(),
                    f.kind.name().to_string(),
                    number(f.value),
                    number(f.min),
                    number(f.max),
                    name(f.qualifier),
                    (history.latest.as_ref() == Some(report)).to_string(),
                    f.source.clone().unwrap_or_default(),
                    f.via.join("; "),
                    reference.and_then(|d| d.outlet.clone()).unwrap_or_default(),
                    report.document.clone(),
                    reference.map(document_date).unwrap_or_default(),
                    cite.map(|c| one_line(c.sentence.unwrap_or(c.words)))
                        .unwrap_or_default(),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The day of a TIMEX3 value and how precise it is: "2024-03-22TEV" → 2024-03-22, day.
fn date(when: Option<&str>) -> (String, &'static str) {
    let Some(value) = when else {
        return (String::new(), "");
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.get(..10).unwrap_or(value).split('-').collect();
    match parts[..] {
        [y, m, d] if digits(y) && digits(m) && d.len() >= 2 && digits(&d[..2]) => {
            (format!("{y}-{m}-{}", &d[..2]), "day")
        }
        [y, w] if digits(y) && w.starts_with('W') => (format!("{y}-{w}"), "week"),
        [y, m] if digits(y) && m.len() >= 2 && digits(&m[..2]) => {
            (format!("{y}-{}", &m[..2]), "month")
        }
        [y] if y.len() >= 4 && digits(&y[..4]) => (y[..4].to_string(), "year"),
        _ => (String::new(), ""),
    }
}

/// Who is said to be responsible: "Islamic State (claims, Islamic State); Ukraine
/// (suggests, Russian authorities)"; the outlet's own naming has no source.
fn perpetrators(event: &Event) -> String {
    event
        .claims
        .iter()
        .flat_map(|p| {
            p.positions.iter().map(move |x| match &x.by {
                Some(by) => format!("{} ({}, {by})", p.party, name(x.stance)),
                None => format!("{} ({})", p.party, name(x.stance)),
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The sentences of the latest counts of the dead, the injured and the arrested, with
/// their outlets: what a coder reads to check a row.
fn notes(event: &Event, sources: &Sources<'_>) -> String {
    let wanted = [
        FigureKind::Killed,
        FigureKind::Injured,
        FigureKind::Arrested,
    ];
    event
        .figures
        .iter()
        .filter(|f| wanted.contains(&f.kind))
        .filter_map(|f: &FigureHistory| {
            let latest = f.latest.as_ref()?;
            let cite = sources.cites(&latest.evidence).into_iter().next()?;
            let text = one_line(cite.sentence.unwrap_or(cite.words));
            Some(match cite.outlet {
                Some(outlet) => format!("{}: {text} ({outlet})", f.kind.name()),
                None => format!("{}: {text}", f.kind.name()),
            })
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Text on one line: a spreadsheet cell, not a paragraph.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(
            date(Some("2024-03-22TEV")),
            ("2024-03-22".to_string(), "day")
        );
        assert_eq!(date(Some("2024-03")), ("2024-03".to_string(), "month"));
        assert_eq!(date(Some("2024-W12")), ("2024-W12".to_string(), "week"));
        assert_eq!(date(Some("2024")), ("2024".to_string(), "year"));
        assert_eq!(date(Some("PRESENT_REF")), (String::new(), ""));
        assert_eq!(date(None), (String::new(), ""));
    }
}
