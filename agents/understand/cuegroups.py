"""The cue groups of ``vocabulary/intents.yaml`` (what a message asks), compiled once.

    groups()["process"].pattern.search("how do i run the trial")   # a match: a question about this tool

Each group is one regular expression over the lower-cased message, matched on word boundaries (a Japanese, Chinese
or Korean word may be glued on); its ``examples`` (``says`` / ``not``) are run as tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from agents.understand.cues import AFTER, BEFORE
from agents.understand.vocabfile import read_vocabulary
from agents.understand.vocabulary import HERE, VocabularyError, expand, read_fragments

INTENTS_FILE = HERE / "intents.yaml"
GROUPS = ("opener", "asking", "particle", "unmarked", "setup", "own", "correction", "request", "process", "cost", "saving",
          "comparison", "provider", "maker", "pick", "explain", "concept", "other", "offtopic",
          "aside")


@dataclass(frozen=True)
class Group:
    name: str
    pattern: re.Pattern[str]
    says: tuple[str, ...]
    not_: tuple[str, ...]


@cache
def groups(path: Path = INTENTS_FILE) -> dict[str, Group]:
    """The cue groups of ``intents.yaml`` compiled once; a malformed file raises VocabularyError."""
    try:
        raw = read_vocabulary(path)
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path.name}: cannot read: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("groups"), dict):
        raise VocabularyError(f"{path.name}: expected 'fragments' and 'groups'")
    frags = read_fragments(HERE / "_fragments.yaml")
    for name, spec in (raw.get("fragments") or {}).items():
        if not (isinstance(spec, dict) and isinstance(spec.get("any_of"), list)) and not isinstance(spec, str):
            raise VocabularyError(f"{path.name}: fragment {name!r} must be a string or {{any_of: [...]}}")
        frags[name] = spec if isinstance(spec, str) else [str(x) for x in spec["any_of"]]
    out: dict[str, Group] = {}
    for name in GROUPS:
        spec = raw["groups"].get(name)
        where = f"{path.name} group {name}"
        if not isinstance(spec, dict) or not isinstance(spec.get("phrases"), list) or not spec["phrases"]:
            raise VocabularyError(f"{where}: missing, or without phrases")
        body = "|".join(expand(str(p), frags, where) for p in spec["phrases"])
        try:
            pattern = re.compile(rf"{BEFORE}(?:{body}){AFTER}")   # a Japanese, Chinese or Korean word may be glued on
        except re.error as exc:
            raise VocabularyError(f"{where}: a phrase is not a valid regular expression: {exc}") from None
        ex = spec.get("examples") or {}
        out[name] = Group(name, pattern, tuple(ex.get("says") or ()), tuple(ex.get("not") or ()))
    unknown = set(raw["groups"]) - set(GROUPS)
    if unknown:
        raise VocabularyError(f"{path.name}: unknown group(s) {sorted(unknown)}")
    return out
