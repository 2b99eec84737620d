#!/usr/bin/env python3
"""Memory of `crosscheck watch` over many arriving articles: N real articles (GVA, BBC,
FA-KES, Giveme5W1H, as JSON files) are moved into a watched folder 500 at a time every 5 s;
once the store stops growing, the watch's peak resident memory (VmHWM) is printed.

    tools/eval/watch_memory.py N        # e.g. 2500, 5000, 10000 (Linux: reads /proc)

Skips cleanly (status 0) without the shared data.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

BATCH = 500


def stored(db):
    """How many documents the store holds."""
    out = subprocess.run([common.BINARY, "list", "--db", db, "--limit", "1000000", "--format", "json"],
                         capture_output=True, text=True, check=False)
    return len(json.loads(out.stdout)) if out.stdout.strip() else 0


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    records = []
    for _, rs in common.corpora("gva", "bbc", "fakes", "giveme5w1h"):
        records.extend(r for r in rs if (r.get("text") or "").strip())
    records = records[:n]
    work = tempfile.mkdtemp(prefix="crosscheck-watch-memory-")
    src, dst, db = f"{work}/src", f"{work}/in", f"{work}/w.db"
    os.makedirs(src)
    os.makedirs(dst)
    for i, record in enumerate(records):
        with open(f"{src}/{i:05d}.json", "w", encoding="utf-8") as f:
            json.dump(record, f)
    watch = subprocess.Popen([common.BINARY, "watch", dst, "--every", "1s", "--db", db, "-q",
                              "--reference-date", "2026-12-01"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.time()
    names = sorted(os.listdir(src))
    moved, last, stable = 0, -1, 0
    while time.time() - start < 1800 and stable < 3:
        for name in names[moved:moved + BATCH]:
            os.rename(f"{src}/{name}", f"{dst}/{name}")
        moved = min(len(names), moved + BATCH)
        time.sleep(5)
        if moved == len(names):
            count = stored(db)
            stable = stable + 1 if count == last else 0
            last = count
    with open(f"/proc/{watch.pid}/status", encoding="utf-8") as f:
        peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
    watch.send_signal(2)
    watch.wait()
    print(f"articles {len(names)} stored {last} seconds {round(time.time() - start)} "
          f"peak RSS {peak // 1024} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
