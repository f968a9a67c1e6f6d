"""A small BM25 keyword ranker: the answer when the vector index cannot be used.

Pure Python over a few dozen short texts, so it needs no index of its own and no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_STOP = frozenset(
    "a an and are as at be but by can do does for from how i if in into is it its me my of on or our so "
    "that the their them then there these they this to us was we what when where which who why will with "
    "would you your should could about vs".split())


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without stop words; a plural "s" is dropped so "rerankers" matches "reranker"."""
    out = []
    for word in re.findall(r"\w+", text.lower()):
        if word in _STOP:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


class BM25:
    """Okapi BM25 over a fixed set of documents (id -> text)."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.terms = {doc_id: Counter(tokens(text)) for doc_id, text in docs.items()}
        self.lengths = {doc_id: sum(c.values()) for doc_id, c in self.terms.items()}
        self.avg = (sum(self.lengths.values()) / len(self.lengths)) if self.lengths else 0.0
        df = Counter(t for c in self.terms.values() for t in c)
        n = len(self.terms)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: str) -> dict[str, float]:
        """Every document's BM25 score for ``query`` (0 when no query word occurs)."""
        words = tokens(query)
        out: dict[str, float] = {}
        for doc_id, tf in self.terms.items():
            norm = self.k1 * (1 - self.b + self.b * self.lengths[doc_id] / (self.avg or 1))
            out[doc_id] = sum(self.idf[w] * tf[w] * (self.k1 + 1) / (tf[w] + norm) for w in words if w in tf)
        return out


RRF_K = 60  # the constant of Cormack, Clarke & Buettcher (SIGIR 2009)


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Merge ranked id lists: each id scores the sum of 1 / (k + rank) over the lists that hold it."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
