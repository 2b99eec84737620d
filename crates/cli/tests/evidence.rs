//! Every dossier item carries its evidence, and the evidence holds: each figure report,
//! position, statement, conflict side, framing descriptor and timeline item of every event
//! names at least one `{document, start, end, text}` whose `text` is that document's text
//! (or title) at those byte offsets, `document` being an id `extract` prints. Run on the
//! bundled examples always, and on the development sets of `../shared/eval/dev/` when they
//! are there.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::crosscheck;
use serde_json::Value;

const REFERENCE: &str = "2026-12-01";

fn json_of(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["-q", "--reference-date", REFERENCE]);
    let out = crosscheck(&args).output().expect("crosscheck runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Every item of a dossier that must carry evidence, with where it is.
fn items(event: &Value) -> Vec<(String, &Value)> {
    fn list(v: &Value) -> Vec<&Value> {
        v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
    }
    let mut out = Vec::new();
    for (i, f) in list(&event["figures"]).into_iter().enumerate() {
        for key in ["reports", "breakdown", "questioned"] {
            for (j, r) in list(&f[key]).into_iter().enumerate() {
                out.push((format!("figures[{i}].{key}[{j}]"), r));
            }
        }
        if !f["latest"].is_null() {
            out.push((format!("figures[{i}].latest"), &f["latest"]));
        }
    }
    for (i, party) in list(&event["claims"]).into_iter().enumerate() {
        for (j, p) in list(&party["positions"]).into_iter().enumerate() {
            out.push((format!("claims[{i}].positions[{j}]"), p));
        }
    }
    for (i, s) in list(&event["statements"]).into_iter().enumerate() {
        out.push((format!("statements[{i}]"), s));
    }
    for (i, c) in list(&event["conflicts"]).into_iter().enumerate() {
        for (j, side) in list(&c["sides"]).into_iter().enumerate() {
            out.push((format!("conflicts[{i}].sides[{j}]"), side));
        }
    }
    for (i, f) in list(&event["framing"]).into_iter().enumerate() {
        for (j, o) in list(&f["outlets"]).into_iter().enumerate() {
            out.push((format!("framing[{i}].outlets[{j}]"), o));
        }
    }
    for (i, t) in list(&event["timeline"]).into_iter().enumerate() {
        out.push((format!("timeline[{i}]"), t));
    }
    out
}

/// What is wrong with the evidence of the dossiers of `inputs`, one line a fault; and how
/// many pieces of evidence were checked.
fn faults(inputs: &[&Path]) -> (Vec<String>, usize) {
    let paths: Vec<&str> = inputs.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["extract"];
    args.extend(&paths);
    let documents = json_of(&args);
    let texts: HashMap<&str, (&str, &str)> = documents
        .as_array()
        .expect("an array of documents")
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap(),
                (
                    d["text"].as_str().unwrap_or_default(),
                    d["title"].as_str().unwrap_or_default(),
                ),
            )
        })
        .collect();
    let mut args = vec!["dossier"];
    args.extend(&paths);
    args.extend(["--format", "json"]);
    let events = json_of(&args);
    let mut faults = Vec::new();
    let mut checked = 0;
    for event in events.as_array().expect("an array of events") {
        let id = event["id"].as_str().unwrap_or_default();
        for (path, item) in items(event) {
            let evidence = item["evidence"].as_array().cloned().unwrap_or_default();
            if evidence.is_empty() {
                faults.push(format!("{id} {path}: no evidence"));
            }
            for e in &evidence {
                checked += 1;
                let doc = e["document"].as_str().unwrap_or_default();
                let Some((text, title)) = texts.get(doc) else {
                    faults.push(format!("{id} {path}: no document {doc:?}"));
                    continue;
                };
                let field = if e["field"] == "title" { title } else { text };
                let (start, end) = (
                    e["start"].as_u64().unwrap_or(u64::MAX) as usize,
                    e["end"].as_u64().unwrap_or(0) as usize,
                );
                let said = field.get(start..end);
                if said != e["text"].as_str() || said.is_none_or(str::is_empty) {
                    faults.push(format!(
                        "{id} {path}: {doc} {start}..{end} holds {said:?}, not {}",
                        e["text"]
                    ));
                }
            }
        }
    }
    (faults, checked)
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn every_item_of_the_bundled_dossiers_has_evidence_that_holds() {
    let root = repository().join("examples");
    let inputs = [root.join("crocus"), root.join("web")];
    let paths: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let (faults, checked) = faults(&paths);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert!(checked > 50, "only {checked} pieces of evidence");
}

#[test]
fn every_item_of_the_development_dossiers_has_evidence_that_holds() {
    let dev = repository().join("../shared/eval/dev");
    if !dev.is_dir() {
        eprintln!("skipped: no {}", dev.display());
        return;
    }
    for set in ["giveme5w1h", "fakes", "gva", "multilingual"] {
        let (faults, checked) = faults(&[&dev.join(format!("{set}.jsonl"))]);
        assert!(
            faults.is_empty(),
            "{set}: {} faults of {checked}:\n{}",
            faults.len(),
            faults.join("\n")
        );
    }
}

/// Text as maud writes it inside an element.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_standalone_seed_page_quotes_the_sentence_of_every_figure_report() {
    let seeds = repository().join("examples/crocus");
    let seeds = seeds.to_str().unwrap();
    let documents = json_of(&["extract", seeds]);
    let events = json_of(&["dossier", seeds, "--format", "json"]);
    let out = crosscheck(&[
        "dossier",
        seeds,
        "--format",
        "html",
        "-q",
        "--reference-date",
        REFERENCE,
    ])
    .output()
    .expect("crosscheck runs");
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    let mut quoted = 0;
    for event in events.as_array().unwrap() {
        for figure in event["figures"].as_array().unwrap() {
            for report in figure["reports"].as_array().unwrap() {
                let evidence = &report["evidence"][0];
                let doc = documents
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == evidence["document"])
                    .expect("the report's document");
                let start = evidence["start"].as_u64().unwrap() as usize;
                let text = doc["text"].as_str().unwrap();
                let (s, e) = doc["sentences"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        (
                            s[0].as_u64().unwrap() as usize,
                            s[1].as_u64().unwrap() as usize,
                        )
                    })
                    .find(|(s, e)| *s <= start && start < *e)
                    .expect("the report's sentence");
                let quote = format!("<blockquote>{}</blockquote>", escaped(&text[s..e]));
                assert!(page.contains(&quote), "the page does not quote {quote}");
                quoted += 1;
            }
        }
    }
    assert!(quoted >= 5, "only {quoted} reports");
    assert!(!page.contains("<script"), "a script in the page");
}
