"""What every answer needs: the question, the user's needs (and the what-if numbers the question states),
the current recommendation, the knowledge base; and the :class:`Answer` it returns."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agents.decide.evidence import Metric, evidence_for
from agents.decide.recommendation import Recommendation
from agents.profile import Profile
from agents.understand.intent import Reading
from knowledge.base import KnowledgeBase
from knowledge.filters import languages_open
from knowledge.schema import Card

# Who makes which models: "the OpenAI one" -> cards whose id starts with one of these organisations.
PROVIDER_ORGS: dict[str, tuple[str, ...]] = {
    "openai": ("openai/",), "open": ("openai/",), "cohere": ("cohere/", "Cohere/"), "voyage": ("voyageai/",),
    "google": ("google/",), "gemini": ("google/gemini",), "jina": ("jinaai/",), "nomic": ("nomic-ai/",),
    "mistral": ("mistralai/",), "amazon": ("amazon/", "bedrock/amazon"), "titan": ("amazon/", "bedrock/amazon"),
    "bge": ("BAAI/bge",), "qwen": ("Qwen/",), "e5": ("intfloat/",), "gte": ("thenlper/", "Alibaba-NLP/gte"),
    "mxbai": ("mixedbread-ai/",), "snowflake": ("Snowflake/",), "arctic": ("Snowflake/",),
}
_ORDINAL = {"first": 0, "top": 0, "best": 0, "second": 1, "third": 2, "number one": 0, "one": 0, "two": 1, "three": 2}
# The picks by rank, in the order the question names them ("why is #2 above #3?", "option 1 vs option 2")
_ORDINAL_RE = re.compile(r"\b(first|second|third|top|best|number one)\b|(?:#\s?|\b(?:number|no\.?|nr\.?|option|choice|"
                         r"candidate) (?:#\s?)?)([1-9]\b|one\b|two\b|three\b)")
# "compare the top two", "your picks": several of the advisor's picks at once
_SEVERAL_RE = re.compile(r"\b(?:top|first) (two|2|three|3)\b|\b(?:all|the) (two|three)\b|"
                         r"\b(?:your|the|these|those) (picks|candidates|recommendations|suggestions)\b")


def _rank(m: re.Match[str]) -> int:
    """The 0-based rank an ordinal names ("second" -> 1, "#3" -> 2)."""
    word = m.group(1) or m.group(2)
    return int(word) - 1 if word.isdigit() else _ORDINAL.get(word, 0)


@dataclass
class Answer:
    """An answer in Markdown, the facts it states (one per line) and their sources."""

    kind: str
    text: str
    facts: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    found: bool = True              # False: the knowledge base does not hold the answer (said so in ``text``)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "facts": self.facts, "sources": self.sources,
                "models": self.models, "found": self.found}


@dataclass
class AnswerContext:
    """Everything an answer may draw on. ``what_if`` is the profile with the numbers, languages or hardware the
    question itself states ("would bge-m3 handle 2M docs in Polish?"); the user's needs stay ``profile``."""

    question: str
    reading: Reading
    profile: Profile
    kb: KnowledgeBase
    rec: Recommendation | None = None
    what_if: Profile | None = None
    what_if_changes: dict[str, Any] = field(default_factory=dict)
    recommend: Callable[[Profile], Recommendation | None] | None = None
    earlier: Callable[[], list[str]] | None = None   # models named in the user's earlier messages, newest first
    _what_if_rec: Recommendation | None = None

    @property
    def needs(self) -> Profile:
        """The profile the answer is computed for (what-if values included)."""
        return self.what_if or self.profile

    @property
    def low(self) -> str:
        return self.question.lower()

    def current(self) -> Recommendation | None:
        """The recommendation for :attr:`needs` (re-ranked only when the question states what-if values)."""
        if not self.what_if_changes:
            return self.rec
        if self._what_if_rec is None and self.recommend is not None:
            self._what_if_rec = self.recommend(self.needs)
        return self._what_if_rec or self.rec

    def metric(self) -> Metric | None:
        rec = self.current()
        m = (rec.evidence or {}).get("metric") if rec else None
        return Metric(m["benchmark"], m["aggregate"]) if m else None

    def card(self, model_id: str) -> Card | None:
        try:
            return self.kb.catalog.get(model_id)
        except KeyError:
            return None

    def picks(self) -> list[str]:
        rec = self.current()
        return [p.model for p in rec.recommendations] if rec else []

    def targets(self, cheapest: bool = False) -> list[str]:
        """The card ids the question is about: named models, a provider's best model (its cheapest current one
        that reads the user's languages when ``cheapest``), or the advisor's pick."""
        out = list(self.reading.models)
        for provider in self.reading.providers:
            card = (self.provider_cheapest(provider) if cheapest else None) or self.provider_card(provider)
            if card and card not in out:
                out.append(card)
        several = _SEVERAL_RE.search(self.low) if self.reading.pick and not out else None
        if several:
            word = next(g for g in several.groups() if g)
            n = 2 if word in ("two", "2") else 3
            return self.picks()[:n]
        if self.reading.pick and (not out or len(out) == 1):
            picks = self.picks()
            ranks = [_rank(m) for m in _ORDINAL_RE.finditer(self.low)] or [0]
            for i in dict.fromkeys(ranks[:1] if out else ranks):
                if i < len(picks) and picks[i] not in out:
                    out.append(picks[i])
        return out

    def earlier_models(self) -> list[str]:
        """Card ids the user named in earlier messages, newest first ("what's the difference between those two?")."""
        return list(self.earlier()) if self.earlier is not None else []

    def provider_cards(self, provider: str) -> list[Card]:
        orgs = PROVIDER_ORGS.get(provider.lower().replace(" ", ""), ())
        return [c for c in self.kb.catalog if c.id.startswith(orgs) and c.variant_of is None] if orgs else []

    def provider_cheapest(self, provider: str) -> str | None:
        """The provider's cheapest priced model that is current (not legacy, deprecated or retired) and does not
        state a language list without the user's languages ("which is cheaper, OpenAI or Cohere?")."""
        langs = set(self.needs.languages or ())
        cards = [c for c in self.provider_cards(provider) if c.pricing is not None and c.pricing.usd_per_1m_tokens
                 is not None and (c.lifecycle is None or c.lifecycle.status == "active")
                 and (not langs or languages_open(c) or langs <= set(c.languages))]
        return min(cards, key=lambda c: (c.pricing.usd_per_1m_tokens, c.id)).id if cards else None

    def provider_card(self, provider: str) -> str | None:
        """A provider's model for this user: one of the picks, else its best comparable score, else its newest."""
        cards = self.provider_cards(provider)
        if not cards:
            return None
        for p in self.picks():
            if any(c.id == p for c in cards):
                return p
        metric = self.metric()
        if metric:
            scored = [(evidence_for(c, metric).value, c.id) for c in cards]
            scored = [s for s in scored if s[0] is not None]
            if scored:
                return max(scored)[1]
        return max(cards, key=lambda c: (c.release_date.isoformat() if c.release_date else "", c.id)).id

    def what_if_note(self) -> str:
        """One sentence naming the values taken from the question (empty when there are none)."""
        if not self.what_if_changes:
            return ""
        from agents.converse.replies import describe

        said = "; ".join(describe(f, v) for f, v in self.what_if_changes.items())
        return f"_Computed with what your question states ({said}); your needs profile is unchanged._"


def card_source(card: Card) -> dict[str, Any]:
    """The card's main source (its reference, else the first sourced URL) for the answer's citations."""
    url = card.reference or next((s.url for s in card.sources if s.url), None)
    as_of = max((s.as_of for s in card.sources), default=None)
    return {"title": f"model card {card.id}", "url": url, "as_of": as_of.isoformat() if as_of else None}
