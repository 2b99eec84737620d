#!/usr/bin/env python3
"""Mojibake repair measured on real text.

    tools/eval/mojibake.py

Real articles with non-ASCII characters (Giveme5W1H, GVA, BBC) are cleaned once; their clean
text is then damaged the way it happens upstream (its UTF-8 bytes read as Windows-1252, with
the five bytes Windows-1252 leaves undefined read as Latin-1) and cleaned again. Reported: the
share of documents restored exactly, the share of damaged characters restored, and how often
the cleaner "repaired" text that was not damaged (documents of the clean run with a mojibake
warning, listed for review with -v).
"""
import sys

from common import corpora, extract



def as_cp1252(text):
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))  # undefined in cp1252: read as Latin-1
    return "".join(out)


def main():
    verbose = "-v" in sys.argv
    for name, rows in corpora("giveme5w1h", "gva", "bbc"):
        records = []
        for i, r in enumerate(rows):
            text = r.get("text") or r.get("maintext") or ""
            records.append({"id": f"{name}-{i}", "text": text, "title": r.get("title") or "-"})
        clean, _ = extract(records, "--reference-date", "2026-12-01")
        false_repairs = [d for d in clean.values() if any(w["kind"] == "mojibake" for w in d["warnings"])]
        damaged = [{"id": d["id"], "text": as_cp1252(d["text"]), "title": d["title"] or "-"}
                   for d in clean.values() if any(ord(c) > 127 for c in d["text"])]
        repaired, _ = extract(damaged, "--reference-date", "2026-12-01")
        exact = chars = restored = 0
        misses = []
        for rec in damaged:
            want = clean[rec["id"]]["text"]
            got = repaired.get(rec["id"], {}).get("text", "")
            exact += got == want
            wanted = [c for c in want if ord(c) > 127]
            chars += len(wanted)
            have = {}
            for c in got:
                have[c] = have.get(c, 0) + 1
            for c in wanted:
                if have.get(c, 0):
                    have[c] -= 1
                    restored += 1
            if got != want:
                misses.append(rec["id"])
        n = len(damaged)
        print(f"{name}: {len(clean)} clean documents; {n} with non-ASCII text damaged and cleaned again")
        print(f"  restored exactly: {exact}/{n} = {exact / max(n, 1):.3f}; non-ASCII characters restored: {restored}/{chars} = {restored / max(chars, 1):.3f}")
        print(f"  clean documents changed by the repair: {len(false_repairs)} (each a real mojibake or a false repair: review with -v)")
        if verbose:
            for d in false_repairs[:10]:
                print("   repaired in source:", d["id"], [w["message"] for w in d["warnings"] if w["kind"] == "mojibake"])
            for i in misses[:5]:
                want, got = clean[i]["text"], repaired[i]["text"]
                at = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
                print("   miss:", i, repr(want[max(0, at - 30):at + 30]), "→", repr(got[max(0, at - 30):at + 30]))


if __name__ == "__main__":
    main()
