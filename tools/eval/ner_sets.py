"""Hand-labelled named entities in French, Russian and Ukrainian, as crosscheck's four types.

    load("ru", "train")  ->  [{"id", "text", "entities": [[start, end, TYPE], ...]}, ...]

Sets (all under ../shared/data):
- ru: NEREL v1.1 — `train` is its train split's Russian Wikinews articles (CC BY 2.5; the
  agency texts without a stated licence are left out), `test` its whole test split;
- fr: WiNER-fr — `train` the 2016 and 2017 files (CC BY 2.5 / 4.0), `test` the 2018 files;
- uk: NER-UK 2.0 (CC BY-NC-SA, evaluation only) — `test` its TEST list; no `train`.
No document of the multilingual development set (../shared/eval/dev/multilingual.jsonl) is
in a `train` set.

Types: PERSON; ORG; LOCATION (countries, cities, regions, districts, places); FACILITY where
the set has it (NEREL). The sets nest entities; a flat tagger is scored on the outermost
mention of those types, and only on names (a mention with a capital letter: NEREL also labels
"правительство" as an organisation). `text` is crosscheck's clean text of the article
(`extract`), the labels moved onto it; offsets are UTF-8 byte offsets into it, as
`crosscheck train` and `extract` count them.
"""
import difflib
import json
import os
import tarfile

from common import DATA, data_path, extract, read_jsonl

TYPES = {
    "ru": {"PERSON": "PERSON", "ORGANIZATION": "ORG", "COUNTRY": "LOCATION", "CITY": "LOCATION",
           "STATE_OR_PROVINCE": "LOCATION", "LOCATION": "LOCATION", "DISTRICT": "LOCATION",
           "FACILITY": "FACILITY"},
    "fr": {"Person": "PERSON", "Organization": "ORG", "Location": "LOCATION"},
    "uk": {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOCATION"},
}


def scored_type(t):
    """The type a mention is scored as: WiNER and NER-UK have no facility type, so facilities
    and places are one class everywhere."""
    return "LOCATION" if t == "FACILITY" else t


def dev_ids():
    path = os.path.join(DATA, "..", "eval", "dev", "multilingual.jsonl")
    return {r["id"] for r in read_jsonl(path)} if os.path.exists(path) else set()


def to_bytes(text, spans):
    """Character spans → byte spans of `text`."""
    out = []
    for s, e, t in spans:
        b = len(text[:s].encode("utf-8"))
        out.append([b, b + len(text[s:e].encode("utf-8")), t])
    return out


def flatten(text, spans):
    """The outermost name mentions of the mapped types, sorted, none overlapping."""
    spans = [(s, e, t) for s, e, t in spans if any(c.isupper() for c in text[s:e]) and text[s:e].strip()]
    spans.sort(key=lambda x: (x[0], -x[1]))
    out = []
    for s, e, t in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, t))
    return out


def aligned(raw, clean, spans):
    """Character spans of `raw` moved onto `clean`, crosscheck's text of it (spaces
    normalized, blank lines and some lines dropped); a span not kept whole is dropped."""
    if raw == clean:
        return spans
    blocks = difflib.SequenceMatcher(None, raw, clean, autojunk=False).get_matching_blocks()
    out = []
    for s, e, t in spans:
        for a, b, n in blocks:
            if a <= s and e <= a + n:
                out.append((s - a + b, e - a + b, t))
                break
    return out


def from_records(rows, lang):
    """The records' mapped mentions, on crosscheck's clean text of each (`extract`), so that
    training and scoring see the text the pipeline tags."""
    records = [{"id": r["id"], "text": r["text"], "title": "-", "language": lang} for r in rows]
    docs, _ = extract(records, "--reference-date", "2026-12-01")
    out = []
    for r in rows:
        spans = []
        for ent in r.get("entities", []):
            t = TYPES[lang].get(ent["type"])
            parts = [tuple(map(int, p.split())) for p in ent["spans"].split(";")]
            if t and len(parts) == 1:
                spans.append((parts[0][0], parts[0][1], t))
        doc = docs.get(r["id"])
        if doc is None:
            continue
        text = doc["text"]
        spans = aligned(r["text"], text, flatten(r["text"], spans))
        out.append({"id": r["id"], "text": text, "entities": to_bytes(text, spans)})
    return out


def ner_uk_test():
    path = data_path("ner_uk", "ner_uk_v2.0_brat.tar.gz")
    with tarfile.open(path) as tar:
        split = tar.extractfile("v2.0/data/dev-test-split.txt").read().decode("utf-8").split()
        test = set(split[split.index("TEST") + 1:])
        files = {}
        for m in tar.getmembers():
            stem, ext = os.path.splitext(os.path.basename(m.name))
            if m.isfile() and stem in test and ext in (".txt", ".ann"):
                files[(stem, ext)] = tar.extractfile(m).read().decode("utf-8")
    rows = []
    for stem in sorted(test):
        text, ann = files.get((stem, ".txt")), files.get((stem, ".ann"))
        if text is None or ann is None:
            continue
        ents = []
        for line in ann.splitlines():
            if line.startswith("T"):
                # NER-UK separates type and offsets by tabs: "T1\tORG\t31\t123\tname".
                fields = line.split("\t")
                if len(fields) >= 4:
                    ents.append({"type": fields[1], "spans": f"{fields[2]} {fields[3]}"})
        rows.append({"id": "ner-uk-" + stem, "text": text, "entities": ents})
    return rows


def load(lang, part):
    """The labelled articles of `lang`'s `part` ("train" or "test")."""
    dev = dev_ids()
    if lang == "ru":
        rows = read_jsonl(data_path("nerel_ru_wikinews", "nerel_ru.jsonl"))
        if part == "train":
            rows = [r for r in rows if r["split"] == "train" and r["id"].endswith("_text")]
        else:
            rows = [r for r in rows if r["split"] == "test"]
    elif lang == "fr":
        rows = read_jsonl(data_path("winer_fr_wikinews", "winer_fr.jsonl"))
        year = lambda r: r["id"].split("-")[2][:4]  # noqa: E731
        rows = [r for r in rows if (year(r) in ("2016", "2017")) == (part == "train")]
    elif lang == "uk" and part == "test":
        rows = ner_uk_test()
    else:
        raise SystemExit(f"no {part} set for {lang}")
    if part == "train":
        rows = [r for r in rows if r["id"] not in dev]
    return from_records(rows, lang)


def write(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
