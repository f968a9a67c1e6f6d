"""The fact audit: cards checked against a table of facts read on primary sources.

``knowledge/audit/facts.yaml`` holds one row per fact (model, field, value, url, as_of); the 60 models it
covers are listed, with the basis of the choice, in ``knowledge/audit/popular.yaml``. :func:`audit`
compares every row with the card and returns what disagrees; ``python -m eval kb`` reports the counts as
``kb.audited_facts`` and ``kb.audit_mismatches`` and the tests require zero mismatches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.cards import KnowledgeError
from knowledge.schema import Card

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
FACTS_FILE = AUDIT_DIR / "facts.yaml"
POPULAR_FILE = AUDIT_DIR / "popular.yaml"
# Audited fields and how a card's value is read and compared ("include": the card holds at least these).
_PLAIN = ("embed_dim", "max_tokens", "license", "commercial_use", "open_weights", "multilingual",
          "languages_exhaustive", "release_date")
_INCLUDE = {"languages_include": "languages", "matryoshka_dims_include": "matryoshka_dims"}
_NESTED = {"pricing.usd_per_1m_tokens": ("pricing", "usd_per_1m_tokens"), "lifecycle.status": ("lifecycle", "status")}
AUDITED_FIELDS = (*_PLAIN, *_INCLUDE, *_NESTED)


class AuditError(KnowledgeError):
    """The audit table is malformed; the message names the row."""


@dataclass(frozen=True)
class Fact:
    """One audited fact as its source states it."""

    model: str
    field: str
    value: Any
    url: str
    as_of: dt.date
    note: str = ""


@dataclass(frozen=True)
class Mismatch:
    """A card that disagrees with an audited fact (or is missing)."""

    fact: Fact
    card_value: Any

    def __str__(self) -> str:
        return (f"{self.fact.model}: {self.fact.field} is {self.card_value!r} on the card, "
                f"{self.fact.value!r} per {self.fact.url} ({self.fact.as_of})")


@dataclass
class AuditResult:
    """How many facts were audited, and the ones the cards contradict."""

    facts: int
    models: int
    mismatches: list[Mismatch] = field(default_factory=list)


def load_facts(path: Path = FACTS_FILE) -> list[Fact]:
    """Parse the audit table; every row needs a known field, an http(s) URL and a date."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise AuditError(f"{path}: expected a mapping with a 'facts' list")
    out = []
    for i, row in enumerate(rows):
        where = f"{path}: facts[{i}]"
        if not isinstance(row, dict) or not {"model", "field", "value", "url", "as_of"} <= set(row):
            raise AuditError(f"{where}: needs model, field, value, url and as_of")
        if row["field"] not in AUDITED_FIELDS:
            raise AuditError(f"{where} ({row['model']}): unknown field {row['field']!r}; valid: {list(AUDITED_FIELDS)}")
        if not str(row["url"]).startswith("http") or not isinstance(row["as_of"], dt.date):
            raise AuditError(f"{where} ({row['model']}): needs an http(s) url and an as_of date")
        out.append(Fact(row["model"], row["field"], row["value"], row["url"], row["as_of"], str(row.get("note") or "")))
    return out


def load_popular(path: Path = POPULAR_FILE) -> list[str]:
    """The ids of the most-used models (knowledge/audit/popular.yaml)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        raise AuditError(f"{path}: expected a 'models' list of ids")
    return models


def card_value(card: Card, fact_field: str) -> Any:
    """The card's value for an audited field, in the table's terms (dates as ISO strings)."""
    if fact_field in _INCLUDE:
        return list(getattr(card, _INCLUDE[fact_field]))
    if fact_field in _NESTED:
        outer, inner = _NESTED[fact_field]
        part = getattr(card, outer)
        return getattr(part, inner) if part is not None else None
    value = getattr(card, fact_field)
    return value.isoformat() if isinstance(value, dt.date) else value


def agrees(fact: Fact, value: Any) -> bool:
    """True when the card's ``value`` says what ``fact`` says."""
    if fact.field in _INCLUDE:
        return set(fact.value or []) <= set(value)
    if isinstance(fact.value, float) or isinstance(value, float):
        return value is not None and fact.value is not None and abs(float(value) - float(fact.value)) < 1e-9
    if fact.field == "release_date" and fact.value is not None:
        return value == str(fact.value)
    return value == fact.value


def audit(cards: Mapping[str, Card], facts: list[Fact]) -> AuditResult:
    """Compare every fact with its card; a fact about a model without a card is a mismatch too."""
    result = AuditResult(facts=len(facts), models=len({f.model for f in facts}))
    for fact in facts:
        card = cards.get(fact.model)
        if card is None:
            result.mismatches.append(Mismatch(fact, "<no card>"))
            continue
        value = card_value(card, fact.field)
        if not agrees(fact, value):
            result.mismatches.append(Mismatch(fact, value))
    return result
