#!/usr/bin/env python3
"""Figures and claims of the development sets, by the rule that made them: how many each rule
made, how many were right and wrong, and every wrong item with its rule and sentence, every
missed item with the sentences that hold its number, so that a wrong line is traced to its
rule in one step.

    tools/eval/rules.py [SET...] [--show wrong,missed,event] [--rule PREFIX]

SET is one of giveme5w1h, fakes, gva, multilingual (default: the three English sets). Reads
`../shared/eval`; skips cleanly (status 0) without it.
"""
import argparse
import collections
import importlib.util
import json
import os
import re
import subprocess
import sys

from common import BINARY, ROOT

EVAL = os.path.join(ROOT, "..", "shared", "eval")
ENGLISH = ["giveme5w1h", "fakes", "gva"]


def scorer():
    spec = importlib.util.spec_from_file_location("score", os.path.join(EVAL, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(path):
    proc = subprocess.run([BINARY, "extract", path, "--format", "json", "-q"],
                          capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"crosscheck failed: {proc.stderr.decode(errors='replace')}")
    return json.loads(proc.stdout)


def sentence_at(doc, start):
    """The sentence of `doc` holding byte `start` (offsets are bytes of the UTF-8 text)."""
    data = doc["text"].encode("utf-8")
    for s, e in doc["sentences"]:
        if s <= start < e:
            return data[s:e].decode("utf-8", errors="replace")
    return ""


WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen twenty").split()


def sentences_with(doc, value):
    """The sentences of `doc` that write `value` in digits or in words."""
    if value is None:
        return []
    forms = {str(value), f"{value:,}"}
    if value < len(WORDS):
        forms.add(WORDS[value])
    data = doc["text"].encode("utf-8")
    out = []
    for s, e in doc["sentences"]:
        text = data[s:e].decode("utf-8", errors="replace")
        if any(re.search(rf"(?<![\w,.]){re.escape(f)}(?![\w])", text, re.I) for f in forms):
            out.append(text)
    return out


def sentences_naming(doc, names):
    """The sentences of `doc` that name one of `names` as whole words."""
    data = doc["text"].encode("utf-8")
    out = []
    for s, e in doc["sentences"]:
        text = data[s:e].decode("utf-8", errors="replace")
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names if len(n) > 2):
            out.append(text)
    return out


def short(text, width=220):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=ENGLISH)
    parser.add_argument("--show", default="wrong,missed,event")
    parser.add_argument("--rule", default="", help="only rules starting so")
    opts = parser.parse_args()
    if not os.path.exists(os.path.join(EVAL, "score.py")):
        print("skipped: ../shared/eval not found")
        return
    score = scorer()
    show = set(opts.show.split(","))
    for name in opts.sets:
        gold = json.load(open(os.path.join(EVAL, "gold", f"dev-{name}.json")))
        docs = {score.base(d.get("id") or d["source"]): d
                for d in extract(os.path.join(EVAL, "dev", f"{name}.jsonl"))}
        by_rule = collections.defaultdict(collections.Counter)
        lines = collections.defaultdict(list)
        for g in gold["documents"]:
            d = docs.get(score.base(g["source"]))
            if d is None:
                continue
            title = score.norm(d.get("title"))
            for kind, items, golds, matches in (
                    ("figures", d.get("figures") or [], g.get("figures", []), score.figure_matches),
                    ("claims", d.get("claims") or [], g.get("claims", []),
                     score.claim_matches)):
                allowed = g.get("allowed_extra_claims", []) if kind == "claims" else []
                for p in items:
                    rule = p.get("rule") or "(none)"
                    if not rule.startswith(opts.rule):
                        continue
                    hit = [x for x in golds if matches(x, p)]
                    by_rule[rule]["made"] += 1
                    if hit:
                        by_rule[rule]["right"] += 1
                        if kind == "figures" and all(x["event"] != p.get("event") for x in hit):
                            by_rule[rule]["event"] += 1
                            if "event" in show:
                                lines[rule].append(f"  event {p.get('event')}: {g['source']}: {short(sentence_at(d, p['start']))}")
                    elif any(matches(x, p) for x in allowed) or p.get("field") == "title" \
                            or score.norm(p.get("text")) in title:
                        by_rule[rule]["neutral"] += 1
                    else:
                        by_rule[rule]["wrong"] += 1
                        if "wrong" in show:
                            what = (f"{p['kind']} {p.get('value')}" if kind == "figures"
                                    else f"{p['stance']} {p['party']} by {p.get('by')}")
                            lines[rule].append(f"  wrong {what}: {g['source']}: {short(sentence_at(d, p['start']))}")
                for x in golds:
                    if any(matches(x, p) for p in items):
                        continue
                    key = f"{kind} missed"
                    by_rule[key]["missed"] += 1
                    if "missed" in show and not opts.rule:
                        if kind == "figures":
                            what = f"{x['kind']} {x.get('value', (x.get('min'), x.get('max')))} {x['event']}"
                            where = sentences_with(d, x.get("value") or x.get("min"))
                        else:
                            what = f"{x['stance_any']} {x['party_any'][:3]} by {x.get('by_any', ['-'])[:3]}"
                            where = sentences_naming(d, x["party_any"])
                        lines[key].append(f"  missed {what}: {g['source']}: "
                                          + (" | ".join(short(w, 160) for w in where[:2]) or "(see notes)"))
        print(f"== dev-{name}")
        for rule in sorted(by_rule):
            c = by_rule[rule]
            print(f"{rule:40} " + " ".join(f"{k} {c[k]}" for k in ("made", "right", "wrong", "neutral", "event", "missed") if c[k]))
            for line in lines[rule]:
                print(line)


if __name__ == "__main__":
    main()
