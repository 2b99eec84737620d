#!/usr/bin/env python3
"""HTML extraction throughput: crosscheck beside Python trafilatura on the same pages.

    python3 tools/eval/web_speed.py [--limit N] [--venv /tmp/crosscheck-trafilatura-venv]

The pages are the 181 ScrapingHub pages and the 990 trafilatura_eval pages (web.py), read and
decompressed into memory before any clock starts; MB are 10^6 bytes of uncompressed HTML, and
both sides' MB/s are computed here from the bytes and seconds each reports.
- trafilatura: `pip install trafilatura lxml_html_clean` into a virtual environment (created
  when absent, reused after), then one child Python, one process, timing
  `trafilatura.extract(page, fast=False, include_comments=False, include_tables=True,
  include_formatting=False)` per page: the "trafilatura (standard)" row of trafilatura's own
  evaluation (tests/eval_common.py RUNNERS["fallback"]), which are also the settings of its
  published ScrapingHub output (the defaults with include_comments=False). As in those two
  benchmarks, ScrapingHub pages are given as str (they are UTF-8), trafilatura_eval pages as
  bytes. Its outputs are saved as web.py predictions and scored.
- crosscheck: `crosscheck bench --pages PAGES... --json` once per set for the speed, and
  `crosscheck extract` over the same pages (web.py) for the F1.
The last column is crosscheck's pages/s over trafilatura's. A side that cannot run is reported
as missing and the other still printed. Skips cleanly when ../shared/data is absent.
"""
import argparse
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web  # noqa: E402
from common import BINARY, DATA, ROOT  # noqa: E402

SETS = ("scrapinghub", "trafilatura")
SETTINGS = {"fast": False, "include_comments": False, "include_tables": True, "include_formatting": False}


def trafilatura_python(venv):
    """The venv's Python with trafilatura importable, installing it if needed; or (None, why)."""
    python = os.path.join(venv, "bin", "python")
    check = [python, "-c", "import trafilatura, lxml_html_clean"]
    if os.path.exists(python) and subprocess.run(check, capture_output=True).returncode == 0:
        return python, None
    steps = ([] if os.path.exists(python) else [[sys.executable, "-m", "venv", venv]]) + [
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "trafilatura", "lxml_html_clean"]]
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
            return None, f"`{' '.join(step[:4])} ...` failed: {tail[0]}"
    return python, None


def read_page(path):
    """The uncompressed bytes of a page file."""
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if path.endswith(".gz") else raw


def child(pages_path, out_path):
    """Runs inside the venv: times trafilatura.extract over the listed pages, per set, writes
    its outputs as predictions to `out_path` and prints the timings as one JSON line."""
    import logging
    from importlib.metadata import version

    import trafilatura
    logging.basicConfig(level=logging.CRITICAL)
    with open(pages_path, encoding="utf-8") as f:
        listed = json.load(f)
    trafilatura.extract("<html><body><p>warm-up text</p></body></html>", **SETTINGS)
    stats, preds = {}, []
    for name in SETS:
        items = [p for p in listed if p["set"] == name]
        loaded = [read_page(p["path"]) for p in items]
        inputs = [b.decode("utf-8") for b in loaded] if name == "scrapinghub" else loaded
        texts, errors = [], 0
        start = time.perf_counter()
        for page in inputs:
            try:
                texts.append(trafilatura.extract(page, **SETTINGS))
            except Exception:  # a crash is a miss, as trafilatura's evaluation counts it
                texts.append(None)
                errors += 1
        seconds = time.perf_counter() - start
        stats[name] = {"pages": len(items), "bytes": sum(map(len, loaded)), "seconds": seconds, "errors": errors}
        preds += [{"set": name, "page": p["page"], "text": t, "title": None, "published": None}
                  for p, t in zip(items, texts)]
    with open(out_path, "w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(json.dumps({"version": version("trafilatura"), "sets": stats}))


def run_trafilatura(python, pages, save):
    """trafilatura's timings ({"version", "sets"}) and predictions, from a child run in the venv."""
    listed = [{"set": name, "page": p.key, "path": os.path.abspath(p.path)}
              for name, set_pages in pages.items() for p in set_pages]
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as f:
        json.dump(listed, f)
        f.flush()
        proc = subprocess.run([python, os.path.abspath(__file__), "--child", f.name, save],
                              capture_output=True, text=True)
    if proc.returncode != 0:
        return None, None, f"the trafilatura run failed: {proc.stderr.strip()[-500:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1]), web.read_predictions(save), None


def crosscheck_bench(binary, set_pages):
    """crosscheck's `bench --pages` figures for the pages, or (None, why)."""
    if not os.path.exists(binary):
        return None, f"{binary} not found"
    proc = subprocess.run([binary, "bench", "--pages", *(p.path for p in set_pages), "--json"],
                          capture_output=True, text=True)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{") and proc.returncode == 0:
            figures = json.loads(line)
            if "pages_per_s" in figures:
                return figures, None
    tail = proc.stderr.strip().splitlines()[-1:] or [f"exit status {proc.returncode}, no JSON figures"]
    return None, f"`crosscheck bench --pages ... --json` failed: {tail[0]}"


def cell(value, spec):
    """The value formatted by `spec`, or a dash as wide where it is missing."""
    return format(value, spec) if value is not None else "-".rjust(int(spec.split(".")[0]))


def rates(figures):
    """(pages/s, MB/s) of {"pages", "bytes", "seconds"}, or (None, None)."""
    if not figures or not figures["seconds"]:
        return None, None
    return figures["pages"] / figures["seconds"], figures["bytes"] / 1e6 / figures["seconds"]


def summed(per_set):
    """The figures of all sets together, or None when a set lacks them."""
    if not per_set or not all(per_set):
        return None
    return {k: sum(f[k] for f in per_set) for k in ("pages", "bytes", "seconds")}


def print_table(pages, traf, traf_scores, bench, cc_scores):
    """Speed and F1 of both tools per set, and the two speeds over all pages."""
    print(f"\n{'set':<12} {'pages':>5} {'MB':>6} | {'trafilatura p/s':>15} {'MB/s':>6} {'F1':>5} | "
          f"{'crosscheck p/s':>14} {'MB/s':>6} {'F1':>5} | {'ratio':>6}")
    rows = [(name, len(ps), traf.get(name), traf_scores.get(name), bench.get(name), cc_scores.get(name))
            for name, ps in pages.items()]
    rows.append(("all", sum(r[1] for r in rows), summed([r[2] for r in rows]), None,
                 summed([r[4] for r in rows]), None))
    for name, n, t, t_score, c, c_score in rows:
        t_ps, t_mbs = rates(t)
        c_ps, c_mbs = rates(c)
        mb = (t or c or {"bytes": 0})["bytes"] / 1e6
        print(f"{name:<12} {n:>5} {mb:>6.1f} | {cell(t_ps, '15.1f')} {cell(t_mbs, '6.2f')} "
              f"{cell(t_score and t_score['f1'], '5.3f')} | {cell(c_ps, '14.1f')} {cell(c_mbs, '6.2f')} "
              f"{cell(c_score and c_score['f1'], '5.3f')} | {cell(c_ps / t_ps if c_ps and t_ps else None, '6.1f')}")
        if t and c and t["bytes"] != c["bytes"]:
            print(f"  note: crosscheck counted {c['bytes']} bytes, the uncompressed pages are {t['bytes']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N pages of each set, for a quick run")
    ap.add_argument("--venv", default="/tmp/crosscheck-trafilatura-venv", help="trafilatura's virtual environment")
    ap.add_argument("--data", default=DATA, help="the shared data sets (default ../shared/data)")
    ap.add_argument("--crosscheck", default=BINARY, help="the crosscheck binary")
    ap.add_argument("--save", default=os.path.join(ROOT, "target", "web-trafilatura.jsonl"),
                    help="where trafilatura's predictions are written (default %(default)s)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    if not os.path.isdir(args.data):
        print(f"skipped: {args.data} not found (the shared data sets are not here)")
        return
    pages = {name: ps[:args.limit] for name, ps in web.load_pages(args.data, SETS).items()}
    if not pages:
        return

    python, why = trafilatura_python(args.venv)
    traf = traf_scores = None
    if python:
        os.makedirs(os.path.dirname(os.path.abspath(args.save)), exist_ok=True)
        traf, preds, why = run_trafilatura(python, pages, args.save)
        traf_scores = web.score(pages, preds) if preds else None
    if why:
        print(f"trafilatura comparison skipped: {why}")
    else:
        errors = sum(f["errors"] for f in traf["sets"].values())
        print(f"trafilatura {traf['version']}: extract({', '.join(f'{k}={v}' for k, v in SETTINGS.items())}), "
              f"one process, {errors} pages failed; predictions in {args.save}")

    bench, cc_scores = {}, None
    for name, set_pages in pages.items():
        bench[name], why = crosscheck_bench(args.crosscheck, set_pages)
        if why:
            print(f"crosscheck figure missing for {name}: {why}")
    if os.path.exists(args.crosscheck):
        cc_preds, skipped = web.crosscheck_predictions(args.crosscheck, pages)
        for reason, n in collections.Counter(skipped.values()).most_common(5):
            print(f"crosscheck extract skipped {n} pages: {reason}")
        if any(p["text"] is not None for p in cc_preds.values()):
            cc_scores = web.score(pages, cc_preds)
        else:
            print("crosscheck F1 missing: it extracted none of the pages")
    print_table(pages, traf["sets"] if traf else {}, traf_scores or {}, bench, cc_scores or {})


if __name__ == "__main__":
    main()
