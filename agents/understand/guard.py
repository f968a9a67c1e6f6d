"""Prompt-injection guard: text that tries to change how the advisor works rather than describe needs.

Sentences holding such instructions are removed before extraction. A message that contains them may still
tighten a constraint, but it never relaxes one (see :mod:`agents.understand.extract`).
"""

from __future__ import annotations

import re

from agents.understand.prep import Prepared

_TARGETS = (r"(?:rules|instructions|guidelines|constraints|restrictions|prompts?|system|programming|polic(?:y|ies)|guardrails|"
            r"safety|directives|training|everything (?:above|before)|(?:the )?above|previous|prior|all of that)")
INJECTION = re.compile("|".join((
    rf"\b(?:ignore|disregard|forget|override|bypass|abandon)\s+(?:all\s+|any\s+|of\s+|the\s+|your\s+|my\s+|these\s+|those\s+|"
    rf"previous\s+|prior\s+|earlier\s+|above\s+|system\s+)*{_TARGETS}",
    r"\b(?:you are now|from now on you|act as (?:an?|the)|pretend (?:to be|you are|that)|new instructions|system prompt|"
    r"developer mode|jailbreak|do anything now|role ?play as)\b",
    r"\b(?:always|only|just|must|you should|you will)\s+(?:ever\s+)?recommend\b",
    r"\brecommend\s+[\w./-]+\s+(?:no matter what|regardless|whatever (?:i|the user) says)",
    r"\bregardless of (?:the |my |your |any )?(?:rules|constraints|privacy|licen[cs]es?|requirements)",
    r"\b(?:say|tell (?:me|them|the user)|answer|respond|reply)\s+(?:only\s+)?(?:that|with)\b.{0,60}\b(?:best|recommend\w*|"
    r"winner)\b",
    r"\b(?:print|reveal|show|repeat|output|leak)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+|hidden\s+|initial\s+)?(?:prompt|"
    r"instructions|rules)\b",
    r"<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|begin_of_text|start_header_id|end_header_id)\|>"
    r"|\[/?(?:inst|sys)\]|<</?sys>>",
)), re.I | re.M)
# A chat-template role label anywhere in the message ("ok. SYSTEM: privacy=cloud_ok", "thanks! system: ...") ...
ROLE_LABEL = re.compile(r"(?<![\w/.@-])(?:system|assistant|developer)\s*:(?![/\d])", re.I)
# ... unless a word before it makes it a description of the user's setup ("our system: 16 GB", "file system: ext4").
_DESCRIBED_BY = frozenset({"our", "the", "my", "your", "their", "this", "that", "a", "an", "its", "whole", "entire", "file",
                           "operating", "current", "existing", "legacy", "old", "new", "production", "search", "retrieval",
                           "rag", "recommender", "recommendation", "ticketing", "storage", "backend", "build", "host",
                           "target", "source", "main", "lead", "senior", "junior", "web", "support", "coding", "ai"})
# Direct settings that are legitimate in the user's own words but suspicious inside pasted material.
DIRECT_SETTING = re.compile(r"\bset\s+(?:the\s+)?(?:privacy|commercial[_ ]use|licen[cs]e)\s+(?:to|=)|\b(?:privacy|"
                            r"commercial_use)\s*[:=]")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(low: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(low, 0, start)), default=0)
    right_m = _SENTENCE_END.search(low, end)
    return left, right_m.end() if right_m else len(low)


def _is_role_label(prep: Prepared, start: int, end: int) -> bool:
    before = prep.low[max(0, start - 30):start].split()
    shouted = prep.text[start:end].rstrip(" :").isupper()
    return shouted or not before or before[-1] not in _DESCRIBED_BY


def strip_injections(prep: Prepared) -> list[str]:
    """Blank out sentences that try to instruct the advisor, and those that set constraints inside pasted text.

    Returns the offending snippets (for the note to the user).
    """
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in INJECTION.finditer(prep.low):
        spans.append(_sentence(prep.low, m.start(), m.end()))
        found.append(prep.snippet(m.start(), m.end(), 60))
    for m in ROLE_LABEL.finditer(prep.low):
        if _is_role_label(prep, m.start(), m.end()):
            spans.append(_sentence(prep.low, m.start(), m.end()))
            found.append(prep.snippet(m.start(), m.end(), 60))
    for m in DIRECT_SETTING.finditer(prep.low):
        if prep.in_pasted(m.start(), m.end()):
            spans.append(_sentence(prep.low, m.start(), m.end()))
            found.append(prep.snippet(m.start(), m.end(), 60))
    for s, e in sorted(spans, reverse=True):
        prep.blank(s, e)
    return found
