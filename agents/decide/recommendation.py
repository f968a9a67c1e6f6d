"""The advisor's answer as plain dataclasses, with the JSON contract (``to_dict``) and Markdown.

``Recommendation.to_dict()`` = the issue's shape ``{"profile", "recommendations": [{"model", "rank",
"score", "reasons", "caveats", "footprint"}], "excluded": [{"model", "reasons"}], "questions"}`` plus
``tradeoffs``, ``specialists``, ``evidence``, ``fine_tuning``, ``assumptions``, ``steps``, ``notes``,
``trial`` and ``knowledge_base``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.profile import Profile

TRADEOFF_TITLES = {"best_quality": "Best quality", "best_value": "Best value",
                   "smallest_good_enough": "Smallest that is good enough"}


@dataclass
class Pick:
    """One recommended (or specialist) model with its justification."""

    model: str
    rank: int | None
    score: float | None
    reasons: list[str]
    caveats: list[str]
    footprint: dict[str, Any]
    evidence: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)
    fine_tuning: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "rank": self.rank, "score": self.score, "reasons": self.reasons,
                "caveats": self.caveats, "footprint": self.footprint, "evidence": self.evidence,
                "facts": self.facts, "fine_tuning": self.fine_tuning, "labels": self.labels}


@dataclass
class Recommendation:
    """Everything the advisor says about one profile."""

    profile: Profile
    recommendations: list[Pick]
    excluded: list[dict[str, Any]]
    questions: list[dict[str, Any]]
    tradeoffs: list[dict[str, Any]] = field(default_factory=list)
    specialists: list[Pick] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    fine_tuning: dict[str, Any] | None = None
    assumptions: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trial: dict[str, Any] | None = None
    knowledge_base: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile.model_dump(mode="json"),
            "recommendations": [p.to_dict() for p in self.recommendations],
            "excluded": self.excluded,
            "questions": self.questions,
            "tradeoffs": self.tradeoffs,
            "specialists": [p.to_dict() for p in self.specialists],
            "evidence": self.evidence,
            "fine_tuning": self.fine_tuning,
            "assumptions": self.assumptions,
            "steps": self.steps,
            "notes": self.notes,
            "trial": self.trial,
            "knowledge_base": self.knowledge_base,
        }

    def to_markdown(self) -> str:
        return render_markdown(self)

    def headline(self) -> str:
        """One line for a chat reply: the top pick and why, or what is missing."""
        if not self.recommendations:
            if not self.evidence:  # nothing was ranked: the profile was empty
                return "No recommendation yet."
            return "No model in the knowledge base meets all your hard constraints."
        top = self.recommendations[0]
        return f"**{top.model}** — {top.reasons[0]}" if top.reasons else f"**{top.model}**"


def _profile_line(profile: Profile) -> str:
    known = profile.known()
    if not known:
        return "_nothing known yet_"
    return "; ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in known.items())


def _pick_md(p: Pick, heading: str) -> list[str]:
    lines = [f"### {heading}", ""]
    if p.labels:
        lines += ["_" + ", ".join(TRADEOFF_TITLES.get(x, x) for x in p.labels) + "_", ""]
    lines += [f"- {r}" for r in p.reasons]
    if p.caveats:
        lines += ["", "Caveats:", ""] + [f"- {c}" for c in p.caveats]
    summary = p.footprint.get("summary") or []
    if summary:
        lines += ["", "Footprint at your scale:", ""] + [f"- {s}" for s in summary]
    ft = p.fine_tuning or {}
    if ft:
        verdict = "worth considering" if ft.get("worth_it") else ("possible" if ft.get("possible") else "not possible")
        lines += ["", f"Fine-tuning: {verdict} — {(ft.get('why') or [''])[-1]}"]
    return lines + [""]


def render_markdown(rec: Recommendation) -> str:
    """A self-contained Markdown report of the recommendation."""
    lines = ["# Embedding model recommendation", "", f"**Your needs:** {_profile_line(rec.profile)}", ""]
    ev = rec.evidence
    if ev.get("metric"):
        lines += [f"**Ranked on:** {ev['metric']['label']} — {ev['metric']['why']} "
                  f"({ev.get('comparable_models', 0)} feasible models with a comparable score). {ev.get('rule', '')}", ""]
    if rec.recommendations:
        lines += ["## Recommendations", ""]
        for p in rec.recommendations:
            score = f" — {p.score:.2f}" if p.score is not None else ""
            lines += _pick_md(p, f"{p.rank}. {p.model}{score}")
    elif rec.knowledge_base:
        lines += ["## Recommendations", "", rec.headline(), ""]
    if rec.tradeoffs:
        lines += ["## Trade-offs", ""] + [
            f"- **{TRADEOFF_TITLES.get(t['kind'], t['kind'])}:** {t['model']} — {t['detail']}" for t in rec.tradeoffs] + [""]
    if rec.specialists:
        lines += ["## Domain specialists to try in the trial", ""]
        for p in rec.specialists:
            lines += _pick_md(p, p.model)
    if rec.trial:
        lines += ["## Trial on your data", ""] + [f"- {s}" for s in rec.trial.get("summary", [])] + [""]
    if rec.excluded:
        lines += ["## Why not these?", ""] + [
            f"- **{x['model']}**: excluded: " + "; ".join(x["reasons"]) for x in rec.excluded] + [""]
    if rec.fine_tuning:
        ft = rec.fine_tuning
        lines += [f"## Fine-tuning {ft['model']}", ""] + [f"- {w}" for w in ft["why"] + ft["data"] + ft["how"]]
        if ft.get("script"):
            lines += ["", "```python", ft["script"].rstrip(), "```"]
        lines += [""]
    if rec.questions:
        lines += ["## To refine this", ""] + [f"- {q['text']}" for q in rec.questions] + [""]
    for title, items in (("Notes", rec.notes), ("Assumptions", rec.assumptions), ("How this was computed", rec.steps)):
        if items:
            lines += [f"## {title}", ""] + [f"- {x}" for x in items] + [""]
    kb = rec.knowledge_base
    if kb:
        lines += [f"_Knowledge base: {kb.get('cards')} cards, fingerprint {kb.get('fingerprint')}, "
                  f"benchmark snapshot {kb.get('snapshot_date')}._", ""]
    return "\n".join(lines)
