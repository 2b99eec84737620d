#!/usr/bin/env python3
"""What the boilerplate rules remove from real articles.

    tools/eval/boilerplate.py [--sample 50] [--seed 2026]

Cleans every article of Giveme5W1H, GVA, FA-KES and BBC, counts the lines each rule removed per
corpus (out of all non-blank lines), and prints a random sample of removals for review by hand.
"""
import argparse
import collections
import random

from common import corpora, extract



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    removals = []
    rules = collections.Counter()
    total_docs = total_lines = 0
    for name, rows in corpora():
        lines = sum(1 for r in rows for l in (r.get("text") or r.get("maintext") or "").splitlines() if l.strip())
        docs, skipped = extract(rows, "--reference-date", "2026-12-01")
        per_rule = collections.Counter()
        for d in docs.values():
            for r in d.get("removed", []):
                per_rule[r["rule"]] += 1
                removals.append((name, r["rule"], r["text"]))
        rules.update(per_rule)
        total_docs += len(rows)
        total_lines += lines
        removed = sum(per_rule.values())
        print(f"{name}: {len(rows)} articles, {lines} lines; removed {removed} lines ({100 * removed / max(lines, 1):.2f} %); "
              f"{len(skipped)} articles left empty; by rule: {dict(per_rule.most_common())}")
    print(f"all: {total_docs} articles, {total_lines} lines; by rule: {dict(rules.most_common())}")
    random.seed(args.seed)
    print(f"\nrandom sample of {args.sample} removals (seed {args.seed}):")
    for i, (name, rule, text) in enumerate(random.sample(removals, min(args.sample, len(removals))), 1):
        short = text if len(text) <= 90 else text[:87] + "..."
        print(f"{i:2}. [{name}] {rule}: {short}")


if __name__ == "__main__":
    main()
