"""Candidate encoders and the content-addressed embedding cache shared by every trial in the process.

The cache key is sha256(model, side, prompt, text), so a re-run with another candidate, another
query file or a new document only encodes what it has not seen. Texts to encode are sorted by length
before batching (as sentence-transformers does) so padding waste matches a plain ``encode`` call.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from agents.trial.errors import TrialCancelled

Side = Literal["query", "document"]


class Encoder(Protocol):
    """What the runner needs from a candidate model."""

    model: str
    max_seq_length: int | None

    def prompt(self, side: Side) -> str: ...

    def encode(self, texts: list[str], side: Side) -> np.ndarray: ...

    def count_tokens(self, texts: list[str], side: Side) -> list[int] | None: ...

    def weights_bytes(self) -> int | None: ...


class EmbeddingCache:
    """A bounded in-memory LRU map from content hash to embedding vector (thread-safe)."""

    def __init__(self, max_items: int = 500_000):
        self.max_items = max_items
        self._store: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.measurements: dict[str, dict] = {}  # model -> last throughput/memory measurement

    @staticmethod
    def key(model: str, side: str, prompt: str, text: str) -> bytes:
        h = hashlib.sha256()
        for part in (model, side, prompt, text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.digest()

    def get(self, key: bytes) -> np.ndarray | None:
        with self._lock:
            vec = self._store.get(key)
            if vec is not None:
                self._store.move_to_end(key)
            return vec

    def put(self, key: bytes, vec: np.ndarray) -> None:
        with self._lock:
            self._store[key] = vec
            self._store.move_to_end(key)
            while len(self._store) > self.max_items:
                self._store.popitem(last=False)

    def __len__(self) -> int:
        return len(self._store)

    def clear(self) -> None:
        with self._lock:
            self._store.clear()
            self.measurements.clear()


DEFAULT_CACHE = EmbeddingCache()


@dataclass
class EncodeRun:
    """Embeddings for a list of texts, and what it cost to compute the ones not in the cache."""

    vectors: np.ndarray
    encoded: int
    cached: int
    seconds: float


def encode_cached(encoder: Encoder, texts: list[str], side: Side, cache: EmbeddingCache, *, batch_size: int = 32,
                  on_batch: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> EncodeRun:
    """Encode ``texts`` through ``cache``; checks ``cancelled`` between batches (raises TrialCancelled)."""
    prompt = encoder.prompt(side)
    keys = [cache.key(encoder.model, side, prompt, t) for t in texts]
    found = [cache.get(k) for k in keys]
    todo = sorted((i for i, v in enumerate(found) if v is None), key=lambda i: -len(texts[i]))
    done = 0
    start = time.perf_counter()
    for b in range(0, len(todo), batch_size):
        if cancelled is not None and cancelled():
            raise TrialCancelled(f"cancelled while encoding {side}s for {encoder.model}")
        batch = todo[b:b + batch_size]
        vecs = np.asarray(encoder.encode([texts[i] for i in batch], side), dtype=np.float32)
        if vecs.shape[0] != len(batch):
            raise RuntimeError(f"{encoder.model} returned {vecs.shape[0]} vectors for {len(batch)} texts")
        for i, v in zip(batch, vecs, strict=True):
            found[i] = v
            cache.put(keys[i], v)
        done += len(batch)
        if on_batch is not None:
            on_batch(done, len(todo))
    seconds = time.perf_counter() - start
    dim = next((v.shape[0] for v in found if v is not None), 0)
    matrix = np.stack(found) if texts else np.zeros((0, dim), np.float32)
    return EncodeRun(matrix, len(todo), len(texts) - len(todo), seconds)


class SentenceTransformerEncoder:
    """A local model loaded through ``knowledge.embedding.load_sentence_transformer`` (once per process).

    ``query_prefix``/``document_prefix`` come from the model's card; when a card gives none, the model's
    own configured "query"/"document" prompts apply (sentence-transformers' encode_query/encode_document).
    """

    def __init__(self, model: str, load_name: str, query_prefix: str | None = None,
                 document_prefix: str | None = None):
        self.model = model
        self.load_name = load_name
        self._prefix = {"query": query_prefix, "document": document_prefix}
        self.st = None
        self.max_seq_length: int | None = None

    def load(self) -> None:
        from knowledge.embedding import load_sentence_transformer

        self.st = load_sentence_transformer(self.load_name)
        limit = getattr(self.st, "max_seq_length", None)
        self.max_seq_length = int(limit) if isinstance(limit, (int, float)) and limit != float("inf") else None

    def prompt(self, side: Side) -> str:
        given = self._prefix[side]
        if given is not None:
            return given
        prompts = getattr(self.st, "prompts", None) or {}
        return prompts.get(side) or (prompts.get("passage", "") if side == "document" else "")

    def encode(self, texts: list[str], side: Side) -> np.ndarray:
        fn = self.st.encode_query if side == "query" else self.st.encode_document
        return fn(texts, prompt=self.prompt(side), batch_size=max(len(texts), 1), convert_to_numpy=True,
                  show_progress_bar=False)

    def count_tokens(self, texts: list[str], side: Side) -> list[int] | None:
        tok = getattr(self.st, "tokenizer", None)
        if tok is None or not texts:
            return None
        prompt = self.prompt(side)
        full = [prompt + t for t in texts]
        if hasattr(tok, "encode_batch"):  # a raw `tokenizers.Tokenizer` (e.g. static embedding models)
            return [len(e.ids) for e in tok.encode_batch(full)]
        enc = tok(full, add_special_tokens=True, truncation=False, verbose=False)
        return [len(ids) for ids in enc["input_ids"]]

    def weights_bytes(self) -> int | None:
        try:
            return int(sum(t.numel() * t.element_size() for t in (*self.st.parameters(), *self.st.buffers())))
        except (AttributeError, TypeError):
            return None
