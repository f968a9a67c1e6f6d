"""Curated checks of registry metadata (``knowledge/corrections.yaml``) and applying them to cards.

Each check records one page that was read (url + date), the fact fields it verified, and the values it
sets where the registry was wrong or silent. Every check becomes its own source entry on the card, so
a card shows both what was corrected and what was merely confirmed. Checks of a base model also apply
to its variants (e.g. ``openai/text-embedding-3-small (embed_dim=512)``), except dimension fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml

from knowledge.cards import KnowledgeError
from knowledge.importer_cards import MULTILINGUAL_MIN_LANGUAGES, commercial_use_of, memory_of, ordered_modalities
from knowledge.importer_rules import Rules, load_rules
from knowledge.importer_snapshot import REGISTRY_DATASET
from knowledge.languages import ISO639_1
from knowledge.schema import FACT_FIELDS, Adoption, Card, Domain, Instructions, Pricing

SETTABLE = frozenset({
    "license", "commercial_use", "n_parameters", "n_embedding_parameters", "embed_dim", "matryoshka_dims", "max_tokens",
    "languages", "multilingual", "programming_languages", "modalities", "domains", "model_type", "similarity",
    "instructions", "sentence_transformers", "pricing", "release_date", "summary", "open_weights",
    "lifecycle", "adoption", "languages_exhaustive",
})
# Fields a check merges into (a check adds parts; the snapshot keeps backing the parts it stated).
_MERGED = frozenset({"adoption"})
_NOT_INHERITED = frozenset({"embed_dim", "matryoshka_dims"})
_CHECK_KEYS = {"id", "ids", "url", "as_of", "verified", "set", "note"}
_RULE_KEYS = {"ids", "domains", "basis"}


class CorrectionsError(KnowledgeError):
    """The corrections file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class Check:
    """One page read on ``as_of``: fields it confirmed (``verified``) and values it sets."""

    ids: tuple[str, ...]
    url: str
    as_of: dt.date
    verified: tuple[str, ...] = ()
    values: dict = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class DomainRule:
    """Specialised domains read off the registry entry itself (e.g. the model name says "law")."""

    ids: tuple[str, ...]
    domains: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class Corrections:
    """Everything the corrections file holds."""

    checks: list[Check] = field(default_factory=list)
    domain_rules: list[DomainRule] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)


def load_corrections(path: Path) -> Corrections:
    """Parse and check the corrections file; a missing file means no corrections."""
    if not path.is_file():
        return Corrections()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{path}: malformed YAML: {exc}") from None
    entries = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorrectionsError(f"{path}: expected a mapping with a 'checks' list")
    rules = data.get("registry_domains") or []
    if not isinstance(rules, list):
        raise CorrectionsError(f"{path}: 'registry_domains' must be a list")
    try:
        bulk = load_rules(path, data)
    except KnowledgeError as exc:
        raise CorrectionsError(str(exc)) from None
    return Corrections([_check(path, i, e) for i, e in enumerate(entries)],
                       [_rule(path, i, r) for i, r in enumerate(rules)], bulk)


def _rule(path: Path, index: int, entry: object) -> DomainRule:
    where = f"{path}: registry_domains[{index}]"
    if not isinstance(entry, dict) or set(entry) != _RULE_KEYS:
        raise CorrectionsError(f"{where}: needs exactly the keys {sorted(_RULE_KEYS)}")
    valid = set(get_args(Domain))
    bad = [d for d in entry["domains"] if d not in valid]
    if bad or not entry["ids"]:
        raise CorrectionsError(f"{where}: unknown domain(s) {bad} or no ids; valid domains: {sorted(valid)}")
    return DomainRule(tuple(entry["ids"]), tuple(sorted(entry["domains"])), str(entry["basis"]))




def _check(path: Path, index: int, entry: object) -> Check:
    where = f"{path}: checks[{index}]"
    if not isinstance(entry, dict):
        raise CorrectionsError(f"{where}: must be a mapping")
    where += f" ({entry.get('id') or entry.get('ids')})"
    unknown = set(entry) - _CHECK_KEYS
    if unknown:
        raise CorrectionsError(f"{where}: unknown key(s) {sorted(unknown)}; valid: {sorted(_CHECK_KEYS)}")
    ids = [entry["id"]] if "id" in entry else list(entry.get("ids") or [])
    if not ids or not all(isinstance(i, str) for i in ids):
        raise CorrectionsError(f"{where}: needs 'id' or a non-empty 'ids' list")
    if not str(entry.get("url", "")).startswith("http"):
        raise CorrectionsError(f"{where}: needs the 'url' of the page that was read")
    as_of = entry.get("as_of")
    if not isinstance(as_of, dt.date):
        raise CorrectionsError(f"{where}: 'as_of' must be a date (YYYY-MM-DD)")
    verified = list(entry.get("verified") or [])
    bad = [f for f in verified if f not in FACT_FIELDS]
    if bad:
        raise CorrectionsError(f"{where}: verified names unknown field(s) {bad}; valid: {list(FACT_FIELDS)}")
    values = dict(entry.get("set") or {})
    bad = sorted(set(values) - SETTABLE)
    if bad:
        raise CorrectionsError(f"{where}: cannot set {bad}; settable: {sorted(SETTABLE)}")
    if "languages" in values:
        langs = values["languages"]
        wrong = [c for c in langs if c not in ISO639_1 and not (isinstance(c, str) and len(c) == 3)]
        if wrong:
            raise CorrectionsError(f"{where}: languages must be ISO 639-1 codes: {wrong}")
    if not verified and not values:
        raise CorrectionsError(f"{where}: records nothing (give 'verified' and/or 'set')")
    return Check(tuple(ids), entry["url"], as_of, tuple(verified), values, entry.get("note"))


def apply_domain_rules(fields: dict, sources: list[dict], rules: list[DomainRule]) -> None:
    """Set specialised domains read off the registry entry; the registry source then backs ``domains``."""
    if not rules:
        return
    domains = {d for d in fields.get("domains") or [] if d != "general"}
    for rule in rules:
        domains.update(rule.domains)
    fields["domains"] = sorted(domains)
    registry = next(s for s in sources if s.get("dataset") == REGISTRY_DATASET)
    registry["fields"] = [f for f in FACT_FIELDS if f in set(registry["fields"]) | {"domains"}]
    basis = "; ".join(f"domains {list(r.domains)}: {r.basis}" for r in rules)
    registry["note"] = f"{registry['note']}; {basis}"


def by_id(entries: list) -> dict[str, list]:
    """Checks or domain rules indexed by every model id they name, in file order."""
    out: dict[str, list] = {}
    for entry in entries:
        for model_id in entry.ids:
            out.setdefault(model_id, []).append(entry)
    return out


def apply_checks(fields: dict, sources: list[dict], checks: list[Check], inherited_from: str | None = None) -> list[str]:
    """Apply ``checks`` to a card's ``fields`` in place and add one source per check.

    ``inherited_from`` names the base model when the checks were made for it (then dimension fields are
    skipped). Fields a check changes are dropped from the snapshot sources' ``fields`` (they no longer
    state them). Returns the names of the fields whose value changed.
    """
    changed: list[str] = []
    for check in checks:
        values = {k: v for k, v in check.values.items() if not (inherited_from and k in _NOT_INHERITED)}
        backed = set(check.verified) - (_NOT_INHERITED if inherited_from else set())
        for key, value in values.items():
            new = _normalise(key, value, fields, check)
            backed.add(key)
            if fields.get(key) != new:
                fields[key] = new
                changed.append(key)
        if "license" in values and "commercial_use" not in values:
            derived = commercial_use_of(fields["license"])
            if fields.get("commercial_use") != derived:
                fields["commercial_use"] = derived
                changed.append("commercial_use")
            backed.add("commercial_use")
        if "languages" in values and "multilingual" not in values:
            derived = len(fields["languages"]) >= MULTILINGUAL_MIN_LANGUAGES or bool(fields.get("multilingual"))
            if fields.get("multilingual") != derived:
                fields["multilingual"] = derived
                changed.append("multilingual")
            backed.add("multilingual")
        if "n_parameters" in values:
            memory = memory_of(fields["n_parameters"])
            if fields.get("memory_gb") != memory:
                fields["memory_gb"] = memory
                changed.append("memory_gb")
            backed.add("memory_gb")
        if not backed:
            continue
        note = check.note or ""
        if inherited_from:
            note = f"checked for {inherited_from}" + (f": {note}" if note else "")
        source = {"fields": [f for f in FACT_FIELDS if f in backed], "url": check.url, "as_of": check.as_of}
        if note:
            source["note"] = note
        sources.append(source)
    if changed:
        for source in sources:
            if "dataset" in source:
                source["fields"] = [f for f in source["fields"] if f not in changed or f in _MERGED]
        sources[:] = [s for s in sources if s["fields"]]
    return sorted(set(changed), key=list(Card.model_fields).index)


def _normalise(key: str, value, fields: dict, check: Check):
    if key == "languages":
        return sorted(set(value))
    if key in ("programming_languages", "domains"):
        return sorted(set(value))
    if key == "matryoshka_dims":
        return sorted(set(value), reverse=True)
    if key == "modalities":
        return ordered_modalities(set(value))
    if key == "license":
        return value if value is None or value.startswith("http") else value.lower()
    if key == "instructions":
        merged = dict(fields.get("instructions") or {})
        merged.update(value)
        return {k: merged[k] for k in Instructions.model_fields if merged.get(k) is not None} or None
    if key == "adoption":
        extra = {"as_of": check.as_of} if "downloads_last_month" in value and "as_of" not in value else {}
        merged = {**(fields.get("adoption") or {}), **value, **extra}
        return {k: merged[k] for k in Adoption.model_fields if merged.get(k) not in (None, [])} or None
    if key == "pricing":
        merged = {**value, "as_of": check.as_of, "url": check.url}
        return {k: merged[k] for k in Pricing.model_fields if merged.get(k) is not None}
    return value
