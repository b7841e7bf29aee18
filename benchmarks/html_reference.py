#!/usr/bin/python3
"""Python HTML extractors Debian packages, measured beside Sluice's MainText (`bin/sluice-bench html-reference`;
BENCHMARKS.md, "HTML main-text extraction (issue 18)").

Debian 12 has readability-lxml 0.8.1 (python3-readability), html_text 0.5.2 (python3-html-text) and html2text
2020.1.16 (python3-html2text), the exact versions of three rows of trafilatura's published evaluation table
(docs/evaluation.rst, "Results (2022-05-18)"), which times every tool on the same machine. Timing them here on the
benchmark's pages places trafilatura's speed on this machine through that table's ratios; trafilatura itself is not
installable here (no PyPI, not in Debian).

Usage (run with Debian's /usr/bin/python3, where the packages are):
  html_reference.py speed TOOL BENCH_DIR ROUNDS
      TOOL: readability | html_text | html2text. One process, one thread: a warm-up round over BENCH_DIR's
      html/*.html.gz (decoded to str first, as trafilatura's evaluation passes them), then ROUNDS timed rounds.
      The call per page is the one trafilatura's evaluation times for that tool. Prints one line per round and
      the median pages per CPU-second (time.process_time) and per wall second.
  html_reference.py predict BENCH_DIR OUT_DIR
      Writes readability-lxml's and html_text's predictions in the benchmark's format (OUT_DIR/<tool>-local.json),
      made as the benchmark's own runners make them, for its evaluate.py.
"""
import gzip
import importlib.metadata
import json
import pathlib
import statistics
import sys
import time

import html2text
import html_text
from readability import Document


def pages(bench):
    out = []
    for path in sorted(pathlib.Path(bench, "html").glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf8") as f:
            out.append((path.name.split(".")[0], f.read()))
    return out


# the call trafilatura's evaluation script (tests/comparison.py) times for each tool
TIMED = {
    "readability": lambda html: Document(html).summary(),
    "html_text": lambda html: html_text.extract_text(html, guess_layout=False),
    "html2text": lambda html: html2text.html2text(html),
}


def speed(tool, bench, rounds):
    run = TIMED[tool]
    docs = [html for _, html in pages(bench)]
    size = sum(len(h.encode("utf8")) for h in docs) / len(docs)
    cpu_rates, wall_rates = [], []
    for r in range(rounds + 1):
        c0, w0 = time.process_time(), time.perf_counter()
        chars = 0
        for html in docs:
            try:
                chars += len(run(html) or "")
            except Exception:  # a tool's failure on a page counts as a page done, as the evaluations do
                chars += 1
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        label = "warm-up" if r == 0 else f"round {r}"
        print(f"{tool} {label}: {len(docs)} pages in {cpu:.2f} CPU s ({len(docs) / cpu:.1f} pages per"
              f" CPU-second), {wall:.2f} s wall (checksum {chars})")
        if r > 0:
            cpu_rates.append(len(docs) / cpu)
            wall_rates.append(len(docs) / wall)
    print(f"{tool} {version(tool)}: median of {rounds} rounds {statistics.median(cpu_rates):.1f} pages per"
          f" CPU-second (min {min(cpu_rates):.1f}, max {max(cpu_rates):.1f}),"
          f" {statistics.median(wall_rates):.1f} pages/s wall; mean page {size / 1e3:.0f} KB")


def version(tool):
    dist = {"readability": "readability-lxml", "html_text": "html-text", "html2text": "html2text"}[tool]
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def predict(bench, out):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = {"readability": {}, "html-text": {}}
    for key, html in pages(bench):
        # the benchmark's runners: readability's article HTML turned to text by html_text, and html_text alone
        made["readability"][key] = {
            "articleBody": html_text.extract_text(Document(html).summary(html_partial=True))}
        made["html-text"][key] = {"articleBody": html_text.extract_text(html)}
    for name, output in made.items():
        tool = "readability" if name == "readability" else "html_text"
        path = out / f"{name}-local.json"
        path.write_text(json.dumps({"version": version(tool) + "-debian", "output": output},
                                   sort_keys=True, ensure_ascii=False, indent=1), encoding="utf8")
        print(f"wrote {len(output)} predictions to {path}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "speed" and sys.argv[2] in TIMED:
        speed(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "predict":
        predict(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
