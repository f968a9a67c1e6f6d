"""Fine-tune benchmark: ~1,000 training pairs x 1 epoch with all-MiniLM-L6-v2 on CPU, in a fresh process.

``python -m eval.bench_finetune [--json FILE] [--quick]`` (also ``python -m eval finetune``).
The data: standard-library docstrings (real English prose, no download). Each docstring gets two
labelled queries: its qualified name in words ("json dumps": API jargon) and its first sentence.
``python -m app.cli finetune`` splits them by document (30% held out), trains one epoch and reports
held-out nDCG@10 before/after. Figures: training pairs/s, the whole command's wall time, its peak
resident memory (the child's ru_maxrss), and the held-out nDCG@10 gain with its 95% interval.
Quick mode uses ~200 training pairs. The budget (issue 15): 1,000 pairs x 1 epoch <= 5 min, <= 3 GB.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.bench_trial import REPO, docstring_texts
from eval.timing import bench_cli

BUDGET_S = 300
BUDGET_MB = 3000


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+|\n", text, maxsplit=1)[0].strip()


def write_data(folder: Path, n_docs: int) -> tuple[Path, Path]:
    """docs.jsonl and queries.jsonl for ``n_docs`` docstrings (two queries per document)."""
    docs = docstring_texts(n_docs, min_words=20, max_words=200)
    d, q = folder / "docs.jsonl", folder / "queries.jsonl"
    d.write_text("".join(json.dumps({"id": name, "text": text}) + "\n" for name, text in docs), encoding="utf-8")
    rows = []
    for name, text in docs:
        rows.append({"query": re.sub(r"[._]+", " ", name).strip(), "relevant": [name]})
        first = _first_sentence(text)
        if len(first.split()) >= 4:
            rows.append({"query": first, "relevant": [name]})
    q.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return d, q


def measure(n_docs: int) -> dict[str, Any]:
    """Run the fine-tune CLI once in a fresh process; wall time, peak RSS and the result's figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs, queries = write_data(folder, n_docs)
        out = folder / "result.json"
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
               "EA_DATA_DIR": str(folder / "data")}
        cmd = [sys.executable, "-m", "app.cli", "finetune", "--docs", str(docs), "--queries", str(queries),
               "--epochs", "1", "--out", str(folder / "model"), "--result", str(out), "--quiet", "--format", "json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        load_before = os.getloadavg()
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=3600)
        wall = time.perf_counter() - t
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if proc.returncode != 0:
            raise RuntimeError(f"finetune CLI failed ({proc.returncode}): {proc.stderr[-800:]}")
        result = json.loads(out.read_text())
    tr, vs = result["training"], result["paired_tests"]["vs_base"]
    return {"wall_s": round(wall, 1), "train_s": tr["seconds"], "train_pairs": result["split"]["train_pairs"],
            "test_queries": result["split"]["test_queries"], "pairs_per_s": tr["pairs_per_s"],
            "peak_rss_mb": round(peak_kb / 1024, 1) if peak_kb > before else None,
            "ndcg_gain": vs["mean_diff"], "ci95": vs["ci95"], "p_value": vs["p_value"], "verdict": result["verdict"],
            "ndcg": {s["model"]: s["metrics"]["ndcg@10"] for s in result["systems"]},
            "load_avg_before": [round(x, 2) for x in load_before],
            "load_avg_after": [round(x, 2) for x in os.getloadavg()]}


def run(quick: bool = False) -> dict[str, Any]:
    """Flat metrics (stable names) plus details."""
    # Two queries per document (some merged), 30% held out: 745 documents give ~1,000 training pairs.
    m = measure(145 if quick else 745)
    per_1000 = round(1000 / m["pairs_per_s"], 1) if m["pairs_per_s"] else None
    return {"finetune.pairs_per_s": m["pairs_per_s"], "finetune.ndcg_gain": m["ndcg_gain"],
            "finetune.ci95": m["ci95"], "finetune.wall_s": m["wall_s"], "finetune.peak_rss_mb": m["peak_rss_mb"],
            "details": {**m, "train_s_per_1000_pairs": per_1000, "budget_s": BUDGET_S, "budget_mb": BUDGET_MB,
                        "within_budget": bool(per_1000 and per_1000 <= BUDGET_S and m["peak_rss_mb"]
                                              and m["peak_rss_mb"] <= BUDGET_MB),
                        "cpu_count": os.cpu_count(), "quick": quick}}


def main(argv: list[str] | None = None) -> int:
    return bench_cli(run, argv, (__doc__ or "").splitlines()[0], "~200 training pairs instead of ~1,000")


if __name__ == "__main__":
    sys.exit(main())
