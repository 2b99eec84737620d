#!/usr/bin/env python3
"""Statements against PolNeAR's attribution relations (brat standoff; Newell et al., 2018).

    tools/eval/polnear.py [test|dev|train] [-v]

Each gold attribution has a source, a cue and a content span; each predicted statement
gives a content (placed by string in its sentence, as for the GGT scorer), a cue word and a
speaker. Contents are matched one to one, best overlap first: `overlap` counts a pair that
shares characters, `exact` one whose spans are equal up to surrounding quote marks and
punctuation. On the overlap-matched pairs, the source is right when the speaker (or its
role) shares a word with the gold source span, the cue when the cue word is in the gold cue
span. PolNeAR annotates beliefs and intentions as well as speech ("backs", "endorse"), so
its recall is a ceiling no speech-only reader reaches. Documents annotated twice are scored
on their first annotation. Develop on train and dev; report test.
"""
import collections
import glob
import os
import re
import sys

from common import data_path, extract
from quotes import predicted_span

STRIP = " \t\n\"“”'‘’,.;:"
STOP = {"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "his", "her", "its", "their"}


def spans(value):
    """brat offsets "a b;c d" as one range from the first start to the last end."""
    nums = [int(x) for x in re.split(r"[ ;]", value) if x]
    return min(nums), max(nums)


def gold_attributions(path):
    ann = {}
    rels = []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ann[parts[0]] = (label, spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(role.split(":", 1) for role in parts[1].split()))
    out = []
    for rel in rels:
        get = lambda key: ann[rel[key]][1] if key in rel and rel[key] in ann else None
        if get("Content"):
            out.append({"source": get("Source"), "cue": get("Cue"), "content": get("Content")})
    return out


def trimmed(text, span):
    s, e = span
    while s < e and text[s] in STRIP:
        s += 1
    while e > s and text[e - 1] in STRIP:
        e -= 1
    return s, e


def words(s):
    return {w for w in re.findall(r"\w+", s.lower()) if w not in STOP}


def main():
    split = next((a for a in sys.argv[1:] if a in ("train", "dev", "test")), "test")
    verbose = "-v" in sys.argv
    root = data_path("polnear", "data", split)
    docs = {}
    for ann in sorted(glob.glob(os.path.join(root, "attributions", "*.ann"))):
        name = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        docs.setdefault(name, ann)
    texts = {name: open(os.path.join(root, "text", name + ".txt"), encoding="utf-8").read() for name in docs}
    extracted, _ = extract([{"id": n, "text": t} for n, t in texts.items()], "--reference-date", "2026-12-01")
    tally = collections.Counter()
    shown = 0
    for name, ann in docs.items():
        text = texts[name]
        d = extracted.get(name)
        if d is None:
            continue
        if d["text"] != text:
            tally["docs with changed text"] += 1  # cleaning moved characters: place by string
        gold = gold_attributions(ann)
        preds = []
        for s in d["statements"]:
            span = predicted_span(d["text"], s)
            if span is None:
                continue
            at = text.find(d["text"][span[0]:span[1]])
            if at >= 0:
                preds.append((s, (at, at + span[1] - span[0])))
        tally["gold"] += len(gold)
        tally["predicted"] += len(preds)
        pairs = []
        for gi, g in enumerate(gold):
            gs, ge = g["content"]
            for pi, (_, (ps, pe)) in enumerate(preds):
                inter = min(ge, pe) - max(gs, ps)
                if inter > 0:
                    pairs.append((inter / max(ge - gs, pe - ps), gi, pi))
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, (s, pspan) = gold[gi], preds[pi]
            tally["overlap"] += 1
            tally["exact"] += trimmed(text, g["content"]) == trimmed(text, pspan)
            if g["source"]:
                tally["source_n"] += 1
                source = text[g["source"][0]:g["source"][1]]
                tally["source_ok"] += bool(words(source) & words(f"{s['speaker']} {s.get('role') or ''}"))
            if g["cue"] and s.get("cue"):
                tally["cue_n"] += 1
                tally["cue_ok"] += s["cue"].lower() in text[g["cue"][0]:g["cue"][1]].lower()
        if verbose and shown < 25:
            for gi, g in enumerate(gold):
                if gi not in used_g:
                    print("MISS", repr(text[g["cue"][0]:g["cue"][1]] if g["cue"] else ""), "|", text[slice(*g["content"])][:110].replace("\n", " "))
            for pi, (s, _) in enumerate(preds):
                if pi not in used_p:
                    print("EXTRA", s["speaker"], "|", s["cue"], "|", s["content"][:100])
            shown += 1

    def prf(hit):
        p = hit / tally["predicted"] if tally["predicted"] else 0.0
        r = hit / tally["gold"] if tally["gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f"PolNeAR {split}: {len(docs)} documents, {tally['gold']} attributions, {tally['predicted']} statements")
    for kind in ("overlap", "exact"):
        p, r, f = prf(tally[kind])
        print(f"content {kind}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"on overlap matches: source {tally['source_ok'] / max(1, tally['source_n']):.3f} "
          f"cue {tally['cue_ok'] / max(1, tally['cue_n']):.3f}")


if __name__ == "__main__":
    main()
