//! What pages and API answers read from the store, the same for both. Each runs on a
//! blocking thread; the store is locked only for its own calls, never while a dossier is
//! fused.

use std::sync::Arc;

use crosscheck_model::{Document, Event};
use crosscheck_store::Highlight;

use crate::api::SearchResult;
use crate::error::Failure;
use crate::state::AppState;

/// Events a page or an API answer holds at most.
pub const MAX_EVENTS: usize = 100;
/// Search results at most.
pub const MAX_RESULTS: usize = 100;

/// Markers around matched words in the store's snippets: private-use characters, which no
/// article should hold, taken out again before anything is shown.
const MATCH_START: char = '\u{E000}';
const MATCH_END: char = '\u{E001}';

/// The dossiers of `limit` events from `offset`, the most reported first (then in the order
/// they were founded), and how many events there are. A store of a few thousand events is
/// mostly single-article ones: the stories many outlets covered are what a reader opens.
pub fn events(
    state: &AppState,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Event>, usize), Failure> {
    let mut all = state.read(|store| store.events())?;
    all.sort_by_key(|summary| std::cmp::Reverse(summary.documents));
    let page = all.iter().skip(offset).take(limit.clamp(1, MAX_EVENTS));
    let mut events = Vec::new();
    for summary in page {
        let event = match state.cached_dossier(&summary.id) {
            Some(event) => event,
            None => dossier(state, &summary.id)?.0,
        };
        events.push(Event::clone(&event));
    }
    Ok((events, all.len()))
}

/// One event's dossier with its documents; an event without documents does not exist.
/// The dossier is fused once and kept until the next write.
pub fn dossier(state: &AppState, id: &str) -> Result<(Arc<Event>, Vec<Document>), Failure> {
    let writes = state.writes();
    let mut docs = state.read(|store| store.event_documents(id))?;
    if docs.is_empty() {
        return Err(Failure::not_found(format!("no event {id}")));
    }
    if let Some(event) = state.cached_dossier(id) {
        crosscheck_pipeline::resolve_years(&mut docs);
        return Ok((event, docs));
    }
    let event = Arc::new(crosscheck_pipeline::fused(id, &mut docs));
    state.keep_dossier(writes, Arc::clone(&event));
    Ok((event, docs))
}

/// One document, and the event it was placed in.
pub fn document(state: &AppState, id: &str) -> Result<(Document, Option<String>), Failure> {
    state
        .read(|store| Ok((store.get(id)?, store.event_of(id)?)))
        .and_then(|found| match found {
            (Some(doc), event) => Ok((doc, event)),
            (None, _) => Err(Failure::not_found(format!("no document {id}"))),
        })
}

/// Documents matching every word of `query`, best first; nothing for a query without words.
pub fn search(state: &AppState, query: &str, limit: usize) -> Result<Vec<SearchResult>, Failure> {
    if !query.chars().any(char::is_alphanumeric) {
        return Ok(Vec::new());
    }
    let (before, after) = (MATCH_START.to_string(), MATCH_END.to_string());
    let highlight = Highlight {
        before: &before,
        after: &after,
    };
    state.read(|store| {
        let hits = store.search(query, limit.clamp(1, MAX_RESULTS), highlight)?;
        hits.into_iter()
            .map(|hit| {
                let event = store.event_of(&hit.document.id)?;
                let (snippet, matches) = unmark(&hit.snippet);
                Ok(SearchResult::new(hit, event, snippet, matches))
            })
            .collect()
    })
}

/// A snippet without its markers, and the byte ranges they marked.
fn unmark(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut plain = String::with_capacity(marked.len());
    let mut matches = Vec::new();
    let mut open = None;
    let mut rest = marked;
    while let Some((i, marker)) = rest
        .char_indices()
        .find(|&(_, c)| c == MATCH_START || c == MATCH_END)
    {
        plain.push_str(&rest[..i]);
        match (marker == MATCH_START, open) {
            (true, _) => open = Some(plain.len()),
            (false, Some(start)) => {
                matches.push((start, plain.len()));
                open = None;
            }
            (false, None) => {}
        }
        rest = &rest[i + marker.len_utf8()..];
    }
    plain.push_str(rest);
    (plain, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_ranges() {
        let (plain, matches) = unmark("a \u{E000}Crocus\u{E001} hall \u{E000}é\u{E001}");
        assert_eq!(plain, "a Crocus hall é");
        assert_eq!(matches, [(2, 8), (14, 16)]);
        assert_eq!(unmark("no marks").0, "no marks");
    }
}
