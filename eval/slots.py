"""Slot accuracy of extraction over a file of labelled utterances (tests/agents/understand/utterances.yaml).

Used by the extraction tests (every case must pass) and by eval/ (the slot-accuracy figure). A *slot* is
one expected field of a case. Accuracy = correct slots / (expected slots + spurious slots), where a
spurious slot is a field set by a case that lists its exact updates (``expect``) but not that field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agents.profile import Profile
from agents.understand.extract import Extraction, extract

DEFAULT_CASES = Path(__file__).resolve().parents[1] / "tests" / "agents" / "understand" / "utterances.yaml"


@dataclass
class CaseResult:
    id: str
    correct: int = 0
    expected: int = 0
    spurious: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class SlotReport:
    results: list[CaseResult]

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def total(self) -> int:
        return sum(r.expected + r.spurious for r in self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def cases_passed(self) -> int:
        return sum(r.passed for r in self.results)


def load_cases(path: Path | str = DEFAULT_CASES) -> list[dict[str, Any]]:
    """The cases of a YAML file (a list of mappings with an ``id``)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(c, dict) and "id" in c for c in data):
        raise ValueError(f"{path}: expected a list of cases, each with an 'id'")
    return data


def same(a: Any, b: Any) -> bool:
    """Equality with a relative tolerance for numbers (16.6667 == 1000/60)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-6)
    return a == b


def play(case: dict[str, Any]) -> tuple[Extraction, Profile]:
    """Run a case's message(s); returns the last extraction and the final profile."""
    profile = Profile.model_validate(case.get("profile") or {})
    turns = case.get("turns") or [{"text": case.get("text", ""), "expecting": case.get("expecting")}]
    ex = Extraction()
    for turn in turns:
        ex = extract(turn.get("text", ""), profile, turn.get("expecting"))
        profile = ex.apply(profile)
    return ex, profile


def run_case(case: dict[str, Any]) -> CaseResult:
    """Score one case against its expectations."""
    res = CaseResult(str(case["id"]))
    ex, profile = play(case)

    def check(label: str, actual: dict[str, Any], wanted: dict[str, Any]) -> None:
        for f, v in wanted.items():
            res.expected += 1
            if f in actual and same(actual[f], v):
                res.correct += 1
            else:
                res.failures.append(f"{label} {f}: expected {v!r}, got {actual.get(f, '<unset>')!r}")

    if "expect" in case:
        wanted = case["expect"] or {}
        check("update", ex.updates, wanted)
        for f in ex.updates:
            if f not in wanted:
                res.spurious += 1
                res.failures.append(f"spurious update {f}={ex.updates[f]!r}")
    check("update", ex.updates, case.get("expect_some") or {})
    check("profile", profile.known(), case.get("expect_profile") or {})
    for f in case.get("cleared") or []:
        res.expected += 1
        if f in ex.cleared:
            res.correct += 1
        else:
            res.failures.append(f"expected {f} cleared, cleared={ex.cleared}")
    for f in case.get("absent") or []:
        if f in ex.updates:
            res.failures.append(f"{f} must not be set, got {ex.updates[f]!r}")
    notes = " | ".join(ex.notes).lower()
    if "notes" in case:
        if case["notes"] == [] and ex.notes:
            res.failures.append(f"expected no notes, got {ex.notes}")
        for n in case["notes"] or []:
            if str(n).lower() not in notes:
                res.failures.append(f"note containing {n!r} missing; notes={ex.notes}")
    for flag in case.get("flags") or []:
        if flag not in ex.flags:
            res.failures.append(f"flag {flag!r} missing; flags={ex.flags}")
    return res


def slot_accuracy(cases: list[dict[str, Any]] | None = None) -> SlotReport:
    """Score every case (default: the committed utterance file)."""
    return SlotReport([run_case(c) for c in (load_cases() if cases is None else cases)])
