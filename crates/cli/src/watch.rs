//! `crosscheck watch`: follows folders, files and feeds (RSS or Atom over HTTP and HTTPS, see
//! [`crate::feeds`]) as a story breaks. Each new or changed file, and each new version of a
//! feed, is read and filed as `ingest` files it (the same reading, the same [`Filer`]); then the
//! dossier of each event it touched is compared with the dossier without its new documents,
//! and what changed is said as change events: JSON Lines on stdout (`event_new`,
//! `figure_changed`, `conflict_new`, `position_new`), a readable line each on a terminal, and
//! each POSTed as JSON to `--webhook` where one is given.
//!
//! A watch keeps no state of its own: a document read again as it was is not filed again
//! (its input hash is the store's), so it changes no dossier and raises no alert, and a
//! restarted watch says nothing of what an earlier one filed. Ctrl-C or SIGTERM lets the
//! current file finish; the watch then exits 0.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use clap::Args;
use crosscheck_pipeline::changes::{self, Change};
use crosscheck_pipeline::Filer;
use crosscheck_store::{input_hash, Store};
use serde_json::Value;

use crate::feeds::{self, Feed, Fetched};
use crate::{stdout_is_terminal, DbArg, ReadOptions};

#[derive(Args)]
pub struct WatchArgs {
    /// Folders (read recursively, hidden files passed over), files, and feeds given by URL
    /// (`https://…`: RSS or Atom) to follow.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// How often to look for new and changed files and to ask the feeds again: `500ms`,
    /// `1s`, `30s`, `5m`, `1h` (a failing feed waits twice as long at each failure, up to an
    /// hour).
    #[arg(long, default_value = "5m", value_parser = parse_duration)]
    every: Duration,
    /// Also POST each change event, as JSON, to this URL.
    #[arg(long, value_name = "URL")]
    webhook: Option<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    options: ReadOptions,
}

/// A file as last seen: its length and modification time.
type Stamp = (u64, SystemTime);

/// How long a file must stay as it is before it is read: one being written is left for the
/// next look.
const SETTLE: Duration = Duration::from_secs(1);

pub fn run(args: &WatchArgs, quiet: bool) -> anyhow::Result<u8> {
    let store = args.db.open()?;
    let mut filer = Filer::resume(&*store)?;
    let stop = stop_on_signal();
    let terminal = stdout_is_terminal();
    let (urls, paths): (Vec<&String>, Vec<&String>) =
        args.inputs.iter().partition(|i| feeds::is_url(i));
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let mut feeds: Vec<Feed> = urls.into_iter().map(|u| Feed::new(u.clone())).collect();
    let agent = feeds::agent();
    // A feed's body is read from a file of its own, as `ingest` reads a saved feed.
    let spool = tempfile::Builder::new()
        .prefix("crosscheck-watch")
        .tempdir()?;
    let emit = |changes: &[Change]| -> anyhow::Result<()> {
        let mut out = io::stdout().lock();
        for change in changes {
            if terminal {
                writeln!(out, "{}", change.line)?;
            } else {
                writeln!(out, "{}", change.json)?;
            }
        }
        out.flush()?;
        if let Some(url) = &args.webhook {
            for change in changes {
                post(&agent, url, &change.json);
            }
        }
        Ok(())
    };
    let mut read: HashMap<PathBuf, Stamp> = HashMap::new();
    let mut previous: HashMap<PathBuf, Stamp> = HashMap::new();
    if !quiet {
        eprintln!(
            "watch: following {} every {:?} (Ctrl-C stops)",
            args.inputs.len(),
            args.every
        );
    }
    while !stop.load(Ordering::SeqCst) {
        for (k, feed) in feeds.iter_mut().enumerate() {
            if stop.load(Ordering::SeqCst) || !feed.due(Instant::now()) {
                continue;
            }
            match feed.fetch(&agent, args.every) {
                Ok(Fetched::Unchanged) => {}
                Ok(Fetched::New(body)) => {
                    let path = spool.path().join(format!("feed-{k}.xml"));
                    std::fs::write(&path, body)?;
                    let changes =
                        file_one(args, &*store, &mut filer, &path, Some(&feed.url), quiet)?;
                    emit(&changes)?;
                }
                // A failing feed is said, never fatal: the others go on.
                Err(reason) => eprintln!("watch: {}: {reason}", feed.url),
            }
        }
        let now = SystemTime::now();
        let found = scan(&paths);
        let mut ready: Vec<&PathBuf> = found
            .iter()
            .filter(|(path, stamp)| {
                let settled = previous.get(*path) == Some(stamp)
                    || now.duration_since(stamp.1).is_ok_and(|age| age >= SETTLE);
                read.get(*path) != Some(stamp) && settled
            })
            .map(|(path, _)| path)
            .collect();
        ready.sort();
        for path in ready {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let changes = file_one(args, &*store, &mut filer, path, None, quiet)?;
            emit(&changes)?;
            read.insert(path.clone(), found[path]);
        }
        previous = found;
        // Sleep in short steps, so that a signal is seen at once.
        let mut slept = Duration::ZERO;
        while slept < args.every && !stop.load(Ordering::SeqCst) {
            let step = Duration::from_millis(100).min(args.every - slept);
            std::thread::sleep(step);
            slept += step;
        }
    }
    Ok(0)
}

/// POSTs a change event to the webhook; a failure is said and the watch goes on.
fn post(agent: &ureq::Agent, url: &str, change: &Value) {
    let sent = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(change.to_string());
    match sent {
        Ok(answer) if answer.status().is_success() => {}
        Ok(answer) => eprintln!("watch: webhook {url}: HTTP {}", answer.status().as_u16()),
        Err(e) => eprintln!("watch: webhook {url}: {e}"),
    }
}

/// Reads one file into the store and returns the change events of the events it touched;
/// a feed's documents take its URL as their source.
fn file_one(
    args: &WatchArgs,
    store: &dyn Store,
    filer: &mut Filer,
    path: &Path,
    feed: Option<&str>,
    quiet: bool,
) -> anyhow::Result<Vec<Change>> {
    let mut new_ids = Vec::new();
    args.options
        .run(&[path.to_path_buf()], true, &mut |mut doc| {
            if let Some(url) = feed {
                doc.source = url.to_string();
            }
            if store.input_hash(&doc.id)?.as_deref() != Some(input_hash(&doc).as_str()) {
                new_ids.push(doc.id.clone());
            }
            filer.file(store, doc)?;
            Ok(())
        })?;
    let filing = filer.finish(store)?;
    if !quiet && !new_ids.is_empty() {
        eprintln!(
            "watch: {}: {} new or changed",
            feed.map_or_else(|| path.display().to_string(), str::to_string),
            crosscheck_pipeline::counted(new_ids.len(), "document", "documents")
        );
    }
    let mut touched: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for id in &new_ids {
        if let Some(event) = filing.events.get(id) {
            touched.entry(event).or_default().push(id);
        }
    }
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut changes = Vec::new();
    for (event, fresh) in touched {
        changes.extend(changes::of_event(
            store,
            event,
            |id| fresh.contains(&id),
            &at,
        )?);
    }
    Ok(changes)
}

/// Every file under the inputs that `ingest` would read, with its stamp.
fn scan(inputs: &[PathBuf]) -> HashMap<PathBuf, Stamp> {
    crosscheck_ingest::input_files(inputs)
        .into_iter()
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            let stamp = (meta.len(), meta.modified().ok()?);
            Some((path, stamp))
        })
        .collect()
}

/// A flag raised by Ctrl-C or SIGTERM.
pub(crate) fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                match signal(SignalKind::terminate()) {
                    Ok(mut term) => {
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {}
                            _ = term.recv() => {}
                        }
                    }
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        });
        flag.store(true, Ordering::SeqCst);
    });
    stop
}

/// "500ms", "1s", "30s", "5m", "1h".
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("a duration needs a unit: {s:?} (ms, s, m or h)"))?;
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("not a duration: {s:?}"))?;
    let duration = match unit {
        "ms" => Duration::from_millis(n),
        "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        _ => {
            return Err(format!(
                "unknown duration unit {unit:?} (use ms, s, m or h)"
            ))
        }
    };
    if duration.is_zero() {
        return Err("a duration must be more than zero".to_string());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_with_their_units() {
        assert_eq!(parse_duration("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("3 days").is_err());
    }
}
