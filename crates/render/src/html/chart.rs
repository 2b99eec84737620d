//! A figure's history as an inline SVG chart drawn on the server: time (the days reports
//! were made, in order) across, the count up, one coloured line per source, each point a
//! link to the sentence that reported it. Colours are stylesheet classes (`c0`…`c5`), as
//! the page's policy allows no inline style.

use crosscheck_model::{FigureHistory, ReportedFigure};
use maud::{html, Markup};

use super::Links;
use crate::cite::Sources;
use crate::present::report;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 44.0;
/// Room right of the last time, for half its label.
const RIGHT: f64 = 34.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// Colours in the stylesheet; further sources reuse them in turn.
const COLOURS: usize = 6;
/// Time labels drawn at most, so that they never overlap.
const MAX_LABELS: usize = 6;

/// One report placed on the chart.
struct Point<'a> {
    slot: usize,
    series: usize,
    value: u64,
    report: &'a ReportedFigure,
}

/// The reports of a figure laid out: the distinct report times in order, the sources, and
/// a point per report that has a number.
struct Layout<'a> {
    slots: Vec<&'a str>,
    sources: Vec<&'a str>,
    points: Vec<Point<'a>>,
    max: u64,
}

impl<'a> Layout<'a> {
    fn of(f: &'a FigureHistory) -> Self {
        let mut layout = Layout {
            slots: Vec::new(),
            sources: Vec::new(),
            points: Vec::new(),
            max: 1,
        };
        for report in &f.reports {
            let Some(value) = report.figure.number() else {
                continue;
            };
            // One slot a day, so that no day's label shows twice.
            let when = report.reported.as_deref().map_or("undated", day);
            let source = report.figure.source.as_deref().unwrap_or("unattributed");
            let point = Point {
                slot: index_of(&mut layout.slots, when),
                series: index_of(&mut layout.sources, source),
                value,
                report,
            };
            layout.max = layout.max.max(value);
            layout.points.push(point);
        }
        layout
    }

    /// Where a slot is across; each source a little apart, so that equal counts from two
    /// sources at one time both show.
    fn x(&self, slot: usize, series: usize) -> f64 {
        let span = WIDTH - LEFT - RIGHT;
        let base = match self.slots.len() {
            1 => LEFT + span / 2.0,
            n => LEFT + span * slot as f64 / (n - 1) as f64,
        };
        base + (series % COLOURS) as f64 * 3.0
    }

    fn y(&self, value: u64) -> f64 {
        HEIGHT - BOTTOM - (value as f64 / self.max as f64) * (HEIGHT - TOP - BOTTOM)
    }

    fn line(&self, series: usize) -> String {
        let points: Vec<String> = self
            .points
            .iter()
            .filter(|p| p.series == series)
            .map(|p| format!("{:.1},{:.1}", self.x(p.slot, series), self.y(p.value)))
            .collect();
        points.join(" ")
    }
}

/// The day of a TIMEX3 date or date-time ("2024-03-22T18:00" → "2024-03-22").
fn day(when: &str) -> &str {
    when.get(..10).filter(|d| d.len() == 10).unwrap_or(when)
}

fn index_of<'a>(items: &mut Vec<&'a str>, item: &'a str) -> usize {
    items.iter().position(|x| *x == item).unwrap_or_else(|| {
        items.push(item);
        items.len() - 1
    })
}

/// The chart of a figure's reports, with its legend; nothing for fewer than two numbers
/// (the table under it says as much).
pub(super) fn history(f: &FigureHistory, evidence: &Sources<'_>, links: Links) -> Markup {
    let layout = Layout::of(f);
    if layout.points.len() < 2 {
        return html! {};
    }
    let kind = f.kind.name();
    html! {
        svg.chart width=(WIDTH) height=(HEIGHT) viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
            role="img" aria-label={ (kind) " as reported over time, by source" } {
            (axes(&layout))
            @for series in 0..layout.sources.len() {
                polyline class={ "c" (series % COLOURS) } points=(layout.line(series)) {}
            }
            @for p in &layout.points { (point(&layout, p, evidence, links)) }
        }
        div.legend {
            @for (series, source) in layout.sources.iter().enumerate() {
                span { span class={ "swatch c" (series % COLOURS) } {} (source) }
            }
        }
    }
}

fn axes(layout: &Layout<'_>) -> Markup {
    let base = HEIGHT - BOTTOM;
    let every = layout.slots.len().div_ceil(MAX_LABELS).max(1);
    html! {
        line.axis x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(base) {}
        line.axis x1=(LEFT) y1=(base) x2=(WIDTH - RIGHT) y2=(base) {}
        text x=(LEFT - 6.0) y=(layout.y(layout.max) + 3.0) text-anchor="end" { (layout.max) }
        text x=(LEFT - 6.0) y=(base + 3.0) text-anchor="end" { "0" }
        @for (slot, when) in layout.slots.iter().enumerate().step_by(every) {
            text x=(layout.x(slot, 0)) y=(base + 16.0) text-anchor="middle" {
                (when)
            }
        }
    }
}

fn point(layout: &Layout<'_>, p: &Point<'_>, evidence: &Sources<'_>, links: Links) -> Markup {
    let dot = html! {
        circle class={ "c" (p.series % COLOURS) } r="4.5"
            cx=(format!("{:.1}", layout.x(p.slot, p.series))) cy=(format!("{:.1}", layout.y(p.value))) {
            title { (report(p.report)) }
        }
    };
    match links {
        Links::Served => match evidence.cites(&p.report.evidence).first() {
            Some(cite) => html! { a href=(cite.href()) { (dot) } },
            None => dot,
        },
        Links::None => dot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::Event;

    /// A killed history of reports `(value, reported)`.
    fn history(reports: &[(u64, &str)]) -> FigureHistory {
        let reports: Vec<serde_json::Value> = reports
            .iter()
            .enumerate()
            .map(|(i, (value, reported))| {
                serde_json::json!({
                    "kind": "killed", "value": value, "min": null, "max": null,
                    "qualifier": "exact", "of": "people", "includes": [], "event": "main",
                    "when": null, "source": null, "via": [], "rule": "test",
                    "text": "x", "start": i, "end": i + 1,
                    "document": "d", "reported": reported, "evidence": []
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "kind": "killed", "latest": null, "reports": reports, "trend": "rising",
            "breakdown": []
        }))
        .unwrap()
    }

    fn chart(f: &FigureHistory) -> String {
        let event: Event = serde_json::from_value(serde_json::json!({
            "id": "ev", "title": null, "when": null, "where": null, "documents": [],
            "entities": [], "figures": [], "claims": [], "statements": [], "framing": [],
            "conflicts": [], "timeline": []
        }))
        .unwrap();
        super::history(f, &Sources::new(&event, &[]), Links::None).into_string()
    }

    #[test]
    fn one_value_is_no_chart() {
        assert_eq!(chart(&history(&[(5, "2024-03-22")])), "");
        assert!(chart(&history(&[(5, "2024-03-22"), (7, "2024-03-23")])).contains("<svg"));
    }

    #[test]
    fn a_day_is_labelled_once() {
        let svg = chart(&history(&[
            (5, "2024-03-22T08:00"),
            (6, "2024-03-22T18:00"),
            (9, "2024-03-23"),
        ]));
        assert_eq!(svg.matches(">2024-03-22<").count(), 1, "{svg}");
        assert_eq!(svg.matches(">2024-03-23<").count(), 1, "{svg}");
        assert!(!svg.contains("\">2024-03-22T"), "{svg}");
    }
}
