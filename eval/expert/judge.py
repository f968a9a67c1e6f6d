"""The expert judge: would a seasoned engineer accept this top 3 for this user?

Independent of agents/: it reads the case's hand-written ``truth``, the model cards and the advisor's
final JSON (``recommendations[:3]`` and ``excluded``), and applies its own rules and constants
(eval/expert/devices.py, prices.py, families.py). Checks, per case:

- ``feasible``: every top-3 pick can run for this user (memory, time to embed the corpus, latency, API
  budget, data that must stay local, licence, modality, declared languages) - judged *generously*;
- ``three_families``: the top 3 are three model families (fewer only when the catalogue has fewer
  feasible families for the case);
- ``established_in_top3``: at least one pick comes from a provider with a track record and has been
  public for six months;
- ``api_when_invited``: when the user invites hosted APIs, one is in the top 3 (unless none is feasible);
- ``no_exclusion_for_missing_fact``: every "why not" rests on a known card fact that breaks a need -
  judged *strictly* (any plausible estimate that breaks the need makes the exclusion valid).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eval.expert import devices as dv
from eval.expert.families import card_established, family
from eval.expert.prices import usd_per_1m
from knowledge.schema import licence_family

CHECKS = ("feasible", "three_families", "established_in_top3", "api_when_invited", "no_exclusion_for_missing_fact")

# The broadest relevant leaderboard per kind of data (first one with an eligible model is used).
ENGLISH_TEXT = ("MTEB(eng, v2)", "MTEB(Multilingual, v2)")
OTHER_TEXT = ("MTEB(Multilingual, v2)",)
CODE = ("MTEB(Code, v1)", "CoIR")
IMAGE = ("MIEB(Img)", "MIEB(lite)")
MULTIMODAL_EN = ("MIEB(eng)", "MIEB(lite)")
MULTIMODAL_OTHER = ("MIEB(Multilingual)", "MIEB(lite)")
AUDIO_TEXT = ("MAEB(beta)", "MAEB(beta, audio-only)")
AUDIO_ONLY = ("MAEB(beta, audio-only)", "MAEB(beta)")


@dataclass(frozen=True)
class Need:
    """A case's ground truth, typed."""

    id: str
    data: str
    languages: tuple[str, ...]
    documents: int | None
    doc_tokens: float
    api_invited: bool
    local_only: bool
    commercial: bool | None
    device: str | None
    device_info: dv.Device | None
    gpu_count: int
    cpu_cores: int | None
    memory_gb: float | None
    budget_usd_month: float | None
    window_hours: float
    latency_ms: float | None
    cheapest: bool
    reference_benchmark: str | None = None

    @classmethod
    def from_truth(cls, case_id: str, truth: dict[str, Any]) -> Need:
        data = truth["data"]
        if data not in {"text", "code", "image", "audio", "multimodal"}:
            raise ValueError(f"{case_id}: unknown data type {data!r}")
        if data in {"image", "multimodal"}:
            tokens = float(dv.IMAGE_TOKENS)
        elif data == "audio":
            tokens = float(dv.AUDIO_TOKENS_PER_S * (truth.get("avg_seconds") or dv.AUDIO_DEFAULT_S))
        else:
            tokens = float(truth.get("avg_doc_tokens") or dv.DEFAULT_DOC_TOKENS)
        name = truth.get("device_name")
        info = dv.lookup(name)
        if name and info is None:
            raise ValueError(f"{case_id}: unknown device {name!r}")
        return cls(
            id=case_id, data=data, languages=tuple(truth.get("languages") or ()),
            documents=truth.get("documents"), doc_tokens=tokens,
            api_invited=bool(truth.get("api_invited")), local_only=bool(truth.get("local_only")),
            commercial=truth.get("commercial"), device=truth.get("device"), device_info=info,
            gpu_count=int(truth.get("gpu_count") or 1), cpu_cores=truth.get("cpu_cores"),
            memory_gb=truth.get("memory_gb"), budget_usd_month=truth.get("budget_usd_month"),
            window_hours=float(truth.get("window_hours") or 24), latency_ms=truth.get("latency_ms"),
            cheapest=bool(truth.get("cheapest")), reference_benchmark=truth.get("reference_benchmark"))

    @property
    def text_queries(self) -> bool:
        """Audio searched with words: a language for an audio corpus means the queries are text."""
        return self.data == "audio" and bool(self.languages)

    @property
    def kind(self) -> str | None:
        """cpu or gpu, from the truth or from the named device."""
        return self.device or (self.device_info.kind if self.device_info else None)


def params_of(card: Any) -> float | None:
    """Parameter count from the card (directly, or from its stated weight memory)."""
    if card.n_parameters:
        return float(card.n_parameters)
    if card.memory_gb and card.memory_gb.fp32:
        return card.memory_gb.fp32 * 1e9 / 4
    if card.memory_gb and card.memory_gb.fp16:
        return card.memory_gb.fp16 * 1e9 / 2
    return None


# How speed is judged. "compute" (since session 11): per-token work scales with the parameters that compute,
# not with the token table, which is a lookup (Kaplan et al. 2020, "Scaling Laws for Neural Language Models",
# arXiv:2001.08361, section 2.1: forward compute ~ 2N with N excluding embedding parameters). "total" is the
# judge of sessions 1-10 (speed by every parameter); ``--judge-speed total`` reproduces it.
SPEED_RULES = ("compute", "total")
speed_rule = "compute"


def speed_params_of(card: Any) -> float | None:
    """Parameters that do work per token: all of them minus the token table (when the card states it)."""
    params = params_of(card)
    table = getattr(card, "n_embedding_parameters", None)
    if params is None or speed_rule == "total" or not table or table >= params:
        return params
    return params - float(table)


def tokens_per_s(params: float, need: Need, strict: bool = False, one_unit: bool = False) -> float | None:
    """Encoding throughput on the user's hardware (generous; ``strict`` = 8x slower), None if unknown."""
    kind = need.kind
    if kind == "gpu":
        info = need.device_info if need.device_info and need.device_info.kind == "gpu" else dv.DEVICES["h100"]
        rate = info.peak_fp16_tflops * 1e12 * dv.GPU_UTILISATION / (2 * params)
        rate *= 1 if one_unit else need.gpu_count
    elif kind == "cpu":
        info = need.device_info if need.device_info and need.device_info.kind == "cpu" else dv.DEVICES["server"]
        cores = need.cpu_cores or info.cores or 16
        per_core = dv.REF_CPU_TOKENS_PER_S / dv.REF_CPU_CORES * info.core_factor * dv.CPU_OPTIMISM
        rate = per_core * cores * dv.REF_PARAMS / params
    else:
        return None
    return rate / dv.STRICT_SLOWDOWN if strict else rate


def _required_modalities(need: Need) -> list[set[str]]:
    """Each set lists alternatives; the card needs one modality from every set."""
    if need.data in {"text", "code"}:
        return [{"text", "code"}]
    if need.data == "image":
        return [{"image"}]
    if need.data == "multimodal":
        return [{"text"}, {"image"}]
    return [{"audio"}, {"text"}] if need.text_queries else [{"audio"}]


def _languages_apply(need: Need) -> bool:
    return bool(need.languages) and (need.data in {"text", "code", "multimodal"} or need.text_queries)


def problems(card: Any, need: Need, strict: bool = False) -> list[str]:
    """Why ``card`` cannot serve ``need``, each with the number that failed; [] = feasible.

    Generous by default (a pick fails only at a glance); ``strict`` counts any plausible violation, which
    is what an exclusion needs to be valid.
    """
    out: list[str] = []
    if card.model_type == "cross-encoder" or card.id.lower().startswith(("baseline/", "mteb/baseline")):
        out.append("not a deployable embedding model (cross-encoder or benchmark baseline)")
    api = not card.open_weights
    if need.local_only and api:
        out.append("hosted API: the data would leave the user's machines")
    if need.commercial and (card.commercial_use is False or licence_family(card.license) == "non-commercial"):
        out.append(f"licence {card.license!r} does not allow commercial use")
    mods = set(card.modalities)
    missing_mods = [sorted(alt) for alt in _required_modalities(need) if not (alt & mods)]
    if missing_mods:
        out.append(f"modality: card has {sorted(mods)}, needs {' and '.join('/'.join(m) for m in missing_mods)}")
    if _languages_apply(need) and card.languages and (strict or not card.multilingual):
        missing = [lang for lang in need.languages if lang not in card.languages]
        if missing:
            out.append(f"languages: card declares {sorted(card.languages)[:8]}, lacks {missing}")
    out += _hardware_problems(card, need, strict) if not api else _api_problems(card, need, strict)
    return out


def _hardware_problems(card: Any, need: Need, strict: bool) -> list[str]:
    params = params_of(card)
    if params is None:
        return []
    out: list[str] = []
    kind = need.kind
    if need.memory_gb:
        apple = need.device_info is not None and need.device_info.key == "apple-m"
        if kind == "gpu" and not (strict and apple):   # on Apple silicon fp32 is a plausible default
            bytes_pp, limit = dv.BYTES_GPU, need.memory_gb * (1 if strict else need.gpu_count)
        else:
            bytes_pp, limit = (dv.STRICT_BYTES_CPU if strict else dv.BYTES_CPU), need.memory_gb
        work = dv.STRICT_WORK_FACTOR if strict else dv.WORK_FACTOR
        needed = params * bytes_pp * work / 1e9
        if needed > limit:
            out.append(f"memory: {params / 1e9:.2f}B params x {bytes_pp:g} B x {work:g} = {needed:.1f} GB "
                       f"> {limit:g} GB")
    if kind is None and need.budget_usd_month is not None:
        out += _rent_problems(params, need, strict)
    # strict (is an exclusion plausible?) keeps every parameter: the slowest plausible estimate
    speed = params if strict else (speed_params_of(card) or params)
    rate = tokens_per_s(speed, need, strict)
    if rate and need.documents:
        total = need.documents * need.doc_tokens
        hours = total / rate / 3600
        if hours > need.window_hours:
            out.append(f"time: {total:.3g} tokens at <= {rate:,.0f} tokens/s = {hours:,.1f} h "
                       f"> {need.window_hours:g} h window")
    if need.latency_ms:
        single = tokens_per_s(speed, need, strict, one_unit=True)
        if single:
            q = dv.STRICT_QUERY_TOKENS if strict else dv.QUERY_TOKENS
            ms = q / single * 1000
            if ms > need.latency_ms:
                out.append(f"latency: >= {ms:,.0f} ms for a {q}-token query > {need.latency_ms:g} ms")
    return out


def _rent_problems(params: float, need: Need, strict: bool) -> list[str]:
    """No hardware of their own but a budget: a model too big for a CPU VM means renting GPUs 24/7."""
    cpu_gb = params * (dv.STRICT_BYTES_CPU if strict else dv.BYTES_CPU) * dv.WORK_FACTOR / 1e9
    if cpu_gb <= dv.CPU_SERVABLE_GB:
        return []
    gpus = math.ceil(params * dv.BYTES_GPU * dv.WORK_FACTOR / 1e9 / dv.RENT_GPU_MEMORY_GB)
    hourly = dv.STRICT_RENT_GPU_USD_PER_HOUR if strict else dv.RENT_GPU_USD_PER_HOUR
    cost = gpus * hourly * dv.HOURS_PER_MONTH
    if cost <= need.budget_usd_month:
        return []
    return [f"budget: {params / 1e9:.1f}B params need {gpus} rented GPU(s) 24/7 at >= ${hourly:g}/h = "
            f"${cost:,.0f}/month > ${need.budget_usd_month:g}"]


def _api_problems(card: Any, need: Need, strict: bool) -> list[str]:
    out: list[str] = []
    floor = dv.API_LATENCY_FLOOR_MS * (2 if strict else 1)
    if need.latency_ms and need.latency_ms < floor:
        out.append(f"latency: a hosted call takes >= {floor:g} ms > {need.latency_ms:g} ms")
    price = usd_per_1m(card)
    if price is not None and need.budget_usd_month is not None and need.documents:
        tokens = 2 * need.documents * need.doc_tokens   # initial index + one re-index in the month
        cost = tokens * price / 1e6
        if cost > need.budget_usd_month:
            out.append(f"budget: 2 x {need.documents * need.doc_tokens:.3g} tokens x ${price:g}/1M = "
                       f"${cost:,.0f}/month > ${need.budget_usd_month:g}")
    return out


# --- catalogue-level facts ---------------------------------------------------------------------------

def _base_cards(cards: Iterable[Any]) -> list[Any]:
    return [c for c in cards if not c.variant_of]


def feasible_cards(cards: Iterable[Any], need: Need) -> list[Any]:
    """Non-variant cards with no generous-judge problem for ``need``."""
    return [c for c in _base_cards(cards) if not problems(c, need)]


def covers_languages(card: Any, need: Need) -> bool:
    """The card positively serves the user's languages (for the reference model, unknown is not enough)."""
    if not _languages_apply(need):
        return True
    langs = set(need.languages)
    if card.languages:
        return langs <= set(card.languages) or card.multilingual
    return card.multilingual or langs == {"en"}


def comparable_score(card: Any, benchmark: str) -> float | None:
    """Strict mean, or the snapshot-gap mean comparable across models (MTEB Multilingual / Europe)."""
    r = card.benchmarks.get(benchmark)
    if r is None:
        return None
    if r.mean is not None:
        return r.mean
    return r.partial_mean if r.complete_except_snapshot_gaps else None


def benchmark_chain(need: Need) -> tuple[str, ...]:
    """The broadest relevant leaderboards for the case, in order."""
    english = set(need.languages) <= {"en"}
    chain = {"text": ENGLISH_TEXT if english else OTHER_TEXT, "code": CODE, "image": IMAGE,
             "multimodal": MULTIMODAL_EN if english else MULTIMODAL_OTHER,
             "audio": AUDIO_TEXT if need.text_queries else AUDIO_ONLY}[need.data]
    return ((need.reference_benchmark,) if need.reference_benchmark else ()) + chain


def reference(cards: Iterable[Any], need: Need) -> dict[str, Any] | None:
    """The best established, feasible model on the broadest relevant benchmark (what a person filtering
    the leaderboard by hand would pick), or None when no such model has a comparable score."""
    sized = need.kind is not None or need.memory_gb is not None
    pool = [c for c in feasible_cards(cards, need)
            if card_established(c) and covers_languages(c, need)
            and (not sized or not c.open_weights or params_of(c) is not None)]
    for bench in benchmark_chain(need):
        scored = [(s, c.id) for c in pool if (s := comparable_score(c, bench)) is not None]
        if scored:
            score, model = min(scored, key=lambda t: (-t[0], t[1]))   # best score, ties by id
            return {"model": model, "family": family(model), "benchmark": bench, "score": score}
    return None


def assumed_need(need: Need) -> Need:
    """The cautious reading of what the user left unsaid: privacy not mentioned -> data stays local;
    licence not mentioned -> commercial use. An exclusion that only these defaults explain is an
    assumption (the advisor must state it), not an exclusion for a missing card fact."""
    return replace(need, local_only=need.local_only or not need.api_invited,
                   commercial=True if need.commercial is None else need.commercial)


# --- one case ----------------------------------------------------------------------------------------

def judge(need: Need, rec: dict[str, Any] | None, catalog: Any) -> dict[str, Any]:
    """All checks for one case, with the evidence behind every failure."""
    cards = list(catalog)
    by_id = {c.id: c for c in cards}
    feasible = feasible_cards(cards, need)
    ref = reference(cards, need)
    out: dict[str, Any] = {"id": need.id, "picks": [], "families": [], "checks": {}, "failures": {},
                           "infeasible": [], "invalid_exclusions": [], "assumed_need_exclusions": [],
                           "reference": ref}
    recs = (rec or {}).get("recommendations") or []
    if not recs:
        # "Nothing fits" is right only when the judge, too, finds nothing feasible in the catalogue.
        ok = not feasible
        why = ("the advisor recommended nothing" if rec else "no recommendation after the last turn (and a nudge)")
        out["checks"] = {name: ok for name in CHECKS}
        if not ok:
            out["failures"] = {name: f"{why}; {len(feasible)} feasible models exist" for name in CHECKS}
        out["reference_in_top3"] = False if ref else None
        out["passed"] = ok
        return out
    picks = [r["model"] for r in recs[:3]]
    out["picks"] = picks
    out["families"] = [family(m) for m in picks]
    known = [by_id[m] for m in picks if m in by_id]

    for m in picks:
        card = by_id.get(m)
        why = problems(card, need) if card else ["not in the knowledge base"]
        if why:
            out["infeasible"].append({"model": m, "problems": why})
    _set(out, "feasible", not out["infeasible"],
         "; ".join(f"{p['model']}: {p['problems'][0]}" for p in out["infeasible"]))

    available = len({family(c.id) for c in feasible})
    wanted = min(3, available)
    distinct = len(set(out["families"]))
    _set(out, "three_families", distinct >= wanted,
         f"{distinct} famil{'y' if distinct == 1 else 'ies'} in the top 3 ({', '.join(out['families'])}); "
         f"{available} feasible families exist")

    any_established = any(card_established(c) for c in feasible)
    _set(out, "established_in_top3", any(card_established(c) for c in known) or not any_established,
         "no pick from an established provider, though feasible established models exist")

    if need.api_invited:
        apis = [c for c in feasible if not c.open_weights]
        has_api = any(not c.open_weights for c in known)
        _set(out, "api_when_invited", has_api or not apis,
             f"hosted APIs invited, none in the top 3; feasible APIs include "
             f"{', '.join(c.id for c in apis[:3])}")
    else:
        out["checks"]["api_when_invited"] = True

    cautious = assumed_need(need)
    for ex in (rec or {}).get("excluded") or []:
        card = by_id.get(ex.get("model"))
        if card is None or problems(card, need, strict=True):
            continue
        entry = {"model": card.id, "reasons": ex.get("reasons") or []}
        if problems(card, cautious, strict=True):
            out["assumed_need_exclusions"].append(entry)   # rests on a stated default, not a missing fact
        else:
            out["invalid_exclusions"].append(entry)
    _set(out, "no_exclusion_for_missing_fact", not out["invalid_exclusions"],
         "; ".join(f"{e['model']}: {' / '.join(e['reasons'])[:160]}" for e in out["invalid_exclusions"]))

    out["reference_in_top3"] = (ref["family"] in out["families"]) if ref else None
    out["passed"] = all(out["checks"][name] for name in CHECKS)
    return out


def _set(out: dict[str, Any], name: str, ok: bool, detail: str) -> None:
    out["checks"][name] = bool(ok)
    if not ok:
        out["failures"][name] = detail
