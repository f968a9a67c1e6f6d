"""What a message asks, read before any slot is filled: the intent of its question parts, and which parts
state facts about the needs.

    reading = read_intent("we have 2M docs — would bge-m3 handle that?", find_models)
    reading.asks            # "model_question": what the question part asks
    reading.fact_spans      # [(0, 16)]: "we have 2M docs" states a fact; extraction reads only these
    reading.question_spans  # the asking parts: extraction never reads them, so a question never edits the needs

The message is cut into sentences, and a question sentence into a stated part and an asking part where an
asking clause ("would ...", "how ...", "is ...") starts after a comma or dash. A request to change the
needs ("can you add German?", "could we switch to the cloud?") is an answer, not a question. The asking
parts are classified by the cue groups of ``vocabulary/intents.yaml`` with ordered rules (see
:func:`_classify`). Which label a whole turn gets is the conversation's decision
(:mod:`agents.converse.dialogue`): a turn whose stated parts change the needs is a ``needs`` turn, and its
question is answered as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from agents.understand.cues import AFTER, BEFORE
from agents.understand.modelnames import find_model_names, mark_model_names
from agents.understand.prep import Prepared, prepare
from agents.understand.vocabulary import HERE, VocabularyError, expand, read_fragments

INTENTS: tuple[str, ...] = ("needs", "model_question", "comparison", "cost_question", "concept_question",
                            "process_question", "other")
QUESTION_INTENTS: frozenset[str] = frozenset({"model_question", "comparison", "cost_question", "concept_question",
                                              "process_question"})
UNKNOWN = "unknown"   # a question no cue explains: the conversation checks the concept articles, else "other"
INTENTS_FILE = HERE / "intents.yaml"
GROUPS = ("opener", "asking", "particle", "setup", "own", "correction", "request", "process", "cost", "saving",
          "comparison", "provider", "maker", "pick", "explain", "concept", "other", "aside")
# Words that may come before a question's opener: "so, how does ...", "ok and what about ...".
_LEAD = re.compile(r"\s*(?:(?:so|and|but|ok|okay|also|well|hmm|btw|by the way|one more thing|quick question|"
                   r"another question|question|follow[- ]up|and also|then|right|great|thanks|thank you|roughly|approximately|"
                   r"realistically|honestly|just curious|out of curiosity)\b[\s,:;.!-]*)*")
# A full stop inside a token ("g4dn.xlarge", "v1.5", "e.g") does not end a sentence; a question or exclamation mark
# always does, whatever follows it ("Is OpenAI ok?0", "...a problem?Would ...": a question never relaxes a need).
# Nor does the dot of a scale or "about" abbreviation ("12 Mio. English pages", "ca. 300 tys. umów"). A Japanese
# full stop ends one.
_ABBREVIATED = "|".join(f"(?<={a})" for a in (r"\bmio", r"\bmrd", r"\btys", r"\bmln", r"\bmld", r"\btis", r"\bca",
                                               r"\bapprox", r"\baprox", r"\benv", r"\bzirka", r"\bcirca"))
_SENTENCE = re.compile(rf"(?:[^.!?\u3002\n]|\.(?=\w)|(?:{_ABBREVIATED})\.(?=[ \t]+\S))*"
                       r"(?:[!?][.!?]*|\.+(?=\s|$)|\u3002|\n|$)")
# Where an asking clause may start inside a sentence: after a comma, semicolon, colon or dash, or "and"/"but"/"so".
_OR = re.compile(r"\bor\b")
_CLAUSE_START = re.compile(r"(?:[,;:]|\s[-\u2013\u2014]+|\s(?:and|but|so))\s+")
# A stated part that only sets up the question ("at 50 queries per second, what would it cost?", "if we had 20M
# articles, ..."): a hypothesis, not a fact about the needs, so the whole sentence is the question.
_HYPOTHESIS = re.compile(r"\s*(?:at|if|assuming|suppose|supposing|say|given|hypothetically|in case|with say|let's say|"
                         r"for (?:documents|docs|texts|chunks|pages|files|vectors|a corpus|an index|an? \w+ corpus) "
                         r"(?:of|with|around|averaging))\b")
# Concept words that also name a model family ("is siglip better than clip?" compares models).
_MODEL_CONCEPT = re.compile(r"clip|siglip|clap|colbert|splade")
_WHAT_IF = re.compile(r"\u00bf?(?:what if|how about|let's say|let us say|suppose|y si|e se|et si|und wenn)\b")
# A short phrase with no verb that only sets up the question ("on a p3.8xlarge, how long ...?", "with 5M docs, what ...?").
_SETUP = re.compile(r"(?:on|with|using)\s+(?:[\w.-]+\s*){1,4}")
_CLAIM = re.compile(r"\s*(?:that'?s|that is|this is|which is|it'?s)\s+(?:our|my|the)\s+(?:[\w-]+\s+){0,2}"
                    r"(?:window|budget|limit|cap|ceiling|deadline|target|maximum|max|sla|requirement)\b")
# Models set against each other before a bare asking clause ("MedCPT or BioLORD, which one?", "OpenAI vs Google - which?");
# a model name is blanked to a run of spaces ("bge-m3 or e5-large for 150 € a month, which one?").
_ALTERNATIVES = re.compile(r"(?:\S\s+|\s{2,})(?:or|vs\.?|versus)\s+\S")
_DIGIT = re.compile(r"\d")
# What may separate two asides of one sentence ("sorry, my cat ... keyboard, ignore that").
_GAP = re.compile(r"[\s,;:.!?\"'()\u00ab\u00bb\u201e\u3001\u3002\uff0c\uff01-]*")
# A price stated before a cost word frames a question rather than asking the cost ("X vs Y at $200 a month - which?").
_AMOUNT_BEFORE = re.compile(r"(?:[$\u20ac\u00a3\u00a5]\s*\d[\d.,]*\s*[km]?|\d[\d.,]*\s*[km]?\s*(?:\$|\u20ac|\u00a3|usd|eur|gbp|"
                            r"chf|dollars?|euros?|bucks))\s*(?:/\s*|per\s+|each\s+|every\s+)?$")


@dataclass(frozen=True)
class Group:
    name: str
    pattern: re.Pattern[str]
    says: tuple[str, ...]
    not_: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A span of the message: ``fact`` (states needs), ``request`` (asks to change them), ``question``, or
    ``aside`` (not about the needs at all: "sorry, my cat walked over the keyboard", "translate 'hello' into Korean")."""

    start: int
    end: int
    kind: str
    weak: bool = False        # a question only by its question mark ("English and German?")


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


@cache
def groups(path: Path = INTENTS_FILE) -> dict[str, Group]:
    """The cue groups of ``intents.yaml`` compiled once; a malformed file raises VocabularyError."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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


def _lead_end(low: str, start: int, end: int) -> int:
    lead = _LEAD.match(low, start, end)
    return lead.end() if lead else start


def _opens(low: str, start: int, end: int, name: str = "opener") -> bool:
    """An ``opener`` (or ``request``) cue right at ``start`` (after filler words)."""
    pos = _lead_end(low, start, end)
    if low.startswith("\u00bf", pos):   # "¿qué es ...?" asks; "¿y si añadimos portugués?" may still be a request
        if name == "opener":
            return True
        pos += 1
    m = groups()[name].pattern.match(low, pos, end)
    return m is not None


def split_parts(prep: Prepared) -> list[Part]:
    """The message as fact, request and question parts (see the module docstring)."""
    low, text = prep.low, prep.text
    parts: list[Part] = []
    for m in _SENTENCE.finditer(low):
        s, e = m.span()
        if not low[s:e].strip():
            continue
        asks_mark = text[s:e].rstrip().endswith("?")
        if _aside(low, s, e):
            parts.append(Part(s, e, "aside"))
            continue
        if _opens(low, s, e, "request") and not groups()["process"].pattern.search(low, s, e):
            # "what if we had 20M docs, what would it cost?": a hypothesis that sets up a question edits nothing
            hypothesis = _WHAT_IF.match(low, _lead_end(low, s, e)) and any(
                _opens(low, c.end(), e) and not _opens(low, c.end(), e, "request") for c in _CLAUSE_START.finditer(low, s, e))
            parts.append(Part(s, e, "question" if hypothesis else "request"))
            continue
        if _asks_at(low, s, e, asks_mark):
            parts.append(Part(s, e, "question"))
            continue
        if not asks_mark:
            parts.append(Part(s, e, "fact"))
            continue
        # A question sentence: a stated part may come before an asking clause ("we have 2M docs — would ...?").
        for c in _CLAUSE_START.finditer(low, s, e):
            if _opens(low, c.end(), e, "request"):
                parts += [Part(s, c.end(), "fact"), Part(c.end(), e, "request")]
                break
            if _asks_at(low, c.end(), e, asks_mark):
                if _frames(low, s, c.start()) or (_ALTERNATIVES.search(low, s, c.start())
                                                  and groups()["comparison"].pattern.match(low, _lead_end(low, c.end(), e))):
                    parts.append(Part(s, e, "question"))
                else:
                    parts += [Part(s, c.end(), "fact"), Part(c.end(), e, "question")]
                break
        else:
            # Only a question mark: a bare answer ("English and German?") unless a question word or ending of any
            # language is in it ("양자화를 하면 ... 떨어지나요?", "bge-m3 可以商用吗?").
            parts.append(Part(s, e, "question", weak=not groups()["particle"].pattern.search(low, s, e)))
    return _claimed(low, parts)


def _aside(low: str, start: int, end: int) -> bool:
    """The sentence ``low[start:end]`` is made only of asides (group ``aside``), so "ignore that, it's 40k docs"
    and "we need to translate our manuals into Japanese" are not asides."""
    aside = groups()["aside"].pattern
    pos = _GAP.match(low, _lead_end(low, start, end), end).end()   # type: ignore[union-attr]
    found = False
    while pos < end:
        m = aside.match(low, pos, end)
        if m is None or m.end() == pos:
            return False
        found, pos = True, _GAP.match(low, m.end(), end).end()   # type: ignore[union-attr]
    return found


def _cost_asked(q: str) -> re.Match[str] | None:
    """The first cost cue that asks a cost, not one that only states a price ("X vs Y at $200 a month")."""
    for m in groups()["cost"].pattern.finditer(q):
        if not _AMOUNT_BEFORE.search(q, max(0, m.start() - 24), m.start()):
            return m
    return None


def _asks_at(low: str, pos: int, end: int, asks_mark: bool) -> bool:
    """An asking clause starts at ``pos``: an opener, or an asking word of another language in a sentence that
    ends with a question mark ("Vad är ...?", "... - ça change quelque chose ?")."""
    return _opens(low, pos, end) or (asks_mark and _opens(low, pos, end, "asking"))


def _frames(low: str, start: int, stop: int) -> bool:
    """The stated part ``low[start:stop]`` before an asking clause only frames the question: a hypothesis ("if we
    had 20M articles"), a short setup ("on a p3.8xlarge"), or a phrase led by a preposition that does not speak of
    the user's own data ("for documents of 3,000 tokens", "bei 5 Mio. Dokumenten"; not "for our 2M contracts")."""
    lead = _lead_end(low, start, stop)
    if _HYPOTHESIS.match(low, start) or _SETUP.fullmatch(low, lead, stop):
        return True
    return bool(groups()["setup"].pattern.match(low, lead, stop)) and not groups()["own"].pattern.search(low, lead, stop)


def _claimed(low: str, parts: list[Part]) -> list[Part]:
    """A question that states a need is read as a request: one whose figure the next sentence claims as the user's
    own ("could the indexing fit in 6 hours? that's our nightly window", "...under $300 a month? that is our
    budget"), and one that corrects a figure ("is it a problem if it's more like 800k?", "...400k? I misread
    the dashboard")."""
    out = list(parts)
    correction = groups()["correction"].pattern
    for i, p in enumerate(parts):
        if p.kind != "question":
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) and parts[i + 1].kind == "fact" else None
        claimed = nxt is not None and _CLAIM.match(low, nxt.start, nxt.end)
        corrected = correction.search(low, p.start, p.end) or (
            nxt is not None and _DIGIT.search(low, p.start, p.end) and correction.search(low, nxt.start, nxt.end))
        if claimed or corrected:
            out[i] = Part(p.start, p.end, "request")
    return out


def stated_at(low: str, pos: int) -> bool:
    """True when the sentence holding ``pos`` states or requests needs rather than asking: no question mark, or a
    request phrased as a question ("can we say cloud is OK after all?", "could we switch to the cloud?")."""
    for m in _SENTENCE.finditer(low):
        s, e = m.span()
        if s <= pos < e or (s == e == pos):
            if not re.search(r"\?[.!?]*\s*$", low[s:e]) or _opens(low, s, e, "request"):
                return True
            # "a research project, not commercial - does that change anything?": stated, then asked (a sentence that
            # opens as a question, "is OpenAI ok, or ...?", states nothing)
            return not _opens(low, s, e) and any(_opens(low, c.end(), e) for c in _CLAUSE_START.finditer(low, pos, e))
    return True


def _find(name: str, low: str) -> list[re.Match[str]]:
    return list(groups()[name].pattern.finditer(low))


def _names_in(prep: Prepared, spans: list[tuple[int, int]]) -> list[str]:
    out = []
    for s, e, kind in find_model_names(prep.text.lower()):
        if kind != "mention" and any(a <= s and e <= b for a, b in spans):
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
    r.asks, r.confident = _classify(r, q_low)
    if r.asks == UNKNOWN and all(p.weak for p in parts if p.kind == "question"):
        # "English and German?": a question mark, but nothing asked about models, costs, concepts or the tool.
        r.parts = [Part(p.start, p.end, "fact") if p.kind == "question" else p for p in parts]
        r.asks, r.confident, r.question_text = None, True, ""
    return r


def raw_low_in(low: str, spans: list[tuple[int, int]]) -> str:
    """The lower-cased text of ``spans`` (model names not blanked), joined."""
    return " ".join(low[s:e] for s, e in spans)
