//! The HTML of crosscheck: the served pages and the self-contained dossier page of
//! `crosscheck dossier --format html`, both from the same templates.
//!
//! Templates are maud: compiled in, and escaping everything they interpolate, so no string
//! of an article (title, outlet, quote, URL) can become markup. Nothing here writes
//! `PreEscaped` but constant markup of our own (the stylesheet, the doctype).

mod chart;
mod document;
mod dossier;
mod listing;

use axum::http::StatusCode;
use axum::response::Html;
use crosscheck_model::Event;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::evidence::{Cite, Evidence};

pub(crate) use document::document;
pub(crate) use dossier::event_page;
pub(crate) use listing::{events, search, EventsView};

/// The stylesheet, served at [`STYLESHEET`] and inlined in the self-contained page.
pub(crate) const CSS: &str = include_str!("../../static/app.css");

/// Where the served pages load their stylesheet from.
pub(crate) const STYLESHEET: &str = "/static/app.css";

/// Whether facts link to their evidence: on the served pages they do; a page saved to a
/// file has nowhere to link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    Served,
    None,
}

/// One self-contained page of dossiers (`crosscheck dossier --format html`): no link to
/// follow, no script, no external asset, the stylesheet inline under the page's own policy.
pub fn standalone(events: &[Event]) -> String {
    let title = match events {
        [one] => one.title.as_deref().unwrap_or("Event dossier").to_string(),
        _ => format!("{} event dossiers", events.len()),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body.standalone {
                @for e in events {
                    (dossier::event(e, &Evidence::new(e, &[]), Links::None))
                }
            }
        }
    };
    page.into_string()
}

/// A served page: the header with the search box, then `body`.
pub(crate) fn page(title: &str, body: Markup) -> Html<String> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · crosscheck" }
                link rel="stylesheet" href=(STYLESHEET);
                // No icon to fetch: browsers would ask for /favicon.ico on every page.
                link rel="icon" href="data:,";
            }
            body {
                header.top {
                    a.home href="/" { "crosscheck" }
                    a href="/" { "Events" }
                    a href="/api/openapi.json" { "API" }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search the articles"
                            aria-label="Search the articles";
                        " "
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
            }
        }
    };
    Html(page.into_string())
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

/// The evidence of a fact: a link per document, named by its outlet, to the sentence.
fn cites(cites: &[Cite<'_>], links: Links) -> Markup {
    html! {
        span.cites {
            @for c in cites {
                @let label = c.outlet.unwrap_or(c.document);
                @match links {
                    Links::Served => a.cite href=(c.href()) title={ "document " (c.document) } { (label) },
                    Links::None => span.cite title={ "document " (c.document) } { (label) },
                }
                " "
            }
        }
    }
}
