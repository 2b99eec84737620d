//! The `crosscheck` command end to end: the bundled seed articles, bad inputs, the store.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn crosscheck(args: &[&str]) -> Output {
    crosscheck_with_stdin(args, None)
}

fn crosscheck_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .env_remove("CROSSCHECK_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crosscheck runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("stdin written");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("crosscheck finishes")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crocus")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn by_file<'a>(docs: &'a Value, name: &str) -> &'a Value {
    docs.as_array()
        .and_then(|a| {
            a.iter()
                .find(|d| d["source"].as_str().is_some_and(|s| s.ends_with(name)))
        })
        .unwrap_or_else(|| panic!("no document from {name}"))
}

#[test]
fn seeds_extract_per_spec() {
    let dir = examples();
    let out = crosscheck(&[
        "extract",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--reference-date",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = json(&out);
    assert_eq!(docs.as_array().map(Vec::len), Some(2));
    for doc in docs.as_array().unwrap() {
        for key in crosscheck_model::Document::CONTRACT_KEYS {
            assert!(doc.get(*key).is_some(), "missing key {key}");
        }
    }

    let seed0 = by_file(&docs, "000_8103a67227389a93.txt");
    assert_eq!(seed0["published"], "2024-03-23");
    assert_eq!(seed0["published_basis"], "inferred");
    let text = seed0["text"].as_str().unwrap();
    let damaged: Vec<&Value> = seed0["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "damaged")
        .collect();
    assert_eq!(damaged.len(), 1);
    let (s, e) = (
        damaged[0]["start"].as_u64().unwrap() as usize,
        damaged[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "??");
    assert!(
        !text.contains('\u{a0}'),
        "non-breaking spaces are plain spaces"
    );
    assert!(
        text.contains("caused a fire “."),
        "curly quotes are kept as written"
    );

    let seed3 = by_file(&docs, "003_8f8b51aa86bcdf17.txt");
    assert_eq!(seed3["outlet"], "The New Voice of Ukraine");
    assert_eq!(seed3["outlet_basis"], "text");
    assert_eq!(seed3["published"], Value::Null);
    assert_eq!(seed3["published_not_before"], "XXXX-03-25");
    let times: Vec<(&str, &str)> = seed0["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["text"].as_str().unwrap(), t["value"].as_str().unwrap()))
        .collect();
    for want in [
        ("Friday evening, March 22", "2024-03-22TEV"),
        ("Saturday", "2024-03-23"),
        ("2002", "2002"),
        ("the next forty-eight hours", "PT48H"),
    ] {
        assert!(times.contains(&want), "{want:?} not in {times:?}");
    }
    assert_eq!(seed3["title"], "ISIS tried to organize similar attacks in France, Macron says after shooting in Crocus City Hall");
    let text = seed3["text"].as_str().unwrap();
    for gone in [
        "Read also:",
        "donation",
        "Read the original article",
        "Crocus City Hall\nCrocus City Hall",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in the text");
    }
    assert!(text.starts_with("The ISIS terrorist group"), "{text}");
    assert!(text.contains("toll of 137"));
    // "building.Recent" is two sentences.
    let sentences: Vec<&str> = seed3["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &text[p[0].as_u64().unwrap() as usize..p[1].as_u64().unwrap() as usize])
        .collect();
    assert!(
        sentences.contains(&"The shooters also set fire to the building."),
        "{sentences:#?}"
    );
}

#[test]
fn seeds_statements_and_claims() {
    let out = crosscheck(&["extract", examples().to_str().unwrap()]);
    let docs = json(&out);
    let seed0 = by_file(&docs, "000_8103a67227389a93.txt");
    let statements = seed0["statements"].as_array().unwrap();
    let said = |content: &str| {
        statements
            .iter()
            .find(|s| s["content"].as_str().unwrap().contains(content))
            .unwrap_or_else(|| panic!("no statement with {content:?}"))
    };
    let emergency = said("unidentified people");
    assert_eq!(emergency["speaker"], "emergency services");
    assert_eq!(emergency["via"][0], "Interfax agency");
    let bursts = said("machine gun bursts");
    assert_eq!(bursts["direct"], true);
    assert!(bursts["via"][0].as_str().unwrap().contains("AFP"));
    // "he said" after the committee's figure: the committee's, not the producer's.
    let increase = said("number of victims could increase");
    assert_eq!(increase["speaker"], "investigative committee");
    let text = seed0["text"].as_str().unwrap();
    for s in statements {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(a..b), s["text"].as_str(), "{s}");
        assert!(s["text"]
            .as_str()
            .unwrap()
            .contains(s["content"].as_str().unwrap()));
    }
    let claims = seed0["claims"].as_array().unwrap();
    let position = |stance: &str, party: &str| {
        claims
            .iter()
            .find(|c| c["stance"] == stance && c["party"] == party)
            .unwrap_or_else(|| panic!("no {stance} {party} in {claims:#?}"))
    };
    assert_eq!(position("claims", "Islamic State")["event"], "main");
    assert!(position("denies", "Ukraine")["by"]
        .as_str()
        .unwrap()
        .contains("Podoliak"));
    assert_eq!(position("asserts", "Afghan terrorists")["event"], "other");
}

#[test]
fn every_offset_points_at_its_text_in_real_articles() {
    let dir = examples();
    let out = crosscheck(&[
        "extract",
        dir.to_str().unwrap(),
        "--reference-date",
        "2026-12-01",
    ]);
    for doc in json(&out).as_array().unwrap() {
        let text = doc["text"].as_str().unwrap();
        let times = doc["times"].as_array().unwrap();
        assert!(!times.is_empty());
        for t in times {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(s..e), t["text"].as_str(), "{t}");
        }
        let entities = doc["entities"].as_array().unwrap();
        assert!(entities.len() > 5);
        for m in entities
            .iter()
            .flat_map(|e| e["mentions"].as_array().unwrap())
        {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            // A headline's names point into the title.
            let source = match m["field"].as_str() {
                Some("title") => doc["title"].as_str().unwrap(),
                _ => text,
            };
            assert_eq!(source.get(s..e), m["text"].as_str(), "{m}");
        }
        for pair in doc["sentences"].as_array().unwrap() {
            let (s, e) = (
                pair[0].as_u64().unwrap() as usize,
                pair[1].as_u64().unwrap() as usize,
            );
            assert!(text.get(s..e).is_some_and(|x| !x.is_empty()));
        }
    }
}

#[test]
fn ids_are_stable_and_jsonl_has_one_document_a_line() {
    let dir = examples();
    let run = || crosscheck(&["extract", dir.to_str().unwrap(), "--format", "jsonl", "-q"]);
    let (a, b) = (run(), run());
    assert_eq!(a.stdout, b.stdout, "extraction is deterministic");
    let lines: Vec<&[u8]> = a
        .stdout
        .split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let doc: Value = serde_json::from_slice(line).unwrap();
        assert_eq!(doc["id"].as_str().map(str::len), Some(16));
    }
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("good.txt"),
        "A headline about the floods\n\nRains displaced 200 people on Monday.",
    )
    .unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("binary.txt"), b"\x7fELF\x02\x01\x00\x00binary").unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"Le caf\xe9 \xe9tait ferm\xe9 \xe0 Moscou, d\xe9j\xe0 hier soir.",
    )
    .unwrap();
    fs::write(root.join("records.jsonl"), "{\"id\": \"r1\", \"text\": \"First record.\"}\n{not json\n{\"text\": \"\"}\n{\"id\": 7, \"text\": \"Third.\", \"source\": \"Reuters\"}\n").unwrap();
    fs::write(root.join("notes.md"), "not an input").unwrap();
    let out = crosscheck(&[
        "extract",
        root.to_str().unwrap(),
        "--reference-date",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(1), "some inputs were skipped");
    let err = stderr(&out);
    let path = |name: &str| root.join(name).display().to_string();
    assert!(
        err.contains(&format!("{}: empty", path("empty.txt"))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: binary", path("binary.txt"))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}#2: malformed JSON", path("records.jsonl"))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}#3: empty", path("records.jsonl"))),
        "{err}"
    );
    assert!(err.contains("1 file ignored"), "{err}");
    let docs = json(&out);
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids.contains(&"r1") && ids.contains(&"7"));
    let seventh = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "7")
        .unwrap();
    assert_eq!(seventh["outlet"], "Reuters");
    assert_eq!(seventh["source"], format!("{}#4", path("records.jsonl")));
    let latin1 = by_file(&docs, "latin1.txt");
    assert_eq!(
        latin1["text"],
        "Le café était fermé à Moscou, déjà hier soir."
    );
    assert_eq!(latin1["warnings"][0]["kind"], "encoding");
}

fn web_examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/web")
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// A WARC record as CC-NEWS writes them: one gzip member a record.
fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-05-16T02:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    gzip(&record)
}

#[test]
fn web_pages_feeds_and_archives() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let page = fs::read(web_examples().join("bridge-collapse.html")).unwrap();
    fs::copy(web_examples().join("wire.rss"), root.join("wire.rss")).unwrap();
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    response.extend_from_slice(&page);
    let archive = [
        warc_record("warcinfo", "", b"software: test"),
        warc_record(
            "request",
            "https://courier.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
        ),
        warc_record("response", "https://courier.example/x", &response),
        warc_record(
            "response",
            "https://courier.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ),
    ]
    .concat();
    fs::write(root.join("news.warc.gz"), &archive).unwrap();
    fs::write(root.join("cut.warc.gz"), &archive[..archive.len() - 40]).unwrap();
    fs::write(root.join("page.htm.gz"), gzip(&page)).unwrap();
    fs::write(
        root.join("chrome.html"),
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .unwrap();
    fs::write(root.join("broken.rss"), "<rss><channel><title>x</title>").unwrap();
    let out = crosscheck(&[
        "extract",
        root.to_str().unwrap(),
        "--reference-date",
        "2026-12-01",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let path = |name: &str| root.join(name).display().to_string();
    assert!(
        err.contains(&format!("{}: no article", path("chrome.html"))),
        "{err}"
    );
    assert!(err.contains(&format!("{}: ", path("broken.rss"))), "{err}");
    assert!(
        err.contains(&format!(
            "{}#2: cannot read: gzip: truncated",
            path("cut.warc.gz")
        )),
        "{err}"
    );
    // Requests, the archive's info and an image are counted, never reported as skipped.
    assert!(err.contains("records without an article"), "{err}");
    assert!(!err.contains("news.warc.gz"), "{err}");

    let docs = json(&out);
    let crawled = by_file(&docs, "news.warc.gz#1");
    assert_eq!(crawled["crawled"], "2023-05-16T02:00:00Z");
    assert_eq!(crawled["published"], "2023-05-14T18:20:00-05:00");
    assert_eq!(crawled["published_basis"], "metadata");
    assert_eq!(crawled["url"], "https://courier.example/x");
    let page = by_file(&docs, "page.htm.gz");
    assert_eq!(page["title"], "Bridge collapse in Riverton kills 12");
    assert_eq!(page["outlet"], "The Valley Courier");
    assert_eq!(page["authors"], serde_json::json!(["Dana Whitfield"]));
    assert_eq!(
        page["url"],
        "https://courier.example/news/2023/05/14/riverton-bridge-collapse"
    );
    assert_eq!(page["crawled"], Value::Null);
    let text = page["text"].as_str().unwrap();
    assert!(text.starts_with("At least 12 people were killed"), "{text}");
    assert!(
        text.contains("\n\n\"The span went down"),
        "paragraphs are kept: {text}"
    );
    for chrome in [
        "Subscribe",
        "Most read",
        "Thoughts with the families",
        "All rights reserved",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} in {text}");
    }
    assert!(page["figures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "killed" && f["value"] == 12));
    let item = by_file(&docs, "wire.rss#1");
    assert_eq!(item["id"], "wire-2023-0515-001");
    assert_eq!(item["outlet"], "Valley Wire");
    assert_eq!(item["published"], "2023-05-15T14:05:00Z");
    assert!(item["text"]
        .as_str()
        .unwrap()
        .contains("\n\nThirty people were injured"));
    assert_eq!(
        by_file(&docs, "wire.rss#2")["title"],
        "Inspectors arrive in Riverton"
    );

    // Stored, the good documents stay when a later run meets the same bad inputs. The
    // page archived twice (same bytes, same record number, no record id) is one document.
    let store = tempfile::tempdir().unwrap();
    let db = store.path().join("store.db");
    let db = db.to_str().unwrap();
    let ingest = || crosscheck(&["ingest", root.to_str().unwrap(), "--db", db]);
    let first = ingest();
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("4 stored in all"),
        "{}",
        stderr(&first)
    );
    let again = ingest();
    assert!(stderr(&again).contains("0 added"), "{}", stderr(&again));
    let listed = json(&crosscheck(&["list", "--db", db, "--format", "json"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(4), "{listed}");
}

#[test]
fn oversized_documents_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, "word ".repeat(1000)).unwrap();
    let out = crosscheck(&["extract", big.to_str().unwrap(), "--max-doc-size", "1K"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("big.txt: too large"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn standard_input_is_read() {
    let out = crosscheck_with_stdin(
        &["extract", "-", "--format", "json"],
        Some(b"{\"text\": \"From a pipe.\"}\n{\"text\": \"Second.\"}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = json(&out);
    assert_eq!(docs[1]["source"], "-#2");
    let out = crosscheck_with_stdin(
        &["extract", "-"],
        Some("Plain text from a pipe.".as_bytes()),
    );
    assert_eq!(json(&out)[0]["source"], "-");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(crosscheck(&["extract"]).status.code(), Some(2));
    assert_eq!(
        crosscheck(&["extract", "x", "--reference-date", "March"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(crosscheck(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn dossier_puts_the_seeds_in_one_event() {
    let out = crosscheck(&["dossier", examples().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = json(&out);
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    for key in [
        "id",
        "title",
        "when",
        "where",
        "documents",
        "entities",
        "figures",
        "claims",
        "statements",
        "framing",
        "conflicts",
        "timeline",
    ] {
        assert!(event.get(key).is_some(), "no {key} in {event}");
    }
    let documents = event["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    for d in documents {
        for key in ["id", "source", "outlet", "published", "duplicate_of"] {
            assert!(d.get(key).is_some(), "no {key} in {d}");
        }
        assert_eq!(
            d["duplicate_of"],
            Value::Null,
            "two outlets' stories are no copies"
        );
    }
    let seed3 = documents
        .iter()
        .find(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .ends_with("003_8f8b51aa86bcdf17.txt")
        })
        .unwrap();
    assert_eq!(
        seed3["published_not_before"], "2024-03-25",
        "the year comes from the event"
    );
    let entity = |name: &str| {
        event["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {}", event["entities"]))
    };
    let is = entity("Islamic State");
    assert_eq!(is["documents"].as_array().map(Vec::len), Some(2));
    assert!(is["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "ISIS"));
    assert_eq!(
        entity("Vladimir Putin")["documents"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    assert_eq!(
        event["when"], "2024-03-22TEV",
        "the attack's evening, not a publication date"
    );
    assert_eq!(event["where"]["name"], "Moscow");
    assert_eq!(event["where"]["country"], "Russia");
    let killed = event["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "killed")
        .expect("a killed history");
    let values: Vec<&Value> = killed["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["value"])
        .collect();
    assert_eq!(
        values,
        [40, 60, 60, 137],
        "the previous report first; Dubrovka's 130 never"
    );
    assert_eq!(killed["latest"]["value"], 137);
    assert_eq!(killed["trend"], "rising");
    let kinds: Vec<(&str, &str)> = event["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["topic"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("killed", "update")), "{kinds:?}");
    assert!(
        kinds.contains(&("responsibility", "contested")),
        "{kinds:?}"
    );

    let md = crosscheck(&["dossier", examples().to_str().unwrap(), "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    for part in [
        "# ",
        "**When:** 2024-03-22, evening",
        "## Figures",
        "| killed | 137",
        "## Responsibility",
        "## Conflicts",
        "## Timeline",
        "| Vladimir Putin | The New Voice of Ukraine | Russian dictator; dictator |",
        "## Documents",
    ] {
        assert!(md.contains(part), "no {part:?} in\n{md}");
    }
}

#[test]
fn ingest_is_idempotent_and_the_store_can_be_browsed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let db = db.to_str().unwrap();
    let seeds = examples();
    let seeds = seeds.to_str().unwrap();
    let first = crosscheck(&[
        "ingest",
        seeds,
        "--db",
        db,
        "--reference-date",
        "2026-12-01",
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("2 added"), "{}", stderr(&first));
    let again = crosscheck(&[
        "ingest",
        seeds,
        "--db",
        db,
        "--reference-date",
        "2026-12-01",
    ]);
    assert!(stderr(&again).contains("2 unchanged"), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("2 stored in all (1 events)"),
        "{}",
        stderr(&again)
    );
    // The undated seed joined the event of the dated one and took its year.
    let seed3 = json(&crosscheck(&["show", "--db", db, "0e06c124e586baf4"]));
    assert_eq!(seed3["published_not_before"], "2024-03-25", "{seed3}");
    let events = json(&crosscheck(&["dossier", "--db", db, "--format", "json"]));
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert_eq!(events[0]["documents"].as_array().map(Vec::len), Some(2));
    let id = events[0]["id"].as_str().unwrap();
    let one = json(&crosscheck(&["dossier", "--db", db, "--event", id]));
    assert_eq!(one, events);
    let none = crosscheck(&["dossier", "--db", db, "--event", "ev-nope"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("no event ev-nope"),
        "{}",
        stderr(&none)
    );

    let list = json(&crosscheck(&["list", "--db", db, "--format", "json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let hits = json(&crosscheck(&[
        "search",
        "Zakharova",
        "--db",
        db,
        "--format",
        "json",
    ]));
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Zakharova]"));
    let id = hits[0]["id"].as_str().unwrap();
    let shown = json(&crosscheck(&["show", id, "--db", db]));
    assert_eq!(shown["published"], "2024-03-23");
    let missing = crosscheck(&["show", "nope", "--db", db]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no document with id \"nope\""));

    // A bad input next to good ones loses nothing already stored.
    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, "{oops\n").unwrap();
    let partial = crosscheck(&["ingest", bad.to_str().unwrap(), "--db", db]);
    assert_eq!(partial.status.code(), Some(1));
    assert!(
        stderr(&partial).contains("2 stored in all"),
        "{}",
        stderr(&partial)
    );
}

#[test]
fn a_damaged_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    fs::write(&db, vec![0x42u8; 10_000]).unwrap();
    let out = crosscheck(&["list", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("broken.db: not a crosscheck database"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "dossier",
            examples().to_str().unwrap(),
            "--format",
            "json",
            "-q",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the first byte.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}

#[test]
fn events_lists_a_stores_events_with_their_toll() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let db = db.to_str().unwrap();
    let ingest = crosscheck(&["ingest", examples().to_str().unwrap(), "--db", db, "-q"]);
    assert_eq!(ingest.status.code(), Some(0), "{}", stderr(&ingest));
    let text = crosscheck(&["events", "--db", db]);
    let text = String::from_utf8(text.stdout).unwrap();
    let line = text.lines().next().unwrap();
    assert!(line.starts_with("ev-"), "{line}");
    assert!(
        line.contains("killed 137") && line.contains("2 documents"),
        "{line}"
    );
    // `dossier` reads the store $CROSSCHECK_DB names, as the other commands do.
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["dossier", "--format", "json"])
        .env("CROSSCHECK_DB", db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
    let rows = json(&crosscheck(&["events", "--db", db, "--format", "json"]));
    let first = &rows[0];
    assert_eq!(first["latest_killed"]["value"], 137, "{first}");
    assert_eq!(first["documents"], 2);
    assert!(first["id"].as_str().unwrap().starts_with("ev-"));
}

#[test]
fn export_writes_brat_and_timeml_files_for_annotation_tools() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("export.db");
    let db = db.to_str().unwrap();
    crosscheck(&["ingest", examples().to_str().unwrap(), "--db", db, "-q"]);
    let brat = dir.path().join("brat");
    let out = crosscheck(&[
        "export",
        "--db",
        db,
        "--format",
        "brat",
        "--out",
        brat.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(brat.join("annotation.conf").exists());
    let mut kinds = std::collections::BTreeSet::new();
    let mut spans = 0;
    for entry in std::fs::read_dir(&brat).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ann") {
            let text: Vec<char> = std::fs::read_to_string(path.with_extension("txt"))
                .unwrap()
                .chars()
                .collect();
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                if let Some(rest) = line.strip_prefix('T') {
                    let fields: Vec<&str> = rest.split('\t').collect();
                    let place: Vec<&str> = fields[1].split(' ').collect();
                    let (start, end): (usize, usize) =
                        (place[1].parse().unwrap(), place[2].parse().unwrap());
                    let words: String = text[start..end].iter().collect();
                    assert_eq!(words, fields[2], "{}: {line}", path.display());
                    kinds.insert(place[0].to_string());
                    spans += 1;
                }
            }
        }
    }
    assert!(spans > 50, "{spans}");
    for kind in ["Figure", "Claim", "Statement", "TIMEX3", "ORG"] {
        assert!(kinds.contains(kind), "{kind} missing from {kinds:?}");
    }
    let tml = dir.path().join("tml");
    crosscheck(&[
        "export",
        "--db",
        db,
        "--format",
        "timeml",
        "--out",
        tml.to_str().unwrap(),
    ]);
    let files: Vec<String> = std::fs::read_dir(&tml)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(files.len(), 2);
    // The dated seed has its creation time; tags are balanced in both.
    assert_eq!(
        files
            .iter()
            .filter(|f| f.contains("functionInDocument=\"CREATION_TIME\""))
            .count(),
        1
    );
    assert!(files
        .iter()
        .all(|f| f.matches("<TIMEX3").count() == f.matches("</TIMEX3>").count()));
    // The folder is required for them.
    let refused = crosscheck(&["export", "--db", db, "--format", "timeml"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn export_writes_a_row_an_event_for_coders() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("export.db");
    let db = db.to_str().unwrap();
    crosscheck(&["ingest", examples().to_str().unwrap(), "--db", db, "-q"]);
    let out = crosscheck(&["export", "--db", db, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut table = csv::Reader::from_reader(out.stdout.as_slice());
    let columns: Vec<String> = table.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(columns[0], "event_id");
    let rows: Vec<csv::StringRecord> = table.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let cell = |name: &str| rows[0][columns.iter().position(|c| c == name).unwrap()].to_string();
    assert_eq!(cell("fatalities_latest"), "137");
    assert_eq!(cell("arrested"), "11");
    assert_eq!(cell("date"), "2024-03-22");
    assert_eq!(cell("date_precision"), "day");
    assert!(
        cell("perpetrators").contains("Islamic State (claims"),
        "{}",
        cell("perpetrators")
    );
    assert!(
        cell("notes").contains("death toll of 137"),
        "{}",
        cell("notes")
    );
    // One row a figure report, the latest marked.
    let out = crosscheck(&["export", "--db", db, "--table", "figures"]);
    let mut table = csv::Reader::from_reader(out.stdout.as_slice());
    let latest: Vec<csv::StringRecord> = table
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[1] == "killed" && &r[6] == "true")
        .collect();
    assert_eq!(latest.len(), 1);
    assert_eq!(&latest[0][2], "137");
}

#[test]
fn reading_commands_never_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let db = db.to_str().unwrap();
    for args in [
        vec!["list", "--db", db],
        vec!["search", "attack", "--db", db],
        vec!["show", "doc-1", "--db", db],
        vec!["dossier", "--db", db],
        vec!["events", "--db", db],
        vec!["export", "--db", db],
    ] {
        let out = crosscheck(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("no store at "),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!std::path::Path::new(db).exists(), "{args:?} made a store");
    }
}

#[test]
fn the_html_dossier_is_self_contained_and_escapes_article_text() {
    let out = crosscheck(&["dossier", examples().to_str().unwrap(), "--format", "html"]);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg"), "a chart of the killed history");
    assert!(!page.contains("<script") && !page.contains("src=\"http"));
    let hostile = br#"{"id": "h", "title": "<script>alert(1)</script>", "outlet": "\"><img src=x onerror=alert(1)>", "text": "Gunmen killed 12 people in Springfield on Friday, police said. <b>Bold</b> claims were made."}"#;
    let out = crosscheck_with_stdin(&["dossier", "-", "--format", "html"], Some(hostile));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>") && !page.contains("<img") && !page.contains("<b>Bold"));
}

/// A figure as a test expects it: kind, value, qualifier.
type Count = (&'static str, u64, &'static str);

/// The French, Russian and Ukrainian reports of `examples/languages` read with their own
/// packs: every count of people, of its kind, with its qualifier; and each says what is not
/// yet read in its language.
#[test]
fn french_russian_and_ukrainian_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/languages");
    let out = crosscheck(&["extract", dir.to_str().unwrap(), "-q"]);
    let docs = json(&out);
    let expected: [(&str, &[Count]); 3] = [
        (
            "ferry-fr.json",
            &[
                ("killed", 12, "at_least"),
                ("injured", 30, "exact"),
                ("hospitalized", 15, "about"),
                ("evacuated", 140, "exact"),
                ("arrested", 2, "exact"),
                ("killed", 14, "exact"),
            ],
        ),
        (
            "ferry-ru.json",
            &[
                ("killed", 12, "at_least"),
                ("injured", 30, "exact"),
                ("hospitalized", 15, "exact"),
                ("evacuated", 140, "exact"),
                ("arrested", 2, "exact"),
                ("killed", 14, "exact"),
            ],
        ),
        (
            "ferry-uk.json",
            &[
                ("killed", 14, "at_least"),
                ("injured", 30, "exact"),
                ("hospitalized", 15, "exact"),
                ("evacuated", 140, "exact"),
                ("arrested", 2, "exact"),
            ],
        ),
    ];
    for (file, figures) in expected {
        let doc = by_file(&docs, file);
        let all = doc["figures"].as_array().unwrap();
        // The headline's counts come after the body's, marked as the title's.
        assert!(
            all.iter()
                .any(|f| f["field"] == "title" && f["kind"] == "killed"),
            "{file}: no count from the headline"
        );
        let found: Vec<(&str, u64, &str)> = all
            .iter()
            .filter(|f| f["field"] != "title")
            .map(|f| {
                (
                    f["kind"].as_str().unwrap(),
                    f["value"].as_u64().unwrap_or(0),
                    f["qualifier"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(found, figures, "{file}");
        assert!(
            doc["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["kind"] == "language"),
            "{file}: no word of what is not read"
        );
    }
}

#[test]
fn help_lists_every_input_format() {
    for command in ["extract", "ingest"] {
        let out = crosscheck(&[command, "--help"]);
        let help = String::from_utf8_lossy(&out.stdout);
        for extension in [
            ".txt", ".json", ".jsonl", ".html", ".rss", ".atom", ".warc", ".gz",
        ] {
            assert!(
                help.contains(extension),
                "{command} --help lacks {extension}: {help}"
            );
        }
    }
}
