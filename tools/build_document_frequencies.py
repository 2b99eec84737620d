#!/usr/bin/env python3
"""Build the background document frequencies the event clusterer starts from.

    tools/build_document_frequencies.py > crates/events/data/document_frequencies.tsv

An inverse document frequency learnt only from the stream itself is meaningless for its first
articles (every word is as rare as every other); a background count from a general news
corpus (BBC, 2,225 articles of 2004–2005) gives the first comparisons sensible weights, and
the stream's own counts take over as it grows. Words are cut as crosscheck's `terms` module
cuts them (letters and digits, lower case, a plural `s` taken off); only words in three or
more articles are kept. Aggregate counts only: no article text is in the output.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval"))
from common import data_path  # noqa: E402

WORD = re.compile(r"[^\W_]+")


def terms(text):
    """The distinct terms of a text, cut as crates/events/src/terms.rs cuts them."""
    out = set()
    for word in WORD.findall(text.lower()):
        if len(word) < 3 or word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return out


def main():
    path = data_path("bbc_fulltext", "bbc_fulltext.jsonl")
    df = collections.Counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                df.update(terms((record.get("title") or "") + "\n" + record.get("text", "")))
                n += 1
    print(f"#documents\t{n}")
    for term, count in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
        if count >= 3:
            print(f"{term}\t{count}")


if __name__ == "__main__":
    main()
