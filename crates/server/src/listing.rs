//! The server's own pages, in the shell the rendering crate gives every served page: the
//! events list (with the upload form and an upload's report), the search results, and the
//! page of a failure.

use axum::http::StatusCode;
use axum::response::Html;
use crosscheck_model::Event;
use crosscheck_pipeline::counted;
use crosscheck_render::cite::{document_path, event_path};
use crosscheck_render::present::{count, name, outlets, place, when};
use maud::{html, Markup};

use crate::api::{IngestReport, SearchResult};
use crate::upload::ACCEPTED;

/// A served page: the header with the search box, then `body`.
fn page(title: &str, body: Markup) -> Html<String> {
    Html(crosscheck_render::html::page(title, body))
}

/// The page of a failure.
pub(crate) fn failure(status: StatusCode, message: &str) -> Html<String> {
    let title = status.canonical_reason().unwrap_or("Error");
    page(
        title,
        html! {
            h1 { (status.as_u16()) " " (title) }
            p { (message) }
            p { a href="/" { "Back to the events" } }
        },
    )
}

/// Figure kinds shown per event in the list.
const KEY_FIGURES: usize = 4;

/// One page of the events list.
pub(crate) struct EventsView {
    pub events: Vec<Event>,
    /// Events in the store, and the index of this page's first.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub report: Option<IngestReport>,
}

pub(crate) fn events(view: &EventsView) -> Html<String> {
    page(
        "Events",
        html! {
            h1 { "Events" }
            @if let Some(report) = &view.report { (upload_report(report)) }
            @if view.total == 0 {
                p { "No events yet: upload articles below, or run " code { "crosscheck ingest" } "." }
            } @else {
                p.meta { (counted(view.total, "event", "events")) }
                (events_table(&view.events))
                (pager(view))
            }
            (upload_form())
        },
    )
}

fn events_table(events: &[Event]) -> Markup {
    html! {
        table.events {
            tr { th { "event" } th { "when" } th { "where" } th { "sources" } th { "latest figures" } th { "conflicts" } }
            @for e in events {
                tr data-event=(e.id) {
                    td { a href=(event_path(&e.id)) { (e.title.as_deref().unwrap_or("(untitled event)")) } }
                    td { (when(e.when.as_deref())) }
                    td { (place(e)) }
                    td { (sources(e)) }
                    td.figures {
                        @for f in e.figures.iter().take(KEY_FIGURES) {
                            @if let Some(latest) = &f.latest { (f.kind.name()) " " (count(&latest.figure)) br; }
                        }
                    }
                    td {
                        @for c in &e.conflicts {
                            @let kind = name(c.kind);
                            span class={ "badge " (kind) } title=(c.summary) { (c.topic) " " (kind) }
                        }
                    }
                }
            }
        }
    }
}

/// "3 documents, 2 outlets".
fn sources(e: &Event) -> String {
    format!(
        "{}, {}",
        counted(e.documents.len(), "document", "documents"),
        counted(outlets(e).len(), "outlet", "outlets")
    )
}

fn pager(view: &EventsView) -> Markup {
    let shown = view.offset + view.events.len();
    html! {
        nav.pager {
            @if view.offset > 0 {
                a href={ "/?offset=" (view.offset.saturating_sub(view.limit)) } { "← earlier events" }
            }
            span.meta { (view.offset + 1) "–" (shown) " of " (view.total) }
            @if shown < view.total {
                a href={ "/?offset=" (shown) } { "later events →" }
            }
        }
    }
}

fn upload_form() -> Markup {
    html! {
        h2 { "Add articles" }
        form action="/documents" method="post" enctype="multipart/form-data" {
            input type="file" name="files" multiple accept=(ACCEPTED.join(","));
            " "
            button type="submit" { "Upload and ingest" }
        }
        p.meta {
            "Text, JSON, JSON Lines, web pages, RSS/Atom feeds and WARC archives (gzipped too), "
            "as " code { "crosscheck ingest" } " reads them."
        }
    }
}

fn upload_report(report: &IngestReport) -> Markup {
    let class = if report.errors.is_empty() {
        "notice"
    } else {
        "notice bad"
    };
    html! {
        div class=(class) {
            p {
                (counted(report.documents.len(), "document", "documents"))
                " read: " (report.added) " added, "
                (report.updated) " updated, " (report.unchanged) " unchanged; "
                (report.errors.len()) " skipped."
            }
            ul {
                @for d in &report.documents {
                    li {
                        a href=(document_path(&d.id)) { (d.title.as_deref().unwrap_or(&d.id)) }
                        " in " a href=(event_path(&d.event)) { "event " (d.event) }
                    }
                }
                @for e in &report.errors { li { (e.source) ": " (e.reason) } }
            }
        }
    }
}

/// The search results page.
pub(crate) fn search(query: &str, results: &[SearchResult]) -> Html<String> {
    page(
        "Search",
        html! {
            h1 { "Search" }
            form action="/search" method="get" {
                input type="search" name="q" value=(query) aria-label="Search the articles";
                " " button type="submit" { "Search" }
            }
            @if !query.trim().is_empty() {
                p.meta { (results.len()) " articles match " b { (query) } }
            }
            ol {
                @for r in results { li { (result(r)) } }
            }
        },
    )
}

fn result(r: &SearchResult) -> Markup {
    html! {
        a href=(document_path(&r.id)) { (r.title.as_deref().unwrap_or(&r.id)) }
        " — " (r.outlet.as_deref().unwrap_or("unknown outlet"))
        " — " (r.published.as_deref().unwrap_or("undated"))
        @if let Some(event) = &r.event { " — " a href=(event_path(event)) { "its event" } }
        br;
        span.snippet {
            @for (i, part) in r.parts().into_iter().enumerate() {
                @if i % 2 == 1 { mark { (part) } } @else { (part) }
            }
        }
    }
}
