"""Small builders shared by the trial tests."""

from __future__ import annotations

import datetime as dt

from knowledge.cards import Catalog
from knowledge.schema import Card


def card(model_id: str, **fields) -> Card:
    """A valid card with every given fact sourced."""
    facts = ["open_weights", "modalities", *[k for k in fields if k not in ("hf_id", "open_weights")]]
    data = {"id": model_id, "open_weights": fields.pop("open_weights", True), "modalities": ["text"], **fields,
            "sources": [{"fields": sorted(set(facts)), "url": "https://example.org/test-card",
                         "as_of": dt.date(2026, 11, 1)}]}
    return Card.model_validate(data)


def catalog(*cards: Card) -> Catalog:
    return Catalog({c.id: c for c in cards}, "test")
