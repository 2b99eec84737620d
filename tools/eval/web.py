#!/usr/bin/env python3
"""HTML pages: article text and publication date, scored on three public benchmarks.

    python3 tools/eval/web.py [--sets scrapinghub,trafilatura,htmldate] [--save FILE] [--show N] [--json] [--speed]
    python3 tools/eval/web.py --predictions FILE.jsonl [--name NAME]
    python3 tools/eval/web.py --reference trafilatura,rs_trafilatura   # or all: the published outputs

Without --predictions, crosscheck itself is run (`crosscheck extract PAGES --format jsonl -q`)
and its documents become predictions, saved for re-scoring. Predictions are JSON Lines, one
object a page: {"set", "page", "text", "title", "published"}; `page` is the ScrapingHub item id,
or the `file` value of the trafilatura or htmldate annotations. Each set is scored the way its
authors score it, so that the figures compare with the published ones:
- `scrapinghub` (article_extraction_benchmark, 181 pages): 4-gram shingles of \\w+ tokens
  (case kept) counted per page, normalised to sum 1; P and R averaged over pages (P only over
  pages with a predicted shingle), F1 from the averages; accuracy = same token sequence.
  As evaluate.py there, without its bootstrap.
- `trafilatura` (trafilatura_eval, 990 pages): every `with` segment found in the text is a true
  positive, every `without` segment found a false positive, after collapsing whitespace on both
  sides (substring match, case kept); P, R, accuracy, F1 over all segments. As
  tests/eval_common.py there: the title is not part of the compared text.
- `htmldate` (htmldate_eval, 1000 pages): the first 10 characters of `published` against the
  gold day: equal a true positive, different a false positive, none a false negative. As
  tests/evaluation.py there, which gives the finder the page alone, not its URL; the five gold
  dates that are NaN are missed whatever the answer (a false positive, or a false negative
  without one), as there.
A prediction file that has only some pages of a set is scored on those (the table says so).
Skips cleanly when ../shared/data is absent.
"""
import argparse
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BINARY, DATA, ROOT  # noqa: E402

SETS = ("scrapinghub", "trafilatura", "htmldate")
FOLDERS = {"scrapinghub": "article_extraction_benchmark", "trafilatura": "trafilatura_eval",
           "htmldate": "htmldate_eval"}
# Dates crosscheck read from the page; `inferred` and `unknown` dates are no answer.
DATED_BASES = ("metadata", "text")
BATCH = 200

Page = collections.namedtuple("Page", "set key path gold")


def find_page(folder, subdirs, name):
    """The page file `name` under the first of `subdirs` that has it (the upstream lookup
    order), gzipped (`name.gz`, as the shared copies mostly are) or plain; None if absent."""
    for sub in subdirs:
        for candidate in (name + ".gz", name):
            path = os.path.join(folder, sub, candidate)
            if os.path.isfile(path):
                return path
    return None


def load_json(path):
    """The parsed JSON file (NaN allowed: five htmldate gold dates are NaN)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def scrapinghub_pages(folder):
    """ScrapingHub pages with their gold article body."""
    truth = load_json(os.path.join(folder, "ground-truth.json"))
    return [Page("scrapinghub", key, os.path.join(folder, "html", key + ".html.gz"), item.get("articleBody") or "")
            for key, item in sorted(truth.items())]


def trafilatura_pages(folder):
    """trafilatura_eval pages with their `with`/`without` segments; tests/cache is looked in
    before tests/eval, as eval_common.resolve does."""
    data = load_json(os.path.join(folder, "tests", "evaldata.json"))
    tests = os.path.join(folder, "tests")
    return [Page("trafilatura", item["file"], find_page(tests, ("cache", "eval"), item["file"]), item)
            for _, item in sorted(data.items())]


def htmldate_pages(folder):
    """htmldate_eval entries (one a URL: a page file can serve two URLs and then counts twice,
    as upstream) with their gold day; test_set, cache, eval is the upstream lookup order."""
    tests = os.path.join(folder, "tests")
    entries = {}
    for name in ("eval_mediacloud_2020.json", "eval_default.json"):
        entries.update(load_json(os.path.join(tests, name)))
    return [Page("htmldate", item["file"], find_page(tests, ("test_set", "cache", "eval"), item["file"]), item["date"])
            for _, item in sorted(entries.items())]


LOADERS = {"scrapinghub": scrapinghub_pages, "trafilatura": trafilatura_pages, "htmldate": htmldate_pages}


def load_pages(data, sets):
    """{set: [Page]} for the sets whose folder is under `data`; a missing folder or page file
    is reported and left out."""
    pages = {}
    for name in sets:
        folder = os.path.join(data, FOLDERS[name])
        if not os.path.isdir(folder):
            print(f"{name}: skipped, {folder} not found", file=sys.stderr)
            continue
        found = LOADERS[name](folder)
        missing = [p.key for p in found if p.path is None]
        if missing:
            print(f"{name}: {len(missing)} page files not found, left out: {', '.join(missing[:5])}", file=sys.stderr)
        pages[name] = [p for p in found if p.path is not None]
    return pages


# --- scrapinghub: evaluate.py of scrapinghub/article-extraction-benchmark ---

TOKEN_RE = re.compile(r"\w+")


def tokenize(text):
    """The \\w+ tokens of the text, case kept (the original's IGNORECASE and other flags change
    nothing for this pattern)."""
    return TOKEN_RE.findall(text or "")


def shingles(text, n=4):
    """Counts of the n-token shingles; a text under n tokens is one shorter shingle."""
    tokens = tokenize(text)
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_matching(true, pred):
    """(tp, fp, fn) over shingles, normalised to sum 1 so that long pages weigh no more."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp, fp, fn):
    """A page's precision: 1 when nothing is wrong, 0 when nothing is right."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def page_recall(tp, fp, fn):
    """A page's recall: 1 when nothing is wrong, 0 when nothing is right."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def mean(values):
    """The average, 0 of nothing."""
    return sum(values) / len(values) if values else 0.0


def score_scrapinghub(pages, preds):
    """Averaged shingle P and R, their F1, exact-token accuracy; rows (F1, key, P, R) a page.
    A page with no predicted shingle (an empty text) counts in R but not in P, as upstream."""
    rows, precisions, recalls, exact = [], [], [], []
    for page in pages:
        text = preds[page.key].get("text") or ""
        tp, fp, fn = shingle_matching(page.gold, text)
        if tp + fp > 0:
            precisions.append(page_precision(tp, fp, fn))
        if tp + fn > 0:
            recalls.append(page_recall(tp, fp, fn))
        exact.append(float(tokenize(page.gold) == tokenize(text)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        rows.append((f1, page.key, page_precision(tp, fp, fn) if tp + fp else None, page_recall(tp, fp, fn)))
    p, r = mean(precisions), mean(recalls)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "accuracy": mean(exact)}, rows


# --- trafilatura: tests/eval_common.py of adbar/trafilatura ---

def norm(text):
    """Whitespace collapsed to single spaces, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def count_segments(item, text):
    """(tp, fp, fn, tn) of one page: whitespace-normalised substrings of the text; no text
    finds nothing."""
    found = norm(text) if isinstance(text, str) else None
    tp = sum(1 for w in item["with"] if found is not None and norm(w) in found)
    fp = sum(1 for w in item["without"] if found is not None and norm(w) in found)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def confusion_scores(tp, fp, fn, tn):
    """precision, recall, accuracy, F1 of a confusion matrix (0 where undefined)."""
    total = tp + fp + fn + tn
    return {"precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
            "accuracy": (tp + tn) / total if total else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def score_trafilatura(pages, preds):
    """Segment P, R, accuracy, F1 over all pages; rows (F1, key, P, R) a page."""
    totals, rows = [0, 0, 0, 0], []
    for page in pages:
        counts = count_segments(page.gold, preds[page.key].get("text"))
        totals = [a + b for a, b in zip(totals, counts)]
        tp, fp, fn, _ = counts
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        rows.append((f1, page.key, tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None))
    return confusion_scores(*totals), rows


# --- htmldate: tests/evaluation.py and comparison.py of adbar/htmldate ---

def score_htmldate(pages, preds):
    """Date P, R, accuracy, F1; rows (order, key, got, want) for each page not exactly right,
    wrong dates before missing ones."""
    tp = fp = fn = tn = 0
    rows = []
    for page in pages:
        got = (preds[page.key].get("published") or "")[:10] or None
        gold = page.gold
        if got is None:
            fn += 1
            tn += gold is None
        elif got == gold:
            tp += 1
        else:
            fp += 1
        if got != gold:
            want = "NaN" if isinstance(gold, float) and math.isnan(gold) else gold
            rows.append((0.0 if got else 0.5, page.key, f"got {got or '-'}", f"want {want}"))
    return confusion_scores(tp, fp, fn, tn), rows


SCORERS = {"scrapinghub": score_scrapinghub, "trafilatura": score_trafilatura, "htmldate": score_htmldate}


def score(pages, preds):
    """{set: metrics} of the predictions `preds` ({(set, page): prediction}) on the sets of
    `pages` they have pages for; metrics carry `pages`, `of` (pages in the set) and `worst`
    (per-page rows, worst first)."""
    results = {}
    for name, set_pages in pages.items():
        have = [p for p in set_pages if (name, p.key) in preds]
        if not have:
            continue
        by_key = {p.key: preds[(name, p.key)] for p in have}
        metrics, rows = SCORERS[name](have, by_key)
        metrics.update(pages=len(have), of=len(set_pages), worst=sorted(rows, key=lambda r: (r[0], r[1])))
        results[name] = metrics
    return results


def read_predictions(path):
    """{(set, page): prediction} of a JSON Lines file."""
    preds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                preds[(p["set"], p["page"])] = p
    return preds


def write_predictions(path, preds):
    """Writes {(set, page): prediction} as JSON Lines."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for p in preds.values():
            f.write(json.dumps(p, ensure_ascii=False) + "\n")


def reference_predictions(data, tool):
    """The published ScrapingHub output of `tool` (output/TOOL.json, bare or wrapped with its
    version) as predictions."""
    out = load_json(os.path.join(data, FOLDERS["scrapinghub"], "output", tool + ".json"))
    if isinstance(out, dict) and set(out) == {"version", "output"}:
        out = out["output"]
    return {("scrapinghub", key): {"set": "scrapinghub", "page": key, "text": item.get("articleBody"),
                                   "title": None, "published": None} for key, item in out.items()}


def crosscheck_predictions(binary, pages):
    """Runs `crosscheck extract` over the page files (symbolic links `SET/KEY.html.gz`, or
    `.html` for an uncompressed page, in a temporary directory, passed in batches) and turns
    its documents into predictions; a page it skips or leaves out has text null. Returns the
    predictions and the reason of each skipped page, {(set, page): reason}."""
    targets = {}
    for name, set_pages in pages.items():
        for page in set_pages:
            targets[(name, page.key)] = page.path
    preds, skipped = {}, {}
    with tempfile.TemporaryDirectory(prefix="crosscheck-web-") as tmp:
        by_link = {}
        for (name, key), path in targets.items():
            os.makedirs(os.path.join(tmp, name), exist_ok=True)
            suffix = ".html.gz" if path.endswith(".gz") else ".html"
            link = os.path.join(tmp, name, key.replace(os.sep, "_") + suffix)
            os.symlink(os.path.abspath(path), link)
            by_link[link] = (name, key)
        links = list(by_link)
        unmatched = 0
        for start in range(0, len(links), BATCH):
            batch = links[start:start + BATCH]
            proc = subprocess.run([binary, "extract", *batch, "--format", "jsonl", "-q"],
                                  capture_output=True, check=False)
            if proc.returncode not in (0, 1):
                sys.exit(f"crosscheck failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-2000:]}")
            for line in proc.stdout.decode("utf-8").splitlines():
                if not line.strip():
                    continue
                doc = json.loads(line)
                if doc.get("source") not in by_link:
                    unmatched += 1
                    continue
                name, key = by_link[doc["source"]]
                dated = doc.get("published_basis") in DATED_BASES
                preds.setdefault((name, key), {"set": name, "page": key, "text": doc.get("text"),
                                               "title": doc.get("title"),
                                               "published": doc.get("published") if dated else None})
            for line in proc.stderr.decode("utf-8", errors="replace").splitlines():
                path, _, reason = line.partition(": ")
                if path in by_link:
                    skipped[by_link[path]] = reason.strip()
        if unmatched:
            print(f"warning: {unmatched} crosscheck documents name a source that is none of the pages given",
                  file=sys.stderr)
    for (name, key) in targets:
        preds.setdefault((name, key), {"set": name, "page": key, "text": None, "title": None, "published": None})
    return preds, skipped


def fmt(value):
    """A figure to three decimals, or a dash where it is undefined."""
    return "    -" if value is None else f"{value:.3f}"


def print_tables(results, show):
    """One table a set, one row a system; with `show`, the worst pages of each."""
    for name in SETS:
        rows = [(system, r[name]) for system, r in results if name in r]
        if not rows:
            continue
        print(f"\n{name}")
        print(f"  {'system':<24} {'pages':>9}  {'P':>5}  {'R':>5}  {'F1':>5}  {'acc':>5}")
        for system, m in rows:
            n = str(m["pages"]) if m["pages"] == m["of"] else f"{m['pages']}/{m['of']}"
            print(f"  {system:<24} {n:>9}  {fmt(m['precision'])}  {fmt(m['recall'])}  {fmt(m['f1'])}  {fmt(m['accuracy'])}")
        for system, m in rows if show else ():
            print(f"  worst {min(show, len(m['worst']))} pages of {system}:")
            for _, key, a, b in m["worst"][:show]:
                if name == "htmldate":
                    print(f"    {key}  {a}, {b}")
                else:
                    print(f"    {key}  P {fmt(a)}  R {fmt(b)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--predictions", help="JSON Lines predictions to score instead of running crosscheck")
    source.add_argument("--reference", help="comma-separated ScrapingHub output/TOOL.json names to score, or all")
    ap.add_argument("--name", help="the name of the scored system in the tables")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, among " + ", ".join(SETS))
    ap.add_argument("--data", default=DATA, help="the shared data sets (default ../shared/data)")
    ap.add_argument("--crosscheck", default=BINARY, help="the crosscheck binary")
    ap.add_argument("--save", default=os.path.join(ROOT, "target", "web-crosscheck.jsonl"),
                    help="where crosscheck's predictions are written (default %(default)s)")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list the N worst pages of each set: key, P, R (htmldate: key, date got, date wanted)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--speed", action="store_true",
                    help="then compare with Python trafilatura on the same pages (web_speed.py)")
    args = ap.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    unknown = set(sets) - set(SETS)
    if unknown:
        ap.error(f"unknown sets: {', '.join(sorted(unknown))}")
    if not os.path.isdir(args.data):
        print(f"skipped: {args.data} not found (the shared data sets are not here)")
        return
    if args.reference:
        sets = ["scrapinghub"]
    pages = load_pages(args.data, sets)
    if not pages:
        return
    results = []
    if args.reference:
        out_dir = os.path.join(args.data, FOLDERS["scrapinghub"], "output")
        tools = (sorted(f[:-5] for f in os.listdir(out_dir) if f.endswith(".json"))
                 if args.reference == "all" else args.reference.split(","))
        for tool in tools:
            results.append((tool, score(pages, reference_predictions(args.data, tool))))
    elif args.predictions:
        name = args.name or os.path.splitext(os.path.basename(args.predictions))[0]
        results.append((name, score(pages, read_predictions(args.predictions))))
    else:
        if not os.path.exists(args.crosscheck):
            sys.exit(f"build crosscheck first: cargo build --release (looked for {args.crosscheck})")
        preds, skipped = crosscheck_predictions(args.crosscheck, pages)
        write_predictions(args.save, preds)
        print(f"crosscheck: {len(preds)} pages, predictions in {args.save}", file=sys.stderr)
        for reason, n in collections.Counter(skipped.values()).most_common(10):
            print(f"  skipped {n}: {reason}", file=sys.stderr)
        for (name, key), reason in list(skipped.items())[:args.show]:
            print(f"  skipped {name} {key}: {reason}", file=sys.stderr)
        results.append((args.name or "crosscheck", score(pages, preds)))
    if args.json:
        print(json.dumps({system: {s: {k: v for k, v in m.items() if k != "worst"} for s, m in r.items()}
                          for system, r in results}, indent=2))
    else:
        print_tables(results, args.show)
    if args.speed:
        print()
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "web_speed.py"),
                        "--data", args.data, "--crosscheck", args.crosscheck], check=False)


if __name__ == "__main__":
    main()
