#!/usr/bin/env python3
"""What a change does to the claims outside the development sets: runs two builds of
crosscheck over the same corpora and prints every claim one makes and the other does not,
with its sentence, to read by hand.

    tools/eval/claim_changes.py BASELINE_BINARY [CORPUS...]

BASELINE_BINARY is an earlier build (e.g. main's, copied aside); the other is this
checkout's target/release/crosscheck. CORPUS as in firings.py (default: all). Skips cleanly
(status 0) without the shared data.
"""

import argparse
import collections
import os
import sys

import common
import firings


def key(claim):
    return (claim["stance"], claim["party"], claim.get("by"), claim["rule"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("corpora", nargs="*")
    opts = parser.parse_args()
    if not os.path.isdir(os.path.join(common.ROOT, "..", "shared", "data")):
        print("no ../shared/data: skipped", file=sys.stderr)
        return
    keys = firings.dev_keys()
    for name, records in common.corpora(*opts.corpora):
        records = list(firings.outside_dev(name, records, keys))
        before = common.extract(records, binary=opts.baseline)[0]
        after = common.extract(records)[0]
        added, removed, lines = collections.Counter(), collections.Counter(), []
        for doc_id, doc in after.items():
            old = {key(c): c for c in before.get(doc_id, {}).get("claims", [])}
            new = {key(c): c for c in doc.get("claims", [])}
            for k in new.keys() - old.keys():
                added[k[3]] += 1
                text = " ".join(firings.sentence(doc, new[k]["start"]).split())
                lines.append(f"  + {k[0]} party={k[1]!r} by={k[2]!r} ({k[3]}) | {text[:240]}")
            for k in old.keys() - new.keys():
                removed[k[3]] += 1
                lines.append(f"  - {k[0]} party={k[1]!r} by={k[2]!r} ({k[3]})")
        print(f"== {name}: {len(records)} documents, added {dict(added)}, removed {dict(removed)}")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
