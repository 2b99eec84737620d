//! One filing path: `dossier INPUT` (a store in memory) and `ingest` then `dossier --db` (a
//! store on disk) give the same events with the same ids and members, whatever the order
//! the inputs are given in. Run on the bundled examples always, and on the development sets
//! of `../shared/eval/dev/` when they are there.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::crosscheck;
use serde_json::Value;

/// A fixed day to read dates against, so that both paths read every date alike.
const REFERENCE: &str = "2026-12-01";

/// Each event's id with its documents' ids, sorted.
type Grouping = BTreeMap<String, Vec<String>>;

fn grouping(stdout: &[u8]) -> Grouping {
    let events: Value = serde_json::from_slice(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(stdout)));
    events
        .as_array()
        .expect("an array of events")
        .iter()
        .map(|e| {
            let mut ids: Vec<String> = e["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(|d| d["id"].as_str().expect("an id").to_string())
                .collect();
            ids.sort();
            (e["id"].as_str().expect("an event id").to_string(), ids)
        })
        .collect()
}

/// The events of `inputs` filed in memory.
fn in_memory(inputs: &[&Path]) -> Grouping {
    let mut args = vec!["dossier"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--format", "json", "-q", "--reference-date", REFERENCE]);
    let out = crosscheck(&args).output().expect("crosscheck runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    grouping(&out.stdout)
}

/// The events of `inputs` ingested into a new store on disk, then read back.
fn on_disk(inputs: &[&Path]) -> Grouping {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let db = db.to_str().unwrap();
    let mut args = vec!["ingest"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--db", db, "-q", "--reference-date", REFERENCE]);
    let ingest = crosscheck(&args).output().expect("crosscheck runs");
    assert!(
        matches!(ingest.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let out = crosscheck(&["dossier", "--db", db, "--format", "json", "-q"])
        .output()
        .expect("crosscheck runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    grouping(&out.stdout)
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The same events both ways, and the same again with the inputs given in reverse order.
fn same_both_ways(inputs: &[&Path]) -> Grouping {
    let memory = in_memory(inputs);
    assert!(!memory.is_empty(), "no event from {inputs:?}");
    assert_eq!(
        memory,
        on_disk(inputs),
        "dossier INPUT ≠ ingest + dossier --db"
    );
    let reversed: Vec<&Path> = inputs.iter().rev().copied().collect();
    assert_eq!(
        memory,
        in_memory(&reversed),
        "the order of the inputs changed the events"
    );
    memory
}

#[test]
fn bundled_examples_file_alike_in_memory_and_on_disk() {
    let root = repository().join("examples");
    let mut files: Vec<PathBuf> = ["crocus", "web"]
        .iter()
        .flat_map(|dir| fs::read_dir(root.join(dir)).expect("the bundled examples"))
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let events = same_both_ways(&paths);
    // The two seed articles report one attack: one event holds both.
    assert!(
        events.values().any(|ids| ids.len() >= 2),
        "the seeds are not together: {events:?}"
    );
}

/// A JSONL file split into one file per line, so that their order can be changed.
fn split_lines(jsonl: &Path, into: &Path) -> Vec<PathBuf> {
    fs::read_to_string(jsonl)
        .expect("a development set")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let path = into.join(format!("{i:04}.jsonl"));
            fs::write(&path, line).expect("a file written");
            path
        })
        .collect()
}

#[test]
fn development_sets_file_alike_in_memory_and_on_disk() {
    let dev = repository().join("../shared/eval/dev");
    if !dev.is_dir() {
        eprintln!("skipped: no {}", dev.display());
        return;
    }
    for set in ["giveme5w1h", "fakes", "gva", "multilingual"] {
        let dir = tempfile::tempdir().unwrap();
        let files = split_lines(&dev.join(format!("{set}.jsonl")), dir.path());
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        same_both_ways(&paths);
    }
}
