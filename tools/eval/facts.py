#!/usr/bin/env python3
"""Every scorer of the facts (figures, statements, claims), in one run.

    tools/eval/facts.py

The seeds against the shared reference with the bounds `.ci/run` holds, then the GGT quotes,
PolNeAR test and the GVA figures, then every figure and claim of the development sets by the
rule that made it (`rules.py`: made, right, wrong per rule). Each part skips cleanly (status 0)
when its data is absent.
"""
import os
import subprocess
import sys
import tempfile

from common import BINARY, ROOT

HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = os.path.join(ROOT, "..", "shared", "eval", "score.py")
GOLD = os.path.join(ROOT, "..", "shared", "eval", "gold", "seeds.json")
BOUNDS = ["--min", "figures.f1=1", "--min", "figures.qualifier=1", "--min", "figures.event=1",
          "--min", "claims.f1=1", "--min", "statements.recall=0.95", "--min", "statements.via=0.9",
          "--max", "statements.misattributed=0"]


def seeds():
    if not os.path.exists(SCORE):
        print("seeds: skipped (no shared evaluation)")
        return 0
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([BINARY, "extract", os.path.join(ROOT, "examples", "crocus"), "--format", "json",
                        "--reference-date", "2026-12-01"], stdout=out, check=True)
        scored = subprocess.run([sys.executable, SCORE, "--gold", GOLD, "--extract", out.name, *BOUNDS],
                                capture_output=True, text=True, check=False)
    print("seeds:", scored.stdout.strip().splitlines()[-1])
    return scored.returncode


def main():
    status = seeds()
    for script, args in (("quotes.py", []), ("polnear.py", ["test"]), ("figures.py", []),
                         ("rules.py", ["--show", "none"])):
        print(f"== {script} {' '.join(args)}".rstrip(), flush=True)
        status |= subprocess.run([sys.executable, os.path.join(HERE, script), *args], check=False).returncode
    sys.exit(status)


if __name__ == "__main__":
    main()
