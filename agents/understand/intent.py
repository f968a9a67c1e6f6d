"""What a message asks, read before any slot is filled: the intent of its question parts, and which parts
state facts about the needs.

    reading = read_intent("we have 2M docs — would bge-m3 handle that?", find_models)
    reading.asks            # "model_question": what the question part asks
    reading.fact_spans      # [(0, 16)]: "we have 2M docs" states a fact; extraction reads only these
    reading.question_spans  # the asking parts: extraction never reads them, so a question never edits the needs

The message is cut into fact, request, question and aside parts (:mod:`agents.understand.parts`). The asking
parts are classified by the cue groups of ``vocabulary/intents.yaml`` with ordered rules (see
:func:`_classify`). Which label a whole turn gets is the conversation's decision
(:mod:`agents.converse.dialogue`): a turn whose stated parts change the needs is a ``needs`` turn, and its
question is answered as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agents.understand.cuegroups import GROUPS, groups
from agents.understand.modelnames import find_model_names, mark_model_names
from agents.understand.parts import Part, split_parts, stated_at
from agents.understand.prep import Prepared, prepare

__all__ = ["INTENTS", "QUESTION_INTENTS", "UNKNOWN", "Part", "Reading", "groups", "read_intent", "split_parts",
           "stated_at"]

INTENTS: tuple[str, ...] = ("needs", "model_question", "comparison", "cost_question", "concept_question",
                            "process_question", "other")
QUESTION_INTENTS: frozenset[str] = frozenset({"model_question", "comparison", "cost_question", "concept_question",
                                              "process_question"})
UNKNOWN = "unknown"   # a question no cue explains: the conversation checks the concept articles, else "other"
_OR = re.compile(r"\bor\b")
# Concept words that also name a model family ("is siglip better than clip?" compares models).
_MODEL_CONCEPT = re.compile(r"clip|siglip|clap|colbert|splade")
# Words of embedding work: a question naming them is about the advisor's subject even if it names a game or a disc.
_EMBEDDING_WORK = re.compile(r"embed|vector|index|retriev|search|rerank|model|corpus|\bdocs?\b|document|chunk")
# A model or maker's name (blanked to spaces, or a family word) followed by "models": a family spoken of as a kind
# ("why do e5 models want 'query: ' in front?"), not one model.
_FAMILY_KIND = re.compile(r"(?:\s{2,}|\b[\w.-]+\s)(?:models|embedders)\b")
# A price stated before a cost word frames a question rather than asking the cost ("X vs Y at $200 a month - which?").
_AMOUNT_BEFORE = re.compile(r"(?:[$\u20ac\u00a3\u00a5]\s*\d[\d.,]*\s*[km]?|\d[\d.,]*\s*[km]?\s*(?:\$|\u20ac|\u00a3|usd|eur|gbp|"
                            r"chf|dollars?|euros?|bucks))\s*(?:/\s*|per\s+|each\s+|every\s+)?$")


@dataclass
class Reading:
    """What one message asks, and which of its parts state facts."""

    asks: str | None                                  # a QUESTION_INTENTS label, UNKNOWN, or None (no question)
    confident: bool
    parts: list[Part]
    models: list[str] = field(default_factory=list)   # catalog ids named in the asking parts, in order
    unknown_models: list[str] = field(default_factory=list)   # model-like names without a card
    providers: list[str] = field(default_factory=list)         # "the OpenAI one" -> "openai"
    pick: bool = False                                 # the asking parts refer to the advisor's own pick
    concepts: list[str] = field(default_factory=list)  # concept words in the asking parts ("matryoshka", "int8")
    small_talk: bool = False
    question_text: str = ""                           # the asking parts, as written

    @property
    def question_spans(self) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in self.parts if p.kind == "question"]

    @property
    def fact_spans(self) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in self.parts if p.kind in ("fact", "request")]

    @property
    def unread_spans(self) -> list[tuple[int, int]]:
        """The parts extraction must not read: questions and asides."""
        return [(p.start, p.end) for p in self.parts if p.kind not in ("fact", "request")]

    @property
    def has_request(self) -> bool:
        return any(p.kind == "request" for p in self.parts)


def _cost_asked(q: str) -> re.Match[str] | None:
    """The first cost cue that asks a cost, not one that only states a price ("X vs Y at $200 a month")."""
    for m in groups()["cost"].pattern.finditer(q):
        if not _AMOUNT_BEFORE.search(q, max(0, m.start() - 24), m.start()):
            return m
    return None


def _find(name: str, low: str) -> list[re.Match[str]]:
    return list(groups()[name].pattern.finditer(low))


def _names_in(prep: Prepared, spans: list[tuple[int, int]]) -> list[str]:
    out = []
    for s, e, kind in find_model_names(prep.text.lower()):
        if kind not in ("mention", "code") and any(a <= s and e <= b for a, b in spans):
            out.append(prep.text[s:e])
    return out


def _classify(r: Reading, q: str) -> tuple[str, bool]:
    """The asking parts' intent and whether the rules are sure (the LLM, when configured, may settle the rest).

    Order: how to use this tool > explaining a named concept > cost or footprint > two or more models >
    one model (or the advisor's pick) > any concept word > unknown.
    """
    first = {name: groups()[name].pattern.search(q) for name in GROUPS}
    first["cost"] = _cost_asked(q)
    found = {name: m is not None for name, m in first.items()}
    n_models = len(r.models) + len(r.unknown_models) + len(r.providers)
    if found["process"]:
        return "process_question", not (found["cost"] or n_models)
    # "how much storage do we need with binary vectors?": a cost asked first is a cost question, even when a
    # concept is named after it; "how does int8 work, and what would it cost?" explains first.
    cost_first = found["cost"] and (not found["explain"] or first["cost"].start() <= first["explain"].start())
    if found["explain"] and not n_models and not r.pick and not cost_first:
        return "concept_question", True
    if found["cost"]:
        return "cost_question", True
    if n_models >= 2:
        return "comparison", True
    if n_models == 1 and (found["comparison"] or (r.pick and _OR.search(q))):
        return "comparison", True
    if not n_models and r.pick and found["comparison"]:   # "compare the top two"
        return "comparison", True
    if n_models == 1 and found["concept"] and _FAMILY_KIND.search(q):
        # "why do e5 models want 'query: ' and 'passage: ' in front?": a family named as a kind asks the concept
        return "concept_question", True
    if n_models or r.pick:
        return "model_question", True
    if found["comparison"] and not all(_MODEL_CONCEPT.fullmatch(c) for c in r.concepts or ["clip"]):
        # "bi-encoder or cross-encoder?", "does 1024-dimension beat 384?": kinds of model set against each other
        return "concept_question", True
    if found["comparison"]:   # "is siglip better than clip?", "MedCPT or BioLORD?": names we hold no card for
        return "comparison", False
    if found["concept"]:
        return "concept_question", not found["saving"]
    if found["saving"]:
        return "cost_question", False
    return UNKNOWN, False


def read_intent(message: Any, find_models: Callable[[str], Sequence[str]] | None = None) -> Reading:
    """Read what ``message`` asks. ``find_models(text)`` returns the catalog ids named in a text (the
    conversation passes the knowledge base's lookup); without it, only unknown model-like names count."""
    prep = prepare(message)
    raw_low = prep.low
    mark_model_names(prep)
    parts = split_parts(prep)
    questions = [(p.start, p.end) for p in parts if p.kind == "question"]
    q_text = " ".join(prep.text[s:e].strip() for s, e in questions)
    r = Reading(None, True, parts, question_text=q_text)
    r.small_talk = (bool(groups()["other"].pattern.search(raw_low)) and len(raw_low.split()) <= 8) or any(
        p.kind == "aside" for p in parts)
    if not questions:
        return r
    q_low = " ".join(prep.low[s:e] for s, e in questions)
    r.models = list(dict.fromkeys(find_models(q_text) if find_models else []))
    known = {m.split("/")[-1].lower() for m in r.models} | {m.lower() for m in r.models}
    r.unknown_models = [n for n in dict.fromkeys(_names_in(prep, questions))
                        if n.lower() not in known and not any(n.lower() in k or k in n.lower() for k in known)]
    q_raw = raw_low_in(raw_low, questions)
    r.providers = [] if r.models else list(dict.fromkeys(m.group().split("'")[0].split()[0]
                                                         for m in _find("provider", q_raw)))
    if not r.models and not r.providers:
        # "cohere or voyage?": bare makers are models only when set against each other or compared
        makers = list(dict.fromkeys(m.group().split()[0] for m in _find("maker", q_raw)))
        if len(makers) >= 2 or (makers and groups()["comparison"].pattern.search(q_raw)):
            r.providers = makers
    if not r.models and not r.unknown_models and groups()["comparison"].pattern.search(q_low):
        # "bge-m3 or e5-large, which one would you pick?": the models are named before the asking clause
        r.models = list(dict.fromkeys(find_models(prep.text) if find_models else []))
        r.unknown_models = [n for n in dict.fromkeys(_names_in(prep, [(0, len(prep.text))]))
                            if not any(n.lower() in m.lower() for m in r.models)]
    r.pick = bool(groups()["pick"].pattern.search(q_low))
    r.concepts = list(dict.fromkeys(m.group() for m in _find("concept", q_low)))
    if (groups()["offtopic"].pattern.search(q_low) and not r.models and not r.providers and not r.concepts
            and not _EMBEDDING_WORK.search(q_low)):
        # "how many GB fit on a Blu-ray disc?", "is an RTX 5090 worth it for gaming?": small talk, not a cost question
        r.small_talk, r.asks, r.confident = True, UNKNOWN, True
    else:
        r.asks, r.confident = _classify(r, q_low)
    if r.asks == UNKNOWN and all(p.weak for p in parts if p.kind == "question"):
        # "English and German?": a question mark, but nothing asked about models, costs, concepts or the tool.
        r.parts = [Part(p.start, p.end, "fact") if p.kind == "question" else p for p in parts]
        r.asks, r.confident, r.question_text = None, True, ""
    return r


def raw_low_in(low: str, spans: list[tuple[int, int]]) -> str:
    """The lower-cased text of ``spans`` (model names not blanked), joined."""
    return " ".join(low[s:e] for s, e in spans)
