#!/usr/bin/env python3
"""Load test of `crosscheck serve` over a store of about 10,000 real articles: requests/s and
latency of the events list, the largest event's dossier page and its JSON.

    python3 tools/bench_serve.py [--db /tmp/crosscheck-bench-serve.db] [--duration 10]

The store is built once by `crosscheck ingest` of the shared corpora (GVA, FA-KES and ECB+
converted by tools/convert_*.py, BBC, Giveme5W1H, WikiRef220: ~10,700 articles) and reused
while its `.ok` note is there (--rebuild to make it again). Skips (status 0) when ../shared/data
is absent.

Three measurements per page:

* one client, one request at a time (3 s): the time to serve the page alone.
* wrk (`wrk -t2 -c16 -d10s --latency`, from 127.0.0.1): the server is started with
  `--rate-limit 1000000/1000000` (the default 20 requests/s a client would answer most of wrk's
  requests 429), so these are the pages themselves: requests/s and p99 latency.
* spread over loopback addresses (127.0.0.2 to 127.0.0.251, a new connection per request, a few
  threads of this script): no address reaches its limit, so every answer is the page itself;
  requests/s and latency percentiles of those answers. This client is Python on the same
  cores as the server, so the figures are a floor for the cheap pages.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("CROSSCHECK_DATA", os.path.join(ROOT, "..", "shared", "data"))
# The rate limit's refill: a full bucket (100 requests) takes 5 s at 20/s.
REFILL_S = 5.5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(binary, db):
    """Ingests the shared corpora into a new store at `db`; returns the number of articles given."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import convert_ecbplus
    import convert_fakes
    import convert_gva
    for suffix in ("", "-wal", "-shm", ".ok"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    inputs, given = [], 0
    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-serve-") as tmp:
        converted = [
            ("gva.jsonl", convert_gva.records,
             os.path.join(DATA, "gva_semeval2018_task5", "gva_incidents_with_articles.jsonl.gz")),
            ("fakes.jsonl", convert_fakes.records, os.path.join(DATA, "fakes_syria", "FA-KES-Dataset.csv")),
            ("ecbplus.jsonl", convert_ecbplus.records,
             os.path.join(DATA, "ecbplus", "ECB+_LREC2014", "ECB+_xml.tar.gz")),
        ]
        for name, records, source in converted:
            if not os.path.exists(source):
                print(f"  ({source} not found, left out)")
                continue
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as out:
                for r in records(source):
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                    given += 1
            inputs.append(path)
        for ready in (os.path.join(DATA, "bbc_fulltext", "bbc_fulltext.jsonl"),
                      os.path.join(DATA, "giveme5w1h_news_cluster", "news_cluster.jsonl")):
            if os.path.exists(ready):
                with open(ready, encoding="utf-8") as f:
                    given += sum(1 for line in f if line.strip())
                inputs.append(ready)
        wikiref = os.path.join(DATA, "wikiref", "WikiRef220")
        if os.path.isdir(wikiref):
            given += sum(1 for n in os.listdir(wikiref) if n.endswith(".txt"))
            inputs.append(wikiref)
        started = time.monotonic()
        proc = subprocess.run([binary, "ingest", *inputs, "--db", db, "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        seconds = time.monotonic() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"ingest failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-2000:]}")
    skipped = len(proc.stderr.splitlines())
    print(f"  ingest: {given} articles given, {skipped} skipped, {seconds:.1f} s")
    return given


def stored_documents(binary, db):
    proc = subprocess.run([binary, "list", "--db", db, "--limit", "100000000", "--format", "json"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    return len(json.loads(proc.stdout))


def get_json(base, path):
    with urllib.request.urlopen(base + path, timeout=120) as r:
        return json.load(r)


def largest_event(base):
    """The event with the most documents, paging through /api/events (100 a page, within the
    rate limit's burst for a few thousand events; slowed down past it)."""
    best, offset, pages = None, 0, 0
    while True:
        for _ in range(60):
            try:
                events = get_json(base, f"/api/events?offset={offset}&limit=100")
                break
            except urllib.error.HTTPError as e:
                if e.code != 429:
                    raise
                time.sleep(1)
        else:
            sys.exit("/api/events: still rate-limited after a minute")
        pages += 1
        for e in events:
            if best is None or len(e["documents"]) > len(best["documents"]):
                best = e
        offset += len(events)
        if len(events) < 100:
            break
    total = offset
    return best, total, pages


def wrk(url, duration, threads, connections):
    """wrk's figures: requests/s, p99, requests, non-2xx/3xx answers, socket errors."""
    proc = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
                           "--timeout", "10s", url],
                          capture_output=True, text=True, timeout=duration + 60, check=False)
    out = proc.stdout
    if proc.returncode != 0:
        return {"error": (proc.stderr or out)[-300:]}

    def find(pattern, default=None):
        m = re.search(pattern, out)
        return m.group(1) if m else default

    return {
        "rps": float(find(r"Requests/sec:\s+([\d.]+)", "0")),
        "p50": find(r"\n\s+50%\s+(\S+)"),
        "p99": find(r"\n\s+99%\s+(\S+)"),
        "requests": int(find(r"(\d+) requests in", "0")),
        "non2xx": int(find(r"Non-2xx or 3xx responses: (\d+)", "0")),
        "errors": find(r"Socket errors: ([^\n]+)", "none"),
    }


def spread(port, path, duration, threads):
    """Requests to `path` from rotating loopback addresses, a connection each, for `duration`
    seconds: (requests/s of 200 answers, p50 ms, p99 ms, statuses)."""
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.monotonic() + duration
    counter = [0]

    def worker():
        mine, seen = [], {}
        while time.monotonic() < deadline:
            with lock:
                n = counter[0]
                counter[0] += 1
            source = f"127.0.0.{2 + n % 250}"
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
            try:
                conn.request("GET", path, headers={"Connection": "close"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError as e:
                status = type(e).__name__
            finally:
                conn.close()
            elapsed = time.perf_counter() - t0
            seen[status] = seen.get(status, 0) + 1
            if status == 200:
                mine.append(elapsed)
        with lock:
            latencies.extend(mine)
            for k, v in seen.items():
                statuses[k] = statuses.get(k, 0) + v

    started = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.monotonic() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return len(latencies) / wall, pct(0.50), pct(0.99), statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crosscheck", default=os.path.join(ROOT, "target", "release", "crosscheck"))
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "crosscheck-bench-serve.db"))
    parser.add_argument("--rebuild", action="store_true", help="ingest the store again")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--spread-threads", type=int, default=4,
                        help="client threads of the spread measurement (0: none)")
    args = parser.parse_args()
    if not os.path.isdir(DATA):
        print(f"bench-serve: skipped, {DATA} not found (the shared data sets are not here)")
        return 0
    binary = os.path.abspath(args.crosscheck)
    if not os.path.exists(binary):
        sys.exit(f"build crosscheck first: cargo build --release (looked for {binary})")
    has_wrk = shutil.which("wrk") is not None
    if not has_wrk:
        print("  (wrk not installed: apt-get install wrk; its measurement is left out)")

    if args.rebuild or not os.path.exists(args.db + ".ok"):
        print(f"building the store {args.db}")
        build_store(binary, args.db)
        with open(args.db + ".ok", "w") as f:
            f.write(f"{stored_documents(binary, args.db)}\n")
    documents = int(open(args.db + ".ok").read().strip() or 0)
    print(f"store {args.db}: {documents} documents")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([binary, "serve", "--db", args.db, "--addr", f"127.0.0.1:{port}",
                               "--rate-limit", "1000000/1000000", "-q"],
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    rows = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/static/app.css", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    sys.exit(f"the server did not start: {log.read().decode(errors='replace')[-1000:]}")
                time.sleep(0.2)
        started = time.monotonic()
        event, events, pages = largest_event(base)
        print(f"{events} events (read in {pages} pages of /api/events, {time.monotonic() - started:.1f} s); "
              f"largest: {event['id']}, {len(event['documents'])} documents, "
              f"{len(event.get('figures', []))} figures, “{(event.get('title') or '')[:70]}”")
        targets = [("events list", "/"), ("dossier page", f"/events/{event['id']}"),
                   ("dossier JSON", f"/api/events/{event['id']}")]
        for name, path in targets:
            size = len(urllib.request.urlopen(base + path, timeout=120).read())
            row = {"name": name, "path": path, "bytes": size}
            if has_wrk:
                time.sleep(REFILL_S)  # a full bucket for 127.0.0.1
                row["wrk"] = wrk(base + path, args.duration, args.threads, args.connections)
            row["single"] = spread(port, path, min(3, args.duration), 1)
            if args.spread_threads > 0:
                row["spread"] = spread(port, path, args.duration, args.spread_threads)
            rows.append(row)
            report(row, args)
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    print()
    print(f"| page | bytes | alone p50 | wrk req/s | wrk p99 | wrk 200s | spread req/s | spread p50 | spread p99 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        w = row.get("wrk") or {}
        ok = f"{w['requests'] - w['non2xx']} of {w['requests']}" if "requests" in w else "–"
        s = row.get("spread")
        print(f"| {row['name']} `{row['path']}` | {row['bytes']:,} | {row['single'][1]:.1f} ms | {w.get('rps', float('nan')):,.0f} | "
              f"{w.get('p99', '–')} | {ok} | "
              + (f"{s[0]:,.1f} | {s[1]:.1f} ms | {s[2]:.1f} ms |" if s else "– | – | – |"))
    return 0


def report(row, args):
    print(f"{row['name']} {row['path']} ({row['bytes']:,} bytes)")
    w = row.get("wrk")
    if w is not None:
        if "error" in w:
            print(f"  wrk: failed: {w['error']}")
        else:
            print(f"  wrk -t{args.threads} -c{args.connections} -d{args.duration}s: {w['rps']:,.0f} req/s, "
                  f"p50 {w['p50']}, p99 {w['p99']}; {w['requests']:,} requests, "
                  f"{w['non2xx']:,} not 2xx (rate-limited: 429), socket errors: {w['errors']}")
    s = row["single"]
    print(f"  one client, one request at a time, {min(3, args.duration)} s: {s[0]:,.1f} req/s, "
          f"p50 {s[1]:.1f} ms, p99 {s[2]:.1f} ms; statuses {s[3]}")
    s = row.get("spread")
    if s is not None:
        rps, p50, p99, statuses = s
        print(f"  spread over 250 loopback addresses, {args.spread_threads} threads, {args.duration} s: "
              f"{rps:,.1f} req/s (200s), p50 {p50:.1f} ms, p99 {p99:.1f} ms; statuses {statuses}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
