"""Metrics, statistics, BM25 and compression against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from agents.trial.bm25 import BM25, tokenize
from agents.trial.metrics import per_query, query_metrics, top_k
from agents.trial.quantize import index_sizes, quantization_report
from agents.trial.stats import bootstrap_indices, ci95, paired_test, sign_flip_p


def test_single_relevant_at_rank_two():
    m = query_metrics([3, 1, 2], {1})
    assert m["ndcg@10"] == pytest.approx(1 / math.log2(3))  # DCG 1/log2(3), IDCG 1
    assert (m["recall@1"], m["recall@5"], m["recall@10"], m["mrr@10"]) == (0.0, 1.0, 1.0, 0.5)


def test_two_relevant_at_ranks_one_and_three():
    m = query_metrics([0, 5, 1, 7], {0, 1})
    assert m["ndcg@10"] == pytest.approx((1 + 1 / 2) / (1 + 1 / math.log2(3)))  # 1.5 / 1.6309 = 0.9197
    assert (m["recall@1"], m["recall@5"], m["mrr@10"]) == (0.5, 1.0, 1.0)


def test_relevant_beyond_depth_scores_zero():
    m = query_metrics(list(range(20)), {12})
    assert m == {"ndcg@10": 0.0, "recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "mrr@10": 0.0}


def test_top_k_is_exact_and_breaks_ties_by_document_order():
    scores = np.array([[0.1, 0.9, 0.9, 0.5, 0.9] + [0.0] * 20])
    assert top_k(scores, 4).tolist() == [[1, 2, 4, 3]]
    rng = np.random.default_rng(1)
    s = rng.normal(size=(5, 300))
    assert np.array_equal(top_k(s, 10), np.argsort(-s, axis=1, kind="stable")[:, :10])
    pq = per_query(top_k(s, 10), [{int(np.argmax(row))} for row in s])
    assert pq["mrr@10"].tolist() == [1.0] * 5


def test_bm25_matches_hand_computation():
    index = BM25(["a b", "a c c"])
    idf = math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))
    tf_part = 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2.5))
    assert index.scores("c").tolist() == pytest.approx([0.0, idf * tf_part])
    assert index.scores("C c zzz").tolist() == pytest.approx([0.0, idf * tf_part])  # distinct terms count once
    assert tokenize("Ünïcode, WORDS 42") == ["ünïcode", "words", "42"]
    assert tokenize("東京タワー") == ["東", "京", "タ", "ワ", "ー"]


def test_bootstrap_is_seeded_and_covers_the_mean():
    x = np.random.default_rng(3).uniform(size=50)
    a = ci95(x, bootstrap_indices(50, 1000, seed=0))
    assert a == ci95(x, bootstrap_indices(50, 1000, seed=0))
    assert a[0] < x.mean() < a[1]
    assert a != ci95(x, bootstrap_indices(50, 1000, seed=1))


def test_paired_test_verdicts():
    idx = bootstrap_indices(30, 500)
    better = paired_test(np.ones(30), np.zeros(30), "b", "ndcg@10", idx)
    assert better.verdict == "significantly better" and better.p_value < 0.001 and better.ci95 == (1.0, 1.0)
    same = paired_test(np.ones(30), np.ones(30), "b", "ndcg@10", idx)
    assert same.verdict == "not significant" and same.p_value == 1.0
    small = paired_test(np.ones(5), np.zeros(5), "b", "ndcg@10", bootstrap_indices(5, 500))
    assert small.verdict == "sample too small (<20 queries)"
    assert sign_flip_p(np.array([1.0, 1.0, 1.0])) == pytest.approx(2 / 8)  # exact: 2 of 8 sign patterns


def test_index_sizes_and_quantisation():
    sizes = index_sizes(1_000_000, 384, (256, 128, 512))
    assert sizes["bytes"] == {"float32": 1_536_000_000, "int8": 384_000_000, "binary": 48_000_000,
                              "float32@256": 1_024_000_000, "float32@128": 512_000_000}
    assert sizes["human"]["float32"] == "1.5 GB"
    rng = np.random.default_rng(0)
    d = rng.normal(size=(60, 64)).astype(np.float32)
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    q = d[:20] + 0.05 * rng.normal(size=(20, 64)).astype(np.float32)  # each query is a noisy copy of a doc
    rel = [{i} for i in range(20)]
    rep = quantization_report(q, d, rel, 1.0, (32,))
    assert set(rep) == {"int8", "binary", "binary_rescore", "matryoshka@32"}
    assert rep["int8"]["retained"] == pytest.approx(1.0) and rep["binary_rescore"]["retained"] >= 0.95
    assert all(0 <= v["retained"] <= 1.0 for v in rep.values())
