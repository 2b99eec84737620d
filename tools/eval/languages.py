#!/usr/bin/env python3
"""Facts per language: the French, Russian and Ukrainian development set
(../shared/eval/dev/multilingual.jsonl) scored by ../shared/eval/score.py on each language's
documents apart (the reference's documents filtered by the input line's `language`).

    python3 tools/eval/languages.py [-v]

Prints one line per language with the figures and claims scores; -v also prints score.py's
misses and wrong items. Skips cleanly without ../shared.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BINARY, ROOT, read_jsonl  # noqa: E402

EVAL = os.path.join(ROOT, "..", "shared", "eval")
KEYS = ("figures.precision", "figures.recall", "figures.f1", "figures.qualifier",
        "figures.event", "claims.precision", "claims.recall", "claims.f1")


def main():
    verbose = "-v" in sys.argv[1:]
    inputs = os.path.join(EVAL, "dev", "multilingual.jsonl")
    if not os.path.exists(inputs):
        print(f"skipped: {inputs} not found (the shared references are not here)")
        return 0
    if not os.path.exists(BINARY):
        sys.exit(f"build crosscheck first: cargo build --release (looked for {BINARY})")
    language = {r["id"]: r.get("language") for r in read_jsonl(inputs)}
    with open(os.path.join(EVAL, "gold", "dev-multilingual.json"), encoding="utf-8") as f:
        gold = json.load(f)
    out = subprocess.run([BINARY, "extract", inputs, "--format", "json", "-q"],
                         capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"crosscheck failed: {out.stderr.decode(errors='replace')}")
    docs = json.loads(out.stdout)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in sorted({lang for lang in language.values() if lang}):
            part = dict(gold, documents=[d for d in gold["documents"]
                                         if language.get(d["source"]) == lang])
            mine = [d for d in docs if language.get(d["id"]) == lang]
            g, x = os.path.join(tmp, "gold.json"), os.path.join(tmp, "extract.json")
            with open(g, "w", encoding="utf-8") as f:
                json.dump(part, f)
            with open(x, "w", encoding="utf-8") as f:
                json.dump(mine, f)
            scored = subprocess.run([sys.executable, os.path.join(EVAL, "score.py"),
                                     "--gold", g, "--extract", x],
                                    capture_output=True, text=True, check=False).stdout
            summary = next((line for line in scored.splitlines() if line.startswith("summary")), "")
            values = dict(t.split("=", 1) for t in summary.split()[1:] if "=" in t)
            print(f"{lang} ({len(mine)} documents): "
                  + " ".join(f"{k}={values.get(k)}" for k in KEYS))
            if verbose:
                print("\n".join(line for line in scored.splitlines()
                                if not line.startswith("summary")))
    times_recall(docs, language)
    return 0


def calendar_words(lang):
    """The month, weekday and relative day words of a language's pack."""
    words = {"month": [], "weekday": [], "relative": []}
    path = os.path.join(ROOT, "crates", "extract", "data", lang, "times.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split("#")[0].rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0] in words:
                words[fields[0]].append(fields[1])
    return words


def times_recall(docs, language):
    """How many weekday + day + month dates and relative day words of the set (found by the
    packs' words, a separate reading of the text) a time expression normalizes: covered by
    an expression whose value names a day."""
    for lang in ("fr", "ru", "uk"):
        w = calendar_words(lang)
        alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
        dated = re.compile(rf"(?i)\b(?:{alt(w['weekday'])})\b[ ,]+(?:\w+[ ,]+)?\d{{1,2}}(?:er)? (?:{alt(w['month'])})\b")
        relative = re.compile(rf"(?i)(?<![\w'’])(?:{alt(w['relative'])})(?![\w'’])")
        for name, pattern in (("weekday + day + month", dated), ("relative day words", relative)):
            found = normalized = 0
            for d in docs:
                if language.get(d["id"]) != lang:
                    continue
                text = d["text"]
                for m in pattern.finditer(text):
                    found += 1
                    # The document's offsets count bytes.
                    start = len(text[:m.start()].encode("utf-8"))
                    end = start + len(m.group(0).encode("utf-8"))
                    if any(t["start"] < end and t["end"] > start
                           and re.match(r"\d{4}-\d{2}-\d{2}", t["value"]) for t in d["times"]):
                        normalized += 1
            print(f"{lang} times: {name}: {normalized} of {found} normalized to a day")


if __name__ == "__main__":
    sys.exit(main())
