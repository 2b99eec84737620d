#!/usr/bin/env python3
"""The scale-out mode measured against one process, on real articles.

    tools/eval/scale.py check        # the development sets and the bundled examples through
                                     # `submit` and two workers, one killed with SIGKILL
                                     # mid-stream and restarted: the same documents and the
                                     # same events as one `ingest` into SQLite?
    tools/eval/scale.py curve N      # throughput of 1, 2 and 4 workers on N real articles
                                     # (GVA, BBC, FA-KES, Giveme5W1H), beside one `ingest`,
                                     # and the latency from `submit` to a placed document

Uses the services `tools/services.sh start` prints (CROSSCHECK_TEST_POSTGRES,
CROSSCHECK_TEST_NATS), starting its own when they are not set. Without ../shared, `check`
runs on the bundled examples alone and `curve` skips (status 0).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
REF = ["--reference-date", "2026-12-01"]


def services():
    """The test services' URLs, starting them when the environment names none."""
    if os.environ.get("CROSSCHECK_TEST_POSTGRES") and os.environ.get("CROSSCHECK_TEST_NATS"):
        return os.environ["CROSSCHECK_TEST_POSTGRES"], os.environ["CROSSCHECK_TEST_NATS"], None
    out = subprocess.run([f"{ROOT}/tools/services.sh", "start"], capture_output=True, text=True, check=True)
    env = dict(line.removeprefix("export ").split("=", 1) for line in out.stdout.splitlines())
    return env["CROSSCHECK_TEST_POSTGRES"], env["CROSSCHECK_TEST_NATS"], env["CROSSCHECK_SERVICES"]


def new_database(admin, name):
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    return admin.rsplit("/", 1)[0] + "/" + name


def cc(*args, check=True):
    out = subprocess.run([common.BINARY, *args], capture_output=True, text=True)
    if check and out.returncode not in (0, 1):
        sys.exit(f"crosscheck {' '.join(args)}: {out.stderr.strip()}")
    return out


def worker(nats, stream, db, *extra):
    return subprocess.Popen([common.BINARY, "worker", "--nats", nats, "--stream", stream, "--db", db,
                             "-q", *REF, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def stored(db):
    return len(json.loads(cc("list", "--db", db, "--limit", "1000000", "--format", "json").stdout))


def contents(db):
    ids = {d["id"] for d in json.loads(cc("list", "--db", db, "--limit", "1000000", "--format", "json").stdout)}
    events = {frozenset(d["id"] for d in e["documents"])
              for e in json.loads(cc("dossier", "--db", db, "--format", "json").stdout)}
    return ids, events


def check(admin, nats):
    inputs = sorted(glob.glob(os.path.join(common.DATA, "..", "eval", "dev", "*.jsonl"))) + [f"{ROOT}/examples"]
    work = tempfile.mkdtemp(prefix="crosscheck-scale-")
    sqlite = f"{work}/one.db"
    cc("ingest", "-q", *REF, "--db", sqlite, *inputs)
    want_ids, want_events = contents(sqlite)
    db = new_database(admin, "crosscheck_scale_check")
    stream = f"CC_CHECK_{os.getpid()}"
    cc("submit", "-q", "--nats", nats, "--stream", stream, *inputs)
    doomed = worker(nats, stream, db, "--ack-wait", "3", "--batch", "8")
    while stored(db) < len(want_ids) // 3:
        time.sleep(0.05)
    doomed.kill()
    doomed.wait()
    at_kill = stored(db)
    others = [worker(nats, stream, db, "--ack-wait", "3", "--batch", "8", "--drain") for _ in range(2)]
    for w in others:
        w.wait()
        if w.returncode:
            sys.exit(f"a worker failed: {w.stderr.read()}")
    ids, events = contents(db)
    same_ids = ids == want_ids
    same_events = events == want_events
    print(f"inputs: {len(inputs)} ({', '.join(os.path.basename(i) for i in inputs)})")
    print(f"one ingest into SQLite: {len(want_ids)} documents, {len(want_events)} events")
    print(f"submit + 2 workers, one killed at {at_kill} stored and restarted: {len(ids)} documents, "
          f"{len(events)} events")
    print(f"same documents: {same_ids}; same events: {same_events}")
    if not same_events:
        print(f"  events only in one ingest: {len(want_events - events)}; only in the workers': {len(events - want_events)}")
    return 0 if same_ids and same_events else 1


def curve(admin, nats, n):
    records = []
    for _, rs in common.corpora("gva", "bbc", "fakes", "giveme5w1h"):
        records.extend(r for r in rs if (r.get("text") or "").strip())
    if not records:
        print("skipped: no shared corpora")
        return 0
    records = records[:n]
    work = tempfile.mkdtemp(prefix="crosscheck-scale-")
    path = f"{work}/articles.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            f.write(json.dumps({**r, "id": f"a{i:06d}"}) + "\n")
    print(f"{len(records)} articles, {os.cpu_count()} cores")
    for threads in (1, 2):
        start = time.time()
        cc("ingest", "-q", *REF, "--threads", str(threads), "--db", f"{work}/one-{threads}.db", path)
        took = time.time() - start
        documents = stored(f"{work}/one-{threads}.db")
        print(f"ingest into SQLite, {threads} thread(s): {took:.1f} s, {len(records) / took:.0f} articles/s "
              f"(stored {documents}; the others hold no article)")
    for workers in (1, 2, 4):
        db = new_database(admin, f"crosscheck_scale_{workers}")
        stream = f"CC_CURVE_{os.getpid()}_{workers}"
        start = time.time()
        cc("submit", "-q", "--nats", nats, "--stream", stream, path)
        submitted = time.time() - start
        start = time.time()
        running = [worker(nats, stream, db, "--threads", "1", "--drain") for _ in range(workers)]
        for w in running:
            w.wait()
        took = time.time() - start
        print(f"{workers} worker(s), 1 thread each: submit {submitted:.1f} s; workers {took:.1f} s, "
              f"{len(records) / took:.0f} articles/s (stored {stored(db)})")
    # Latency: one article submitted to an idle, running worker, until it is placed.
    db = new_database(admin, "crosscheck_scale_latency")
    stream = f"CC_LATENCY_{os.getpid()}"
    cc("submit", "-q", "--nats", nats, "--stream", stream, path)
    idle = worker(nats, stream, db)
    while stored(db) < documents:
        time.sleep(0.2)
    time.sleep(1)
    waits = []
    for i in range(5):
        one = f"{work}/late-{i}.json"
        with open(one, "w", encoding="utf-8") as f:
            json.dump({**records[i], "id": f"late{i}", "text": records[i]["text"] + f" ({i})"}, f)
        start = time.time()
        cc("submit", "-q", "--nats", nats, "--stream", stream, one)
        while True:
            out = subprocess.run(["psql", db, "-tAc", f"SELECT event FROM documents WHERE id = 'late{i}'"],
                                 capture_output=True, text=True).stdout.strip()
            if out:
                break
            time.sleep(0.01)
        waits.append(time.time() - start)
    idle.terminate()
    idle.wait()
    waits.sort()
    print(f"submit to placed, one article into a store of {len(records)}: median {waits[2]:.2f} s, "
          f"max {waits[-1]:.2f} s")
    return 0


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    admin, nats, started = services()
    try:
        if what == "check":
            return check(admin, nats)
        return curve(admin, nats, int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    finally:
        if started:
            subprocess.run([f"{ROOT}/tools/services.sh", "stop", started], check=False)


if __name__ == "__main__":
    sys.exit(main())
