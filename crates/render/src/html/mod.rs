//! The HTML of crosscheck: the served pages and the self-contained dossier page of
//! `crosscheck dossier --format html`, both from the same templates.
//!
//! Templates are maud: compiled in, and escaping everything they interpolate, so no string
//! of an article (title, outlet, quote, URL) can become markup. Nothing here writes
//! `PreEscaped` but constant markup of our own (the stylesheet, the doctype).

mod chart;
mod document;
mod dossier;

use crosscheck_model::{Document, Event};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::cite::{Cite, Sources};

pub use document::document;
pub use dossier::event_page;

/// The stylesheet, served at [`STYLESHEET`] and inlined in the self-contained page.
pub const CSS: &str = include_str!("../../static/app.css");

/// Where the served pages load their stylesheet from.
pub const STYLESHEET: &str = "/static/app.css";

/// The served pages' one script: it keeps the events list and an open dossier up to date
/// from the server's change events. The page saved to a file has none.
pub const LIVE_JS: &str = include_str!("../../static/live.js");

/// Where the served pages load it from.
pub const LIVE_SCRIPT: &str = "/static/live.js";

/// How facts show their evidence: on the served pages they link to the sentence on the
/// document's page; a page saved to a file has nowhere to link to, so it holds the sentence
/// itself, with the outlet and date, to unfold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    Served,
    None,
}

/// One self-contained page of dossiers (`crosscheck dossier --format html`), each event
/// with its documents (whose sentences the page quotes): no link to follow, no script, no
/// external asset, the stylesheet inline under the page's own policy.
pub fn standalone(dossiers: &[(Event, Vec<Document>)]) -> String {
    let title = match dossiers {
        [(one, _)] => one.title.as_deref().unwrap_or("Event dossier").to_string(),
        _ => format!("{} event dossiers", dossiers.len()),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body.standalone {
                @for (e, docs) in dossiers {
                    (dossier::event(e, &Sources::new(e, docs), Links::None))
                }
            }
        }
    };
    page.into_string()
}

/// A served page: the header with the search box, then `body`.
pub fn page(title: &str, body: Markup) -> String {
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
                script src=(LIVE_SCRIPT) defer {}
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
    page.into_string()
}

/// The evidence of a fact: on a served page, a link per document, named by its outlet, to
/// the sentence; on a saved page, the sentence itself under the outlet's name, with the
/// document's date, to unfold.
fn cites(cites: &[Cite<'_>], links: Links) -> Markup {
    html! {
        span.cites {
            @for c in cites {
                @let label = c.outlet.unwrap_or(c.document);
                @match links {
                    Links::Served => a.cite href=(c.href()) title=(c.sentence.unwrap_or(c.words)) { (label) },
                    Links::None => details.cite {
                        summary { (label) }
                        blockquote { (c.sentence.unwrap_or(c.words)) }
                        p.meta {
                            @if let Some(outlet) = c.outlet { (outlet) " · " }
                            (c.date) " · document " code { (c.document) }
                        }
                    },
                }
                " "
            }
        }
    }
}
