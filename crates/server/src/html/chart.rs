//! A figure's history as an inline SVG chart drawn on the server: time (the days reports
//! were made, in order) across, the count up, one coloured line per source, each point a
//! link to the sentence that reported it. Colours are stylesheet classes (`c0`…`c5`), as
//! the page's policy allows no inline style.

use crosscheck_model::{FigureHistory, ReportedFigure};
use maud::{html, Markup};

use super::Links;
use crate::evidence::Evidence;
use crate::present::report;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
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
            let Some(value) = crosscheck_fuse::number(&report.figure) else {
                continue;
            };
            let when = report.reported.as_deref().unwrap_or("undated");
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

fn index_of<'a>(items: &mut Vec<&'a str>, item: &'a str) -> usize {
    items.iter().position(|x| *x == item).unwrap_or_else(|| {
        items.push(item);
        items.len() - 1
    })
}

/// The chart of a figure's reports, with its legend; nothing when no report has a number.
pub(super) fn history(f: &FigureHistory, evidence: &Evidence<'_>, links: Links) -> Markup {
    let layout = Layout::of(f);
    if layout.points.is_empty() {
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
                (when.chars().take(10).collect::<String>())
            }
        }
    }
}

fn point(layout: &Layout<'_>, p: &Point<'_>, evidence: &Evidence<'_>, links: Links) -> Markup {
    let dot = html! {
        circle class={ "c" (p.series % COLOURS) } r="4.5"
            cx=(format!("{:.1}", layout.x(p.slot, p.series))) cy=(format!("{:.1}", layout.y(p.value))) {
            title { (report(p.report)) }
        }
    };
    match links {
        Links::Served => html! { a href=(evidence.report(p.report).href()) { (dot) } },
        Links::None => dot,
    }
}
