#!/usr/bin/env python3
"""Statements against the Gender Gap Tracker's hand-annotated quotes (98 articles).

    tools/eval/quotes.py [-v]

GGT's own evaluation (evaluate_quotes.py, V5.1): each gold quote is matched to the unmatched
predicted quote covering the largest share of its characters, above a threshold (0.3 and
0.8); precision and recall count matched quotes; speaker and verb accuracy are over the
matched ones. The annotations' character offsets drift from the article text, so, as the
data's notes advise, quotes are placed by string: the gold quote where it occurs in the clean
text, the predicted content where it occurs in its statement's sentence (with the quote
marks around a direct quote, which the gold spans include). A speaker matches when it shares
a word with the gold speaker as written or the person it refers to ("she" → "Darian
Lonechild"); a verb when it is the same word.
"""
import ast
import json
import re
import sys

from common import data_path, extract

MARKS = "\"“”«»"
STOP = {"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "mr", "ms", "mrs", "dr"}


def quotations(row):
    qs = row["quotations"]
    if isinstance(qs, str):
        try:
            qs = ast.literal_eval(qs)
        except (ValueError, SyntaxError):
            return []
    return qs


def name_words(*names):
    out = set()
    for n in names:
        out |= {w for w in re.findall(r"\w+", str(n or "").lower()) if w not in STOP}
    return out


def predicted_span(text, s):
    """The content's character range in `text` (the statement's offsets are bytes)."""
    start = len(text.encode("utf-8")[: s["start"]].decode("utf-8", errors="ignore"))
    content = s["content"]
    at = text.find(content, start)
    if at < 0:
        return None
    end = at + len(content)
    if s.get("direct"):
        while at > 0 and text[at - 1] in MARKS:
            at -= 1
        while end < len(text) and (text[end] in MARKS or text[end] in ",.?!" and end + 1 < len(text) and text[end + 1] in MARKS):
            end += 1
    return at, end


def score(gold, preds, text, threshold):
    tp = speaker = verb = 0
    remaining = list(preds)
    unmatched = []
    for g in gold:
        g_at = text.find(g["quote"].strip())
        if g_at < 0 or not g["quote"].strip():
            unmatched.append((g, None))
            continue
        g_set = set(range(g_at, g_at + len(g["quote"].strip())))
        best, best_score = None, 0.0
        for p in remaining:
            share = len(g_set & set(range(*p["span"]))) / len(g_set)
            if share > threshold and share > best_score:
                best, best_score = p, share
        if best is None:
            unmatched.append((g, None))
            continue
        remaining.remove(best)
        tp += 1
        # As GGT's scorer: a quote with no speaker written matches a floating quote (one
        # continuing the statement before, with no cue of its own).
        floating = not g["speaker"].strip() and not best.get("cue")
        speaker_ok = bool(name_words(best["speaker"]) & name_words(g["speaker"], g.get("reference"))) or floating
        speaker += speaker_ok
        verb += (best.get("cue") or "").lower() == g["verb"].lower().strip()
        if not speaker_ok:
            unmatched.append((g, best))
    return tp, len(remaining), len(gold) - tp, speaker, verb, unmatched, remaining


def main():
    verbose = "-v" in sys.argv
    path = data_path("gendergaptracker_eval", "annotations.jsonl")
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    records = [{"id": r["_id"], "text": r["articleBodyText"], "outlet": r["outlet"]} for r in rows]
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    for threshold in (0.3, 0.8):
        tot = [0] * 5
        shown = 0
        for r in rows:
            d = docs.get(r["_id"])
            if d is None:
                continue
            preds = []
            for s in d["statements"]:
                span = predicted_span(d["text"], s)
                if span:
                    preds.append({**s, "span": span})
            tp, fp, fn, sp, vb, unmatched, spurious = score(quotations(r), preds, d["text"], threshold)
            for i, v in enumerate((tp, fp, fn, sp, vb)):
                tot[i] += v
            if verbose and threshold == 0.3 and shown < 40:
                for g, p in unmatched[:3]:
                    print("MISS" if p is None else "SPEAKER", repr(g["speaker"]), g.get("reference"), "|", g["quote"][:100], "|", p and p["speaker"])
                for p in spurious[:2]:
                    print("EXTRA", repr(p["speaker"]), "|", p["cue"], "|", p["content"][:100])
                shown += 1
        tp, fp, fn, sp, vb = tot
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(f"threshold {threshold}: precision {p:.3f} recall {rc:.3f} F1 {f1:.3f} "
              f"speaker {sp / tp if tp else 0:.3f} verb {vb / tp if tp else 0:.3f} (gold {tp + fn}, predicted {tp + fp})")


if __name__ == "__main__":
    main()
