"""Combined quality: every relevant benchmark result, normalised, weighted by relevance and reliability.

For each metric of the evidence plan, the comparable scores of the feasible models (one per model
family) form a population; a model's score becomes a robust z-score: (value - median) / (IQR / 1.349),
so a metric with a wide spread and one with a narrow spread count alike, softly bounded by +/-:data:`Z_CAP`.
Only comparable scores enter
(strict means, or the snapshot's all-but-Flores set): a partial mean is never compared as complete.

- **Zero-shot**: a model that trained on part of a benchmark's tasks cannot lead on it by what it learnt
  from them: its lead above the median (z > 0) is multiplied by its zero-shot share on that benchmark.
  Unknown training data is not discounted but lowers confidence.
- **Weights**: relevance (from the plan: the task's aggregate x2, a domain benchmark x1.5, the user's own
  language over the multilingual benchmark, ...) x reliability n / (n + :data:`RELIABILITY_K`), n = tasks
  in the aggregate — a 3-task benchmark weighs 0.23, a 41-task one 0.80.
- **Combination**: quality = sum(w x z) / (sum(w) + :data:`PRIOR_WEIGHT`): thin evidence is pulled towards
  the median, so a model does not win on one small benchmark.
- **Domain evidence missing**: on a domain benchmark of the plan (``Metric.median_if_missing``: code, medicine, law,
  finance ...), a model with no comparable result counts as the median there (z = 0 at the weight a result over the
  benchmark's tasks would have): unknown is not bad, but a general score alone does not outrank a model that shows
  it knows the domain.

Models with no comparable score on any metric of the plan have no quality (ranked after those that have).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from agents.decide.evidence import Evidence, Metric, evidence_for
from knowledge.schema import Card

RELIABILITY_K = 10          # tasks at which a benchmark counts half
PRIOR_WEIGHT = 1.0          # weight of "as good as the median" mixed into every model's quality
MIN_POPULATION = 5          # fewer comparable models on a metric: it cannot be normalised and is not used
IQR_TO_SD = 1.349           # IQR of a normal distribution in standard deviations
MIN_SCALE = 0.5             # points: floor of the spread, so a metric where everyone ties does not explode
Z_CAP = 3.0                 # z is squashed towards +/-3 (3 tanh(z/3)): one outlier result cannot decide alone


@dataclass(frozen=True)
class MetricStats:
    """The comparable population of one metric among the feasible models."""

    metric: Metric
    median: float
    scale: float
    n: int
    best: float
    tasks: int = 0                # tasks in a complete result (the largest total among the population)

    def z(self, value: float) -> float:
        """Robust z-score, softly bounded to +/-Z_CAP (monotone: the order of the models is kept)."""
        return Z_CAP * math.tanh((value - self.median) / self.scale / Z_CAP)


@dataclass
class Part:
    """One metric's contribution to a model's quality."""

    evidence: Evidence
    z: float
    z_used: float                 # after the zero-shot discount
    weight: float
    behind_best: float            # points behind the best feasible model on this metric

    def to_dict(self) -> dict:
        return {"metric": self.evidence.metric.label, "value": self.evidence.value, "z": round(self.z, 3),
                "z_used": round(self.z_used, 3), "weight": round(self.weight, 3),
                "behind_best": round(self.behind_best, 2), "zero_shot_pct": self.evidence.zero_shot_pct}


@dataclass
class Quality:
    """A model's combined quality and the evidence behind it."""

    score: float | None                       # None = no comparable evidence
    weight: float                             # total evidence weight (breadth)
    parts: list[Part] = field(default_factory=list)
    discounted: list[str] = field(default_factory=list)      # zero-shot discounts, in words
    undeclared: list[str] = field(default_factory=list)      # benchmarks whose training overlap is unknown

    @property
    def comparable(self) -> bool:
        return self.score is not None

    def to_dict(self) -> dict:
        return {"score": None if self.score is None else round(self.score, 3), "weight": round(self.weight, 3),
                "parts": [p.to_dict() for p in self.parts], "zero_shot_discounts": self.discounted}


def reliability(tasks: int) -> float:
    """How much a result over ``tasks`` tasks can be trusted: n / (n + k)."""
    return tasks / (tasks + RELIABILITY_K) if tasks > 0 else 0.0


def population_stats(metric: Metric, cards: list[Card], family_of) -> MetricStats | None:
    """Median and robust spread of the comparable scores on ``metric`` (one per family), or None if too few."""
    best_per_family: dict[str, float] = {}
    tasks = 0
    for card in cards:
        ev = evidence_for(card, metric)
        if ev.comparable:
            fam = family_of(card)
            best_per_family[fam] = max(ev.value, best_per_family.get(fam, float("-inf")))
            tasks = max(tasks, ev.total)
    values = sorted(best_per_family.values())
    if len(values) < MIN_POPULATION:
        return None
    q = statistics.quantiles(values, n=4, method="inclusive")
    scale = max((q[2] - q[0]) / IQR_TO_SD, MIN_SCALE)
    return MetricStats(metric, statistics.median(values), scale, len(values), values[-1], tasks)


def quality(card: Card, plan: list[Metric], stats: dict[Metric, MetricStats], detail: bool = True) -> Quality:
    """``card``'s combined quality over the plan's metrics that have a population (see the module docstring).

    ``detail=False``: the score and weight only (no parts or sentences), for re-rankings that only need the order.
    """
    if not detail:
        return _score_only(card, plan, stats)
    return _LazyQuality(card, plan, stats)


class _LazyQuality(Quality):
    """The score now; the parts and sentences (same math, :func:`_detailed`) only when something reads them —
    a ranking scores every feasible card but explains only the few it shows."""

    def __init__(self, card: Card, plan: list[Metric], stats: dict[Metric, MetricStats]) -> None:
        quick = _score_only(card, plan, stats)
        self.score, self.weight = quick.score, quick.weight
        self._source = (card, plan, stats)

    def __getattr__(self, name: str):
        if name in ("parts", "discounted", "undeclared"):
            full = _detailed(*self.__dict__["_source"])
            self.parts, self.discounted, self.undeclared = full.parts, full.discounted, full.undeclared
            return getattr(self, name)
        raise AttributeError(name)


def _comparable(card: Card, plan: list[Metric], stats: dict[Metric, MetricStats]):
    """Each comparable piece of evidence with its z-score, the z-score after the zero-shot discount and its weight."""
    for metric in plan:
        st = stats.get(metric)
        if st is None:
            continue
        ev = evidence_for(card, metric)
        if not ev.comparable:
            continue
        z = st.z(ev.value)
        used = z * ev.zero_shot_pct / 100 if z > 0 and ev.zero_shot_pct is not None and ev.zero_shot_pct < 100 else z
        yield metric, st, ev, z, used, metric.relevance * reliability(ev.total)


def _missing_weight(card: Card, plan: list[Metric], stats: dict[Metric, MetricStats]) -> float:
    """The weight of the plan's domain benchmarks on which ``card`` has no comparable result, counted at the median
    (see the module docstring). Only asked for a card with some comparable evidence (without any it has no quality)."""
    out = 0.0
    for metric in plan:
        st = stats.get(metric)
        if st is not None and metric.median_if_missing and not evidence_for(card, metric).comparable:
            out += metric.relevance * reliability(st.tasks)
    return out


def _detailed(card: Card, plan: list[Metric], stats: dict[Metric, MetricStats]) -> Quality:
    """:func:`quality` with its parts and sentences."""
    parts: list[Part] = []
    discounted: list[str] = []
    undeclared: list[str] = []
    seen: set[str] = set()
    for metric, st, ev, z, used, weight in _comparable(card, plan, stats):
        if used != z and metric.benchmark not in seen:
            seen.add(metric.benchmark)
            discounted.append(f"{metric.benchmark}: trained on {100 - ev.zero_shot_pct}% of its tasks, so its lead "
                              f"there counts {ev.zero_shot_pct}%")
        elif ev.zero_shot_pct is None and metric.benchmark not in undeclared:
            undeclared.append(metric.benchmark)
        parts.append(Part(ev, z, used, weight, st.best - ev.value))
    if not parts:
        return Quality(None, 0.0)
    total = sum(p.weight for p in parts)
    score = sum(p.weight * p.z_used for p in parts) / (total + _missing_weight(card, plan, stats) + PRIOR_WEIGHT)
    return Quality(score, total, parts, discounted, undeclared)


def _score_only(card: Card, plan: list[Metric], stats: dict[Metric, MetricStats]) -> Quality:
    """The same score as :func:`quality`, without building its explanation."""
    total = weighted = 0.0
    for _metric, _st, _ev, _z, used, weight in _comparable(card, plan, stats):
        total += weight
        weighted += weight * used
    if total == 0.0:
        return Quality(None, 0.0)
    return Quality(weighted / (total + _missing_weight(card, plan, stats) + PRIOR_WEIGHT), total)
