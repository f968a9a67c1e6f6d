"""Estimates for one self-hosted model on one machine: precision, memory, encode time, latency, throughput,
and how they compare with the user's limits (the rules are in :mod:`agents.decide.feasibility`).

Speed figures scale measurements (``agents/decide/footprint_calibration.json`` for CPUs, sbert.net's V100
figure for GPUs, the hardware table's relative speeds), so latency and throughput are rough: a miss by
more than :data:`ESTIMATE_TOLERANCE` excludes, a smaller miss is "tight".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from agents.decide.footprint import (
    IMAGE_TOKENS,
    MEMORY_OVERHEAD,
    QUERY_TOKENS,
    calibration,
    cpu_query_latency_ms,
    cpu_tokens_per_s,
    gpu_tokens_per_s,
    weights_gb,
)
from agents.decide.setup import Setup
from agents.profile import Profile
from agents.units import human_duration
from knowledge.hardware import HardwareTable
from knowledge.schema import Card

ESTIMATE_TOLERANCE = 2.0   # latency/throughput estimates are rough (about x2): only a miss beyond this excludes
TIGHT_SHARE = 0.8          # an encode estimate above 80% of the window is "tight"
INT8_BYTES = 1.0
INTERACTIVE_MS = 500.0     # no latency target given: what interactive search tolerates per query (a ranking preference)
INTERACTIVE_TASKS = (None, "search", "rag", "recommendation")


def slow_for_interactive(run: Run, profile: Profile) -> float:
    """Doublings of the estimated query latency above :data:`INTERACTIVE_MS` when the user gave no target for an
    interactive task (0 otherwise): not an exclusion (the user did not state a limit), a preference."""
    if profile.latency_ms is not None or profile.task not in INTERACTIVE_TASKS or not run.latency_ms:
        return 0.0
    return max(0.0, math.log2(run.latency_ms / INTERACTIVE_MS))


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint: a stable ``code`` (for counting) and a sentence for the user.

    ``assumed`` = it rests on an assumed fact (no hardware given, a default window), which the answer states.
    """

    code: str
    message: str
    assumed: bool = False


@dataclass
class Run:
    """One model on one setup: precision, memory and speed estimates."""

    precision: str | None = None
    weights_gb: float | None = None
    memory_needed_gb: float | None = None
    memory_ok: bool | None = None
    encode_hours: float | None = None
    latency_ms: float | None = None
    capacity_qps: float | None = None
    stream_hours: float | None = None   # compute hours to embed one day's new items (``ingest_per_day``)



def text_like(profile: Profile) -> bool:
    """Encode time is estimated in tokens, which only text and code have (images and audio are not estimated)."""
    return profile.data_type in (None, "text", "code")


def encodable(profile: Profile) -> bool:
    """Encode time is estimated for text and code (tokens), images (patches, :data:`IMAGE_TOKENS` each) and audio
    (encoder frames: the clip's seconds x 50, knowledge/hardware.yaml ``audio_frames_per_second``)."""
    return text_like(profile) or profile.data_type in ("image", "multimodal", "audio")


def corpus_tokens(profile: Profile, setup: Setup) -> float | None:
    """Tokens to embed for the whole corpus (documents x tokens per document; chunking keeps the total).
    Images count :data:`IMAGE_TOKENS` patch tokens each (an assumption: larger inputs or patches cost more)."""
    if not profile.documents:
        return None
    if profile.data_type in ("image", "multimodal"):
        return float(profile.documents) * IMAGE_TOKENS
    if not setup.doc_tokens:
        return None
    return float(profile.documents) * float(setup.doc_tokens)


def item_tokens(profile: Profile, setup: Setup) -> float | None:
    """Tokens per item embedded: :data:`IMAGE_TOKENS` for an image, else the (stated or assumed) document length."""
    if profile.data_type in ("image", "multimodal"):
        return float(IMAGE_TOKENS)
    return float(setup.doc_tokens) if setup.doc_tokens else None


def stream_tokens(profile: Profile, setup: Setup) -> float | None:
    """Tokens of one day's new items (``ingest_per_day``), or None."""
    per_item = item_tokens(profile, setup) if encodable(profile) else None
    return profile.ingest_per_day * per_item if profile.ingest_per_day and per_item else None


def tokens_per_s(card: Card, setup: Setup) -> float | None:
    """Encode throughput of ``card`` on ``setup``: GPU scaled by the device's speed; CPU scaled by cores."""
    if setup.kind == "gpu":
        base = gpu_tokens_per_s(card)
        return None if base is None else base * (setup.gpu_speed or 1.0)
    base = cpu_tokens_per_s(card)
    if base is None:
        return None
    if setup.board_speed is not None:      # an edge board: its measured speed vs the calibration machine
        return base * setup.board_speed
    return base * setup.cpu_cores / calibration()["machine"]["cpus"]


def query_latency_ms(card: Card, setup: Setup) -> float | None:
    """Single-query latency: the measured CPU figure scaled by size; on a GPU, one query's tokens at its throughput
    plus the measured glue around a forward pass (tokenising, pooling, Python run on the host for any device), so a
    GPU query is never shown as taking no time."""
    if setup.kind == "gpu":
        tps = tokens_per_s(card, setup)
        return None if not tps else calibration()["query"]["glue_ms"] + 1000.0 * QUERY_TOKENS / tps
    latency = cpu_query_latency_ms(card)
    return latency / setup.board_speed if latency is not None and setup.board_speed else latency


def weights_at(card: Card, precision: str) -> float | None:
    if precision == "int8":
        return card.n_parameters * INT8_BYTES / 1e9 if card.n_parameters else None
    return weights_gb(card, "fp16" if precision.startswith("fp16") else "fp32")


def estimate(card: Card, profile: Profile, setup: Setup) -> Run:
    """Precision, memory and speed of ``card`` on ``setup`` (no judgement yet)."""
    run = Run()
    precision = setup.precision
    weights = weights_at(card, precision)
    if weights is not None:
        need = weights * setup.overhead
        if need > setup.memory_gb and not setup.half_precision and card.n_parameters:
            int8 = weights_at(card, "int8")     # the smallest it can run at off a GPU (fits or not)
            if int8 is not None:
                precision, weights, need = "int8", int8, int8 * setup.overhead
        run.precision, run.weights_gb, run.memory_needed_gb = precision, weights, need
        run.memory_ok = need <= setup.memory_gb
    tokens = corpus_tokens(profile, setup) if encodable(profile) else None
    tps = tokens_per_s(card, setup)
    if tps:   # several GPUs (1 off a GPU): the corpus and the query load are split across them
        tps *= setup.gpu_count
    if tokens is not None and tps:
        run.encode_hours = tokens / tps / 3600
    daily = stream_tokens(profile, setup)
    if daily is not None and tps:
        run.stream_hours = daily / tps / 3600
    run.latency_ms = query_latency_ms(card, setup)   # one query runs on one GPU
    if tps:
        run.capacity_qps = tps / QUERY_TOKENS
    return run


def judge_run(run: Run, card: Card, profile: Profile, setup: Setup) -> tuple[list[Violation], list[str], list[str]]:
    """(violations, tight caveats, unknowns) of a run against the profile's memory, window, latency and rate."""
    bad: list[Violation] = []
    tight: list[str] = []
    unknown: list[str] = []
    where = setup.label
    if run.memory_needed_gb is None:
        unknown.append(f"size not published: cannot check that it fits {setup.memory_gb:g} GB on {where}")
    elif not run.memory_ok and setup.memory_max and run.memory_needed_gb <= setup.memory_max:
        # the device comes in several sizes and the user did not say which: unknown is not no
        unknown.append(f"needs ~{run.memory_needed_gb:.1f} GB: only the {setup.memory_max:g} GB "
                       f"{setup.device.name if setup.device else 'configuration'} holds it (you did not say which you have)")
    elif not run.memory_ok:
        how = "even int8-quantised" if not setup.half_precision else f"at {run.precision}"
        if setup.size_budget:
            text = (f"ships ~{run.memory_needed_gb * 1024:,.0f} MB {how} ({run.weights_gb * 1024:,.0f} MB weights "
                    f"x{setup.overhead:g} for tokenizer and runtime); your model-size limit is {setup.memory_gb * 1024:,.0f} MB")
        else:
            text = (f"needs ~{run.memory_needed_gb:.1f} GB {how} ({run.weights_gb:.1f} GB weights x{MEMORY_OVERHEAD}); "
                    f"{where} has {setup.memory_max or setup.memory_gb:g} GB")
        assumed = (setup.hardware_assumed and not setup.size_budget) or setup.memory_assumed   # a stated size is a fact
        bad.append(Violation("memory", text, assumed))
        return bad, tight, unknown   # speed on a machine it cannot load is moot
    if run.encode_hours is not None:
        hours, window = run.encode_hours, setup.window_hours
        text = (f"~{human_duration(hours)} to embed your {profile.documents:,} documents on {where}"
                f" (window {human_duration(window)})")
        # The window is the user's requirement (or the stated default); an estimate within 20% of it is flagged
        # as tight.
        # GPU encode speed scales sbert.net's figure for a 22M-parameter model, which uses a GPU far below its peak;
        # larger models run closer to it, so a GPU estimate over the window by less than x2 is "tight", not a "no".
        # A CPU estimate scales our measurement by the machine's cores: hard when the cores are known (the user's,
        # or the named device's), but on assumed cores the miss rests on our guess of the machine ("unknown is not
        # no"): the same x2 tolerance as the other rough estimates, and the answer asks for the cores. (The 24 h
        # default window is the stated requirement, not a guess about the user's machine.)
        # Apple silicon (unified memory) is estimated from its CPU cores only, though sentence-transformers can use
        # its GPU (MPS): a lower bound, so rough too.
        cores_assumed = setup.cores_assumed
        limit = window * (ESTIMATE_TOLERANCE if setup.kind in ("gpu", "unified") or cores_assumed else 1.0)
        if hours > limit:
            bad.append(Violation("encode_window", text, setup.hardware_assumed or profile.index_window_hours is None
                                 or profile.avg_doc_tokens is None))
        elif hours > window and setup.kind == "gpu":
            tight.append(text + ": over the window on a rough GPU estimate (less than x2); measure a sample first")
        elif hours > window and setup.kind == "unified":
            tight.append(text + ": over the window by less than x2, estimated on the CPU cores alone; the GPU (MPS) is "
                         "usually faster: measure a sample first")
        elif hours > window:
            tight.append(text + f": over the window by less than x2 on an assumed {setup.cpu_cores} cores; tell me "
                         "your CPU cores, or measure a sample first")
        elif hours > window * TIGHT_SHARE:
            tight.append(text + ": close to the window, a rough estimate; measure on a sample first")
    elif profile.documents and card.open_weights:
        unknown.append("encode time unknown (size not published)")
    if run.stream_hours is not None:
        _stream_check(run.stream_hours, profile, setup, bad, tight)
    target = profile.latency_ms
    if target and run.latency_ms is not None:
        code = "gpu_latency" if setup.kind == "gpu" else "cpu_latency"
        text = f"~{run.latency_ms:,.0f} ms per query on {where} (estimated); your target is {target:g} ms"
        if run.latency_ms > ESTIMATE_TOLERANCE * target:
            bad.append(Violation(code, text, setup.hardware_assumed))
        elif run.latency_ms > target:
            tight.append(text + ": measure it on your machine")
    qps = profile.queries_per_second
    if qps and run.capacity_qps is not None:
        code = "gpu_throughput" if setup.kind == "gpu" else "cpu_throughput"
        text = f"~{run.capacity_qps:,.1f} queries/s on {where} (estimated); you need {qps:g}"
        if qps > ESTIMATE_TOLERANCE * run.capacity_qps:
            bad.append(Violation(code, text, setup.hardware_assumed))
        elif qps > run.capacity_qps:
            tight.append(text + ": tight; batch queries or add capacity")
    return bad, tight, unknown

DAY_HOURS = 24.0


def stream_cost(profile: Profile, setup: Setup, price: float) -> tuple[float, str] | None:
    """(USD a month, basis) for a hosted API embedding ``ingest_per_day`` new items a day (30 days), or None."""
    daily = stream_tokens(profile, setup)
    if daily is None:
        return None
    usd = daily * 30 / 1e6 * price
    return usd, (f"new items: {profile.ingest_per_day:,.0f}/day x 30 days x {daily / profile.ingest_per_day:,.0f} tokens "
                 f"= ${usd:,.2f}/month")


def _stream_check(hours: float, profile: Profile, setup: Setup, bad: list[Violation], tight: list[str]) -> None:
    """A stream must be embedded as it arrives: one day's new items need at most a day of compute (the same x2
    tolerance as the indexing window where the speed is a rough estimate or the cores are assumed)."""
    text = (f"~{human_duration(hours)} of compute to embed one day's {profile.ingest_per_day:,.0f} new items on "
            f"{setup.label}: a day has 24 h")
    cores_assumed = setup.cores_assumed
    rough = setup.kind in ("gpu", "unified") or cores_assumed
    if hours > DAY_HOURS * (ESTIMATE_TOLERANCE if rough else 1.0):
        bad.append(Violation("stream", text + ", so it cannot keep up", setup.hardware_assumed))
    elif hours > DAY_HOURS:
        tight.append(text + ": over a day on a rough estimate (less than x2); measure a sample first")
    elif hours > DAY_HOURS * TIGHT_SHARE:
        tight.append(text + ": close to keeping up only just; measure a sample first")


def api_latency(profile: Profile, table: HardwareTable) -> tuple[Violation | None, str | None]:
    """A query-time target below a hosted call's round trip rules a hosted API out; a target within the published
    range of timings is a caveat (knowledge/hardware.yaml ``api_round_trip_ms``). Returns (violation, caveat)."""
    target = profile.latency_ms
    row = table.assumption("api_round_trip_ms")
    floor, up_to = float(row.get("value", 50)), float(row.get("up_to", 250))
    if target is None or target >= up_to:
        return None, None
    if target < floor:
        return Violation("api_latency", f"{row.get('note', '')}: your target is {target:g} ms"), None
    return None, (f"hosted API: a network round trip comes on top of the model (published timings ~90-250 ms); "
                  f"measure it against your {target:g} ms target")


__all__ = ["ESTIMATE_TOLERANCE", "IMAGE_TOKENS", "INT8_BYTES", "INTERACTIVE_MS", "TIGHT_SHARE", "Run", "Violation",
           "api_latency", "corpus_tokens", "encodable", "estimate", "item_tokens", "judge_run", "query_latency_ms",
           "slow_for_interactive", "stream_cost", "stream_tokens", "text_like", "tokens_per_s", "weights_at"]
