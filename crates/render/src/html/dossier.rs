//! An event dossier as HTML: figures with their charts and reports, responsibility
//! positions side by side, conflicts with each side's evidence, statements, the timeline,
//! framing per outlet, and the documents.

use crosscheck_model::{
    Conflict, Document, DossierStatement, Event, FigureHistory, PartyPositions,
};
use maud::{html, Markup};

use super::{chart, cites, page, Links};
use crate::cite::{document_path, event_path, Sources};
use crate::present::{
    count, document_date, name, place, questioned_why, report, stance_words, when,
};

/// The served page of one event, with its documents (to link each fact to its sentence).
pub fn event_page(e: &Event, docs: &[Document]) -> String {
    page(
        e.title.as_deref().unwrap_or("Event dossier"),
        event(e, &Sources::new(e, docs), Links::Served),
    )
}

/// One event's dossier.
pub(super) fn event(e: &Event, evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        section.event id=(e.id) {
            h1 { (e.title.as_deref().unwrap_or("(untitled event)")) }
            p.meta {
                "When: " (when(e.when.as_deref()))
                " · Where: " (place(e))
                " · " (e.documents.len()) " documents · "
                code { (e.id) }
                @if links == Links::Served {
                    " · " a href={ "/api" (event_path(&e.id)) } { "JSON" }
                }
            }
            @if !e.figures.is_empty() {
                h2 { "Figures" }
                @for f in &e.figures { (figure(f, evidence, links)) }
            }
            @if !e.claims.is_empty() { (responsibility(&e.claims, evidence, links)) }
            @if !e.conflicts.is_empty() { (conflicts(&e.conflicts, evidence, links)) }
            @if !e.statements.is_empty() { (statements(&e.statements, evidence, links)) }
            @if !e.timeline.is_empty() { (timeline(e, evidence, links)) }
            @if !e.framing.is_empty() { (framing(e, evidence, links)) }
            (documents(e, links))
        }
    }
}

fn figure(f: &FigureHistory, evidence: &Sources<'_>, links: Links) -> Markup {
    let trend = name(f.trend);
    html! {
        section.figure data-kind=(f.kind.name()) {
            h3 {
                (f.kind.name()) ": "
                (f.latest.as_ref().map_or("–".to_string(), report))
                " · " span class={ "trend " (trend) } { (trend) }
            }
            (chart::history(f, evidence, links))
            table.reports {
                tr { th { "count" } th { "source" } th { "via" } th { "reported" } th { "evidence" } }
                @for r in &f.reports {
                    tr {
                        td { (count(&r.figure)) }
                        td { (r.figure.source.as_deref().unwrap_or("unattributed")) }
                        td { (r.figure.via.join(", ")) }
                        td { (r.reported.as_deref().unwrap_or("undated")) }
                        td { (cites(&evidence.cites(&r.evidence), links)) }
                    }
                }
            }
            @if !f.questioned.is_empty() {
                p.questioned {
                    "Set apart: "
                    @for q in &f.questioned {
                        b { (count(&q.report.figure)) } " — " (questioned_why(q)) " "
                        (cites(&evidence.cites(&q.report.evidence), links)) " "
                    }
                }
            }
            @if !f.breakdown.is_empty() {
                p.breakdown {
                    "Breakdown: "
                    @for r in &f.breakdown {
                        (count(&r.figure)) " " (r.figure.of.as_deref().unwrap_or("")) " "
                        (cites(&evidence.cites(&r.evidence), links)) " "
                    }
                }
            }
        }
    }
}

fn responsibility(parties: &[PartyPositions], evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        h2 { "Responsibility" }
        div.grid {
            @for party in parties {
                div.card data-party=(party.party) {
                    h3 { (party.party) }
                    ul {
                        @for p in &party.positions {
                            li {
                                (stance_words(p.stance)) " by "
                                (p.by.as_deref().unwrap_or("unattributed")) " "
                                (cites(&evidence.cites(&p.evidence), links))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn conflicts(conflicts: &[Conflict], evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        h2 { "Conflicts" }
        @for c in conflicts {
            @let kind = name(c.kind);
            div.conflict data-topic=(c.topic) {
                h3 { span class={ "badge " (kind) } { (kind) } " " (c.topic) }
                p { (c.summary) }
                div.grid {
                    @for side in &c.sides {
                        div.card {
                            b { (side.position) }
                            p.meta { (side.sources.join(", ")) }
                            (cites(&evidence.cites(&side.evidence), links))
                        }
                    }
                }
            }
        }
    }
}

fn statements(statements: &[DossierStatement], evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        h2 { "Statements" }
        table.statements {
            tr { th { "speaker" } th { "said" } th { "relayed by" } th { "outlets" } }
            @for s in statements {
                @let st = &s.statement;
                tr {
                    td {
                        b { (st.speaker.as_deref().unwrap_or("unattributed")) }
                        @if let Some(role) = &st.role { br; span.meta { (role) } }
                    }
                    td {
                        @if st.direct { "“" (st.content) "”" } @else { (st.content) }
                        @if let Some(cue) = &st.cue { " " span.meta { "(" (cue) ")" } }
                    }
                    td { (st.via.join(", ")) }
                    td { (cites(&evidence.cites(&s.evidence), links)) }
                }
            }
        }
    }
}

fn timeline(e: &Event, evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        h2 { "Timeline" }
        ol.timeline {
            @for item in &e.timeline {
                li { b { (item.when) } " — " (item.what) " " (cites(&evidence.cites(&item.evidence), links)) }
            }
        }
    }
}

fn framing(e: &Event, evidence: &Sources<'_>, links: Links) -> Markup {
    html! {
        h2 { "Framing" }
        table {
            tr { th { "entity" } th { "outlet" } th { "descriptors" } th { "evidence" } }
            @for f in &e.framing {
                @for o in &f.outlets {
                    tr {
                        td { (f.entity) } td { (o.outlet) } td { (o.labelled().join("; ")) }
                        td { (cites(&evidence.cites(&o.evidence), links)) }
                    }
                }
            }
        }
    }
}

fn documents(e: &Event, links: Links) -> Markup {
    html! {
        h2 { "Documents" }
        ul {
            @for d in &e.documents {
                li {
                    @match links {
                        Links::Served => a href=(document_path(&d.id)) { code { (d.id) } },
                        Links::None => code { (d.id) },
                    }
                    " — " (d.outlet.as_deref().unwrap_or("unknown outlet"))
                    " — " (document_date(d)) " — " (d.source)
                    @if let Some(original) = &d.duplicate_of { " — a copy of " code { (original) } }
                }
            }
        }
    }
}
