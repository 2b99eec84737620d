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
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "watch",
            "--every",
            "1s",
            "--reference-date",
            "2026-12-01",
            "-q",
        ])
        .arg(folder)
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
