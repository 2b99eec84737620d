#!/usr/bin/env python3
"""Convert the GVA / SemEval-2018 Task 5 incidents file to crosscheck JSON Lines.

    tools/convert_gva.py [IN.jsonl.gz] > gva.jsonl

One output line per article: `id`, `title`, `text`, `url`, `published` (the article's
document creation time), plus `incident` (the GVA incident id), `state`, `city_or_county`,
`num_killed`, `num_injured` for evaluation scripts. Articles with empty content are kept out.
"""
import gzip
import json
import os
import sys

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "gva_semeval2018_task5/gva_incidents_with_articles.jsonl.gz")


def records(path):
    """The articles of the incidents file, one crosscheck record each."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            incident = json.loads(line)
            for art in incident.get("articles") or []:
                text = art.get("content") or ""
                if not text.strip():
                    continue
                yield {
                    "id": art["id"],
                    "title": art.get("title"),
                    "text": text,
                    "url": art.get("uri"),
                    "published": art.get("dct") or None,
                    "incident": incident["incident_uri"],
                    "state": incident.get("state"),
                    "city_or_county": incident.get("city_or_county"),
                    "num_killed": incident.get("num_killed"),
                    "num_injured": incident.get("num_injured"),
                }


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    for record in records(path):
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
