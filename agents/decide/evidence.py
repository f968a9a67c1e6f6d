"""Which benchmark evidence fits a profile, and each card's score on it with its coverage.

:func:`evidence_plan` turns a profile into an ordered chain of :class:`Metric` (benchmark + aggregate);
the ranking uses the first one on which enough feasible models have a *comparable* score.
A score is comparable only over the same task set: the strict mean (every task covered), or, where
our snapshot lacks a task for every model (Flores in MTEB(Multilingual, v2)/MTEB(Europe, v1)), the
partial mean of models flagged ``complete_except_snapshot_gaps`` — never a partial mean over some
other subset of tasks. Per-task-type aggregates are strict only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from agents.profile import Profile
from knowledge.languages import language_name
from knowledge.schema import Aggregate, BenchmarkResult, Card

MAIN = "main"  # the benchmark's own ranking aggregate (Mean(Task), or Mean(TaskType) for MIEB)

# task -> task type, per benchmark family
TEXT_TYPE = {"search": "Retrieval", "rag": "Retrieval", "recommendation": "Retrieval",
             "classification": "Classification", "clustering": "Clustering", "similarity": "STS",
             "deduplication": "PairClassification"}
IMAGE_TYPE = {"search": "Any2AnyRetrieval", "rag": "Any2AnyRetrieval", "recommendation": "Any2AnyRetrieval",
              "classification": "ImageClassification", "clustering": "ImageClustering",
              "similarity": "VisualSTS(eng)", "deduplication": "VisualSTS(eng)"}
AUDIO_TYPE = {"search": "Any2AnyRetrieval", "rag": "Any2AnyRetrieval", "recommendation": "Any2AnyRetrieval",
              "classification": "AudioClassification", "clustering": "AudioClustering",
              "similarity": "AudioPairClassification", "deduplication": "AudioPairClassification"}

# One non-English language -> its own benchmark.
LANGUAGE_BENCHMARK = {
    "de": "MTEB(deu, v1)", "fr": "MTEB(fra, v1)", "es": "MTEB(spa, v1)", "pl": "MTEB(pol, v1)",
    "pt": "MTEB(por, v1)", "ru": "MTEB(rus, v1.1)", "nl": "MTEB(nld, v1)", "fa": "MTEB(fas, v2)",
    "vi": "VN-MTEB (vie, v1)", "th": "MTEB(tha, v1)", "zh": "MTEB(cmn, v1)", "ja": "JMTEB(v2)",
    "ko": "MTEB(kor, v2)", "da": "MTEB(Scandinavian, v1)", "sv": "MTEB(Scandinavian, v1)",
    "no": "MTEB(Scandinavian, v1)", "nb": "MTEB(Scandinavian, v1)", "nn": "MTEB(Scandinavian, v1)",
    **{c: "MTEB(Indic, v1)" for c in ("hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa", "or", "as", "ur", "ne", "sa")},
}
# Several languages, all European -> MTEB(Europe, v1) first (EU official languages + Norwegian/Icelandic).
EUROPEAN = frozenset("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv no nb nn is".split())
DOMAIN_BENCHMARKS: dict[str, tuple[str, ...]] = {
    "medical": ("MTEB(Medical, v1)", "RTEB(Health, beta)"),
    "legal": ("MTEB(Law, v1)", "RTEB(Law, beta)"),
    "finance": ("RTEB(fin, beta)",),
    "code": ("MTEB(Code, v1)", "CoIR"),
    "scientific": ("ChemTEB(v1.1)",),
}
RETRIEVAL_TASKS = frozenset({None, "search", "rag", "recommendation"})
LONG_DOC_TOKENS = 2_048  # longer documents: LongEmbed (long-context retrieval) is cited as extra evidence


@dataclass(frozen=True)
class Metric:
    """A benchmark and one of its aggregates (:data:`MAIN` or a task type), with why it was chosen."""

    benchmark: str
    aggregate: str = MAIN
    why: str = field(default="", compare=False)
    relevance: float = field(default=1.0, compare=False)   # weight in the combined quality (see agents/decide/quality.py)
    # a model with no comparable result here counts as the population's median (a domain benchmark: a general score
    # alone does not show that a model knows code or medicine; see agents/decide/quality.py)
    median_if_missing: bool = field(default=False, compare=False)

    @property
    def label(self) -> str:
        return self.benchmark if self.aggregate == MAIN else f"{self.benchmark} {self.aggregate}"

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "aggregate": self.aggregate, "label": self.label, "why": self.why,
                "relevance": self.relevance}


@dataclass(frozen=True)
class Evidence:
    """One card's result on one metric. ``value`` is set only when it is comparable (see module doc)."""

    metric: Metric
    value: float | None
    partial: float | None
    covered: int
    total: int
    basis: str                      # strict | except_snapshot_gaps | partial | none
    zero_shot_pct: int | None = None
    missing: tuple[str, ...] = field(default=())

    @property
    def comparable(self) -> bool:
        return self.value is not None

    def text(self) -> str:
        """E.g. '61.83 on MTEB(eng, v2) Retrieval, 10/10 tasks'."""
        m = self.metric.label
        if self.basis == "strict":
            return f"{self.value:.2f} on {m}, {self.covered}/{self.total} tasks"
        if self.basis == "except_snapshot_gaps":
            gap = ", ".join(self.missing) or "tasks missing for every model"
            return (f"{self.value:.2f} on {m}, {self.covered}/{self.total} tasks (all except {gap}, absent for every "
                    f"model in our data snapshot; compared only with models on the same task set)")
        if self.basis == "partial" and self.partial is not None:
            return (f"partial {self.partial:.2f} on {m} over only {self.covered}/{self.total} tasks "
                    f"(not comparable with complete results)")
        return f"no result on {m}" if self.basis == "none" else f"{self.covered}/{self.total} tasks of {m} covered"

    def to_dict(self) -> dict:
        return {"benchmark": self.metric.benchmark, "aggregate": self.metric.aggregate, "value": self.value,
                "partial_mean": self.partial, "covered": self.covered, "total": self.total, "basis": self.basis,
                "zero_shot_pct": self.zero_shot_pct, "text": self.text()}


def _aggregate(result: BenchmarkResult, aggregate: str) -> Aggregate | None:
    if aggregate == MAIN or aggregate == result.aggregate:
        return result
    return result.task_types.get(aggregate)


_CACHE: dict[tuple[int, str, str], tuple[Card, Evidence]] = {}
_CACHE_LIMIT = 200_000


def evidence_for(card: Card, metric: Metric) -> Evidence:
    """``card``'s result on ``metric``, with the comparable value when there is one.

    Cached per card object and metric (cards are immutable; a ranking and its counterfactuals ask the same
    questions many times): the card is kept with its result, so a recycled object id never hits.
    """
    key = (id(card), metric.benchmark, metric.aggregate)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is card:
        return hit[1]
    ev = _evidence(card, metric)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = (card, ev)
    return ev


def _evidence(card: Card, metric: Metric) -> Evidence:
    result = card.benchmarks.get(metric.benchmark)
    agg = _aggregate(result, metric.aggregate) if result else None
    if agg is None:
        return Evidence(metric, None, None, 0, 0, "none")
    zero_shot = result.zero_shot_pct
    if agg.mean is not None:
        return Evidence(metric, agg.mean, agg.partial_mean, agg.covered, agg.total, "strict", zero_shot)
    main = agg is result
    if main and result.complete_except_snapshot_gaps and result.partial_mean is not None:
        return Evidence(metric, result.partial_mean, result.partial_mean, agg.covered, agg.total,
                        "except_snapshot_gaps", zero_shot, tuple(result.missing_tasks))
    missing = tuple(result.missing_tasks) if main else ()
    return Evidence(metric, None, agg.partial_mean, agg.covered, agg.total, "partial", zero_shot, missing)


# Relevance of a metric to the user's need (docs/advisor.md, "Evidence"): the aggregate of the task type
# they have counts twice the benchmark's overall mean; a domain benchmark counts more than a language one,
# a benchmark for their own language more than the multilingual one.
TASK_TYPE_WEIGHT = 2.0
DOMAIN_WEIGHT = 1.5
OWN_LANGUAGE_WEIGHT = 1.0
MULTILINGUAL_WEIGHT = 0.75       # the broad multilingual benchmark when a narrower language benchmark exists
LONG_DOC_WEIGHT = 1.0
PER_LANGUAGE_WEIGHT = 0.5        # one of several languages: its own benchmark covers part of the need
SECONDARY_WEIGHT = 0.5           # a fallback benchmark with more models but less relevance (MIEB lite, audio-only MAEB)


def _with_type(bench: str, task_type: str | None, why: str, types_of: dict[str, set[str]],
               weight: float = 1.0) -> list[Metric]:
    """The task-type aggregate (when the benchmark has that type) then the benchmark's main aggregate."""
    out = []
    if task_type and task_type in types_of.get(bench, set()):
        out.append(Metric(bench, task_type, f"{why}; {task_type} tasks match your task", weight * TASK_TYPE_WEIGHT))
    out.append(Metric(bench, MAIN, why, weight))
    return out


def evidence_plan(profile: Profile, types_of: dict[str, set[str]]) -> list[Metric]:
    """Ordered metrics for ``profile``; ``types_of`` maps benchmark -> task types present in the catalog."""
    data = profile.data_type or "text"
    task = profile.task
    langs = [c for c in (profile.languages or [])]
    non_en = [c for c in langs if c != "en"]
    if data in ("image", "multimodal"):
        bench = "MIEB(eng)" if not non_en else "MIEB(Multilingual)"
        ttype = IMAGE_TYPE.get(task or "")
        if ttype == "VisualSTS(eng)" and non_en:
            ttype = "VisualSTS(multi)"
        return (_with_type(bench, ttype, "image benchmark (MIEB)", types_of)
                + [Metric("MIEB(lite)", MAIN, "image benchmark (MIEB lite), more models covered", SECONDARY_WEIGHT)])
    if data == "audio":
        ttype = AUDIO_TYPE.get(task or "")
        return (_with_type("MAEB(beta)", ttype, "audio benchmark (MAEB)", types_of)
                + _with_type("MAEB(beta, audio-only)", ttype, "audio-only MAEB, more models covered", types_of,
                             SECONDARY_WEIGHT))
    ttype = TEXT_TYPE.get(task or "")
    plan: list[Metric] = []
    domain = "code" if data == "code" else profile.domain
    for bench in DOMAIN_BENCHMARKS.get(domain or "", ()):
        if task in RETRIEVAL_TASKS or (ttype and ttype in types_of.get(bench, set())):
            plan += [replace(m, median_if_missing=True)
                     for m in _with_type(bench, ttype, f"{domain} domain benchmark", types_of, DOMAIN_WEIGHT)]
    plan += _language_metrics(langs, non_en, ttype, types_of)
    if profile.avg_doc_tokens and profile.avg_doc_tokens > LONG_DOC_TOKENS:
        plan.append(Metric("LongEmbed", MAIN, f"long documents (~{profile.avg_doc_tokens:,} tokens)", LONG_DOC_WEIGHT))
    return plan


def _language_metrics(langs: list[str], non_en: list[str], ttype: str | None,
                      types_of: dict[str, set[str]]) -> list[Metric]:
    multi = "MTEB(Multilingual, v2)"
    if not langs or langs == ["en"]:
        why = "English benchmark" + ("" if langs else " (no language given: English assumed)")
        return _with_type("MTEB(eng, v2)", ttype, why, types_of)
    if len(langs) == 1 and langs[0] not in LANGUAGE_BENCHMARK and langs[0] in EUROPEAN:
        # a European language without a benchmark of its own: the European benchmark covers it
        return (_with_type("MTEB(Europe, v1)", ttype, f"European benchmark (includes {language_name(langs[0])})",
                           types_of, OWN_LANGUAGE_WEIGHT)
                + _with_type(multi, ttype, "multilingual benchmark", types_of, MULTILINGUAL_WEIGHT))
    if len(langs) == 1 and langs[0] in LANGUAGE_BENCHMARK:
        bench = LANGUAGE_BENCHMARK[langs[0]]
        return (_with_type(bench, ttype, f"{language_name(langs[0])} benchmark", types_of, OWN_LANGUAGE_WEIGHT)
                + _with_type(multi, ttype, "multilingual benchmark", types_of, MULTILINGUAL_WEIGHT))
    names = ", ".join(language_name(c) for c in langs)
    if len(langs) > 1 and all(c in EUROPEAN for c in langs):
        plan = (_with_type("MTEB(Europe, v1)", ttype, f"European languages ({names})", types_of, OWN_LANGUAGE_WEIGHT)
                + _with_type(multi, ttype, "multilingual benchmark", types_of, MULTILINGUAL_WEIGHT))
    else:
        plan = _with_type(multi, ttype, f"multilingual benchmark ({names})", types_of)
    return plan + _each_language(langs, ttype, types_of)


def _each_language(langs: list[str], ttype: str | None, types_of: dict[str, set[str]]) -> list[Metric]:
    """Several languages: each one's own benchmark is partial evidence too (half weight)."""
    out: list[Metric] = []
    for code in langs:
        bench = "MTEB(eng, v2)" if code == "en" else LANGUAGE_BENCHMARK.get(code)
        if bench and all(m.benchmark != bench for m in out):
            out += _with_type(bench, ttype, f"{language_name(code)} benchmark (one of your languages)", types_of,
                              PER_LANGUAGE_WEIGHT)
    return out


def catalog_task_types(cards) -> dict[str, set[str]]:
    """Benchmark -> task types that appear in at least one card (to skip types a benchmark lacks)."""
    out: dict[str, set[str]] = {}
    for card in cards:
        for bench, result in card.benchmarks.items():
            out.setdefault(bench, set()).update(result.task_types)
    return out
