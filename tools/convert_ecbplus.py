#!/usr/bin/env python3
"""Convert ECB+ (tokenized XML in a tarball) to crosscheck JSON Lines.

    tools/convert_ecbplus.py [ECB+_xml.tar.gz] > ecbplus.jsonl

One output line per document: `id` (the file name without `.xml`), `text` (the tokens joined
back into sentences, one a line), `url` (the ECB+ documents open with their source address,
which is taken out of the text), plus `topic` and `subtopic` (`3_ecb` or `3_ecbplus`: the two
look-alike real-world events of a topic) for evaluation scripts. Documents come in a fixed
shuffled order, so that a stream does not see the topics one after the other.
"""
import json
import os
import random
import re
import sys
import tarfile

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                       "ecbplus", "ECB+_LREC2014", "ECB+_xml.tar.gz")
TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def unescape(token):
    return (token.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'"))


def detokenize(tokens):
    line = " ".join(unescape(t) for t in tokens).replace("``", "\u201c").replace("''", "\u201d")
    line = NO_SPACE_BEFORE.sub(r"\1", line)
    line = NO_SPACE_AFTER.sub(r"\1", line)
    line = re.sub(r"(\w) - (\w)", r"\1-\2", line)
    line = re.sub(r"(\d): (\d)", r"\1:\2", line)
    return re.sub(r"\u201c ", "\u201c", re.sub(r" \u201d", "\u201d", line))


def document(name, xml):
    sentences = {}
    for sentence, token in TOKEN.findall(xml):
        sentences.setdefault(int(sentence), []).append(token)
    lines = [sentences[k] for k in sorted(sentences)]
    url = None
    if lines and lines[0] and lines[0][0].lower() in ("http", "https"):
        # The address is tokenized too; the headline may follow it in the same "sentence".
        first = lines[0]
        end = next((i for i, t in enumerate(first) if i > 2 and t[:1].isupper()), len(first))
        url = "".join(first[:end])
        lines[0] = first[end:]
    topic, rest = name.split("_", 1)
    return {
        "id": name,
        "text": "\n".join(detokenize(s) for s in lines if s),
        "url": url,
        "topic": topic,
        "subtopic": f"{topic}_{'ecbplus' if rest.endswith('ecbplus') else 'ecb'}",
    }


def records(path):
    out = []
    with tarfile.open(path) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            xml = tar.extractfile(member).read().decode("utf-8")
            out.append(document(os.path.basename(member.name)[:-4], xml))
    out.sort(key=lambda r: r["id"])
    random.Random(2014).shuffle(out)
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    for record in records(path):
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
