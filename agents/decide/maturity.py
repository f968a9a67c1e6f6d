"""How established a model is, and where it stands in its lifecycle, as the ranking uses them.

Adoption comes from ``knowledge.adoption.summarise`` (issue 12: provider track record, downloads as of a
date, integrations, public training code/data, benchmarks evaluated): ``established | emerging |
unknown``. While that module is absent, every model is ``unknown`` and no bonus applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.schema import Card

try:  # issue 12 adds it; the advisor works (without the bonus) before it lands
    from knowledge.adoption import summarise as _summarise
except ImportError:  # pragma: no cover - depends on the knowledge layer's version
    _summarise = None

# Utility bonus in combined-quality units (robust SDs of the feasible population, shrunk by the evidence weight):
# an unknown model must beat an established one by more than 0.15 to rank above it — about 2-3 points on
# MTEB(eng, v2) Retrieval, the spread between neighbouring models near the top of the leaderboard.
ADOPTION_BONUS = {"established": 0.15, "emerging": 0.05, "unknown": 0.0}
DEPRECATED_PENALTY = 0.2


@dataclass(frozen=True)
class Maturity:
    level: str                                   # established | emerging | unknown
    reasons: tuple[str, ...] = field(default=())
    lifecycle: str | None = None                 # active | deprecated | retired | None (not stated)
    lifecycle_note: str = ""

    @property
    def bonus(self) -> float:
        return ADOPTION_BONUS.get(self.level, 0.0) - (DEPRECATED_PENALTY if self.lifecycle == "deprecated" else 0.0)

    def to_dict(self) -> dict:
        return {"level": self.level, "reasons": list(self.reasons), "lifecycle": self.lifecycle}


def maturity(card: Card) -> Maturity:
    """The adoption level (with its reasons) and lifecycle status of ``card``."""
    level, reasons = "unknown", ("no adoption evidence in the knowledge base",)
    if _summarise is not None:
        summary = _summarise(card)
        level, reasons = summary.level, tuple(summary.reasons)
    life = card.__dict__.get("lifecycle")
    status = getattr(life, "status", None)
    note = ""
    if status == "deprecated":
        when = f" since {life.date.isoformat()}" if getattr(life, "date", None) else ""
        succ = f"; successor {life.successor}" if getattr(life, "successor", None) else ""
        note = f"deprecated by its provider{when}{succ}"
    return Maturity(level, reasons, status, note)
