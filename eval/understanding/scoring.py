"""Score the held-out sets through the advisor's chat facade only.

Each item starts from a fresh chat state, plays its context turns, then the message, and reads the
profile before and after the message. Nothing here knows how the advisor understands text: the
comparison rules (numbers within 2 %, languages as a set, ``one_of``) are the labelling conventions of
README.md in this folder, and the advisor is any object with ``turn(state, message)`` returning a result
with ``.state.profile`` (and, once intents exist, ``.intent``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eval.understanding.sets import QUESTION_INTENTS, Item

REL_TOL = 0.02
NOT_IMPLEMENTED = "intent classification not implemented (the turn result has no 'intent')"


class ChatAdvisor(Protocol):
    def turn(self, state: Any, message: str) -> Any: ...


@dataclass(frozen=True)
class Played:
    """The profile before and after the item's message, the reported intent, and any crash."""

    before: dict[str, Any] | None
    after: dict[str, Any] | None
    intent: str | None
    has_intent: bool
    error: str | None = None


def _profile(state: Any) -> dict[str, Any]:
    return dict(state.profile.model_dump())


def play(advisor: ChatAdvisor, new_state: Callable[[], Any], item: Item) -> Played:
    """Run the item's context, then its message; a crash is recorded, never raised."""
    before = None
    try:
        state = new_state()
        for text in item.context:
            state = advisor.turn(state, text).state
        before = _profile(state)
        result = advisor.turn(state, item.message)
        return Played(before, _profile(result.state), getattr(result, "intent", None), hasattr(result, "intent"))
    except Exception as exc:  # the eval reports a crashing turn instead of stopping
        return Played(before, None, None, False, f"{type(exc).__name__}: {exc}")


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def matches(expected: Any, actual: Any) -> bool:
    """Does a profile value satisfy a label (see the conventions in README.md)?"""
    if isinstance(expected, dict) and "one_of" in expected:
        return any(matches(alt, actual) for alt in expected["one_of"])
    if actual is None:
        return False
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if _is_number(expected) and _is_number(actual):
        return math.isclose(float(expected), float(actual), rel_tol=REL_TOL)
    if isinstance(expected, list) and isinstance(actual, list):
        return {str(x).lower() for x in expected} == {str(x).lower() for x in actual}
    return expected == actual


def field_checks(item: Item, after: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per labelled field: field, kind (set | unset), expected, got, ok."""
    got = after or {}
    rows = [{"field": f, "kind": "set", "expected": v, "got": got.get(f), "ok": after is not None and matches(v, got.get(f))}
            for f, v in item.expect.items()]
    rows += [{"field": f, "kind": "unset", "expected": None, "got": got.get(f), "ok": after is not None and got.get(f) is None}
             for f in item.unset]
    return rows


def _share(correct: int, total: int) -> float | None:
    return round(correct / total, 4) if total else None


def score_extraction(items: Sequence[Item], advisor: ChatAdvisor, new_state: Callable[[], Any]) -> dict[str, Any]:
    """Field accuracy over the labelled items, with per-field and per-item details and every miss."""
    per_field: dict[str, dict[str, int]] = {}
    rows, misses, errors = [], [], []
    for item in items:
        played = play(advisor, new_state, item)
        checks = field_checks(item, played.after)
        for c in checks:
            stat = per_field.setdefault(c["field"], {"correct": 0, "total": 0})
            stat["total"] += 1
            stat["correct"] += c["ok"]
        item_misses = [{k: c[k] for k in ("field", "kind", "expected", "got")} for c in checks if not c["ok"]]
        misses += [{"id": item.id, "message": item.message, **m} for m in item_misses]
        if played.error:
            errors.append({"id": item.id, "error": played.error})
        rows.append({"id": item.id, "correct": sum(c["ok"] for c in checks), "total": len(checks),
                     "misses": item_misses, "error": played.error})
    correct, total = sum(r["correct"] for r in rows), sum(r["total"] for r in rows)
    return {"accuracy": _share(correct, total), "correct": correct, "total": total, "items": len(rows),
            "per_field": {f: {**s, "accuracy": _share(s["correct"], s["total"])} for f, s in sorted(per_field.items())},
            "per_item": rows, "misses": misses, "errors": errors}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {f: [before.get(f), after.get(f)] for f in sorted(set(before) | set(after)) if before.get(f) != after.get(f)}


def score_intents(items: Sequence[Item], advisor: ChatAdvisor, new_state: Callable[[], Any]) -> dict[str, Any]:
    """Intent accuracy (None while the advisor reports no intent), questions that changed the profile,
    and the profile changes of the labelled ``needs`` messages."""
    per_intent: dict[str, dict[str, int]] = {}
    intent_misses, changed, needs_misses, errors = [], [], [], []
    implemented = False
    right = needs_correct = needs_total = 0
    for item in items:
        played = play(advisor, new_state, item)
        implemented |= played.has_intent
        if played.error:
            errors.append({"id": item.id, "error": played.error})
        stat = per_intent.setdefault(item.intent or "", {"correct": 0, "total": 0})
        stat["total"] += 1
        ok = played.intent == item.intent
        stat["correct"] += ok
        right += ok
        if not ok:
            intent_misses.append({"id": item.id, "message": item.message, "expected": item.intent, "got": played.intent})
        if item.intent in QUESTION_INTENTS and played.before is not None and played.after is not None:
            diff = _changes(played.before, played.after)
            if diff:
                changed.append({"id": item.id, "intent": item.intent, "message": item.message, "changes": diff})
        if item.intent == "needs" and (item.expect or item.unset):
            checks = field_checks(item, played.after)
            needs_total += len(checks)
            needs_correct += sum(c["ok"] for c in checks)
            needs_misses += [{"id": item.id, "message": item.message,
                              **{k: c[k] for k in ("field", "kind", "expected", "got")}} for c in checks if not c["ok"]]
    questions = sum(1 for i in items if i.intent in QUESTION_INTENTS)
    return {
        "accuracy": _share(right, len(items)) if implemented else None,
        "note": None if implemented else NOT_IMPLEMENTED,
        "items": len(items),
        "per_intent": {k: {**s, "accuracy": _share(s["correct"], s["total"]) if implemented else None}
                       for k, s in sorted(per_intent.items())},
        "intent_misses": intent_misses if implemented else [],
        "questions": questions,
        "profile_changed_by_question": len(changed),
        "changed_by_question": changed,
        "needs_change_accuracy": _share(needs_correct, needs_total),
        "needs_change_correct": needs_correct, "needs_change_total": needs_total,
        "needs_misses": needs_misses,
        "errors": errors,
    }
