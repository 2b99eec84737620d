#!/usr/bin/env python3
"""TempEval-3 Task A (time expressions) for crosscheck: detection and normalization.

    tools/eval/tempeval.py [--set platinum|tbaq|both] [-v]

Each TimeML document's TEXT is given to `crosscheck extract` with its creation time (DCT) as
`published`; the times it finds are compared with the gold TIMEX3 of TEXT (the DCT itself is
not counted), as the TE3 scorer does: strict detection (same extent), relaxed detection
(overlapping extents, matched one to one), and type and value F1 over the relaxed matches
(attribute precision = right attributes / system expressions, recall = / gold expressions).
Gold offsets are carried to the clean text by aligning non-space characters.
"""
import argparse
import glob
import html
import os
import sys
import xml.etree.ElementTree as ET

from common import data_path, extract

SETS = {
    "tbaq": ("tempeval3", "data", "TempEval3", "Training", "TBAQ-cleaned"),
    "platinum": ("tempeval3", "data", "TempEval3", "Evaluation", "te3-platinum"),
}


def parse(path):
    """The TEXT of a TimeML file as plain text, its gold TIMEX3 spans, and the DCT."""
    root = ET.parse(path).getroot()
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value")
            break
    body = root.find("TEXT")
    parts, spans = [], []

    def walk(node):
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in parts)
            parts.append("".join(node.itertext()))
            spans.append((start, sum(len(p) for p in parts), node.get("type"), node.get("value")))
        else:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    parts.append(child.tail)

    walk(body)
    return "".join(parts), spans, dct


def non_space_index(text):
    """For each character offset, the count of non-space characters before it."""
    out, n = [], 0
    for c in text:
        out.append(n)
        if not c.isspace():
            n += 1
    out.append(n)
    return out


def to_clean(raw, clean, spans):
    """Gold spans in raw character offsets → character offsets of the clean text."""
    raw_idx = non_space_index(raw)
    pos = {}
    n = 0
    for i, c in enumerate(clean):
        if not c.isspace():
            pos[n] = i
            n += 1
    out = []
    for s, e, typ, val in spans:
        a, b = raw_idx[s], raw_idx[e]
        if a in pos and (b - 1) in pos and b > a:
            out.append((pos[a], pos[b - 1] + 1, typ, val))
    return out


def score(name, files, verbose):
    records, gold = [], {}
    for path in files:
        raw, spans, dct = parse(path)
        doc_id = os.path.basename(path)
        records.append({"id": doc_id, "text": raw, "title": "-", "published": dct})
        gold[doc_id] = (raw, spans)
    docs, skipped = extract(records, "--reference-date", "2026-12-01")
    tally = dict(gold=0, system=0, strict=0, relaxed=0, value=0, type=0, lost=0, offsets_wrong=0)
    misses = []
    for doc_id, (raw, spans) in gold.items():
        d = docs.get(doc_id)
        if d is None:
            tally["gold"] += len(spans)
            continue
        clean = d["text"]
        cb = clean.encode("utf-8")
        tally["offsets_wrong"] += sum(cb[t["start"]:t["end"]].decode("utf-8", "replace") != t["text"] for t in d["times"])
        system = [(len(cb[:t["start"]].decode("utf-8", "replace")), len(cb[:t["end"]].decode("utf-8", "replace")), t["type"], t["value"], t["text"]) for t in d["times"]]
        golds = to_clean(raw, clean, spans)
        tally["lost"] += len(spans) - len(golds)
        tally["gold"] += len(spans)
        tally["system"] += len(system)
        used = set()
        for gs, ge, gt, gv in golds:
            strict = next((i for i, s in enumerate(system) if (s[0], s[1]) == (gs, ge) and i not in used), None)
            hit = strict if strict is not None else next((i for i, s in enumerate(system) if s[0] < ge and gs < s[1] and i not in used), None)
            if hit is None:
                misses.append(("missed", doc_id, clean[gs:ge], gt, gv))
                continue
            used.add(hit)
            s = system[hit]
            tally["relaxed"] += 1
            tally["strict"] += strict is not None
            tally["type"] += s[2] == gt
            tally["value"] += s[3] == gv
            if s[3] != gv:
                misses.append(("value", doc_id, f"{clean[gs:ge]!r} gold {gv} got {s[3]} ({s[4]!r})", gt, gv))
        for i, s in enumerate(system):
            if i not in used:
                misses.append(("spurious", doc_id, s[4], s[2], s[3]))

    def f1(hits):
        p = hits / tally["system"] if tally["system"] else 0.0
        r = hits / tally["gold"] if tally["gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f"{name}: {len(files)} documents, {tally['gold']} gold expressions, {tally['system']} found"
          + (f" ({tally['lost']} gold spans could not be aligned)" if tally["lost"] else ""))
    print(f"  offsets that do not give back their text: {tally['offsets_wrong']}")
    for label in ("strict", "relaxed", "type", "value"):
        p, r, f = f1(tally[label])
        print(f"  {label:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if verbose:
        for m in misses:
            print("   ", *m)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["platinum", "tbaq", "both"], default="both")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    for name in (["tbaq", "platinum"] if args.set == "both" else [args.set]):
        root = data_path(*SETS[name])
        files = sorted(glob.glob(os.path.join(root, "**", "*.tml"), recursive=True))
        score({"tbaq": "TBAQ-cleaned (development)", "platinum": "TE3-platinum (test)"}[name], files, args.v)


if __name__ == "__main__":
    main()
