"""The choice as a trade-off: one plain sentence per pick, its confidence, its size options, and for the
list why #1 beats #2 and what the cheaper or smaller pick gives up. Built from the ranking only."""

from __future__ import annotations

from typing import Any

from agents.decide.compose import Slate, cost_key
from agents.decide.ranking import Candidate, Ranking
from agents.decide.recommendation import ROLE_TITLES
from agents.profile import Profile
from agents.units import human_duration

THIN_EVIDENCE = 1.0       # total evidence weight below this: few or small benchmarks
LOW_ZERO_SHOT = 50        # trained on more than half of a benchmark's tasks


def money(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"${x:,.0f}" if x >= 100 else f"${x:,.2f}"


def confidence(c: Candidate, profile: Profile) -> tuple[str, list[str]]:
    """``high | medium | low`` with the reasons that lowered it (breadth, zero-shot, missing facts, maturity)."""
    if c.tier > 0:
        return "low", ["no comparable benchmark score for your use case"]
    issues: list[str] = []
    q = c.quality
    if q.weight < THIN_EVIDENCE:
        issues.append(f"evidence from few or small benchmarks (weight {q.weight:.2f})")
    low = [p for p in q.parts if p.evidence.zero_shot_pct is not None and p.evidence.zero_shot_pct < LOW_ZERO_SHOT]
    if low:
        issues.append(f"trained on most of {low[0].evidence.metric.benchmark}'s tasks (zero-shot "
                      f"{low[0].evidence.zero_shot_pct}%)")
    if q.undeclared:
        issues.append("training data not declared: overlap with the benchmarks unknown")
    f = c.feasibility
    if f is not None:
        issues += [f"unverified: {u}" for u in f.unknown]
        if f.tight:
            issues.append("a speed estimate is close to your limit")
        if f.needs_gpu:
            issues.append("needs a GPU: no hardware given")
    if profile.languages and not c.card.languages:
        issues.append("languages not published: verify yours")
    if profile.commercial_use and c.card.open_weights and c.card.commercial_use is None:
        issues.append("licence terms not classified for commercial use")
    if c.maturity.level == "unknown":
        issues.append("no adoption evidence")
    level = "high" if not issues else "medium" if len(issues) <= 2 else "low"
    return level, issues


def _evidence_phrase(c: Candidate, ranking: Ranking) -> str:
    """Where the evidence puts this model, in plain words (the scores and benchmark names stay in ``reasons``)."""
    if c.tier == 1 and c.evidence.covered == c.evidence.total:
        return "scored, but too few models to compare it with"
    if c.tier > 0:
        return "no comparable benchmark score yet"
    scored = [x for x in ranking.ordered if x.tier == 0]
    if c not in scored:
        return "scored on the benchmarks that match your use case"
    return (f"#{scored.index(c) + 1} of {len(scored)} model families that fit your needs on the benchmarks that "
            "match your use case")


def _feasibility_phrase(c: Candidate, profile: Profile) -> str:
    f = c.feasibility
    if f is None:
        return ""
    if c.kind == "api":
        cost = []
        if f.one_off_usd is not None:
            cost.append(f"~{money(f.one_off_usd)} once to index")
        if f.monthly_usd is not None:
            cost.append(f"~{money(f.monthly_usd)}/month")
        return "hosted API" + (": " + ", ".join(cost) if cost else " (cost depends on your volume)")
    r = f.run
    parts = [f"runs on {f.runs_on}"]
    if r.precision and r.memory_needed_gb is not None:
        parts[0] += f" at {r.precision} (~{r.memory_needed_gb:.1f} GB)"
    if r.encode_hours is not None:
        parts.append(f"indexes your corpus in ~{human_duration(r.encode_hours)}")
    if f.rental is not None and f.first_month_usd is not None:
        parts.append(f"~{money(f.first_month_usd)} in the first month")
    return ", ".join(parts)


def why_sentence(c: Candidate, roles: list[str], ranking: Ranking, profile: Profile) -> str:
    """One plain sentence: the role, the evidence, and how it runs (or what it costs) for this user."""
    role = ROLE_TITLES.get(roles[0], "") if roles else ""
    who = f"{role}: " if role else ""
    maturity = {"established": "established", "emerging": "emerging", "unknown": "newcomer"}[c.maturity.level] \
        if any(x.maturity.level != "unknown" for x in ranking.pool) else ""
    lead = f"{who}{maturity + ' model, ' if maturity else ''}{_evidence_phrase(c, ranking)}"
    tail = _feasibility_phrase(c, profile)
    return (lead + ("; " + tail if tail else "") + ".").replace("  ", " ")


def size_options(c: Candidate, ranking: Ranking) -> list[dict[str, Any]]:
    """Other feasible sizes of the pick's family: id, parameters, memory, encode time, score."""
    out = []
    for m in ranking.family_members(c):
        f = m.feasibility
        out.append({"model": m.card.id, "n_parameters": m.card.n_parameters,
                    "memory_needed_gb": round(f.run.memory_needed_gb, 2) if f and f.run.memory_needed_gb else None,
                    "precision": f.run.precision if f else None,
                    "encode_hours": round(f.run.encode_hours, 2) if f and f.run.encode_hours is not None else None,
                    "first_month_usd": f.first_month_usd if f else None,
                    "score": m.evidence.value, "quality": None if m.quality.score is None else round(m.quality.score, 3)})
    return out


def _size(c: Candidate) -> str:
    n = c.card.n_parameters
    return "API" if c.kind == "api" else (f"{n / 1e9:.1f}B" if n and n >= 1e9 else f"{n / 1e6:.0f}M" if n else "size unknown")


def comparison(slate: Slate, ranking: Ranking, profile: Profile) -> dict[str, Any]:
    """Why #1 over #2, and what the cheaper or smaller pick in the list gives up."""
    top = slate.top
    out: dict[str, Any] = {}
    if len(top) >= 2 and top[0].tier == 0 and top[1].tier == 0:
        a, b = top[0], top[1]
        diff = a.utility - b.utility
        bits = [f"{a.card.id} ranks above {b.card.id}"]
        dq = (a.quality.score or 0) - (b.quality.score or 0)
        bits.append(f"its combined evidence is {abs(dq):.2f} SD {'higher' if dq >= 0 else 'lower'}")
        if a.evidence.comparable and b.evidence.comparable:
            bits.append(f"{a.evidence.value:.1f} vs {b.evidence.value:.1f} on {a.evidence.metric.label}")
        extra = [w for w, amt in a.adjustments if amt > 0] + [f"{b.card.id}: {w}" for w, amt in b.adjustments if amt < 0]
        if extra:
            bits.append("adjusted for " + "; ".join(extra[:3]))
        out["first_over_second"] = ", ".join(bits[:1]) + ": " + "; ".join(bits[1:]) + \
            (f" (utility margin {diff:.2f})" if diff < 0.1 else "") + "."
    if len(top) >= 2:
        cheaper = min(top[1:], key=lambda c: (cost_key(c), c.card.n_parameters or 0, c.card.id))
        smaller = min(top[1:], key=lambda c: (c.card.n_parameters or float("inf"), c.card.id)) \
            if top[0].card.n_parameters else None
        if smaller is not None and (smaller.card.n_parameters or float("inf")) >= top[0].card.n_parameters:
            smaller = None   # "what the smaller pick gives up" needs a pick that is smaller
        alt = cheaper if cost_key(cheaper) < cost_key(top[0]) else smaller
        if alt is not None and alt is not top[0]:
            out["give_up"] = _give_up(top[0], alt)
    if slate.start_small is not None:
        s = slate.start_small
        out["start_small"] = (f"Start with {s.card.id} ({_size(s)}): try it on your own data (the trial) and move up to "
                              f"{top[0].card.id} only if the trial shows a gap that matters to you."
                              if top and s is not top[0] else
                              f"{s.card.id} is already small enough to start with: measure it on your own data (the trial).")
    return out


def _higher_on_headline(best: Candidate, alt: Candidate) -> str:
    """The alternative scores higher on the headline benchmark: say so, and why the pick still leads."""
    why = [f"{best.card.id} leads on the combined evidence"]
    if best.maturity.level != alt.maturity.level and best.maturity.level == "established":
        level = alt.maturity.level if alt.maturity.level != "unknown" else "a newcomer"
        why.append(f"is established where {alt.card.id} is {level}")
    return (f"{alt.card.id} scores {alt.evidence.value - best.evidence.value:.1f} points higher on "
            f"{best.evidence.metric.label}, but {' and '.join(why)}: measure both on your own data (the trial).")


def _give_up(best: Candidate, alt: Candidate) -> str:
    parts = []
    if best.evidence.comparable and alt.evidence.comparable and alt.evidence.value > best.evidence.value:
        return _higher_on_headline(best, alt)
    if best.evidence.comparable and alt.evidence.comparable:
        parts.append(f"{best.evidence.value - alt.evidence.value:.1f} points on {best.evidence.metric.label}")
    elif best.quality.score is not None and alt.quality.score is not None:
        parts.append(f"{best.quality.score - alt.quality.score:.2f} SD of combined evidence")
    gains = []
    cb, ca = cost_key(best), cost_key(alt)
    if ca < cb and cb != float("inf"):
        gains.append(f"{money(cb - ca)} less in the first month")
    wb = best.feasibility.run.memory_needed_gb if best.feasibility else None
    wa = alt.feasibility.run.memory_needed_gb if alt.feasibility else None
    if wb and wa and wb / wa >= 1.5:
        gains.append(f"{wb / wa:.0f}x less memory")
    hb = best.feasibility.run.encode_hours if best.feasibility else None
    ha = alt.feasibility.run.encode_hours if alt.feasibility else None
    if hb and ha and hb / ha >= 1.5:
        gains.append(f"{hb / ha:.0f}x faster indexing")
    lost = ("you give up " + " and ".join(parts)) if parts else "the evidence is not directly comparable"
    return f"With {alt.card.id} instead of {best.card.id}, {lost}" + (f", for {', '.join(gains)}" if gains else "") + "."
