"""The advisor's answer as plain dataclasses, with the JSON contract (``to_dict``).

``Recommendation.to_dict()`` = the issue's shape ``{"profile", "recommendations": [{"model", "rank",
"score", "reasons", "caveats", "footprint"}], "excluded": [{"model", "reasons"}], "questions"}`` plus
``tradeoffs``, ``specialists``, ``evidence``, ``fine_tuning``, ``assumptions``, ``steps``, ``notes``,
``trial``, ``knowledge_base``, ``start_small``, ``comparison``, ``what_would_change``, ``setup`` and
``preliminary``; each pick adds ``family``, ``kind``, ``why``, ``confidence``, ``feasibility``, ``size_options``,
``roles``, ``quality`` and ``maturity`` (docs/advisor.md, "JSON"). Reports (Markdown, HTML, PDF) are rendered
from ``to_dict()`` by ``app/report`` — one renderer for the CLI and the web app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from agents.profile import Profile

TRADEOFF_TITLES = {"best_quality": "Best quality", "best_value": "Best value",
                   "smallest_good_enough": "Smallest that is good enough"}
ROLE_TITLES = {"best_overall": "Best overall", "best_api": "Best hosted API", "best_self_hosted": "Best self-hosted",
               "cheapest": "Cheapest",
               "best_established": "Best established", "start_small": "Start small", "promising_newcomer": "Promising newcomer"}


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
    family: str = ""
    kind: str = ""                                   # api | self-hosted
    why: str = ""                                    # one plain sentence, shown first
    confidence: str = ""                             # high | medium | low
    confidence_reasons: list[str] = field(default_factory=list)
    feasibility: dict[str, Any] = field(default_factory=dict)
    size_options: list[dict[str, Any]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)
    maturity: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "rank": self.rank, "score": self.score, "reasons": self.reasons,
                "caveats": self.caveats, "footprint": self.footprint, "evidence": self.evidence,
                "facts": self.facts, "fine_tuning": self.fine_tuning, "labels": self.labels,
                "family": self.family, "kind": self.kind, "why": self.why, "confidence": self.confidence,
                "confidence_reasons": self.confidence_reasons, "feasibility": self.feasibility,
                "size_options": self.size_options, "roles": self.roles, "quality": self.quality,
                "maturity": self.maturity}


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
    start_small: Pick | None = None
    comparison: dict[str, Any] = field(default_factory=dict)
    what_would_change: list[dict[str, Any]] = field(default_factory=list)
    setup: dict[str, Any] = field(default_factory=dict)
    preliminary: bool = False      # shown before every essential is answered (the open questions may change it)

    def to_dict(self) -> dict[str, Any]:
        return _finite({
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
            "start_small": self.start_small.to_dict() if self.start_small else None,
            "comparison": self.comparison,
            "what_would_change": self.what_would_change,
            "setup": self.setup,
            "preliminary": self.preliminary,
        })

    def headline(self) -> str:
        """One line for a chat reply: the top pick and why, or what is missing."""
        if not self.recommendations:
            if not self.evidence:  # nothing was ranked: the profile was empty
                return "No recommendation yet."
            return "No model in the knowledge base meets all your hard constraints."
        top = self.recommendations[0]
        if top.why:
            return f"**{top.model}** — {top.why}"
        return f"**{top.model}** — {top.reasons[0]}" if top.reasons else f"**{top.model}**"


def _finite(value: Any) -> Any:
    """The JSON contract holds finite numbers only: an estimate that overflowed (e.g. 1e308 queries a second) is unknown."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value

