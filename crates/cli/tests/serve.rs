//! `crosscheck serve` end to end: it ingests its inputs, prints where it listens, answers
//! over a real socket, stops on Ctrl-C, and refuses to open up to other machines unguarded.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{crosscheck, listening};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crocus")
}

/// A GET over a plain socket: the status line and the body.
fn fetch(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

#[test]
fn serves_the_ingested_seeds_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    let mut child = crosscheck(&[
        "serve",
        examples().to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--addr",
        "127.0.0.1:0",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("crosscheck serve starts");
    let addr = listening(&mut child);
    let page = fetch(&addr, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Crocus City Hall"), "{page}");
    assert!(
        page.contains("content-security-policy: default-src 'none'"),
        "{page}"
    );
    let api = fetch(&addr, "/api/events");
    assert!(api.contains("\"killed\""), "{api}");
    let interrupt = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupt.success());
    let status = child.wait().expect("stops");
    assert_eq!(status.code(), Some(0));
}

fn refused(args: &[&str]) -> Output {
    let output = crosscheck(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    output
}

#[test]
fn other_machines_need_the_flag_and_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    let db = db.to_str().unwrap();
    let err = |o: Output| String::from_utf8_lossy(&o.stderr).into_owned();
    let open = refused(&["serve", "--db", db, "--addr", "0.0.0.0:0"]);
    assert!(err(open).contains("--allow-remote"));
    let unguarded = refused(&["serve", "--db", db, "--addr", "0.0.0.0:0", "--allow-remote"]);
    assert!(err(unguarded).contains("needs an access token"));
    let short = refused(&["serve", "--db", db, "--token", "short"]);
    assert!(err(short).contains("at least 16 characters"));
}
