"""Rules of ``knowledge/corrections.yaml`` that apply to many registry rows at once.

* ``value_rules``: a registry value that is known to mean something else for every model that has it
  (``max_tokens: 514`` is the RoBERTa/XLM-R position-embedding count, of which 512 are usable tokens).
* ``licence_terms``: the commercial-use answer of a licence whose id alone does not settle it (custom
  terms such as Gemma's or NVIDIA's open model licence), read on the licence's own page.
* ``provider_terms``: for API models, the provider's terms of service on commercial use.

Each rule that changes a card adds one source entry (url, as_of, note), like a check does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from knowledge.cards import KnowledgeError
from knowledge.schema import FACT_FIELDS

_VALUE_FIELDS = frozenset({"max_tokens", "embed_dim"})


class RulesError(KnowledgeError):
    """A rule in the corrections file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class ValueRule:
    """Every registry row whose ``field`` equals ``registry_value`` gets ``value`` instead."""

    field: str
    registry_value: object
    value: object
    url: str
    as_of: dt.date
    note: str


@dataclass(frozen=True)
class TermsRule:
    """Commercial use under a licence (``key`` = licence id or URL) or a provider's API terms (``key`` = provider)."""

    key: str
    commercial_use: bool
    url: str
    as_of: dt.date
    note: str


@dataclass(frozen=True)
class Rules:
    """All bulk rules of the corrections file."""

    values: tuple[ValueRule, ...] = ()
    licences: dict[str, TermsRule] | None = None
    providers: dict[str, TermsRule] | None = None


def load_rules(path: Path, data: dict) -> Rules:
    """Parse the ``value_rules``, ``licence_terms`` and ``provider_terms`` sections of the corrections file."""
    values = tuple(_value_rule(path, i, e) for i, e in enumerate(data.get("value_rules") or []))
    licences = {r.key: r for r in (_terms(path, "licence_terms", "licence", i, e)
                                   for i, e in enumerate(data.get("licence_terms") or []))}
    providers = {r.key: r for r in (_terms(path, "provider_terms", "provider", i, e)
                                    for i, e in enumerate(data.get("provider_terms") or []))}
    return Rules(values, licences, providers)


def _common(where: str, entry: object, keys: set[str]) -> dict:
    if not isinstance(entry, dict) or set(entry) != keys:
        raise RulesError(f"{where}: needs exactly the keys {sorted(keys)}")
    if not str(entry["url"]).startswith("http"):
        raise RulesError(f"{where}: 'url' must be the page that was read")
    if not isinstance(entry["as_of"], dt.date):
        raise RulesError(f"{where}: 'as_of' must be a date (YYYY-MM-DD)")
    return entry


def _value_rule(path: Path, index: int, entry: object) -> ValueRule:
    where = f"{path}: value_rules[{index}]"
    e = _common(where, entry, {"field", "registry_value", "value", "url", "as_of", "note"})
    if e["field"] not in _VALUE_FIELDS:
        raise RulesError(f"{where}: field must be one of {sorted(_VALUE_FIELDS)}")
    return ValueRule(e["field"], e["registry_value"], e["value"], e["url"], e["as_of"], str(e["note"]))


def _terms(path: Path, section: str, key: str, index: int, entry: object) -> TermsRule:
    where = f"{path}: {section}[{index}]"
    e = _common(where, entry, {key, "commercial_use", "url", "as_of", "note"})
    if not isinstance(e["commercial_use"], bool):
        raise RulesError(f"{where}: commercial_use must be true or false")
    return TermsRule(str(e[key]), e["commercial_use"], e["url"], e["as_of"], str(e["note"]))


def apply_value_rules(fields: dict, sources: list[dict], rules: tuple[ValueRule, ...]) -> list[str]:
    """Replace registry values that a rule reinterprets; returns the fields changed."""
    changed = []
    for rule in rules:
        if fields.get(rule.field) != rule.registry_value:
            continue
        fields[rule.field] = rule.value
        changed.append(rule.field)
        _drop_from_snapshot(sources, rule.field)
        sources.append({"fields": [rule.field], "url": rule.url, "as_of": rule.as_of,
                        "note": f"registry said {rule.registry_value}; {rule.note}"})
    return changed


def apply_terms(fields: dict, sources: list[dict], rules: Rules, explicit: bool) -> list[str]:
    """Fill an unknown ``commercial_use`` from the licence's or the API provider's terms.

    ``explicit`` is True when a check already set commercial use for this model (a check wins).
    """
    if explicit or fields.get("commercial_use") is not None:
        return []
    if fields.get("open_weights"):
        rule = (rules.licences or {}).get(fields.get("license") or "")
    else:
        rule = (rules.providers or {}).get(fields.get("provider") or "")
    if rule is None:
        return []
    fields["commercial_use"] = rule.commercial_use
    _drop_from_snapshot(sources, "commercial_use")
    sources.append({"fields": ["commercial_use"], "url": rule.url, "as_of": rule.as_of, "note": rule.note})
    return ["commercial_use"]


def _drop_from_snapshot(sources: list[dict], field: str) -> None:
    for source in sources:
        if "dataset" in source:
            source["fields"] = [f for f in source["fields"] if f != field and f in FACT_FIELDS]
    sources[:] = [s for s in sources if s["fields"]]
