#!/usr/bin/env python3
"""Event clustering: BCubed and pairwise P/R/F1 of `crosscheck dossier` on labelled streams.

    python3 tools/eval/events.py [--sets gva,ecbplus,giveme5w1h,fakes] [--split all|test] [--show N]

Each set is replayed as one stream through `crosscheck dossier - --format json` (the
articles in publication-date order where they have dates) and the events it prints are
compared with the gold grouping:
- `gva`: GVA incidents with two or more articles (SemEval-2018 Task 5), gold = the incident;
- `ecbplus`: ECB+ (982 documents, 43 topics with two look-alike events each), gold = the
  sub-topic, so that the two earthquakes of a topic are different events;
- `giveme5w1h`: Giveme5W1H news_cluster (383 articles, 69 events), gold = EventId;
- `fakes`: FA-KES (804 Syrian-war articles) has no gold: its cluster sizes are printed, and
  with --show N the N largest clusters, to be read.
Skips cleanly when ../shared/data is absent.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import BINARY, data_path, read_jsonl  # noqa: E402


def gva():
    import convert_gva
    records, seen = [], set()
    # An article filed under two incidents is ambiguous: its first incident is kept.
    for r in convert_gva.records(data_path("gva_semeval2018_task5", "gva_incidents_with_articles.jsonl.gz")):
        if r["id"] not in seen:
            seen.add(r["id"])
            records.append(r)
    by_incident = collections.Counter(r["incident"] for r in records)
    kept = [r for r in records if by_incident[r["incident"]] >= 2]
    kept.sort(key=lambda r: r.get("published") or "")
    return kept, {r["id"]: r["incident"] for r in kept}


def ecbplus():
    import convert_ecbplus
    records = convert_ecbplus.records(data_path("ecbplus", "ECB+_LREC2014", "ECB+_xml.tar.gz"))
    return records, {r["id"]: r["subtopic"] for r in records}


def giveme5w1h():
    records = read_jsonl(data_path("giveme5w1h_news_cluster", "news_cluster.jsonl"))
    records.sort(key=lambda r: r.get("date_publish") or "")
    return records, {r["dId"]: r["newsCluster"]["EventId"] for r in records}


def fakes():
    import convert_fakes
    records = list(convert_fakes.records(data_path("fakes_syria", "FA-KES-Dataset.csv")))
    records.sort(key=lambda r: r.get("published") or "")
    return records, None


SETS = {"gva": gva, "ecbplus": ecbplus, "giveme5w1h": giveme5w1h, "fakes": fakes}


def in_training(name, record):
    """Whether a record is in the part of its set the clusterer's scorer learns from
    (tools/train_event_scorer.py): GVA incidents with an even id, ECB+ topics 1–35 (its usual
    training topics). Giveme5W1H and FA-KES are never trained on."""
    if name == "gva":
        return int(str(record["incident"]).rstrip("/").split("/")[-1]) % 2 == 0
    if name == "ecbplus":
        return int(record["topic"]) <= 35
    return False


def labelled(name, split):
    """A set's records and gold labels: `all` of them, or the `test` part only."""
    records, gold = SETS[name]()
    if split == "test":
        records = [r for r in records if not in_training(name, r)]
    if split == "train":
        records = [r for r in records if in_training(name, r)]
    if gold is not None:
        ids = {str(r.get("id", r.get("dId"))) for r in records}
        gold = {str(k): v for k, v in gold.items() if str(k) in ids}
    return records, gold


def cluster(records):
    """The events `crosscheck dossier` makes of the records: document id → event id."""
    if not os.path.exists(BINARY):
        sys.exit(f"build crosscheck first: cargo build --release (looked for {BINARY})")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        path = f.name
    try:
        proc = subprocess.run([BINARY, "dossier", path, "--format", "json", "-q"],
                              capture_output=True, check=False)
    finally:
        os.unlink(path)
    if proc.returncode not in (0, 1):
        sys.exit(f"crosscheck failed: {proc.stderr.decode(errors='replace')}")
    events = json.loads(proc.stdout)
    return {d["id"]: e["id"] for e in events for d in e["documents"]}, events


def bcubed(gold, pred):
    ids = [i for i in gold if i in pred]
    gold_members = collections.defaultdict(set)
    pred_members = collections.defaultdict(set)
    for i in ids:
        gold_members[gold[i]].add(i)
        pred_members[pred[i]].add(i)
    p = r = 0.0
    for i in ids:
        g, c = gold_members[gold[i]], pred_members[pred[i]]
        both = len(g & c)
        p += both / len(c)
        r += both / len(g)
    p, r = p / len(ids), r / len(ids)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold, pred):
    ids = [i for i in gold if i in pred]
    def pairs(label):
        members = collections.defaultdict(list)
        for i in ids:
            members[label[i]].append(i)
        return {(a, b) for m in members.values() for k, a in enumerate(m) for b in m[k + 1:]}
    g, c = pairs(gold), pairs(pred)
    both = len(g & c)
    p = both / len(c) if c else 1.0
    r = both / len(g) if g else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def show(events, records, n):
    by_id = {str(r.get("id", r.get("dId"))): r for r in records}
    for e in sorted(events, key=lambda e: -len(e["documents"]))[:n]:
        print(f"  event {e['id']} ({len(e['documents'])} documents)")
        for d in e["documents"][:12]:
            r = by_id.get(d["id"], {})
            print(f"    {d.get('published') or '?':<10.10} {r.get('location') or '':<12.12} {(r.get('title') or '')[:90]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--show", type=int, default=0, help="print the N largest clusters of each set")
    parser.add_argument("--split", choices=("all", "test", "train"), default="all",
                        help="`test`: leave out what the scorer was trained on; `train`: that part alone, "
                             "to choose settings on")
    args = parser.parse_args()
    print(f"{'set':<12} {'docs':>5} {'gold':>5} {'pred':>5}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}  {'pair P':>6} {'pair R':>6} {'pair F1':>7}")
    for name in args.sets.split(","):
        records, gold = labelled(name, args.split)
        pred, events = cluster(records)
        if gold is None:
            sizes = collections.Counter(len(e["documents"]) for e in events)
            print(f"{name:<12} {len(pred):>5} {'-':>5} {len(events):>5}  sizes: " +
                  ", ".join(f"{s}×{n}" for s, n in sorted(sizes.items())))
        else:
            bp, br, bf = bcubed(gold, pred)
            pp, pr, pf = pairwise(gold, pred)
            print(f"{name:<12} {len(pred):>5} {len(set(gold.values())):>5} {len(events):>5}  "
                  f"{bp:6.3f} {br:6.3f} {bf:6.3f}  {pp:6.3f} {pr:6.3f} {pf:7.3f}")
        if args.show:
            show(events, records, args.show)


if __name__ == "__main__":
    main()
