#!/usr/bin/env python3
"""How often each rule fires on corpora outside the development documents, with a sample of
its firings to read by hand: the check that a rule is a general mechanism, not one fitted to
the development sets.

    tools/eval/firings.py [--sample 20] [--out DIR] [CORPUS...]

CORPUS is one of giveme5w1h, gva, fakes, bbc, winer, nerel, bruk (default: all). The development documents of
`../shared/eval/dev/` are left out, and so are the whole Giveme5W1H events and GVA incidents
they belong to. Prints a table of firings per rule and corpus; with `--out`, writes one file
per rule holding a random sample of its firings (the item and its sentence) to read. Skips
cleanly (status 0) without the shared data.
"""
import argparse
import collections
import json
import os
import random
import re
import sys

from common import ROOT, corpora, extract

EVAL = os.path.join(ROOT, "..", "shared", "eval", "dev")


def dev_keys():
    """Texts and ids of the development documents, and the GVA incidents they belong to."""
    texts, ids, incidents = set(), set(), set()
    if not os.path.isdir(EVAL):
        return texts, ids, incidents
    for name in os.listdir(EVAL):
        with open(os.path.join(EVAL, name), encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                texts.add(" ".join((record.get("text") or "").split())[:500])
                ids.add(str(record.get("id")))
                match = re.match(r"gva-(\d+)-", str(record.get("id", "")))
                if match:
                    incidents.add(match.group(1))
    return texts, ids, incidents


def event_of(record):
    """A Giveme5W1H record's event, from its `newsCluster` field."""
    match = re.search(r"'EventId': (\d+)", str(record.get("newsCluster", "")))
    return match.group(1) if match else None


def outside_dev(name, records, keys):
    texts, ids, incidents = keys
    records = list(records)
    # The whole events of the development documents stay out, not only the documents.
    events = {event_of(r) for r in records if str(r.get("dId")) in ids} - {None}
    for r in records:
        if " ".join((r.get("text") or "").split())[:500] in texts:
            continue
        if name == "giveme5w1h" and event_of(r) in events:
            continue
        if name == "gva" and str(r.get("incident")) in incidents:
            continue
        yield r


def sentence(doc, start):
    data = doc["text"].encode("utf-8")
    for s, e in doc["sentences"]:
        if s <= start < e:
            return data[s:e].decode("utf-8", errors="replace")
    return ""


def describe(kind, item):
    if kind == "figures":
        value = item.get("value") if item.get("value") is not None else (item.get("min"), item.get("max"))
        return f"{item['kind']} {value} ({item['qualifier']}, {item['event']})"
    if kind == "claims":
        return f"{item['stance']} party={item['party']!r} by={item.get('by')!r} ({item['event']})"
    return f"speaker={item.get('speaker')!r} cue={item.get('cue')!r}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--out")
    opts = parser.parse_args()
    keys = dev_keys()
    counts = collections.defaultdict(collections.Counter)
    firings = collections.defaultdict(list)
    names = []
    for name, records in corpora(*opts.corpora):
        names.append(name)
        records = list(outside_dev(name, records, keys))
        docs, _ = extract(records)
        for doc in docs.values():
            for kind in ("figures", "claims"):
                for item in doc.get(kind) or []:
                    rule = item.get("rule") or "(none)"
                    counts[rule][name] += 1
                    firings[rule].append((name, doc["id"], describe(kind, item), sentence(doc, item["start"])))
    print("rule".ljust(36) + "".join(n.rjust(12) for n in names) + "total".rjust(10))
    for rule in sorted(counts):
        row = counts[rule]
        print(rule.ljust(36) + "".join(str(row[n]).rjust(12) for n in names) + str(sum(row.values())).rjust(10))
    if opts.out:
        os.makedirs(opts.out, exist_ok=True)
        rng = random.Random(1)
        for rule, items in firings.items():
            sample = rng.sample(items, min(opts.sample, len(items)))
            path = os.path.join(opts.out, rule.replace("/", "__") + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                for corpus, doc, what, text in sample:
                    f.write(f"[{corpus} {doc}] {what}\n    {' '.join(text.split())}\n\n")
        print(f"samples in {opts.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
