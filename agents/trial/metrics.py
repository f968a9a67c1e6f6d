"""Retrieval metrics per query, with binary relevance: nDCG@10, Recall@1/5/10, MRR@10.

nDCG@k = DCG@k / IDCG@k with DCG = sum over ranks r <= k of rel_r / log2(r + 1);
Recall@k = |relevant in top k| / |relevant|; MRR@k = 1 / rank of the first relevant document (0 if
none in the top k). Ties in scores are broken by document order (stable sort), as trec_eval does by id.
"""

from __future__ import annotations

import numpy as np

METRICS = ("ndcg@10", "recall@1", "recall@5", "recall@10", "mrr@10")
PRIMARY = "ndcg@10"
DEPTH = 10


def top_k(scores: np.ndarray, k: int = DEPTH) -> np.ndarray:
    """Indices of the k best documents per row of a (queries, docs) score matrix, best first."""
    n = scores.shape[1]
    k = min(k, n)
    if k == n:
        return np.argsort(-scores, axis=1, kind="stable")
    # Candidates by partition, then an exact stable order (ties by document index) among them.
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    kth = np.take_along_axis(scores, part, axis=1).min(axis=1, keepdims=True)
    out = np.empty((scores.shape[0], k), dtype=np.int64)
    for i in range(scores.shape[0]):
        cand = np.flatnonzero(scores[i] >= kth[i])  # includes every tie at the boundary
        order = np.argsort(-scores[i, cand], kind="stable")
        out[i] = cand[order][:k]
    return out


def query_metrics(ranking: list[int] | np.ndarray, relevant: set[int]) -> dict[str, float]:
    """All metrics for one query, given the ranked document indices (best first) and the relevant set."""
    ranked = [int(x) for x in ranking[:DEPTH]]
    hits = [1.0 if d in relevant else 0.0 for d in ranked]
    dcg = sum(h / np.log2(r + 2) for r, h in enumerate(hits))
    idcg = sum(1.0 / np.log2(r + 2) for r in range(min(len(relevant), DEPTH)))
    first = next((r for r, h in enumerate(hits) if h), None)
    n_rel = max(len(relevant), 1)
    return {
        "ndcg@10": float(dcg / idcg) if idcg else 0.0,
        "recall@1": sum(hits[:1]) / n_rel,
        "recall@5": sum(hits[:5]) / n_rel,
        "recall@10": sum(hits[:10]) / n_rel,
        "mrr@10": 1.0 / (first + 1) if first is not None else 0.0,
    }


def per_query(rankings: np.ndarray, relevant: list[set[int]]) -> dict[str, np.ndarray]:
    """Per-query metric arrays: {metric: array of shape (n_queries,)}."""
    rows = [query_metrics(r, rel) for r, rel in zip(rankings, relevant, strict=True)]
    return {m: np.array([row[m] for row in rows], dtype=np.float64) for m in METRICS}


def means(values: dict[str, np.ndarray]) -> dict[str, float]:
    return {m: round(float(v.mean()), 4) if len(v) else 0.0 for m, v in values.items()}
