"""Chat state (serialisable, immutable) and the result of one chat turn.

A :class:`ChatState` holds everything a conversation needs to continue in another process: the
profile, which fields were asked (and which the next message may answer), a bounded history, the
last recommendation (as its JSON dict), a compact trial summary and what awaits the user's confirmation
(``confirm``: ``"start_over"`` after "can we start over?", see :mod:`agents.converse.restart`). ``to_dict``/``from_dict``
round-trip through JSON; ``from_dict`` rejects a malformed state with :class:`SessionError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from agents.decide.recommendation import Recommendation
from agents.errors import SessionError
from agents.profile import PROFILE_FIELDS, Profile, ProfileError, parse_profile

MAX_HISTORY = 40            # messages kept (user + assistant)
MAX_STORED_CHARS = 2_000    # a user message is stored truncated; extraction saw the (bounded) full text
STATE_VERSION = 1
CONFIRMABLE = ("start_over",)


@dataclass(frozen=True)
class ChatState:
    """One conversation. Never mutated: every turn returns a new state."""

    profile: Profile = field(default_factory=Profile)
    asked: tuple[str, ...] = ()          # fields asked so far (the dialogue policy avoids repeating them)
    pending: tuple[str, ...] = ()        # fields asked in the last reply: what the next message may answer
    history: tuple[dict[str, str], ...] = ()
    recommendation: dict[str, Any] | None = None
    trial: dict[str, Any] | None = None
    turns: int = 0
    confirm: str | None = None           # an action waiting for the user's yes or no (one of CONFIRMABLE)

    def with_message(self, role: str, text: str) -> ChatState:
        entry = {"role": role, "text": text if len(text) <= MAX_STORED_CHARS else text[:MAX_STORED_CHARS] + " […]"}
        return replace(self, history=(*self.history, entry)[-MAX_HISTORY:])

    def to_dict(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "profile": self.profile.model_dump(mode="json"), "asked": list(self.asked),
                "pending": list(self.pending), "history": [dict(h) for h in self.history],
                "recommendation": self.recommendation, "trial": self.trial, "turns": self.turns, "confirm": self.confirm}

    @classmethod
    def from_dict(cls, data: Any) -> ChatState:
        """Restore a state saved with :meth:`to_dict`; raise :class:`SessionError` naming what is wrong."""
        if not isinstance(data, dict):
            raise SessionError(f"chat state must be a mapping, got {type(data).__name__}")
        unknown = set(data) - {"version", "profile", "asked", "pending", "history", "recommendation", "trial", "turns",
                                "confirm"}
        if unknown:
            raise SessionError(f"unknown chat state key(s): {sorted(unknown)}")
        try:
            profile = parse_profile(data.get("profile") or {}, "chat state profile")
        except ProfileError as exc:
            raise SessionError(str(exc)) from None
        asked, pending = data.get("asked") or [], data.get("pending") or []
        for key, fields in (("asked", asked), ("pending", pending)):
            if not isinstance(fields, list) or any(f not in PROFILE_FIELDS for f in fields):
                raise SessionError(f"chat state {key!r} must list profile fields ({', '.join(PROFILE_FIELDS)})")
        history = data.get("history") or []
        if not isinstance(history, list) or not all(
                isinstance(h, dict) and h.get("role") in ("user", "assistant") and isinstance(h.get("text"), str)
                for h in history):
            raise SessionError("chat state 'history' must be a list of {role: user|assistant, text: str}")
        for key in ("recommendation", "trial"):
            if data.get(key) is not None and not isinstance(data[key], dict):
                raise SessionError(f"chat state {key!r} must be a mapping or null")
        turns = data.get("turns", 0)
        if not isinstance(turns, int) or turns < 0:
            raise SessionError("chat state 'turns' must be a non-negative integer")
        confirm = data.get("confirm")
        if confirm is not None and confirm not in CONFIRMABLE:
            raise SessionError(f"chat state 'confirm' must be null or one of {', '.join(CONFIRMABLE)}")
        return cls(profile, tuple(asked), tuple(pending),
                   tuple({"role": h["role"], "text": h["text"]} for h in history[-MAX_HISTORY:]),
                   data.get("recommendation"), data.get("trial"), turns, confirm)


@dataclass
class TurnResult:
    """What one chat turn produced: the new state, the reply (Markdown) and what led to it."""

    state: ChatState
    reply: str
    questions: list[dict[str, Any]]
    recommendation: Recommendation | None
    steps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    elapsed_ms: float | None = None
    # needs | model_question | comparison | cost_question | concept_question | process_question | other
    intent: str = "needs"
    answer: dict[str, Any] | None = None     # a question's answer: kind, text, facts, sources, models, found

    def to_dict(self) -> dict[str, Any]:
        return {"reply": self.reply, "questions": self.questions,
                "recommendation": self.recommendation.to_dict() if self.recommendation else None,
                "steps": self.steps, "notes": self.notes, "state": self.state.to_dict(), "elapsed_ms": self.elapsed_ms,
                "intent": self.intent, "answer": self.answer}


def compact_trial(trial: Any) -> dict[str, Any]:
    """The parts of a trial result the advisor cites (accepts ``TrialResult`` or its ``to_dict()``)."""
    data = trial.to_dict() if hasattr(trial, "to_dict") else trial
    if not isinstance(data, dict) or not isinstance(data.get("candidates"), list):
        raise SessionError("a trial summary must be a TrialResult or its to_dict() with a 'candidates' list")
    keep = ("model", "kind", "metrics", "ci95", "paired_test", "vs_baseline")
    return {"best": data.get("best"), "label_free": bool(data.get("label_free")), "partial": bool(data.get("partial")),
            "sample": {k: v for k, v in (data.get("sample") or {}).items() if k in ("documents", "queries", "source")},
            "corpus_size": data.get("corpus_size"),
            "candidates": [{k: c.get(k) for k in keep} for c in data["candidates"] if isinstance(c, dict)],
            "summary": [str(s) for s in data.get("summary") or []]}
