"""Index size at the user's corpus size, and quality retained after int8 / binary / Matryoshka compression.

int8: sentence-transformers' ``quantize_embeddings`` with per-dimension ranges calibrated on the sample's
document embeddings, applied to documents and queries, scored by dot product of the integer codes.
binary: sign bits (``ubinary``), scored two ways: plain Hamming distance, and Hamming top-40 candidates
re-scored with the float32 query against the +/-1 document bits (sentence-transformers' rescoring recipe).
Matryoshka: the first d dimensions, re-normalised, where the card lists supported dimensions.
Sizes count raw vector bytes only (no ANN index overhead, ids or metadata).
"""

from __future__ import annotations

import warnings

import numpy as np

from agents.trial.metrics import PRIMARY, means, per_query, top_k
from agents.units import human_bytes, vector_bytes

RESCORE_MULTIPLIER = 4


def index_sizes(n_docs: int, dim: int, matryoshka_dims: tuple[int, ...] = ()) -> dict:
    """Raw vector bytes for ``n_docs`` vectors of ``dim`` dimensions, per storage precision."""
    sizes: dict[str, int] = vector_bytes(n_docs, dim)
    for d in matryoshka_dims:
        if d < dim:
            sizes[f"float32@{d}"] = n_docs * d * 4
    return {"corpus_size": n_docs, "dim": dim, "bytes": sizes, "human": {k: human_bytes(v) for k, v in sizes.items()}}


def _quantize(emb: np.ndarray, precision: str, calibration: np.ndarray | None = None) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from sentence_transformers.util.quantization import quantize_embeddings
        except ImportError:  # older sentence-transformers
            from sentence_transformers.quantization import quantize_embeddings
    return quantize_embeddings(emb, precision=precision, calibration_embeddings=calibration)


def _hamming(q_bits: np.ndarray, d_bits: np.ndarray, chunk: int = 64) -> np.ndarray:
    out = np.empty((q_bits.shape[0], d_bits.shape[0]), dtype=np.int32)
    for s in range(0, q_bits.shape[0], chunk):
        x = np.bitwise_xor(q_bits[s:s + chunk, None, :], d_bits[None, :, :])
        out[s:s + chunk] = np.bitwise_count(x).sum(axis=2)
    return out


def _normalise(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)


def quantization_report(q: np.ndarray, d: np.ndarray, relevant: list[set[int]], full_ndcg: float,
                        matryoshka_dims: tuple[int, ...] = ()) -> dict:
    """nDCG@10 and the share of float32 nDCG@10 retained, per compression scheme."""
    out: dict[str, dict] = {}

    def record(name: str, rankings: np.ndarray, how: str) -> None:
        ndcg = means(per_query(rankings, relevant))[PRIMARY]
        out[name] = {PRIMARY: ndcg, "retained": round(ndcg / full_ndcg, 4) if full_ndcg else None, "scoring": how}

    if len(q) == 0 or len(d) == 0:
        return out
    qi, di = _quantize(q, "int8", d), _quantize(d, "int8", d)
    record("int8", top_k(qi.astype(np.float32) @ di.astype(np.float32).T),
           "int8 codes (ranges calibrated on the documents), dot product")
    qb, db = _quantize(q, "ubinary"), _quantize(d, "ubinary")
    ham = _hamming(qb, db)
    record("binary", top_k(-ham.astype(np.float64)), "Hamming distance on sign bits")
    k = min(10 * RESCORE_MULTIPLIER, d.shape[0])
    cand = top_k(-ham.astype(np.float64), k)
    signs = np.unpackbits(db, axis=1)[:, :d.shape[1]].astype(np.float32) * 2 - 1
    rescored = np.einsum("qd,qkd->qk", q, signs[cand])
    order = np.argsort(-rescored, axis=1, kind="stable")
    record("binary_rescore", np.take_along_axis(cand, order, axis=1),
           f"Hamming top-{k}, re-scored with the float32 query against the document bits")
    for dim in matryoshka_dims:
        if dim < q.shape[1]:
            record(f"matryoshka@{dim}", top_k(_normalise(q[:, :dim]) @ _normalise(d[:, :dim]).T),
                   f"first {dim} dimensions, re-normalised, cosine")
    return out
