#!/usr/bin/env python3
"""Hostile inputs: each made here, run through the release build, with its outcome, wall time
and peak memory (GNU time's maximum resident set size). The table of docs/EVALUATION.md
("Hostile inputs") is this script's output.

    cargo build --release && python3 tools/bench_hostile.py [--store GVA.db]

`--store` also times two searches against a store (e.g. one `crosscheck ingest` made of the
GVA articles): a query of 300 distinct words and one of 16 common words.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BIN = os.path.join(ROOT, "target", "release", "crosscheck")
SEEDS = os.path.join(ROOT, "examples", "crocus")


def pages(tmp):
    """(name, [paths]) of the hostile pages, written into `tmp`."""
    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    para = "<p>Police said two people died in the town on Sunday, officials reported.</p>"
    random.seed(1)
    words = ("police said two died in the town on sunday officials reported after fire near "
             "market where crowds had gathered for evening prayers and shopping").split()
    long_paras = "".join(
        "<p>" + " ".join(random.choice(words) for _ in range(160)) + ".</p>" for _ in range(19_500))
    deep = write("deep.html", "<html><body>" + "<div>" * 10_000 + para + "</div>" * 10_000 + "</body></html>")
    deep_open = write("deep-open.html", "<html><body>" + "<div>" * 10_000 + para + "</body></html>")
    return [
        ("10,000 nested `<div>`s, closed (110 KB)", [deep]),
        ("10,000 nested `<div>`s, never closed (50 KB)", [deep_open]),
        ("both, with the two seeds, `--threads 2`", [deep, deep_open, SEEDS]),
        ("`<div/>` × 100,000 (nests: `/` does not close a div)", [write("selfclose.html", "<div/>" * 100_000)]),
        ("200 distinct `<b>` closed by `</div>`, then 3,000 paragraphs (a parser reopens the 200 before each)",
         [write("reopen.html", "<div>" + "".join(f"<b id={i}>" for i in range(200)) + "</div>" + "<p>x</p>" * 3_000)]),
        ("60,000 one-line paragraphs (4.6 MB, 120,000 nodes)", [write("many.html", "<html><body>" + para * 60_000 + "</body></html>")]),
        ("250 nested `<div>`s around 20,000 paragraphs (1.5 MB, within the depth bound)",
         [write("deep-wide.html", "<html><body>" + "<div>" * 250 + para * 20_000 + "</div>" * 250 + "</body></html>")]),
        ("50 nested `<div>`s around 20,000 paragraphs (1.5 MB)",
         [write("shallow-wide.html", "<html><body>" + "<div>" * 50 + para * 20_000 + "</div>" * 50 + "</body></html>")]),
        ("19,500 paragraphs of 160 words (19 MB)", [write("flat.html", "<html><body>" + long_paras + "</body></html>")]),
        ("a 3.8 MB page of 49,000 paragraphs (98,000 nodes, just under the bound)",
         [write("flat-small.html", "<html><body>" + para * 49_000 + "</body></html>")]),
    ]


def measure(args):
    """Runs crosscheck with `args`; returns (exit code, seconds, peak MB, stderr)."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", BIN] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    lines = [l for l in run.stderr.strip().splitlines() if not l.startswith("Command exited")]
    peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return run.returncode, seconds, peak_kb / 1024, "\n".join(lines[:-1])


def outcome(code, err):
    reasons = sorted({m.group(1) for m in re.finditer(r": (too complex: [^\n]+|too large[^\n]*|no article[^\n]*)", err)})
    summary = re.search(r"extract: ([^\n]+)", err)
    parts = reasons + ([summary.group(1)] if summary else [])
    return f"exit {code}: " + "; ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", help="a store to time searches against")
    opts = parser.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"{BIN}: build it first (cargo build --release)")
    print("| input | outcome | time | peak memory |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in pages(tmp):
            code, seconds, peak, err = measure(["extract", *paths, "--format", "jsonl", "--threads", "2"])
            print(f"| {name} | {outcome(code, err)} | {seconds:.2f} s | {peak:.0f} MB |")
    if opts.store:
        many = " ".join(f"w{i}" for i in range(300))
        common = "the police said a man was shot and killed in the city on night after two people"
        for name, query in [("search: 300 distinct words", many), ("search: 16 common words", common)]:
            code, seconds, peak, err = measure(["search", "--db", opts.store, "--format", "json", query])
            print(f"| {name} | exit {code}: {err.strip()[:90] or 'answered'} | {seconds:.2f} s | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
