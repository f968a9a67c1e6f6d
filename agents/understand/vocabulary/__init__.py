"""The vocabulary as data: which words suggest which value of which field, one YAML file per field.

    from agents.understand.vocabulary import VOCABULARY
    VOCABULARY.cues            # every cue of every field, in file order (agents.understand.cues.Cue)
    VOCABULARY.priority("task")
    VOCABULARY.entries         # the cues with their examples (tests run every example)

A field file (``<field>.yaml``) lists ``cues``; each has a ``value`` (one of the field's choices in
``agents/fields.py``, or an internal tag such as ``text_weak``), ``phrases`` (regular-expression
alternatives over the lower-cased message, matched on word boundaries), ``negatable`` (default true:
"no GPU" negates the GPU cue), an optional ``weight``, and ``examples``: ``says`` (messages in which the
cue must give its value) and ``not`` (messages in which it must not). Order matters inside a field: a
cue listed first claims its span before a later, more generic one. ``<<name>>`` in a phrase stands for a
fragment of ``_fragments.yaml`` (a regex, an ``any_of`` list, or ``not_after`` words). ``unsupported.yaml``
names data types no embedding model card covers (video, tables, ...).

Everything is compiled once, at import, into one :class:`Vocabulary`; a malformed file raises
:class:`VocabularyError` naming the file, the entry and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agents.fields import BY_NAME
from agents.understand.cues import Cue, cue
from agents.understand.vocabfile import read_vocabulary

HERE = Path(__file__).resolve().parent
FRAGMENTS_FILE = "_fragments.yaml"
UNSUPPORTED_FILE = "unsupported.yaml"
INTENTS_FILE = "intents.yaml"      # read by agents.understand.intent
# Internal values a field's cues may carry besides its choices; the resolver folds them into a choice.
TAGS: dict[str, frozenset[Any]] = {"data_type": frozenset({"text_weak"})}
_REF = re.compile(r"<<([a-z_]+)>>")
_CUE_KEYS = {"value", "phrases", "negatable", "weight", "examples", "why"}


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Entry:
    """One cue as written in its file, with the examples that test it."""

    file: str
    field: str
    value: Any
    phrases: tuple[str, ...]
    negatable: bool
    weight: int
    says: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unsupported:
    """A kind of data no embedding model card covers, with a hint for the user."""

    kind: str
    pattern: re.Pattern[str]
    hint: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Every field's cues compiled once, in file order, plus priorities and unsupported data types."""

    entries: tuple[Entry, ...]
    cues: tuple[Cue, ...]
    priorities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unsupported: tuple[Unsupported, ...] = ()

    def priority(self, field_name: str) -> tuple[str, ...]:
        return self.priorities.get(field_name, ())

    def for_field(self, field_name: str) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.field == field_name)


def _read(path: Path) -> Any:
    try:
        return read_vocabulary(path)
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path.name}: cannot read: {exc}") from None


def read_fragments(path: Path) -> dict[str, str | list[str]]:
    raw = _read(path) or {}
    if not isinstance(raw, dict):
        raise VocabularyError(f"{path.name}: expected a mapping of fragment names")
    out: dict[str, str | list[str]] = {}
    for name, spec in raw.items():
        if isinstance(spec, str):
            out[name] = spec
        elif isinstance(spec, dict) and set(spec) == {"any_of"} and isinstance(spec["any_of"], list):
            out[name] = [str(x) for x in spec["any_of"]]
        elif isinstance(spec, dict) and set(spec) == {"not_after"} and isinstance(spec["not_after"], list):
            out[name] = "".join(f"(?<!{re.escape(str(w)) if not str(w).isalnum() else w} )" for w in spec["not_after"])
        else:
            raise VocabularyError(f"{path.name}: fragment {name!r} must be a string, {{any_of: [...]}} or {{not_after: [...]}}")
    return out


def expand(text: str, frags: dict[str, str | list[str]], where: str, depth: int = 0) -> str:
    if depth > 5:
        raise VocabularyError(f"{where}: fragments nest too deeply")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in frags:
            raise VocabularyError(f"{where}: unknown fragment <<{name}>> (known: {', '.join(sorted(frags))})")
        value = frags[name]
        body = "(?:" + "|".join(value) + ")" if isinstance(value, list) else value
        return expand(body, frags, where, depth + 1)

    return _REF.sub(sub, text)


def _phrases(raw: Any, frags: dict[str, str | list[str]], where: str) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(p, str) and p for p in raw):
        raise VocabularyError(f"{where}: 'phrases' must be a non-empty list of strings")
    out: list[str] = []
    for p in raw:
        whole = _REF.fullmatch(p)
        if whole and isinstance(frags.get(whole.group(1)), list):   # a list fragment on its own: its phrases
            out += [expand(x, frags, where) for x in frags[whole.group(1)]]
        else:
            out.append(expand(p, frags, where))
    return out


def _allowed(field_name: str) -> set[Any]:
    spec = BY_NAME[field_name]
    choices: set[Any] = {True, False} if spec.type is bool else set(spec.choices)
    return choices | set(TAGS.get(field_name, ()))


def _examples(raw: Any, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = raw or {}
    if not isinstance(raw, dict) or set(raw) - {"says", "not"}:
        raise VocabularyError(f"{where}: 'examples' must be a mapping with 'says' and/or 'not'")
    says, nots = raw.get("says") or [], raw.get("not") or []
    if not all(isinstance(x, str) for x in [*says, *nots]):
        raise VocabularyError(f"{where}: examples must be strings")
    return tuple(says), tuple(nots)


def _field_file(path: Path, frags: dict[str, str | list[str]]) -> tuple[list[Entry], list[Cue], tuple[str, ...]]:
    raw = _read(path)
    name = path.stem
    if not isinstance(raw, dict) or raw.get("field") != name or not isinstance(raw.get("cues"), list):
        raise VocabularyError(f"{path.name}: expected 'field: {name}' and a 'cues' list")
    if name not in BY_NAME:
        raise VocabularyError(f"{path.name}: {name!r} is not a profile field")
    unknown = set(raw) - {"field", "cues", "priority"}
    if unknown:
        raise VocabularyError(f"{path.name}: unknown key(s) {sorted(unknown)}")
    allowed = _allowed(name)
    priority = tuple(raw.get("priority") or ())
    if any(v not in allowed for v in priority):
        raise VocabularyError(f"{path.name}: priority lists a value that is not a choice of {name}")
    entries, cues = [], []
    for n, item in enumerate(raw["cues"]):
        where = f"{path.name} cue {n + 1}"
        if not isinstance(item, dict) or "value" not in item:
            raise VocabularyError(f"{where}: expected a mapping with 'value' and 'phrases'")
        bad = set(item) - _CUE_KEYS
        if bad:
            raise VocabularyError(f"{where}: unknown key(s) {sorted(bad)}")
        value = item["value"]
        if value not in allowed:
            raise VocabularyError(f"{where}: value {value!r} is not one of {sorted(map(str, allowed))}")
        where = f"{where} ({value})"
        phrases = _phrases(item.get("phrases"), frags, where)
        negatable, weight = item.get("negatable", True), item.get("weight", 1)
        if not isinstance(negatable, bool) or not isinstance(weight, int):
            raise VocabularyError(f"{where}: 'negatable' must be true/false and 'weight' an integer")
        try:
            compiled = cue(name, value, *phrases, negatable=negatable, weight=weight)
        except re.error as exc:
            raise VocabularyError(f"{where}: a phrase is not a valid regular expression: {exc}") from None
        says, nots = _examples(item.get("examples"), where)
        entries.append(Entry(path.name, name, value, tuple(phrases), negatable, weight, says, nots))
        cues.append(compiled)
    return entries, cues, priority


def _unsupported(path: Path) -> tuple[Unsupported, ...]:
    raw = _read(path) if path.exists() else []
    if not isinstance(raw, list):
        raise VocabularyError(f"{path.name}: expected a list of {{kind, phrases, hint}}")
    out = []
    for n, item in enumerate(raw):
        where = f"{path.name} entry {n + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str) or set(item) - {"kind", "phrases", "hint"}:
            raise VocabularyError(f"{where}: expected kind, phrases and an optional hint")
        body = "|".join(_phrases(item.get("phrases"), {}, where))
        out.append(Unsupported(item["kind"], re.compile(rf"(?<![\w-])(?:{body})(?![\w])"), str(item.get("hint") or "")))
    return tuple(out)


# The order fields are matched in; a field's cues keep their file order.
FIELD_ORDER = ("data_type", "task", "domain", "privacy", "commercial_use", "fine_tuning", "hardware", "priority",
               "query_type")


def load(directory: Path = HERE) -> Vocabulary:
    """Read, check and compile every vocabulary file of ``directory``."""
    frags = read_fragments(directory / FRAGMENTS_FILE)
    files = {p.stem: p for p in directory.glob("*.yaml")
             if not p.name.startswith("_") and p.name not in (UNSUPPORTED_FILE, INTENTS_FILE)}
    unknown = set(files) - set(FIELD_ORDER)
    if unknown:
        raise VocabularyError(f"{', '.join(sorted(unknown))}: not a field with a vocabulary ({', '.join(FIELD_ORDER)})")
    entries: list[Entry] = []
    cues: list[Cue] = []
    priorities: dict[str, tuple[str, ...]] = {}
    for name in FIELD_ORDER:
        if name not in files:
            raise VocabularyError(f"{name}.yaml is missing from {directory}")
        e, c, prio = _field_file(files[name], frags)
        entries += e
        cues += c
        if prio:
            priorities[name] = prio
    return Vocabulary(tuple(entries), tuple(cues), priorities, _unsupported(directory / UNSUPPORTED_FILE))


VOCABULARY = load()
ENUM_CUES: tuple[Cue, ...] = VOCABULARY.cues
TASK_PRIORITY = VOCABULARY.priority("task")
DOMAIN_PRIORITY = VOCABULARY.priority("domain")
