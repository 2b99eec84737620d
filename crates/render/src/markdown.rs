//! Dossiers as Markdown a person reads in a terminal: the event, its figures with their
//! history, responsibility, conflicts, key statements, timeline, and the documents.

use std::fmt::Write;

use crosscheck_model::printable::{hidden, printable};
use crosscheck_model::Event;

use crate::present::{document_date, name, place, questioned_why, report, stance_words, when};

/// Statements shown per event: the ones most outlets carry first.
const KEY_STATEMENTS: usize = 12;
/// Entities listed per event: the ones most documents name first.
const KEY_ENTITIES: usize = 15;

pub fn render(events: &[Event]) -> String {
    let mut out = String::new();
    for (k, event) in events.iter().enumerate() {
        if k > 0 {
            out.push_str("\n---\n\n");
        }
        render_event(&mut out, event);
    }
    out
}

fn render_event(out: &mut String, e: &Event) {
    let _ = writeln!(
        out,
        "# {}\n",
        inline(e.title.as_deref().unwrap_or("(untitled event)"))
    );
    let outlets: Vec<&str> = e
        .documents
        .iter()
        .filter_map(|d| d.outlet.as_deref())
        .collect();
    let _ = writeln!(
        out,
        "**When:** {} · **Where:** {} · **Sources:** {} documents{} · {}\n",
        when(e.when.as_deref()),
        inline(&place(e)),
        e.documents.len(),
        if outlets.is_empty() {
            String::new()
        } else {
            format!(" ({})", inline(&dedup(outlets).join(", ")))
        },
        code(&e.id)
    );
    if !e.figures.is_empty() {
        out.push_str(
            "## Figures\n\n| kind | latest | trend | reports, in order |\n|---|---|---|---|\n",
        );
        for f in &e.figures {
            let history: Vec<String> = f.reports.iter().map(report).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                f.kind.name(),
                f.latest
                    .as_ref()
                    .map_or("–".to_string(), |r| inline(&report(r))),
                name(f.trend),
                inline(&history.join(" → "))
            );
        }
        out.push('\n');
        for f in &e.figures {
            for q in &f.questioned {
                let _ = writeln!(
                    out,
                    "- Set apart: {} {} ({}), {}",
                    f.kind.name(),
                    inline(&report(&q.report)),
                    code(&q.report.document),
                    questioned_why(q)
                );
            }
        }
        if e.figures.iter().any(|f| !f.questioned.is_empty()) {
            out.push('\n');
        }
    }
    if !e.claims.is_empty() {
        out.push_str("## Responsibility\n\n");
        for party in &e.claims {
            let positions: Vec<String> = party
                .positions
                .iter()
                .map(|p| {
                    format!(
                        "{} by {} ({})",
                        stance_words(p.stance),
                        inline(p.by.as_deref().unwrap_or("unattributed")),
                        docs(&p.documents)
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "- **{}**: {}",
                inline(&party.party),
                positions.join("; ")
            );
        }
        out.push('\n');
    }
    if !e.conflicts.is_empty() {
        out.push_str("## Conflicts\n\n");
        for c in &e.conflicts {
            let kind = name(c.kind);
            let _ = writeln!(
                out,
                "- *{kind}* ({}) — {}",
                inline(&c.topic),
                inline(&c.summary)
            );
        }
        out.push('\n');
    }
    if !e.statements.is_empty() {
        out.push_str("## Key statements\n\n");
        let mut statements: Vec<_> = e.statements.iter().collect();
        statements.sort_by_key(|s| std::cmp::Reverse(s.documents.len()));
        for s in statements.into_iter().take(KEY_STATEMENTS) {
            let st = &s.statement;
            let speaker = st.speaker.as_deref().unwrap_or("unattributed");
            let role = st
                .role
                .as_deref()
                .map(|r| format!(", {}", inline(r)))
                .unwrap_or_default();
            let via = if st.via.is_empty() {
                String::new()
            } else {
                format!(", via {}", inline(&st.via.join(", ")))
            };
            let words = if st.direct {
                format!("“{}”", inline(&st.content))
            } else {
                inline(&st.content)
            };
            let _ = writeln!(
                out,
                "- **{}**{role}: {words}{via} ({})",
                inline(speaker),
                docs(&s.documents)
            );
        }
        out.push('\n');
    }
    if !e.framing.is_empty() {
        out.push_str("## Framing\n\n| entity | outlet | descriptors |\n|---|---|---|\n");
        for f in &e.framing {
            for o in &f.outlets {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    inline(&f.entity),
                    inline(&o.outlet),
                    inline(&o.labelled().join("; "))
                );
            }
        }
        out.push('\n');
    }
    if !e.timeline.is_empty() {
        out.push_str("## Timeline\n\n");
        for item in &e.timeline {
            let _ = write!(out, "- {} — {}", item.when, inline(&item.what));
            if !item.documents.is_empty() {
                let _ = write!(out, " ({})", docs(&item.documents));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !e.entities.is_empty() {
        out.push_str("## Who and where\n\n");
        let mut entities: Vec<_> = e.entities.iter().collect();
        entities.sort_by_key(|x| std::cmp::Reverse(x.documents.len()));
        let listed: Vec<String> = entities
            .into_iter()
            .take(KEY_ENTITIES)
            .map(|x| format!("{} ({})", inline(&x.name), x.documents.len()))
            .collect();
        let _ = writeln!(out, "{}\n", listed.join(", "));
    }
    out.push_str("## Documents\n\n");
    for d in &e.documents {
        let date = document_date(d);
        let copy = d
            .duplicate_of
            .as_deref()
            .map(|o| format!(", copy of {}", code(o)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} — {} — {date} — {}{copy}",
            code(&d.id),
            inline(d.outlet.as_deref().unwrap_or("unknown outlet")),
            inline(&d.source)
        );
    }
}

fn docs(ids: &[String]) -> String {
    let shown: Vec<String> = ids.iter().take(3).map(|i| code(i)).collect();
    match ids.len() {
        0..=3 => shown.join(", "),
        n => format!("{} and {} more", shown.join(", "), n - 3),
    }
}

fn dedup(items: Vec<&str>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Text from an article on one Markdown line: newlines folded, markup characters escaped.
/// A code span that holds `text` whatever it holds: fenced by more backticks than any run
/// of them inside, on one line, with nothing hidden (see [`printable`]).
fn code(text: &str) -> String {
    let text = printable(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Article text in a line of Markdown, never at the start of one: the characters that would
/// make markup there escaped, and no others, so that it reads in a terminal as written
/// (">100", "000_8103a672.txt"); anything that would not print as part of one line (line
/// breaks, controls, bidirectional marks) a space.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(i + 1).copied();
        let markup = match c {
            '*' | '`' | '[' | ']' | '|' | '\\' => true,
            // Emphasis, unless inside a word.
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            // A tag or an autolink.
            '<' => after.is_some_and(|a| a.is_alphabetic() || matches!(a, '/' | '!' | '?')),
            _ => false,
        };
        if hidden(c) {
            out.push(' ');
        } else {
            if markup {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles_cannot_break_out() {
        assert_eq!(code("ev-1"), "`ev-1`");
        assert_eq!(code("a`<script>`b"), "``a`<script>`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a\\nb`");
        assert_eq!(inline("Title\u{1b}[2J\u{202E}<b>"), "Title \\[2J \\<b>");
        assert_eq!(inline("_x_ and *y*"), "\\_x\\_ and \\*y\\*");
        // What makes no markup in the middle of a line reads as written.
        assert_eq!(
            inline(">100 in 000_8103a672.txt, 3 < 4"),
            ">100 in 000_8103a672.txt, 3 < 4"
        );
    }
}
