"""Okapi BM25 keyword baseline with a simple Unicode tokenizer (no stemming, no stop words).

Scoring: idf(t) = ln(1 + (N - n_t + 0.5) / (n_t + 0.5)) (Lucene's non-negative variant),
tf part = tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)); each distinct query term counts once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np

_WORD = re.compile(r"\w+")
# Scripts written without spaces: index each character, so Chinese/Japanese/Thai text is searchable.
_NO_SPACE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


def tokenize(text: str) -> list[str]:
    """Lower-cased NFKC word tokens; CJK and Thai characters become one token each."""
    out: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        if _NO_SPACE.search(word):
            out.extend(_NO_SPACE.sub(lambda m: f" {m.group(0)} ", word).split())
        else:
            out.append(word)
    return out


class BM25:
    """An in-memory BM25 index over a list of texts."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.n_docs = len(texts)
        docs = [Counter(tokenize(t)) for t in texts]
        lengths = np.array([sum(c.values()) for c in docs], dtype=np.float64)
        self.avgdl = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        norm = k1 * (1.0 - b + b * lengths / self.avgdl)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, counts in enumerate(docs):
            for term, tf in counts.items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(tf)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, tfs) in postings.items():
            idx = np.asarray(ids, dtype=np.int64)
            tf = np.asarray(tfs, dtype=np.float64)
            idf = math.log(1.0 + (self.n_docs - len(ids) + 0.5) / (len(ids) + 0.5))
            self.postings[term] = (idx, idf * tf * (k1 + 1.0) / (tf + norm[idx]))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query``."""
        out = np.zeros(self.n_docs, dtype=np.float64)
        for term in set(tokenize(query)):
            hit = self.postings.get(term)
            if hit is not None:
                out[hit[0]] += hit[1]
        return out

    def score_matrix(self, queries: list[str]) -> np.ndarray:
        """Scores of shape (len(queries), n_docs)."""
        return np.stack([self.scores(q) for q in queries]) if queries else np.zeros((0, self.n_docs))
