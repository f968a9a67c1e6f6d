"""An independent re-check of picks against hard constraints, read straight from the card facts.

Written from the rules in docs/advisor.md ("Hard constraints", "Feasibility"), deliberately without importing
``agents.decide.constraints``, ``agents.decide.ranking`` or ``agents.decide.evidence``: if the advisor and this checker
disagree, one of them is wrong and the eval shows it. The speed rules read the same calibration data
file (a measurement, not code).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import yaml

from knowledge.schema import Card

CALIBRATION = Path(__file__).resolve().parent.parent / "agents" / "decide" / "footprint_calibration.json"
HARDWARE = Path(__file__).resolve().parent.parent / "knowledge" / "hardware.yaml"
NEEDS = {"text": {"text"}, "code": {"text"}, "image": {"image"}, "audio": {"audio"}, "multimodal": {"text", "image"}}
OVERHEAD = 1.5
SPEED_MARGIN = 2.0
QUERY_TOKENS = 32
MONTH_S = 30 * 24 * 3600
WITHIN_POINTS = 2.0


def _calibration() -> dict[str, Any]:
    return json.loads(CALIBRATION.read_text(encoding="utf-8"))


def _default_cores() -> int:
    """The documented assumption when a CPU's cores are not given (the hardware table's data, not the advisor's code)."""
    data = yaml.safe_load(HARDWARE.read_text(encoding="utf-8"))
    return int(data["assumptions"]["cpu_cores"]["value"])


def is_deployable(card: Card) -> bool:
    """Cross-encoders and MTEB reference baselines are never valid picks."""
    return card.model_type != "cross-encoder" and not card.id.startswith(("baseline/", "mteb/baseline-"))


def hard_violations(card: Card, hard: dict[str, Any]) -> list[str]:
    """Every hard constraint in ``hard`` (profile fields) that ``card`` breaks."""
    bad: list[str] = []
    if not is_deployable(card):
        bad.append("not a deployable embedding model")
    need = NEEDS.get(hard.get("data_type") or "", set())
    if not need <= set(card.modalities):
        bad.append(f"modality: needs {sorted(need)}, card has {card.modalities}")
    if hard.get("privacy") == "local_only" and card.open_weights is not True:
        bad.append("privacy: API model under local_only")
    # Unknown is not no (issue 11): only a known fact excludes. Unclassified licence terms, or a card that
    # lists no languages (or marks its list incomplete), are caveats, not violations.
    if hard.get("commercial_use") is True and card.commercial_use is False:
        bad.append(f"licence {card.license} forbids commercial use")
    langs = set(hard.get("languages") or [])
    listed = set(card.languages)
    if listed and card.__dict__.get("languages_exhaustive") is not False and not langs <= listed:
        bad.append(f"languages missing: {sorted(langs - listed)}")
    life = card.__dict__.get("lifecycle")
    if life is not None and getattr(life, "status", None) == "retired":
        bad.append("retired by its provider")
    if card.open_weights:
        bad += _local(card, hard)
    elif hard.get("budget_usd_month") is not None and hard.get("queries_per_second") and card.pricing \
            and card.pricing.usd_per_1m_tokens is not None:
        cost = hard["queries_per_second"] * MONTH_S * QUERY_TOKENS / 1_000_000 * card.pricing.usd_per_1m_tokens
        if cost > hard["budget_usd_month"]:
            bad.append(f"budget: ~${cost:.0f}/month > ${hard['budget_usd_month']}")
    return bad


def _speed_parameters(card: Card) -> int:
    """docs/advisor.md: speed scales by the parameters that compute per token; a token table with more rows than
    BERT's 30,522 (of ``embed_dim`` each) is a lookup and counts as 30,522 rows. Memory counts every parameter."""
    n, table, dim = card.n_parameters or 0, card.n_embedding_parameters or 0, card.embed_dim or 0
    return n - table + 30_522 * dim if dim and table > 30_522 * dim else n


def _local(card: Card, hard: dict[str, Any]) -> list[str]:
    bad = []
    if hard.get("memory_gb") is not None:
        half = hard.get("hardware") == "gpu"
        stated = card.memory_gb.fp16 if half and card.memory_gb else card.memory_gb.fp32 if card.memory_gb else None
        weights = stated or (card.n_parameters * (2 if half else 4) / 1e9 if card.n_parameters else None)
        if not half and card.n_parameters and weights is not None and weights * OVERHEAD > hard["memory_gb"]:
            weights = card.n_parameters / 1e9          # off a GPU, int8 weights (1 byte per parameter) are allowed
        # an unpublished size cannot be checked: not a violation (unknown is not no)
        if weights is not None and weights * OVERHEAD > hard["memory_gb"]:
            bad.append(f"memory: {weights * OVERHEAD:.1f} GB > {hard['memory_gb']} GB")
    # docs/advisor.md: CPUs stated without cores, memory or a device are a guessed machine, and a guess never
    # excludes (the advisor keeps such a model flagged "needs more cores or a GPU"); speed is checked on stated CPUs
    sized = hard.get("cpu_cores") or hard.get("memory_gb") is not None or hard.get("device")
    if hard.get("hardware") == "cpu" and card.n_parameters and sized:
        cal = _calibration()
        ratio = _speed_parameters(card) / cal["n_parameters"]
        latency = cal["query"]["glue_ms"] + cal["query"]["forward_ms"] * ratio   # docs/advisor.md: glue + forward
        if hard.get("latency_ms") and latency > SPEED_MARGIN * hard["latency_ms"]:
            bad.append(f"CPU latency ~{latency:.0f} ms vs {hard['latency_ms']} ms")
        qps = hard.get("queries_per_second")
        cores = hard.get("cpu_cores") or _default_cores()     # throughput scales with cores (issue 11)
        capacity = cal["cpu_tokens_per_s"] / ratio * cores / cal["machine"]["cpus"]
        if qps and qps * QUERY_TOKENS > SPEED_MARGIN * capacity:
            bad.append(f"CPU throughput too low for {qps} queries/s")
    return bad


def comparable_value(card: Card, benchmark: str, aggregate: str) -> float | None:
    """A score comparable across models: strict mean, or (main aggregate only) the all-but-snapshot-gap mean."""
    result = card.benchmarks.get(benchmark)
    if result is None:
        return None
    if aggregate in ("main", result.aggregate):
        if result.mean is not None:
            return result.mean
        return result.partial_mean if result.complete_except_snapshot_gaps else None
    agg = result.task_types.get(aggregate)
    return agg.mean if agg is not None else None


def best_feasible(cards: list[Card], hard: dict[str, Any], benchmark: str, aggregate: str) -> tuple[str, float] | None:
    """The best comparable score among cards that meet ``hard`` (ties by id)."""
    scored = [(c.id, v) for c in cards if not hard_violations(c, hard)
              and (v := comparable_value(c, benchmark, aggregate)) is not None]
    if not scored:
        return None
    return min(scored, key=lambda iv: (-iv[1], iv[0]))


def hit_at_3(picks: list[Card], cards: list[Card], hard: dict[str, Any], benchmark: str, aggregate: str) -> bool | None:
    """True when a top-3 pick scores within :data:`WITHIN_POINTS` of the best feasible model (None = no feasible score)."""
    best = best_feasible(cards, hard, benchmark, aggregate)
    if best is None:
        return None
    values = [comparable_value(c, benchmark, aggregate) for c in picks[:3]]
    return any(v is not None and v >= best[1] - WITHIN_POINTS for v in values)


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
