"""Footprint of one model at the user's scale: index size, chunks, model memory, encode time, API cost.

Every figure is arithmetic on card facts, the profile and a few stated assumptions (:data:`ASSUMPTIONS`).
Speeds scale a measurement of the packaged all-MiniLM-L6-v2 on the reference machine
(``agents/decide/footprint_calibration.json``, written by ``python -m eval.calibrate_footprint``) linearly
with the parameters that compute per token (:func:`compute_parameters`: a large multilingual token table is a
lookup, counted as if it had BERT's rows), as NOTES.md observed; the GPU figure is sbert.net's published V100
speed. Memory and size use the total parameter count.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agents.profile import Profile
from agents.units import human_bytes, human_duration, vector_bytes
from knowledge.schema import Card

CALIBRATION_FILE = Path(__file__).resolve().parent / "footprint_calibration.json"
MEMORY_OVERHEAD = 1.5            # weights x 1.5: activations for batched encoding, runtime, tokenizer
QUERY_TOKENS = 32                # assumed average query length in tokens
SECONDS_PER_MONTH = 30 * 86_400  # queries_per_second is read as a sustained monthly average
PER_MILLION = 1_000_000          # index sizes are given per million vectors when the corpus size is unknown
BERT_VOCAB = 30_522              # rows of BERT's (and the calibration model's) token table

ASSUMPTIONS: tuple[str, ...] = (
    "Index size counts the raw vectors only (float32 = 4 bytes, int8 = 1 byte, binary = 1 bit per dimension); "
    "ids, metadata and the ANN graph come on top.",
    "One vector per document, or per chunk of the model's max_tokens when a document is longer (no overlap); "
    "late-interaction models store one vector per token.",
    f"Model memory = weights (fp32 on CPU or unknown hardware, fp16 on GPU) x {MEMORY_OVERHEAD} for activations "
    "and runtime.",
    "CPU speed scales the measured all-MiniLM-L6-v2 throughput on the reference machine by parameter count; "
    "GPU speed scales sbert.net's V100 figure the same way. A token table larger than BERT's 30,522 rows "
    "(multilingual vocabularies) counts as BERT-sized for speed: looking a token up costs the same in any table. "
    "Attention cost growing with sequence length is not modelled, so long chunks encode slower than estimated.",
    f"Queries are {QUERY_TOKENS} tokens on average; queries_per_second is a sustained average over a 30-day month.",
    "API cost uses the card's published price per 1M input tokens on its as-of date; taxes, rate limits and "
    "batch discounts are not included.",
)


@cache
def calibration() -> dict[str, Any]:
    """The stored speed measurement (with machine, versions and method) and the cited GPU figure."""
    return json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))


def speed_provenance() -> str:
    """One sentence saying where the speed figures come from."""
    cal = calibration()
    gpu = cal["gpu_reference"]
    return (f"CPU: {cal['model']} measured at {cal['cpu_tokens_per_s']:,} tokens/s and "
            f"{cal['query']['cpu_latency_ms_median']:g} ms per query ({cal['query']['glue_ms']:g} ms of it outside the "
            f"model) on {cal['machine']['cpus']} CPU cores ({cal['measured_on']}, {cal['command']}); "
            f"GPU: {gpu['sentences_per_s']:,} sentences/s on a "
            f"{gpu['hardware'].removeprefix('NVIDIA ')} ({gpu['url']}, read {gpu['as_of']}) at an assumed "
            f"{gpu['assumed_tokens_per_sentence']} tokens per sentence, a larger model's extra compute at "
            f"{gpu['layer_tflops']} TFLOPS (a transformer layer measured on that GPU, {gpu['layer_source']['url']})")


def weights_gb(card: Card, precision: str = "fp32") -> float | None:
    """Weights memory in GB at ``precision`` (fp32|fp16), from the card's figure or its parameter count."""
    stated = getattr(card.memory_gb, precision, None) if card.memory_gb else None
    if stated:
        return stated
    if card.n_parameters:
        return card.n_parameters * (4 if precision == "fp32" else 2) / 1e9
    return None


def parameters(card: Card) -> float | None:
    """The parameter count: the card's, else read from its stated weight memory (fp32 = 4 bytes, fp16 = 2 per
    parameter), else None."""
    if card.n_parameters:
        return float(card.n_parameters)
    if card.memory_gb and card.memory_gb.fp32:
        return card.memory_gb.fp32 * 1e9 / 4
    if card.memory_gb and card.memory_gb.fp16:
        return card.memory_gb.fp16 * 1e9 / 2
    return None


def compute_parameters(card: Card) -> float | None:
    """The parameter count that sets encode speed and query latency (memory and size use :func:`parameters`).

    A token-embedding matrix is a lookup: each token reads one row, whatever the vocabulary size, so a
    multilingual model's 250k-row table adds memory but no compute per token. The speed calibration
    (all-MiniLM-L6-v2) carries BERT's 30,522-row table, so a larger table is counted as if it had 30,522 rows:
    ``n_parameters - n_embedding_parameters + 30,522 x hidden``, with the output dimension (``embed_dim``)
    standing in for the hidden size, within ``[n_parameters - n_embedding_parameters, n_parameters]``. E.g.
    ibm-granite/granite-embedding-107m-multilingual: 107.0M parameters, 96.0M of them a 250k x 384 table, counts
    as 22.7M (MiniLM-L6's size). sbert.net's V100 speeds bear it out: paraphrase-multilingual-MiniLM-L12-v2
    (117.7M, counted 33.4M) encodes as fast as the English MiniLM-L12 (33.4M), 7,500 sentences/s (docs/advisor.md).
    A card whose table has at most 30,522 rows, or that does not state it, keeps its total (None = size unknown).
    """
    total = parameters(card)
    table, dim = card.n_embedding_parameters, card.embed_dim
    if not total or not card.n_parameters or not table or not dim or table / dim <= BERT_VOCAB:
        return total
    body = card.n_parameters - table
    return float(min(max(body + BERT_VOCAB * dim, body), card.n_parameters))


def _scale(card: Card) -> float | None:
    """How many times more compute per token than the calibration model (None = size unknown)."""
    params = compute_parameters(card) if card.open_weights else None
    return None if not params else params / calibration()["n_parameters"]


def cpu_tokens_per_s(card: Card) -> float | None:
    """Estimated encode throughput on the reference CPU."""
    scale = _scale(card)
    return None if scale is None else calibration()["cpu_tokens_per_s"] / scale


def gpu_tokens_per_s(card: Card) -> float | None:
    """Estimated encode throughput on a V100-class GPU: the calibration model's measured time per token, plus the
    extra FLOPs of a larger model (2 per compute parameter per token) at a measured transformer-layer throughput."""
    params = compute_parameters(card) if card.open_weights else None
    if not params:
        return None
    cal = calibration()
    gpu = cal["gpu_reference"]
    measured = gpu["sentences_per_s"] * gpu["assumed_tokens_per_sentence"]
    extra = 2 * (params - cal["n_parameters"]) / (gpu["layer_tflops"] * 1e12)
    return 1.0 / max(1.0 / measured + extra, 1e-12)


def cpu_query_latency_ms(card: Card) -> float | None:
    """Estimated single-query latency on the reference CPU: the measured glue around the calibration model's forward
    pass (tokenising, pooling, Python; the same for any model) plus its forward pass scaled by compute. A static
    embedding model (a token table and no layers) costs little more than the glue."""
    scale = _scale(card)
    if scale is None:
        return None
    query = calibration()["query"]
    return query["glue_ms"] + query["forward_ms"] * scale


@dataclass
class Footprint:
    """What adopting one model costs at the user's scale; ``None`` = cannot be computed (say why in notes)."""

    model: str
    vectors: int | None
    vectors_basis: str                       # "your corpus" or "per 1,000,000 vectors"
    chunks_per_doc: int | None
    index: list[dict[str, Any]]              # per dimension: dim, float32/int8/binary bytes
    weights_gb: dict[str, float | None]
    memory_needed_gb: float | None
    encode_hours: dict[str, float | None]
    query_latency_ms_cpu: float | None
    api_cost: dict[str, Any] | None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"vectors": self.vectors, "vectors_basis": self.vectors_basis, "chunks_per_doc": self.chunks_per_doc,
                "index": self.index, "weights_gb": self.weights_gb, "memory_needed_gb": self.memory_needed_gb,
                "encode_hours": self.encode_hours, "query_latency_ms_cpu": self.query_latency_ms_cpu,
                "api_cost": self.api_cost, "summary": self.summary(), "notes": self.notes}

    def summary(self) -> list[str]:
        """Short human-readable lines (used by the Markdown report and the chat reply)."""
        out: list[str] = []
        if self.index:
            full = self.index[0]
            line = (f"index ({self.vectors_basis}, {full['dim']} dims): {human_bytes(full['float32_bytes'])} float32, "
                    f"{human_bytes(full['int8_bytes'])} int8, {human_bytes(full['binary_bytes'])} binary")
            if len(self.index) > 1:
                line += "; Matryoshka " + ", ".join(f"{x['dim']}d {human_bytes(x['float32_bytes'])}" for x in self.index[1:])
            out.append(line)
        if self.chunks_per_doc and self.chunks_per_doc > 1:
            out.append(f"{self.chunks_per_doc} chunks per document ({self.vectors:,} vectors)")
        if self.memory_needed_gb is not None:
            out.append(f"model memory ~{self.memory_needed_gb:.1f} GB (weights {self.weights_gb['fp32']:.2f} GB fp32 / "
                       f"{self.weights_gb['fp16']:.2f} GB fp16)")
        enc = self.encode_hours
        if enc.get("cpu") is not None:
            out.append(f"encoding the corpus: ~{human_duration(enc['cpu'])} on the reference 2-core CPU, "
                       f"~{human_duration(enc['gpu'])} on a V100-class GPU")
        if self.query_latency_ms_cpu is not None:
            out.append(f"~{self.query_latency_ms_cpu:,.0f} ms per query on CPU")
        if self.api_cost and self.api_cost.get("usd_per_1m_tokens") is None:
            out.append("API cost: " + self.api_cost["note"])
        elif self.api_cost:
            c = self.api_cost
            parts = [f"${c['usd_per_1m_tokens']:g} per 1M tokens"]
            if c.get("one_off_usd") is not None:
                parts.append(f"one-off corpus embedding ~${c['one_off_usd']:,.2f}")
            if c.get("monthly_queries_usd") is not None:
                parts.append(f"queries ~${c['monthly_queries_usd']:,.2f}/month")
            out.append("API cost: " + ", ".join(parts))
        return out + self.notes


def _index_rows(card: Card, vectors: int) -> list[dict[str, Any]]:
    dims = [card.embed_dim] if card.embed_dim else []
    dims += [d for d in card.matryoshka_dims if d not in dims]
    return [{"dim": d, **{f"{k}_bytes": v for k, v in vector_bytes(vectors, d).items()}} for d in dims]


IMAGE_TOKENS = 196   # a ViT-B/16 at 224 x 224 px sees 14 x 14 patches: each image costs about 196 tokens of compute


def footprint(card: Card, profile: Profile) -> Footprint:
    """The footprint of ``card`` for ``profile`` (missing profile numbers -> per-million figures and notes)."""
    notes: list[str] = []
    docs, doc_tokens = profile.documents, profile.avg_doc_tokens
    chunks = 1
    if doc_tokens and card.max_tokens and doc_tokens > card.max_tokens:
        chunks = math.ceil(doc_tokens / card.max_tokens)
    if card.model_type == "late-interaction":
        per_doc = doc_tokens
        notes.append("late-interaction (multi-vector) model: one vector per token, so the index is far larger "
                     "than for a single-vector model")
    else:
        per_doc = chunks
    if docs is not None and per_doc:
        vectors, basis = docs * per_doc, "your corpus"
    elif profile.ingest_per_day and per_doc:   # a stream with no corpus size: what a month of it adds
        vectors, basis = round(profile.ingest_per_day * 30) * per_doc, "30 days of your new items"
    else:
        vectors, basis = PER_MILLION, "per 1,000,000 vectors"
        if docs is None:
            notes.append("corpus size unknown: index size shown per million vectors")
        elif not per_doc:
            notes.append("average document length unknown: index size shown per million vectors")
    index = [] if card.model_type == "sparse" else _index_rows(card, vectors)
    if card.model_type == "sparse":
        notes.append("sparse model: index size depends on the non-zero terms per document, not on a dimension")
    if not card.embed_dim and card.model_type != "sparse":
        notes.append("output dimension not published: index size unknown")
    fp32, fp16 = weights_gb(card, "fp32"), weights_gb(card, "fp16")
    precision_weights = fp16 if profile.hardware == "gpu" else fp32
    memory = round(precision_weights * MEMORY_OVERHEAD, 3) if card.open_weights and precision_weights else None
    if card.open_weights and fp32 is None:
        notes.append("parameter count not published: memory and encode time unknown")
    if docs is not None and profile.data_type in ("image", "multimodal"):
        total_tokens: int | None = docs * IMAGE_TOKENS
    else:
        total_tokens = docs * doc_tokens if docs is not None and doc_tokens else None
    cpu_tps, gpu_tps = cpu_tokens_per_s(card), gpu_tokens_per_s(card)
    encode = {"cpu": round(total_tokens / cpu_tps / 3600, 4) if total_tokens and cpu_tps else None,
              "gpu": round(total_tokens / gpu_tps / 3600, 4) if total_tokens and gpu_tps else None}
    if card.open_weights and total_tokens is None and profile.data_type != "audio":
        notes.append("encode time needs the number of documents" + (
            "" if profile.data_type in ("image", "multimodal") else " and their average length"))
    return Footprint(card.id, vectors, basis, chunks if card.model_type != "late-interaction" else None, index,
                     {"fp32": _r(fp32), "fp16": _r(fp16)} if card.open_weights else {"fp32": None, "fp16": None},
                     memory, encode, _r(cpu_query_latency_ms(card), 1), _api_cost(card, profile, total_tokens), notes)


def _r(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


def _api_cost(card: Card, profile: Profile, total_tokens: int | None) -> dict[str, Any] | None:
    if card.open_weights:
        return None
    price = card.pricing.usd_per_1m_tokens if card.pricing else None
    if price is None:
        per_char = card.pricing.usd_per_1m_characters if card.pricing else None
        if per_char is not None:
            # billed per character: not converted, since characters per token vary by language and tokenizer
            return {"usd_per_1m_tokens": None, "usd_per_1m_characters": per_char,
                    "as_of": card.pricing.as_of.isoformat(), "url": card.pricing.url,
                    "note": f"billed per character (${per_char:g} per 1M characters, as of "
                            f"{card.pricing.as_of.isoformat()}), not per token: no cost estimate; "
                            "check the provider's pricing page"}
        return {"usd_per_1m_tokens": None, "note": "price not in the knowledge base; check the provider's pricing page"}
    monthly = (profile.queries_per_second * SECONDS_PER_MONTH * QUERY_TOKENS / 1e6 * price
               if profile.queries_per_second is not None else None)
    return {"usd_per_1m_tokens": price, "as_of": card.pricing.as_of.isoformat(), "url": card.pricing.url,
            "one_off_usd": round(total_tokens / 1e6 * price, 2) if total_tokens else None,
            "monthly_queries_usd": round(monthly, 2) if monthly is not None else None}
