//! `crosscheck watch` end to end: articles arriving in a folder raise change events, and a
//! restarted watch says nothing of what it already said.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::Value;

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crocus");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap()
}

/// A watch over `folder` every second, and its change events as they come.
fn watch(folder: &Path, db: &Path) -> (Child, Receiver<Value>) {
    watch_with(&[folder.as_os_str()], db)
}

/// A watch every second with these inputs and options, and its change events as they come.
fn watch_with(inputs: &[&std::ffi::OsStr], db: &Path) -> (Child, Receiver<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "watch",
            "--every",
            "1s",
            "--reference-date",
            "2026-12-01",
            "-q",
        ])
        .args(inputs)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let change: Value = serde_json::from_str(&line).expect("a JSON line");
            if send.send(change).is_err() {
                break;
            }
        }
    });
    (child, receive)
}

/// The change events until one of `kind` arrives (within a deadline).
fn until(changes: &Receiver<Value>, kind: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(change) = changes.recv_timeout(left) else {
            break;
        };
        let done = change["type"] == kind;
        seen.push(change);
        if done {
            return seen;
        }
    }
    panic!("no {kind} change within a minute; saw {seen:?}");
}

fn interrupt(mut child: Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "Ctrl-C ends a watch with 0");
}

#[test]
fn arriving_articles_raise_change_events_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let db = dir.path().join("watch.db");
    let (child, changes) = watch(&folder, &db);

    std::fs::copy(seed("000"), folder.join("000.txt")).unwrap();
    let first = until(&changes, "event_new");
    let event = first.last().unwrap()["event"].as_str().unwrap().to_string();
    assert!(first.last().unwrap()["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("60 people"));

    std::fs::copy(seed("003"), folder.join("003.txt")).unwrap();
    let mut killed = None;
    let deadline = Instant::now() + Duration::from_secs(60);
    while killed.is_none() && Instant::now() < deadline {
        for change in until(&changes, "figure_changed") {
            if change["type"] == "figure_changed" && change["kind"] == "killed" {
                killed = Some(change);
            }
        }
    }
    let killed = killed.expect("a change of the death toll");
    assert_eq!(killed["event"], event.as_str());
    assert_eq!(killed["old"]["value"], 60);
    assert_eq!(killed["new"]["value"], 137);
    assert!(
        killed["sentence"]
            .as_str()
            .unwrap()
            .contains("death toll of 137"),
        "{killed}"
    );
    interrupt(child);

    // A restarted watch reads the same files again and says nothing.
    let (child, changes) = watch(&folder, &db);
    std::thread::sleep(Duration::from_secs(4));
    interrupt(child);
    let again: Vec<Value> = changes.try_iter().collect();
    assert!(again.is_empty(), "re-alerted: {again:?}");
}

/// What the test server has seen and serves: the feed's version, the conditional requests
/// answered 304, and the webhook's bodies.
#[derive(Default)]
struct Served {
    version: usize,
    not_modified: usize,
    hooks: Vec<Value>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS feed of the first `items` seed articles.
fn feed(items: usize) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>");
    for (i, name) in ["000", "003"].iter().take(items).enumerate() {
        let text = std::fs::read_to_string(seed(name)).unwrap();
        out.push_str(&format!(
            "<item><guid>wire-{i}</guid><title>Concert hall attack {i}</title>\
             <pubDate>Sat, 2{} Mar 2024 09:00:00 GMT</pubDate><description>{}</description></item>",
            i + 2,
            escape(&text)
        ));
    }
    out + "</channel></rss>"
}

/// A small HTTP server on the loopback: `/feed.xml` with an ETag per version (304 to a
/// request that names the current one), `/hook` taking POSTed change events.
fn serve(state: std::sync::Arc<std::sync::Mutex<Served>>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                head.push(line.trim_end().to_string());
                line.clear();
            }
            let header = |name: &str| {
                head.iter().find_map(|h| {
                    let (k, v) = h.split_once(':')?;
                    k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                })
            };
            let mut state = state.lock().unwrap();
            let answer = if head.first().is_some_and(|l| l.starts_with("POST /hook")) {
                let length: usize = header("content-length").unwrap().parse().unwrap();
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                state.hooks.push(serde_json::from_slice(&body).unwrap());
                "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_string()
            } else {
                let etag = format!("\"v{}\"", state.version);
                if header("if-none-match").as_deref() == Some(etag.as_str()) {
                    state.not_modified += 1;
                    format!(
                        "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
                    )
                } else {
                    let body = feed(state.version);
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {etag}\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                }
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://{address}")
}

#[test]
fn a_feed_is_followed_with_conditional_requests_and_changes_reach_the_webhook() {
    let state = std::sync::Arc::new(std::sync::Mutex::new(Served {
        version: 1,
        ..Served::default()
    }));
    let base = serve(std::sync::Arc::clone(&state));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    let (feed, hook) = (format!("{base}/feed.xml"), format!("{base}/hook"));
    let (child, changes) = watch_with(&[feed.as_ref(), "--webhook".as_ref(), hook.as_ref()], &db);
    let first = until(&changes, "event_new");
    let event = first.last().unwrap()["event"].clone();
    // Unchanged, the feed answers 304 to the watch's conditional request.
    let deadline = Instant::now() + Duration::from_secs(30);
    while state.lock().unwrap().not_modified == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        state.lock().unwrap().not_modified > 0,
        "no conditional request"
    );
    // A new version with a later report raises the toll.
    state.lock().unwrap().version = 2;
    let later = until(&changes, "figure_changed");
    assert_eq!(later.last().unwrap()["event"], event);
    interrupt(child);
    let hooks = &state.lock().unwrap().hooks;
    assert!(
        hooks
            .iter()
            .any(|h| h["type"] == "event_new" && h["event"] == event),
        "{hooks:?}"
    );
    assert!(
        hooks.iter().any(|h| h["type"] == "figure_changed"),
        "{hooks:?}"
    );
}
