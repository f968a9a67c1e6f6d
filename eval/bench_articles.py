"""Concept-article retrieval: does a user's question find the article that answers it?

``python -m eval.bench_articles [--json FILE] [--quick]`` (or ``python -m eval articles``). The cases in
``eval/article_questions.yaml`` were written and committed before retrieval was first run on them;
the judge here is a plain comparison of ids, independent of the retrieval code. Reported:

- ``kb.article_hit_at_1`` / ``kb.article_hit_at_3``: share of answerable questions whose expected article
  is first / in the top 3 (the normal path: hybrid semantic + keyword), per batch of cases and overall;
- ``kb.article_keyword_hit_at_3``: the same for the keyword fallback used when the index is unusable;
- ``kb.article_offtopic_rejected``: share of questions the articles do not cover whose best score stays
  below ``RELEVANT_SCORE`` (so the caller can say "I don't know"), and ``kb.article_answerable_kept``:
  share of answerable questions whose correct first hit reaches it;
- ``kb.article_query_p50_ms`` / ``_p95_ms``: warm latency of one ``KnowledgeBase.articles`` call.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from eval.timing import bench_cli, summary
from knowledge.article_index import RELEVANT_SCORE
from knowledge.base import KBConfig, KnowledgeBase

CASES_FILE = Path(__file__).resolve().parent / "article_questions.yaml"


def load_cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    """Every case of every batch in the file: {"q", "expected": [ids], "batch"}."""
    docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return [{"q": c["q"], "expected": list(c["expected"]), "batch": d["batch"]} for d in docs for c in d["cases"]]


def judge(cases: list[dict[str, Any]], ranked: list[list[tuple[str, float]]]) -> dict[str, Any]:
    """Hit rates and rejection rates from the ranked (id, score) lists, one per case."""
    answerable = [(c, r) for c, r in zip(cases, ranked, strict=True) if c["expected"]]
    offtopic = [(c, r) for c, r in zip(cases, ranked, strict=True) if not c["expected"]]
    top = lambda r, k: [i for i, _ in r[:k]]  # noqa: E731
    hit1 = sum(1 for c, r in answerable if set(top(r, 1)) & set(c["expected"]))
    hit3 = sum(1 for c, r in answerable if set(top(r, 3)) & set(c["expected"]))
    kept = sum(1 for c, r in answerable if r and r[0][0] in c["expected"] and r[0][1] >= RELEVANT_SCORE)
    rejected = sum(1 for _, r in offtopic if not r or r[0][1] < RELEVANT_SCORE)
    n = len(answerable) or 1
    return {"answerable": len(answerable), "offtopic": len(offtopic),
            "hit_at_1": round(hit1 / n, 4), "hit_at_3": round(hit3 / n, 4),
            "answerable_kept": round(kept / n, 4),
            "offtopic_rejected": round(rejected / (len(offtopic) or 1), 4) if offtopic else None,
            "misses": [{"q": c["q"], "expected": c["expected"], "got": r[:3]} for c, r in answerable
                       if not set(top(r, 3)) & set(c["expected"])]}


def rank_all(kb: KnowledgeBase, cases: list[dict[str, Any]], expect_mode: str) -> list[list[tuple[str, float]]]:
    out = []
    for case in cases:
        hits = kb.articles(case["q"], k=3)
        if hits and not hits[0].mode.startswith(expect_mode):
            raise RuntimeError(f"expected {expect_mode} retrieval, got {hits[0].mode}")
        out.append([(h.article.id, h.score) for h in hits])
    return out


def run(quick: bool = False) -> dict[str, Any]:
    """Build the article collection in a fresh store (no cards), then judge every case."""
    cases = load_cases()
    with tempfile.TemporaryDirectory() as tmp:
        no_cards = Path(tmp) / "cards"
        no_cards.mkdir()
        kb = KnowledgeBase.open(KBConfig(cards_dir=no_cards, data_dir=Path(tmp) / "data"), sync=True, strict=True)
        if not kb.articles_in_sync:
            raise RuntimeError(kb.article_error or "the article collection is not in sync")
        semantic = rank_all(kb, cases, "hybrid")
        times = []
        for case in cases[: 20 if quick else len(cases)]:
            start = time.perf_counter()
            kb.articles(case["q"], k=3)
            times.append((time.perf_counter() - start) * 1000)
        kb.article_index = None  # the fallback path, as when the store is locked or corrupt
        keyword = rank_all(kb, cases, "keyword")
    overall = judge(cases, semantic)
    batches = {b: judge([c for c in cases if c["batch"] == b], [r for c, r in zip(cases, semantic, strict=True)
                                                                 if c["batch"] == b])
               for b in dict.fromkeys(c["batch"] for c in cases)}
    latency = summary(times, 2)
    return {
        "kb.articles": len(kb.library),
        "kb.article_cases": overall["answerable"],
        "kb.article_hit_at_1": overall["hit_at_1"],
        "kb.article_hit_at_3": overall["hit_at_3"],
        "kb.article_keyword_hit_at_3": judge(cases, keyword)["hit_at_3"],
        "kb.article_offtopic_rejected": overall["offtopic_rejected"],
        "kb.article_answerable_kept": overall["answerable_kept"],
        "kb.article_query_p50_ms": latency["median"],
        "kb.article_query_p95_ms": latency["p95"],
        "details": {"relevant_score": RELEVANT_SCORE, "batches": batches, "query_ms": latency},
    }


def main(argv: list[str] | None = None) -> int:
    return bench_cli(run, argv, __doc__ or "")


if __name__ == "__main__":
    sys.exit(main())
