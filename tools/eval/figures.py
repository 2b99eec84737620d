#!/usr/bin/env python3
"""Figures against the Gun Violence Archive's incident records.

    tools/eval/figures.py [-v]

Each GVA article is extracted with its metadata date; for the killed and injured counts it
states about its own incident (`event: main`, exact or at-least counts), the largest
overall or group count of each kind is compared with the incident's `num_killed` /
`num_injured`. Reported: how many articles state a count, and how many agree with the record.
Disagreements are not all errors — some articles report an earlier toll, or count the
gunman — which is what dossiers surface; -v lists a sample to read.
"""
import collections
import sys

from common import corpora, extract


def main():
    verbose = "-v" in sys.argv
    (_, rows), = corpora("gva")
    docs, _ = extract(rows, "--reference-date", "2026-12-01")
    by_id = {r["id"]: r for r in rows}
    tally = collections.Counter()
    disagreements = []
    for doc_id, d in docs.items():
        r = by_id.get(doc_id)
        if r is None:
            continue
        for kind, field in (("killed", "num_killed"), ("injured", "num_injured")):
            if r.get(field) is None:
                continue  # the record has no count to compare with
            stated = [f for f in d["figures"] if f["kind"] == kind and f["event"] == "main" and f["qualifier"] in ("exact", "at_least")]
            if not stated:
                continue
            value = max(f["value"] for f in stated)
            tally[kind + " stated"] += 1
            if value == r.get(field):
                tally[kind + " agree"] += 1
            else:
                disagreements.append((kind, value, r.get(field), [f["text"] for f in stated][:3]))
    total = sum(len(d["figures"]) for d in docs.values())
    print(f"GVA: {len(docs)} articles, {total} figures")
    for kind in ("killed", "injured"):
        n, ok = tally[kind + " stated"], tally[kind + " agree"]
        print(f"  {kind}: {n} articles state a count of their incident; {ok} agree with the record ({ok / max(n, 1):.1%})")
    if verbose:
        for x in disagreements[:40]:
            print("   ", x)


if __name__ == "__main__":
    main()
