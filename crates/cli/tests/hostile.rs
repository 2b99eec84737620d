//! Hostile and busy conditions end to end: pages built to exhaust a parser, names built to
//! forge a report, several writers at once, the same input twice.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use common::{crosscheck, listening};
use serde_json::{json, Value};

fn run(args: &[&str]) -> Output {
    crosscheck(args).output().expect("crosscheck runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crocus")
}

/// 10,000 nested `<div>`s around one paragraph, closed or left open.
fn deep_page(closed: bool) -> String {
    format!(
        "<html><body>{}<p>Police said two people died in the blast on Sunday.</p>{}</body></html>",
        "<div>".repeat(10_000),
        if closed {
            "</div>".repeat(10_000)
        } else {
            String::new()
        }
    )
}

/// A folder holding the seeds and the two deep pages.
fn seeds_and_deep_pages(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    fs::create_dir(&inputs).unwrap();
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    fs::write(inputs.join("deep.html"), deep_page(true)).unwrap();
    fs::write(inputs.join("deep-open.html"), deep_page(false)).unwrap();
    inputs
}

fn reported_deep(err: &str) {
    for page in ["deep.html", "deep-open.html"] {
        assert!(
            err.lines().any(|l| l.contains(page)
                && l.contains("too complex: HTML nesting deeper than 256 elements")),
            "{page} not reported: {err}"
        );
    }
}

#[test]
fn deep_pages_are_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = seeds_and_deep_pages(dir.path());
    let inputs = inputs.to_str().unwrap();
    let out = run(&["extract", inputs, "--format", "json", "--threads", "2"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    reported_deep(&stderr(&out));
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(2));

    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let out = run(&["ingest", inputs, "--db", db]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    reported_deep(&stderr(&out));
    assert!(stderr(&out).contains("2 stored in all"), "{}", stderr(&out));
}

#[test]
fn a_forged_name_cannot_forge_a_report_line() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\nother.txt: forged line.txt");
    fs::write(&evil, "").unwrap();
    let flipped = dir.path().join("cod\u{202E}txt.exe.txt");
    fs::write(&flipped, "").unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap(), "--format", "json"]);
    let err = stderr(&out);
    assert!(
        !err.lines().any(|l| l.starts_with("other.txt")),
        "a forged line: {err}"
    );
    assert!(
        err.contains("evil\\nother.txt: forged line.txt: empty"),
        "{err}"
    );
    assert!(err.contains("cod\\u{202e}txt.exe.txt: empty"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_read_and_named_by_its_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xE9.txt");
    fs::write(
        dir.path().join(name),
        "Police said two people were injured in the fire.",
    )
    .unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    let source = docs[0]["source"].as_str().unwrap();
    assert!(source.ends_with("caf\\xE9.txt"), "{source}");
}

/// `n` short articles of their own, each about another fire.
fn articles(dir: &Path, name: &str, n: usize) -> PathBuf {
    let path = dir.join(name);
    let mut out = fs::File::create(&path).unwrap();
    for i in 0..n {
        let record = json!({
            "id": format!("{name}-{i}"),
            "title": format!("Fire in warehouse {i} of Port Elmsworth"),
            "text": format!(
                "Firefighters fought a blaze at warehouse number {i} on Dock Road {i}, \
                 fire chief Ann Rowe said on Monday. {} workers were treated for smoke.",
                i % 7 + 2
            ),
            "published": "2024-05-06",
        });
        writeln!(out, "{record}").unwrap();
    }
    path
}

fn count(db: &str) -> usize {
    let out = run(&["list", "--db", db, "--format", "json", "--limit", "100000"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    docs.as_array().map_or(0, Vec::len)
}

#[test]
fn concurrent_ingests_into_a_new_and_an_existing_store_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let a = articles(dir.path(), "a.jsonl", 300);
    let b = articles(dir.path(), "b.jsonl", 300);
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let both = |first: &Path, second: &Path| {
        let spawn = |input: &Path| {
            crosscheck(&["ingest", input.to_str().unwrap(), "--db", db, "-q"])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (one, two) = (spawn(first), spawn(second));
        for child in [one, two] {
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        }
    };
    // A new store, created by both at once.
    both(&a, &b);
    assert_eq!(count(db), 600);
    // An existing one, written by both at once (the second reads the same files again).
    let c = articles(dir.path(), "c.jsonl", 300);
    both(&c, &a);
    assert_eq!(count(db), 900);
}

#[test]
fn ingesting_the_same_input_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("copies.jsonl");
    let story = "The council of Port Elmsworth voted on Tuesday to close the old harbour bridge \
        after engineers found cracks in two of its piers. Mayor Lena Ortiz said repairs would \
        take at least eight months and cost 14 million dollars. Ferries will run every twenty \
        minutes while the bridge is shut, the harbour authority said.";
    let mut records = vec![
        json!({"id": "wire", "title": "Harbour bridge to close", "text": story, "published": "2024-05-07"}),
        json!({"id": "copy", "title": "Port Elmsworth shuts bridge for repairs", "text": story, "published": "2024-05-08"}),
    ];
    for i in 0..20 {
        records.push(json!({
            "id": format!("other-{i}"),
            "text": format!("Other story {i}: the town library of Westbury number {i} opened a reading room for {i} children."),
            "published": "2024-05-08",
        }));
    }
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("x.db");
    let (input, db) = (input.to_str().unwrap(), db.to_str().unwrap());
    let dossier = || {
        let out = run(&["dossier", "--db", db, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        out.stdout
    };
    assert_eq!(run(&["ingest", input, "--db", db]).status.code(), Some(0));
    let first = dossier();
    let again = run(&["ingest", input, "--db", db]);
    assert!(
        stderr(&again).contains("(0 added, 0 updated, 22 unchanged)"),
        "{}",
        stderr(&again)
    );
    assert_eq!(first, dossier(), "the dossiers changed");
    let events: Value = serde_json::from_slice(&first).unwrap();
    let copies: Vec<&Value> = events
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["documents"].as_array().unwrap())
        .filter(|d| !d["duplicate_of"].is_null())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0]["duplicate_of"], "wire");
}

/// A request over a plain socket; the status code and the whole answer.
fn request(addr: &str, method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("an answer");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"));
    (status, answer)
}

fn serve(db: &str) -> (Child, String) {
    let mut child = crosscheck(&[
        "serve",
        "--db",
        db,
        "--addr",
        "127.0.0.1:0",
        "--rate-limit",
        "10000",
        "-q",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .expect("crosscheck serve starts");
    let addr = listening(&mut child);
    (child, addr)
}

fn multipart(name: &str, content: &str) -> (String, Vec<u8>) {
    let boundary = "crosscheck-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/html\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

#[test]
fn a_server_survives_deep_uploads_and_ingest_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let (mut server, addr) = serve(db);

    let page = json!({ "html": deep_page(true) }).to_string();
    let (status, answer) = request(
        &addr,
        "POST",
        "/api/documents",
        "application/json",
        page.as_bytes(),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("nesting deeper than 256"), "{answer}");
    let (kind, body) = multipart("deep-open.html", &deep_page(false));
    let (status, answer) = request(&addr, "POST", "/documents", &kind, &body);
    assert!(status < 500, "{answer}");
    let (status, answer) = request(
        &addr,
        "POST",
        "/api/documents",
        "application/json",
        b"{broken",
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("{\"error\":"), "{answer}");

    // An ingest writes into the same store while uploads keep coming: none fails.
    let input = articles(dir.path(), "bulk.jsonl", 1_500);
    let mut ingest = crosscheck(&["ingest", input.to_str().unwrap(), "--db", db, "-q"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut uploads = 0;
    loop {
        let record = json!({
            "id": format!("upload-{uploads}"),
            "text": format!("Upload {uploads}: police in Westbury said {} people were hurt in a crash on Route {uploads}.", uploads % 5 + 2),
        })
        .to_string();
        let (status, answer) = request(
            &addr,
            "POST",
            "/api/documents",
            "application/json",
            record.as_bytes(),
        );
        assert_eq!(status, 200, "upload {uploads}: {answer}");
        uploads += 1;
        if ingest.try_wait().unwrap().is_some() && uploads >= 20 {
            break;
        }
    }
    let out = ingest.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (status, answer) = request(&addr, "GET", "/api/events", "text/plain", b"");
    assert_eq!(status, 200, "{answer}");
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(count(db), 1_500 + uploads);
}
