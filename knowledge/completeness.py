"""How complete the facts that decide recommendations are, per field, over a set of cards.

``kb stats`` shows it for the most-used models (``knowledge/audit/popular.yaml``), so gaps are visible at
a glance. Fields that only make sense for one kind of model are counted over that kind: the licence over
open-weights cards, the price over API cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.schema import Card

# field name -> (which cards it applies to, whether a card has it)
_CHECKS: dict[str, tuple[Callable[[Card], bool], Callable[[Card], bool]]] = {
    "languages": (lambda c: True, lambda c: bool(c.languages)),
    "licence": (lambda c: c.open_weights, lambda c: bool(c.license)),
    "commercial_use": (lambda c: True, lambda c: c.commercial_use is not None),
    "price": (lambda c: not c.open_weights, lambda c: c.pricing is not None and c.pricing.usd_per_1m_tokens is not None),
    "context": (lambda c: True, lambda c: c.max_tokens is not None),
    "dims": (lambda c: True, lambda c: c.embed_dim is not None),
    "release_date": (lambda c: True, lambda c: c.release_date is not None),
}
FIELDS: tuple[str, ...] = tuple(_CHECKS)


@dataclass(frozen=True)
class FieldCompleteness:
    """``filled`` of ``applicable`` cards have the field; ``missing`` names the others."""

    field: str
    filled: int
    applicable: int
    missing: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.filled / self.applicable if self.applicable else 1.0

    def as_dict(self) -> dict:
        return {"filled": self.filled, "applicable": self.applicable, "share": round(self.share, 3),
                "missing": list(self.missing)}


def completeness(cards: Iterable[Card]) -> dict[str, FieldCompleteness]:
    """Per field: how many of the cards it applies to have it, and which do not."""
    cards = list(cards)
    out = {}
    for name, (applies, has) in _CHECKS.items():
        pool = [c for c in cards if applies(c)]
        missing = tuple(sorted(c.id for c in pool if not has(c)))
        out[name] = FieldCompleteness(name, len(pool) - len(missing), len(pool), missing)
    return out
