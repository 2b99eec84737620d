#!/usr/bin/env python3
"""Convert the FA-KES Syrian-war CSV to crosscheck JSON Lines.

    tools/convert_fakes.py [FA-KES-Dataset.csv] > fakes.jsonl

One output line per article: `id` (the CSV's unit_id), `title`, `text`, `outlet` (the CSV's
`source` column names the outlet), `published` (M/D/YYYY turned into ISO 8601), plus
`location` and `label` (1 credible, 0 not) for evaluation scripts.
"""
import csv
import json
import os
import sys

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "fakes_syria/FA-KES-Dataset.csv")


def iso_date(mdy):
    try:
        m, d, y = (int(x) for x in mdy.strip().split("/"))
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def records(path):
    """The articles of the CSV, one crosscheck record each."""
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not (row.get("article_content") or "").strip():
                continue
            yield {
                "id": row["unit_id"],
                "title": row.get("article_title"),
                "text": row["article_content"],
                "outlet": row.get("source"),
                "published": iso_date(row.get("date") or ""),
                "location": row.get("location"),
                "label": row.get("labels"),
            }


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    for record in records(path):
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
