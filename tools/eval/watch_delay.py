#!/usr/bin/env python3
"""How long `crosscheck watch` takes from an article's arrival in a folder to its alert.

    tools/eval/watch_delay.py [--every 1s] [--articles 30]

Starts a watch over an empty folder, moves GVA development articles into it one at a time
(written beside it, then renamed in, as a downloader delivers them) and times each until the
watch prints a change event. An article that changes no dossier raises nothing and is counted
apart. Skips cleanly (status 0) without the shared data.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from common import BINARY, ROOT

DEV = os.path.join(ROOT, "..", "shared", "eval", "dev", "gva.jsonl")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", default="1s")
    parser.add_argument("--articles", type=int, default=30)
    opts = parser.parse_args()
    if not os.path.exists(DEV):
        print("no ../shared/eval: skipped", file=sys.stderr)
        return
    with open(DEV, encoding="utf-8") as f:
        records = [json.loads(line) for line in f][: opts.articles]
    work = tempfile.mkdtemp()
    folder = os.path.join(work, "in")
    os.mkdir(folder)
    watch = subprocess.Popen(
        [BINARY, "watch", folder, "--every", opts.every, "--db", os.path.join(work, "w.db"), "-q"],
        stdout=subprocess.PIPE, text=True)
    alerts = []

    def read():
        for line in watch.stdout:
            alerts.append(time.time())

    threading.Thread(target=read, daemon=True).start()
    time.sleep(2)
    delays, silent = [], 0
    for record in records:
        before = len(alerts)
        staged = os.path.join(work, "staged.json")
        with open(staged, "w", encoding="utf-8") as f:
            json.dump(record, f)
        arrived = time.time()
        os.rename(staged, os.path.join(folder, f"{record['id']}.json"))
        while len(alerts) == before and time.time() - arrived < 15:
            time.sleep(0.02)
        if len(alerts) > before:
            delays.append(alerts[before] - arrived)
        else:
            silent += 1
        time.sleep(0.3)
    watch.send_signal(2)
    watch.wait()
    print(f"--every {opts.every}: {len(delays)} of {len(records)} arrivals alerted "
          f"({silent} changed no dossier); delay median {statistics.median(delays):.2f} s, "
          f"max {max(delays):.2f} s; watch exit {watch.returncode}")


if __name__ == "__main__":
    main()
