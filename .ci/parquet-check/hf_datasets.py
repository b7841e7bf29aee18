"""Hugging Face `datasets` itself on a run directory, where its wheels can be installed (a local wheel mirror):
load_dataset(RUN_DIR) returns exactly the kept documents, removed/ loads as Parquet, and every input field of
manifest.input_fields is a feature of both with the type its column has. Prints the load times.
Usage: python hf_datasets.py RUN_DIR"""
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import datasets  # noqa: E402

FEATURE = {"string": "string", "json": "string", "long": "int64", "double": "float64", "boolean": "bool"}


def expected(t):
    if t in FEATURE:
        return FEATURE[t]
    if t.startswith("list<"):
        return "list"
    if t.startswith("struct<"):
        return "struct"
    if "timestamp" in t:
        return "timestamp"
    return None


def kind(f):
    if isinstance(f, dict):
        return "struct"
    if isinstance(f, (datasets.List, datasets.LargeList, datasets.Sequence)):
        return "list"
    d = getattr(f, "dtype", "")
    return "timestamp" if d.startswith("timestamp") else d


run = sys.argv[1]
m = json.load(open(os.path.join(run, "manifest.json")))
failures = []
with tempfile.TemporaryDirectory() as cache:
    t0 = time.perf_counter()
    kept = datasets.load_dataset(run, cache_dir=os.path.join(cache, "k"))["train"]
    t1 = time.perf_counter()
    removed = None
    if m.get("removed"):
        removed = datasets.load_dataset(
            "parquet", data_files=os.path.join(run, "removed", "*.parquet"), cache_dir=os.path.join(cache, "r")
        )["train"]
    t2 = time.perf_counter()
    if kept.num_rows != m["counts"]["kept"]:
        failures.append(f"load_dataset({run}): {kept.num_rows} rows, manifest kept {m['counts']['kept']}")
    for name, f in (m.get("input_fields") or {}).items():
        want = expected(f["type"])
        for what, ds in (("shards", kept), ("removed", removed)):
            if ds is None:
                continue
            got = ds.features.get(f["column"])
            if got is None or (want and kind(got) != want):
                failures.append(f"{what}.{f['column']} (input field {name}, {f['type']}): datasets feature {got}")
for f in failures:
    print("FAIL " + f)
print(
    f"datasets {datasets.__version__} {run}: {'%d FAILED checks' % len(failures) if failures else 'loads the kept documents and every input field'};"
    f" load s: shards {t1 - t0:.2f}, removed {t2 - t1:.2f}"
)
sys.exit(1 if failures else 0)
