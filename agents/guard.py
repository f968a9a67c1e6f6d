"""Prompt-injection guard: text that tries to change how the advisor works rather than describe needs.

Sentences holding such instructions are removed before extraction. A message that contains them may still
tighten a constraint, but it never relaxes one (see :mod:`agents.extraction`).
"""

from __future__ import annotations

import re

from agents.textprep import Prepared

_TARGETS = (r"(?:rules|instructions|guidelines|constraints|restrictions|prompts?|system|programming|polic(?:y|ies)|guardrails|"
            r"safety|directives|training|everything (?:above|before)|(?:the )?above|previous|prior|all of that)")
INJECTION = re.compile("|".join((
    rf"\b(?:ignore|disregard|forget|override|bypass|abandon)\s+(?:all\s+|any\s+|of\s+|the\s+|your\s+|my\s+|these\s+|those\s+|"
    rf"previous\s+|prior\s+|earlier\s+|above\s+|system\s+)*{_TARGETS}",
    r"\b(?:you are now|from now on you|act as (?:an?|the)|pretend (?:to be|you are|that)|new instructions|system prompt|"
    r"developer mode|jailbreak|do anything now|role ?play as)\b",
    r"^\s*(?:system|assistant|developer)\s*:",
    r"\b(?:always|only|just|must|you should|you will)\s+(?:ever\s+)?recommend\b",
    r"\brecommend\s+[\w./-]+\s+(?:no matter what|regardless|whatever (?:i|the user) says)",
    r"\bregardless of (?:the |my |your |any )?(?:rules|constraints|privacy|licen[cs]es?|requirements)",
    r"\b(?:say|tell (?:me|them|the user)|answer|respond|reply)\s+(?:only\s+)?(?:that|with)\b.{0,60}\b(?:best|recommend\w*|"
    r"winner)\b",
    r"\b(?:print|reveal|show|repeat|output|leak)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+|hidden\s+|initial\s+)?(?:prompt|"
    r"instructions|rules)\b",
    r"<\|im_start\|>|\[/?inst\]|<<sys>>",
)), re.I | re.M)
# Direct settings that are legitimate in the user's own words but suspicious inside pasted material.
DIRECT_SETTING = re.compile(r"\bset\s+(?:the\s+)?(?:privacy|commercial[_ ]use|licen[cs]e)\s+(?:to|=)|\b(?:privacy|"
                            r"commercial_use)\s*[:=]")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(low: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(low, 0, start)), default=0)
    right_m = _SENTENCE_END.search(low, end)
    return left, right_m.end() if right_m else len(low)


def strip_injections(prep: Prepared) -> list[str]:
    """Blank out sentences that try to instruct the advisor, and those that set constraints inside pasted text.

    Returns the offending snippets (for the note to the user).
    """
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in INJECTION.finditer(prep.low):
        spans.append(_sentence(prep.low, m.start(), m.end()))
        found.append(prep.snippet(m.start(), m.end(), 60))
    for m in DIRECT_SETTING.finditer(prep.low):
        if prep.in_pasted(m.start(), m.end()):
            spans.append(_sentence(prep.low, m.start(), m.end()))
            found.append(prep.snippet(m.start(), m.end(), 60))
    for s, e in sorted(spans, reverse=True):
        prep.blank(s, e)
    return found
