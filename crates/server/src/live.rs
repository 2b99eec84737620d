//! Live pages: the change events `crosscheck watch` prints (see
//! `crosscheck_pipeline::changes`), pushed to open pages as server-sent events at
//! `/api/changes`; `/static/live.js` updates the events list and an open dossier in place and
//! marks what changed. The store is watched, not the server's own uploads: documents filed by
//! an `ingest`, a `watch` or workers into the same store raise the same events.
//!
//! While someone listens, the store's events and their document counts are read every
//! [`POLL`]; an event that gained documents is fused without them and with them, and what
//! changed is sent. Nobody listening, nothing is read.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use crosscheck_pipeline::changes;
use futures_util::Stream;
use tokio::sync::broadcast;

use crate::state::{blocking, AppState};

/// How often the store is read for changes while a page listens.
const POLL: Duration = Duration::from_secs(1);
/// Change events held for a listener that is behind; past this it misses the oldest.
const BACKLOG: usize = 256;

/// The change events of this server, and whether the reading of the store has started.
pub struct Live {
    sender: broadcast::Sender<Arc<str>>,
    started: AtomicBool,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            sender: broadcast::channel(BACKLOG).0,
            started: AtomicBool::new(false),
        }
    }
}

/// `GET /api/changes`: a stream of change events (`data:` one JSON object each), kept alive
/// with comments.
pub async fn changes(
    State(state): State<Arc<AppState>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let receiver = state.live.sender.subscribe();
    if !state.live.started.swap(true, Ordering::SeqCst) {
        tokio::spawn(watch(Arc::clone(&state)));
    }
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(json) => return Some((Ok(SseEvent::default().data(&*json)), receiver)),
                // A listener too slow to keep up misses the oldest, not the newest.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Reads the store while anyone listens and sends what changed.
async fn watch(state: Arc<AppState>) {
    // Each event's document count when last read; none while nobody listens, so that a
    // listener arriving later is not sent what changed before it came.
    let mut known: Option<HashMap<String, usize>> = None;
    loop {
        tokio::time::sleep(POLL).await;
        if state.live.sender.receiver_count() == 0 {
            known = None;
            continue;
        }
        let previous = known.take();
        let read = blocking(&state, move |state| {
            state.read(|store| {
                let now: HashMap<String, usize> = store
                    .events()?
                    .into_iter()
                    .map(|e| (e.id, e.documents))
                    .collect();
                let mut found = Vec::new();
                if let Some(previous) = previous {
                    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
                    let mut grown: Vec<(&String, usize)> = now
                        .iter()
                        .filter_map(|(id, &n)| {
                            let before = previous.get(id).copied().unwrap_or(0);
                            (n > before).then_some((id, before))
                        })
                        .collect();
                    grown.sort();
                    for (event, before) in grown {
                        // The documents that joined are the last in storage order.
                        let docs = store.event_documents(event)?;
                        let fresh: HashSet<String> =
                            docs.iter().skip(before).map(|d| d.id.clone()).collect();
                        found.extend(changes::of_documents(
                            event,
                            docs,
                            |d| fresh.contains(&d.id),
                            &at,
                        ));
                    }
                }
                Ok((now, found))
            })
        })
        .await;
        match read {
            Ok((now, found)) => {
                if !found.is_empty() {
                    // Written by this server or another process: cached dossiers are stale.
                    state.forget_dossiers();
                }
                for change in found {
                    let _ = state.live.sender.send(change.json.to_string().into());
                }
                known = Some(now);
            }
            Err(e) => tracing::warn!("live pages: reading the store: {e:?}"),
        }
    }
}
