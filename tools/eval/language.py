#!/usr/bin/env python3
"""Language identification against the languages the inputs declare.

    tools/eval/language.py

Giveme5W1H articles declare a language (news-please's guess from the page) for most records;
it is withheld and crosscheck identifies the language from the clean body. Reported: agreement,
and how many bodies got no language (too short or unreliable).
"""
import collections

from common import data_path, extract, read_jsonl


def main():
    rows = read_jsonl(data_path("giveme5w1h_news_cluster", "news_cluster.jsonl"))
    records = [{"id": str(i), "text": r["text"], "title": r.get("title") or "-"}
               for i, r in enumerate(rows) if r.get("language")]
    declared = {str(i): r["language"] for i, r in enumerate(rows) if r.get("language")}
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    tally = collections.Counter()
    for doc_id, want in declared.items():
        got = docs.get(doc_id, {}).get("language")
        tally["none" if got is None else ("agree" if got == want else "disagree")] += 1
    n = sum(tally.values())
    print(f"giveme5w1h: {n} articles with a declared language ({dict(collections.Counter(declared.values()))}): "
          f"agree {tally['agree']} ({tally['agree'] / max(n, 1):.1%}), disagree {tally['disagree']}, none {tally['none']}")


if __name__ == "__main__":
    main()
