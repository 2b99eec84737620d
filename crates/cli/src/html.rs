//! Dossiers as one self-contained HTML page (no external assets, no script): the same
//! content as the Markdown, with a small SVG chart of each figure's history. Every piece of
//! article text is escaped: titles, names and quotes come from untrusted pages.

use std::fmt::Write;

use crosscheck_model::{Event, FigureHistory};

use crate::present::{document_date, name, place, report, stance_words};

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}\
.meta{color:#555}.kind{font-weight:600}code{font-size:.85em;color:#666}svg{display:block;margin:.3em 0}\
.event{border-top:3px solid #444;margin-top:2em}";

pub fn render(events: &[Event]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    let _ = write!(
        out,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        escape(&page_title(events))
    );
    for e in events {
        render_event(&mut out, e);
    }
    out.push_str("</body></html>\n");
    out
}

fn page_title(events: &[Event]) -> String {
    match events {
        [one] => one
            .title
            .clone()
            .unwrap_or_else(|| "Event dossier".to_string()),
        _ => format!("{} event dossiers", events.len()),
    }
}

fn render_event(out: &mut String, e: &Event) {
    let _ = write!(out, "<section class=\"event\" id=\"{}\">", escape(&e.id));
    let _ = write!(
        out,
        "<h1>{}</h1>",
        escape(e.title.as_deref().unwrap_or("(untitled event)"))
    );
    let _ = write!(
        out,
        "<p class=\"meta\">When: {} · Where: {} · {} documents · <code>{}</code></p>",
        escape(e.when.as_deref().unwrap_or("unknown")),
        escape(&place(e)),
        e.documents.len(),
        escape(&e.id)
    );
    if !e.figures.is_empty() {
        out.push_str("<h2>Figures</h2><table><tr><th>kind</th><th>latest</th><th>trend</th><th>history</th></tr>");
        for f in &e.figures {
            let history: Vec<String> = f.reports.iter().map(report).collect();
            let _ = write!(
                out,
                "<tr><td class=\"kind\">{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
                f.kind.name(),
                escape(&f.latest.as_ref().map_or("–".to_string(), report)),
                escape(&name(f.trend)),
                chart(f),
                escape(&history.join(" → "))
            );
        }
        out.push_str("</table>");
    }
    if !e.claims.is_empty() {
        out.push_str("<h2>Responsibility</h2><ul>");
        for party in &e.claims {
            let positions: Vec<String> = party
                .positions
                .iter()
                .map(|p| {
                    format!(
                        "{} by {}",
                        stance_words(p.stance),
                        escape(p.by.as_deref().unwrap_or("unattributed"))
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<li><b>{}</b>: {}</li>",
                escape(&party.party),
                positions.join("; ")
            );
        }
        out.push_str("</ul>");
    }
    if !e.conflicts.is_empty() {
        out.push_str("<h2>Conflicts</h2><ul>");
        for c in &e.conflicts {
            let _ = write!(
                out,
                "<li><i>{}</i> ({}): {}</li>",
                escape(&name(c.kind)),
                escape(&c.topic),
                escape(&c.summary)
            );
        }
        out.push_str("</ul>");
    }
    if !e.statements.is_empty() {
        out.push_str("<h2>Statements</h2><ul>");
        for s in &e.statements {
            let st = &s.statement;
            let words = if st.direct {
                format!("“{}”", st.content)
            } else {
                st.content.clone()
            };
            let _ = write!(
                out,
                "<li><b>{}</b>: {} <code>{}</code></li>",
                escape(st.speaker.as_deref().unwrap_or("unattributed")),
                escape(&words),
                escape(&s.documents.join(", "))
            );
        }
        out.push_str("</ul>");
    }
    if !e.framing.is_empty() {
        out.push_str(
            "<h2>Framing</h2><table><tr><th>entity</th><th>outlet</th><th>descriptors</th></tr>",
        );
        for f in &e.framing {
            for o in &f.outlets {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&f.entity),
                    escape(&o.outlet),
                    escape(&o.descriptors.join("; "))
                );
            }
        }
        out.push_str("</table>");
    }
    if !e.timeline.is_empty() {
        out.push_str("<h2>Timeline</h2><ul>");
        for item in &e.timeline {
            let _ = write!(
                out,
                "<li>{} — {}</li>",
                escape(&item.when),
                escape(&item.what)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Documents</h2><ul>");
    for d in &e.documents {
        let _ = write!(
            out,
            "<li><code>{}</code> — {} — {} — {}</li>",
            escape(&d.id),
            escape(d.outlet.as_deref().unwrap_or("unknown outlet")),
            escape(&document_date(d)),
            escape(&d.source)
        );
    }
    out.push_str("</ul></section>");
}

/// A line chart of a figure's overall reports in order, one point per report.
fn chart(f: &FigureHistory) -> String {
    let points: Vec<(usize, u64, String)> = f
        .reports
        .iter()
        .filter_map(|r| Some((crosscheck_fuse::number(&r.figure)?, report(r))))
        .enumerate()
        .map(|(i, (n, label))| (i, n, label))
        .collect();
    if points.len() < 2 {
        return String::new();
    }
    let (w, h, pad) = (320.0, 80.0, 8.0);
    let max = points.iter().map(|p| p.1).max().unwrap_or(1).max(1) as f64;
    let step = (w - 2.0 * pad) / (points.len() - 1) as f64;
    let xy = |i: usize, n: u64| {
        (
            pad + i as f64 * step,
            h - pad - (n as f64 / max) * (h - 2.0 * pad),
        )
    };
    let line: Vec<String> = points
        .iter()
        .map(|(i, n, _)| {
            let (x, y) = xy(*i, *n);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let mut svg = format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{} reports\">\
         <polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"2\" points=\"{}\"/>",
        f.kind.name(),
        line.join(" ")
    );
    for (i, n, label) in &points {
        let (x, y) = xy(*i, *n);
        let _ = write!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#36c\"><title>{}</title></circle>", escape(label));
    }
    svg.push_str("</svg>");
    svg
}

/// Text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
