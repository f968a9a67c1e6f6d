"""Trial benchmark: encoding overhead vs plain sentence-transformers, and a 500-document trial end to end.

``python -m eval.bench_trial [--json FILE] [--quick]``.
(a) The same 500 texts encoded by plain ``SentenceTransformer.encode(texts, batch_size=32)`` and by the
    trial's document path (content hashing, cache look-ups, length-sorted batches, cancellation checks,
    token counting for the truncation share), alternating, in one process; medians over repeats.
(b) ``python -m app.cli trial`` on a 500-document sample with 100 queries (all-MiniLM-L6-v2 + BM25) in a
    fresh process: interpreter start, torch import, model load, encoding, metrics, bootstrap.
The texts are docstrings of the Python standard library (real English prose, no download needed).
"""

from __future__ import annotations

import inspect
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.timing import bench_cli, summary

REPO = Path(__file__).resolve().parent.parent
_MODULES = ("os", "re", "json", "csv", "collections", "itertools", "functools", "pathlib", "subprocess", "threading",
            "asyncio", "email.message", "http.client", "urllib.request", "logging", "argparse", "datetime",
            "decimal", "fractions", "statistics", "random", "string", "textwrap", "unittest", "typing", "inspect",
            "shutil", "tempfile", "zipfile", "tarfile", "socket", "ssl", "sqlite3", "xml.etree.ElementTree",
            "difflib", "heapq", "bisect", "calendar", "configparser", "contextlib", "dataclasses", "enum", "glob",
            "gzip", "hashlib", "io", "ipaddress", "locale", "mimetypes", "pickle", "pprint", "queue", "shlex",
            "struct", "timeit", "traceback", "uuid", "warnings", "weakref", "codecs", "imaplib", "smtplib",
            "ftplib", "mailbox", "wave", "zoneinfo", "graphlib", "optparse", "getopt", "netrc", "plistlib")


def docstring_texts(n: int = 500, min_words: int = 30, max_words: int = 200) -> list[tuple[str, str]]:
    """(qualified name, docstring) pairs from the standard library, deterministic for a Python version."""
    import importlib

    from agents.trial.inputs import normalise

    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for mod_name in _MODULES:
        try:
            mod = importlib.import_module(mod_name)
        except ImportError:
            continue
        members = [(mod_name, mod)] + [(f"{mod_name}.{k}", v) for k, v in sorted(vars(mod).items())
                                       if not k.startswith("_") and getattr(v, "__module__", None) == mod.__name__]
        for name, obj in members:
            targets = [(name, obj)]
            if inspect.isclass(obj):
                targets += [(f"{name}.{k}", v) for k, v in sorted(vars(obj).items()) if not k.startswith("_")]
            for qual, target in targets:
                doc = inspect.getdoc(target) if callable(target) or inspect.ismodule(target) else None
                if not doc:
                    continue
                text = re.sub(r"[ \t]+", " ", doc).strip()
                words = len(text.split())
                if min_words <= words <= max_words and normalise(text) not in seen:
                    seen.add(normalise(text))
                    out.append((qual, text))
    if len(out) < n:
        raise RuntimeError(f"only {len(out)} standard-library docstrings found; need {n}")
    step = len(out) / n  # spread the picks over every module
    return [out[int(i * step)] for i in range(n)]


def measure_overhead(texts: list[str], repeats: int) -> dict[str, Any]:
    """Plain encode vs the trial's encode path on the same texts and model, alternating, one process."""
    from agents.trial.encoders import EmbeddingCache, SentenceTransformerEncoder, encode_cached
    from knowledge.embedding import PACKAGED_ID

    enc = SentenceTransformerEncoder(PACKAGED_ID, PACKAGED_ID)
    enc.load()
    st = enc.st
    st.encode(texts[:64], batch_size=32, show_progress_bar=False)  # warm-up
    raw, trial, raw_cpu, trial_cpu = [], [], [], []

    def plain() -> None:
        st.encode(texts, batch_size=32, show_progress_bar=False)

    def via_trial() -> None:
        encode_cached(enc, texts, "document", EmbeddingCache(), batch_size=32, cancelled=lambda: False,
                      on_batch=lambda d, n: None)
        enc.count_tokens(texts, "document")

    for i in range(repeats):
        # Alternate which goes first so drift in machine load hits both sides alike.
        for fn, wall, cpu in ((plain, raw, raw_cpu), (via_trial, trial, trial_cpu))[:: 1 if i % 2 == 0 else -1]:
            t, c = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    raw_s, trial_s = summary(raw), summary(trial)
    pair = summary([t / r for t, r in zip(trial, raw, strict=True)])
    pair_cpu = summary([t / r for t, r in zip(trial_cpu, raw_cpu, strict=True)])
    return {"texts": len(texts), "repeats": repeats, "raw_s": raw_s, "trial_s": trial_s,
            "raw_cpu_s": summary(raw_cpu), "trial_cpu_s": summary(trial_cpu),
            "raw_docs_per_s": round(len(texts) / raw_s["median"], 1),
            "trial_docs_per_s": round(len(texts) / trial_s["median"], 1),
            "overhead_ratio": pair["median"], "overhead_ratio_spread": pair,
            "overhead_ratio_cpu": pair_cpu["median"], "overhead_ratio_cpu_spread": pair_cpu,
            "method": "median over repeats of the paired ratio trial/plain (wall time), alternating order; "
                      "CPU-time ratio alongside because other processes share the 2 cores"}


def measure_sample500(docs: list[tuple[str, str]], queries: int, repeats: int) -> dict[str, Any]:
    """Wall time of ``python -m app.cli trial`` on the sample in a fresh process (label-free queries)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8")
        out = Path(tmp) / "result.json"
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
               "EA_DATA_DIR": str(Path(tmp) / "data")}
        cmd = [sys.executable, "-m", "app.cli", "trial", "--docs", str(path), "--max-queries", str(queries),
               "--quiet", "--format", "json", "--out", str(out)]
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
            times.append(time.perf_counter() - t)
            if proc.returncode != 0:
                raise RuntimeError(f"trial CLI failed ({proc.returncode}): {proc.stderr[-500:]}")
        result = json.loads(out.read_text())
    c = result["candidates"][0]
    return {"seconds": summary(times, 2), "documents": result["sample"]["documents"],
            "queries": result["sample"]["queries"], "label_free": result["label_free"],
            "in_process_s": result["elapsed_s"], "load_s": c["timing"].get("load_s"),
            "encode_docs_s": c["timing"].get("encode_docs_s"), "docs_per_s": c["docs_per_s"],
            "ndcg@10": {c["model"]: c["metrics"]["ndcg@10"], "bm25": result["baseline"]["metrics"]["ndcg@10"]}}


def run(quick: bool = False) -> dict[str, Any]:
    """Flat metrics (stable names) plus details."""
    docs = docstring_texts(500)
    texts = [t for _, t in docs]
    over = measure_overhead(texts[:160] if quick else texts, 2 if quick else 5)  # quick: a rougher ratio
    s500 = measure_sample500(docs, 100, 1 if quick else 3)
    return {"trial.docs_per_s": over["trial_docs_per_s"], "trial.raw_docs_per_s": over["raw_docs_per_s"],
            "trial.overhead_ratio": over["overhead_ratio"], "trial.sample500_s": s500["seconds"]["median"],
            "details": {"overhead": over, "sample500": s500, "python": platform.python_version(),
                        "cpu_count": os.cpu_count()}}


def main(argv: list[str] | None = None) -> int:
    return bench_cli(run, argv, (__doc__ or "").splitlines()[0], "fewer texts and repeats")


if __name__ == "__main__":
    sys.exit(main())
