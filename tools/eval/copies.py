#!/usr/bin/env python3
"""Syndicated copies: how often `crosscheck dossier` links a copy to its original
(`duplicate_of`), and how often it links articles that are not copies.

    python3 tools/eval/copies.py [--originals N]

- True links: N GVA articles (300+ words) each get three copies made here — re-headlined
  (a new title, the same body), trimmed (the last third of the paragraphs cut) and updated
  (the figures changed, "UPDATE: the toll has risen" lead added, one paragraph dropped) —
  and every copy should name its original.
- False links: all GVA articles of incidents with two or more articles (independent local
  reports of one incident, from different outlets); a link between two of them is either a
  real wire copy (read the printed pairs) or a false link.
Skips cleanly when ../shared/data is absent.
"""
import argparse
import collections
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from events import cluster, gva  # noqa: E402


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def bump(match):
    return str(int(match.group(0)) + 3)


def copies(original, rng):
    paras = paragraphs(original["text"])
    keep = max(1, len(paras) * 2 // 3)
    drop = rng.randrange(len(paras)) if len(paras) > 2 else None
    updated = [re.sub(r"\b\d{1,3}\b", bump, p) for k, p in enumerate(paras) if k != drop]
    base = {k: original[k] for k in ("published", "url") if k in original}
    return [
        dict(base, id=original["id"] + "~headline", title="Breaking: " + (original.get("title") or "news"),
             text=original["text"], kind="re-headlined"),
        dict(base, id=original["id"] + "~trimmed", title=original.get("title"),
             text="\n\n".join(paras[:keep]), kind="trimmed"),
        dict(base, id=original["id"] + "~updated", title="UPDATE: " + (original.get("title") or ""),
             text="\n\n".join(["UPDATE: The toll has risen, officials said on Tuesday."] + updated),
             kind="updated"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=300)
    args = parser.parse_args()
    records, gold = gva()
    rng = random.Random(7)
    long_enough = [r for r in records if len(r["text"].split()) >= 300]
    originals = rng.sample(long_enough, min(args.originals, len(long_enough)))
    made = [c for o in originals for c in copies(o, rng)]
    _, events = cluster(records + made)
    link = {d["id"]: d.get("duplicate_of") for e in events for d in e["documents"]}

    found = collections.Counter()
    for c in made:
        found[c["kind"], link.get(c["id"]) == c["id"].split("~")[0]] += 1
    print(f"true links on copies made from {len(originals)} GVA articles:")
    for kind in ("re-headlined", "trimmed", "updated"):
        n = found[kind, True] + found[kind, False]
        print(f"  {kind:<13} {found[kind, True]:>4}/{n} linked to their original ({found[kind, True] / n:.1%})")

    linked = [(i, o) for i, o in link.items() if o and "~" not in i and "~" not in o]
    same = [(i, o) for i, o in linked if gold.get(i) == gold.get(o)]
    print(f"links among the {len(records)} independent GVA articles: {len(linked)} "
          f"({len(same)} within one incident, {len(linked) - len(same)} across incidents)")
    by_id = {r["id"]: r for r in records}
    across = [(i, o) for i, o in linked if gold.get(i) != gold.get(o)]
    words = sorted(min(len(by_id[i]["text"].split()), len(by_id[o]["text"].split())) for i, o in across)
    if across:
        identical = sum(" ".join(by_id[i]["text"].split()) == " ".join(by_id[o]["text"].split()) for i, o in across)
        print(f"  across incidents: {identical} of {len(across)} pairs have the very same text; the shorter text of each pair has {words[0]}–{words[-1]} "
              f"words (median {words[len(words) // 2]}); read them below")
    for i, o in (across + same)[:10]:
        print(f"  {i} → {o}: {(by_id[i].get('title') or '')[:60]!r} / {(by_id[o].get('title') or '')[:60]!r}")


if __name__ == "__main__":
    main()
