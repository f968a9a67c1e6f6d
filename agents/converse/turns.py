"""Small helpers every turn uses, kept apart from the dialogue so that ``recommend`` alone (the CLI, the API)
does not import the message reader: the profile's changes, the next questions, the writing-language hint."""

from __future__ import annotations

import time
from typing import Any

from agents.converse import policy
from agents.converse.state import ChatState
from agents.profile import Profile
from agents.understand.languages.written import not_english, written_language
from knowledge.languages import UNIDENTIFIED


def ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def questions_for(profile: Profile, asked: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{"field": q.field, "text": q.text, "choices": list(q.choices or [])}
            for q in policy.next_questions(profile, asked=asked, max_questions=2)]


def user_language(state: ChatState, profile: Profile, text: str = "") -> str | None:
    """The language the user writes in (all their messages, ``text`` included), detected only on turns where it can
    stand in for the data's languages; ``UNIDENTIFIED`` when it is clearly not English but no signal names it; None
    otherwise or when unclear."""
    if not policy.wants_language_hint(profile):   # skip the detection on turns where it cannot apply
        return None
    said = [h["text"] for h in state.history if h["role"] == "user"] + ([text] if text else [])
    if not said:
        return None
    # the longest message (where users describe their data) decides "not English": a short English line after it
    # ("just give me your best recommendation") does not make a Fijian writer's documents English
    return written_language(said[-8:]) or (UNIDENTIFIED if not_english(max(said[-8:], key=len)) else None)


def written_in(state: ChatState, profile: Profile, text: str = "") -> str | None:
    """The writing language when it stands in for the data's languages (:func:`agents.converse.policy.language_hint`)."""
    return policy.language_hint(profile, user_language(state, profile, text))


def preview_language(profile: Profile, said_in: str | None) -> str | None:
    """The language a preliminary top 3 may assume: the writing-language hint, or "en" for an English writer whose
    data type is known - English is assumed (said) for the preview while the languages are still asked, since English
    writers often hold data in other languages (it is never taken as their answer, unlike another language)."""
    hint = policy.language_hint(profile, said_in)
    return hint or ("en" if said_in == "en" and profile.data_type else None)


def with_hint(asked: tuple[str, ...], hint: str | None) -> tuple[str, ...]:
    """``asked`` with the languages taken as answered by the writing-language hint (never asked, assumed)."""
    return tuple(dict.fromkeys((*asked, "languages"))) if hint else asked


def changes(old: Profile, new: Profile) -> dict[str, tuple[Any, Any]]:
    a, b = old.model_dump(), new.model_dump()
    return {k: (a[k], b[k]) for k in b if a[k] != b[k]}


def raised_first(questions: list[dict[str, Any]], raised: dict[str, str], notes: list[str],
                 profile: Profile) -> tuple[list[dict[str, Any]], list[str]]:
    """Questions the message itself raised (a budget in a currency without a dated rate, ``Extraction.unconverted``: named
    back and asked in USD) come first, in place of the usual question about the same field, so that the next message
    answers them; at most two questions, and the note that said the same is dropped."""
    if not raised:
        return questions, notes
    first = [{"field": f, "text": text, "choices": list(policy.question_for(f, profile).choices or [])}
             for f, text in raised.items()]
    rest = [q for q in questions if q["field"] not in raised]
    return (first + rest)[:max(2, len(first))], [n for n in notes if n not in raised.values()]
