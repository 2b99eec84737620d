#!/usr/bin/env python3
"""Sentence-boundary errors of crosscheck's splitter on corpora with gold sentence marks.

    tools/eval/sentences.py

ECB+ (tokens carry a sentence number) and MEANTIME (CoNLL with sentence ids): each document's
tokens are joined back into text (no space before closing punctuation, none after opening
marks); sentences that end without a final mark (headlines, datelines) are put on lines of
their own, as articles print them. A boundary is the end offset of a sentence; boundary
precision, recall, F1, and errors (false + missed boundaries) per 100 gold sentences are given.
"""
import glob
import os
import re
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET

from common import data_path, extract

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "”", "’", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘"}
FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def detokenize(sentences):
    """Text and the gold end offset (in bytes) of each sentence."""
    text, ends = "", []
    for i, tokens in enumerate(sentences):
        if i:
            text += " " if FINAL.search(text) else "\n"
        quote_open = False
        tokens = [{"``": "“", "''": "”"}.get(t, t) for t in tokens]
        for j, tok in enumerate(tokens):
            if j:
                prev = tokens[j - 1]
                glue = tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
                if prev == ":" and tok[:1].isdigit() and j > 1 and tokens[j - 2][-1:].isdigit():
                    glue = True  # a time of day, 7:31
                if tok == ":" and prev[-1:].isdigit() and tokens[j + 1:j + 2] and tokens[j + 1][:1].isdigit():
                    glue = True
                if tok == '"':
                    glue = quote_open  # a closing quote sticks to the word before
                if prev == '"' and quote_open:
                    glue = True  # an opening quote sticks to the word after
                if not glue:
                    text += " "
            if tok == '"':
                quote_open = not quote_open
            text += tok
        ends.append(len(text.encode("utf-8")))
    return text, ends


def ecbplus():
    archive = data_path("ecbplus", "ECB+_LREC2014", "ECB+_xml.tar.gz")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        for path in sorted(glob.glob(os.path.join(tmp, "**", "*.xml"), recursive=True)):
            root = ET.parse(path).getroot()
            sents = {}
            for tok in root.iter("token"):
                sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
            yield os.path.basename(path), [sents[k] for k in sorted(sents)]


def meantime():
    path = data_path("meantime_cdcr_prep", "MEANTIME-prep", "output_data", "en", "meantime.conll")
    docs, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#begin"):
                current = line.split("(", 1)[1].split(")", 1)[0]
                docs[current] = {}
            elif line.strip() and not line.startswith("#") and current:
                cols = line.rstrip("\n").split("\t")
                docs[current].setdefault(int(cols[1]), []).append(cols[3])
    for name, sents in docs.items():
        yield name, [sents[k] for k in sorted(sents)]


def score(name, corpus):
    records, gold = [], {}
    for doc_id, sents in corpus:
        sents = [s for s in sents if s]
        text, ends = detokenize(sents)
        records.append({"id": doc_id, "text": text, "title": "-"})
        gold[doc_id] = (text, set(ends[:-1]))
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    tp = fp = fn = n_sent = compared = changed = 0
    examples = []
    for doc_id, (text, ends) in gold.items():
        d = docs.get(doc_id)
        if d is None or d["text"] != text:
            changed += 1  # the cleaner changed the text (boilerplate), offsets would not match
            continue
        compared += 1
        n_sent += len(ends) + 1
        pred = {e for _, e in d["sentences"]} - {len(text.encode("utf-8"))}
        tp += len(pred & ends)
        fp += len(pred - ends)
        fn += len(ends - pred)
        raw = text.encode("utf-8")
        for e in sorted((pred - ends) | (ends - pred))[:2]:
            kind = "false" if e in pred else "missed"
            examples.append(f"{kind}: …{raw[max(0, e - 40):e].decode(errors='replace')}|{raw[e:e + 30].decode(errors='replace')}…")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name}: {compared} documents ({changed} left out: text changed by cleaning), {n_sent} sentences")
    print(f"  boundary precision {p:.3f} recall {r:.3f} F1 {f:.3f}; errors {fp} false + {fn} missed = {100 * (fp + fn) / max(n_sent, 1):.2f} per 100 sentences")
    if "-v" in sys.argv:
        for e in examples[:40]:
            print("   ", e.replace("\n", "⏎"))


if __name__ == "__main__":
    score("ECB+", ecbplus())
    score("MEANTIME", meantime())
