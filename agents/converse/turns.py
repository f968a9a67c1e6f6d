"""Small helpers every turn uses, kept apart from the dialogue so that ``recommend`` alone (the CLI, the API)
does not import the message reader: the profile's changes, the next questions, the writing-language hint."""

from __future__ import annotations

import time
from typing import Any

from agents.converse import policy
from agents.converse.state import ChatState
from agents.profile import Profile
from agents.understand.languages.written import written_language


def ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def questions_for(profile: Profile, asked: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{"field": q.field, "text": q.text, "choices": list(q.choices or [])}
            for q in policy.next_questions(profile, asked=asked, max_questions=2)]


def written_in(state: ChatState, profile: Profile, text: str = "") -> str | None:
    """The language the user writes in (all their messages, ``text`` included), when it stands in for the data's
    languages (:func:`agents.converse.policy.language_hint`)."""
    if not policy.wants_language_hint(profile):   # skip the detection on turns where it cannot apply
        return None
    said = [h["text"] for h in state.history if h["role"] == "user"] + ([text] if text else [])
    return policy.language_hint(profile, written_language(said[-8:])) if said else None


def english_preview(state: ChatState, profile: Profile, text: str = "") -> str | None:
    """"en" when the data's languages are unknown and the user writes in English: a preliminary top 3 may assume
    English (said), while the languages are still asked - English writers often hold data in other languages, so
    English is never taken as an answer the way another writing language is (:func:`written_in`)."""
    if not policy.wants_language_hint(profile):
        return None
    said = [h["text"] for h in state.history if h["role"] == "user"] + ([text] if text else [])
    return "en" if said and written_language(said[-8:]) == "en" else None


def with_hint(asked: tuple[str, ...], hint: str | None) -> tuple[str, ...]:
    """``asked`` with the languages taken as answered by the writing-language hint (never asked, assumed)."""
    return tuple(dict.fromkeys((*asked, "languages"))) if hint else asked


def changes(old: Profile, new: Profile) -> dict[str, tuple[Any, Any]]:
    a, b = old.model_dump(), new.model_dump()
    return {k: (a[k], b[k]) for k in b if a[k] != b[k]}
