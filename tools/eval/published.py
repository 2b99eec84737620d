#!/usr/bin/env python3
"""Publication dates read from the text, checked against the metadata dates the inputs give.

    tools/eval/published.py

For Giveme5W1H, GVA and FA-KES articles, the metadata date is withheld; crosscheck reads each
article as if the day after its publication (`--reference-date`), so dates without a year are
resolved as a live reader would. Reported per corpus: how many articles get a date from the text
(a dateline, basis `text`) or by inference (a weekday with a date, basis `inferred`), and how
those compare with the withheld date (see `verdict_of`; a wrong date is worse than none). Articles whose metadata date is midnight-only or missing are left out.
"""
import collections
import datetime
import os
import sys

from common import data_path, extract, read_jsonl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import convert_fakes  # noqa: E402
import convert_gva  # noqa: E402


def corpora():
    rows = read_jsonl(data_path("giveme5w1h_news_cluster", "news_cluster.jsonl"))
    yield "giveme5w1h", [dict(r, published=r.get("date_publish")) for r in rows]
    data_path("gva_semeval2018_task5", "gva_incidents_with_articles.jsonl.gz")
    yield "gva", list(convert_gva.records(convert_gva.DEFAULT))
    data_path("fakes_syria", "FA-KES-Dataset.csv")
    yield "fakes", list(convert_fakes.records(convert_fakes.DEFAULT))


VERDICTS = ("exact", "one day off", "earlier by 2-7 days", "wrong")


def verdict_of(delta):
    """Against the metadata date: the same day; a day apart (time zones, an update of the text);
    an earlier day of the same week (a valid lower bound for `inferred`); or wrong."""
    if delta == 0:
        return "exact"
    if abs(delta) == 1:
        return "one day off"
    if -7 <= delta < 0:
        return "earlier by 2-7 days"
    return "wrong"


def main():
    verbose = "-v" in sys.argv
    for name, rows in corpora():
        by_day = collections.defaultdict(list)
        for i, r in enumerate(rows):
            day = (r.get("published") or "")[:10]
            try:
                date = datetime.date.fromisoformat(day)
            except ValueError:
                continue
            text = r.get("text") or r.get("maintext") or ""
            by_day[date].append({"id": f"{name}-{i}", "text": text, "title": r.get("title") or "-", "_true": day})
        tally = collections.Counter()
        wrong = []
        for date, recs in sorted(by_day.items()):
            truth = {r["id"]: r.pop("_true") for r in recs}
            docs, _ = extract(recs, "--reference-date", (date + datetime.timedelta(days=1)).isoformat())
            for doc_id, want in truth.items():
                d = docs.get(doc_id)
                if d is None:
                    continue
                basis, got = d["published_basis"], (d["published"] or "")[:10]
                tally["articles"] += 1
                tally[basis] += 1
                if basis in ("text", "inferred"):
                    delta = (datetime.date.fromisoformat(got) - datetime.date.fromisoformat(want)).days
                    verdict = verdict_of(delta)
                    tally[(basis, verdict)] += 1
                    if verdict != "exact":
                        wrong.append((doc_id, basis, got, want))
        n = tally["articles"]
        print(f"{name}: {n} articles with a metadata date; unknown from the text: {tally['unknown']}")
        for basis in ("text", "inferred"):
            k = tally[basis]
            parts = ", ".join(f"{v} {tally[(basis, v)]}" for v in VERDICTS)
            print(f"  {basis}: {k} dated ({k / max(n, 1):.1%}): {parts}")
        if verbose:
            for w in wrong[:15]:
                print("   wrong:", w)


if __name__ == "__main__":
    main()
