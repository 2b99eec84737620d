"""Shared helpers of the evaluation scripts: where the data and the binary are, how to run it."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("CROSSCHECK_DATA", os.path.join(ROOT, "..", "shared", "data"))
BINARY = os.environ.get("CROSSCHECK_BIN", os.path.join(ROOT, "target", "release", "crosscheck"))


def data_path(*parts):
    """A path under the shared data sets; exits cleanly (status 0) when it is absent."""
    path = os.path.join(DATA, *parts)
    if not os.path.exists(path):
        print(f"skipped: {path} not found (the shared data sets are not here)")
        sys.exit(0)
    return path


def extract(records, *args, binary=BINARY):
    """Runs `crosscheck extract - --format jsonl` over JSON records (with `binary`, another
    build); returns the documents by id and the stderr lines (skipped records)."""
    if not os.path.exists(binary):
        sys.exit(f"build crosscheck first: cargo build --release (looked for {binary})")
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    proc = subprocess.run([binary, "extract", "-", "--format", "jsonl", "-q", *args],
                          input=stdin, capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"crosscheck failed: {proc.stderr.decode(errors='replace')}")
    docs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]
    return {d["id"]: d for d in docs}, proc.stderr.decode("utf-8", errors="replace").splitlines()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def polnear(root):
    """PolNeAR's articles (each once, though some are read by several annotators) as records
    with their outlet and day from its metadata."""
    meta = {}
    with open(os.path.join(root, "metadata.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            meta[row["filename"]] = row
    records, seen = [], set()
    for part in ("train", "dev", "test"):
        folder = os.path.join(root, part, "text")
        for name in sorted(os.listdir(folder)):
            stem = name.rsplit(".", 1)[0]
            if stem in seen:
                continue
            seen.add(stem)
            row = meta.get(stem, {})
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            records.append({
                "id": "polnear-" + stem,
                "text": text,
                "outlet": row.get("publisher"),
                "published": row.get("publication_date"),
                "title": row.get("title"),
            })
    return records


def corpora(*names):
    """The real article collections as crosscheck records, (name, records) each: Giveme5W1H,
    GVA and FA-KES (converted by tools/convert_*.py), BBC, WiNER-fr, NEREL and BRUK; `names`
    picks some of them."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import convert_fakes
    import convert_gva
    sources = {
        "giveme5w1h": lambda: read_jsonl(data_path("giveme5w1h_news_cluster", "news_cluster.jsonl")),
        "gva": lambda: list(convert_gva.records(data_path("gva_semeval2018_task5", "gva_incidents_with_articles.jsonl.gz"))),
        "fakes": lambda: list(convert_fakes.records(data_path("fakes_syria", "FA-KES-Dataset.csv"))),
        "bbc": lambda: read_jsonl(data_path("bbc_fulltext", "bbc_fulltext.jsonl")),
        # PolNeAR: US political news of 2015-2016 from seven outlets (read for evaluation
        # only), where attributions of every kind abound.
        "polnear": lambda: polnear(data_path("polnear", "data")),
        # The other languages' collections (read for evaluation only): French, Russian and
        # Ukrainian news.
        "winer": lambda: read_jsonl(data_path("winer_fr_wikinews", "winer_fr.jsonl")),
        "nerel": lambda: read_jsonl(data_path("nerel_ru_wikinews", "nerel_ru.jsonl")),
        "bruk": lambda: read_jsonl(data_path("bruk_uk_press", "bruk_press_uk.jsonl")),
    }
    for name in names or sources:
        yield name, sources[name]()
