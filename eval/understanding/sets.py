"""Load and check the held-out understanding sets (``extraction_heldout.yaml``, ``intents.yaml``).

Validated against the profile contract (field names and allowed values from ``agents.profile``) so a
typo in a label fails loudly with the file and item id instead of silently counting as a miss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agents.profile import PROFILE_FIELDS, Profile

HERE = Path(__file__).resolve().parent
EXTRACTION_SET = HERE / "extraction_heldout.yaml"
INTENT_SET = HERE / "intents.yaml"

INTENTS: tuple[str, ...] = ("needs", "model_question", "comparison", "cost_question", "concept_question",
                            "process_question", "other")
QUESTION_INTENTS: frozenset[str] = frozenset({"model_question", "comparison", "cost_question", "concept_question",
                                              "process_question"})
_KEYS = {"id", "context", "message", "expect", "unset", "note", "intent"}


class SetError(ValueError):
    """A labelled set that cannot be scored; the message names the file, the item and the problem."""


@dataclass(frozen=True)
class Item:
    """One labelled message: earlier turns, the message, the expected fields (and intent, for the intent set)."""

    id: str
    message: str
    context: tuple[str, ...] = ()
    expect: dict[str, Any] = field(default_factory=dict)   # field -> value, or {"one_of": [values]}
    unset: tuple[str, ...] = ()
    intent: str | None = None


def _check_value(where: str, name: str, value: Any) -> None:
    alternatives = value["one_of"] if isinstance(value, dict) and set(value) == {"one_of"} else [value]
    if not isinstance(alternatives, list) or not alternatives:
        raise SetError(f"{where}: {name}: one_of needs a non-empty list")
    for alt in alternatives:
        if alt is None:
            raise SetError(f"{where}: {name}: expect null is not a label; list the field under 'unset'")
        try:
            Profile.model_validate({name: alt})
        except ValueError as exc:
            raise SetError(f"{where}: {name}: {alt!r} is not a valid profile value ({exc})") from None


def parse_items(data: Any, source: str, with_intent: bool) -> list[Item]:
    """Check a loaded set and turn it into :class:`Item` objects."""
    if not isinstance(data, list) or not data:
        raise SetError(f"{source}: expected a non-empty list of items")
    items: list[Item] = []
    seen: set[str] = set()
    for n, raw in enumerate(data):
        where = f"{source} item {n}"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise SetError(f"{where}: expected a mapping with a string 'id'")
        where = f"{source} {raw['id']}"
        if raw["id"] in seen:
            raise SetError(f"{where}: duplicate id")
        seen.add(raw["id"])
        unknown = set(raw) - _KEYS
        if unknown:
            raise SetError(f"{where}: unknown key(s) {sorted(unknown)}")
        context = raw.get("context") or []
        if not isinstance(raw.get("message"), str) or not isinstance(context, list) \
                or not all(isinstance(c, str) for c in context):
            raise SetError(f"{where}: 'message' must be a string and 'context' a list of strings")
        expect, unset = raw.get("expect") or {}, raw.get("unset") or []
        if not isinstance(expect, dict) or not isinstance(unset, list):
            raise SetError(f"{where}: 'expect' must be a mapping and 'unset' a list")
        for name in [*expect, *unset]:
            if name not in PROFILE_FIELDS:
                raise SetError(f"{where}: unknown profile field {name!r}; valid: {', '.join(PROFILE_FIELDS)}")
        both = set(expect) & set(unset)
        if both:
            raise SetError(f"{where}: {sorted(both)} both expected and unset")
        for name, value in expect.items():
            _check_value(where, name, value)
        intent = raw.get("intent")
        if with_intent and intent not in INTENTS:
            raise SetError(f"{where}: intent {intent!r} is not one of {', '.join(INTENTS)}")
        if not with_intent and not (expect or unset):
            raise SetError(f"{where}: nothing labelled (give 'expect' or 'unset')")
        items.append(Item(raw["id"], raw["message"], tuple(context), dict(expect), tuple(unset), intent))
    return items


def load_set(path: Path, with_intent: bool) -> list[Item]:
    """Read and check one set file."""
    return parse_items(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, with_intent)


def load_extraction(path: Path = EXTRACTION_SET) -> list[Item]:
    return load_set(path, with_intent=False)


def load_intents(path: Path = INTENT_SET) -> list[Item]:
    return load_set(path, with_intent=True)
