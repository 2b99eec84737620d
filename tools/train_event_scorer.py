#!/usr/bin/env python3
"""Learn the event clusterer's scorer from labelled streams.

    python3 tools/train_event_scorer.py [--out crates/events/data/scorer.tsv]

The training parts of GVA (incidents with an even id) and ECB+ (topics 1–35) are annotated
by `crosscheck extract`, then replayed by the `evidence` example of crates/events, which
places every document in its true event and prints the evidence for each open event it
was compared with. A logistic regression (L2-regularized, each set weighted equally, plain
gradient descent: no dependency) learns the probability that a document and an event are
one; its weights go to the scorer file, which the clusterer embeds at build time. Evaluate
on the held-out parts with `python3 tools/eval/events.py --split test`.
"""
import argparse
import collections
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval"))
from common import ROOT, extract  # noqa: E402
from events import bcubed, labelled  # noqa: E402

import json  # noqa: E402

EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "evidence")


def stream_files(name, tmp):
    """A set's training part annotated, as the example reads it: (docs path, labels path, gold)."""
    records, gold = labelled(name, "train")
    docs, _ = extract(records)
    docs_path, labels_path = os.path.join(tmp, f"{name}.jsonl"), os.path.join(tmp, f"{name}.tsv")
    with open(docs_path, "w", encoding="utf-8") as f:
        for d in docs.values():
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(labels_path, "w", encoding="utf-8") as f:
        for i, label in gold.items():
            f.write(f"{i}\t{label}\n")
    return docs_path, labels_path, gold


def clustering_f1(files, thresholds):
    """BCubed F1 of real clustering at each threshold, averaged over the sets."""
    f1 = collections.Counter()
    for docs_path, labels_path, gold in files:
        proc = subprocess.run([EXAMPLE, docs_path, labels_path, *map(str, thresholds)],
                              capture_output=True, check=True, text=True)
        by_threshold = collections.defaultdict(dict)
        for line in proc.stdout.splitlines():
            t, i, e = line.split("\t")
            by_threshold[float(t)][i] = e
        for t, pred in by_threshold.items():
            f1[t] += bcubed(gold, pred)[2] / len(files)
    return f1


def examples(docs_path, labels_path, name):
    """One set's training part as comparisons: lists of (label, features), one list per
    document that had candidates; and the feature names."""
    proc = subprocess.run([EXAMPLE, docs_path, labels_path], capture_output=True, check=True, text=True)
    sys.stderr.write(f"{name}: {proc.stderr}")
    lines = proc.stdout.splitlines()
    names = lines[0].split("\t")[2:]
    documents = {}
    for line in lines[1:]:
        fields = line.split("\t")
        documents.setdefault(fields[0], []).append((int(fields[1]), [float(x) for x in fields[2:]]))
    return names, list(documents.values())


def probability(w, b, x):
    z = b + sum(wi * xi for wi, xi in zip(w, x))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def solve(a, v):
    """Solves a·x = v (Gaussian elimination with partial pivoting)."""
    n = len(v)
    m = [row[:] + [v[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(sets, l2=1e-5, iterations=25):
    """Logistic regression by Newton's method; every set weighs the same."""
    rows = [(y, [1.0] + x, 1.0 / (len(sets) * sum(len(d) for d in docs)))
            for docs in sets for d in docs for y, x in d]
    dims = len(rows[0][1])
    theta = [0.0] * dims
    for _ in range(iterations):
        grad = [l2 * t for t in theta]
        hess = [[l2 if i == j else 0.0 for j in range(dims)] for i in range(dims)]
        for y, x, share in rows:
            p = probability(theta[1:], theta[0], x[1:])
            g, h = (p - y) * share, p * (1 - p) * share
            for i in range(dims):
                grad[i] += g * x[i]
                hi = hess[i]
                for j in range(i, dims):
                    hi[j] += h * x[i] * x[j]
        for i in range(dims):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = solve(hess, grad)
        theta = [t - s for t, s in zip(theta, step)]
    return theta[1:], theta[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "crates", "events", "data", "scorer.tsv"))
    parser.add_argument("--threshold", type=float, default=None,
                        help="the probability at which a document joins an event; by default the one "
                             "with the best BCubed F1 on the training streams")
    args = parser.parse_args()
    if not os.path.exists(EXAMPLE):
        sys.exit("build the example first: cargo build --release -p crosscheck-events --example evidence")
    names, sets, files = None, [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("gva", "ecbplus"):
            files.append(stream_files(name, tmp))
            names, docs = examples(files[-1][0], files[-1][1], name)
            sys.stderr.write(f"{name}: {sum(len(d) for d in docs)} comparisons for {len(docs)} documents\n")
            sets.append(docs)
        w, b = fit(sets)
        write(args.out, names, w, b, args.threshold or 0.5)
        threshold = args.threshold
        if threshold is None:
            # The weights are in the example only once it is rebuilt with them.
            subprocess.run(["cargo", "build", "--release", "-q", "-p", "crosscheck-events", "--example", "evidence"],
                           cwd=ROOT, check=True)
            f1 = clustering_f1(files, [t / 100 for t in range(5, 61, 5)])
            threshold = max(f1, key=f1.get)
            sys.stderr.write("BCubed F1 on the training streams by threshold: " +
                             ", ".join(f"{t}: {f:.3f}" for t, f in sorted(f1.items())) + "\n")
    write(args.out, names, w, b, threshold)
    print(open(args.out, encoding="utf-8").read())


def write(out, names, w, b, threshold):
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Logistic scorer of the event clusterer: name<TAB>weight.\n")
        f.write("# Learnt by tools/train_event_scorer.py from the training parts of GVA (incidents with an\n")
        f.write("# even id) and ECB+ (topics 1-35); evaluate with tools/eval/events.py --split test.\n")
        f.write(f"bias\t{b:.4f}\n")
        for n, wi in zip(names, w):
            f.write(f"{n}\t{wi:.4f}\n")
        f.write(f"threshold\t{threshold}\n")


if __name__ == "__main__":
    main()
