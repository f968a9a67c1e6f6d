"""Hard constraints: what a profile rules out, as a Chroma-expressible :class:`CardFilter` plus the
per-card checks the filter cannot express. A card with any :class:`Violation` is never recommended.

A hard exclusion needs a known fact (docs/advisor.md, "Hard constraints"); a missing fact lowers
confidence and produces a caveat instead ("unknown is not no"):

- privacy ``local_only`` -> open weights only.
- ``commercial_use: true`` -> a licence that forbids commercial use (``commercial_use: false`` on the
  card) is excluded; unclassified terms (custom licence, none stated, an API's terms) are a caveat.
  Not given -> commercial use is assumed (the cautious reading: most people asking deploy for a business),
  so a non-commercial licence is excluded as resting on that assumption; only ``commercial_use: false``
  (research, personal use) lets those licences in.
- languages: a card that *states* its languages and lacks one of yours is excluded; a card that lists
  none, or whose list is marked incomplete (``languages_exhaustive: false``), stays with a caveat.
- modality: text -> text; code -> text (code is text; code evidence is preferred in ranking);
  image -> image; audio -> audio; multimodal -> text + image.
- lifecycle: a retired model is excluded (calls fail); a deprecated one gets a caveat and a rank penalty.
- feasibility (memory, indexing window, latency, throughput, budget): :mod:`agents.decide.feasibility`.
- cross-encoders/rerankers and MTEB reference baselines are not deployable embedding models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from agents.decide.feasibility import ESTIMATE_TOLERANCE, Feasibility, Violation, assess
from agents.decide.setup import Setup, resolve_setup
from agents.profile import Profile
from knowledge.filters import CardFilter, languages_open
from knowledge.languages import UNIDENTIFIED, covers, language_name
from knowledge.schema import Card

CLEARLY_TOO_SLOW = ESTIMATE_TOLERANCE   # kept for callers of the old name
_BASELINE = re.compile(r"^(baseline/|mteb/baseline-)")

# data_type -> modalities a card must list (every one)
MODALITY_RULE: dict[str, tuple[str, ...]] = {
    "text": ("text",), "code": ("text",), "image": ("image",), "audio": ("audio",),
    "multimodal": ("text", "image"),
}

__all__ = ["CLEARLY_TOO_SLOW", "Constraints", "MODALITY_RULE", "Violation", "fact_ok", "fact_violations",
           "hard_constraints", "is_embedding_model", "languages_open", "lifecycle_status", "needed_modalities", "violations"]


def needed_modalities(profile: Profile) -> tuple[str, ...]:
    """The modalities a card must list: the data's, plus the queries' when they differ (text queries over audio need a
    model that embeds text and audio)."""
    mods = MODALITY_RULE.get(profile.data_type or "", ())
    query = profile.query_type
    return mods + (query,) if mods and query and query not in mods else mods


@dataclass
class Constraints:
    """The hard constraints of one profile, with the setup models would run on; feasibility is computed once per card."""

    profile: Profile
    card_filter: CardFilter
    rules: tuple[str, ...] = field(default=())
    setup: Setup | None = None
    _assessed: dict[str, Feasibility] = field(default_factory=dict, repr=False)

    def assess(self, card: Card) -> Feasibility:
        """Feasibility of ``card`` (cached per card for this profile)."""
        if card.id not in self._assessed:
            self._assessed[card.id] = assess(card, self.profile, self.setup or resolve_setup(self.profile))
        return self._assessed[card.id]

    def check(self, card: Card) -> list[Violation]:
        """Every hard constraint ``card`` breaks (empty = feasible)."""
        return fact_violations(card, self.profile) + self.assess(card).violations

    def feasible(self, card: Card) -> bool:
        """Same answer as ``not check(card)``, without building the sentences (the ranking asks for every card)."""
        return fact_ok(card, self.profile) and self.assess(card).ok


def is_embedding_model(card: Card) -> bool:
    """False for cross-encoders/rerankers and MTEB reference baselines (nothing to deploy as an index)."""
    return card.model_type != "cross-encoder" and not _is_baseline(card.id)


@lru_cache(maxsize=8192)
def _is_baseline(card_id: str) -> bool:
    return bool(_BASELINE.match(card_id))


def lifecycle_status(card: Card) -> str | None:
    """``active | deprecated | retired`` when the card states it (issue 12's lifecycle field), else None."""
    life = card.__dict__.get("lifecycle")  # a plain dict read: pydantic's getattr of an absent field is slow
    return getattr(life, "status", None) if life is not None else None


def hard_constraints(profile: Profile, setup: Setup | None = None) -> Constraints:
    """The filter Chroma applies at retrieval, the rules in words (for the "steps" view) and the setup."""
    setup = setup or resolve_setup(profile)
    rules: list[str] = []
    mods = needed_modalities(profile)
    if mods:
        queries = f" with {profile.query_type} queries" if profile.query_type else ""
        rules.append(f"data type {profile.data_type}{queries} -> card lists {' + '.join(mods)}")
    open_weights = True if profile.privacy == "local_only" else None
    if open_weights:
        rules.append("local_only -> open weights only")
    if profile.commercial_use is not False:
        rules.append("commercial use" + (" (assumed: not given)" if profile.commercial_use is None else "")
                     + " -> licences that forbid it excluded; unclassified terms are a caveat")
    langs = tuple(profile.languages or ())
    if langs:
        rules.append("languages -> a card that states its languages must list " + ", ".join(language_name(c) for c in langs)
                     + " (cards without a complete list stay, with a caveat)")
    rules.append(f"self-hosted models run on {setup.label}: weights x{setup.overhead:g} must fit {setup.memory_gb:g} GB "
                 f"at {setup.precision}" + (" (int8 when fp32 does not fit)" if setup.kind != "gpu" else ""))
    if profile.documents:
        rules.append(f"indexing window {setup.window_hours:g} h: excluded when the estimated encode time misses it by "
                     f"more than x{ESTIMATE_TOLERANCE:g}")
    if profile.latency_ms or profile.queries_per_second:
        rules.append(f"latency/throughput -> excluded when the estimate misses your figure by more than x{ESTIMATE_TOLERANCE:g}")
    if profile.budget_usd_month is not None:
        rules.append(f"budget -> first-month cost (one-off index + monthly) must fit ${profile.budget_usd_month:g}")
    rules.append("retired models excluded")
    flt = CardFilter(modalities=mods, open_weights=open_weights, commercial_use=profile.commercial_use is not False,
                     languages=langs)
    return Constraints(profile, flt, tuple(rules), setup)


def violations(card: Card, profile: Profile, setup: Setup | None = None) -> list[Violation]:
    """Every hard constraint of ``profile`` that ``card`` breaks, with a reason that cites the fact or number."""
    return fact_violations(card, profile) + assess(card, profile, setup or resolve_setup(profile)).violations


@dataclass(frozen=True)
class _Facts:
    """The card facts the hard rules read, extracted once per card object."""

    usable: bool                     # an embedding model, not retired
    modalities: frozenset[str]
    open_weights: bool
    forbids_commercial: bool
    languages: frozenset[str] | None  # None = the list cannot exclude (absent or incomplete)
    multilingual: bool = False


_FACTS: dict[int, tuple[Card, _Facts]] = {}


def _facts(card: Card) -> _Facts:
    hit = _FACTS.get(id(card))
    if hit is not None and hit[0] is card:
        return hit[1]
    facts = _Facts(is_embedding_model(card) and lifecycle_status(card) != "retired", frozenset(card.modalities),
                   card.open_weights, card.commercial_use is False,
                   None if languages_open(card) else frozenset(card.languages), bool(card.multilingual))
    if len(_FACTS) > 50_000:
        _FACTS.clear()
    _FACTS[id(card)] = (card, facts)
    return facts


def fact_ok(card: Card, profile: Profile) -> bool:
    """True when no card fact rules ``card`` out: ``not fact_violations(card, profile)``, computed cheaply."""
    f = _facts(card)
    if not f.usable or (profile.privacy == "local_only" and not f.open_weights):
        return False
    if profile.commercial_use is not False and f.forbids_commercial:
        return False
    if not f.modalities.issuperset(needed_modalities(profile)):
        return False
    if not profile.languages or f.languages is None:
        return True
    if f.languages.issuperset(profile.languages):   # the common case, one set operation
        return True
    return UNIDENTIFIED in profile.languages and all(covers(f.languages, f.multilingual, c) for c in profile.languages)


def fact_violations(card: Card, profile: Profile) -> list[Violation]:
    """The constraints decided by card facts alone (no estimate involved)."""
    out: list[Violation] = []
    if not is_embedding_model(card):
        what = "an MTEB reference baseline" if _is_baseline(card.id) else \
            "a cross-encoder/reranker (scores text pairs; cannot build a vector index)"
        out.append(Violation("not_embedding_model", f"{what}, not an embedding model to deploy"))
    out += _modality(card, profile)
    if profile.privacy == "local_only" and not card.open_weights:
        out.append(Violation("privacy", "cloud API only; your data must stay on your own machines (privacy: Local only)"))
    if profile.commercial_use is not False and card.commercial_use is False:
        out.append(Violation("commercial_use", f"licence {card.license or 'terms'} forbids commercial use",
                             profile.commercial_use is None))
    missing = [c for c in profile.languages or () if not covers(card.languages, card.multilingual, c)]
    if missing and not languages_open(card):
        what = (f"does not list {_names([c for c in missing if c != UNIDENTIFIED])}" if missing != [UNIDENTIFIED] else
                "not broadly multilingual, and you do not seem to write in English")
        out.append(Violation("language:" + ",".join(missing), f"{what} ({_listed(card)})"))
    if lifecycle_status(card) == "retired":
        life = card.lifecycle
        when = f" on {life.date.isoformat()}" if getattr(life, "date", None) else ""
        succ = f"; successor {life.successor}" if getattr(life, "successor", None) else ""
        out.append(Violation("retired", f"retired by its provider{when}{succ}"))
    return out


def _names(codes: list[str]) -> str:
    return ", ".join(language_name(c) for c in codes)


def _listed(card: Card) -> str:
    if len(card.languages) <= 3:
        return "it lists only " + _names(card.languages)
    return f"it lists {len(card.languages)} other languages"


def _modality(card: Card, profile: Profile) -> list[Violation]:
    need = needed_modalities(profile)
    missing = [m for m in need if m not in card.modalities]
    if not missing:
        return []
    data_missing = [m for m in missing if m in MODALITY_RULE.get(profile.data_type or "", ())]
    why = f"you have {profile.data_type} data" if data_missing else f"your queries are {profile.query_type}"
    return [Violation("modality", f"handles {' + '.join(card.modalities)}, not {' + '.join(missing)} ({why})")]
