//! The scale-out mode end to end, against real `nats-server` and PostgreSQL (started by
//! `tools/services.sh`, which prints the variables these tests read; without them each test
//! says it skipped, and `.ci/run` makes sure they are there): articles submitted to the
//! stream and filed by two workers, one killed with SIGKILL mid-stream and restarted, then
//! PostgreSQL and NATS each restarted under running workers, and a `submit` started while
//! NATS is down, give the documents and the events one `ingest` into SQLite gives.
//!
//! One test function: the restarts would pull the servers from under a test beside it.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crosscheck_store::testing::{service, TestDatabase};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

/// Synthetic coverage of incidents in several towns, told by several outlets each, with
/// tolls that rise: enough articles that a worker is killed mid-stream.
fn coverage(dir: &Path, batch: usize) -> PathBuf {
    let towns = [
        ("Riverton", "bridge collapsed"),
        ("Lakeside", "factory exploded"),
        ("Millbrook", "train derailed"),
        ("Ashford", "stadium roof fell"),
        ("Fairview", "ferry capsized"),
        ("Kingsport", "tower caught fire"),
    ];
    let mut lines = String::new();
    for (t, (town, what)) in towns.iter().enumerate() {
        for outlet in 0..12 {
            let day = 3 + t * 4 + outlet / 6;
            let toll = 5 + outlet + t;
            let record = serde_json::json!({
                "id": format!("b{batch}-{town}-{outlet}"),
                "title": format!("{toll} dead after {what} in {town}"),
                "text": format!(
                    "At least {toll} people were killed and {} injured when a {what} in {town} on Tuesday, officials said. Rescue teams searched through the night in {town}. The {town} mayor said the toll could rise.",
                    toll * 2
                ),
                "published": format!("2025-0{}-{day:02}", 3 + batch),
                "outlet": format!("Outlet {outlet}"),
            });
            lines.push_str(&record.to_string());
            lines.push('\n');
        }
    }
    let path = dir.join(format!("coverage-{batch}.jsonl"));
    std::fs::write(&path, lines).unwrap();
    path
}

fn crosscheck(args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "crosscheck {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn worker(nats: &str, stream: &str, db: &str, drain: bool) -> Child {
    let mut command = Command::new(BIN);
    command
        .args(["worker", "--nats", nats, "--stream", stream, "--db", db])
        .args(["--batch", "4", "--ack-wait", "2", "--threads", "1"])
        .args(["--reference-date", "2026-12-01", "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if drain {
        command.arg("--drain");
    }
    command.spawn().unwrap()
}

/// Waits for a draining worker, failing the test past `limit`.
fn finish(mut child: Child, limit: Duration) {
    let started = Instant::now();
    let errors = |child: &mut Child| {
        let mut err = String::new();
        use std::io::Read;
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        err
    };
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let err = errors(&mut child);
            assert!(status.success(), "worker failed: {err}");
            return;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "a draining worker did not finish in {limit:?}; it said: {}",
                errors(&mut child)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The stored document ids, and the events as sets of document ids.
fn contents(db: &str) -> (BTreeSet<String>, BTreeSet<BTreeSet<String>>) {
    let list: Value = serde_json::from_slice(
        &crosscheck(&["list", "--db", db, "--limit", "100000", "--format", "json"]).stdout,
    )
    .unwrap();
    let ids = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let dossiers: Value =
        serde_json::from_slice(&crosscheck(&["dossier", "--db", db, "--format", "json"]).stdout)
            .unwrap();
    let events = dossiers
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    (ids, events)
}

fn stored(db: &str) -> usize {
    crosscheck_store::open(db).unwrap().count().unwrap()
}

fn services_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/services.sh")
}

fn restart(what: &str, dir: &str) {
    let status = Command::new(services_script())
        .args([what, dir])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{what} failed");
}

#[test]
fn workers_killed_and_servers_restarted_give_what_one_ingest_gives() {
    let test = "the scale-out fault tests";
    let Some(nats) = service("CROSSCHECK_TEST_NATS", test) else {
        return;
    };
    let Some(services) = service("CROSSCHECK_SERVICES", test) else {
        return;
    };
    let Some(db) = TestDatabase::create(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = coverage(dir.path(), 0);
    let second = coverage(dir.path(), 1);
    let stream = format!("CC_TEST_{}", std::process::id());
    let inputs = [first.to_str().unwrap(), second.to_str().unwrap()];

    // The reference: one ingest of everything into SQLite.
    let sqlite = dir.path().join("one.db");
    let sqlite = sqlite.to_str().unwrap();
    let mut ingest = vec![
        "ingest",
        "-q",
        "--reference-date",
        "2026-12-01",
        "--db",
        sqlite,
    ];
    ingest.extend(inputs);
    crosscheck(&ingest);

    // 1. A worker killed with SIGKILL mid-stream, another started, the first restarted.
    crosscheck(&[
        "submit", "-q", "--nats", &nats, "--stream", &stream, inputs[0],
    ]);
    let mut doomed = worker(&nats, &stream, &db.url, false);
    let started = Instant::now();
    while stored(&db.url) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing stored"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    doomed.kill().unwrap(); // SIGKILL
    doomed.wait().unwrap();
    assert!(
        stored(&db.url) < 72,
        "the worker was killed too late to test anything"
    );
    let other = worker(&nats, &stream, &db.url, true);
    let restarted = worker(&nats, &stream, &db.url, true);
    finish(other, Duration::from_secs(120));
    finish(restarted, Duration::from_secs(120));
    assert_eq!(stored(&db.url), 72);

    // 2. PostgreSQL restarted, then NATS restarted, under a running worker, with the
    // second half of the coverage going through.
    crosscheck(&[
        "submit", "-q", "--nats", &nats, "--stream", &stream, inputs[1],
    ]);
    let running = worker(&nats, &stream, &db.url, true);
    while stored(&db.url) == 72 {
        std::thread::sleep(Duration::from_millis(20));
    }
    restart("restart-postgres", &services);
    restart("restart-nats", &services);
    finish(running, Duration::from_secs(180));

    // Submitting the same inputs again stores nothing twice; this time NATS is down when
    // `submit` starts, and back two seconds later: it waits and reconnects.
    let services_dir = services.clone();
    let outage = std::thread::spawn(move || {
        let status = Command::new(services_script())
            .args(["restart-nats", &services_dir, "2"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    });
    std::thread::sleep(Duration::from_millis(500));
    crosscheck(&[
        "submit", "-q", "--nats", &nats, "--stream", &stream, inputs[0],
    ]);
    outage.join().unwrap();
    finish(
        worker(&nats, &stream, &db.url, true),
        Duration::from_secs(60),
    );

    let (ids, events) = contents(&db.url);
    let (want_ids, want_events) = contents(sqlite);
    assert_eq!(ids.len(), 144);
    assert_eq!(ids, want_ids);
    assert_eq!(
        events.len(),
        want_events.len(),
        "{:?}",
        events.iter().map(BTreeSet::len).collect::<Vec<_>>()
    );
    assert_eq!(events, want_events);

    // The commands that read a store read the shared one unchanged.
    let found = crosscheck(&["search", "--db", &db.url, "Riverton", "bridge"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("Riverton"));
    let listed = crosscheck(&["events", "--db", &db.url]);
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout).lines().count(),
        want_events.len()
    );
    let table = crosscheck(&["export", "--db", &db.url, "--format", "csv"]);
    assert_eq!(
        String::from_utf8_lossy(&table.stdout).lines().count(),
        want_events.len() + 1
    );
}
