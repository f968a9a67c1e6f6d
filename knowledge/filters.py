"""Hard filters on cards, expressed twice with the same meaning: as a Chroma ``where`` clause and as a
Python predicate (used on the full catalog and to check that the two never disagree)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.languages import UNIDENTIFIED, covers
from knowledge.schema import Card


@dataclass(frozen=True)
class CardFilter:
    """Constraints a card must meet. Empty / None means "no constraint"."""

    modalities: tuple[str, ...] = ()          # every one must be supported
    open_weights: bool | None = None          # True = must run locally
    commercial_use: bool = False              # True = exclude licences that forbid commercial use
    languages: tuple[str, ...] = ()           # every one must be listed by a card that states its languages
    domains: tuple[str, ...] = ()             # any one of them (specialised models)
    max_parameters: int | None = None         # unknown size fails this constraint
    min_max_tokens: int | None = None
    exclude_variants: bool = False
    ids: tuple[str, ...] = field(default=())  # restrict to these ids

    def to_where(self) -> dict[str, Any] | None:
        """The same constraints as a Chroma metadata filter."""
        clauses: list[dict[str, Any]] = []
        clauses += [{"modalities": {"$contains": m}} for m in self.modalities]
        if self.open_weights is not None:
            clauses.append({"open_weights": self.open_weights})
        if self.commercial_use:
            clauses.append({"commercial_use": {"$ne": "no"}})
        # A card without a complete language list cannot be excluded on language ("unknown is not no").
        clauses += [{"$or": [{"multilingual": True} if lang == UNIDENTIFIED else {"languages": {"$contains": lang}},
                             {"languages_open": True}]} for lang in self.languages]
        if self.domains:
            clauses.append({"$or": [{"domains": {"$contains": d}} for d in self.domains]}
                           if len(self.domains) > 1 else {"domains": {"$contains": self.domains[0]}})
        if self.max_parameters is not None:
            clauses.append({"n_parameters": {"$lte": self.max_parameters}})
        if self.min_max_tokens is not None:
            clauses.append({"max_tokens": {"$gte": self.min_max_tokens}})
        if self.exclude_variants:
            clauses.append({"variant": False})
        if self.ids:
            clauses.append({"card_id": {"$in": list(self.ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, card: Card) -> bool:
        """True when ``card`` meets every constraint."""
        return not self.violations(card)

    def violations(self, card: Card) -> list[str]:
        """Which constraints ``card`` breaks, as short machine-readable reasons."""
        out: list[str] = []
        out += [f"modality:{m}" for m in self.modalities if m not in card.modalities]
        if self.open_weights is not None and card.open_weights != self.open_weights:
            out.append("open_weights")
        if self.commercial_use and card.commercial_use is False:
            out.append("commercial_use")
        if not languages_open(card):
            out += [f"language:{lang}" for lang in self.languages
                    if not covers(card.languages, card.multilingual, lang)]
        if self.domains and not set(self.domains) & set(card.domains):
            out.append("domain")
        if self.max_parameters is not None and (card.n_parameters is None or card.n_parameters > self.max_parameters):
            out.append("size")
        if self.min_max_tokens is not None and (card.max_tokens is None or card.max_tokens < self.min_max_tokens):
            out.append("max_tokens")
        if self.exclude_variants and card.variant_of:
            out.append("variant")
        if self.ids and card.id not in self.ids:
            out.append("id")
        return out


def languages_open(card: Card) -> bool:
    """True when the card's language list cannot rule a language out: none stated, or marked incomplete."""
    return not card.languages or card.__dict__.get("languages_exhaustive") is False


def card_metadata(card: Card) -> dict[str, Any]:
    """Flat Chroma metadata for a card (lists are stored as arrays; unknown numbers are omitted)."""
    meta: dict[str, Any] = {
        "card_id": card.id,
        "provider": card.provider or "",
        "open_weights": card.open_weights,
        "commercial_use": {True: "yes", False: "no", None: "unknown"}[card.commercial_use],
        "licence_family": card.licence_family,
        "modalities": list(card.modalities),
        "domains": list(card.domains),
        "multilingual": card.multilingual,
        "n_languages": len(card.languages),
        "languages_open": languages_open(card),
        "variant": card.variant_of is not None,
        "has_pricing": card.pricing is not None and card.pricing.usd_per_1m_tokens is not None,
        "n_benchmarks": len(card.benchmarks),
        "lifecycle": card.lifecycle.status if card.lifecycle else "unknown",
    }
    if card.languages:
        meta["languages"] = list(card.languages)
    for key in ("n_parameters", "embed_dim", "max_tokens"):
        value = getattr(card, key)
        if value is not None:
            meta[key] = value
    return meta
