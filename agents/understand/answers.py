"""Bare answers to the question(s) the assistant just asked: "skip", "not sure", "either", "yes", "Other", "a paragraph".

``answer_only(rec)`` reads a message that is nothing but a decline or indifference; ``expected(rec, hits)`` reads what
is left of the asked fields after the other stages, attributing a short "yes"/"no" or a bare answer to them.
"""

from __future__ import annotations

from typing import Any

from agents.understand.cues import Hit
from agents.understand.intent import groups as intent_groups
from agents.understand.moves import DECLINE_ANSWER, DECLINED, GENERAL_ANSWER, INDIFFERENT, YES_NO_MEANING, bare_answer, yes_or_no
from agents.understand.prep import looks_like_words
from agents.understand.record import Recorder


def answer_only(rec: Recorder) -> bool:
    """A bare "skip"/"not sure"/"either" answer to the question(s) just asked (then nothing else is read)."""
    low = rec.prep.low.strip()
    if not rec.expecting or not DECLINE_ANSWER.match(low):
        return False
    snippet = rec.prep.snippet(0, len(rec.prep.text))
    for f in rec.expecting:
        if INDIFFERENT.match(low) and f == "privacy":
            rec.set_checked("privacy", "cloud_ok", snippet, pasted=False)
        elif INDIFFERENT.match(low) and f == "domain":
            rec.set("domain", "general", snippet)
        else:
            rec.clear(f, snippet, declined=True)
    return True


def expected(rec: Recorder, hits: list[Hit]) -> None:
    """Bare answers ("yes", "Other", "a paragraph") to the question(s) just asked."""
    low = rec.prep.low.strip()
    words = len(low.split())
    snippet = rec.prep.snippet(0, len(rec.prep.text))
    yes_no_used = any(f in YES_NO_MEANING and f in rec.ex.updates for f in rec.expecting)
    for f in rec.expecting:
        if f in rec.ex.updates or f in rec.ex.cleared:
            continue
        if f in YES_NO_MEANING and words <= 8 and not yes_no_used:
            said = yes_or_no(low)
            if said is not None:
                _answer(rec, f, YES_NO_MEANING[f][0 if said else 1], snippet)
                yes_no_used = True
                continue
        if f == "domain" and words <= 5 and not GENERAL_ANSWER.match(low) and not any(c.isdigit() for c in low):
            small_talk = intent_groups()["other"].pattern.search(low)   # "lol ok" names no domain
            if looks_like_words(low) and not small_talk and not hits and not rec.ex.updates and not _asks_back(rec):
                rec.set("domain", "other", snippet)   # a domain we have no name for ("aerospace")
            continue
        answer = bare_answer(f, low)
        if answer is DECLINED:
            rec.clear(f, snippet, declined=True)
        elif answer is not None:
            value, detail = answer
            _answer(rec, f, value, snippet + (f" ({detail})" if detail else ""))


def _asks_back(rec: Recorder) -> bool:
    """A question or request in return ("what about bge-m3?", "why is #2 above #3? they look the same") is no answer."""
    return bool(rec.prep.models) or "?" in rec.prep.text or "\uff1f" in rec.prep.text


def _answer(rec: Recorder, f: str, value: Any, evidence: str) -> None:
    checked = f in ("privacy", "commercial_use")   # a hard constraint: relaxing it needs the user's own words
    rec.set_checked(f, value, evidence, pasted=False) if checked else rec.set(f, value, evidence)
