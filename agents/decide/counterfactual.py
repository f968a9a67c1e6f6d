"""What would change the answer: re-rank with one need changed and report the new top pick.

Deterministic and computed, never guessed: each scenario is a full re-rank (hard constraints,
feasibility, evidence, composition) of the same catalog with one field of the profile changed.
Scenarios (only those that apply, at most :data:`MAX_SCENARIOS`):

- no GPU named: "with a 24 GB GPU (e.g. an NVIDIA L4)";
- ``local_only``: "if hosted APIs were allowed";
- a strong model excluded by the budget: "with a budget of $X" (its first-month cost);
- a strong model excluded by the indexing window: "with an X h indexing window";
- a strong model excluded by its licence under commercial use: "for non-commercial use".

A scenario is reported only when it changes the top pick.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from agents.decide.compose import compose
from agents.decide.constraints import hard_constraints
from agents.decide.evidence import Metric, evidence_for
from agents.decide.feasibility import budgeted_first_month_usd
from agents.decide.ranking import Ranking, rank
from agents.profile import Profile
from knowledge.hardware import hardware_table
from knowledge.schema import Card

MAX_SCENARIOS = 3
GPU_EXAMPLE = "l4"
MAX_WINDOW_HOURS = 72.0      # a longer indexing window is not a realistic change to suggest


def _scenarios(profile: Profile, ranking: Ranking) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    setup = ranking.constraints.setup if ranking.constraints else None
    if profile.data_type not in ("audio",) and (setup is None or setup.kind != "gpu"):
        gpu = hardware_table().get(GPU_EXAMPLE)
        if gpu is not None:
            out.append((f"with a {max(gpu.memory_gb):g} GB GPU (e.g. an {gpu.name})",
                        {"device": gpu.id, "hardware": "gpu", "memory_gb": None}))
    if profile.privacy == "local_only":
        out.append(("if hosted APIs were allowed", {"privacy": "cloud_ok"}))
    for x in ranking.excluded:
        codes = {v.code for v in x.violations}
        if codes == {"budget"} and profile.budget_usd_month is not None:
            cost = _first_month(x.card, profile, ranking)
            if cost is not None and cost > profile.budget_usd_month:
                budget = float(math.ceil(cost))
                out.append((f"with a budget of ${budget:,.0f}/month", {"budget_usd_month": budget}))
                break
    if setup is not None and setup.window_hours < MAX_WINDOW_HOURS:
        for x in ranking.excluded:
            hours = _encode_hours(x.card, profile, ranking) if {v.code for v in x.violations} == {"encode_window"} else None
            if hours is not None and hours <= MAX_WINDOW_HOURS:
                window = float(math.ceil(hours / 12) * 12)     # rounded up to half-days
                out.append((f"with an indexing window of {window:g} h", {"index_window_hours": window}))
                break
    licence_only = any({v.code for v in x.violations} == {"commercial_use"} for x in ranking.excluded)
    if profile.commercial_use is not False and licence_only:
        out.append(("for non-commercial use", {"commercial_use": False}))
    return out


def _first_month(card: Card, profile: Profile, ranking: Ranking) -> float | None:
    # the budget that admits a model must hold what the budget check counts (with the planned re-index)
    return budgeted_first_month_usd(ranking.constraints.assess(card), profile) if ranking.constraints else None


def _encode_hours(card: Card, profile: Profile, ranking: Ranking) -> float | None:
    return ranking.constraints.assess(card).run.encode_hours if ranking.constraints else None


_EVIDENCED: dict[tuple[int, tuple[Metric, ...]], tuple[list[Card], list[Card], int]] = {}


def _evidenced(cards: list[Card], plan: list[Metric]) -> list[Card]:
    """The cards with a comparable result on some metric of ``plan`` (cached per catalog list and plan)."""
    key = (id(cards), tuple(plan))
    hit = _EVIDENCED.get(key)
    if hit is not None and hit[0] is cards and len(hit[0]) == hit[2]:
        return hit[1]
    out = [c for c in cards if any(evidence_for(c, m).comparable for m in plan)]
    if len(_EVIDENCED) > 256:
        _EVIDENCED.clear()
    _EVIDENCED[key] = (cards, out, len(cards))
    return out


def what_would_change(cards: list[Card], profile: Profile, plan_for: Callable[[Profile], list[Metric]],
                      ranking: Ranking, top_id: str | None, hits: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Up to :data:`MAX_SCENARIOS` changes of one need that change the top pick, each with the new pick."""
    out: list[dict[str, Any]] = []
    scenarios = _scenarios(profile, ranking)[:MAX_SCENARIOS]
    # No scenario changes the evidence plan (it depends on data, task, languages, domain, document length), and
    # the top pick always has comparable evidence when any model has: re-rank only the cards that have some.
    plan = ranking.plan
    evidenced = _evidenced(cards, plan) if scenarios else []
    for words, change in scenarios:
        changed = profile.merged(change)
        new_plan = plan_for(changed)
        pool = evidenced if new_plan == plan and evidenced else cards
        new = rank(pool, hard_constraints(changed), new_plan, hits, light=True)
        slate = compose(new, changed)
        if not slate.top:
            continue
        first = slate.top[0]
        if first.card.id == top_id:
            continue
        kind = "hosted API" if first.kind == "api" else "self-hosted"
        out.append({"change": change, "condition": words, "pick": first.card.id, "kind": kind,
                    "sentence": f"{words[0].upper()}{words[1:]}, {first.card.id} ({kind}) would be the top pick."})
    return out
