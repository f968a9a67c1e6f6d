"""Knowledge-base benchmark: full index build time, warm filtered query latency, and the fact audit.

``python -m eval.bench_kb [--json FILE] [--quick]``. The build is measured end to end as a user
runs it (a fresh ``python -m app.cli kb build`` process into an empty data directory: process start,
torch import, embedding every card, writing Chroma); queries are warm, filtered semantic searches. The fact
audit (``knowledge/fact_audit.py``) counts the audited facts and the cards that contradict them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.timing import bench_cli, summary
from knowledge.base import KBConfig, KnowledgeBase
from knowledge.fact_audit import audit, load_facts
from knowledge.filters import CardFilter

REPO = Path(__file__).resolve().parent.parent

QUERIES: list[tuple[str, CardFilter]] = [
    ("medical English retrieval for clinical notes", CardFilter(open_weights=True, languages=("en",))),
    ("multilingual retrieval for German and Japanese documents", CardFilter(languages=("de", "ja"))),
    ("code search over Python repositories", CardFilter(modalities=("text",), open_weights=True)),
    ("legal contracts and case law", CardFilter(commercial_use=True)),
    ("product photos and captions for an online shop", CardFilter(modalities=("image",))),
    ("small fast model for a laptop CPU", CardFilter(open_weights=True, max_parameters=150_000_000)),
    ("financial filings question answering", CardFilter(open_weights=False)),
    ("audio clips similarity", CardFilter(modalities=("audio",))),
    ("Spanish customer support tickets clustering", CardFilter(languages=("es",), commercial_use=True)),
    ("long documents 8k context retrieval", CardFilter(min_max_tokens=8000)),
]


def measure_build(repeats: int, data_dir: Path) -> dict[str, Any]:
    """Wall time of fresh ``kb build`` processes, each into an empty data directory; the last build
    is left in ``data_dir`` for the query measurement."""
    times: list[float] = []
    for _ in range(repeats):
        shutil.rmtree(data_dir, ignore_errors=True)
        env = {**os.environ, "EA_DATA_DIR": str(data_dir)}
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "app.cli", "kb", "build"], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=900)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"kb build failed: {proc.stderr.strip()[-500:]}")
        times.append(elapsed)
    return summary(times, 2)


def measure_queries(kb: KnowledgeBase, rounds: int) -> dict[str, Any]:
    """Warm filtered semantic queries (query embedding + Chroma search), in milliseconds."""
    for text, flt in QUERIES:  # warm-up: first call loads the query encoder
        kb.search(text, flt, k=20)
    times: list[float] = []
    for _ in range(rounds):
        for text, flt in QUERIES:
            start = time.perf_counter()
            result = kb.search(text, flt, k=20)
            times.append((time.perf_counter() - start) * 1000)
            if result.mode != "semantic":
                raise RuntimeError(f"index not used: {result.mode}")
    return summary(times, 2)


def run(quick: bool = False) -> dict[str, Any]:
    """Run the benchmark; the flat ``kb.*`` keys are the stable names ``python -m eval all`` reports."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        build = measure_build(1 if quick else 3, data_dir)
        kb = KnowledgeBase.open(KBConfig(data_dir=data_dir), sync=False, strict=True)
        if kb.index is None or not kb.in_sync:
            raise RuntimeError(kb.index_error or "the built index is not in sync with the cards")
        queries = measure_queries(kb, 5 if quick else 20)
        cards = len(kb.catalog)
        checked = audit(kb.catalog.cards, load_facts())
    return {
        "kb.cards": cards,
        "kb.audited_facts": checked.facts,
        "kb.audit_mismatches": len(checked.mismatches),
        "kb.build_s": build["median"],
        "kb.query_p50_ms": queries["median"],
        "kb.query_p95_ms": queries["p95"],
        "details": {"build_s": build, "query_ms": queries, "queries": [q for q, _ in QUERIES],
                    "audit_mismatches": [str(m) for m in checked.mismatches]},
    }


def main(argv: list[str] | None = None) -> int:
    return bench_cli(run, argv, __doc__ or "")


if __name__ == "__main__":
    sys.exit(main())
