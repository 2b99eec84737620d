#!/usr/bin/env python3
"""A free check of the French, Russian and Ukrainian packs: WMT 2022-2023 General MT test
documents (../shared/data/wmt_general_2022_2023_uk_ru_fr) pair each original with a human
English translation. The English pipeline's figures on the translation and the native pack's
on the original should agree; this counts how often they do, per language.

    python3 tools/eval/translations.py [--show N]

A figure agrees when the other side has one of the same kind and number. Prints, per
language: documents where either side finds a figure, figures found on each side, figures in
agreement, and agreement = 2 * agreeing / (native + English). --show prints N disagreeing
documents. Skips cleanly without ../shared/data.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import data_path, extract, read_jsonl  # noqa: E402


def figures(doc):
    return collections.Counter((f["kind"], f.get("value") or f.get("min")) for f in doc["figures"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    records = read_jsonl(data_path("wmt_general_2022_2023_uk_ru_fr", "wmt_general_uk_ru_fr.jsonl"))
    records = [r for r in records if r.get("ref_text") and r.get("language") in ("fr", "ru", "uk")]
    native = [{k: r[k] for k in ("id", "language", "text")} for r in records]
    english = [{"id": r["id"] + "#en", "language": "en", "text": r["ref_text"]} for r in records]
    docs, _ = extract(native + english, "--reference-date", "2024-01-01")
    totals = collections.defaultdict(lambda: [0, 0, 0, 0])
    shown = 0
    for r in records:
        a, b = docs.get(r["id"]), docs.get(r["id"] + "#en")
        if a is None or b is None:
            continue
        fa, fb = figures(a), figures(b)
        if not fa and not fb:
            continue
        agree = sum((fa & fb).values())
        t = totals[r["language"]]
        t[0] += 1
        t[1] += sum(fa.values())
        t[2] += sum(fb.values())
        t[3] += agree
        if shown < args.show and fa != fb:
            shown += 1
            print(f"{r['id']}: native {sorted(fa.elements())} English {sorted(fb.elements())}")
    print("language  documents  native  English  agreeing  agreement")
    for lang in sorted(totals):
        docs_n, n, e, k = totals[lang]
        print(f"{lang:9} {docs_n:9} {n:7} {e:8} {k:9}  {2 * k / (n + e) if n + e else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
