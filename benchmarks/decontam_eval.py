#!/usr/bin/env python3
"""Builds the evaluation set of `bin/sluice-bench decontam` (BENCHMARKS.md, "Decontamination (issue 18)").

Usage: decontam_eval.py MOBY_JSONL BENCH_CORPUS_DIR OUT_JSONL

Every paragraph of Moby-Dick with at least 8 words (samples/text/en/moby-dick.jsonl; the bench corpus does not
hold the book, so these are the evaluation documents that never hit), plus a 40-word passage from every 100th
State of the Union chunk of the bench corpus (the documents that must be removed). One JSON object per line
with id and text; the output is the same for the same inputs.
"""
import json
import pathlib
import re
import sys


def main(moby, corpus, out):
    docs = []
    with open(moby, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for i, p in enumerate(re.split(r"\n\s*\n", d["text"])):
                if len(p.split()) >= 8:
                    docs.append({"id": f"{d['id']}-p{i}", "text": p.strip()})
    sotu = 0
    for path in sorted(pathlib.Path(corpus).glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if not d["id"].startswith("sotu"):
                    continue
                sotu += 1
                words = d["text"].split()
                if sotu % 100 == 0 and len(words) >= 140:
                    docs.append({"id": f"passage-{d['id']}", "text": " ".join(words[100:140])})
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{out}: {len(docs)} evaluation documents ({sotu} State of the Union chunks seen)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
